"""The catalogue of shared rules and messages (schema/mensajes.yml): read once, formatted here for
the validator, and written as an ES module for the /proponer/ form (`make schema`), so the
browser says the same words as CI."""
from __future__ import annotations

import re
from functools import lru_cache

from generator.config import DOCS_DIR, SCHEMA_DIR, leer_yaml
from generator.esquema import idiomas

MENSAJES_PATH = SCHEMA_DIR / "mensajes.yml"
MENSAJES_JS_PATH = DOCS_DIR / "assets" / "proponer" / "mensajes.js"


@lru_cache(maxsize=1)
def catalogo() -> dict:
    return leer_yaml(MENSAJES_PATH)


def reglas() -> dict:
    return catalogo()["reglas"]


def plantilla(nombre: str) -> str:
    """The message `nombre` in the language being written (schema/idiomas/<código>/mensajes.yml),
    or the Spanish one when that language lacks it."""
    propio = (idiomas.archivo(idiomas.actual(), "mensajes").get("mensajes") or {}).get(nombre)
    return propio or catalogo()["mensajes"][nombre]


def mensaje(nombre: str, /, **valores) -> str:
    """The message `nombre` with its {placeholders} filled: KeyError names a missing one."""
    return plantilla(nombre).format(**valores)


def clase_de_caracteres(rangos: list[list[int]]) -> str:
    """A regex character class from code point ranges, written the same for Python and JavaScript."""
    def c(n: int) -> str:
        return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"
    return "[" + "".join(c(a) if a == b else f"{c(a)}-{c(b)}" for a, b in rangos) + "]"


MARCA_PLANTILLA: str = reglas()["marca_plantilla"]
PATRON_SLUG = re.compile(reglas()["patron_slug"])
CONTROLES = re.compile(clase_de_caracteres(reglas()["controles"]))
EMAIL_EN_TEXTO = re.compile(reglas()["email_en_texto"])
DIRECCION_SUELTA = re.compile(reglas()["direccion_suelta"])
RELLENO = re.compile(reglas()["relleno"])


def mostrar(valor) -> str:
    """A typed value as a message shows it: cut after `mostrar_hasta` characters."""
    texto = valor if isinstance(valor, str) else repr(valor)
    n = reglas()["mostrar_hasta"]
    return texto if len(texto) <= n else texto[:n - 3] + "…"
