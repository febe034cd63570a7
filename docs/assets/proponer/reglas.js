/* The form's rules, without the page: word count, file name, the «otro» conditions, the checks
 * CI makes in code, and one message per problem in the page's language (textos.js), named by the form's label.
 * Everything is read from the schema (generated from schema/campos.yml); nothing here touches
 * the DOM, so `node --test tests/js/` runs it as the browser does. */

import catalogo from "./mensajes.js";
import { mensajeDelIdioma, rellenar, tx } from "./textos.js";

// The rules and messages shared with the validator (schema/mensajes.yml, written by `make schema`).
export const REGLAS = catalogo.reglas;

/** The catalogue's message `nombre` in the page's language (the Spanish source when it lacks one),
 * its {placeholders} filled as Python's str.format does. */
export function mensaje(nombre, valores = {}) {
  const plantilla = mensajeDelIdioma(nombre) ?? catalogo.mensajes[nombre];
  if (plantilla === undefined) throw new Error("mensaje desconocido: " + nombre);
  return rellenar(plantilla, valores);
}

function clase(rangos) {  // a regex character class from code point ranges
  const c = (n) => "\\u{" + n.toString(16) + "}";
  return "[" + rangos.map(([a, b]) => (a === b ? c(a) : c(a) + "-" + c(b))).join("") + "]";
}

// Words are separated by what Python's str.split() and the schema's patterns take as space
// (JavaScript's \s differs in six characters), so the form counts as CI does.
export const ESPACIOS = new RegExp(clase(REGLAS.espacios) + "+", "u");
export const PLANTILLA = REGLAS.marca_plantilla;
export const SLUG_RE = new RegExp(REGLAS.patron_slug);

/** A typed value as a message shows it: cut after `mostrar_hasta` characters (code points, as Python counts). */
export function mostrar(valor) {
  const t = Array.from(typeof valor === "string" ? valor : JSON.stringify(valor)), n = REGLAS.mostrar_hasta;
  return t.length <= n ? t.join("") : t.slice(0, n - 3).join("") + "…";
}

/** The value inside Word's typographic quotes (“2024-03-15” → 2024-03-15), null if it has none. */
export function sinComillasTipograficas(valor) {
  if (typeof valor !== "string") return null;
  const v = valor.trim();
  for (const [a, b] of REGLAS.comillas_tipograficas) {
    if (Array.from(v).length > 2 && v.startsWith(a) && v.endsWith(b)) return v.slice(a.length, -b.length).trim();
  }
  return null;
}

function avisoComillas(valor) {
  const dentro = sinComillasTipograficas(valor);
  if (dentro === null) return "";
  const v = Array.from(valor.trim());
  return mensaje("comillas_tipograficas", { abre: v[0], cierra: v[v.length - 1], dentro });
}

export function palabras(t) {
  return String(t).split(ESPACIOS).filter(Boolean).length;
}

export function slug(t) {
  let s = String(t).normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (s.length > 60) { const c = s.slice(0, 61), i = c.lastIndexOf("-"); s = i >= 0 ? c.slice(0, i) : c; }
  return s;
}

/** A date as the schema wants it (AAAA-MM-DD) from what people type: 15/03/2024, 15-3-2024,
 * 15.03.2024 or 2024-03-15; "" when it is not a date (the text is then kept as typed). */
export function fechaIso(texto) {
  const t = sinComillas(String(texto || "").trim());
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t), a, mes, d;
  if (m) { a = +m[1]; mes = +m[2]; d = +m[3]; } else {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
    if (!m) return "";
    d = +m[1]; mes = +m[2]; a = +m[3];
  }
  const f = new Date(Date.UTC(a, mes - 1, d));
  if (f.getUTCFullYear() !== a || f.getUTCMonth() !== mes - 1 || f.getUTCDate() !== d) return "";
  return a + "-" + String(mes).padStart(2, "0") + "-" + String(d).padStart(2, "0");
}

const PARES = [['"', '"'], ["'", "'"], ["\u201c", "\u201d"], ["\u2018", "\u2019"], ["\u201e", "\u201c"]];

/** A one-line value without the quotes typed around the whole of it ("85 %" → 85 %): the
 * file quotes what needs quoting; typed quotes would be published as part of the text. */
