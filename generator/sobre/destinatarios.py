"""The Technical Secretariat's recipients (schema/destinatarios.txt): which public keys a
record's private block must be encrypted to. Below both validation (which counts them) and
privacy (which encrypts to them)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.config import SCHEMA_DIR

DESTINATARIOS_PATH = SCHEMA_DIR / "destinatarios.txt"


class ErrorDeCifrado(Exception):
    """Something the person can act on: a missing or wrong key, an unreadable block."""


@dataclass(frozen=True)
class Destinatario:
    clave: str        # age1…
    quien: str        # the comment above it: whose key it is


def ruta_destinatarios() -> Path:
    """schema/destinatarios.txt, or CATALOGO_DESTINATARIOS (tests, a staging copy)."""
    return Path(os.environ.get("CATALOGO_DESTINATARIOS") or DESTINATARIOS_PATH)


def leer_destinatarios(ruta: Path | None = None) -> list[Destinatario]:
    """One age public key per line; the comment line right above a key says whose it is."""
    ruta = ruta or ruta_destinatarios()
    out, comentario = [], []
    for linea in ruta.read_text(encoding="utf-8").splitlines():
        linea = linea.strip()
        if linea.startswith("#"):
            comentario.append(linea.lstrip("# ").strip())
        elif linea:
            if not linea.startswith("age1"):
                raise ErrorDeCifrado(f"{ruta}: «{linea[:20]}…» no es una clave pública age (empiezan por age1).")
            out.append(Destinatario(linea, comentario[-1] if comentario else ""))
            comentario = []
        else:
            comentario = []
    if not out:
        raise ErrorDeCifrado(f"{ruta} no tiene ninguna clave pública: agregue la de la Secretaría Técnica (make clave-st).")
    return out
