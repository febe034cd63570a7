/* The form's rules, without the page: word count, file name, the «otro» conditions, the checks
 * CI makes in code, and one Spanish message per problem, named by the form's label.
 * Everything is read from the schema (generated from schema/campos.yml); nothing here touches
 * the DOM, so `node --test tests/js/` runs it as the browser does. */

// Words are separated by what Python's str.split() and the schema's patterns take as space
// (JavaScript's \s differs in six characters), so the form counts as CI does.
export const ESPACIOS = /[\t\n\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
export const PLANTILLA = "COMPLETAR";
export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

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
  return titulo(esquema, path) + (nums.length ? " (n.º " + (nums[nums.length - 1] + 1) + ")" : "");
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

/** One Ajv error → {path, texto}, in the form's words; null when another error says it better. */
export function traducir(esquema, err, datos) {
  let path = desdePuntero(err.instancePath), s = sub(esquema, path);
  const v = valorEn(datos, path);
  switch (err.keyword) {
    case "required":
      path = path.concat(err.params.missingProperty);
      s = sub(esquema, path);
      return { path, texto: s.type === "array" ? (s.items && s.items.enum ? "elija al menos una opción." : "agregue al menos un elemento.") : "falta. Complete este campo." };
    case "pattern":
      if (s["x-max-palabras"] && palabras(v) > s["x-max-palabras"]) {
        return { path, texto: palabras(v) + " palabras; el máximo es " + s["x-max-palabras"] + ". Acorte el texto." };
      }
      if (s["x-max-palabras"]) return { path, texto: "está vacío. Escríbalo o borre el elemento." };
      return { path, texto: (s.patternErrorMessage || "").split(": ").slice(1).join(": ") || "no tiene el formato esperado." };
    case "minLength": return { path, texto: "está vacío. Escríbalo o borre el elemento." };
    case "maxLength": return { path, texto: "es demasiado largo (" + String(v).length + " caracteres; el máximo es " + err.params.limit + "). Acorte el texto." };
    case "enum": return { path, texto: "elija una de las opciones de la lista." };
    case "format":
      if (err.params.format === "email") return { path, texto: "no es una dirección de correo válida. Escriba una dirección como nombre@institucion.gob." };
      if (err.params.format === "uri") return { path, texto: "no es un enlace válido. Escriba la dirección completa, que empiece por https:// o http://." };
      if (err.params.format === "date") return { path, texto: "no es una fecha válida. Use el formato AAAA-MM-DD, por ejemplo 2024-05-31." };
      return { path, texto: "no tiene el formato esperado." };
    case "minItems": return { path, texto: s.items && s.items.enum ? "elija al menos una opción." : "agregue al menos un elemento." };
    case "maxItems": return { path, texto: mensajeDe(regla(esquema, err.schemaPath)) || "tiene demasiados elementos." };
    case "uniqueItems": return { path, texto: "tiene elementos repetidos. Deje uno solo de cada." };
    case "type":
      if (s.type === "integer") return { path, texto: "escriba un año de cuatro cifras, por ejemplo 2015." };
      if (s.type === "boolean") return { path, texto: "solo admite sí o no." };
      if (s.type === "array") return { path, texto: "debe ser una lista: agregue cada elemento por separado." };
      if (v == null) return { path, texto: "está vacío. Complete este campo." };
      return { path, texto: "tiene un valor que no corresponde a este campo." };
    case "minimum": case "maximum": return { path, texto: "escriba un año entre " + s.minimum + " y " + s.maximum + "." };
    case "oneOf": return { path, texto: v && v.url && v.archivo ? "tiene un enlace y un archivo: deje uno solo." : "falta el enlace. Escriba la dirección completa, que empiece por https://." };
    case "additionalProperties": return { path: path.concat(err.params.additionalProperty), texto: "«" + err.params.additionalProperty + "» no es un campo del formulario." };
    case "not": {  // an «otro, ¿cuál?» text without «otro» in its list
      const r = regla(esquema, err.schemaPath), clave = r && r.not && r.not.required && r.not.required[0];
      return r && clave ? { path: path.concat(clave), texto: mensajeDe(r) } : null;
    }
    case "anyOf": {  // «at least one of»: the rule's own message, for the whole record
      const m = /^#\/allOf\/(\d+)\/anyOf$/.exec(err.schemaPath), r = m && esquema.allOf[+m[1]];
      if (!r || !r.errorMessage) return null;
      const [etiqueta, ...texto] = r.errorMessage.split(": ");
      return { path: path, texto: texto.join(": "), etiqueta };
    }
    default: return null; // "if": its branch errors say it better
  }
}

// Placeholders as forms and templates write them (generator/validacion/reglas.py, `marcador`)
const ENVUELTO = /^\s*(\[[\p{L}\p{N}_\s.,;:/-]*\]|<[\p{L}\p{N}_\s.,;:-]+>|\{[\p{L}\p{N}_\s.,;:-]+\})\s*$/u;
const RELLENO = /^[\s.…_xX*?¿-]+$/;

/** How a typed value shows it is a template's placeholder, or null; `frases` are the schema's
 * «x-textos-de-ejemplo» (schema/campos.yml). */
export function marcador(valor, frases) {
  const v = String(valor).trim();
  if (v.indexOf(PLANTILLA) === 0) return "todavía tiene el texto de la plantilla («" + PLANTILLA + "…»)";
  if (!v) return null;
  if (ENVUELTO.test(v)) return "«" + v.slice(0, 60) + "» parece el texto de ejemplo de un formulario (entre " + v[0] + " " + v[v.length - 1] + "), no el dato";
  if (RELLENO.test(v) && v.length >= 2) return "«" + v.slice(0, 20) + "» es un relleno, no el dato";
  const plano = v.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/^[\[\](){}<>"'“”«» ]+|[\[\](){}<>"'“”«» ]+$/g, "");
  if (plano.split(/\s+/).length <= 8 && (frases || []).some((f) => plano === f || plano.startsWith(f + " ") || plano.startsWith(f + ":"))) {
    return "«" + v.slice(0, 60) + "» parece el texto de ejemplo de la plantilla, no el dato";
  }
  return null;
}

// C0/C1 controls other than tab and line ends, and the bidirectional controls that disguise file
// names and links (the same set as generator/validacion/reglas.py).
const CONTROLES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const NOMBRES_CONTROL = { 0: "NUL", 7: "BEL", 8: "BS", 0x1b: "ESC", 0x7f: "DEL", 0x85: "NEL", 0x202e: "RLO", 0x202d: "LRO",
  0x202a: "LRE", 0x202b: "RLE", 0x202c: "PDF", 0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI" };
const EMAIL_EN_TEXTO = /(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

export function control(valor) {
  const m = CONTROLES.exec(valor);
  if (!m) return null;
  const n = m[0].codePointAt(0);
  const nombre = "U+" + n.toString(16).toUpperCase().padStart(4, "0") + (NOMBRES_CONTROL[n] ? " (" + NOMBRES_CONTROL[n] + ")" : "");
  const que = n >= 0x202a ? "un control de dirección de texto, que disfraza nombres de archivo y enlaces"
    : "un carácter de control invisible, que rompe las descargas del catálogo";
  return "contiene " + que + " (" + nombre + ", después de «" + valor.slice(0, m.index).slice(-30) + "»). " +
    "Bórrelo: vuelva a escribir ese texto a mano o péguelo como texto sin formato.";
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
  const campo = (camposDeFormato(esquema, "email", [], []).find((p) => p.title) || {}).title || "el correo institucional";
  return "contiene la dirección de correo «" + ajeno + "», que se publicaría en el sitio, el PDF y los datos abiertos. " +
    "Bórrela de este campo: escriba la dirección pública de la institución en «" + campo + "» y la de una persona " +
    "solo en el contacto cifrado (make cifrar o el formulario /proponer/).";
}

function archivoFuera(ruta) {
  return /^([a-zA-Z]:)?[\\/]/.test(ruta) || ruta.split(/[\\/]/).indexOf("..") >= 0;
}

/** Rules CI checks in code (generator/validacion/reglas.py), so the form accepts nothing CI rejects. */
export function comprobaciones(esquema, datos, nombreArchivo) {
  const out = [];
  const p = datos.periodo;
  if (p && typeof p.inicio === "number" && typeof p.fin === "number" && p.fin < p.inicio) {
    out.push({ path: ["periodo", "fin"], texto: "el año de fin (" + p.fin + ") es anterior al de inicio (" + p.inicio + "). Corrija los años; si la experiencia sigue en curso, deje vacío el año de fin." });
  }
  const publicos = [];
  (function correos(v, path) {
    if (typeof v === "string" && sub(esquema, path).format === "email") publicos.push(v.trim().toLowerCase());
    else if (v && typeof v === "object") Object.keys(v).forEach((k) => correos(v[k], path.concat(Array.isArray(v) ? +k : k)));
  })(datos, []);
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
      out.push({ path, texto: m + ". Reemplácelo por la información de la experiencia." });
    } else if (v && typeof v === "object") {
      Object.keys(v).forEach((k) => buscar(v[k], path.concat(Array.isArray(v) ? +k : k)));
      if (!Array.isArray(v) && typeof v.archivo === "string" && archivoFuera(v.archivo)) {
        out.push({ path: path.concat("archivo"), texto: "«" + v.archivo + "» queda fuera de la carpeta del archivo. Escriba una ruta relativa a esa carpeta, por ejemplo anexos/manual.pdf." });
      }
    }
  })(datos, []);
  if (nombreArchivo !== undefined && !SLUG_RE.test(nombreArchivo)) {
    out.push({ path: ["nombre-archivo"], etiqueta: "Nombre del archivo",
      texto: nombreArchivo ? "use solo minúsculas sin tildes, números y guiones, por ejemplo «" + (slug(nombreArchivo) || "mi-experiencia") + "»." : "falta. Escriba el título o un nombre." });
  }
  return out;
}

/** Every problem of `datos`, one per field: schema errors (Ajv's compiled `validar`) and the
 * checks above. Each has path, texto and etiqueta (the field's label). */
export function problemas(esquema, validar, datos, nombreArchivo) {
  const porCampo = {}, out = [];
  let errores = validar(datos) ? [] : validar.errors;
  // a rule with a message of its own says it once, instead of each of its branches
  const propias = errores.filter((e) => e.keyword === "anyOf").map((e) => e.schemaPath + "/");
  errores = errores.filter((e) => !propias.some((s) => e.schemaPath.indexOf(s) === 0));
  // one message per field: a format ("no es una dirección de correo válida") says more than its pattern
  errores.map((e) => { const t = traducir(esquema, e, datos); if (t) t.clave = e.keyword; return t; })
    .concat(comprobaciones(esquema, datos, nombreArchivo)).forEach((p) => {
      if (!p) return;
      const clave = JSON.stringify(p.path), previo = porCampo[clave];
      if (!previo) { porCampo[clave] = p; out.push(p); }
      else if (p.clave === "format" && previo.clave === "pattern") { out[out.indexOf(previo)] = p; porCampo[clave] = p; }
    });
  out.forEach((p) => { if (!p.etiqueta) p.etiqueta = rotulo(esquema, p.path); });
  return out;
}
