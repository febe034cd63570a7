"""schema/campos.yml is the only place a field is described.

On a temporary copy of the repository, one optional field is added and one label renamed in
campos.yml; after `python -m generator schema` alone, the new field is validated with its
limit, named in the messages, shown on the page and in the PDF under its number and label,
exported in JSON and CSV, and offered in the site's form and the GitHub issue form; the
renamed label is the one everywhere.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import textwrap

import pytest
import yaml

from conftest import ROOT

NUEVO = "".join("  " + linea + "\n" for linea in (
    "evaluacion:",
    '  numero: "2.10"',
    "  tipo: texto",
    "  etiqueta: Evaluación de impacto",
    "  instruccion: Indique si la experiencia fue evaluada y con qué resultados.",
    "  max_palabras: 100",
))
ETIQUETA_NUEVA = "(2.10) Evaluación de impacto"
RESUMEN_VIEJO, RESUMEN_NUEVO = "Resumen de la experiencia", "Síntesis de la experiencia"
TEXTO = "La evaluación externa de 2012 midió un aumento sostenido de la regularización."

SONDA = textwrap.dedent("""\
    import csv, io, json, sys
    from pathlib import Path
    from generator.validacion.validar import validar
    from generator.publicacion.modelo import desde_lectura
    from generator.publicacion.escritura import contenidos
    from generator.publicacion.pdf import html_ficha
    from generator.config import leer_configuracion
    config = leer_configuracion()
    res = validar(Path("fichas"))
    assert res.ok, [str(p) for p in res.problemas]
    fichas = [desde_lectura(f) for f in res.fichas]
    paginas = contenidos(fichas, sitio_url=config.sitio_url, repo_url=config.repositorio)
    f = next(f for f in fichas if f.id == "arg/patria-grande")
    html = html_ficha(f, "https://example.org/")
    from weasyprint import HTML
    HTML(string=html).write_pdf("ficha.pdf")
    json.dump({"pagina": paginas["fichas/arg/patria-grande/index.md"], "impresion": html,
               "json": paginas["datos/fichas.json"], "csv": paginas["datos/fichas.csv"],
               "proponer": paginas["proponer/index.md"], "datos": paginas["datos/index.md"],
               "contribuir": paginas["contribuir/index.md"], "plantilla": paginas["contribuir/plantilla-ficha.yml"]},
              sys.stdout, ensure_ascii=False)