export function sinComillas(texto) {
  const t = String(texto).trim();
  for (const [a, b] of PARES) {
    if (t.length > 2 && t.startsWith(a) && t.endsWith(b) && t.slice(1, -1).indexOf(b) < 0) return t.slice(1, -1).trim();
  }
  return texto;
}

export function vacio(v) {
  if (v == null) return true;
  if (typeof v === "string") return v.trim() === "";
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object") return Object.keys(v).length === 0;
  return false;
}

export function esNum(p) { return typeof p === "number"; }

/** The schema of the value at `path` (["productos", 0, "url"]). A private sub-field that travels
 * encrypted ("x-cifrado-en") is described by the block's "x-contenido": that is what the form asks. */
export function sub(esquema, path) {
  let s = esquema;
  path.forEach((p) => {
    const padre = s;
    s = esNum(p) ? (s.items || {}) : ((s.properties || {})[p] || {});
    if (s["x-cifrado-en"]) {
      const bloque = padre.properties[s["x-cifrado-en"]];
      s = Object.assign({}, bloque["x-contenido"].properties[p], { title: s.title, description: s.description, "x-privado": true });
    }
  });
  return s || {};
}

/** The encrypted groups of the schema: {contacto: {bloque: "privado", claves: ["nombre", …], contenido: {…}}}. */
export function cifrados(esquema) {
  const out = {};
  Object.keys(esquema.properties || {}).forEach((k) => {
    const props = esquema.properties[k].properties || {};
    Object.keys(props).forEach((b) => {
      if (props[b]["x-cifrado"]) out[k] = { bloque: b, claves: props[b]["x-cifrado"], contenido: props[b]["x-contenido"] };
    });
  });
  return out;
}

// stands for the block the form will write on export, so the rest of the ficha is checked as CI will see it
export const BLOQUE_PENDIENTE = "-----BEGIN AGE ENCRYPTED FILE-----\nPENDIENTE\n-----END AGE ENCRYPTED FILE-----\n";

/** The ficha as it will be exported, with each group's plaintext taken out: {publicos, privados}.
 * A group with something typed will be encrypted anew; one without keeps the block it came with. */
export function separar(esquema, datos) {
  const publicos = JSON.parse(JSON.stringify(datos)), privados = {};
  Object.entries(cifrados(esquema)).forEach(([k, g]) => {
    const obj = publicos[k];
    if (!obj || typeof obj !== "object") return;
    const valores = {};
    g.claves.forEach((c) => { if (c in obj) { if (!vacio(obj[c])) valores[c] = obj[c]; delete obj[c]; } });
    if (Object.keys(valores).length || !obj[g.bloque]) {
      privados[k] = valores;
      obj[g.bloque] = BLOQUE_PENDIENTE;
    }
  });
  return { publicos, privados };
}

/** A validator for what the form holds: the public part against the schema, the plaintext of each
 * encrypted group against what its block must contain. Same interface as Ajv's: .errors. */
export function compilar(ajv, esquema) {
  const principal = ajv.compile(esquema), grupos = cifrados(esquema), contenidos = {};
  Object.keys(grupos).forEach((k) => { contenidos[k] = ajv.compile(grupos[k].contenido); });
  function validar(datos) {
    const { publicos, privados } = separar(esquema, datos);
    let errores = principal(publicos) ? [] : principal.errors.slice();
    Object.keys(privados).forEach((k) => {
      if (!contenidos[k](privados[k])) {
        errores = errores.concat(contenidos[k].errors.map((e) => Object.assign({}, e, { instancePath: "/" + k + e.instancePath })));
      }
    });
    validar.errors = errores;
    return errores.length === 0;
  }
  return validar;
}

function titulo(esquema, path) {
  const q = path.slice();
  while (q.length && !sub(esquema, q).title) q.pop();
  return q.length ? sub(esquema, q).title : path.join(".");
}

/** "(2.4) Cifras relevantes/destacadas — Valor (n.º 1)", as the command line says it. */
export function rotulo(esquema, path) {
  const nums = path.filter(esNum);
  return titulo(esquema, path) + (nums.length ? " (" + tx("numero", { n: nums[nums.length - 1] + 1 }) + ")" : "");
}

export function opciones(s) {
  const f = s.enum ? s : s.items;
  return f.enum.map((v, i) => ({ valor: v, etiqueta: (f.enumDescriptions || [])[i] || v }));
}

