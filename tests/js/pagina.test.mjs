// node --test tests/js/ — the form page's modules without a browser: state (estado.js), the draft
// (borrador.js), import (importacion.js), export (exportacion.js), sending (envio.js) and the
// rendering's decisions (pintado.js). The page itself, in Chromium: tests/test_proponer.py.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parse, parseDocument } from "yaml";
import { Decrypter, armor, generateIdentity, identityToRecipient } from "age-encryption";
import "./textos-es.mjs";
import { bloquesDe, configuracion, nuevoEstado } from "../../docs/assets/proponer/estado.js";
import { avisoRecuperado, descartarBorrador, guardarBorrador, leerBorrador } from "../../docs/assets/proponer/borrador.js";
import { avisoImportado, leerRegistro } from "../../docs/assets/proponer/importacion.js";
import { archivo, enGithub, noSeExporto, sellar } from "../../docs/assets/proponer/exportacion.js";
import { nombrePais, prepararEnvio, textoDeCopia } from "../../docs/assets/proponer/envio.js";
import { describir, etiquetaDe, idDe, posicion, tipoDeCampo } from "../../docs/assets/proponer/pintado.js";
import { cifrados, sub } from "../../docs/assets/proponer/reglas.js";

const leer = (ruta) => readFileSync(new URL("../../" + ruta, import.meta.url), "utf8");
const esquema = JSON.parse(leer("schema/ficha.schema.json"));
const esquemaPerfil = JSON.parse(leer("schema/perfil.schema.json"));
const ficha = () => parse(leer("fichas/arg/patria-grande.yml"), { version: "1.1" });

// ---- estado.js ----
test("the page's configuration from its data- attributes, with the ficha's defaults", () => {
  const f = configuracion({ secciones: '{"1": "Datos"}', destinatarios: '["age1x"]', repo: "https://github.com/o/r" });
  assert.equal(f.carpeta, "fichas");
  assert.equal(f.la, "la ficha");
  assert.equal(f.campoNombre, "titulo");
  assert.equal(f.borrador, "catalogo-csm:proponer:borrador:v1");
  assert.deepEqual(f.secciones, { 1: "Datos" });
  assert.deepEqual(f.destinatarios, ["age1x"]);
  const p = configuracion({ carpeta: "perfiles", tipo: "perfil", campoNombre: "institucion" });
  assert.equal(p.borrador, "catalogo-csm:proponer:perfiles:borrador:v1");  // one draft per kind of record
  assert.deepEqual(p.destinatarios, []);
  assert.equal(p.la, "el perfil");  // how the messages name it, from the catalogue (paginas.yml «formulario»)
});

test("the state keeps a record's encrypted blocks, and starts empty", () => {
  assert.deepEqual(nuevoEstado(), { extras: {}, bloques: {}, nombreManual: false });
  const d = ficha();
  assert.deepEqual(Object.keys(bloquesDe(cifrados(esquema), d)), ["contacto"]);
  assert.match(bloquesDe(cifrados(esquema), d).contacto, /^-----BEGIN AGE ENCRYPTED FILE-----/);
  assert.deepEqual(bloquesDe(cifrados(esquema), { contacto: { privado: "" } }), {});
});

// ---- borrador.js ----
function almacen() {
  const m = new Map();
  return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k), m };
}

test("a draft is saved, recovered and discarded under its own key", () => {
  const a = almacen(), fecha = new Date("2025-03-14T10:00:00Z");
  assert.equal(leerBorrador(a, "k"), null);
  assert.ok(guardarBorrador(a, "k", { titulo: "Patria Grande" }, "patria-grande", fecha));
  assert.deepEqual(leerBorrador(a, "k"), { datos: { titulo: "Patria Grande" }, nombre: "patria-grande", fecha: "2025-03-14T10:00:00.000Z" });
  assert.equal(leerBorrador(a, "otra"), null);
  descartarBorrador(a, "k");
  assert.equal(leerBorrador(a, "k"), null);
  assert.match(avisoRecuperado("2025-03-14T10:00:00.000Z"), /^Se recuperó el borrador guardado en este navegador el .*2025.*«Descartar borrador»\.$/);
  assert.match(avisoRecuperado("no es una fecha"), /^Se recuperó el borrador guardado en este navegador\. /);
});

