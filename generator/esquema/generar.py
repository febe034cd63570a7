"""Build schema/ficha.schema.json from schema/campos.yml and schema/vocabularios.yml.

The committed schema is generated: `make schema` rewrites it, and a test fails
when it is stale. Every word limit is a `pattern` any draft 2020-12 validator
enforces; `x-max-palabras` keeps the number for messages and docs.
"""
from __future__ import annotations

import json

from generator.esquema.vocabularios import Campo, campos, vocabulario

SCHEMA_ID = "https://csm-catalogo.github.io/catalogo/schema/ficha.schema.json"
REQUIRED = (
    "pais", "titulo", "temas", "nivel_territorial", "entidad_responsable",
    "entidad_dependencia", "categorias", "documentacion", "transferencia",
    "contacto", "antecedentes", "resumen", "resultados", "factores_exito", "fecha",
)
CONTACTO_REQUIRED = ("nombre", "cargo", "institucion", "email", "email_institucional")
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
URL_PATTERN = r"^https?://[^\s/?#]+\.[^\s]*$|^https?://[^\s/?#]+$"
ARCHIVO_PATTERN = r'^[^\s/\\][^\\:*?"<>|]*$'
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
NO_LIMIT_MAX_LENGTH = 20000


# Word separators: the characters Python's str.split() splits on, spelled out so that the
# schema's patterns count words the same way in ECMAScript (the form's Ajv, editors), whose
# \s leaves out U+001C–U+001F and U+0085 and adds U+FEFF.
ESPACIOS = r"\t\n\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
ESPACIO, NO_ESPACIO = f"[{ESPACIOS}]", f"[^{ESPACIOS}]"


def patron_palabras(maximo: int) -> str:
    """At least one and at most `maximo` whitespace-separated tokens."""
    return rf"^{ESPACIO}*{NO_ESPACIO}+(?:{ESPACIO}+{NO_ESPACIO}+){{0,{maximo - 1}}}{ESPACIO}*$"


def max_length(maximo: int | None) -> int:
    return NO_LIMIT_MAX_LENGTH if maximo is None else max(300, maximo * 25)


def _base(c: Campo) -> dict:
    return {
        "title": c.rotulo,
        "description": c.instruccion,
        "markdownDescription": f"**{c.rotulo}**\n\n{c.instruccion}",
    }


def _texto(c: Campo) -> dict:
    s = _base(c) | {"type": "string", "minLength": 1, "maxLength": max_length(c.max_palabras)}
    if c.max_palabras:
        s["pattern"] = patron_palabras(c.max_palabras)
        s["x-max-palabras"] = c.max_palabras
        s["patternErrorMessage"] = f"{c.rotulo}: escriba entre 1 y {c.max_palabras} palabras."
    else:
        s["pattern"] = NO_ESPACIO
        s["patternErrorMessage"] = f"{c.rotulo}: escriba el texto."
    return s


def _enum(c: Campo) -> dict:
    terms = vocabulario(c.vocabulario)
    return {
        "type": "string",
        "enum": [t.slug for t in terms],
        "enumDescriptions": [t.etiqueta for t in terms],
        "x-vocabulario": c.vocabulario,
    }


def _lista_vocab(c: Campo, min_items: int = 1) -> dict:
    s = _base(c) | {
        "type": "array",
        "items": _enum(c),
        "uniqueItems": True,
        "x-vocabulario": c.vocabulario,
    }
    if min_items:
        s["minItems"] = min_items
    return s


def _email(c: Campo) -> dict:
    return _base(c) | {
        "type": "string", "format": "email", "pattern": EMAIL_PATTERN, "maxLength": 254,
        "patternErrorMessage": f"{c.rotulo}: escriba una dirección de correo como nombre@institucion.gob.",
    }


def _url(c: Campo) -> dict:
    return _base(c) | {
        "type": "string", "format": "uri", "pattern": URL_PATTERN, "maxLength": 2000,
        "patternErrorMessage": f"{c.rotulo}: escriba la dirección completa, que empiece por https:// o http://.",
    }


def _archivo(c: Campo) -> dict:
    return _base(c) | {
        "type": "string", "pattern": ARCHIVO_PATTERN, "maxLength": 300,
        "patternErrorMessage": f"{c.rotulo}: escriba una ruta relativa a la carpeta de la ficha, como anexos/manual.pdf.",
    }


def _sub(c: Campo) -> dict:
    if c.formato == "email":
        return _email(c)
    if c.formato == "url":
        return _url(c)
    if c.formato == "archivo":
        return _archivo(c)
    if c.vocabulario:
        return _base(c) | _enum(c)
    return _texto(c)


def _enlace_o_archivo(c: Campo) -> list[dict]:
    return [
        {"required": ["url"], "not": {"required": ["archivo"]}},
        {"required": ["archivo"], "not": {"required": ["url"]}},
    ]


