"""Ficha pages rendered once per content, and in parallel when there are many.

A ficha page depends on the ficha, on the three practices shown as related (their address,
title, language, country), on the demand related to it, on its PDF's address, on the site's
address and repository, and on the code, templates and field descriptions that draw it. All of
that, hashed, is the page's key: when the key is the one of the last build, the page already in
the generated folder is used as it is. The key is content, never a clock: touching a file
changes nothing, editing one ficha re-renders its page (and the pages that show its title).
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

from generator.config import CONFIG_PATH, ROOT, SCHEMA_DIR
from generator.esquema import idiomas
from generator.publicacion import rutas
from generator.validacion.validar import paralelo_permitido
from generator.archivos import escribir_atomico

PARALELO_DESDE = 200  # below this, starting worker processes costs more than it saves


@lru_cache(maxsize=None)
def huella_del_codigo() -> str:
    """What draws every page: the generator's code and templates, the field descriptions and
    vocabularies, every language's catalogues (schema/idiomas/), catalogo.yml."""
    h = hashlib.sha256()
    # schema/ with its subfolders: the languages' catalogues (schema/idiomas/<código>/) label the pages too
    fuentes = sorted((ROOT / "generator").rglob("*")) + sorted(SCHEMA_DIR.rglob("*")) + [CONFIG_PATH]
    for ruta in fuentes:
        if ruta.is_file() and "__pycache__" not in ruta.parts:
            h.update(ruta.relative_to(ROOT).as_posix().encode() + b"\0" + ruta.read_bytes() + b"\0")
    return h.hexdigest()


def clave(paginas, f) -> str:
    """The page's key in the language being written: what it shows (computed once for every language,
    labels by code: the code's and catalogues' fingerprint covers their words), and the language."""
    base = paginas.claves_base.get(f.id)
    if base is None:
        relacionadas = [(g.url, g.titulo, g.lang, g.pais.slug)
                        for g in paginas.relacionadas_de(f)]
        demanda = [(d.perfil.url, d.institucion, d.pais.slug, d.area.slug, d.prioridad)
                   for d in paginas.cooperacion.demanda_relacionada(f)]
        base = paginas.claves_base[f.id] = repr((
            huella_del_codigo(), paginas.sitio_url, paginas.repo_url, paginas.correo_st, f.clave_cache(),
            paginas._pdf_base(f), relacionadas, demanda, paginas.revision(f)))  # «pendiente» moves with the newest record
    return hashlib.sha256(repr((paginas.idioma, paginas.comun, base)).encode()).hexdigest()


class CacheDePaginas:
    """The keys of the pages in a generated folder (a JSON file beside it)."""

    def __init__(self, carpeta: Path):
        self.carpeta = carpeta
        self.archivo = carpeta.parent / (carpeta.name + ".claves.json")
        try:
            self.anteriores: dict[str, str] = json.loads(self.archivo.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.anteriores = {}
        self.actuales: dict[str, str] = {}
        self.renderizadas: list[str] = []

    def previa(self, rel: str, k: str) -> str | None:
        if self.anteriores.get(rel) != k:
            return None
        try:
            return (self.carpeta / rel).read_text(encoding="utf-8")
        except OSError:
            return None

    def guardar(self) -> None:
        texto = json.dumps(self.actuales, sort_keys=True, indent=0) + "\n"
        if texto != (json.dumps(self.anteriores, sort_keys=True, indent=0) + "\n"):
            escribir_atomico(self.archivo, texto)


_EN_CURSO = None  # the Paginas that forked workers inherit


def _renderizar(indices: list[int]) -> list[str]:
    return [_EN_CURSO.ficha(_EN_CURSO.fichas[i]) for i in indices]


class PaginasDeFichas:
    """Every ficha page (its path in the docs folder → its text): from the cache when its key is
    unchanged, otherwise rendered, across the machine's cores when there are many. Started first
    (`empezar`), collected last (`resultado`): meanwhile the caller writes the other pages, and the
    workers render the fichas' beside it. A context manager: no worker outlives it."""

    def __init__(self, paginas, cache: CacheDePaginas | None = None):
        self.paginas, self.cache = paginas, cache
        self.out: dict[str, str] = {}
        self.pendientes: list[int] = []
        self._pool = self._lotes = None

    def empezar(self) -> "PaginasDeFichas":
        global _EN_CURSO
        paginas, cache = self.paginas, self.cache
        for i, f in enumerate(paginas.fichas):
            rel = rutas.pagina(f.url)
            if cache is not None:
                k = cache.actuales[rel] = clave(paginas, f)
                previa = cache.previa(rel, k)
                if previa is not None:
                    self.out[rel] = previa
                    continue
            self.pendientes.append(i)
        nucleos = min(os.cpu_count() or 1, 8)
        if len(self.pendientes) < PARALELO_DESDE or nucleos < 2 or not paralelo_permitido():
            return self
        for f in paginas.fichas:  # computed once (the keys asked for them), before the workers inherit them
            paginas.relacionadas_de(f)
        paginas.ficha(paginas.fichas[self.pendientes[0]])  # templates and macros compiled here, once, not in every worker
        tramo = max(25, len(self.pendientes) // (nucleos * 4))
        _EN_CURSO = paginas
        try:  # the workers are forked now, with the Paginas as it is: what the caller does next is not theirs
            self._pool = ProcessPoolExecutor(nucleos, mp_context=multiprocessing.get_context("fork"))
            self._lotes = self._pool.map(_renderizar, [self.pendientes[j:j + tramo]
                                                       for j in range(0, len(self.pendientes), tramo)])
        finally:
            _EN_CURSO = None
        return self

    def __enter__(self) -> "PaginasDeFichas":
        return self.empezar()

    def __exit__(self, *_) -> None:
        if self._pool is not None:  # collected, or the caller failed: no worker outlives the build
            self._pool.shutdown(cancel_futures=True)

    def resultado(self) -> dict[str, str]:
        paginas = self.paginas
        if self._pool is None:
            textos = [paginas.ficha(paginas.fichas[i]) for i in self.pendientes]
        else:
            textos = [t for lote in self._lotes for t in lote]
        for i, texto in zip(self.pendientes, textos):
            rel = rutas.pagina(paginas.fichas[i].url)
            self.out[rel] = texto
            if self.cache is not None:
                self.cache.renderizadas.append(rel)
        return self.out