test("a broken or full storage never stops the form", () => {
  const a = almacen();
  a.m.set("k", "{no es JSON");
  assert.equal(leerBorrador(a, "k"), null);
  a.m.set("k", JSON.stringify({ nombre: "x" }));  // without data
  assert.equal(leerBorrador(a, "k"), null);
  const lleno = { setItem() { throw new Error("QuotaExceededError"); }, getItem() { throw new Error("SecurityError"); }, removeItem() { throw new Error("x"); } };
  assert.equal(guardarBorrador(lleno, "k", {}, "", new Date()), false);
  assert.equal(leerBorrador(lleno, "k"), null);
  descartarBorrador(lleno, "k");
});

// ---- importacion.js ----
test("a record's file is imported with its name, unknown keys set aside", () => {
  const texto = "\ufeff" + leer("fichas/arg/patria-grande.yml") + "nota_interna: algo\n";
  const r = leerRegistro(parseDocument, texto, "patria-grande.yml", esquema, "ficha");
  assert.equal(r.nombre, "patria-grande");
  assert.deepEqual(r.desconocidas, ["nota_interna"]);
  assert.equal(r.datos.titulo, ficha().titulo);
  assert.ok(!("nota_interna" in r.datos));
  assert.equal(leerRegistro(parseDocument, "pais: ARG\n", "Mi Ficha (1).yml", esquema, "ficha").nombre, "");
  assert.equal(avisoImportado("x.yml", ["nota_interna"], "la ficha"),
    "Se importó x.yml. Se ignoraron claves que no son de la ficha: nota_interna. Pulse «Comprobar» para revisarla.");
});

test("an unreadable file says what to do, in Spanish", () => {
  assert.throws(() => leerRegistro(parseDocument, "pais: ARG\npais: URY\n", "x.yml", esquema, "ficha"),
    /No se pudo leer x\.yml( \(línea \d+\))?: una clave aparece dos veces\.$/);
  assert.throws(() => leerRegistro(parseDocument, "- uno\n- dos\n", "x.yml", esquemaPerfil, "perfil"),
    /x\.yml no es un perfil: debe ser una lista de claves con sus valores/);
  assert.throws(() => leerRegistro(parseDocument, "a: &x 1\nb: *x\n", "x.yml", esquema, "ficha"));  // no aliases
});

// ---- exportacion.js ----
test("the contact leaves the page encrypted to the Secretariat's keys, and only then", async () => {
  const identidad = await generateIdentity(), destinatario = await identityToRecipient(identidad);
  const d = ficha();
  d.contacto = { institucion: "DNM", email_institucional: "info@example.org", nombre: "Ana Pérez", cargo: "Jefa", email: "ana@example.org" };
  let cargas = 0;
  const cargarAge = () => { cargas++; return import("age-encryption"); };
  const publicos = await sellar(esquema, d, [destinatario], cargarAge);
  assert.deepEqual(Object.keys(publicos.contacto), Object.keys(esquema.properties.contacto.properties).filter((k) => k in publicos.contacto));
  assert.ok(!JSON.stringify(publicos).includes("Ana Pérez") && !JSON.stringify(publicos).includes("ana@example.org"));
  const dec = new Decrypter();
  dec.addIdentity(identidad);
  const claro = await dec.decrypt(armor.decode(publicos.contacto.privado), "text");
  assert.deepEqual(parse(claro), { nombre: "Ana Pérez", cargo: "Jefa", email: "ana@example.org" });
  // nothing typed: the imported block is kept as it came, and age is not even loaded
  const tal = await sellar(esquema, ficha(), [destinatario], cargarAge);
  assert.equal(tal.contacto.privado, ficha().contacto.privado);
  assert.equal(cargas, 1);
  await assert.rejects(sellar(esquema, d, [], cargarAge), /no tiene configuradas las claves de la Secretaría Técnica/);
});

