"""Fields with one plain value: a date, yes or no, a year."""
from __future__ import annotations

import re

from generator.esquema import idiomas
from generator.esquema.mensajes import mensaje
from generator.esquema.tipos.base import TipoDeCampo, base

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
ANIO_MIN, ANIO_MAX = 1900, 2100


class Fecha(TipoDeCampo):
    """A date, AAAA-MM-DD in the file, dd/mm/aaaa in the Word form."""
    nombre = "fecha"
    macro = "valor_simple"

    def esquema(self, c) -> dict:
        return base(c) | {
            "type": "string", "format": "date", "pattern": DATE_PATTERN,
            "patternErrorMessage": f"{c.rotulo}: {mensaje('fecha_formato')}",
        }

    def como_se_responde(self, c) -> str:
        return idiomas.t("word.responder.fecha")

    def en_celda(self, c, v) -> str:
        if v is None:
            return ""
        a, m, d = str(v).split("-")
        return f"{d}/{m}/{a}"

    def desde_texto(self, c, texto, leer):
        return leer.fecha_iso(texto)

    def como_se_escribe(self, c) -> list[str]:
        return [idiomas.t("plantilla.como.fecha")]

    def en_plantilla(self, c, ph, q, datos):
        return [f"{c.clave}: {q(datos.get('fecha') or ph + ': AAAA-MM-DD')}"]


class Booleano(TipoDeCampo):
    """Yes or no."""
    nombre = "booleano"
    macro = "valor_booleano"

    def esquema(self, c) -> dict:
        return base(c) | {"type": "boolean"}

    def ausente(self, c):
        return False

    def como_se_escribe(self, c) -> list[str]:
        return [idiomas.t("plantilla.como.booleano")]


class Anio(TipoDeCampo):
    """A year of four digits (a period's start and end)."""
    nombre = "anio"
    macro = "valor_simple"
    es_anio = True

    def esquema(self, c) -> dict:
        return base(c) | {"type": "integer", "minimum": ANIO_MIN, "maximum": ANIO_MAX}

    def desde_texto(self, c, texto, leer):
        return int(texto) if re.fullmatch(r"\d{4}", texto.strip()) else texto.strip()
