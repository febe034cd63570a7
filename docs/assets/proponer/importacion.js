/* Importing a record's file (.yml) into the form: read as YAML 1.1 data without anchors or repeated
 * keys, keys the record does not have set aside. tests/js/importacion.test.mjs. */
import { SLUG_RE } from "./reglas.js";
import { uno } from "./estado.js";

/** {datos, nombre, desconocidas} from the file's text; an Error whose message says what to do.
 * `parseDocument` is the yaml library's (bundled for the page, from npm under Node). */
export function leerRegistro(parseDocument, texto, nombreArchivo, esquema, la) {
  const doc = parseDocument(texto.replace(/^\ufeff/, ""), { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0], linea = e.linePos && e.linePos[0] ? " (línea " + e.linePos[0].line + ")" : "";
    const que = e.code === "DUPLICATE_KEY" ? "una clave aparece dos veces"
      : e.code === "TAB_AS_INDENT" ? "hay tabuladores en la sangría; use espacios" : "revise la sangría, los dos puntos y las comillas";
    throw new Error("No se pudo leer " + nombreArchivo + linea + ": " + que + ".");
  }
  const datos = doc.toJS({ maxAliasCount: 0 });
  if (!datos || typeof datos !== "object" || Array.isArray(datos)) {
    throw new Error(nombreArchivo + " no es " + uno(la) + ": debe ser una lista de claves con sus valores, como «pais: ARG».");
  }
  const desconocidas = Object.keys(datos).filter((k) => !(k in esquema.properties));
  desconocidas.forEach((k) => { delete datos[k]; });
  const nombre = nombreArchivo.replace(/\.ya?ml$/i, "");
  return { datos, nombre: SLUG_RE.test(nombre) ? nombre : "", desconocidas };
}

export function avisoImportado(nombreArchivo, desconocidas, la) {
  return "Se importó " + nombreArchivo + "." + (desconocidas.length ? " Se ignoraron claves que no son de " + la + ": " +
    desconocidas.join(", ") + "." : "") + " Pulse «Comprobar» para revisarla.";
}
