import { tx } from "./textos.js";

/* The form's page: what the page says about the record it proposes (its data- attributes), and
 * the state the page keeps between renderings. No DOM here: tests/js/estado.test.mjs. */

/** The page's configuration from its root element's dataset (data-carpeta, data-tipo…). */
export function configuracion(dataset) {
  const carpeta = dataset.carpeta || "fichas";                 // where the file goes in the repository
  const tipo = dataset.tipo || "ficha";                        // the kind of record: «ficha», «perfil»
  return {
    carpeta,
    tipo,
    campoNombre: dataset.campoNombre || "titulo",                // the file's name is made from this field
    la: tx("la_" + tipo),                                        // «la ficha», «el perfil»: how messages name it
    titulo: tx("titulo_" + tipo),
    repo: dataset.repo,
    modelo: dataset.modelo,
    correoSt: dataset.correoSt,
    secciones: JSON.parse(dataset.secciones || "{}"),
    destinatarios: JSON.parse(dataset.destinatarios || "[]"),
    borrador: "catalogo-csm:proponer:" + (carpeta === "fichas" ? "" : carpeta + ":") + "borrador:v1",
  };
}

/** What the page keeps while the person writes: imported keys the form does not show (kept as
 * they were), imported encrypted blocks (kept unless the contact is typed again), and whether the
 * file name was typed (otherwise it follows the title). */
export function nuevoEstado() {
  return { extras: {}, bloques: {}, nombreManual: false };
}

/** The encrypted blocks a record brings ({contacto: "-----BEGIN AGE…"}), by the schema's groups. */
export function bloquesDe(grupos, datos) {
  const out = {};
  Object.keys(grupos).forEach((k) => {
    const b = datos && datos[k] && datos[k][grupos[k].bloque];
    if (typeof b === "string" && b) out[k] = b;
  });
  return out;
}