/** The «otro, ¿cuál?» fields, read from the schema's if/then: {tema_otro: {base: "temas", valor: "otro"}}. */
export function condiciones(esquema) {
  const out = {};
  (esquema.allOf || []).forEach((regla) => {
    const si = regla.if && regla.if.properties, entonces = regla.then && regla.then.required;
    if (!si || !entonces) return;
    const base = Object.keys(si)[0], cond = si[base].contains;
    if (cond && "const" in cond) out[entonces[0]] = { base, valor: cond.const };
  });
  return out;
}

function desdePuntero(ptr) {
  return ptr ? ptr.slice(1).split("/").map((p) => {
    p = p.replace(/~1/g, "/").replace(/~0/g, "~");
    return /^\d+$/.test(p) ? +p : p;
  }) : [];
}

function valorEn(datos, path) {
  return path.reduce((v, p) => (v == null ? v : v[p]), datos);
}

function regla(esquema, schemaPath) {
  const m = /^#\/allOf\/(\d+)\/(then|else)/.exec(schemaPath);
  return m ? esquema.allOf[+m[1]][m[2]] : null;
}

function mensajeDe(r) {  // the errorMessage of a condition, without its leading label
  return r && r.errorMessage ? r.errorMessage.split(": ").slice(1).join(": ") : null;
}

/** The deepest `errorMessage` on the way to the failing keyword (conditions, oneOf), as the
 * validator's Traductor._mensaje_propio finds it; null if none. */
