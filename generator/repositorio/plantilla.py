"""The ficha template, generated from the schema: every key in the form's order,
a comment per field with its instruction and limit, and placeholders that the
validator rejects until they are replaced."""
from __future__ import annotations

import json
import textwrap

from generator.esquema import idiomas
from generator.esquema.campos import FICHA, Campo, TipoDeRegistro
from generator.esquema.mensajes import MARCA_PLANTILLA
from generator.validacion.validar import schema_en

MODELINE = "# yaml-language-server: $schema=../../schema/ficha.schema.json"


def modeline(tipo: TipoDeRegistro) -> str:
    return f"# yaml-language-server: $schema=../../schema/{tipo.esquema_path.name}"


def _como_se_escribe(c: Campo) -> list[str]:
    """What the file needs beyond the form's instruction: codes, formats, quoting."""
    return c.clase.como_se_escribe(c)


def _comentario(p: dict, clave: str, tipo: TipoDeRegistro = FICHA) -> list[str]:
    c = tipo.campos[clave]
    titulo = p["title"] if p["title"].endswith(("?", ".")) else p["title"] + "."
    partes = [titulo, p["description"], *_como_se_escribe(c)]
    if "x-max-palabras" in p:
        partes.append(idiomas.t("plantilla.maximo_palabras", n=p["x-max-palabras"]))
    vocab = p.get("enum") or p.get("items", {}).get("enum")
    if vocab and c.vocabulario != "paises":
        partes.append(idiomas.t("plantilla.opciones", opciones=", ".join(vocab)))
    partes.append(idiomas.t("plantilla.obligatorio" if c.obligatorio else "plantilla.opcional"))
    return _envuelto(" ".join(partes))


def _envuelto(texto: str) -> list[str]:
    return ["# " + l for l in textwrap.wrap(texto, 88, break_on_hyphens=False)]


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _valor(c: Campo, pais: str, titulo: str | None, fecha: str | None, contacto: dict | None = None) -> list[str]:
    ph, clave = MARCA_PLANTILLA, c.clave
    if clave == "pais":  # the record's country: its folder
        return [f"pais: {pais}"]
    if _idioma_propio(c):
        return [f"{clave}: {idiomas.actual()}"]
    if titulo and c.cabecera and c.clase.es_texto:  # the record's name: the ficha's title, the profile's institution
        return [f"{clave}: {_q(titulo)}"]
    lineas = c.clase.en_plantilla(c, ph, _q, {"fecha": fecha, "contacto": contacto, "cifrar": _cifrar})
    if lineas is not None:
        return lineas
    if c.por_defecto is not None:
        return [f"{clave}: {c.por_defecto}"]
    return [f"{clave}: {_q(ph)}"]


def _idioma_propio(c: Campo) -> bool:
    """The record's language field, when the template is written in another language than its
    default: it says that language (uncommented)."""
    return c.vocabulario == "idiomas" and c.por_defecto is not None and idiomas.actual() != c.por_defecto


def _cifrar(privados: dict) -> str:
    from generator.privacidad.cifrado import cifrar  # age (pyrage): only when a template carries a contact
    return cifrar(privados)


def plantilla(pais: str = "ARG", titulo: str | None = None, fecha: str | None = None,
              contacto: dict | None = None, tipo: TipoDeRegistro = FICHA) -> str:
    """The template in the current language (idiomas.en): its comments (labels, instructions,
    limits) in that language, the marker the validator looks for the same in all; outside Spanish
    the record's «idioma» is that language. With `contacto` ({nombre, cargo, email}) the contact is
    written encrypted, without it the template asks for it in plaintext and says to run «make
    cifrar» before sending."""
    s = schema_en(tipo, idiomas.actual())
    lines = [
        modeline(tipo),
        f"# {tipo.titulo}.",
        "# " + idiomas.t("plantilla.cabecera", marca=MARCA_PLANTILLA),
        "# " + idiomas.t("plantilla.guia"),
    ]
    for clave, c in tipo.campos.items():
        if c.interno:  # written by the Technical Secretariat, not by the country
            continue
        lines.append("")
        lines += _comentario(s["properties"][clave], clave, tipo)
        valor = _valor(c, pais, titulo, fecha, contacto)
        if c.cifrado and not contacto:
            lines += _envuelto(idiomas.t("plantilla.contacto_sin_cifrar"))
        if c.si_otro:
            valor = [f"# {clave}: {_q(MARCA_PLANTILLA)}"]
        elif c.plantilla == "comentado" and not _idioma_propio(c):  # optional, suggested with an example
            valor = ["# " + linea for linea in valor]
        lines += valor
    return "\n".join(lines) + "\n"
