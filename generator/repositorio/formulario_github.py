"""The GitHub issue form "Proponer una ficha", generated from the schema so its
fields, labels, instructions, options and limits cannot drift from what CI accepts.

Issues are public: the form asks only for what the catalogue publishes. The
contact person's own name, position and e-mail (1.12) are never asked here.
"""
from __future__ import annotations

import yaml

from generator.config import ROOT, leer_configuracion
from generator.esquema.generar import construir_esquema
from generator.esquema.campos import FICHA

ISSUE_FORM_PATH = ROOT / ".github" / "ISSUE_TEMPLATE" / "proponer-ficha.yml"
ISSUE_CONFIG_PATH = ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml"

INTRO = "\n\n".join([
    "Use este formulario si no puede abrir una solicitud de cambios (pull request). La Secretaría "
    "Técnica convertirá su propuesta en una ficha, la validará y le avisará aquí.",
    "**Esta propuesta es pública.** No escriba aquí el nombre, el cargo ni el correo personal de la "
    "persona de contacto: la Secretaría Técnica los pedirá por el correo institucional (1.12).",
    "Los números y nombres de los campos son los de la ficha técnica de la CSM. Respete los "
    "límites de palabras: la ficha se rechaza si los supera.",
])


def _descripcion(p: dict, extra: str = "") -> str:
    partes = [p.get("description", "")]
    if "x-max-palabras" in p:
        partes.append(f"Máximo {p['x-max-palabras']} palabras.")
    if extra:
        partes.append(extra)
    return " ".join(x for x in partes if x)


def _opciones(p: dict) -> tuple[list[str], list[str]]:
    fuente = p.get("items", p)
    slugs, etiquetas = fuente["enum"], fuente.get("enumDescriptions", fuente["enum"])
    return slugs, [f"{e} ({s})" for s, e in zip(slugs, etiquetas)]


def _campo(clave: str, p: dict, requerido: bool, entrada: str | None = None) -> list[dict]:
    base = {"type": "", "id": clave, "attributes": {"label": p["title"], "description": _descripcion(p)}}
    validaciones = {"validations": {"required": requerido}}
    tipo = p.get("type")
    if "enum" in p or "enum" in p.get("items", {}):
        _, opciones = _opciones(p)
        base["type"] = "dropdown"
        base["attributes"]["options"] = opciones
        if tipo == "array":
            base["attributes"]["multiple"] = True
        return [{**base, **validaciones}]
    if tipo == "object" and any(sp.get("x-privado") for sp in p["properties"].values()):
        out = []
        for k, sp in p["properties"].items():
            if sp.get("x-privado"):  # never published, never asked in public
                continue
            out.append({"type": "input", "id": f"{clave}_{k}",
                        "attributes": {"label": sp["title"], "description": _descripcion(sp)},
                        "validations": {"required": requerido}})
        return out
    if tipo == "array":
        item = p["items"]
        if item.get("type") == "object":
            subcampos = ", ".join(sp["title"].split(" — ")[-1].lower() for sp in item["properties"].values())
            extra = f"Uno por línea, con sus datos: {subcampos}."
        else:
            extra = "Uno por línea."
        base["type"] = "textarea"
        base["attributes"]["description"] = _descripcion(p, extra)
        return [{**base, **validaciones}]
    if tipo == "object":  # sub-fields in one line: a period «2015–2020»
        subcampos = " y ".join(sp["title"].split(" — ")[-1].lower() for sp in p["properties"].values())
        base["type"] = "input"
        base["attributes"]["description"] = _descripcion(p, f"Indique {subcampos}, por ejemplo 2015–2020.")
        return [{**base, **validaciones}]
    largo = p.get("x-max-palabras", 1000) > 40
    base["type"] = entrada or ("textarea" if largo else "input")  # a type may decide it (a number: input)
    if p.get("format") == "date":
        base["attributes"]["placeholder"] = "AAAA-MM-DD"
    return [{**base, **validaciones}]


INTRO_PERFIL = "\n\n".join([
    "Use este formulario si no puede abrir una solicitud de cambios (pull request). La Secretaría "
    "Técnica convertirá su respuesta en el perfil de cooperación de su institución y le avisará aquí.",
    "Las preguntas son las del cuestionario de Cooperación Sur-Sur de la Secretaría Técnica (2013). "
    "En demanda y oferta, escriba las áreas en orden de prioridad (la primera es la 1), cada una con "
    "sus mecanismos. **Esta propuesta es pública**: no escriba datos de personas.",
])
FORM_PERFIL_PATH = ROOT / ".github" / "ISSUE_TEMPLATE" / "proponer-perfil.yml"


def formulario_github(tipo=None) -> dict:
    tipo = tipo or FICHA
    s = construir_esquema(tipo)
    intro = INTRO if tipo is FICHA else INTRO_PERFIL
    body: list[dict] = [{"type": "markdown", "attributes": {"value": intro}}]
    for clave, p in s["properties"].items():
        if p.get("x-interno"):
            continue
        c = tipo.campos[clave]
        body += _campo(clave, p, clave in s["required"], c.clase.entrada_github(c))
    if tipo is FICHA:
        return {
            "name": "Ficha por formulario de GitHub",
            "description": "Para quienes usan GitHub: proponga una experiencia exitosa sin editar archivos (la propuesta es pública).",
            "title": "Propuesta de ficha: ",
            "labels": ["propuesta de ficha"],
            "body": body,
        }
    return {
        "name": "Perfil de cooperación por formulario de GitHub",
        "description": "Diga dónde quiere recibir cooperación y dónde puede brindarla (cuestionario de Cooperación Sur-Sur).",
        "title": "Perfil de cooperación: ",
        "labels": ["propuesta de perfil"],
        "body": body,
    }


def texto_formulario_github(tipo=None) -> str:
    tipo = tipo or FICHA
    cabecera = (f"# Generado por «python -m generator schema» desde schema/{tipo.campos_path.name} y schema/vocabularios.yml.\n"
                "# No lo edite a mano: cambie esos archivos y ejecute «make schema».\n")
    return cabecera + yaml.safe_dump(formulario_github(tipo), allow_unicode=True, sort_keys=False, width=100)


def texto_selector_github(sitio_url: str | None = None) -> str:
    """The issue chooser: the form above, plus a link to the site's own ficha form (at the address
    of catalogo.yml, read when the file is written)."""
    sitio_url = sitio_url or leer_configuracion().sitio_url
    config = {
        "blank_issues_enabled": True,
        "contact_links": [{
            "name": "Escribir la ficha en el formulario del sitio (sin cuenta)",
            "url": f"{sitio_url}proponer/",
            "about": "Complete la ficha en el sitio: comprueba cada campo y prepara el archivo para enviarlo.",
        }],
    }
    return ("# Generado por «python -m generator schema». No lo edite a mano.\n"
            + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100))
