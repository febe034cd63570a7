// node --test tests/js/ — the e-mail «Enviar a la Secretaría Técnica» prepares and the sender's copy.
import { test } from "node:test";
import "./textos-es.mjs";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { MAX_MAILTO, correo, legible } from "../../docs/assets/proponer/correo.js";

const esquema = JSON.parse(readFileSync(new URL("../../schema/ficha.schema.json", import.meta.url), "utf8"));
const ficha = parse(readFileSync(new URL("../../fichas/arg/patria-grande.yml", import.meta.url), "utf8"), { version: "1.1" });
const opciones = (para) => ({
  para, asunto: "Ficha técnica: Argentina — " + ficha.titulo, inicio: "Envío la ficha.",
  nota: (fuera) => fuera.length ? "Los campos " + fuera.join(", ") + " no caben en este correo." : "Todos los campos van en este correo.",
});

test("the body holds the numbered fields that fit, in the form's order, and names the rest", () => {
  const c = correo(ficha, esquema, opciones("st@example.org"));
  assert.ok(c.url.length <= MAX_MAILTO, c.url.length);
  assert.ok(c.url.startsWith("mailto:st@example.org?subject=Ficha%20t%C3%A9cnica%3A%20Argentina%20%E2%80%94%20"));
  assert.match(c.cuerpo, /^Envío la ficha\.\n\n\(1\.1\) País: Argentina\n\n\(1\.2\) Título de la experiencia: /);
  assert.match(c.cuerpo, /\(1\.3\) Temas: [^\n]*derechos humanos/);
  assert.ok(!c.completo && c.fuera.length > 0 && c.fuera.includes("(2.9)"));
  assert.ok(c.cuerpo.endsWith("Los campos " + c.fuera.join(", ") + " no caben en este correo."));
  assert.ok(c.cuerpo.indexOf("(1.1)") < c.cuerpo.indexOf("(1.2)"));
});

test("a short record goes whole in the e-mail", () => {
  const corta = { pais: "URY", titulo: "Corta", temas: ["otro"], tema_otro: "Un tema" };
  const c = correo(corta, esquema, opciones("st@example.org"));
  assert.ok(c.completo && c.cuerpo.includes("(1.3) Temas — Otro, ¿cuál?: Un tema"));
});

test("the contact travels only as its encrypted block", () => {
  const texto = legible(ficha, esquema, "Ficha técnica");
  assert.ok(texto.includes("-----BEGIN AGE ENCRYPTED FILE-----"));
  assert.ok(texto.includes("  Email general institucional: " + ficha.contacto.email_institucional));
  assert.ok(!/\n {2}(Nombre|Cargo|Email): /.test(texto));
  assert.match(texto, /\(2\.9\) Documentación[^\n]*:\n- Título: Dirección Nacional de Migraciones · Enlace: https:/);
  assert.match(texto, /Fecha de la ficha: 15\/03\/2024/);
});
