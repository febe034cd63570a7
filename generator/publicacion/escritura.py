"""Write the generated docs folder: docs/ plus every generated page, data file and download.

The folder (build/paginas, git-ignored) is the `docs_dir` of the engine's configuration
(build/mkdocs.yml): a complete tree that MkDocs or Zensical renders without any hook. Pages are
Markdown with front matter (title and description already HTML-escaped) and a body of escaped
HTML. It is brought up to date by content: an unchanged file is not rewritten.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.archivos import escribir_atomico

from generator.esquema.campos import FICHA, PERFIL
from generator.publicacion.datos import (esquema_coincidencias, esquema_exportacion, exportar_atom, exportar_coincidencias,
                                         exportar_csv, exportar_json, registro)
from generator.publicacion.incremental import CacheDePaginas, PaginasDeFichas
from generator.publicacion import rutas
from generator.publicacion.modelo import Registro
from generator.esquema.mensajes import MARCA_PLANTILLA
from generator.publicacion.paginas import DIMENSIONES, Paginas, clave_de
from generator.repositorio.plantilla import plantilla
from generator.config import DOCS_DIR, SCHEMA_PATH, Configuracion, leer_configuracion
from generator.validacion.adjuntos import problema_de_adjunto
from generator.validacion.validar import schema
from generator.esquema.generar import SCHEMA_URL
from generator.intercambio.word import FormularioWord, docx_bytes
from generator.esquema import idiomas


def contenidos(fichas: list[Registro], pdf=lambda destino: None, *, sitio_url: str, repo_url: str,
               perfiles: list[Registro] = (), cache: CacheDePaginas | None = None,
               configuracion: Configuracion | None = None, comun: str = "",
               compartidos: dict[str, int] | None = None, paginas: Paginas | None = None) -> dict[str, str | bytes]:
    """Every generated page and data file: its path under the docs folder → its text. Each page
    is <url>/index.md, so a relative link means the same from the source file as from the page
    (Zensical resolves links in HTML against the source file; MkDocs leaves them as they are).
    For a language under /<código>/ (`comun` = "../"), only the pages: the data files, forms and
    templates exist once, at the root (`compartidos`: their paths and sizes, for /descargas/)."""
    p = paginas or Paginas(fichas, pdf, sitio_url, repo_url, list(perfiles), configuracion=configuracion, comun=comun)
    # the many pages first: cached by content, rendered by worker processes while this one writes the rest
    with PaginasDeFichas(p, cache) as de_fichas:
        out = {
            rutas.pagina(rutas.INICIO): p.inicio(),

            rutas.pagina(rutas.CONTRIBUIR): p.contribuir(),
            # by the kind's name in the source language: the same address in every language
            rutas.pagina(rutas.proponer(clave_de(FICHA), True)): p.proponer(),
            rutas.pagina(rutas.proponer(clave_de(PERFIL), False)): p.proponer(PERFIL),
            rutas.pagina(rutas.DATOS): p.datos(),
            rutas.pagina(rutas.COOPERACION): p.cooperacion_inicio(),
        }
        if compartidos is None:
            out.update({
                rutas.CONTRIBUIR + "plantilla-ficha.yml": plantilla(pais=MARCA_PLANTILLA),
                **datos_abiertos(p.fichas, pdf, sitio_url, p.cooperacion),
                rutas.CONTRIBUIR + "plantilla-perfil.yml": plantilla(pais=MARCA_PLANTILLA, tipo=PERFIL),
            })
            for codigo in p.config.idiomas:  # the Word forms of every language, shared at the root
                with idiomas.en(codigo):
                    out.update(formularios_word(sitio_url, p.config))
        for area in p.cooperacion.areas:
            out[rutas.pagina(rutas.area_cooperacion(area.slug))] = p.cooperacion_area(area)
        for perfil in p.cooperacion.perfiles:
            out[rutas.pagina(perfil.url)] = p.perfil(perfil)
        for dim in DIMENSIONES:
            out[rutas.pagina(rutas.indice(dim.carpeta))] = p.resumen_indices(dim)
            por = p.por_termino(dim)
            for t in dim.terminos():
                if dim is DIMENSIONES[0] and not t.extra.get("csm") and not por[t.slug]:
                    continue  # no empty pages for the rest of the Americas: only where they have fichas
                out[rutas.pagina(rutas.indice(dim.carpeta, dim.slug(t)))] = p.indice(dim, t, por[t.slug])
        out.update(de_fichas.resultado())
        if compartidos is None:
            compartidos = {rel: len(v) for rel, v in out.items() if not rel.endswith(".md")}
        out[rutas.pagina(rutas.DESCARGAS)] = p.descargas(compartidos)
        # the explorer names the search index it will ask for by a tag of everything indexed, so the
        # browser can fetch it early (and a new build never reuses an old one)
        huella = hashlib.sha256()
        for rel in sorted(out):
            huella.update(rel.encode() + (out[rel] if isinstance(out[rel], bytes) else out[rel].encode()))
        out[rutas.pagina(rutas.EXPLORAR)] = p.explorar(huella.hexdigest()[:16])
    return out


def datos_abiertos(fichas: list[Registro], pdf, sitio_url: str, cooperacion) -> dict[str, str]:
    registros = [registro(f, sitio_url, pdf(f)) for f in fichas]
    de_perfiles = [registro(p, sitio_url, None) for p in cooperacion.perfiles]
    return {
        rutas.dato("perfiles.json"): exportar_json(de_perfiles, PERFIL),
        rutas.dato("perfiles.schema.json"): json.dumps(esquema_exportacion(schema(PERFIL), sitio_url, PERFIL), ensure_ascii=False, indent=2) + "\n",
        rutas.dato("perfiles.csv"): exportar_csv(de_perfiles, PERFIL),
        rutas.dato("coincidencias.json"): exportar_coincidencias(cooperacion, sitio_url),
        rutas.dato("coincidencias.schema.json"): json.dumps(esquema_coincidencias(sitio_url), ensure_ascii=False, indent=2) + "\n",
        "schema/perfil.schema.json": esquema_publicado(sitio_url, PERFIL),
        rutas.dato("fichas.json"): exportar_json(registros),
        rutas.dato("fichas.schema.json"): json.dumps(esquema_exportacion(schema(), sitio_url), ensure_ascii=False, indent=2) + "\n",
        rutas.dato("fichas.csv"): exportar_csv(registros),
        rutas.dato("novedades.xml"): exportar_atom(fichas, sitio_url, cooperacion.perfiles),
        "schema/ficha.schema.json": esquema_publicado(sitio_url),
    }


TIPOS_DE_FORMULARIO = (FICHA, PERFIL)


def formularios_word(sitio_url: str, config: Configuracion | None = None) -> dict[str, bytes]:
    """The empty forms in Word, to fill in and send to the Technical Secretariat by e-mail, in the
    language being written, each under that language's name (rutas.formulario_word)."""
    config = config or leer_configuracion()
    return {rutas.formulario_word(clase.fuente["registro"]["nombre"]): docx_bytes(FormularioWord(
                clase, correo_st=config.correo_st, sitio_url=sitio_url, demostracion=config.demostracion and clase is FICHA))
            for clase in TIPOS_DE_FORMULARIO}


