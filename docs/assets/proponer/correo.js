/* The e-mail «Enviar a la Secretaría Técnica» prepares, and the sender's readable copy: the record
 * as numbered fields with the form's labels, in the form's order (no DOM; tested with node --test).
 * `python -m generator importar` reads this text back (generator/intercambio/correo.py), so the ST
 * can import an e-mail whose attachment was forgotten or stripped. Private sub-fields never appear
 * in plaintext: the contact travels as the encrypted block. */
import { opciones } from "./reglas.js";

// a mailto: address longer than about 2,000 characters is cut or refused by some mail programs
// (Outlook on Windows among them): the body carries the fields that fit, and says which do not
export const MAX_MAILTO = 1900;
export const SEPARADOR = " · ";   // between the sub-fields of one item of a list

function fechaLegible(v) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return m ? m[3] + "/" + m[2] + "/" + m[1] : v;
}

function etiqueta(s, v) {
  if (!s || !(s.enum || (s.items && s.items.enum))) return v;
  const o = opciones(s).find((x) => x.valor === v);
  return o ? o.etiqueta : v;
}

function corto(titulo) { return String(titulo || "").split(" — ").pop(); }

function simple(s, v) {
  if (v === null || v === undefined) return "";
  if (s && s.format === "date") return fechaLegible(String(v));
  if (s && s.enum) return etiqueta(s, v);
  return String(v);
}

/** One field as lines of text: «(1.2) Título de la experiencia: …», then its items or sub-fields. */
export function lineasDeCampo(esquema, k, v) {
  const s = esquema.properties[k] || {};
  const t = s.title || k;
  const vacio = v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length);
  if (vacio) return [];
  if (Array.isArray(v) && s.items && s.items.enum) return [t + ": " + v.map((x) => etiqueta(s.items, x)).join("; ")];
  if (Array.isArray(v) && s.items && s.items.type === "object") {
    const props = s.items.properties || {};
    return [t + ":"].concat(v.map((item) => "- " + Object.keys(props).filter((c) => item[c] !== undefined && item[c] !== "")
      .map((c) => corto(props[c].title || c) + ": " + simple(props[c], item[c])).join(SEPARADOR)));
  }
  if (Array.isArray(v)) return [t + ":"].concat(v.map((x) => "- " + x));
  if (typeof v === "object") {
    const props = s.properties || {};
    const lineas = [t + ":"];
    Object.keys(props).forEach((c) => {
      if (v[c] === undefined || v[c] === "" || props[c]["x-privado"] && !props[c]["x-cifrado"]) return;
      if (props[c]["x-cifrado"]) {  // the encrypted block: only the ST's keys open it
        lineas.push("  " + corto(props[c].title || c) + ":");
        String(v[c]).trim().split("\n").forEach((l) => lineas.push("  " + l));
      } else {
        lineas.push("  " + corto(props[c].title || c) + ": " + simple(props[c], v[c]));
      }
    });
    return lineas.length > 1 ? lineas : [];
  }
  if (typeof v === "string" && v.indexOf("\n") >= 0) {  // a long text: its paragraphs after a blank line
    return [t + ":", ""].concat(v.trim().split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, " ").trim()).join("\n\n").split("\n"));
  }
  return [t + ": " + simple(s, v)];
}

/** The whole record as readable text (the sender's copy; what the ST can import). */
export function legible(datos, esquema, encabezado) {
  const bloques = [];
  Object.keys(esquema.properties).forEach((k) => {
    if (esquema.properties[k]["x-interno"]) return;
    const l = lineasDeCampo(esquema, k, datos[k]);
    if (l.length) bloques.push(l.join("\n"));
  });
  return (encabezado ? encabezado + "\n\n" : "") + bloques.join("\n\n") + "\n";
}

function url(para, asunto, cuerpo) {
  return "mailto:" + para + "?subject=" + encodeURIComponent(asunto) + "&body=" + encodeURIComponent(cuerpo);
}

/** The e-mail: subject naming the country and the title, body with the numbered fields that fit in
 * a mailto: address, then a note naming those that did not (they travel in the attached file). */
export function correo(datos, esquema, o) {
  const max = o.max || MAX_MAILTO;
  const campos = Object.keys(esquema.properties).filter((k) => !esquema.properties[k]["x-interno"])
    .map((k) => ({ numero: (esquema.properties[k].title || k).replace(/^(\(\d+\.\d+\)).*$/, "$1"),
      texto: lineasDeCampo(esquema, k, datos[k]).join("\n") })).filter((x) => x.texto);
  // in the form's order, each field that fits (with the note naming, at worst, every field left)
  function cuerpoCon(dentro) {
    const fuera = [];
    campos.forEach((c) => { if (dentro.indexOf(c) < 0 && fuera.indexOf(c.numero) < 0) fuera.push(c.numero); });
    return { fuera, texto: o.inicio + "\n\n" + dentro.map((c) => c.texto + "\n\n").join("") + o.nota(fuera) };
  }
  let dentro = [];
  campos.forEach((c) => {
    const prueba = dentro.concat([c]);
    const peor = o.nota(campos.filter((x) => prueba.indexOf(x) < 0).map((x) => x.numero));
    const texto = o.inicio + "\n\n" + prueba.map((x) => x.texto + "\n\n").join("") + peor;
    if (url(o.para, o.asunto, texto).length <= max) dentro = prueba;
  });
  const r = cuerpoCon(dentro);
  return { asunto: o.asunto, cuerpo: r.texto, url: url(o.para, o.asunto, r.texto), completo: !r.fuera.length, fuera: r.fuera };
}
