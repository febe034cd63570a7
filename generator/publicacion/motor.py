"""The engine, once per language: each language's tree (build/mkdocs.yml, build/pt/mkdocs.yml…)
is built by its own engine run, all at the same time, each into the folder SALIDA beside its
configuration; then the builds are put together, the first language at the site's root and each
other one in its folder (/pt/, /en/). MkDocs and Zensical alike: the command is the only change.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.publicacion.alternos import Lugar

# Each engine run writes here, beside its configuration (its `site_dir`), before the site is put together.
SALIDA = "salida-del-motor"


def orden(motor: str, configuracion: Path, zensical: str = "zensical") -> list[str]:
    """The command that builds one language's tree into SALIDA beside its configuration."""
    if motor == "zensical":
        return [zensical, "build", "--strict", "-f", str(configuracion)]
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(configuracion),
            "-d", str(configuracion.parent / SALIDA)]


def construir_idiomas(obra: Path, lugares: tuple[Lugar, ...], destino: Path, motor: str = "mkdocs",
                      zensical: str = "zensical") -> list[str]:
    """Run the engine for every language at once and assemble the site in `destino`. Returns the
    errors (the engine's own output, per language); nothing is moved when one fails."""
    configuraciones = [obra / l.carpeta / "mkdocs.yml" for l in lugares]
    for c in configuraciones:
        shutil.rmtree(c.parent / SALIDA, ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    procesos = [subprocess.Popen(orden(motor, c, zensical), cwd=c.parent, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True) for c in configuraciones]
    errores = []
    for lugar, p in zip(lugares, procesos):
        salida, _ = p.communicate()
        if p.returncode != 0:
            errores.append(f"[{lugar.codigo}] {salida.strip()}")
    if errores:
        return errores
    shutil.rmtree(destino, ignore_errors=True)
    destino.parent.mkdir(parents=True, exist_ok=True)
    for lugar, c in zip(lugares, configuraciones):
        donde = destino / lugar.carpeta if lugar.carpeta else destino
        shutil.move(str(c.parent / SALIDA), str(donde))
    return []
