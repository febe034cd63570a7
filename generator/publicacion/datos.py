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

from generator.esquema.campos import FICHA, Campo, TipoDeRegistro
from generator.publicacion import rutas
from generator.publicacion.modelo import Elemento, Registro, Valor, ordenar
from generator.esquema.vocabularios import vocabulario

LICENCIA = {"nombre": "Creative Commons Atribución 4.0 Internacional (CC BY 4.0)",
            "url": "https://creativecommons.org/licenses/by/4.0/deed.es"}
ATOM = "http://www.w3.org/2005/Atom"


# --- one record ------------------------------------------------------------------
def _valor_exportado(v: Valor, sitio_url: str):
    """A field's value as JSON: codes for vocabularies, absolute addresses for attached files."""
    return v.campo.clase.exportar(v, sitio_url, lambda e: _elemento(e, sitio_url))


def _elemento(e: Elemento, sitio_url: str) -> dict:
    return {s.campo.clase.clave_exportada(s.campo): _valor_exportado(s, sitio_url) for s in e.valores}


def _ausente(c: Campo):
    """An absent optional field: an empty list, the default, or null."""
    return c.clase.ausente(c)


def registro(f: Registro, sitio_url: str, pdf: str | None) -> dict:
    presentes = {v.campo.clave: v for v in f.valores}
    r = {"id": f.id, "url": sitio_url + f.url, "pdf": sitio_url + pdf if pdf else None, "pais_nombre": f.pais.etiqueta}
    for c in _publicos(f.tipo):
        r[c.clave] = _valor_exportado(presentes[c.clave], sitio_url) if c.clave in presentes else _ausente(c)
    return r


def _publicos(tipo: TipoDeRegistro) -> list[Campo]:
    return [c for c in tipo.campos.values() if not c.privado]


# --- the JSON export's schema, derived from the record's schema ---------------------------
def _sin_privados(s: dict) -> dict:
    s = copy.deepcopy(s)
    for contenedor in (s, s.get("items", {})):
        props = contenedor.get("properties")
        if not props:
            continue
        privados = [k for k, p in props.items() if p.get("x-privado")]
        for k in privados:
            props.pop(k)
        if "required" in contenedor:
            contenedor["required"] = [k for k in contenedor["required"] if k not in privados]
    return s


def _propiedad_exportada(c: Campo, s: dict) -> dict:
    s = _sin_privados(s)
    if c.uno_de:  # a link or a file: exported as a link
        item = s["items"]
        for k in c.uno_de:
            if c.sub(k).clase.clave_exportada(c.sub(k)) != k:
                item["properties"].pop(k)
        item.pop("oneOf", None)
        item.pop("errorMessage", None)
        item["required"] = [*item["required"], "url"]
    if not c.obligatorio:
        if s.get("type") == "array":
            s.pop("minItems", None)
        elif c.clase.ausente(c) is None:
            s = {"anyOf": [s, {"type": "null"}], "title": s["title"]}
    return s


def esquema_exportacion(ficha_schema: dict, sitio_url: str, tipo: TipoDeRegistro = FICHA) -> dict:
    """The JSON Schema of /datos/fichas.json, derived from the ficha schema."""
    url = {"type": "string", "format": "uri", "pattern": "^https?://"}
    props = {
        "id": {"title": f"Identidad del registro ({tipo.nombre}: <país>/<slug>)", "type": "string", "pattern": "^[a-z]{3}/[a-z0-9-]+$"},
        "url": url | {"title": "Dirección pública de la página"},
        "pdf": {"anyOf": [url, {"type": "null"}], "title": "Versión en PDF"},
        "pais_nombre": {"title": "Nombre del país", "type": "string"},
    }
    for c in _publicos(tipo):
        props[c.clave] = _propiedad_exportada(c, ficha_schema["properties"][c.clave])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": sitio_url + rutas.dato(f"{tipo.plural}.schema.json"),
        "title": f"Exportación del Catálogo de buenas prácticas de la CSM: {tipo.plural}",
        "description": (f"Todos los registros publicados ({tipo.plural}), con todos sus campos públicos. Los datos "
                        "personales de las personas de contacto no se publican."),
        "type": "object",
        "required": ["licencia", tipo.plural],
        "additionalProperties": False,
        "properties": {
            "licencia": {"type": "object", "required": ["nombre", "url"]},
            tipo.plural: {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": list(props),
                "properties": props,
            }},
        },
    }


