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
    if c.tipo == "termino" and c.vocabulario == "paises":
        return ["Escriba el código ISO de tres letras en mayúsculas, por ejemplo ARG."]
    if c.tipo == "fecha":
        return ["Escriba la fecha como AAAA-MM-DD, por ejemplo 2024-05-31."]
    if c.tipo == "booleano":
        return ["Escriba true (sí) o false (no)."]
    if c.tipo == "lista" and c.uno_de:
        return [f"Cada elemento lleva «{c.uno_de[0]}» o «{c.uno_de[1]}», uno solo."]
    if c.tipo == "lista" and any(s.tipo == "texto" and (s.max_palabras or 99) <= 10 for s in c.subcampos):
        return ["Deje las comillas del ejemplo: una cifra sin comillas (85, 12:30) se leería como un número."]
    if c.tipo == "objeto" and all(s.tipo == "anio" for s in c.subcampos):
        return ["Años de cuatro cifras; sin «fin», la experiencia sigue en curso."]
    return []


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
    if titulo and c.cabecera and c.tipo == "texto":  # the record's name: the ficha's title, the profile's institution
        return [f"{clave}: {_q(titulo)}"]
    if c.tipo == "fecha":
        return [f"{clave}: {_q(fecha or ph + ': AAAA-MM-DD')}"]
    if c.tipo == "terminos":
        return [f"{clave}:", f"  - {ph}"]
    if c.tipo == "textos":
        return [f"{clave}:", f"  - {_q(ph)}"]
    if c.tipo == "lista":
        lines, primero = [f"{clave}:"], True
        for s in c.subcampos:
            if s.tipo == "archivo":
                lines.append(f"    # {s.clave}: anexos/documento.pdf   (en lugar de url, para un archivo propio)")
                continue
            if s.si_otro:
                lines.append(f"    # {s.clave}: {_q(ph)}   (solo si eligió «{s.valor_otro}»)")
                continue
            valor = f"[{ph}]" if s.tipo == "terminos" else _q(ph)
            lines.append(f"{'  - ' if primero else '    '}{s.clave}: {valor}")
            primero = False
        return lines
    if c.tipo == "objeto" and c.cifrado and contacto:  # the private sub-fields, already encrypted
        from generator.privacidad.cifrado import cifrar
        armado = cifrar({s.clave: contacto[s.clave] for s in c.privados})
        return ([f"{clave}:"] + [f"  {s.clave}: {_q(ph)}" for s in c.publicos]
                + [f"  {c.cifrado.clave}: |"] + [f"    {l}" for l in armado.strip().split("\n")])
    if c.tipo == "objeto" and c.cifrado:  # written in plaintext here, encrypted by «make cifrar»
        return ([f"{clave}:"] + [f"  {s.clave}: {_q(ph)}" for s in c.subcampos if s.tipo != "cifrado"])
    if c.tipo == "objeto":
        return [f"{clave}:"] + [f"  {s.clave}: {s.ejemplo if s.ejemplo is not None else _q(ph)}" for s in c.subcampos]
    if c.tipo == "texto" and c.largo:
        return [f"{clave}: |", f"  {ph}: {c.instruccion[0].lower() + c.instruccion[1:]}"]
    if c.por_defecto is not None:
        return [f"{clave}: {c.por_defecto}"]
    return [f"{clave}: {_q(ph)}"]


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
