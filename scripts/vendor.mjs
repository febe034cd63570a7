// `make vendor`: bundle the form's libraries (versions from package-lock.json) with
// esbuild, and gather their licences. Deterministic: the same lock gives the same bytes.
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";

const destino = process.argv[2] || "docs/assets/vendor";
const paquetes = ["ajv", "ajv-formats", "yaml", "fast-deep-equal", "fast-uri", "json-schema-traverse"];
const paquetesAge = ["age-encryption", "@noble/ciphers", "@noble/curves", "@noble/hashes", "@noble/post-quantum", "@scure/base"];
const datos = (p) => {
  const pkg = JSON.parse(readFileSync(`node_modules/${p}/package.json`, "utf8"));
  return { nombre: p, version: pkg.version, licencia: pkg.license };
};
const cabecera = (lista) => "/*! Bibliotecas del formulario /proponer/ (licencias en LICENCIAS.txt): " +
  lista.map((i) => `${i.nombre} ${i.version} (${i.licencia})`).join(", ") + " */";
const infoBase = paquetes.map(datos), infoAge = paquetesAge.map(datos);
const info = infoBase.concat(infoAge);
const banner = cabecera(infoBase);

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

await build({
  entryPoints: ["scripts/cifrado-deps.mjs"],
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",  // age-encryption is compiled for ES2023 (BigInt, class fields)
  legalComments: "none",
  banner: { js: cabecera(infoAge) },
  outfile: `${destino}/age.js`,
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
