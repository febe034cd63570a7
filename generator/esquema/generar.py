"""Build a record kind's JSON Schema (schema/ficha.schema.json) from its fields file and
schema/vocabularios.yml.

The committed schema is generated: `make schema` rewrites it, and a test fails when it is
stale. Every word limit is a `pattern` any draft 2020-12 validator enforces; the `x-…`
annotations carry what the other consumers need (word limit, vocabulary, privacy, facets,
export column), so the form, the pages and the exports read one description.
"""
from __future__ import annotations

import json

from generator.esquema.campos import FICHA, Campo, TipoDeRegistro
from generator.esquema.vocabularios import vocabulario

SCHEMA_URL = "schema/"  # published under the site's address: <sitio>/schema/ficha.schema.json
# one bare address: no «mailto:», no name, no brackets (they would be published inside a mailto: link)
# A plain address: no «?», «&», «=», «%», spaces or angle brackets that would smuggle hidden
# recipients or headers into a mailto: link (a@b.org?bcc=…).
EMAIL_PATTERN = r"^[A-Za-z0-9._+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$"
URL_PATTERN = r"^https?://[^\s/?#]+\.[^\s]*$|^https?://[^\s/?#]+$"
ARCHIVO_PATTERN = r'^[^\s/\\][^\\:*?"<>|]*$'
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
NO_LIMIT_MAX_LENGTH = 20000
# Lists the form leaves open (1.7, 1.8, 2.4, 2.5, 2.9, a profile's areas) get a sane bound: a
# list far longer is a mistake or an attack on the validator (uniqueness is quadratic).
MAX_ELEMENTOS = 100
ANIO_MIN, ANIO_MAX = 1900, 2100


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
        "maxItems": len(vocabulario(c.vocabulario)),
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
        "type": "string", "pattern": ARCHIVO_PATTERN, "maxLength": 300, "x-ruta": True,
        "patternErrorMessage": f"{c.rotulo}: escriba una ruta relativa a la carpeta de la ficha, como anexos/manual.pdf.",
    }


def _termino(c: Campo) -> dict:
    s = _base(c) | _enum(c)
    if c.por_defecto is not None:
        s["default"] = c.por_defecto
    return s


def _terminos(c: Campo) -> dict:
    s = _base(c) | {"type": "array", "items": _enum(c), "uniqueItems": True,
                    "maxItems": len(vocabulario(c.vocabulario)), "x-vocabulario": c.vocabulario}
    if not c.vacio_permitido:
        s["minItems"] = 1
    return s


def _textos(c: Campo) -> dict:
    return _base(c) | {
        "type": "array", "minItems": 1, "maxItems": MAX_ELEMENTOS, "uniqueItems": True,
        "items": _texto(Campo(c.clave, c.numero, c.etiqueta, c.instruccion, max_palabras=c.max_palabras)),
    }


def _fecha(c: Campo) -> dict:
    return _base(c) | {
        "type": "string", "format": "date", "pattern": DATE_PATTERN,
        "patternErrorMessage": f"{c.rotulo}: escriba la fecha como AAAA-MM-DD, por ejemplo 2024-05-31.",
    }


def _booleano(c: Campo) -> dict:
    return _base(c) | {"type": "boolean"}


def _anio(c: Campo) -> dict:
    return _base(c) | {"type": "integer", "minimum": ANIO_MIN, "maximum": ANIO_MAX}


def _objeto(c: Campo) -> dict:
    cifrados = {s.clave for s in c.privados} if c.cifrado else set()
    return _base(c) | {
        "type": "object",
        "additionalProperties": False,
        "required": [s.clave for s in c.subcampos if s.obligatorio and s.clave not in cifrados],
        "properties": {s.clave: _subpropiedad(s, c, cifrados) for s in c.subcampos},
    }


def _subpropiedad(s: Campo, padre: Campo, cifrados: set[str]) -> dict:
    if s.clave in cifrados:
        return _en_claro_prohibido(s, padre.cifrado)
    if s.tipo == "cifrado":
        return _cifrado(s, padre.privados)
    return propiedad(s)


ARMADURA_PATTERN = (r"^-----BEGIN AGE ENCRYPTED FILE-----\r?\n(?:[A-Za-z0-9+/=]{1,64}\r?\n)+"
                    r"-----END AGE ENCRYPTED FILE-----\s*$")


