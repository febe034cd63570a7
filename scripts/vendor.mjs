// `make vendor`: bundle the form's libraries (versions from package-lock.json) with
// esbuild, and gather their licences. Deterministic: the same lock gives the same bytes.
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";

const destino = process.argv[2] || "docs/assets/vendor";
const paquetes = ["ajv", "ajv-formats", "yaml", "fast-deep-equal", "fast-uri", "json-schema-traverse"];
const info = paquetes.map((p) => {
  const pkg = JSON.parse(readFileSync(`node_modules/${p}/package.json`, "utf8"));
  return { nombre: p, version: pkg.version, licencia: pkg.license };
});
const banner = "/*! Bibliotecas del formulario /proponer/ (licencias en LICENCIAS.txt): " +
  info.map((i) => `${i.nombre} ${i.version} (${i.licencia})`).join(", ") + " */";

await build({
  entryPoints: ["scripts/proponer-deps.mjs"],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2019",
  legalComments: "none",
  banner: { js: banner },
  outfile: `${destino}/proponer-deps.js`,
  logLevel: "warning",
});

const licencias = info.map((i) => {
  let texto = "";
  for (const f of ["LICENSE", "LICENSE.md", "license", "LICENSE.txt"]) {
    try { texto = readFileSync(`node_modules/${i.nombre}/${f}`, "utf8"); break; } catch { /* next */ }
  }
  return `== ${i.nombre} ${i.version} (${i.licencia}) ==\n\n${texto.trim()}\n`;
});
writeFileSync(`${destino}/LICENCIAS.txt`, licencias.join("\n"));
