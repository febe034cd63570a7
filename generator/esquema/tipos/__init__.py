"""The registry of field types: `TIPOS[tipo]` is the class of a `tipo` of schema/campos.yml.

Every module of this package is read, and every subclass of `TipoDeCampo` with a `nombre`
found there is registered: adding a kind of field is adding one module (see base.py for
what a type answers).
"""
from __future__ import annotations

import importlib
import pkgutil

from generator.esquema.tipos.base import TipoDeCampo


def _registro() -> dict[str, TipoDeCampo]:
    for m in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        importlib.import_module(f"{__name__}.{m.name}")
    tipos: dict[str, TipoDeCampo] = {}
    pendientes = list(TipoDeCampo.__subclasses__())
    while pendientes:
        clase = pendientes.pop(0)
        pendientes += clase.__subclasses__()
        if clase.__dict__.get("nombre"):
            if clase.nombre in tipos:
                raise TypeError(f"dos clases para el tipo «{clase.nombre}»: {type(tipos[clase.nombre]).__name__} y {clase.__name__}")
            tipos[clase.nombre] = clase()
    return tipos


TIPOS = _registro()
