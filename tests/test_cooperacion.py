"""Cooperation profiles: validation, rankings, matches, pages and data (issue «oferta y demanda»).

Rankings and matches are checked on small sets of profiles written here, with known answers:
ties, a country that asks and offers the same area, a profile with only an offer, «otra» areas
and same-country pairs that must never match."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import CASOS, ROOT
from generator.esquema.campos import PERFIL
from generator.publicacion.cooperacion import Cooperacion
from generator.publicacion.modelo import desde_lectura
from generator.validacion.validar import validar


def _perfil(carpeta: Path, pais: str, slug: str, demanda=(), oferta=(), extra: str = "") -> Path:
    def lista(nombre, items):
        if not items:
            return ""
        lineas = [f"{nombre}:"]
        for it in items:
            area, mecanismos = it[0], it[1]
            lineas.append(f"  - area: {area}")
            if area == "otra":
                lineas.append(f"    area_otra: {it[2]}")
            lineas.append(f"    mecanismos: [{', '.join(mecanismos)}]")
        return "\n".join(lineas) + "\n"
    ruta = carpeta / pais.lower() / f"{slug}.yml"
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text(f"pais: {pais}\ninstitucion: Institución {pais} {slug}\nfecha: 2025-01-01\n"
                    + lista("demanda", demanda) + lista("oferta", oferta) + extra, encoding="utf-8")
    return ruta


def _cooperacion(carpeta: Path, fichas: Path | None = None) -> Cooperacion:
    res = validar(carpeta, PERFIL)
    assert res.ok, [str(p) for p in res.problemas]
    perfiles = [desde_lectura(f) for f in res.fichas]
    todas = [desde_lectura(f) for f in validar(fichas).fichas] if fichas else []
    return Cooperacion(perfiles, todas)


@pytest.fixture
def caso(tmp_path):
    """Four institutions, answers known by hand."""
    p = tmp_path / "perfiles"
    _perfil(p, "ARG", "dnm", demanda=[("sistemas-informacion", ["capacitacion", "estudios"]),
                                      ("gestion-fronteras", ["desarrollo-estructural"])],
            oferta=[("gestion-fronteras", ["capacitacion"]), ("regularizacion", ["desarrollo-normativo"])])
    _perfil(p, "BRA", "dm", demanda=[("gestion-fronteras", ["capacitacion"]), ("sistemas-informacion", ["estudios"])],
            oferta=[("sistemas-informacion", ["estudios", "sistemas-informaticos"])])
    _perfil(p, "CHL", "sm", demanda=[("otra", ["estudios"], "Trata de personas"), ("regularizacion", ["capacitacion"])],
            oferta=[("otra", ["estudios"], "Trata de personas"), ("sistemas-informacion", ["capacitacion"])])
    _perfil(p, "URY", "dnm", oferta=[("gestion-fronteras", ["desarrollo-estructural", "capacitacion"])])  # only an offer
    return _cooperacion(p, ROOT / "fichas")


def test_ranking_de_la_demanda_por_instituciones_y_prioridad_media(caso):
    # sistemas: ARG 1, BRA 2 → 2 inst., 1.5; fronteras: ARG 2, BRA 1 → 2 inst., 1.5 (tie → questionnaire's order:
    # sistemas-informacion comes before gestion-fronteras); regularización: CHL 2 → 1 inst.; «otra» apart
    puestos = [(p.area.slug, p.n, p.prioridad_media) for p in caso.ranking("demanda")]
    assert puestos == [("sistemas-informacion", 2, 1.5), ("gestion-fronteras", 2, 1.5), ("regularizacion", 1, 2.0)]
    assert [(d.pais.slug, d.area_otra) for d in caso.otras("demanda")] == [("CHL", "Trata de personas")]


def test_ranking_de_la_oferta(caso):
    puestos = [(p.area.slug, p.n, p.prioridad_media) for p in caso.ranking("oferta")]
    # fronteras: ARG 1, URY 1 → 2, 1.0; sistemas: BRA 1, CHL 2 → 2, 1.5; regularización: ARG 2
    assert puestos == [("gestion-fronteras", 2, 1.0), ("sistemas-informacion", 2, 1.5), ("regularizacion", 1, 2.0)]
    fronteras = caso.ranking("oferta")[0]
    assert [(m.slug, n) for m, n in fronteras.mecanismos] == [("capacitacion", 2), ("desarrollo-estructural", 1)]


def test_coincidencias(caso):
    pares = [(c.area.slug, c.demanda.pais.slug, c.oferta.pais.slug, tuple(m.slug for m in c.comunes))
             for c in caso.coincidencias()]
    esperado = {
        ("sistemas-informacion", "ARG", "BRA", ("estudios",)),          # ARG asks (capacitación, estudios)
        ("sistemas-informacion", "ARG", "CHL", ("capacitacion",)),
        ("gestion-fronteras", "ARG", "URY", ("desarrollo-estructural",)),  # not ARG's own offer: same country
        ("gestion-fronteras", "BRA", "ARG", ("capacitacion",)),
        ("gestion-fronteras", "BRA", "URY", ("capacitacion",)),
    }
    # BRA asks sistemas with «estudios»; CHL offers it with «capacitación» only: no mechanism in common.
    # CHL asks regularización with «capacitación»; ARG offers it with «desarrollo normativo» only: no match.
    # «Otras» (CHL) never matches, not even CHL's own offer.
    assert set(pares) == esperado
    assert len(pares) == len(esperado)


def test_las_fichas_de_una_coincidencia_primero_las_del_pais_que_ofrece(caso):
    c = next(x for x in caso.coincidencias() if x.area.slug == "gestion-fronteras" and x.oferta.pais.slug == "ARG")
    paises = [f.pais.slug for f in c.fichas]
    assert paises and all(f.temas for f in c.fichas)
    primeras = [p for p in paises if p == "ARG"]
    assert paises[: len(primeras)] == primeras  # the offering country's practices first
    temas = set(caso.area("gestion-fronteras").extra["temas"])
    assert all(temas & {t.slug for t in f.temas} for f in c.fichas)


def test_demanda_relacionada_de_una_ficha(caso):
    ficha = next(f for f in caso.fichas if f.id == "pry/control-integrado")  # border registration, capacitación
    relacionada = caso.demanda_relacionada(ficha)
    assert all(d.pais.slug != "PRY" for d in relacionada)
    assert all(caso.transferencias(d.mecanismos) & {t.slug for t in ficha.terminos("transferencia")} for d in relacionada)
    assert all(set(d.area.extra["temas"]) & {t.slug for t in ficha.temas} for d in relacionada)


# --- validation ---------------------------------------------------------------------------------
def _validar(tmp_path, texto) -> list[str]:
    ruta = tmp_path / "perfiles" / "arg" / "x.yml"
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text(textwrap.dedent(texto), encoding="utf-8")
    return [str(p) for p in validar(tmp_path / "perfiles", PERFIL).problemas]


BASE = "pais: ARG\ninstitucion: Dirección Nacional de Migraciones\nfecha: 2025-03-14\n"


def test_un_perfil_sin_demanda_ni_oferta_se_rechaza(tmp_path):
    problemas = _validar(tmp_path, BASE)
    assert len(problemas) == 1 and "no tiene con qué coincidir" in problemas[0] and "(P4) y (P6)" in problemas[0]


def test_un_area_repetida_y_el_otra_sin_texto(tmp_path):
    problemas = _validar(tmp_path, BASE + textwrap.dedent("""\
        demanda:
          - area: sistemas-informacion
            mecanismos: [capacitacion]
          - area: otra
            mecanismos: [estudios]
          - area: sistemas-informacion
            mecanismos: []
        """))
    texto = "\n".join(problemas)
    assert "(P4) Áreas en que estaría interesada en recibir cooperación — Área (n.º 3): «sistemas-informacion» ya está en el n.º 1" in texto
    assert "(P4) Áreas en que estaría interesada en recibir cooperación — Otra área, ¿cuál? (n.º 2): falta. Como (P4)" in texto
    assert "(P5) Mecanismos de cooperación que instrumentaría (demanda) (n.º 3): la lista está vacía" in texto


def test_mecanismo_desconocido_nombra_la_pregunta(tmp_path):
    problemas = _validar(tmp_path, BASE + "oferta:\n  - area: regularizacion\n    mecanismos: [capacitación, sistemas]\n")
    assert any("(P7) Mecanismos de cooperación que instrumentaría (oferta) (n.º 1)" in p for p in problemas), problemas


def test_plantilla_de_perfil_y_nueva_perfil(tmp_path):
    r = subprocess.run([sys.executable, "-m", "generator", "nueva-perfil", "--pais", "ARG", "Dirección Nacional de Migraciones",
                        "--carpeta", str(tmp_path / "perfiles"), "--fecha", "2026-01-01"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    texto = (tmp_path / "perfiles" / "arg" / "direccion-nacional-de-migraciones.yml").read_text(encoding="utf-8")
    assert texto.startswith("# yaml-language-server: $schema=../../schema/perfil.schema.json\n")
    assert 'institucion: "Dirección Nacional de Migraciones"' in texto and "# (P5)" not in texto
    r = subprocess.run([sys.executable, "-m", "generator", "validate", str(tmp_path / "perfiles")], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 1 and "todavía tiene el texto de la plantilla" in r.stdout and "Traceback" not in r.stderr


def test_los_perfiles_de_demostracion(tmp_path):
    res = validar(ROOT / "perfiles", PERFIL)
    assert res.ok, [str(p) for p in res.problemas]
    miembros = {t.slug.lower() for t in __import__("generator.esquema.vocabularios", fromlist=["x"]).vocabulario("paises")
                if t.extra.get("csm")}
    assert {f.pais_dir for f in res.fichas} == miembros
    for f in res.fichas:
        assert f.data["demostracion"] is True


# --- the built site --------------------------------------------------------------------------
def test_pagina_de_cooperacion_con_los_rankings(sitio):
    html = (sitio / "cooperacion" / "index.html").read_text(encoding="utf-8")
    c = _cooperacion(ROOT / "perfiles")
    for lado in ("demanda", "oferta"):
        ol = re.search(rf'<ol id="{lado}"[^>]*>(.*?)</ol>', html, re.S).group(1)
        assert re.findall(r'data-area="([^"]+)"', ol) == [p.area.slug for p in c.ranking(lado)]
    demanda = [p.area.slug for p in c.ranking("demanda")]
    assert demanda[:3] == ["sistemas-informacion", "gestion-migratoria", "gestion-fronteras"]  # as in the 2013 report
    assert '<table class="matriz">' in html


def test_datos_de_perfiles_y_coincidencias_con_sus_esquemas(sitio):
    for datos, esquema, clave in (("perfiles.json", "perfiles.schema.json", "perfiles"),
                                  ("coincidencias.json", "coincidencias.schema.json", "coincidencias")):
        d = json.loads((sitio / "datos" / datos).read_text(encoding="utf-8"))
        s = json.loads((sitio / "datos" / esquema).read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(s)
        assert [e.message for e in Draft202012Validator(s, format_checker=Draft202012Validator.FORMAT_CHECKER).iter_errors(d)] == []
        assert d[clave]
    coincidencias = json.loads((sitio / "datos" / "coincidencias.json").read_text(encoding="utf-8"))["coincidencias"]
    assert len(coincidencias) == len(_cooperacion(ROOT / "perfiles").coincidencias())
    for c in coincidencias:
        assert c["demanda"]["pais"] != c["oferta"]["pais"] and c["mecanismos_comunes"]
        assert set(c["mecanismos_comunes"]) <= set(c["demanda"]["mecanismos"]) & set(c["oferta"]["mecanismos"])
        assert c["area"] != "otra"
        # the practices the offering country can show: its own fichas only (the others are in fichas.json)
        assert all(f"/fichas/{c['oferta']['pais'].lower()}/" in url for url in c["fichas"])
    assert any(c["fichas"] for c in coincidencias)
    assert (sitio / "datos" / "perfiles.csv").read_text(encoding="utf-8-sig").startswith("id,url,pdf,pais_nombre,pais,institucion")


def test_paginas_de_perfil_area_pais_y_ficha(sitio):
    perfil = (sitio / "perfiles" / "arg" / "dnm" / "index.html").read_text(encoding="utf-8")
    assert "Dirección Nacional de Migraciones" in perfil and "(P4) Áreas en que estaría interesada" in perfil
    assert 'href="mailto:cooperacion-arg@example.org?cc=csmsecretariatecnica%40iom.int&amp;subject=' in perfil
    area = (sitio / "cooperacion" / "gestion-fronteras" / "index.html").read_text(encoding="utf-8")
    assert "Quién pide cooperación" in area and "Fichas relacionadas" in area and "Contactar a ambas instituciones" in area
    pais = (sitio / "paises" / "arg" / "index.html").read_text(encoding="utf-8")
    assert "Lo que ofrece y lo que pide en cooperación" in pais and "../../perfiles/arg/dnm/" in pais
    con_demanda = [p for p in (sitio / "fichas").glob("*/*/index.html") if "Demanda relacionada" in p.read_text(encoding="utf-8")]
    assert con_demanda


def test_contactar_sin_correo_va_a_la_secretaria(sitio):
    """Ecuador's demo profile gives no address: the message goes to the ST alone."""
    perfil = (sitio / "perfiles" / "ecu" / "viceministerio-movilidad-humana" / "index.html").read_text(encoding="utf-8")
    assert 'href="mailto:csmsecretariatecnica@iom.int?subject=' in perfil


def test_pdf_de_cooperacion_fechado_por_los_datos(sitio):
    from pypdf import PdfReader
    pdf = sitio / "descargas" / "cooperacion.pdf"
    texto = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)
    c = _cooperacion(ROOT / "perfiles")
    fecha = max(p.fecha for p in c.perfiles)
    from generator.publicacion.modelo import fecha_larga
    assert f"datos al {fecha_larga(fecha)}" in texto
    for titulo in ("Áreas en que se pide cooperación", "Áreas en que se ofrece cooperación", "Países y áreas",
                   "Coincidencias por área", c.ranking("demanda")[0].area.etiqueta):
        assert titulo in texto, titulo
    assert 'href="../descargas/cooperacion.pdf"' in (sitio / "cooperacion" / "index.html").read_text(encoding="utf-8")
