"""Encrypt and decrypt a record's private sub-fields with age (pyrage), to the Technical
Secretariat's recipients. The plaintext is the YAML of the private sub-fields, in the order
schema/campos.yml gives them."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

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


def cifrar(privados: dict, destinatarios: list[Destinatario] | None = None) -> str:
    """The armored age message of `privados` ({nombre, cargo, email})."""
    import pyrage
    destinatarios = destinatarios or leer_destinatarios()
    try:
        claves = [pyrage.x25519.Recipient.from_str(d.clave) for d in destinatarios]
    except pyrage.RecipientError:
        raise ErrorDeCifrado("Una clave de schema/destinatarios.txt no es válida. Revise ese archivo.") from None
    texto = yaml.safe_dump(privados, allow_unicode=True, sort_keys=False)
    return pyrage.encrypt(texto.encode("utf-8"), claves, armored=True).decode("ascii")


def leer_identidad(ruta: Path):
    """The ST's private key file (AGE-SECRET-KEY-…, comments allowed)."""
    import pyrage
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
    import pyrage
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
    from jsonschema import Draft202012Validator
    from generator.validacion.lectura import Documento
    from generator.validacion.mensajes import Traductor
    prop = schema["properties"][campo.clave]
    contenido = prop["properties"][campo.cifrado.clave]["x-contenido"]
    envoltorio = {"type": "object", "properties": {campo.clave: contenido | {"title": prop["title"]}}}
    errores = Draft202012Validator(envoltorio, format_checker=Draft202012Validator.FORMAT_CHECKER).iter_errors(
        {campo.clave: valores})
    return Traductor(envoltorio).traducir(errores, doc or Documento({campo.clave: valores}))