def esquema_publicado(sitio_url: str, tipo=FICHA) -> str:
    """The committed schema, with its $id at this build's address (a site under another path)."""
    s = dict(schema(tipo), **{"$id": sitio_url + SCHEMA_URL + tipo.esquema_path.name})
    return json.dumps(s, ensure_ascii=False, indent=2) + "\n"


def _igual(ruta: Path, dato: bytes | Path) -> bool:
    """Whether `ruta` already holds `dato` (the same bytes, or the same file): compared by
    content, never by clock."""
    try:
        if isinstance(dato, Path):
            if os.path.samefile(ruta, dato):
                return True
            a, b = ruta.stat(), dato.stat()
            return a.st_size == b.st_size and ruta.read_bytes() == dato.read_bytes()
        return ruta.stat().st_size == len(dato) and ruta.read_bytes() == dato
    except OSError:
        return False


def _publicar(origen: Path, ruta: Path) -> None:
    """A hard link where the file system allows it (PDFs are many and large), else a copy."""
    if ruta.exists() or ruta.is_symlink():
        ruta.unlink()
    try:
        os.link(origen, ruta)
    except OSError:
        shutil.copyfile(origen, ruta)


def sincronizar(destino: Path, salida: dict[str, bytes | Path]) -> list[str]:
    """Make `destino` hold exactly `salida` (path → bytes, or a file to link): only what changed
    is written, what is no longer produced is removed. Returns the paths written."""
    destino.mkdir(parents=True, exist_ok=True)
    cambiados = []
    for rel in sorted(salida):
        dato, ruta = salida[rel], destino / rel
        if _igual(ruta, dato):
            continue
        ruta.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(dato, Path):
            _publicar(dato, ruta)
        else:
            escribir_atomico(ruta, dato, durable=False)  # the build tree: regenerated, never kept
        cambiados.append(rel)
    for ruta in sorted(destino.rglob("*"), reverse=True):  # children before their folders
        rel = ruta.relative_to(destino).as_posix()
        if ruta.is_dir() and not ruta.is_symlink():
            if not any(ruta.iterdir()):
                ruta.rmdir()
        elif rel not in salida:
            ruta.unlink()
    return cambiados