test("the exported file and GitHub's new-file page", () => {
  const texto = archivo(ficha(), esquema, "# yaml-language-server: $schema=x", "Ficha técnica");
  assert.ok(texto.startsWith("# yaml-language-server: $schema=x\n# Ficha técnica.\n# Escrita con el formulario del catálogo.\n"));
  assert.deepEqual(parse(texto, { version: "1.1" }), ficha());
  const corto = enGithub("https://github.com/o/r", "fichas", "ARG", "patria-grande", "pais: ARG\n");
  assert.equal(corto.base, "https://github.com/o/r/new/main/fichas/arg?filename=patria-grande.yml");
  assert.ok(corto.cabe && corto.url === corto.base + "&value=pais%3A%20ARG%0A");
  assert.equal(enGithub("https://github.com/o/r", "fichas", "ARG", "x", "a".repeat(8000)).cabe, false);
  assert.equal(noSeExporto("el perfil", [{ etiqueta: "Institución" }, { etiqueta: "x" }]),
    "No se exportó el perfil: hay 2 problemas que corregir. El primero: Institución.");
});

// ---- envio.js ----
test("the e-mail to the Secretariat names the record, its country and what did not fit", () => {
  const cfg = configuracion({ correoSt: "st@example.org", titulo: "Ficha técnica" });
  const d = ficha();
  const e = prepararEnvio({ datos: d, nombre: "patria-grande", pais: "ARG" }, esquema, cfg);
  assert.equal(e.asunto, "Ficha técnica: Argentina — " + d.titulo);
  assert.ok(e.correo.url.startsWith("mailto:st@example.org?subject="));
  assert.match(e.correo.cuerpo, /^Envío la ficha «Programa Nacional .+», hecha con el formulario del catálogo\. Va adjunto el archivo patria-grande\.yml/);
  assert.match(e.aviso, /^Se descargó patria-grande\.yml y se abrió un correo para la Secretaría Técnica \(st@example\.org\)/);
  assert.equal(e.copia.nombre, "patria-grande");
  assert.ok(e.copia.texto.startsWith("Ficha técnica\n" + e.asunto));
  assert.equal(nombrePais(esquema, "XXX"), "XXX");
  assert.equal(textoDeCopia("a\nb"), "\ufeffa\r\nb");
  const perfil = prepararEnvio({ datos: { institucion: "DNM" }, nombre: "dnm", pais: "ARG" }, esquemaPerfil,
    configuracion({ carpeta: "perfiles", tipo: "perfil", campoNombre: "institucion", correoSt: "st@example.org" }));
  assert.equal(perfil.asunto, "Perfil de cooperación: Argentina — DNM");
  assert.match(perfil.correo.cuerpo, /^Envío el perfil «DNM», hecho con/);
});

// ---- pintado.js ----
test("which control each kind of field becomes, from the schema", () => {
  const props = esquema.properties;
  assert.deepEqual(["temas", "productos", "periodo", "pais", "titulo", "fecha"].map((k) => tipoDeCampo(props[k])),
    ["casillas", "lista", "objeto", "opciones", "texto", "texto"]);
  assert.equal(tipoDeCampo(sub(esquema, ["periodo", "inicio"])), "numero");
  assert.equal(tipoDeCampo(esquemaPerfil.properties.demanda), "lista");
});

test("labels, ids and descriptions of fields and of entries of lists", () => {
  assert.equal(idDe(["productos", 0, "url"]), "f-productos__0__url");
  assert.equal(etiquetaDe(esquema.properties.titulo, ["titulo"], true), esquema.properties.titulo.title + " (obligatorio)");
  assert.equal(etiquetaDe(esquema.properties.entidades_asociadas.items, ["entidades_asociadas", 1], false), "n.º 2");
  assert.equal(etiquetaDe(sub(esquema, ["productos", 0, "url"]), ["productos", 0, "url"], false), "Enlace");
  assert.equal(describir(["resumen"], true), "f-resumen-ayuda f-resumen-contador f-resumen-error");
  assert.equal(describir(["entidades_asociadas", 0], false), "f-entidades_asociadas__0-error");
});

test("problems are listed in the page's order, a part under its field, unknown places last", () => {
  const orden = [["pais"], ["titulo"], ["productos"], ["productos", 0, "url"]].map((p) => JSON.stringify(p));
  assert.equal(posicion(orden, ["titulo"]), 1);
  assert.equal(posicion(orden, ["productos", 0, "tipo"]), 2);
  assert.equal(posicion(orden, ["productos", 0, "url"]), 3);
  assert.equal(posicion(orden, ["nombre-archivo"]), 1e9);
});
