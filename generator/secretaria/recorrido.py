"""Every record of the catalogue as the Secretariat's tools read it: without validating (a broken
file is the validator's to explain), in the order of kind, country and file."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from generator.esquema.campos import FICHA, PERFIL, TipoDeRegistro
from generator.validacion.lectura import ErrorDeLectura, leer_bytes


def registros(fichas: Path, perfiles: Path) -> Iterator[tuple[TipoDeRegistro, Path, str, dict | None]]:
    """(kind, file, «fichas/arg/x.yml», its data or None when it cannot be read as a mapping)."""
    for tipo, carpeta in ((FICHA, fichas), (PERFIL, perfiles)):
        if not carpeta.is_dir():
            continue
        for ruta in sorted(carpeta.glob("*/*.yml")):
            try:
                datos = leer_bytes(ruta.read_bytes()).data
            except (OSError, ErrorDeLectura):
                datos = None
            yield tipo, ruta, f"{tipo.carpeta}/{ruta.parent.name}/{ruta.name}", datos if isinstance(datos, dict) else None
