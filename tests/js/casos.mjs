// Runs records through the form's rules: reads [{nombre, datos, archivo, esquema}] as JSON on
// standard input (esquema: "ficha.schema.json" or "perfil.schema.json", the first by default),
// writes [{nombre, problemas: [{etiqueta, texto}]}]. Used by tests/test_formulario_js.py.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import "./textos-es.mjs";
import { compilar, problemas } from "../../docs/assets/proponer/reglas.js";

const compilados = {};
function validador(nombre) {
  if (!compilados[nombre]) {
    const esquema = JSON.parse(readFileSync(new URL("../../schema/" + nombre, import.meta.url), "utf8"));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    compilados[nombre] = { esquema, validar: compilar(ajv, esquema) };
  }
  return compilados[nombre];
}
const casos = JSON.parse(readFileSync(0, "utf8"));
const salida = casos.map((c) => {
  const { esquema, validar } = validador(c.esquema || "ficha.schema.json");
  return {
    nombre: c.nombre,
    problemas: problemas(esquema, validar, c.datos, c.archivo).map((p) => ({ etiqueta: p.etiqueta, texto: p.texto })),
  };
});
process.stdout.write(JSON.stringify(salida));
