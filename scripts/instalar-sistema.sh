#!/usr/bin/env bash
# Installs what the test suite needs from outside PyPI, only when it is missing:
# Debian packages (Chromium and its driver, poppler's pdftoppm/pdftotext, Java for
# the Nu Html Checker, Node.js/npm) and the pinned npm packages (scripts/instalar-npm.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A paquete=(
  [chromium]=chromium
  [chromedriver]=chromium-driver
  [pdftoppm]=poppler-utils
  [java]=default-jre-headless
  [npm]=npm
)
faltan=()
for cmd in "${!paquete[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || faltan+=("${paquete[$cmd]}")
done
if ((${#faltan[@]})); then
  echo "Instalando paquetes de Debian: ${faltan[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "Hace falta ser root para instalarlos (o instálelos a mano: apt-get install ${faltan[*]})." >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${faltan[@]}" >/dev/null
fi

bash scripts/instalar-npm.sh