def exportar_json(registros: list[dict], tipo: TipoDeRegistro = FICHA) -> str:
    return json.dumps({"licencia": LICENCIA, tipo.plural: registros}, ensure_ascii=False, separators=(",", ":")) + "\n"


# --- matches between demand and offer --------------------------------------------------------
def _lado(p, sitio_url: str) -> dict:
    return {"pais": p.pais.slug, "institucion": p.institucion, "url": sitio_url + p.perfil.url,
            "prioridad": p.prioridad, "mecanismos": [m.slug for m in p.mecanismos]}


def exportar_coincidencias(cooperacion, sitio_url: str) -> str:
    entradas = [{"area": c.area.slug, "demanda": _lado(c.demanda, sitio_url), "oferta": _lado(c.oferta, sitio_url),
                 "mecanismos_comunes": [m.slug for m in c.comunes], "fichas": [sitio_url + f.url for f in c.fichas if f.pais == c.oferta.pais]}
                for c in cooperacion.coincidencias()]
    return json.dumps({"licencia": LICENCIA, "coincidencias": entradas}, ensure_ascii=False, separators=(",", ":")) + "\n"


def esquema_coincidencias(sitio_url: str) -> dict:
    url = {"type": "string", "format": "uri", "pattern": "^https?://"}
    areas = [t.slug for t in vocabulario("areas_cooperacion") if t.slug != "otra"]
    mecanismos = {"type": "array", "items": {"enum": [t.slug for t in vocabulario("mecanismos_cooperacion")]}}
    lado = {"type": "object", "additionalProperties": False,
            "required": ["pais", "institucion", "url", "prioridad", "mecanismos"],
            "properties": {"pais": {"type": "string", "enum": [t.slug for t in vocabulario("paises")]},
                           "institucion": {"type": "string"}, "url": url,
                           "prioridad": {"type": "integer", "minimum": 1, "title": "Lugar del área en la lista del perfil (1 = la primera)"},
                           "mecanismos": mecanismos}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": sitio_url + rutas.dato("coincidencias.schema.json"),
        "title": "Coincidencias entre la demanda y la oferta de cooperación (CSM)",
        "description": ("Una entrada por cada demanda (país A, área X, mecanismos M) que encuentra una oferta (país B "
                        "distinto de A, misma área, al menos un mecanismo en común), con las fichas publicadas del país "
                        "que ofrece cuyos temas se relacionan con el área: las prácticas que puede mostrar. Las de "
                        "los demás países están en fichas.json, por sus temas."),
        "type": "object", "additionalProperties": False, "required": ["licencia", "coincidencias"],
        "properties": {
            "licencia": {"type": "object", "required": ["nombre", "url"]},
            "coincidencias": {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": ["area", "demanda", "oferta", "mecanismos_comunes", "fichas"],
                "properties": {"area": {"enum": areas}, "demanda": lado, "oferta": lado,
                               "mecanismos_comunes": mecanismos | {"minItems": 1},
                               "fichas": {"type": "array", "items": url}}}},
        },
    }


# --- CSV: one row per record, one column per public field (objects: one per sub-field) ----
SEP = "; "
FIJAS = ("id", "url", "pdf", "pais_nombre")


def columnas_csv(tipo: TipoDeRegistro = FICHA) -> list[str]:
    cols = list(FIJAS)
    for c in _publicos(tipo):
        cols += c.clase.columnas_csv(c)
    return cols


def _texto_celda(v) -> str:
    if isinstance(v, bool):
        return "sí" if v else "no"
    if isinstance(v, dict):  # a list item: "valor — descripción", or "título <dirección>"
        partes = [str(x) for k, x in v.items() if k != "url"]
        texto = " — ".join(partes[:1] + [" · ".join(partes[1:])] if len(partes) > 1 else partes)
        return f"{texto} <{v['url']}>" if "url" in v else texto
    if isinstance(v, list):
        return SEP.join(_texto_celda(x) for x in v)
    return "" if v is None else str(v)