function mensajePropio(esquema, err) {
  const pasos = err.schemaPath.replace(/^#\/?/, "").split("/").filter((p) => p !== "").slice(0, -1);
  let nodo = esquema, hallado = null;
  for (const paso of pasos) {
    nodo = nodo && typeof nodo === "object" ? nodo[/^\d+$/.test(paso) && Array.isArray(nodo) ? +paso : paso] : undefined;
    if (nodo && typeof nodo === "object" && !Array.isArray(nodo)) {
      const em = nodo.errorMessage;
      if (typeof em === "string") hallado = em;
      else if (em && typeof em === "object" && err.keyword in em) hallado = em[err.keyword];
    }
  }
  return hallado;
}

function direccionSuelta(valor) {  // the bare address inside «mailto:ana@x.org» or «Ana <ana@x.org>»
  const m = new RegExp(REGLAS.direccion_suelta).exec(valor);
  return m && m[0] !== valor.trim() ? m[0] : null;
}

/** What is wrong with a text the schema's pattern, format or length refuses (the validator's
 * Traductor._pattern, same order and words). */
function formato(s, v) {
  const valor = typeof v === "string" ? v : "", fmt = s.format, comillas = avisoComillas(valor);
  if (comillas && ["email", "uri", "date"].includes(fmt)) return mensaje("no_valido_comillas", { valor: mostrar(valor), comillas });
  if (fmt === "email" && direccionSuelta(valor)) return mensaje("correo_con_extras", { valor: mostrar(valor), direccion: direccionSuelta(valor) });
  if (fmt === "email") return mensaje("correo_invalido", { valor: mostrar(valor) });
  if (fmt === "uri") return mensaje("enlace_invalido", { valor: mostrar(valor) });
  if (fmt === "date") return mensaje("fecha_invalida", { valor: mostrar(valor) });
  if (s["x-ruta"] && (valor.includes("\\") || /^[A-Za-z]:/.test(valor) || valor.startsWith("/"))) {
    const partes = valor.split(/[\\/]/);
    return mensaje("ruta_de_computadora", { valor: mostrar(valor), nombre: partes[partes.length - 1] });
  }
  if (s["x-max-palabras"] && palabras(valor)) return mensaje("palabras", { n: palabras(valor), maximo: s["x-max-palabras"] });
  if (!valor.trim()) return mensaje("vacio");
  if (s.patternErrorMessage) return s.patternErrorMessage.split(": ").slice(1).join(": ");
  return tx("no_valido", { valor: mostrar(valor), instruccion: s.description || "" });
}

function repetido(lista) {
  const vistos = [];
  for (const x of lista) {
    const k = JSON.stringify(x);
    if (vistos.includes(k)) return x;
    vistos.push(k);
  }
  return null;
}

/** One Ajv error → {path, texto[, etiqueta]}, in the validator's words; null when another error says it better. */
export function traducir(esquema, err, datos) {
  let path = desdePuntero(err.instancePath), s = sub(esquema, path);
  const v = valorEn(datos, path);
  const propio = mensajePropio(esquema, err);
  if (propio !== null) {  // a rule with its own message (schema/campos.yml): its label and text
    let [etiqueta, ...texto] = propio.split(": ");
    const nums = path.filter(esNum);
    const numero = nums.length ? " (" + tx("numero", { n: nums[nums.length - 1] + 1 }) + ")" : "";
    if (numero && etiqueta.indexOf(numero) < 0) etiqueta += numero;
    if (err.keyword === "required") path = path.concat(err.params.missingProperty);
    if (err.keyword === "not") {  // an «otro, ¿cuál?» text without «otro» in its list: the key it is about
      const r = regla(esquema, err.schemaPath), clave = r && r.not && r.not.required && r.not.required[0];
      if (clave) path = path.concat(clave);
    }
    return { path, texto: texto.join(": "), etiqueta };
  }
  switch (err.keyword) {
    case "required": {
      const clave = err.params.missingProperty;
      path = path.concat(clave);
      s = sub(esquema, path);
      if (s["x-mensaje-falta"]) {
        const [etiqueta, ...texto] = s["x-mensaje-falta"].split(": ");
        return { path, texto: texto.join(": "), etiqueta };
      }
      return { path, texto: mensaje("falta", { clave }) };
    }
    case "pattern": case "format": case "minLength": return { path, texto: formato(s, v) };
    case "maxLength": return { path, texto: mensaje("caracteres", { n: Array.from(String(v)).length, maximo: err.params.limit }) };
    case "enum": return { path, texto: tx("elija_de_la_lista") };
    case "minItems": return { path, texto: mensaje("lista_vacia") };
    case "maxItems": return { path, texto: mensaje("demasiados_elementos", { n: v.length, maximo: err.params.limit }) };
    case "uniqueItems": return { path, texto: mensaje("repetido", { valor: mostrar(repetido(v)) }) };
    case "type":
      if (s.type === "integer" && typeof v === "string") {
        const comillas = avisoComillas(v);
        return { path, texto: comillas ? mensaje("no_es_un_anio_comillas", { valor: mostrar(v), comillas }) : mensaje("no_es_un_anio", { valor: mostrar(v) }) };
      }
      if (s.type === "integer") return { path, texto: tx("escriba_un_anio") };
      if (s.type === "boolean") return { path, texto: tx("si_o_no") };
      if (s.type === "array") return { path, texto: tx("debe_ser_lista") };
      if (v == null) return { path, texto: tx("vacio_complete") };
      return { path, texto: tx("valor_que_no_corresponde") };
    case "minimum": case "maximum":
      return { path, texto: mensaje("anio_fuera_de_rango", { valor: v, minimo: s.minimum, maximo: s.maximum }) };
    case "additionalProperties": return { path: path.concat(err.params.additionalProperty), texto: tx("no_es_campo", { campo: err.params.additionalProperty }) };
    default: return null; // "if", "oneOf" and "anyOf" without a message of their own: their branches say it better
  }
}

// Placeholders as forms and templates write them (generator/validacion/reglas.py, `marcador`).
// The wrapped-text pattern stays here: Python's \w and JavaScript's \p{L}\p{N}_ are the same set
// written in two dialects.
const ENVUELTO = /^\s*(\[[\p{L}\p{N}_\s.,;:/-]*\]|<[\p{L}\p{N}_\s.,;:-]+>|\{[\p{L}\p{N}_\s.,;:-]+\})\s*$/u;
const RELLENO = new RegExp(REGLAS.relleno);
const cortar = (v, n) => Array.from(v).slice(0, n).join("");

/** How a typed value shows it is a template's placeholder, or null; `frases` are the schema's
 * «x-textos-de-ejemplo» (schema/campos.yml). */
export function marcador(valor, frases) {
  const v = String(valor).trim(), letras = Array.from(v);
  if (v.indexOf(PLANTILLA) === 0) return mensaje("plantilla_sin_completar", { marca: PLANTILLA });
  if (!v) return null;
  if (ENVUELTO.test(v)) return mensaje("marcador_envuelto", { valor: cortar(v, 60), abre: letras[0], cierra: letras[letras.length - 1] });
  if (RELLENO.test(v) && letras.length >= 2) return mensaje("marcador_relleno", { valor: cortar(v, 20) });
  const plano = v.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/^[\[\](){}<>"'“”«» ]+|[\[\](){}<>"'“”«» ]+$/g, "");
  if (plano.split(/\s+/).length <= 8 && (frases || []).some((f) => plano === f || plano.startsWith(f + " ") || plano.startsWith(f + ":"))) {
    return mensaje("marcador_ejemplo", { valor: cortar(v, 60) });
  }
  return null;
}

// C0/C1 controls other than tab and line ends, and the bidirectional controls that disguise file
// names and links (schema/mensajes.yml, the same set as the validator's).
const CONTROLES = new RegExp(clase(REGLAS.controles), "u");
const EMAIL_EN_TEXTO = new RegExp(REGLAS.email_en_texto, "g");

export function control(valor) {
  const m = CONTROLES.exec(valor);
  if (!m) return null;
  const n = m[0].codePointAt(0), nombre = REGLAS.nombres_de_control[n];
  const codigo = "U+" + n.toString(16).toUpperCase().padStart(4, "0") + (nombre ? " (" + nombre + ")" : "");
  const que = mensaje(n >= REGLAS.bidireccionales_desde ? "control_bidireccional" : "control_invisible");
  return mensaje("caracter_de_control", { que, codigo, antes: Array.from(valor.slice(0, m.index)).slice(-30).join("") });
}

function camposDeFormato(esquema, formato, path, out) {
  Object.keys(esquema.properties || {}).forEach((k) => {
    const p = esquema.properties[k];
    if (p.format === formato) out.push(p);
    camposDeFormato(p, formato, path.concat(k), out);
    camposDeFormato(p.items || {}, formato, path.concat(k, 0), out);
  });
  return out;
}

/** A person's e-mail typed in free text: only the record's own public addresses may appear. */
export function correoPersonal(esquema, valor, publicos) {
  const encontrados = String(valor).match(EMAIL_EN_TEXTO) || [];
  const ajeno = encontrados.find((e) => publicos.indexOf(e.toLowerCase()) < 0);
  if (!ajeno) return null;
  const campo = (camposDeFormato(esquema, "email", [], []).find((p) => p.title) || {}).title || mensaje("correo_institucional");
  return mensaje("correo_personal", { direccion: ajeno, campo });
}

function archivoFuera(ruta) {  // a path of the person's computer has the schema's own message
  if (ruta.includes("\\") || /^[A-Za-z]:/.test(ruta)) return false;
  return ruta.startsWith("/") || ruta.split("/").indexOf("..") >= 0;
}

/** The kind of record a schema describes (schema/campos*.yml): how a message names it. */
function registro(esquema) {
  const id = String(esquema.$id || ""), nombre = id.slice(id.lastIndexOf("/") + 1);
  return catalogo.registros[nombre] || { nombre: "registro", femenino: false };
}

/** Rules CI checks in code (generator/validacion/reglas.py), so the form accepts nothing CI rejects. */
export function comprobaciones(esquema, datos, nombreArchivo) {
  const out = [], periodo = REGLAS.periodo;
  const p = datos[periodo.campo], inicio = p && p[periodo.inicio], fin = p && p[periodo.fin];
  if (typeof inicio === "number" && typeof fin === "number" && fin < inicio) {
    out.push({ path: [periodo.campo, periodo.fin], texto: mensaje("periodo_invertido", { fin, inicio }) });
  }
  // a list whose items may not repeat a sub-field (a profile's areas: the order is the priority)
  Object.keys(esquema.properties || {}).forEach((clave) => {
    const campo = esquema.properties[clave]["x-unico-por"], items = datos[clave];
    if (!campo || !Array.isArray(items)) return;
    const vistos = {};
    items.forEach((item, i) => {
      const valor = item && typeof item === "object" ? item[campo] : null;
      if (typeof valor !== "string") return;
      const otra = valor === "otra" ? String(item[campo + "_otra"] || "").trim().toLowerCase() : "";
      const marca = JSON.stringify([valor, otra]);
      if (marca in vistos) out.push({ path: [clave, i, campo], texto: mensaje("unico_por", { valor, n: vistos[marca] + 1 }) });
      else vistos[marca] = i;
    });
  });
  const publicos = [];
  (function correos(v, path) {
    if (typeof v === "string" && sub(esquema, path).format === "email") publicos.push(v.trim().toLowerCase());
    else if (v && typeof v === "object") Object.keys(v).forEach((k) => correos(v[k], path.concat(Array.isArray(v) ? +k : k)));
  })(datos, []);
  const tipo = registro(esquema), obligatorios = esquema.required || [];
  (function buscar(v, path) {
    const s = typeof v === "string" ? sub(esquema, path) : {};
    const m = typeof v === "string" && !s["x-cifrado"] ? marcador(v, esquema["x-textos-de-ejemplo"]) : null;
    const c = typeof v === "string" ? control(v) : null;
    const libre = typeof v === "string" && Object.keys(s).length && s.format !== "email" && !s["x-cifrado"] && !s["x-privado"];
    const correo = libre ? correoPersonal(esquema, v, publicos) : null;
    if (c) {
      out.push({ path, texto: c });
    } else if (correo) {
      out.push({ path, texto: correo });
    } else if (m) {
      const opcional = !(path.length === 1 && obligatorios.includes(path[0]));
      const que = s.enum ? mensaje("reemplazo_opciones", { opciones: s.enum.join(", ") })
        : (tipo.femenino ? mensaje("reemplazo_informacion_femenino") : mensaje("reemplazo_informacion", { registro: tipo.nombre }))
          + (opcional ? mensaje("reemplazo_opcional") : "");
      out.push({ path, texto: mensaje("reemplacelo", { motivo: m, que }) });
    } else if (v && typeof v === "object") {
      Object.keys(v).forEach((k) => buscar(v[k], path.concat(Array.isArray(v) ? +k : k)));
      if (!Array.isArray(v) && typeof v.archivo === "string" && archivoFuera(v.archivo)) {
        out.push({ path: path.concat("archivo"), texto: mensaje("archivo_fuera", { archivo: v.archivo, carpeta: String(datos.pais || "").toLowerCase() }) });
      }
    }
  })(datos, []);
  if (nombreArchivo !== undefined && !SLUG_RE.test(nombreArchivo)) {
    out.push({ path: ["nombre-archivo"], etiqueta: tx("nombre_archivo"),
      texto: nombreArchivo ? tx("nombre_archivo_slug", { ejemplo: slug(nombreArchivo) || tx("nombre_archivo_ejemplo") }) : tx("nombre_archivo_falta") });
  }
  return out;
}

const PRIORIDAD = ["type", "required", "additionalProperties", "enum", "pattern", "format", "minLength", "maxLength",
  "minItems", "maxItems", "uniqueItems", "oneOf", "not"];

/** Every problem of `datos`, one per field: schema errors (Ajv's compiled `validar`) and the
 * checks above. Each has path, texto and etiqueta (the field's label). */
export function problemas(esquema, validar, datos, nombreArchivo) {
  const porCampo = {}, out = [];
  let errores = validar(datos) ? [] : validar.errors;
  // a rule with a message of its own (anyOf, oneOf) says it once, instead of each of its branches
  const propias = errores.filter((e) => (e.keyword === "anyOf" || e.keyword === "oneOf") && mensajePropio(esquema, e))
    .map((e) => e.schemaPath + "/");
  errores = errores.filter((e) => !propias.some((s) => e.schemaPath.indexOf(s) === 0));
  // one message per field, the most useful first, in the validator's order (Traductor.PRIORIDAD)
  const rango = (e) => { const i = PRIORIDAD.indexOf(e.keyword); return i < 0 ? PRIORIDAD.length : i; };
  errores = errores.map((e, i) => [e, i]).sort((a, b) => rango(a[0]) - rango(b[0]) || a[1] - b[1]).map(([e]) => e);
  errores.map((e) => traducir(esquema, e, datos))
    .concat(comprobaciones(esquema, datos, nombreArchivo)).forEach((p) => {
      if (!p) return;
      const clave = JSON.stringify(p.path);
      if (!porCampo[clave]) { porCampo[clave] = p; out.push(p); }
    });
  out.forEach((p) => { if (!p.etiqueta) p.etiqueta = rotulo(esquema, p.path); });
  return out;
}
