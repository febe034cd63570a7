"""Printable fichas and compilations (WeasyPrint, from a dedicated print template).

A ficha's PDF speaks the ficha's language (its «idioma»): labels, options and every word of the
print templates from that language's catalogues (schema/idiomas/<código>/pdf.yml, campos.yml,
vocabularios.yml). Compilations and «Cooperación» speak the language being written when they
are built (Spanish unless the build asks for another), each ficha inside keeping its own.
Each ficha's PDF is cached by a key over its public data, its language, the print template, the
catalogues it reads and the renderer's version: an unchanged ficha is never rendered again. Compilations
are assembled from the cached ficha PDFs (qpdf, through pikepdf) behind a cover and a table of
contents whose entries link to their pages, with one bookmark per ficha.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from generator.esquema import idiomas
from generator.publicacion.modelo import Registro, fecha_larga
from generator.publicacion import fuentes_pdf, paginacion, rutas
from generator.publicacion.paginas import entorno
from generator.config import CAMPOS_PATH, ROOT, SCHEMA_DIR, TEMPLATES_DIR, VOCAB_PATH
from generator.publicacion.paginas import DIMENSIONES
from generator.publicacion.modelo import ordenar

CACHE = ROOT / ".cache" / "pdf"
IMPRESION = TEMPLATES_DIR / "impresion"


def _cssstr(s: str) -> Markup:
    """A CSS string literal, safe inside <style> (no quote, backslash or < can break out)."""
    s = s.replace("\\", "\\5c ").replace('"', "\\22 ").replace("<", "\\3c ").replace("\n", " ")
    return Markup(f'"{s}"')


_ENTORNO = None


def _entorno():
    """The print templates' environment, one per process: made anew for every ficha, it compiled the
    templates for every ficha (45 ms each, a thousand fichas one after the other before any PDF was
    drawn). Its words follow the language being written when a page is drawn, not when it was made;
    it checks each template's date, so a template edited under a running process is read again."""
    global _ENTORNO
    if _ENTORNO is None:
        env = entorno()
        env.auto_reload = True
        env.filters["cssstr"] = _cssstr
        env.globals["fecha_larga"] = fecha_larga
        _ENTORNO = env
    return _ENTORNO


# The catalogues a PDF reads in its language: its words, the fields' labels and the options'.
# sitio.yml: the dates and periods, written as on the record's page (publicacion/modelo.py)
CATALOGOS_PDF = ("idioma", "pdf", "sitio", "campos", "campos-perfil", "vocabularios")


