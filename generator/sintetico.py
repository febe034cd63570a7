"""Synthetic fichas for benchmarks and scale tests: the demo fichas, varied.

Each generated ficha is a demo ficha with its own title, country and slug,
so files differ but stay valid and realistic in size.
"""
from __future__ import annotations

import re
from pathlib import Path

from generator.esquema.vocabularios import vocabulario


def generar(destino: Path, n: int, fuente: Path) -> list[Path]:
    modelos = sorted(fuente.glob("*/*.yml"))
    paises = [t.slug for t in vocabulario("paises") if t.extra.get("csm")]
    escritas = []
    for i in range(n):
        texto = modelos[i % len(modelos)].read_text(encoding="utf-8")
        pais = paises[i % len(paises)]
        texto = re.sub(r"(?m)^pais: .*$", f"pais: {pais}", texto)
        texto = re.sub(r"(?m)^titulo: (.*)$", rf"titulo: Experiencia sintética {i} — \1", texto, count=1)
        texto = re.sub(r"(?m)^    archivo: .*$", "    url: https://example.org/documento", texto)
        ruta = destino / pais.lower() / f"sintetica-{i:05d}.yml"
        ruta.parent.mkdir(parents=True, exist_ok=True)
        ruta.write_text(texto, encoding="utf-8")
        escritas.append(ruta)
    return escritas
