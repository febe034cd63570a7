"""Print a validation result for people (`texto`) or as GitHub annotations (`github`)."""
from __future__ import annotations

import os
from typing import Callable, TextIO

from generator.validacion.resultado import Resultado


def reporte_texto(res: Resultado, out: TextIO) -> None:
    for p in res.problemas:
        print(p, file=out)
    print(res.resumen(), file=out)


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def anotacion(p) -> str:
    title = p.campo or "Ficha"
    return (f"::{'warning' if p.es_aviso else 'error'} file={_escape_prop(p.archivo)},line={p.linea},col={p.columna},"
            f"title={_escape_prop(title)}::{_escape_data(p.mensaje)}")


def _md(s: str) -> str:
    return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def resumen_markdown(res: Resultado) -> str:
    lines = ["## Validación de fichas", "", res.resumen(), ""]
    if res.problemas:
        lines += ["| Archivo | Línea | Campo | Qué corregir |", "|---|---|---|---|"]
        lines += [f"| `{p.archivo}` | {p.linea} | {_md(p.campo or '—')} | {_md(p.texto)} |" for p in res.problemas]
        lines.append("")
    return "\n".join(lines)


def reporte_github(res: Resultado, out: TextIO) -> None:
    for p in res.problemas:
        print(anotacion(p), file=out)
    print(res.resumen(), file=out)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(resumen_markdown(res) + "\n")


INFORMES: dict[str, Callable[[Resultado, TextIO], None]] = {
    "texto": reporte_texto,
    "github": reporte_github,
}
