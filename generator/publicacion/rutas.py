"""The site's URL layout, in one place: every page, link, PDF and data file is named here.

Paths are relative to the site's root and end in «/» for a page («fichas/arg/x/»); a page's
Markdown source is `pagina(url)`. A record's folder is its kind's (`TipoDeRegistro.carpeta`:
fichas/, perfiles/), an index's folder its facet's (`faceta.indice`: paises/, temas/,
categorias/) — both data of schema/campos*.yml.
"""
from __future__ import annotations

from pathlib import PurePosixPath

from generator.esquema import idiomas
from generator.esquema.campos import TIPOS_DE_REGISTRO

INICIO = ""
EXPLORAR = "explorar/"
DATOS = "datos/"
DESCARGAS = "descargas/"
COOPERACION = "cooperacion/"
CONTRIBUIR = "contribuir/"


def pagina(url: str) -> str:
    """The Markdown file of a page: «fichas/arg/x/» → «fichas/arg/x/index.md»."""
    return f"{url}index.md"


def registro(carpeta: str, pais_dir: str, slug: str) -> str:
    """A record's page: fichas/arg/patria-grande/."""
    return f"{carpeta}/{pais_dir}/{slug}/"


def fuente(carpeta: str, pais_dir: str, slug: str) -> str:
    """A record's file in the repository: fichas/arg/patria-grande.yml."""
    return f"{carpeta}/{pais_dir}/{slug}.yml"


def carpeta_de_pais(carpeta: str, pais_dir: str) -> str:
    """A country's folder of records, where their attached files are published: fichas/ury."""
    return f"{carpeta}/{pais_dir}"


def adjunto(carpeta: str, pais_dir: str, ruta: str) -> str:
    """A file attached to a record, published next to it: fichas/ury/anexos/nota.txt."""
    return f"{carpeta_de_pais(carpeta, pais_dir)}/{PurePosixPath(ruta).as_posix()}"


def pdf_registro(url: str) -> str:
    """A record's PDF, beside its page: fichas/arg/patria-grande.pdf."""
    return f"{url.rstrip('/')}.pdf"


def indice(carpeta: str, slug: str = "") -> str:
    """An index page (paises/arg/) or the summary of its dimension (paises/)."""
    return f"{carpeta}/{slug}/" if slug else f"{carpeta}/"


def area_cooperacion(slug: str) -> str:
    return f"{COOPERACION}{slug}/"


def proponer(nombre_registro: str, es_ficha: bool) -> str:
    """The site's form: proponer/ for a ficha, proponer-<kind>/ for another kind."""
    return "proponer/" if es_ficha else f"proponer-{nombre_registro}/"


def descarga(nombre: str) -> str:
    """A file of /descargas/: descargas/catalogo-completo.pdf."""
    return f"{DESCARGAS}{nombre}"


FORMULARIOS_WORD = {"ficha": "ficha-tecnica", "perfil": "perfil-cooperacion"}  # by the kind's Spanish name


def _nombre_base(registro: str) -> str:
    """The kind's Spanish name from its folder («fichas») or its name in any language («ficha»,
    «technical sheet»): `tipo.nombre` is translated, the file names are not."""
    if registro in FORMULARIOS_WORD:
        return registro
    for tipo in TIPOS_DE_REGISTRO:
        nombres = {tipo.carpeta, tipo.fuente["registro"]["nombre"]}
        for codigo in idiomas.disponibles():
            with idiomas.en(codigo):
                nombres.add(tipo.nombre)
        if registro in nombres:
            return tipo.fuente["registro"]["nombre"]
    raise KeyError(f"no hay formulario en Word para «{registro}»")


def formulario_word(registro: str, idioma: str | None = None) -> str:
    """The Word form of a kind of record in a language (the one being written by default):
    descargas/ficha-tecnica.docx in Spanish, descargas/ficha-tecnica-pt.docx in Portuguese,
    descargas/perfil-cooperacion-en.docx in English: each language's own file name. `registro` is
    the kind's name in any language («ficha», `tipo.nombre`) or its folder («fichas»)."""
    codigo = idiomas.normalizar(idioma or idiomas.actual())
    sufijo = "" if codigo == idiomas.BASE else f"-{codigo}"
    return descarga(f"{FORMULARIOS_WORD[_nombre_base(registro)]}{sufijo}.docx")


def compilacion(carpeta: str, slug: str) -> str:
    """The PDF of one index page's records: descargas/paises/arg.pdf."""
    return f"{DESCARGAS}{carpeta}/{slug}.pdf"


def dato(nombre: str) -> str:
    """An open-data file: datos/fichas.json."""
    return f"{DATOS}{nombre}"