def huella_plantilla(idioma: str | None = None) -> str:
    """What a PDF in `idioma` (the one being written by default) depends on besides the ficha: the
    renderer, the print templates, the field macros, the field descriptions and vocabularies
    (labels and order come from there), and the catalogues of Spanish and of that language."""
    import weasyprint  # function-level: WeasyPrint is heavy and needs system libraries; loaded only to write PDFs
    idioma = idiomas.normalizar(idioma or idiomas.actual())
    h = hashlib.sha256(f"{weasyprint.__version__}\n{idioma}".encode())
    catalogos = [idiomas.IDIOMAS_DIR / codigo / f"{nombre}.yml" for codigo in dict.fromkeys((idiomas.BASE, idioma))
                 for nombre in CATALOGOS_PDF]
    for f in [*sorted(IMPRESION.iterdir()), TEMPLATES_DIR / "_campos.html", CAMPOS_PATH, VOCAB_PATH,
              SCHEMA_DIR / "campos-perfil.yml", *catalogos]:
        if f.is_file():
            h.update(str(f.relative_to(ROOT) if f.is_relative_to(ROOT) else f.name).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def html_ficha(f: Registro, sitio_url: str) -> str:
    """The ficha's print page, in the ficha's language."""
    css = Markup((IMPRESION / "impresion.css").read_text(encoding="utf-8"))  # our file, not ficha text
    url = sitio_url + f.url
    with idiomas.en(f.lang):
        return _entorno().get_template("impresion/ficha.html").render(
            f=f, css=css, url_publica=url, sitio_url=sitio_url, secciones=f.tipo.secciones,
            pie=idiomas.t("pdf.ficha.pie", url=url, fecha=fecha_larga(f.fecha)))


def clave(f: Registro, sitio_url: str, plantilla: str) -> str:
    """The cache key of a ficha's PDF: its public data, its language, and `plantilla`
    (huella_plantilla in that language)."""
    datos = f.clave_cache()
    return hashlib.sha256(f"{plantilla}\n{idiomas.normalizar(f.lang)}\n{sitio_url}\n{datos}".encode()).hexdigest()[:32]


_FUENTES = None


def _fuentes():
    """One font configuration per process: WeasyPrint would build it for every document."""
    global _FUENTES
    if _FUENTES is None:
        from weasyprint.text.fonts import FontConfiguration  # function-level: WeasyPrint is heavy and needs system libraries; loaded only to write PDFs
        _FUENTES = FontConfiguration()
    return _FUENTES


def _documento(html: str):
    from weasyprint import HTML  # function-level: WeasyPrint is heavy and needs system libraries; loaded only to write PDFs
    return HTML(string=html, base_url=str(IMPRESION)).render(font_config=_fuentes())


def _escribir(doc, destino: Path) -> None:
    """Write the PDF and, beside it, its page count (compilations need it without reopening the PDF)."""
    tmp = destino.with_name(destino.name + ".tmp")
    doc.write_pdf(str(tmp))
    destino.with_suffix(".paginas").write_text(str(len(doc.pages)), encoding="ascii")
    os.replace(tmp, destino)


def _pintar(args: tuple[str, str]) -> str:
    html, destino = args
    _escribir(_documento(html), Path(destino))
    return destino


def numero_de_paginas(ruta: Path) -> int:
    """Page count of a cached PDF, from its sidecar (counted and stored once if missing)."""
    lado = ruta.with_suffix(".paginas")
    try:
        return int(lado.read_text(encoding="ascii"))
    except (OSError, ValueError):
        import pikepdf  # function-level: pikepdf (native) loads only when a PDF is post-processed
        with pikepdf.open(ruta) as pdf:
            n = len(pdf.pages)
        lado.write_text(str(n), encoding="ascii")
        return n


@dataclass(frozen=True)
class Detalle:
    """What /descargas/ says of a compilation: its title, size, pages, fichas and data date."""
    titulo: str
    bytes: int
    paginas: int
    fichas: int
    fecha: str


@dataclass
class Descargas:
    """Site paths of the PDFs: per ficha id, and per compilation (("paises", "arg"), ("catalogo", ""));
    `detalles`, per compilation's site path, what the downloads page shows of it."""
    fichas: dict[str, str] = dataclasses.field(default_factory=dict)
    compilaciones: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)
    renderizadas: int = 0
    detalles: dict[str, Detalle] = dataclasses.field(default_factory=dict)

    def __call__(self, destino):
        if isinstance(destino, Registro):
            return self.fichas.get(destino.id)
        return self.compilaciones.get(destino)


def _procesos(n: int) -> int:
    return max(1, min(os.cpu_count() or 1, n))


