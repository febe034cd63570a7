#!/usr/bin/env bash
# Installs what the project needs from outside PyPI, only when it is missing:
#   --sitio  what building the site needs: Pango (WeasyPrint draws the PDFs with it) and
#            Node.js/npm, then Pagefind (scripts/instalar-npm.sh --sitio)
#   (none)   also what the test suite needs: Chromium and its driver, poppler's
#            pdftoppm/pdftotext, Java for the Nu Html Checker, LibreOffice Writer (headless: the
#            Word form's tests open and save it as LibreOffice does), and every pinned npm package
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A paquete=(
  [npm]=npm
)
if [ "${1:-}" != "--sitio" ]; then
  paquete+=(
    [chromium]=chromium
    [chromedriver]=chromium-driver
    [pdftoppm]=poppler-utils
    [java]=default-jre-headless
    [soffice]=libreoffice-writer-nogui
  )
fi
faltan=()
for cmd in "${!paquete[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || faltan+=("${paquete[$cmd]}")
done
# libraries, not commands: WeasyPrint loads Pango when it draws a PDF
hay_biblioteca() {
  { PATH="$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null | grep -q "$1"; } \
    || compgen -G "/usr/lib/*/$1" >/dev/null || compgen -G "/usr/lib/$1" >/dev/null
}
for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0; do
  hay_biblioteca "$lib" || faltan+=("${lib%%.so.0}")
done
if ((${#faltan[@]})); then
  # libpango-1.0 → Debian's libpango-1.0-0 (and the same for pangoft2)
  faltan=("${faltan[@]/%-1.0/-1.0-0}")
  echo "Instalando paquetes de Debian: ${faltan[*]}"
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "Hace falta ser root en Debian o Ubuntu para instalarlos (o instálelos a mano: apt-get install ${faltan[*]})." >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${faltan[@]}" >/dev/null
fi

bash scripts/instalar-npm.sh "$@"
