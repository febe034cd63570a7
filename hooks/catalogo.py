"""MkDocs glue. The catalogue is built before the engine runs (`python -m generator construir`
writes build/paginas and build/mkdocs.yml, which names this hook); every page is complete and
safe without it, as Zensical, which ignores hooks, shows. Here only what is MkDocs' own:

on_config         the build date (sitemap, feed of the theme) from the records, not the clock;
on_page_markdown  a ficha's sitemap date is the ficha's own `fecha`; a generated body skips
                  Python-Markdown (speed, not safety: the body is already escaped HTML);
on_post_page      drop an attribute Material puts where HTML forbids it;
on_serve          `mkdocs serve` re-runs `construir` when a record, the schema or a template changes
                  (`make serve` rebuilds only the pages that changed: --dirty, not strict).
"""
from __future__ import annotations

import os

from generator.config import ROOT

_estado: dict = {"sirviendo": False}


def on_startup(command, dirty):
    _estado["sirviendo"] = command == "serve"
    if command == "serve":  # the dev server has threads: no forked workers in this process
        os.environ["CATALOGO_PARALELO"] = "0"
        from generator.validacion.validar import recordar_validaciones
        recordar_validaciones()


def on_config(config):
    epoca = (config.extra or {}).get("catalogo_epoca")
    if epoca:
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(epoca))
    return config


def _fuentes():
    """Where `construir` reads from, under `mkdocs serve` (the records' folders may be others)."""
    from generator.publicacion import construccion
    opciones = construccion.opciones_desde_entorno()
    return opciones, (opciones.fichas, opciones.perfiles, ROOT / "schema", ROOT / "catalogo.yml",
                      ROOT / "generator" / "publicacion" / "plantillas")


def _vistazo(rutas) -> tuple:
    """Which source files there are and when each last changed: only to decide whether to run
    `construir` again (what it rewrites it decides by content)."""
    out = []
    for ruta in rutas:
        archivos = sorted(ruta.rglob("*")) if ruta.is_dir() else [ruta]
        out += [(str(a), a.stat().st_mtime_ns, a.stat().st_size) for a in archivos if a.is_file()]
    return tuple(out)


def on_pre_build(config):
    # `make serve` ran `construir` before the first build; a later build runs it again when a
    # record, the schema or a template changed (not when only its own output did)
    if not _estado["sirviendo"]:
        return
    opciones, rutas = _fuentes()
    vistazo = _vistazo(rutas)
    if _estado.setdefault("vistazo", vistazo) == vistazo:
        return
    _estado["vistazo"] = vistazo
    from mkdocs.exceptions import Abort
    from generator.publicacion import construccion
    try:
        construccion.construir(opciones)
    except construccion.FichasInvalidas as err:
        print(err.reporte)
        raise Abort(str(err)) from None


def on_page_markdown(markdown, page, config, files):
    catalogo_meta = page.meta.get("catalogo") or {}
    if catalogo_meta.get("fecha"):
        page.update_date = str(catalogo_meta["fecha"])
    # A generated page's body is one block of already-escaped HTML (valid Markdown for any
    # engine). Python-Markdown would re-parse every tag of it with HTMLParser, which was
    # most of the build time at 1,000 fichas; hand it a marker and put the block back after.
    if catalogo_meta and markdown.lstrip().startswith("<"):
        _html_generado[page.file.src_uri] = markdown
        return _MARCA
    return markdown


_MARCA = "<!--catalogo:html-generado-->"
_html_generado: dict[str, str] = {}


def on_page_content(html, page, config, files):
    bloque = _html_generado.pop(page.file.src_uri, None)
    return html if bloque is None else html.replace(_MARCA, bloque, 1)


# Material's base.html sets autocomplete on its checkbox toggles, which HTML forbids
# (the Nu Html Checker reports it). The attribute does nothing there: drop it.
_TOGGLES = tuple(f'type="checkbox" id="{i}" autocomplete="off"' for i in ("__drawer", "__search"))


def on_post_page(output, page, config):
    for toggle in _TOGGLES:
        output = output.replace(toggle, toggle.replace(' autocomplete="off"', ""))
    return output


def on_serve(server, config, builder):
    for ruta in _fuentes()[1]:
        if ruta.exists():
            server.watch(str(ruta))
    return server
