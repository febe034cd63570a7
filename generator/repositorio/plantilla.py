"""The ficha template, generated from the schema: every key in the form's order,
a comment per field with its instruction and limit, and placeholders that the
validator rejects until they are replaced."""
from __future__ import annotations

import json
import textwrap

from generator.esquema.campos import FICHA, Campo, TipoDeRegistro
from generator.esquema.mensajes import MARCA_PLANTILLA
from generator.validacion.validar import schema

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
        partes.append(f"Máximo {p['x-max-palabras']} palabras.")
    vocab = p.get("enum") or p.get("items", {}).get("enum")
    if vocab and c.vocabulario != "paises":
        partes.append("Opciones: " + ", ".join(vocab) + ".")
    partes.append("Obligatorio." if c.obligatorio else "Opcional: borre el campo si no aplica.")
    return ["# " + l for l in textwrap.wrap(" ".join(partes), 88, break_on_hyphens=False)]


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _valor(c: Campo, pais: str, titulo: str | None, fecha: str | None, contacto: dict | None = None) -> list[str]:
    ph, clave = MARCA_PLANTILLA, c.clave
    if clave == "pais":  # the record's country: its folder
        return [f"pais: {pais}"]
    if titulo and c.cabecera and c.clase.es_texto:  # the record's name: the ficha's title, the profile's institution
        return [f"{clave}: {_q(titulo)}"]
    lineas = c.clase.en_plantilla(c, ph, _q, {"fecha": fecha, "contacto": contacto, "cifrar": _cifrar})
    if lineas is not None:
        return lineas
    if c.por_defecto is not None:
        return [f"{clave}: {c.por_defecto}"]
    return [f"{clave}: {_q(ph)}"]


def _cifrar(privados: dict) -> str:
    from generator.privacidad.cifrado import cifrar  # age (pyrage): only when a template carries a contact
    return cifrar(privados)


def plantilla(pais: str = "ARG", titulo: str | None = None, fecha: str | None = None,
              contacto: dict | None = None, tipo: TipoDeRegistro = FICHA) -> str:
    """The template; with `contacto` ({nombre, cargo, email}) the contact is written encrypted,
    without it the template asks for it in plaintext and says to run «make cifrar» before sending."""
    s = schema(tipo)
    lines = [
        modeline(tipo),
        f"# {tipo.titulo}.",
        f"# Reemplace cada texto que empieza por {MARCA_PLANTILLA}. Separe los párrafos con una línea en blanco.",
        "# Guía completa: la página /contribuir/ del catálogo.",
    ]
    for clave, c in tipo.campos.items():
        if c.interno:  # written by the Technical Secretariat, not by the country
            continue
        lines.append("")
        lines += _comentario(s["properties"][clave], clave, tipo)
        valor = _valor(c, pais, titulo, fecha, contacto)
        if c.cifrado and not contacto:
            lines += ["# Nombre, cargo y email de la persona de contacto NO se publican: antes de enviar la",
                      "# ficha, ejecute «make cifrar», que los reemplaza por un bloque cifrado para la",
                      "# Secretaría Técnica (o use el formulario /proponer/ del catálogo, que ya lo cifra)."]
        if c.si_otro:
            valor = [f"# {clave}: {_q(MARCA_PLANTILLA)}"]
        elif c.plantilla == "comentado":  # optional, suggested with an example
            valor = ["# " + linea for linea in valor]
        lines += valor
    return "\n".join(lines) + "\n"