def _lista_objetos(c: Campo, required: tuple[str, ...]) -> dict:
    subs = {s.clave: s for s in c.subcampos}
    item = {
        "type": "object",
        "additionalProperties": False,
        "required": list(required),
        "properties": {k: _sub(s) for k, s in subs.items()},
    }
    if "url" in subs and "archivo" in subs:
        item["oneOf"] = _enlace_o_archivo(c)
        item["errorMessage"] = {
            "oneOf": f"{c.rotulo}: cada elemento lleva un enlace o un archivo, no ambos. Escriba «url: https://…» o «archivo: ruta/del/archivo», uno solo."
        }
    return _base(c) | {"type": "array", "minItems": 1, "items": item}


def _lista_textos(c: Campo) -> dict:
    return _base(c) | {
        "type": "array", "minItems": 1, "uniqueItems": True,
        "items": _texto(Campo(c.clave, c.numero, c.etiqueta, c.instruccion, c.max_palabras)),
    }


def _contacto(c: Campo) -> dict:
    return _base(c) | {
        "type": "object",
        "additionalProperties": False,
        "required": list(CONTACTO_REQUIRED),
        "properties": {s.clave: _sub(s) for s in c.subcampos},
    }


def _periodo(c: Campo) -> dict:
    anio = {"type": "integer", "minimum": 1900, "maximum": 2100}
    return _base(c) | {
        "type": "object",
        "additionalProperties": False,
        "required": ["inicio"],
        "properties": {
            "inicio": anio | {"title": f"{c.etiqueta} — Año de inicio", "description": "Año en que comenzó la experiencia, por ejemplo 2015."},
            "fin": anio | {"title": f"{c.etiqueta} — Año de fin", "description": "Año en que terminó; omítalo si sigue en curso."},
        },
    }


def _propiedad(c: Campo) -> dict:
    special = {
        "contacto": _contacto,
        "periodo": _periodo,
        "cifras": lambda c: _lista_objetos(c, ("valor", "descripcion")),
        "productos": lambda c: _lista_objetos(c, ("titulo", "tipo")),
        "documentos": lambda c: _lista_objetos(c, ("titulo",)),
        "entidades_asociadas": _lista_textos,
        "entidades_participantes": _lista_textos,
        "fecha": lambda c: _base(c) | {
            "type": "string", "format": "date", "pattern": DATE_PATTERN,
            "patternErrorMessage": f"{c.rotulo}: escriba la fecha como AAAA-MM-DD, por ejemplo 2024-05-31.",
        },
        "idioma": lambda c: _base(c) | _enum(c) | {"default": "es"},
        "demostracion": lambda c: _base(c) | {"type": "boolean"},
        "pais": lambda c: _base(c) | _enum(c),
        "criterios_exito": lambda c: _lista_vocab(c, min_items=0),
    }
    if c.clave in special:
        return special[c.clave](c)
    if c.vocabulario:
        return _lista_vocab(c)
    return _texto(c)


def _condiciones(todos: dict[str, Campo]) -> list[dict]:
    conds = []
    for c in todos.values():
        if not c.si_otro:
            continue
        lista = todos[c.si_otro]
        conds.append({
            "if": {"required": [lista.clave], "properties": {lista.clave: {"type": "array", "contains": {"const": "otro"}}}},
            "then": {
                "required": [c.clave],
                "errorMessage": f"{c.rotulo}: falta. Como {lista.rotulo} incluye «otro», agregue la clave «{c.clave}» y escriba cuál.",
            },
            "else": {
                "not": {"required": [c.clave]},
                "errorMessage": f"{c.rotulo}: solo se usa cuando {lista.rotulo} incluye «otro». Borre la clave «{c.clave}» o agregue «otro» a {lista.rotulo}.",
            },
        })
    doc = todos["documentacion"]
    conds.append({
        "if": {"required": ["documentacion"], "properties": {"documentacion": {"type": "array", "contains": {"const": "sin-documentacion"}}}},
        "then": {
            "properties": {"documentacion": {"maxItems": 1}},
            "errorMessage": f"{doc.rotulo}: «sin-documentacion» no se combina con otras opciones. Deje solo «sin-documentacion» o quítela.",
        },
    })
    return conds


def construir_esquema() -> dict:
    todos = campos()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Ficha técnica — Experiencias Exitosas en Políticas y Gestión Migratoria (CSM)",
        "description": "Una experiencia exitosa o buena práctica en políticas y gestión migratoria, según el formulario de la Conferencia Suramericana sobre Migraciones. Archivo generado por `make schema` a partir de schema/campos.yml y schema/vocabularios.yml: no lo edite a mano.",
        "type": "object",
        "additionalProperties": False,
        "required": list(REQUIRED),
        "properties": {k: _propiedad(c) for k, c in todos.items()},
        "allOf": _condiciones(todos),
    }


def texto_esquema() -> str:
    return json.dumps(construir_esquema(), ensure_ascii=False, indent=2) + "\n"
