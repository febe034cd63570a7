"""Print a validation result for people (`texto`) or as GitHub annotations (`github`)."""
from __future__ import annotations

import os
from typing import Callable, TextIO

from generator.esquema import idiomas
from generator.validacion.resultado import Resultado


def reporte_texto(res: Resultado, out: TextIO) -> None:
    for p in res.problemas:
        print(p, file=out)
    print(res.resumen(), file=out)


def _escapar_datos(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escapar_propiedad(s: str) -> str:
    return _escapar_datos(s).replace(":", "%3A").replace(",", "%2C")


def anotacion(p) -> str:
    title = p.campo or idiomas.texto("cli.anotacion_sin_campo", p.idioma)
    return (f"::{'warning' if p.es_aviso else 'error'} file={_escapar_propiedad(p.archivo)},line={p.linea},col={p.columna},"
            f"title={_escapar_propiedad(title)}::{_escapar_datos(p.mensaje)}")


def _md(s: str) -> str:
    return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def resumen_markdown(res: Resultado) -> str:
    idioma = res.idioma_del_resumen
    lines = [idiomas.texto("cli.informe_github.titulo", idioma), "", res.resumen(), ""]
    if res.problemas:
        lines += [idiomas.texto("cli.informe_github.cabecera", idioma), "|---|---|---|---|"]
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
