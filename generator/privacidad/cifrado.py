"""Encrypt and decrypt a record's private sub-fields with age (pyrage), to the Technical
Secretariat's recipients. The plaintext is the YAML of the private sub-fields, in the order
schema/campos.yml gives them."""
from __future__ import annotations

from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from generator.validacion.lectura import Documento
from generator.validacion.mensajes import Traductor
from generator.sobre.destinatarios import (  # noqa: F401  (re-exported: where privacy code finds them)
    DESTINATARIOS_PATH, Destinatario, ErrorDeCifrado, leer_destinatarios, ruta_destinatarios,
)


def cifrar(privados: dict, destinatarios: list[Destinatario] | None = None) -> str:
    """The armored age message of `privados` ({nombre, cargo, email})."""
    import pyrage  # function-level: pyrage (a native extension) loads only when encrypting or decrypting
    destinatarios = destinatarios or leer_destinatarios()
    try:
        claves = [pyrage.x25519.Recipient.from_str(d.clave) for d in destinatarios]
    except pyrage.RecipientError:
        raise ErrorDeCifrado("Una clave de schema/destinatarios.txt no es válida. Revise ese archivo.") from None
    texto = yaml.safe_dump(privados, allow_unicode=True, sort_keys=False)
    return pyrage.encrypt(texto.encode("utf-8"), claves, armored=True).decode("ascii")


def leer_identidad(ruta: Path):
    """The ST's private key file (AGE-SECRET-KEY-…, comments allowed)."""
    import pyrage  # function-level: pyrage (a native extension) loads only when encrypting or decrypting
    try:
        texto = ruta.read_text(encoding="utf-8")
    except OSError:
        raise ErrorDeCifrado(f"No se pudo leer la clave privada «{ruta}». Indique el archivo con --clave.") from None
    for linea in texto.splitlines():
        if linea.strip().startswith("AGE-SECRET-KEY-"):
            try:
                return pyrage.x25519.Identity.from_str(linea.strip())
            except pyrage.IdentityError:
                break
    raise ErrorDeCifrado(f"«{ruta}» no contiene una clave privada age (una línea AGE-SECRET-KEY-…).")


def descifrar(bloque: str, identidad) -> dict:
    import pyrage  # function-level: pyrage (a native extension) loads only when encrypting or decrypting
    try:
        texto = pyrage.decrypt(bloque.encode("ascii", "replace"), [identidad]).decode("utf-8")
    except pyrage.DecryptError:
        raise ErrorDeCifrado("no se puede descifrar con esta clave (se cifró para otras claves, o el bloque está alterado)") from None
    datos = yaml.safe_load(texto)
    if not isinstance(datos, dict):
        raise ErrorDeCifrado("el bloque descifrado no contiene los datos de contacto")
    return datos


def problemas_en_claro(campo, valores: dict, schema: dict, doc=None) -> list[tuple[int, int, str, str]]:
    """The plaintext must be right before it is sealed: nobody can check it afterwards. Problems
    as (line, col, label, text), with the positions of `doc` when the values come from a file."""
    prop = schema["properties"][campo.clave]
    contenido = prop["properties"][campo.cifrado.clave]["x-contenido"]
    envoltorio = {"type": "object", "properties": {campo.clave: contenido | {"title": prop["title"]}}}
    errores = Draft202012Validator(envoltorio, format_checker=Draft202012Validator.FORMAT_CHECKER).iter_errors(
        {campo.clave: valores})
    return Traductor(envoltorio).traducir(errores, doc or Documento({campo.clave: valores}))
