#!/usr/bin/env bash
# One issue for the broken links, kept up to date by the weekly workflow (enlaces.yml): opened
# when some link stops working, its description replaced on each run, closed when all work again.
# Usage: bash scripts/issue-enlaces.sh [build/enlaces]   (needs gh with GH_TOKEN and GH_REPO)
set -euo pipefail
carpeta=${1:-build/enlaces}
titulo="Enlaces rotos en el catálogo"
etiqueta="enlaces-rotos"
gh label create "$etiqueta" --color B60205 --description "Informe semanal de make enlaces" --force >/dev/null
numero=$(gh issue list --state open --label "$etiqueta" --limit 1 --json number --jq '.[0].number // empty')
if [ -s "$carpeta/rotos.txt" ]; then
  if [ -n "$numero" ]; then
    gh issue edit "$numero" --body-file "$carpeta/informe.md"
    echo "Se actualizó el issue #$numero."
  else
    gh issue create --title "$titulo" --label "$etiqueta" --body-file "$carpeta/informe.md"
  fi
elif [ -n "$numero" ]; then
  gh issue close "$numero" --comment "Todos los enlaces funcionan de nuevo: se cierra (el informe semanal lo reabrirá si alguno deja de funcionar)."
else
  echo "Todos los enlaces funcionan; no hay issue que abrir."
fi