""")


def _copia(destino):
    ignorar = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "build", ".cache", "__pycache__",
                                     ".pytest_cache", ".hypothesis")
    shutil.copytree(ROOT, destino, ignore=ignorar)
    return destino


def _py(copia, *args, entrada=None):
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(copia), "HOME": str(copia)}
    return subprocess.run([sys.executable, *args], cwd=copia, env=env, capture_output=True, text=True,
                          timeout=300, input=entrada)


@pytest.fixture(scope="module")
def copia(tmp_path_factory):
    copia = _copia(tmp_path_factory.mktemp("repo") / "catalogo")
    campos = copia / "schema" / "campos.yml"
    texto = campos.read_text(encoding="utf-8")
    assert "\n  fecha:\n" in texto
    texto = texto.replace("\n  fecha:\n", "\n" + NUEVO + "  fecha:\n", 1)
    texto = texto.replace(f"etiqueta: {RESUMEN_VIEJO}\n", f"etiqueta: {RESUMEN_NUEVO}\n", 1)
    campos.write_text(texto, encoding="utf-8")
    r = _py(copia, "-m", "generator", "schema")
    assert r.returncode == 0, r.stdout + r.stderr
    ficha = copia / "fichas" / "arg" / "patria-grande.yml"
    ficha.write_text(ficha.read_text(encoding="utf-8") + f"evaluacion: {TEXTO}\n", encoding="utf-8")
    return copia


@pytest.fixture(scope="module")
def salida(copia):
    r = _py(copia, "-c", SONDA)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_el_campo_nuevo_se_valida_con_su_limite_y_su_nombre(copia):
    mala = copia / "otras" / "arg" / "larga.yml"
    mala.parent.mkdir(parents=True)
    texto = (copia / "fichas" / "arg" / "patria-grande.yml").read_text(encoding="utf-8")
    mala.write_text(texto.replace(f"evaluacion: {TEXTO}", "evaluacion: " + "palabra " * 101), encoding="utf-8")
    r = _py(copia, "-m", "generator", "validate", "otras")
    assert r.returncode == 1
    assert f"{ETIQUETA_NUEVA}: 101 palabras; el máximo es 100. Acorte el texto." in r.stdout


def test_el_campo_nuevo_se_muestra_en_la_pagina_y_en_el_pdf(copia, salida):
    assert f"<h3>{ETIQUETA_NUEVA}</h3>\n<p>{TEXTO}</p>" in salida["pagina"]
    assert f"<h3>{ETIQUETA_NUEVA}</h3>" in salida["impresion"]
    from pypdf import PdfReader
    texto_pdf = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(copia / "ficha.pdf").pages)
    assert ETIQUETA_NUEVA in texto_pdf
    assert TEXTO in texto_pdf


def test_el_campo_nuevo_se_exporta_en_json_y_csv(salida):
    registros = json.loads(salida["json"])["fichas"]
    arg = next(r for r in registros if r["id"] == "arg/patria-grande")
    assert arg["evaluacion"] == TEXTO
    assert all("evaluacion" in r for r in registros)  # null where absent, never missing
    filas = list(csv.DictReader(io.StringIO(salida["csv"].lstrip("\ufeff"))))
    assert next(f for f in filas if f["id"] == "arg/patria-grande")["evaluacion"] == TEXTO
    assert "<code>evaluacion</code></td><td>" + ETIQUETA_NUEVA in salida["datos"]


def test_el_campo_nuevo_esta_en_los_formularios(copia, salida):
    assert ETIQUETA_NUEVA in salida["proponer"]  # the form is built from the schema inlined in its page
    formulario = yaml.safe_load((copia / ".github" / "ISSUE_TEMPLATE" / "proponer-ficha.yml").read_text(encoding="utf-8"))
    campo = next(c for c in formulario["body"] if c.get("id") == "evaluacion")
    assert campo["attributes"]["label"] == ETIQUETA_NUEVA
    assert "Máximo 100 palabras." in campo["attributes"]["description"]
    assert "evaluacion:" in salida["plantilla"]
    assert ETIQUETA_NUEVA in salida["contribuir"]


def test_una_etiqueta_renombrada_cambia_en_todas_partes(copia, salida):
    nuevo, viejo = f"(2.2) {RESUMEN_NUEVO}", f"(2.2) {RESUMEN_VIEJO}"
    esquema = json.loads((copia / "schema" / "ficha.schema.json").read_text(encoding="utf-8"))
    assert esquema["properties"]["resumen"]["title"] == nuevo
    formulario = (copia / ".github" / "ISSUE_TEMPLATE" / "proponer-ficha.yml").read_text(encoding="utf-8")
    for texto in (salida["pagina"], salida["impresion"], salida["proponer"], salida["datos"], formulario):
        assert nuevo in texto
        assert viejo not in texto
    r = _py(copia, "-m", "generator", "validate", "fichas")
    assert r.returncode == 0, r.stdout
    mala = copia / "otras2" / "arg" / "x.yml"
    mala.parent.mkdir(parents=True)
    datos = yaml.safe_load((copia / "fichas" / "arg" / "patria-grande.yml").read_text(encoding="utf-8"))
    del datos["resumen"]
    datos["fecha"] = str(datos["fecha"])
    mala.write_text(yaml.safe_dump(datos, allow_unicode=True, sort_keys=False), encoding="utf-8")
    r = _py(copia, "-m", "generator", "validate", "otras2")
    assert f"{nuevo}: falta este campo obligatorio. Complételo (en el archivo, la clave «resumen:»)." in r.stdout
