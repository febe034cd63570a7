"""The ficha template, generated from the schema: every key in the form's order,
a comment per field with its instruction and limit, and placeholders that the
validator rejects until they are replaced."""
from __future__ import annotations

import json
import textwrap

from generator.validacion.reglas import PLACEHOLDER
from generator.esquema.generar import REQUIRED
from generator.validacion.validar import schema

MODELINE = "# yaml-language-server: $schema=../../schema/ficha.schema.json"
CONDICIONALES = {"tema_otro", "nivel_territorial_otro", "transferencia_otro"}
OMITIDOS = {"idioma", "periodo", "demostracion"}  # shown commented out, with their default


def _comentario(p: dict, clave: str) -> list[str]:
    titulo = p["title"] if p["title"].endswith(("?", ".")) else p["title"] + "."
    partes = [titulo, p["description"]]
    if "x-max-palabras" in p:
        partes.append(f"Máximo {p['x-max-palabras']} palabras.")
    vocab = p.get("enum") or p.get("items", {}).get("enum")
    if vocab and clave != "pais":
        partes.append("Opciones: " + ", ".join(vocab) + ".")
    partes.append("Obligatorio." if clave in REQUIRED else "Opcional: borre el campo si no aplica.")
    return ["# " + l for l in textwrap.wrap(" ".join(partes), 88, break_on_hyphens=False)]


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _valor(clave: str, p: dict, pais: str, titulo: str | None, fecha: str | None) -> list[str]:
    ph = f"{PLACEHOLDER}"
    if clave == "pais":
        return [f"pais: {pais}"]
    if clave == "titulo" and titulo:
        return [f"titulo: {_q(titulo)}"]
    if clave == "fecha":
        return [f"fecha: {_q(fecha or ph + ': AAAA-MM-DD')}"]
    t = p.get("type")
    if t == "array" and "enum" in p.get("items", {}):
        return [f"{clave}:", f"  - {ph}"]
    if t == "array" and p["items"].get("type") == "object":
        item = p["items"]
        lines = [f"{clave}:"]
        for i, (k, sp) in enumerate(item["properties"].items()):
            if k == "archivo":
                lines.append(f"    # archivo: anexos/documento.pdf   (en lugar de url, para un archivo propio)")
                continue
            pre = "  - " if i == 0 else "    "
            lines.append(f"{pre}{k}: {_q(ph)}")
        return lines
    if t == "array":
        return [f"{clave}:", f"  - {_q(ph)}"]
    if clave == "contacto":
        return ["contacto:"] + [f"  {k}: {_q(ph)}" for k in p["properties"]]
    if t == "string" and p.get("x-max-palabras", 1000) <= 40:
        return [f"{clave}: {_q(ph)}"]
    if t == "string":
        return [f"{clave}: |", f"  {ph}: {p['description'][0].lower() + p['description'][1:]}"]
    return [f"{clave}: {_q(ph)}"]


def plantilla(pais: str = "ARG", titulo: str | None = None, fecha: str | None = None) -> str:
    s = schema()
    lines = [
        MODELINE,
        "# Ficha técnica — Experiencias Exitosas en Políticas y Gestión Migratoria (CSM).",
        f"# Reemplace cada texto que empieza por {PLACEHOLDER}. Separe los párrafos con una línea en blanco.",
        "# Guía completa: la página /contribuir/ del catálogo.",
    ]
    for clave, p in s["properties"].items():
        lines.append("")
        lines += _comentario(p, clave)
        valor = _valor(clave, p, pais, titulo, fecha)
        if clave in CONDICIONALES:
            valor = [f"# {valor[0].split(':')[0]}: {_q(PLACEHOLDER)}"]
        elif clave in OMITIDOS:
            valor = {
                "idioma": ["# idioma: es"],
                "periodo": ["# periodo:", "#   inicio: 2015", "#   fin: 2020"],
                "demostracion": [],
            }[clave]
            if not valor:
                lines = lines[: -len(_comentario(p, clave)) - 1]
                continue
        lines += valor
    return "\n".join(lines) + "\n"
