// The form's Spanish texts, as a Spanish page hands them to its scripts (generator/publicacion/paginas.py,
// textos_del_formulario): the tests read the catalogue itself, so they hold no copy of its sentences.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { usarTextos } from "../../docs/assets/proponer/textos.js";

const leer = (ruta) => parse(readFileSync(new URL("../../" + ruta, import.meta.url), "utf8"));
export const INTERFAZ = leer("schema/idiomas/es/paginas.yml").formulario;
usarTextos({ idioma: "es", interfaz: INTERFAZ, mensajes: {} });
