"""Open data: every public field of every ficha as JSON (with its own schema), CSV and Atom.

Built from the typed model only, which has no field for the contact person's
name, position or e-mail: the exports cannot carry them.
"""
from __future__ import annotations

import copy
import csv
import io
import json
import xml.etree.ElementTree as ET

from generator.publicacion.modelo import Ficha, ordenar

LICENCIA = {"nombre": "Creative Commons Atribución 4.0 Internacional (CC BY 4.0)",
            "url": "https://creativecommons.org/licenses/by/4.0/deed.es"}
ATOM = "http://www.w3.org/2005/Atom"


def _enlaces(items, sitio_url: str, con_tipo: bool) -> list[dict]:
    out = []
    for e in items:
        d = {"titulo": e.titulo}
        if con_tipo:
            d["tipo"] = e.tipo.slug
        d["url"] = sitio_url + e.href if e.es_archivo else e.href
        out.append(d)
    return out


def _periodo(f: Ficha) -> dict | None:
    if f.periodo_inicio is None:
        return None
    return {"inicio": f.periodo_inicio} | ({"fin": f.periodo_fin} if f.periodo_fin is not None else {})


def registro(f: Ficha, sitio_url: str, pdf: str | None) -> dict:
    r = {
        "id": f.id, "url": sitio_url + f.url, "pdf": sitio_url + pdf if pdf else None,
        "pais": f.pais.slug, "pais_nombre": f.pais.etiqueta, "titulo": f.titulo,
        "temas": [t.slug for t in f.temas], "tema_otro": f.tema_otro or None,
        "nivel_territorial": [t.slug for t in f.niveles], "nivel_territorial_otro": f.nivel_otro or None,
        "entidad_responsable": f.entidad_responsable, "entidad_dependencia": f.entidad_dependencia,
        "entidades_asociadas": list(f.asociadas), "entidades_participantes": list(f.participantes),
        "categorias": [t.slug for t in f.categorias], "documentacion": [t.slug for t in f.documentacion],
        "transferencia": [t.slug for t in f.transferencia], "transferencia_otro": f.transferencia_otro or None,
        "contacto": {"institucion": f.institucion, "email_institucional": f.email_institucional},
        "antecedentes": f.antecedentes.strip(), "resumen": f.resumen.strip(), "resultados": f.resultados.strip(),
        "cifras": [{"valor": c.valor, "descripcion": c.descripcion} for c in f.cifras],
        "productos": _enlaces(f.productos, sitio_url, True),
        "factores_exito": f.factores_exito.strip(), "criterios_exito": [t.slug for t in f.criterios],
        "replicacion": f.replicacion.strip() or None, "otras_consideraciones": f.otras_consideraciones.strip() or None,
        "documentos": _enlaces(f.documentos, sitio_url, False),
        "fecha": f.fecha, "idioma": f.lang,
        "periodo": _periodo(f),
        "demostracion": f.demostracion,
    }
    return r


def esquema_exportacion(ficha_schema: dict, sitio_url: str) -> dict:
    """The JSON Schema of /datos/fichas.json, derived from the ficha schema."""
    props = copy.deepcopy(ficha_schema["properties"])
    c = props["contacto"]
    c["properties"] = {k: v for k, v in c["properties"].items() if k in ("institucion", "email_institucional")}
    c["required"] = ["institucion", "email_institucional"]
    for clave in ("productos", "documentos"):
        item = props[clave]["items"]
        item["properties"].pop("archivo")
        item.pop("oneOf", None)
        item.pop("errorMessage", None)
        item["required"] = [*item["required"], "url"]
        props[clave].pop("minItems", None)
    for clave in ("cifras", "entidades_asociadas", "entidades_participantes"):
        props[clave].pop("minItems", None)
    anulables = ("tema_otro", "nivel_territorial_otro", "transferencia_otro", "replicacion",
                 "otras_consideraciones", "periodo")
    for clave in anulables:
        props[clave] = {"anyOf": [props[clave], {"type": "null"}], "title": props[clave]["title"]}
    url = {"type": "string", "format": "uri", "pattern": "^https?://"}
    props = {
        "id": {"title": "Identidad de la ficha (<país>/<slug>)", "type": "string", "pattern": "^[a-z]{3}/[a-z0-9-]+$"},
        "url": url | {"title": "Dirección pública de la ficha"},
        "pdf": {"anyOf": [url, {"type": "null"}], "title": "Ficha en PDF"},
        "pais_nombre": {"title": "Nombre del país", "type": "string"},
        **props,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": sitio_url + "datos/fichas.schema.json",
        "title": "Exportación del Catálogo de buenas prácticas de la CSM",
        "description": "Todas las fichas publicadas, con todos sus campos públicos. Los datos personales de la persona de contacto no se publican.",
        "type": "object",
        "required": ["licencia", "fichas"],
        "additionalProperties": False,
        "properties": {
            "licencia": {"type": "object", "required": ["nombre", "url"]},
            "fichas": {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": sorted(set(ficha_schema["required"]) | {"id", "url", "pais_nombre"}),
                "properties": props,
            }},
        },
    }


