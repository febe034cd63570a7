// Runs records through the form's rules: reads [{nombre, datos, archivo}] as JSON on standard
// input, writes [{nombre, problemas: [{etiqueta, texto}]}]. Used by tests/test_formulario_js.py.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { compilar, problemas } from "../../docs/assets/proponer/reglas.js";

const esquema = JSON.parse(readFileSync(new URL("../../schema/ficha.schema.json", import.meta.url), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validar = compilar(ajv, esquema);
const casos = JSON.parse(readFileSync(0, "utf8"));
const salida = casos.map((c) => ({
  nombre: c.nombre,
  problemas: problemas(esquema, validar, c.datos, c.archivo).map((p) => ({ etiqueta: p.etiqueta, texto: p.texto })),
}));
process.stdout.write(JSON.stringify(salida));
