/* The form's words in the page's language: the page writes them as data (a JSON block from
 * schema/idiomas/<código>/paginas.yml «formulario» and the validator's messages from
 * schema/idiomas/<código>/mensajes.yml), formulario.js hands them here first, and every module
 * reads them through tx(). No script holds a sentence of its own. No DOM: tested with node --test. */
const actuales = { idioma: "es", interfaz: {}, mensajes: {} };

/** The page's texts: {idioma, interfaz: {clave: texto}, mensajes: {nombre: plantilla}}. */
export function usarTextos(datos) {
  actuales.idioma = (datos && datos.idioma) || "es";
  actuales.interfaz = (datos && datos.interfaz) || {};
  actuales.mensajes = (datos && datos.mensajes) || {};
}

/** {placeholders} filled as Python's str.format does (the catalogues are shared with Python). */
export function rellenar(plantilla, valores = {}) {
  return plantilla.replace(/\{\{|\}\}|\{(\w+)\}/g, (m, k) => {
    if (m === "{{") return "{";
    if (m === "}}") return "}";
    if (!(k in valores)) throw new Error("falta {" + k + "} en: " + plantilla);
    return String(valores[k]);
  });
}

/** The interface text `clave` with its {placeholders} filled; a key the page did not give is the code's
 * mistake. {la} («la ficha») comes also as {La}, capitalised, for a language that starts a sentence with it. */
export function tx(clave, valores = {}) {
  const plantilla = actuales.interfaz[clave];
  if (plantilla === undefined) throw new Error("texto desconocido: " + clave);
  const conLa = "la" in valores ? { La: String(valores.la).charAt(0).toUpperCase() + String(valores.la).slice(1), ...valores } : valores;
  return rellenar(plantilla, conLa);
}

/** The validator's message `nombre` in the page's language, or undefined (then the Spanish source). */
export function mensajeDelIdioma(nombre) { return actuales.mensajes[nombre]; }

/** The page's language (its dates, its numbers). */
export function idioma() { return actuales.idioma; }
