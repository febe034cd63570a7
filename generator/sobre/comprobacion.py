"""Check an armored age message without its private key: the envelope, not the content.

A well-formed block is the armor (BEGIN line, base64 in lines of 64 characters, END line)
around an age v1 file: a header with one or more recipient stanzas, all X25519 (besides the
«grease» stanzas some implementations add), its MAC, and a payload that is at least a nonce and
one authenticated chunk. Anything else (garbage, a truncated copy, a block encrypted with a
passphrase or an SSH key) is reported with what happened, as a key of the catalogue's texts.
"""
from __future__ import annotations

import base64
import binascii
import re

INICIO = "-----BEGIN AGE ENCRYPTED FILE-----"
FIN = "-----END AGE ENCRYPTED FILE-----"
VERSION = b"age-encryption.org/v1"
_B64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")
_B64_SIN_RELLENO = re.compile(r"^[A-Za-z0-9+/]{43}$")  # 32 bytes, unpadded: X25519 shares and keys
NONCE, ETIQUETA = 16, 16


class SobreInvalido(Exception):
    """The block is not an age message this catalogue can use. `clave` says why: its text, in each
    language, is «sobre.<clave>» in schema/idiomas/<código>/sobre.yml (with `valores` filled in),
    which the validator quotes in the ficha's language; this layer knows no catalogue."""

    def __init__(self, clave: str, **valores):
        super().__init__(clave)
        self.clave, self.valores = clave, valores


def desarmar(texto: str) -> bytes:
    """The binary age file inside the armor."""
    lineas = [l.strip() for l in texto.strip().replace("\r\n", "\n").split("\n")]
    if not lineas or lineas[0] != INICIO:
        raise SobreInvalido("no_empieza", linea=INICIO)
    if lineas[-1] != FIN:
        raise SobreInvalido("no_termina", linea=FIN)
    cuerpo = lineas[1:-1]
    if not cuerpo:
        raise SobreInvalido("vacio")
    for i, l in enumerate(cuerpo):
        if not _B64.match(l) or len(l) > 64 or (len(l) < 64 and i != len(cuerpo) - 1):
            raise SobreInvalido("linea_alterada", n=i + 2)
    try:
        return base64.b64decode("".join(cuerpo), validate=True)
    except (binascii.Error, ValueError):
        raise SobreInvalido("base64") from None


def comprobar(texto: str) -> int:
    """Raise SobreInvalido unless `texto` is a well-formed armored age message to X25519 keys;
    return how many X25519 recipients it has."""
    datos = desarmar(texto)
    lineas = datos.split(b"\n")
    if lineas[0] != VERSION:
        raise SobreInvalido("no_es_age")
    i, x25519 = 1, 0
    while i < len(lineas) and lineas[i].startswith(b"-> "):
        partes = lineas[i][3:].split(b" ")
        tipo, args = partes[0], partes[1:]
        i += 1
        cuerpo = []
        while i < len(lineas) and len(lineas[i]) == 64:
            cuerpo.append(lineas[i])
            i += 1
        if i >= len(lineas):
            raise SobreInvalido("encabezado_cortado")
        cuerpo.append(lineas[i])
        i += 1
        if tipo == b"X25519":
            if len(args) != 1 or not _B64_SIN_RELLENO.match(args[0].decode("ascii", "replace")) \
                    or len(cuerpo) != 1 or not _B64_SIN_RELLENO.match(cuerpo[0].decode("ascii", "replace")):
                raise SobreInvalido("destinatario_alterado")
            x25519 += 1
        elif tipo == b"scrypt":
            raise SobreInvalido("contrasena")
        elif tipo.endswith(b"-grease"):
            continue
        else:
            raise SobreInvalido("otro_tipo", tipo=tipo.decode("ascii", "replace"))
    if x25519 == 0:
        raise SobreInvalido("sin_destinatarios")
    if i >= len(lineas) or not lineas[i].startswith(b"--- "):
        raise SobreInvalido("encabezado_cortado")
    mac = lineas[i][4:]
    if not _B64_SIN_RELLENO.match(mac.decode("ascii", "replace")):
        raise SobreInvalido("encabezado_alterado")
    encabezado = b"\n".join(lineas[: i + 1]) + b"\n"
    carga = datos[len(encabezado):]
    if len(carga) < NONCE + ETIQUETA:
        raise SobreInvalido("sin_contenido")
    return x25519