def _en_claro_prohibido(s: Campo, cifrado: Campo) -> dict:
    """A private sub-field written in plaintext: described (the form asks for it, then encrypts
    it), never accepted in a file."""
    return _base(s) | {
        "x-privado": True, "x-cifrado-en": cifrado.clave, "not": {},
        "errorMessage": (f"{s.rotulo}: no puede quedar escrito en la ficha, que es pública en el repositorio. "
                         "Cifre el contacto con «make cifrar» (o escriba la ficha con el formulario /proponer/, "
                         "que lo cifra)."),
    }


def _cifrado(c: Campo, hermanos: tuple[Campo, ...]) -> dict:
    """The armored age block; `x-contenido` describes what it holds, for the form and `contactos`."""
    contenido = {
        "type": "object", "additionalProperties": False,
        "required": [s.clave for s in hermanos if s.obligatorio],
        "properties": {s.clave: propiedad(s) | {"x-privado": True} for s in hermanos},
    }
    return _base(c) | {
        "type": "string", "pattern": ARMADURA_PATTERN, "maxLength": 20000,
        "patternErrorMessage": (f"{c.rotulo}: debe ser el bloque cifrado completo, de «-----BEGIN AGE ENCRYPTED FILE-----» "
                                "a «-----END AGE ENCRYPTED FILE-----». Vuelva a cifrar el contacto con «make cifrar»."),
        "x-privado": True,
        "x-cifrado": [s.clave for s in hermanos],
        "x-contenido": contenido,
        "x-mensaje-falta": (f"{c.rotulo}: faltan. Cifre el nombre, el cargo y el correo de la persona de contacto con "
                            "«make cifrar», o escriba la ficha con el formulario /proponer/."),
    }



def _uno_de(c: Campo) -> dict:
    """Each item has exactly one of `c.uno_de` (a link or a file)."""
    a, b = c.uno_de
    return {
        "oneOf": [{"required": [a], "not": {"required": [b]}}, {"required": [b], "not": {"required": [a]}}],
        "errorMessage": {"oneOf": (
            f"{c.rotulo}: cada elemento lleva un enlace o un archivo, no ambos. "
            f"Escriba «{a}: https://…» o «{b}: ruta/del/archivo», uno solo.")},
    }


def _lista(c: Campo) -> dict:
    item = {k: v for k, v in _objeto(c).items() if k in ("type", "additionalProperties", "required", "properties")}
    if c.uno_de:
        item |= _uno_de(c)
    condiciones = [_condicion_otro(s, c.sub(s.si_otro)) for s in c.subcampos if s.si_otro]
    if condiciones:
        item["allOf"] = condiciones
    s = _base(c) | {"type": "array", "minItems": 1, "maxItems": MAX_ELEMENTOS, "items": item}
    if c.unico_por:
        s["x-unico-por"] = c.unico_por
    return s


CONSTRUCTORES = {
    "texto": _texto, "textos": _textos, "termino": _termino, "terminos": _terminos, "fecha": _fecha,
    "booleano": _booleano, "anio": _anio, "email": _email, "url": _url, "archivo": _archivo,
    "objeto": _objeto, "lista": _lista,
}


def propiedad(c: Campo) -> dict:
    s = CONSTRUCTORES[c.tipo](c)
    if c.privado:
        s["x-privado"] = True
    if c.interno:
        s["x-interno"] = True
    return s


def _condicion_otro(c: Campo, base: Campo) -> dict:
    """«Otro, ¿cuál?»: required when `base` (a list or a single option) has the «other» value, forbidden otherwise."""
    v = c.valor_otro
    if base.tipo == "terminos":
        cond, incluye = {"type": "array", "contains": {"const": v}}, "incluye"
    else:
        cond, incluye = {"const": v}, "es"
    return {
        "if": {"required": [base.clave], "properties": {base.clave: cond}},
        "then": {
            "required": [c.clave],
            "errorMessage": f"{c.rotulo}: falta. Como {base.rotulo} {incluye} «{v}», agregue la clave «{c.clave}» y escriba cuál.",
        },
        "else": {
            "not": {"required": [c.clave]},
            "errorMessage": (f"{c.rotulo}: solo se usa cuando {base.rotulo} {incluye} «{v}». Borre la clave «{c.clave}» "
                             + (f"o agregue «{v}» a {base.rotulo}." if incluye == "incluye" else f"o elija «{v}» en {base.rotulo}.")),
        },
    }


def _condiciones(tipo: TipoDeRegistro) -> list[dict]:
    todos = tipo.campos
    conds = [_condicion_otro(c, todos[c.si_otro]) for c in todos.values() if c.si_otro]
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


def schema_id(tipo: TipoDeRegistro = FICHA) -> str:
    from generator.config import CONFIG
    return CONFIG.sitio_url + SCHEMA_URL + tipo.esquema_path.name


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