def _fila(r: dict, tipo: TipoDeRegistro) -> list[str]:
    fila = [_texto_celda(r[k]) for k in FIJAS]
    for c in _publicos(tipo):
        fila += c.clase.celdas_csv(c, r[c.clave], _texto_celda)
    return fila


# What a spreadsheet reads as the start of a formula (OWASP, "CSV injection"): such a cell gets a
# leading apostrophe, which spreadsheets show as text and do not display. The JSON keeps the text.
_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def celda_segura(valor):
    if isinstance(valor, str) and valor.startswith(_FORMULA):
        return "'" + valor
    return valor


def exportar_csv(registros: list[dict], tipo: TipoDeRegistro = FICHA) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columnas_csv(tipo))
    for r in registros:
        w.writerow([celda_segura(v) for v in _fila(r, tipo)])
    return "\ufeff" + buf.getvalue()


# A feed reader wants what is new, not the catalogue: the newest entries only (everything is in fichas.json).
ENTRADAS_DEL_FEED = 100


def exportar_atom(fichas: list[Registro], sitio_url: str, perfiles: list[Registro] = ()) -> str:
    """The newest ENTRADAS_DEL_FEED fichas and cooperation profiles (by their own date, then country and name)."""
    ET.register_namespace("", ATOM)
    q = lambda t: f"{{{ATOM}}}{t}"  # noqa: E731
    feed = ET.Element(q("feed"), {"xml:lang": "es"})
    ordenadas = ordenar([*fichas, *perfiles])
    ET.SubElement(feed, q("title")).text = "Catálogo de buenas prácticas de la CSM — novedades"
    ET.SubElement(feed, q("subtitle")).text = ("Fichas técnicas de experiencias exitosas en políticas y gestión migratoria, "
                                                "y perfiles de cooperación, de lo más reciente a lo más antiguo.")
    ET.SubElement(feed, q("id")).text = sitio_url + rutas.dato("novedades.xml")
    ET.SubElement(feed, q("link"), {"rel": "self", "href": sitio_url + rutas.dato("novedades.xml")})
    ET.SubElement(feed, q("link"), {"rel": "alternate", "href": sitio_url})
    ET.SubElement(feed, q("updated")).text = (ordenadas[0].fecha if ordenadas else "2014-10-17") + "T00:00:00Z"
    autor = ET.SubElement(feed, q("author"))
    ET.SubElement(autor, q("name")).text = "Conferencia Suramericana sobre Migraciones (CSM)"
    for f in ordenadas[:ENTRADAS_DEL_FEED]:
        e = ET.SubElement(feed, q("entry"))
        es_perfil = f.tipo.nombre == "perfil"
        titulo = f"Perfil de cooperación: {f.valor('institucion')} ({f.pais.etiqueta})" if es_perfil else f.titulo
        ET.SubElement(e, q("title")).text = titulo
        ET.SubElement(e, q("id")).text = sitio_url + f.url
        ET.SubElement(e, q("link"), {"rel": "alternate", "href": sitio_url + f.url})
        ET.SubElement(e, q("updated")).text = f.fecha + "T00:00:00Z"
        if es_perfil:
            pide = [x["area"].etiqueta for x in f.valor("demanda") or ()]
            ofrece = [x["area"].etiqueta for x in f.valor("oferta") or ()]
            ET.SubElement(e, q("summary")).text = (f"{f.pais.etiqueta}. Pide cooperación en: {', '.join(pide) or '—'}. "
                                                   f"Ofrece: {', '.join(ofrece) or '—'}.")
            ET.SubElement(e, q("category"), {"term": "perfil", "label": "Perfil de cooperación"})
        else:
            ET.SubElement(e, q("summary")).text = f"{f.pais.etiqueta}. {f.resumen_corto}"
            for t in f.temas:
                ET.SubElement(e, q("category"), {"term": t.slug, "label": t.etiqueta})
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
