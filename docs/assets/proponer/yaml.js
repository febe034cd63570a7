/* The form's YAML writer: a ficha as text that PyYAML (YAML 1.1, as CI reads it) reads back
 * exactly as typed, keys in the schema's order. No DOM: `node --test tests/js/` runs it. */

// escaped: YAML 1.1 reads them as line breaks or refuses them
const FUERA = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

export function comillas(s) {
  return JSON.stringify(s).replace(new RegExp(FUERA.source, "g"),
    (c) => "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4));
}

/** A multi-line text that a literal block keeps byte for byte. */
function bloqueApto(s) {
  if (s.indexOf("\n") < 0 || /[\x00-\x08\x0b-\x1f]/.test(s) || FUERA.test(s)) return false;
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/.test(s)) return false;
  return s.split("\n").every((l) => l === "" || /\S/.test(l));
}

/** A scalar's lines; a multi-line text that is a mapping's value (not a list item) is a literal
 * block, its lines indented two spaces more than its key (`sangria`). */
function escalar(v, bloque, sangria) {
  if (typeof v === "number" || typeof v === "boolean") return [String(v)];
  if (v === null) return ["null"];
  if (bloque && bloqueApto(v)) {
    const lineas = v.split("\n"), conservar = v.slice(-1) === "\n";
    if (conservar) lineas.pop();
    return ["|2" + (conservar ? "+" : "-")].concat(lineas.map((l) => (l ? sangria + "  " + l : "")));
  }
  return [comillas(v)];
}

function yamlMapa(obj, s, sangria) {
  const out = [];
  Object.keys(obj).forEach((k) => {
    const v = obj[k], sk = (s.properties || {})[k] || {};
    if (Array.isArray(v)) {
      out.push(sangria + k + ":");
      v.forEach((item) => {
        if (item && typeof item === "object") {
          const dentro = yamlMapa(item, sk.items || {}, sangria + "    ");
          out.push(sangria + "  - " + dentro[0].trim());
          out.push(...dentro.slice(1));
        } else {
          out.push(sangria + "  - " + escalar(item, false)[0]);
        }
      });
    } else if (v && typeof v === "object") {
      out.push(sangria + k + ":");
      out.push(...yamlMapa(v, sk, sangria + "  "));
    } else {
      const e = escalar(v, true, sangria);
      out.push(sangria + k + ": " + e[0]);
      out.push(...e.slice(1));
    }
  });
  return out;
}

/** Whether an entry ends inside a block that keeps its final line breaks ("|2+"), at any depth. */
function terminaEnBloque(lineas) {
  for (let i = lineas.length - 1; i >= 0; i--) {
    if (/\|2\+$/.test(lineas[i])) {
      const sangria = lineas[i].length - lineas[i].trimStart().length;
      return lineas.slice(i + 1).every((l) => l === "" || l.length - l.trimStart().length > sangria);
    }
  }
  return false;
}

/** The ficha's file: `cabecera` lines (comments), then its keys in the schema's order. */
export function aYaml(datos, esquema, cabecera) {
  const ordenados = {};
  Object.keys(esquema.properties).forEach((k) => { if (k in datos) ordenados[k] = datos[k]; });
  const cuerpo = [];
  let conserva = false;
  Object.keys(ordenados).forEach((k, i) => {
    const lineas = yamlMapa({ [k]: ordenados[k] }, esquema, "");
    if (i && !conserva) cuerpo.push("");  // a blank line after a "|+" block would become part of its text
    conserva = terminaEnBloque(lineas);
    cuerpo.push(...lineas);
  });
  return (cabecera || []).concat([""], cuerpo).join("\n") + "\n";
}
