"""MkDocs hook: the catalogue's pipeline inside `mkdocs build` and `mkdocs serve`.

on_config     validate fichas/ and perfiles/ (an invalid record stops the build, with
              the validator's messages) and write the generated pages;
on_files      add the generated pages to the site;
on_page_markdown  a ficha page's sitemap date is the ficha's own `fecha`;
on_serve      reload when a ficha, a profile, the schema or a template changes;
on_post_build index the built site with Pagefind.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

from generator.config import ROOT, leer_configuracion
from generator.publicacion import construccion as catalogo

_estado: dict = {}


def on_config(config):
    # the site's address and repository are declared once, in catalogo.yml (read at each
    # build, so that `make serve` follows an edit to it)
    propia = leer_configuracion()
    config.site_url = propia.sitio_url
    config.repo_url = propia.repositorio
    config.repo_name = propia.repo_nombre
    config.extra["marca"] = propia.marca
    from generator.privacidad.demostracion import problema_de_despliegue
    problema = problema_de_despliegue(propia.demostracion)
    if problema:  # a live catalogue never serves a form that encrypts to a key nobody holds
        print(problema, file=sys.stderr)
        raise Abort(problema)
    try:
        estado = catalogo.preparar(catalogo.opciones_desde_entorno())
    except catalogo.FichasInvalidas as err:
        print(err.reporte, file=sys.stderr)
        raise Abort(str(err)) from None
    _estado.clear()
    _estado.update(estado=estado)
    return config


def on_files(files, config):
    estado = _estado["estado"]
    for rel in estado.escritos:
        files.append(File(rel, src_dir=str(estado.opciones.generado), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    return files


def on_page_markdown(markdown, page, config, files):
    # Material prints page.meta.title and .description unescaped in <title>, the
    # header and <meta>: a ficha's title is text, so it goes in escaped, once.
    for clave in ("title", "description"):
        if isinstance(page.meta.get(clave), str):
            page.meta[clave] = escape(page.meta[clave])
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


def on_post_build(config):
    try:
        catalogo.despues_de_construir(_estado["estado"], Path(config.site_dir))
    except catalogo.ErrorDeConstruccion as err:
        raise Abort(str(err)) from None
