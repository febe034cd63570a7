"""Printable fichas and compilations (WeasyPrint, from a dedicated print template).

Each ficha's PDF is cached by a key over its public data, the print template and
the renderer's version: an unchanged ficha is never rendered again. Compilations
are assembled from the cached ficha PDFs (pypdf) behind a cover and a table of
contents whose entries link to their pages, with one bookmark per ficha.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .model import Ficha, fecha_larga
from .pages import entorno
from .paths import ROOT, TEMPLATES_DIR

CACHE = ROOT / ".cache" / "pdf"
IMPRESION = TEMPLATES_DIR / "impresion"


def _cssstr(s: str) -> Markup:
    """A CSS string literal, safe inside <style> (no quote, backslash or < can break out)."""
    s = s.replace("\\", "\\5c ").replace('"', "\\22 ").replace("<", "\\3c ").replace("\n", " ")
    return Markup(f'"{s}"')


def _entorno():
    env = entorno()
    env.filters["cssstr"] = _cssstr
    return env


def huella_plantilla() -> str:
    import weasyprint
    h = hashlib.sha256(weasyprint.__version__.encode())
    for f in sorted(IMPRESION.iterdir()):
        h.update(f.name.encode() + f.read_bytes())
    return h.hexdigest()


def html_ficha(f: Ficha, sitio_url: str) -> str:
    css = Markup((IMPRESION / "impresion.css").read_text(encoding="utf-8"))  # our file, not ficha text
    url = sitio_url + f.url
    return _entorno().get_template("impresion/ficha.html").render(
        f=f, css=css, url_publica=url, sitio_url=sitio_url, pie=f"{url} · Ficha del {f.fecha_larga}")


def clave(f: Ficha, sitio_url: str, plantilla: str) -> str:
    datos = json.dumps(dataclasses.asdict(f), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(f"{plantilla}\n{sitio_url}\n{datos}".encode()).hexdigest()[:32]


def _render(args: tuple[str, str]) -> str:
    html, destino = args
    from weasyprint import HTML
    tmp = destino + ".tmp"
    HTML(string=html, base_url=str(IMPRESION)).write_pdf(tmp)
    os.replace(tmp, destino)
    return destino


@dataclass
class Descargas:
    """Site paths of the PDFs: per ficha id, and per compilation (("paises", "arg"), ("catalogo", ""))."""
    fichas: dict[str, str] = dataclasses.field(default_factory=dict)
    compilaciones: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)
    renderizadas: int = 0

    def __call__(self, destino):
        if isinstance(destino, Ficha):
            return self.fichas.get(destino.id)
        return self.compilaciones.get(destino)


def _workers(n: int) -> int:
    return max(1, min(os.cpu_count() or 1, n))


def construir_fichas(fichas: list[Ficha], sitio_url: str, cache: Path = CACHE) -> tuple[dict[str, Path], int]:
    """The cached PDF of every ficha, rendering only the missing ones (in parallel)."""
    cache.mkdir(parents=True, exist_ok=True)
    plantilla = huella_plantilla()
    rutas, pendientes = {}, []
    for f in fichas:
        ruta = cache / f"{clave(f, sitio_url, plantilla)}.pdf"
        rutas[f.id] = ruta
        if not ruta.exists():
            pendientes.append((html_ficha(f, sitio_url), str(ruta)))
    if len(pendientes) > 2 and _workers(len(pendientes)) > 1:
        with ProcessPoolExecutor(_workers(len(pendientes))) as pool:
            list(pool.map(_render, pendientes, chunksize=max(1, len(pendientes) // 32)))
    else:
        for p in pendientes:
            _render(p)
    return rutas, len(pendientes)


def _paginas(ruta: Path) -> int:
    from pypdf import PdfReader
    return len(PdfReader(ruta).pages)


def compilar(titulo: str, fichas: list[Ficha], pdfs: dict[str, Path], destino: Path, sitio_url: str,
             cache: Path = CACHE) -> bool:
    """Cover + table of contents + the fichas' PDFs, with links and bookmarks. True if rendered."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject
    from weasyprint import HTML

    h = hashlib.sha256(f"{huella_plantilla()}\n{titulo}".encode())
    for f in fichas:
        h.update(pdfs[f.id].name.encode())
    cacheado = cache / "compilaciones" / f"{h.hexdigest()[:32]}.pdf"
    destino.parent.mkdir(parents=True, exist_ok=True)
    if cacheado.exists():
        shutil.copyfile(cacheado, destino)
        return False

    css = Markup((IMPRESION / "impresion.css").read_text(encoding="utf-8"))
    fecha = fecha_larga(max(f.fecha for f in fichas))
    tpl = _entorno().get_template("impresion/portada.html")
    cuentas = [_paginas(pdfs[f.id]) for f in fichas]
    portada_paginas, doc = 1, None
    for _ in range(4):  # the table of contents' own length decides where fichas start
        inicio, entradas = portada_paginas + 1, []
        for f, n in zip(fichas, cuentas):
            entradas.append({"titulo": f.titulo, "pais": f.pais.etiqueta, "pagina": inicio})
            inicio += n
        html = tpl.render(titulo=titulo, fichas=fichas, entradas=entradas, css=css, fecha_larga=fecha, sitio_url=sitio_url)
        doc = HTML(string=html, base_url=str(IMPRESION)).render()
        if len(doc.pages) == portada_paginas:
            break
        portada_paginas = len(doc.pages)

    writer = PdfWriter()
    # excluded_fields=(): keep the link annotations pypdf drops by default
    writer.append(PdfReader(io.BytesIO(doc.write_pdf())), excluded_fields=())
    for f in fichas:
        inicio = len(writer.pages)
        writer.append(PdfReader(pdfs[f.id]), import_outline=False, excluded_fields=())
        writer.add_outline_item(title=f.titulo, page_number=inicio)
    # WeasyPrint wrote the table of contents' links as URIs "pagina:N"; make them internal jumps.
    for page in writer.pages[:portada_paginas]:
        for annot in page.get("/Annots", []) or []:
            a = annot.get_object()
            uri = a.get("/A", {}).get("/URI")
            if isinstance(uri, str) and uri.startswith("pagina:"):
                destino_pag = writer.pages[int(uri.split(":")[1]) - 1]
                a[NameObject("/A")] = DictionaryObject({
                    NameObject("/S"): NameObject("/GoTo"),
                    NameObject("/D"): ArrayObject([destino_pag.indirect_reference, NameObject("/Fit")]),
                })
    writer.add_metadata({"/Title": titulo, "/Author": "Conferencia Suramericana sobre Migraciones (CSM)"})
    cacheado.parent.mkdir(parents=True, exist_ok=True)
    tmp = cacheado.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        writer.write(fh)
    os.replace(tmp, cacheado)
    shutil.copyfile(cacheado, destino)
    return True


