// node --test tests/js/ — the form's YAML writer: what it writes reads back exactly (YAML 1.1, as PyYAML).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { aYaml, comillas } from "../../docs/assets/proponer/yaml.js";

const esquema = JSON.parse(readFileSync(new URL("../../schema/ficha.schema.json", import.meta.url), "utf8"));
const leer = (texto) => parse(texto, { version: "1.1" });

test("keys in the form's order, header first", () => {
  const texto = aYaml({ resumen: "b", titulo: "a", pais: "ARG" }, esquema, ["# cabecera"]);
  assert.equal(texto, '# cabecera\n\npais: "ARG"\n\ntitulo: "a"\n\nresumen: "b"\n');
});

test("texts YAML 1.1 would change come back as typed", () => {
  const trampas = ["no", "12:30", "85", "2024-03-15", "# no es comentario", "a #1 b", "- guion", "  espacios  ",
    "«comillas» “curvas” 'simples' \"dobles\"", "línea\u2028separador", "tab\tdentro", "~", "null", "@arroba", "*estrella"];
  for (const t of trampas) {
    assert.deepEqual(leer(aYaml({ titulo: t }, esquema)), { titulo: t }, t);
  }
});

test("paragraphs as a literal block, kept byte for byte", () => {
  const texto = "Primer párrafo: con dos puntos.\n\nSegundo # con almohadilla.\n";
  const escrito = aYaml({ resumen: texto, resultados: "otro" }, esquema);
  assert.match(escrito, /^resumen: \|2\+$/m);
  assert.deepEqual(leer(escrito), { resumen: texto, resultados: "otro" });
});

test("lists and nested objects", () => {
  const datos = { temas: ["derechos-humanos", "otro"], contacto: { institucion: "DNM", email_institucional: "a@b.org" },
    cifras: [{ valor: "85 %", descripcion: "de las personas" }], periodo: { inicio: 2015 } };
  assert.deepEqual(leer(aYaml(datos, esquema)), datos);
});

test("characters YAML 1.1 reads as breaks are escaped", () => {
  assert.equal(comillas("a\u0085b"), '"a\\u0085b"');
});

test("a multi-line text inside a group is a block too, indented under its key", () => {
  const bloque = "-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n";
  const datos = { contacto: { institucion: "DNM", email_institucional: "a@b.org", privado: bloque } };
  const escrito = aYaml(datos, esquema);
  assert.match(escrito, /^  privado: \|2\+\n    -----BEGIN AGE ENCRYPTED FILE-----\n    YWdl\n/m);
  assert.deepEqual(leer(escrito), datos);
});

test("no blank line slips into a block that ends a group", () => {
  const bloque = "-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n";
  const datos = { contacto: { institucion: "DNM", privado: bloque }, antecedentes: "Texto.", resumen: "a\n\nb\n" , resultados: "c" };
  assert.deepEqual(leer(aYaml(datos, esquema)), datos);
});
