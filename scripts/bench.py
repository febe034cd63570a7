"""`make bench`: measure what the issues set targets for, on generated fichas.

Usage: python scripts/bench.py [--fichas N] [--solo validacion|sitio]
Prints one line per measure; the numbers go into the closing notes.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.paths import FICHAS_DIR  # noqa: E402
from generator.sintetico import generar  # noqa: E402


def bench_validacion(n: int, tmp: Path) -> None:
    from generator.validate import validar
    carpeta = tmp / f"fichas-{n}"
    generar(carpeta, n, FICHAS_DIR)
    t0 = time.perf_counter()
    res = validar(carpeta)
    dt = time.perf_counter() - t0
    print(f"validación: {n} fichas en {dt:.2f} s ({dt / n * 1000:.2f} ms por ficha); "
          f"{res.con_errores} con errores; objetivo < 10 s para 10.000")


MEDIDAS = {"validacion": bench_validacion}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--fichas", type=int, default=10_000)
    ap.add_argument("--solo", choices=sorted(MEDIDAS), action="append")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="catalogo-bench-"))
    try:
        for nombre in args.solo or list(MEDIDAS):
            MEDIDAS[nombre](args.fichas, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