def construir(fichas: list[Ficha], sitio_url: str, cache: Path = CACHE) -> tuple[Descargas, dict[str, Path]]:
    """All PDFs: one per ficha and the compilations (whole catalogue, per country, per theme).

    Returns where each is linked from, and the files to publish (site path → cached file)."""
    from .pages import DIMENSIONES
    from .model import ordenar

    pdfs, renderizadas = construir_fichas(fichas, sitio_url, cache)
    descargas = Descargas(renderizadas=renderizadas)
    publicar: dict[str, Path] = {}
    for f in fichas:
        ruta = f"{f.url.rstrip('/')}.pdf"
        descargas.fichas[f.id] = ruta
        publicar[ruta] = pdfs[f.id]
    por_pais = {t.slug: i for i, t in enumerate(DIMENSIONES[0].terminos())}
    orden = sorted(ordenar(fichas), key=lambda f: por_pais[f.pais.slug])
    grupos = [(("catalogo", ""), "Catálogo completo", "descargas/catalogo-completo.pdf", orden)]
    for dim in DIMENSIONES[:2]:  # per country and per theme
        for t in dim.terminos():
            incluidas = [f for f in orden if t in dim.de(f)]
            if incluidas:
                titulo = t.etiqueta if dim.carpeta == "paises" else f"Tema: {t.etiqueta}"
                grupos.append(((dim.carpeta, dim.slug(t)), titulo, f"descargas/{dim.carpeta}/{dim.slug(t)}.pdf", incluidas))
    destino_tmp = cache / "salida"
    for clave_comp, titulo, ruta, incluidas in grupos:
        destino = destino_tmp / ruta
        if compilar(titulo, incluidas, pdfs, destino, sitio_url, cache):
            descargas.renderizadas += 1
        descargas.compilaciones[clave_comp] = ruta
        publicar[ruta] = destino
    return descargas, publicar
