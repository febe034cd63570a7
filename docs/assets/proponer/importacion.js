/* Importing a record's file (.yml) into the form: read as YAML 1.1 data without anchors or repeated
 * keys, keys the record does not have set aside. tests/js/importacion.test.mjs. */
import { SLUG_RE } from "./reglas.js";
import { tx } from "./textos.js";

/** {datos, nombre, desconocidas} from the file's text; an Error whose message says what to do.
 * `parseDocument` is the yaml library's (bundled for the page, from npm under Node). */
export function leerRegistro(parseDocument, texto, nombreArchivo, esquema, tipo) {
  const doc = parseDocument(texto.replace(/^\ufeff/, ""), { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0], linea = e.linePos && e.linePos[0] ? tx("linea", { n: e.linePos[0].line }) : "";
    const que = tx(e.code === "DUPLICATE_KEY" ? "clave_repetida" : e.code === "TAB_AS_INDENT" ? "tabuladores" : "revise_sangria");
    throw new Error(tx("no_leido", { archivo: nombreArchivo, linea, que }));
  }
  const datos = doc.toJS({ maxAliasCount: 0 });
  if (!datos || typeof datos !== "object" || Array.isArray(datos)) {
    throw new Error(tx("no_es", { archivo: nombreArchivo, uno: tx("una_" + (tipo || "ficha")) }));
  }
  const desconocidas = Object.keys(datos).filter((k) => !(k in esquema.properties));
  desconocidas.forEach((k) => { delete datos[k]; });
  const nombre = nombreArchivo.replace(/\.ya?ml$/i, "");
  return { datos, nombre: SLUG_RE.test(nombre) ? nombre : "", desconocidas };
}

export function avisoImportado(nombreArchivo, desconocidas, la) {
  return tx("importado", { archivo: nombreArchivo }) + (desconocidas.length ? tx("ignoradas", { la, claves: desconocidas.join(", ") }) : "") +
    tx("importado_fin");
}
