"""What every kind of field (`tipo` in schema/campos.yml) answers, with the common defaults.

One subclass per `tipo`, in a module of this package; the package's registry (`TIPOS`)
finds it by its `nombre`. Each method is one consumer's question: the JSON Schema
fragment, the model's value, how the page and the PDF show it, the CSV/JSON export, the
Word form's shape and how a typed answer is read back, the YAML template and the GitHub
issue form. A field reaches its class as `campo.clase`.
"""
from __future__ import annotations

from generator.esquema import idiomas

from typing import Any

# Word separators: the characters Python's str.split() splits on, spelled out so that the
# schema's patterns count words the same way in ECMAScript (the form's Ajv, editors), whose
# \s leaves out U+001C–U+001F and U+0085 and adds U+FEFF.
ESPACIOS = r"\t\n\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
ESPACIO, NO_ESPACIO = f"[{ESPACIOS}]", f"[^{ESPACIOS}]"
NO_LIMIT_MAX_LENGTH = 20000
# Lists the form leaves open (1.7, 1.8, 2.4, 2.5, 2.9, a profile's areas) get a sane bound: a
# list far longer is a mistake or an attack on the validator (uniqueness is quadratic).
MAX_ELEMENTOS = 100


def patron_palabras(maximo: int) -> str:
    """At least one and at most `maximo` whitespace-separated tokens."""
    return rf"^{ESPACIO}*{NO_ESPACIO}+(?:{ESPACIO}+{NO_ESPACIO}+){{0,{maximo - 1}}}{ESPACIO}*$"


def max_length(maximo: int | None) -> int:
    return NO_LIMIT_MAX_LENGTH if maximo is None else max(300, maximo * 25)


def base(c) -> dict:
    """What every property of the schema says: its label and instruction."""
    return {
        "title": c.rotulo,
        "description": c.instruccion,
        "markdownDescription": f"**{c.rotulo}**\n\n{c.instruccion}",
    }


def propiedad(c) -> dict:
    """A field's JSON Schema property: its type's fragment plus the privacy annotations."""
    s = c.clase.esquema(c)
    if c.privado:
        s["x-privado"] = True
    if c.interno:
        s["x-interno"] = True
    return s


class TipoDeCampo:
    """A kind of field. Subclasses set `nombre` (the `tipo` of campos.yml) and override what differs."""

    nombre: str = ""
    atributos: frozenset[str] = frozenset()   # attributes of campos.yml only this type accepts («unidad»)
    macro: str = ""                           # the macro of _campos.html that shows it; "" → self.html()
    varios: bool = False                      # a list of values: an absent optional one is exported as []
    macro_sub: str = "sub_texto"              # the macro that shows it inside an object or a list item
    es_texto = es_termino = es_anio = es_cifrado = es_url = False
    principal: bool = False                   # names a list item (its first text or option)

    # --- schema (schema/<registro>.schema.json, which the browser form reads) -------------
    def esquema(self, c) -> dict:
        raise NotImplementedError(self.nombre)

    # --- model (what the pages and the exports see) -----------------------------------------
    def valor(self, c, dato, hacer) -> Any:
        """The typed value of validated data; `hacer` is the model's builder (terms, links, items)."""
        return dato

    # --- page and PDF --------------------------------------------------------------------------
    def html(self, v, f, raiz: str, sitio_url: str, modo: str) -> str:
        """The value as HTML, for a type without a macro in _campos.html. Escape every record text."""
        from markupsafe import escape
        return escape(v.valor)

    # --- open data -------------------------------------------------------------------------------
    def exportar(self, v, sitio_url: str, elemento) -> Any:
        """The value in fichas.json; `elemento` exports an object or a list item."""
        return v.valor

    def ausente(self, c) -> Any:
        """The export of an absent optional field."""
        return [] if self.varios else c.por_defecto

    def clave_exportada(self, c) -> str:
        return c.clave

    def columnas_csv(self, c) -> list[str]:
        return [c.columna]

    def celdas_csv(self, c, exportado, celda) -> list[str]:
        """The CSV cells of an exported value; `celda` turns one value into text."""
        return [celda(exportado)]

    # --- Word form (intercambio/word.py writes it, intercambio/importar.py reads it back) -------
    def forma_word(self, c) -> str:
        """How the answer cell is written and read: simple, casillas, lineas, parrafos, objeto, lista."""
        return "simple"

    def como_se_responde(self, c) -> str:
        return ""

    def palabras(self, c) -> str:
        """The word limit, as the pages say it: «200 palabras»."""
        return f"{c.max_palabras} palabras"

    def limite(self, c) -> str:
        return idiomas.t("word.limite", n=c.max_palabras) if c.max_palabras else ""

    def alto_word(self, c) -> float:
        """The answer cell's height, in cm: room to write."""
        return 0.9

    def en_celda(self, c, v) -> str:
        """A value as a person would write it in the answer cell."""
        return "" if v is None else str(v)

    def desde_texto(self, c, texto: str, leer) -> Any:
        """A typed answer (Word cell, e-mail line) as the record's value; `leer` has the importer's
        helpers (fecha_iso, termino, codigo_pais). What does not parse stays as typed: the
        validator's message then quotes it."""
        return texto

    # --- YAML template (repositorio/plantilla.py) ------------------------------------------------
    def como_se_escribe(self, c) -> list[str]:
        """What the file needs beyond the form's instruction: codes, formats, quoting."""
        return []

    def en_plantilla(self, c, ph: str, q, contacto: dict | None) -> list[str] | None:
        """The template's lines for the field; None: the default (its default value or the placeholder)."""
        return None

    # --- GitHub issue form --------------------------------------------------------------------
    def entrada_github(self, c) -> str | None:
        """«input» or «textarea» when the type decides it; None: decided from the schema."""
        return None
