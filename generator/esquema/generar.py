"""Build a record kind's JSON Schema (schema/ficha.schema.json) from its fields file and
schema/vocabularios.yml.

The committed schema is generated: `make schema` rewrites it, and a test fails when it is
stale. Every word limit is a `pattern` any draft 2020-12 validator enforces; the `x-…`
annotations carry what the other consumers need (word limit, vocabulary, privacy, facets,
export column), so the form, the pages and the exports read one description.
"""
from __future__ import annotations

import json

from generator.esquema.campos import FICHA, TipoDeRegistro
from generator.esquema.tipos.base import (ESPACIO, ESPACIOS, MAX_ELEMENTOS, NO_ESPACIO,  # noqa: F401
                                          NO_LIMIT_MAX_LENGTH, max_length, patron_palabras, propiedad)
from generator.esquema.tipos.compuestos import ARMADURA_PATTERN, condicion_otro  # noqa: F401
from generator.esquema.tipos.simples import ANIO_MAX, ANIO_MIN, DATE_PATTERN  # noqa: F401
from generator.esquema.tipos.textos import ARCHIVO_PATTERN, EMAIL_PATTERN, URL_PATTERN  # noqa: F401
from generator.config import leer_configuracion

SCHEMA_URL = "schema/"  # published under the site's address: <sitio>/schema/ficha.schema.json
# Each type's fragment is built by its class (generator/esquema/tipos/); the patterns stay importable here.


def _condiciones(tipo: TipoDeRegistro) -> list[dict]:
    todos = tipo.campos
    conds = [condicion_otro(c, todos[c.si_otro]) for c in todos.values() if c.si_otro]
    if tipo.al_menos_uno:
        conds.append({"anyOf": [{"required": [k]} for k in tipo.al_menos_uno["campos"]],
                      "errorMessage": tipo.al_menos_uno["mensaje"]})
    for c in todos.values():
        if not c.exclusivo:
            continue
        conds.append({
            "if": {"required": [c.clave], "properties": {c.clave: {"type": "array", "contains": {"const": c.exclusivo}}}},
            "then": {
                "properties": {c.clave: {"maxItems": 1}},
                "errorMessage": f"{c.rotulo}: «{c.exclusivo}» no se combina con otras opciones. Deje solo «{c.exclusivo}» o quítela.",
            },
        })
    return conds


def schema_id(tipo: TipoDeRegistro = FICHA, sitio_url: str | None = None) -> str:
    """The schema's $id at the site's address (catalogo.yml, read when the schema is written)."""
    return (sitio_url or leer_configuracion().sitio_url) + SCHEMA_URL + tipo.esquema_path.name


def construir_esquema(tipo: TipoDeRegistro = FICHA) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id(tipo),
        "title": tipo.titulo,
        "description": (f"{tipo.descripcion_registro} Archivo generado por `make schema` a partir de "
                        f"schema/{tipo.campos_path.name} y schema/vocabularios.yml: no lo edite a mano."),
        "type": "object",
        "additionalProperties": False,
        "required": list(tipo.obligatorios),
        "properties": {k: propiedad(c) for k, c in tipo.campos.items()},
        "allOf": _condiciones(tipo),
        "x-textos-de-ejemplo": list(tipo.textos_de_ejemplo),
    }


def texto_esquema(tipo: TipoDeRegistro = FICHA) -> str:
    return json.dumps(construir_esquema(tipo), ensure_ascii=False, indent=2) + "\n"