def fuentes_fijas(carpeta: Path = DOCS_DIR) -> dict[str, Path]:
    """The hand-written part of the docs folder (docs/: styles, scripts, the form's libraries)."""
    return {p.relative_to(carpeta).as_posix(): p for p in sorted(carpeta.rglob("*")) if p.is_file()} if carpeta.is_dir() else {}


def adjuntos(fichas: list[Registro], fichas_dir: Path, generados: set[str] = frozenset()) -> dict[str, Path]:
    """The files attached to fichas (2.5, 2.9), by their published path. They are copied into the
    built site as they are (see construccion.indexar), never put where an engine would read them
    as pages. Defence in depth: what validation refuses (a type outside the allow-list, content
    that is not what its extension says, a path of a generated file) is refused here again."""
    out = {}
    for f in fichas:
        for publicado in f.archivos:  # fichas/ury/anexos/nota.txt
            origen = fichas_dir / Path(publicado).relative_to(f.tipo.carpeta)
            if publicado in generados:
                raise ErrorDeEscritura(
                    f"El archivo adjunto {f.fuente} → «{publicado}» tiene la misma ruta que un archivo que genera el "
                    f"sitio (/{publicado}); lo reemplazaría. Cambie el nombre del adjunto y la ruta en la ficha.")
            motivo = problema_de_adjunto(origen, Path(publicado).relative_to(rutas.carpeta_de_pais(f.tipo.carpeta, f.pais_dir)).as_posix()) \
                if origen.is_file() or origen.is_symlink() else "no existe."
            if motivo:
                raise ErrorDeEscritura(f"{f.fuente}: el adjunto {motivo}")
            out[publicado] = origen
    return out


class ErrorDeEscritura(Exception):
    """A generated file could not be written as it must be; the text says what to do."""


@dataclass
class Escritura:
    escritos: list[str]      # every file of the generated docs folder
    compartidos: dict[str, int]  # the generated files that are not pages (data, forms): path → bytes
    cambiados: list[str]     # the ones this run wrote (the others already held the same bytes)
    contenidos: dict[str, str | bytes]
    renderizadas: list[str]  # the ficha pages rendered anew (the others came from the cache)
    paginas: Paginas | None = None  # what drew them, for the next language to reuse


def escribir(fichas: list[Registro], destino: Path, fichas_dir: Path, pdf=lambda destino: None,
             publicar: dict[str, Path] | None = None, *, sitio_url: str, repo_url: str,
             perfiles: list[Registro] = (), estaticos: Path | None = None,
             configuracion: Configuracion | None = None, lugar=None,
             compartidos: dict[str, int] | None = None, previa: Paginas | None = None) -> Escritura:
    """Bring `destino` up to date with docs/, the pages, data files and PDFs; and `estaticos`
    (when given) with the fichas' attached files. Files whose content did not change are not
    rewritten, so an engine watching the folder rebuilds only what changed. Written in the
    language being written (idiomas.en); `lugar`, that language's place in the site
    (publicacion/alternos.py); `compartidos`, given for every language after the first: its tree
    holds only pages, the first language's shared files serve it from the root; `previa`, the first
    language's Paginas, whose language-independent parts (related practices, cooperation) are reused."""
    salida: dict[str, bytes | Path] = dict(fuentes_fijas())
    salida.update(publicar or {})
    cache = CacheDePaginas(destino)
    paginas = Paginas(fichas, pdf, sitio_url, repo_url, list(perfiles), configuracion=configuracion,
                      comun=lugar.comun if lugar else "", previa=previa)
    textos = contenidos(fichas, pdf, sitio_url=sitio_url, repo_url=repo_url, perfiles=perfiles, cache=cache,
                        configuracion=configuracion, compartidos=compartidos, paginas=paginas)
    for rel, texto in textos.items():
        salida[rel] = texto if isinstance(texto, bytes) else texto.encode("utf-8")
    cambiados = sincronizar(destino, salida)
    cache.guardar()
    if estaticos is not None:
        cambiados += ["(adjunto) " + r for r in sincronizar(estaticos, adjuntos(fichas, fichas_dir, set(salida)))]
    propios = {rel: len(v) for rel, v in textos.items() if not rel.endswith(".md")}
    return Escritura(sorted(salida), compartidos if compartidos is not None else propios, cambiados, textos,
                     cache.renderizadas, paginas)
