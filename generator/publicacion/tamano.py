"""The published site's size and file count, against the limit set in catalogo.yml
(`tamano_maximo`, by default GitHub Pages' 1 GB for a published site)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

LIMITE_POR_DEFECTO = "1 GB"
_UNIDADES = {"": 1, "B": 1, "KB": 1000, "MB": 1000 ** 2, "GB": 1000 ** 3}


class LimiteInvalido(ValueError):
    pass


def leer_limite(texto) -> int:
    """'1 GB', '800 MB', '1,5 GB' or a number of bytes → bytes (decimal units, as GitHub states them)."""
    m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*([KMG]?B?)\s*", str(texto).upper())
    if not m:
        raise LimiteInvalido(f"catalogo.yml: «tamano_maximo: {texto}» no es un tamaño. Escríbalo como «1 GB» o «800 MB».")
    return int(float(m.group(1).replace(",", ".")) * _UNIDADES[m.group(2)])


def legible(n: int) -> str:
    for unidad in ("GB", "MB", "KB"):
        if n >= _UNIDADES[unidad]:
            return f"{n / _UNIDADES[unidad]:.2f} {unidad}".replace(".", ",")
    return f"{n} B"


@dataclass(frozen=True)
class Tamano:
    bytes: int
    archivos: int
    limite: int

    @property
    def excedido(self) -> bool:
        return self.bytes > self.limite

    def informe(self) -> str:
        archivos = f"{self.archivos:,}".replace(",", ".")
        return f"Sitio publicado: {legible(self.bytes)} en {archivos} archivos (límite de catalogo.yml: {legible(self.limite)})."


def medir(sitio: Path, limite: int) -> Tamano:
    archivos = [p for p in sitio.rglob("*") if p.is_file()]
    return Tamano(sum(p.stat().st_size for p in archivos), len(archivos), limite)
