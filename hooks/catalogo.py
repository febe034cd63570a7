"""MkDocs glue. The catalogue is built before the engine runs (`python -m generator construir`
writes build/paginas and build/mkdocs.yml, which names this hook); every page is complete and
safe without it, as Zensical, which ignores hooks, shows. Here only what is MkDocs' own:

on_config         the build date (sitemap, feed of the theme) from the records, not the clock;
on_page_markdown  a ficha's sitemap date is the ficha's own `fecha`; a generated body skips
                  Python-Markdown (speed, not safety: the body is already escaped HTML);
on_post_page      drop an attribute Material puts where HTML forbids it;
on_serve          `mkdocs serve` re-runs `construir` when a record, the schema or a template changes.
"""
from __future__ import annotations

import os

from generator.config import ROOT

_estado = {"sirviendo": False, "construcciones": 0}


def on_startup(command, dirty):
    _estado["sirviendo"] = command == "serve"


def on_config(config):
    epoca = (config.extra or {}).get("catalogo_epoca")
    if epoca:
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(epoca))
    return config


def on_pre_build(config):
    # `make serve` ran `construir` before the first build; later builds follow the records
    _estado["construcciones"] += 1
    if _estado["sirviendo"] and _estado["construcciones"] > 1:
        from mkdocs.exceptions import Abort
        from generator.publicacion import construccion
        try:
            construccion.construir(construccion.opciones_desde_entorno())
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
    for ruta in (ROOT / "fichas", ROOT / "perfiles", ROOT / "schema", ROOT / "catalogo.yml", ROOT / "generator" / "publicacion" / "plantillas"):
        server.watch(str(ruta))
    return server