def exportar_json(registros: list[dict]) -> str:
    return json.dumps({"licencia": LICENCIA, "fichas": registros}, ensure_ascii=False, indent=1) + "\n"


COLUMNAS_CSV = (
    "id", "url", "pdf", "pais", "pais_nombre", "titulo", "temas", "tema_otro", "nivel_territorial",
    "nivel_territorial_otro", "entidad_responsable", "entidad_dependencia", "entidades_asociadas",
    "entidades_participantes", "categorias", "documentacion", "transferencia", "transferencia_otro",
    "institucion", "email_institucional", "antecedentes", "resumen", "resultados", "cifras", "productos",
    "factores_exito", "criterios_exito", "replicacion", "otras_consideraciones", "documentos", "fecha",
    "idioma", "periodo_inicio", "periodo_fin", "demostracion",
)
SEP = "; "


def _celda(clave: str, r: dict) -> str:
    if clave in ("institucion", "email_institucional"):
        return r["contacto"][clave]
    if clave in ("periodo_inicio", "periodo_fin"):
        p = r["periodo"] or {}
        v = p.get(clave.split("_")[1])
        return "" if v is None else str(v)
    v = r[clave]
    if clave == "cifras":
        return SEP.join(f"{c['valor']} — {c['descripcion']}" for c in v)
    if clave in ("productos", "documentos"):
        return SEP.join(f"{e['titulo']} <{e['url']}>" for e in v)
    if isinstance(v, list):
        return SEP.join(v)
    if isinstance(v, bool):
        return "sí" if v else "no"
    return "" if v is None else str(v)


def exportar_csv(registros: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNAS_CSV)
    for r in registros:
        w.writerow([_celda(c, r) for c in COLUMNAS_CSV])
    return "\ufeff" + buf.getvalue()


def exportar_atom(fichas: list[Ficha], sitio_url: str) -> str:
    ET.register_namespace("", ATOM)
    q = lambda t: f"{{{ATOM}}}{t}"  # noqa: E731
    feed = ET.Element(q("feed"), {"xml:lang": "es"})
    ordenadas = ordenar(fichas)
    ET.SubElement(feed, q("title")).text = "Catálogo de buenas prácticas de la CSM — novedades"
    ET.SubElement(feed, q("subtitle")).text = "Fichas técnicas de experiencias exitosas en políticas y gestión migratoria, de la más reciente a la más antigua."
    ET.SubElement(feed, q("id")).text = sitio_url + "datos/novedades.xml"
    ET.SubElement(feed, q("link"), {"rel": "self", "href": sitio_url + "datos/novedades.xml"})
    ET.SubElement(feed, q("link"), {"rel": "alternate", "href": sitio_url})
    ET.SubElement(feed, q("updated")).text = (ordenadas[0].fecha if ordenadas else "2014-10-17") + "T00:00:00Z"
    autor = ET.SubElement(feed, q("author"))
    ET.SubElement(autor, q("name")).text = "Conferencia Suramericana sobre Migraciones (CSM)"
    for f in ordenadas:
        e = ET.SubElement(feed, q("entry"))
        ET.SubElement(e, q("title")).text = f.titulo
        ET.SubElement(e, q("id")).text = sitio_url + f.url
        ET.SubElement(e, q("link"), {"rel": "alternate", "href": sitio_url + f.url})
        ET.SubElement(e, q("updated")).text = f.fecha + "T00:00:00Z"
        ET.SubElement(e, q("summary")).text = f"{f.pais.etiqueta}. {f.resumen_corto}"
        for t in f.temas:
            ET.SubElement(e, q("category"), {"term": t.slug, "label": t.etiqueta})
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
