#!/usr/bin/env bash
# Installs the npm packages pinned in package-lock.json, only when missing or outdated.
#   --sitio  what building the site needs (Pagefind: its Linux binary, shipped in the package);
#            kept as it is when a full install is already there
#   (none)   everything: also the test and packaging tools (axe-core, vnu-jar, esbuild, Ajv, yaml)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Instalando npm (Node.js) de Debian, con el que se instala Pagefind, el buscador del sitio"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
  else
    echo "Falta npm (Node.js), con el que se instala Pagefind, el buscador del sitio." >&2
    echo "Instálelo (en Debian o Ubuntu: apt-get install npm) y repita la orden." >&2
    exit 1
  fi
fi

al_dia() { [ -f node_modules/.package-lock.json ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; }

if [ "${1:-}" = "--sitio" ]; then
  al_dia && compgen -G 'node_modules/@pagefind/linux-*/bin/pagefind_extended' >/dev/null && exit 0
  echo "Instalando Pagefind fijado en package-lock.json"
  npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
else
  al_dia && [ -d node_modules/vnu-jar ] && [ -d node_modules/axe-core ] && exit 0
  echo "Instalando los paquetes de npm fijados en package-lock.json (Pagefind, axe-core, vnu-jar, esbuild, Ajv, yaml)"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
