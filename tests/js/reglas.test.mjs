// node --test tests/js/ — the form's rules without a browser (run by `make test` through pytest).
import { test } from "node:test";
import "./textos-es.mjs";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { PLANTILLA, SLUG_RE, compilar, condiciones, comprobaciones, control, mensaje, palabras, problemas, rotulo, separar, slug }
  from "../../docs/assets/proponer/reglas.js";

const esquema = JSON.parse(readFileSync(new URL("../../schema/ficha.schema.json", import.meta.url), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validar = compilar(ajv, esquema);
const ficha = () => {
  const d = parse(readFileSync(new URL("../../fichas/arg/patria-grande.yml", import.meta.url), "utf8"));
  d.fecha = String(d.fecha);  // PyYAML keeps it as text; so does the project's loader
  return d;
};

test("counts words on the same separators as Python's str.split()", () => {
  assert.equal(palabras("Ley 25.871 — Argentina"), 4);
  assert.equal(palabras("uno\u00a0dos\u2003tres\u3000cuatro"), 4);
  assert.equal(palabras("uno\ufeffdos"), 1);  // U+FEFF is not a separator in Python
  assert.equal(palabras("  \n "), 0);
});

test("file names as the command line makes them", () => {
  assert.equal(slug("Programa Pátria Grande: 2006"), "programa-patria-grande-2006");
  assert.equal(slug("x".repeat(30) + " " + "y".repeat(40)), "x".repeat(30));
});

test("the «otro» conditions come from the schema", () => {
  const c = condiciones(esquema);
  assert.deepEqual(c.tema_otro, { base: "temas", valor: "otro" });
  assert.deepEqual(c.transferencia_otro, { base: "transferencia", valor: "otro" });
});

test("labels are the form's, with the item number", () => {
  assert.equal(rotulo(esquema, ["cifras", 0, "valor"]), "(2.4) Cifras relevantes/destacadas — Valor (n.º 1)");
  assert.equal(rotulo(esquema, ["temas", 2]), "(1.3) Temas (n.º 3)");
});

test("a valid ficha has no problem", () => {
  assert.deepEqual(problemas(esquema, validar, ficha(), "patria-grande"), []);
});

test("one message per field, named by its label", () => {
  const d = ficha();
  d.resumen = "palabra ".repeat(201);
  d.contacto.email_institucional = "info(at)example.org";
  delete d.factores_exito;
  const p = problemas(esquema, validar, d, "patria-grande");
  const por = Object.fromEntries(p.map((x) => [x.etiqueta, x.texto]));
  assert.equal(por["(2.2) Resumen de la experiencia"], "201 palabras; el máximo es 200. Acorte el texto.");
  assert.match(por["(1.12) Persona de contacto — Email general institucional"], /no es una dirección de correo válida/);
  assert.equal(por["(2.6) ¿Qué la hace una experiencia exitosa/buena práctica?"], mensaje("falta", { clave: "factores_exito" }));
  assert.match(por["(2.6) ¿Qué la hace una experiencia exitosa/buena práctica?"], /^falta este campo obligatorio/);
  assert.equal(p.length, 3);
});

test("an «otro» text without «otro» is flagged as CI does", () => {
  const d = ficha();
  d.tema_otro = "Trata de personas";
  const [p] = problemas(esquema, validar, d, "patria-grande");
  assert.deepEqual(p.path, ["tema_otro"]);
  assert.match(p.texto, /solo se usa cuando \(1\.3\) Temas incluye «otro»/);
});

test("checks CI makes in code: period, template text, file outside the folder, file name", () => {
  const d = ficha();
  d.periodo = { inicio: 2015, fin: 2010 };
  d.resultados = "COMPLETAR: los resultados";
  d.documentos = [{ titulo: "Secreto", archivo: "../../otro/secreto.pdf" }];
  const p = comprobaciones(esquema, d, "Patria Grande");
  assert.deepEqual(p.map((x) => x.path.join(".")), ["periodo.fin", "resultados", "documentos.0.archivo", "nombre-archivo"]);
  assert.match(p[3].texto, /«patria-grande»/);
});

test("the contact is checked in plaintext as its encrypted block must hold it", () => {
  const d = ficha();  // comes with its block: kept, nothing to check inside
  assert.deepEqual(problemas(esquema, validar, d, "patria-grande"), []);
  const bloque = d.contacto.privado;
  d.contacto = { institucion: "DNM", email_institucional: "info@example.org", nombre: "Ana Pérez", cargo: "Jefa",
    email: "ana(at)example.org" };
  const p = problemas(esquema, validar, d, "patria-grande");
  assert.deepEqual(p.map((x) => x.etiqueta), ["(1.12) Persona de contacto — Email"]);
  assert.match(p[0].texto, /no es una dirección de correo válida/);
  delete d.contacto.nombre; delete d.contacto.cargo; delete d.contacto.email;
  assert.deepEqual(problemas(esquema, validar, d, "patria-grande").map((x) => x.etiqueta).sort(),
    ["(1.12) Persona de contacto — Cargo", "(1.12) Persona de contacto — Email", "(1.12) Persona de contacto — Nombre"]);
  d.contacto.privado = bloque;
  d.contacto.email = "ana@example.org";  // typed again, partly: the block would be replaced, so all three are asked
  assert.deepEqual(problemas(esquema, validar, d, "patria-grande").map((x) => x.etiqueta).sort(),
    ["(1.12) Persona de contacto — Cargo", "(1.12) Persona de contacto — Nombre"]);
});

test("what leaves the form holds no plaintext contact", () => {
  const d = ficha();
  d.contacto = { institucion: "DNM", email_institucional: "info@example.org", nombre: "Ana Pérez", cargo: "Jefa", email: "ana@example.org" };
  const { publicos, privados } = separar(esquema, d);
  assert.deepEqual(privados, { contacto: { nombre: "Ana Pérez", cargo: "Jefa", email: "ana@example.org" } });
  assert.deepEqual(Object.keys(publicos.contacto).sort(), ["email_institucional", "institucion", "privado"]);
  assert.ok(!JSON.stringify(publicos).includes("Ana Pérez"));
});

test("dates as people type them, stored as AAAA-MM-DD", async () => {
  const { fechaIso } = await import("../../docs/assets/proponer/reglas.js");
  assert.equal(fechaIso("15/03/2024"), "2024-03-15");
  assert.equal(fechaIso("5-3-2024"), "2024-03-05");
  assert.equal(fechaIso("“2024-03-15”"), "2024-03-15");
  assert.equal(fechaIso("31/02/2024"), "");
  assert.equal(fechaIso("marzo de 2024"), "");
});

test("quotes typed around a whole one-line value are not kept", async () => {
  const { sinComillas } = await import("../../docs/assets/proponer/reglas.js");
  assert.equal(sinComillas('"85 %"'), "85 %");
  assert.equal(sinComillas("“423.697”"), "423.697");
  assert.equal(sinComillas("'Ley 25.871'"), "Ley 25.871");
  assert.equal(sinComillas("«Patria Grande»"), "«Patria Grande»");  // Spanish quotes around a name are the name's
  assert.equal(sinComillas('"A" y "B"'), '"A" y "B"');
  assert.equal(sinComillas("85 %"), "85 %");
});

test("the catalogue's messages are filled as Python's str.format fills them", () => {
  assert.equal(mensaje("periodo_invertido", { fin: 2010, inicio: 2015 }),
    "el año de fin (2010) es anterior al de inicio (2015). Corrija los años; si la experiencia sigue en curso, deje vacío el año de fin.");
  assert.throws(() => mensaje("periodo_invertido", { fin: 2010 }), /falta \{inicio\}/);
  assert.throws(() => mensaje("no-existe"), /mensaje desconocido/);
});

test("the rules read from the catalogue: words, controls, slug, template mark", () => {
  assert.equal(palabras("uno\u3000dos\u00a0tres\u200bcuatro"), 3);  // U+200B is not a space for Python either
  assert.equal(PLANTILLA, "COMPLETAR");
  assert.ok(SLUG_RE.test("patria-grande") && !SLUG_RE.test("Patria grande"));
  assert.match(control("a\u202eb"), /U\+202E \(RLO\)/);
  assert.equal(control("a\tb\nc"), null);
});
