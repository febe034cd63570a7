/* Exporting the record: the private sub-fields encrypted to the Technical Secretariat's keys (what
 * leaves the page never holds them in plaintext), the YAML file, and GitHub's new-file address.
 * tests/js/exportacion.test.mjs. */
import { cifrados, separar } from "./reglas.js";
import { aYaml } from "./yaml.js";
import { tx } from "./textos.js";

/** The record as it leaves the page: each private group with something typed, encrypted with age
 * (`cargarAge()` → the age module) to `destinatarios`; a Promise of the public data. */
export function sellar(esquema, datos, destinatarios, cargarAge) {
  const grupos = cifrados(esquema), partes = separar(esquema, datos), publicos = partes.publicos;
  const pendientes = Object.keys(partes.privados).filter((k) => Object.keys(partes.privados[k]).length);
  if (!pendientes.length) return Promise.resolve(publicos);
  if (!destinatarios.length) return Promise.reject(new Error(tx("sin_claves")));
  return cargarAge().then((age) => Promise.all(pendientes.map((k) => {
    const g = grupos[k], e = new age.Encrypter();
    destinatarios.forEach((d) => { e.addRecipient(d); });
    return e.encrypt(aYaml(partes.privados[k], g.contenido, []).replace(/^\n/, "")).then((binario) => {
      const obj = {};  // the schema's order
      Object.keys(esquema.properties[k].properties).forEach((c) => {
        if (c === g.bloque) obj[c] = age.armor.encode(binario);
        else if (c in publicos[k]) obj[c] = publicos[k][c];
      });
      publicos[k] = obj;
    });
  }))).then(() => publicos);
}

/** The file's text, with the template's first lines (the schema's modeline, the title). */
export function archivo(datos, esquema, modelo, titulo) {
  return aYaml(datos, esquema, [modelo, "# " + titulo + ".", "# " + tx("yaml_escrita")]);
}

/** GitHub's page to create the file in its folder: {base, url, cabe}; a long record does not fit
 * in an address (8000 characters), so its text is copied and the empty page opened. */
export function enGithub(repo, carpeta, pais, nombre, texto) {
  const base = repo + "/new/main/" + carpeta + "/" + String(pais).toLowerCase() + "?filename=" + encodeURIComponent(nombre + ".yml");
  const url = base + "&value=" + encodeURIComponent(texto);
  return { base, url, cabe: url.length <= 8000 };
}

export function noSeExporto(la, lista) {
  return tx(lista.length === 1 ? "no_exportado_uno" : "no_exportado_varios", { la, n: lista.length, primero: lista[0].etiqueta });
}
