"""The pass over the built pages, after the engine and before the search index: each page without
the engine's indentation (compactar) and with its Content-Security-Policy (seguridad), read and
written once, the pages shared among the cores."""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.archivos import escribir_atomico
from generator.publicacion.compactar import compactar
from generator.publicacion.seguridad import proteger
from generator.validacion.validar import paralelo_permitido

# Below this many pages a pool costs more than it saves.
_POR_PROCESO = 200


def repasar(ruta: Path) -> bool:
    """One page compacted and protected; True when it changed."""
    texto = ruta.read_text(encoding="utf-8")
    nuevo = proteger(compactar(texto))
    if nuevo == texto:
        return False
    escribir_atomico(ruta, nuevo, durable=False)  # the site is rebuilt whole: no flush to disk
    return True


def repasar_lote(rutas: list[Path]) -> int:
    return sum(repasar(r) for r in rutas)


def repasar_sitio(site_dir: Path) -> int:
    """Every HTML page of the built site; returns how many changed."""
    paginas = sorted(site_dir.rglob("*.html"))
    procesos = min(os.cpu_count() or 1, len(paginas) // _POR_PROCESO)
    if procesos < 2 or not paralelo_permitido():
        return repasar_lote(paginas)
    lotes = [paginas[i::procesos * 4] for i in range(procesos * 4)]
    with ProcessPoolExecutor(procesos, mp_context=multiprocessing.get_context("fork")) as pool:
        return sum(pool.map(repasar_lote, lotes))