def construir_fichas(fichas: list[Registro], sitio_url: str, cache: Path = CACHE) -> tuple[dict[str, Path], int]:
    """The cached PDF of every ficha, rendering only the missing ones (in parallel)."""
    cache.mkdir(parents=True, exist_ok=True)
    plantillas: dict[str, str] = {}
    rutas, pendientes = {}, []
    for f in fichas:
        idioma = idiomas.normalizar(f.lang)
        if idioma not in plantillas:
            plantillas[idioma] = huella_plantilla(idioma)
        ruta = cache / f"{clave(f, sitio_url, plantillas[idioma])}.pdf"
        rutas[f.id] = ruta
        if not ruta.exists():
            pendientes.append((html_ficha(f, sitio_url), str(ruta)))
    if len(pendientes) > 2 and _procesos(len(pendientes)) > 1:
        with ProcessPoolExecutor(_procesos(len(pendientes))) as pool:
            list(pool.map(_pintar, pendientes, chunksize=max(1, len(pendientes) // 32)))
    else:
        for p in pendientes:
            _pintar(p)
    return rutas, len(pendientes)


def numerada(ruta: Path) -> Path:
    """The published copy of a ficha's cached PDF, with «Página N de T» stamped (made once), in the
    language being written: the caller writes in the ficha's (its cache key already holds it)."""
    import pikepdf  # function-level: pikepdf (native) loads only when a PDF is post-processed
    destino = ruta.with_name(f"{ruta.stem}-n{paginacion.VERSION}.pdf")
    if not destino.exists():
        tmp = destino.with_name(destino.name + ".tmp")
        with pikepdf.open(ruta) as pdf:
            paginacion.numerar(pdf)
            pdf.save(tmp, deterministic_id=True)
        os.replace(tmp, destino)
    return destino


def _portada(html: str, cache: Path) -> tuple[Path, int]:
    """The cover and table of contents, rendered once per distinct content."""
    ruta = cache / "portadas" / f"{hashlib.sha256(html.encode()).hexdigest()[:32]}.pdf"
    if not ruta.exists():
        ruta.parent.mkdir(parents=True, exist_ok=True)
        _escribir(_documento(html), ruta)
    return ruta, numero_de_paginas(ruta)


FILAS_POR_PAGINA = 20  # first guess of the table of contents' length; the render corrects it


def compilar(titulo: str, fichas: list[Registro], pdfs: dict[str, Path], destino: Path, sitio_url: str,
             cache: Path = CACHE) -> bool:
    """Cover + table of contents + the fichas' PDFs, with links and bookmarks. True if assembled.

    Nothing here re-renders a ficha: the fichas' cached PDFs are joined by qpdf (pikepdf). The
    cover is rendered only when its text changed (titles, order or page numbers)."""
    import pikepdf  # function-level: pikepdf (native) loads only when a PDF is post-processed

    h = hashlib.sha256(f"{huella_plantilla()}\n{idiomas.actual()}\n{paginacion.VERSION}\n{fuentes_pdf.VERSION}\n{titulo}".encode())
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
    cuentas = [numero_de_paginas(pdfs[f.id]) for f in fichas]
    portada_paginas = 1 + -(-len(fichas) // FILAS_POR_PAGINA)
    for _ in range(4):  # the table of contents' own length decides where fichas start
        inicio, entradas = portada_paginas + 1, []
        for f, n in zip(fichas, cuentas):
            entradas.append({"titulo": f.titulo, "pais": f.pais.etiqueta, "pagina": inicio, "lang": f.lang})
            inicio += n
        html = tpl.render(titulo=titulo, fichas=fichas, entradas=entradas, css=css, fecha_larga=fecha, sitio_url=sitio_url)
        portada, n_portada = _portada(html, cache)
        if n_portada == portada_paginas:
            break
        portada_paginas = n_portada

    with pikepdf.open(portada) as pdf_portada, pikepdf.new() as salida:
        salida.pages.extend(pdf_portada.pages)
        abiertos, inicios = [], []
        for f in fichas:
            origen = pikepdf.open(pdfs[f.id])
            abiertos.append(origen)
            inicios.append(len(salida.pages))
            salida.pages.extend(origen.pages)
        # WeasyPrint wrote the table of contents' links as URIs "pagina:N"; make them internal jumps.
        for page in salida.pages[:portada_paginas]:
            for annot in page.obj.get("/Annots", []):
                accion = annot.get("/A")
                uri = str(accion.get("/URI", "")) if accion is not None else ""
                if uri.startswith("pagina:"):
                    objetivo = salida.pages[int(uri.split(":")[1]) - 1].obj
                    annot.A = pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=pikepdf.Array([objetivo, pikepdf.Name.Fit]))
        with salida.open_outline() as indice:
            indice.root.extend(pikepdf.OutlineItem(f.titulo, i) for f, i in zip(fichas, inicios))
        paginacion.numerar(salida, sin_numero=1)  # one numbering through the book: the cover has none
        fuentes_pdf.unir_fuentes(salida)  # one copy of each typeface for the whole book, not one per ficha
        salida.docinfo["/Title"] = titulo
        salida.docinfo["/Author"] = idiomas.t("pdf.csm")
        cacheado.parent.mkdir(parents=True, exist_ok=True)
        tmp = cacheado.with_suffix(".tmp")
        salida.save(tmp, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        for origen in abiertos:
            origen.close()
    os.replace(tmp, cacheado)
    shutil.copyfile(cacheado, destino)
    return True


def _compilar(args) -> bool:
    *resto, idioma = args
    with idiomas.en(idioma):  # a worker process starts in Spanish: the compilation's language goes with it
        return compilar(*resto)


def cooperacion_pdf(cooperacion, sitio_url: str, cache: Path = CACHE) -> Path | None:
    """«Cooperación»: both rankings, the matrix and each area's matches, dated from the profiles."""
    if not cooperacion.perfiles:
        return None
    css = Markup((IMPRESION / "impresion.css").read_text(encoding="utf-8"))
    fecha = fecha_larga(max(p.fecha for p in cooperacion.perfiles))
    html = _entorno().get_template("impresion/cooperacion.html").render(
        c=cooperacion, demanda=cooperacion.ranking("demanda"), oferta=cooperacion.ranking("oferta"),
        matriz=cooperacion.matriz(), coincidencias=cooperacion.coincidencias(), css=css, fecha_larga=fecha,
        sitio_url=sitio_url, pie=idiomas.t("pdf.cooperacion.pie", url=f"{sitio_url}{rutas.COOPERACION}", fecha=fecha))
    ruta = cache / "cooperacion" / f"{hashlib.sha256(html.encode()).hexdigest()[:32]}.pdf"
    if not ruta.exists():
        ruta.parent.mkdir(parents=True, exist_ok=True)
        _escribir(_documento(html), ruta)
    return ruta


def grupos_de_compilacion(fichas: list[Registro], por_partes: bool = False) -> list[tuple[tuple[str, str], str, str, list[Registro]]]:
    """The compilations: (key, title, site path, fichas). The whole catalogue and one per value of
    every indexed facet (country, theme, category); `por_partes`, only one per country (together
    they are the whole catalogue, and each ficha is in one compilation only)."""
    por_pais = {t.slug: i for i, t in enumerate(DIMENSIONES[0].terminos())}
    orden = sorted(ordenar(fichas), key=lambda f: por_pais[f.pais.slug])
    grupos = [] if por_partes else [(("catalogo", ""), idiomas.t("pdf.compilacion.catalogo"),
                                     rutas.descarga("catalogo-completo.pdf"), orden)]
    for dim in DIMENSIONES[:1] if por_partes else DIMENSIONES:  # every index page has its compilation
        for t in dim.terminos():
            incluidas = [f for f in orden if t in dim.de(f)]
            if incluidas:
                titulo = t.etiqueta if dim is DIMENSIONES[0] else \
                    idiomas.t("pdf.compilacion.faceta", faceta=dim.campo.faceta.titulo, valor=t.etiqueta)
                grupos.append(((dim.carpeta, dim.slug(t)), titulo, rutas.compilacion(dim.carpeta, dim.slug(t)), incluidas))
    return grupos


def construir(fichas: list[Registro], sitio_url: str, cache: Path = CACHE, cooperacion=None,
              por_partes: bool = False) -> tuple[Descargas, dict[str, Path]]:
    """All PDFs: one per ficha and the compilations (see `grupos_de_compilacion`).

    Returns where each is linked from, and the files to publish (site path → cached file)."""
    pdfs, renderizadas = construir_fichas(fichas, sitio_url, cache)
    descargas = Descargas(renderizadas=renderizadas)
    publicar: dict[str, Path] = {}
    for f in fichas:
        ruta = rutas.pdf_registro(f.url)
        descargas.fichas[f.id] = ruta
        with idiomas.en(f.lang):  # «Página N de T» in the ficha's language
            publicar[ruta] = numerada(pdfs[f.id])
    grupos = grupos_de_compilacion(fichas, por_partes)
    destino_tmp = cache / "salida"
    trabajos = [(titulo, incluidas, {f.id: pdfs[f.id] for f in incluidas}, destino_tmp / ruta, sitio_url, cache,
                 idiomas.actual()) for _, titulo, ruta, incluidas in grupos]
    if len(trabajos) > 1 and _procesos(len(trabajos)) > 1:
        with ProcessPoolExecutor(_procesos(len(trabajos))) as pool:
            hechas = list(pool.map(_compilar, trabajos))  # the whole catalogue first: it is the longest
    else:
        hechas = [_compilar(t) for t in trabajos]
    descargas.renderizadas += sum(hechas)
    for (clave_comp, titulo, ruta, incluidas), (*_, destino, _, _, _) in zip(grupos, trabajos):
        descargas.compilaciones[clave_comp] = ruta
        publicar[ruta] = destino
        descargas.detalles[ruta] = Detalle(titulo, destino.stat().st_size, _contar_paginas(destino),
                                           len(incluidas), max(f.fecha for f in incluidas))
    coop = cooperacion_pdf(cooperacion, sitio_url, cache) if cooperacion is not None else None
    if coop is not None:
        descargas.compilaciones[("cooperacion", "")] = rutas.descarga("cooperacion.pdf")
        publicar[rutas.descarga("cooperacion.pdf")] = coop
        descargas.detalles[rutas.descarga("cooperacion.pdf")] = Detalle(
            idiomas.t("pdf.cooperacion.detalle"), coop.stat().st_size, numero_de_paginas(coop),
            0, max(p.fecha for p in cooperacion.perfiles))
    return descargas, publicar


def _contar_paginas(ruta: Path) -> int:
    import pikepdf  # function-level: pikepdf (native) loads only when a PDF is post-processed
    with pikepdf.open(ruta) as pdf:
        return len(pdf.pages)
