"""`make serve`: an edited record's page first, what depends on it right after.

Under `mkdocs serve` (hooks/catalogo.py) the whole `construir` after an edit took seconds: the
index pages, the feed, the open data and the Word forms are made anew from every record. When
only existing records changed, `paginas_editadas` validates those records alone, renders their
own pages with the rest of the catalogue as the last full build left it, and writes them into the
generated folder; the engine's next (--dirty) build shows them. The full `construir` follows (the
indexes, the feed, the data, the pages that show the edited title, all by content) and the engine
builds again. Anything else (a record added, removed or renamed, an invalid one, a change to the
schema, a template, catalogo.yml or docs/) goes straight to the full build.
"""
from __future__ import annotations

from pathlib import Path

from generator.archivos import escribir_atomico
from generator.config import FICHA_SUFFIXES
from generator.esquema.campos import FICHA, PERFIL
from generator.publicacion import rutas
from generator.publicacion.modelo import Registro, desde_lectura
from generator.publicacion.paginas import Paginas
from generator.validacion.validar import validar


def _registro_cambiado(ruta: Path, carpetas: dict, anteriores: dict) -> tuple | None:
    """(kind, its folder) of a changed file that is an existing record's file; None otherwise."""
    if ruta.suffix.lower() not in FICHA_SUFFIXES or not ruta.is_file() or ruta.is_symlink():
        return None
    for tipo, carpeta in carpetas.items():
        if ruta.parent.parent == carpeta and (tipo.nombre, ruta.parent.name, ruta.stem) in anteriores:
            return tipo, carpeta
    return None


def paginas_editadas(opciones, estado, cambiados: set[Path]) -> list[str] | None:
    """Write the pages of the records in `cambiados` (files), each validated alone and rendered among
    the records of `estado` (the last full build's). Returns the pages written (those whose text
    changed), or None when this is not a case for it: then the caller runs the full build, which
    also reports what is wrong."""
    carpetas = {FICHA: opciones.fichas.resolve(), PERFIL: opciones.perfiles.resolve()}
    anteriores = {(r.tipo.nombre, r.pais_dir, r.slug): r for r in [*estado.fichas, *estado.perfiles]}
    nuevos: dict[tuple, Registro] = {}
    for ruta in cambiados:
        donde = _registro_cambiado(ruta.resolve(), carpetas, anteriores)
        if donde is None:
            return None
        tipo, carpeta = donde
        res = validar(carpeta, tipo, solo={ruta})
        if not res.ok or len(res.fichas) != 1:
            return None
        r = desde_lectura(res.fichas[0])
        nuevos[(tipo.nombre, r.pais_dir, r.slug)] = r
    if not nuevos:
        return None
    fichas = [nuevos.get((f.tipo.nombre, f.pais_dir, f.slug), f) for f in estado.fichas]
    perfiles = [nuevos.get((p.tipo.nombre, p.pais_dir, p.slug), p) for p in estado.perfiles]
    config = opciones.config()
    p = Paginas(fichas, estado.descargas, opciones.sitio_url, opciones.repo_url, perfiles, configuracion=config)
    escritas = []
    for r in nuevos.values():
        texto = (p.perfil(r) if r.tipo is PERFIL else p.ficha(r)).encode("utf-8")
        destino = opciones.generado / rutas.pagina(r.url)
        try:
            igual = destino.read_bytes() == texto
        except OSError:
            igual = False
        if not igual:
            escribir_atomico(destino, texto, durable=False)  # the build tree: regenerated, never kept
            escritas.append(rutas.pagina(r.url))
    return escritas
