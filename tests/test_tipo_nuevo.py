"""A new kind of field is one class: generator/esquema/tipos/ plus its entry in campos.yml.

On a temporary copy of the repository, a number with a unit (`numero_con_unidad`,
«(2.10) Personas atendidas: 1200 personas») is added as ONE new module in
generator/esquema/tipos/ and ONE entry in schema/campos.yml; after `python -m generator
schema` alone, it is validated, shown on the page and in the PDF with its unit, exported in
JSON and CSV, written in the Word form and read back by `importar`, offered in the GitHub
issue form, and carried with its hint in the schema the browser form receives.
"""
from __future__ import annotations

import csv
import io
import json
import textwrap

import pytest
import yaml

from test_una_descripcion import _copia, _py

CLASE = textwrap.dedent('''\
    """A count with its unit: «(2.10) Personas atendidas: 1200 personas»."""
    from __future__ import annotations

    import re

    from markupsafe import escape

    from generator.esquema.tipos.base import TipoDeCampo, base


    class NumeroConUnidad(TipoDeCampo):
        nombre = "numero_con_unidad"
        atributos = frozenset({"unidad"})

        def esquema(self, c) -> dict:
            return base(c) | {"type": "integer", "minimum": 0, "x-unidad": c.propio("unidad")}

        def html(self, v, f, raiz, sitio_url, modo):
            return escape(f"{v.valor} {v.campo.propio('unidad')}")

        def como_se_responde(self, c) -> str:
            return f"Escriba la cantidad de {c.propio('unidad')}, en cifras."

        def desde_texto(self, c, texto, leer):
            cifras = texto.replace(c.propio("unidad"), "").replace(".", "").strip()
            return int(cifras) if re.fullmatch(r"[0-9]+", cifras) else texto.strip()

        def entrada_github(self, c):
            return "input"
''')
ENTRADA = "".join("  " + linea + "\n" for linea in (
    "personas_atendidas:",
    '  numero: "2.10"',
    "  tipo: numero_con_unidad",
    "  unidad: personas",
    "  etiqueta: Personas atendidas",
    "  instruccion: Indique cuántas personas atendió la experiencia.",
))
ROTULO = "(2.10) Personas atendidas"

SONDA = textwrap.dedent("""\
    import json, sys
    from pathlib import Path
    from generator.validacion.validar import validar
    from generator.publicacion.modelo import desde_lectura
    from generator.publicacion.escritura import contenidos
    from generator.publicacion.pdf import html_ficha
    res = validar(Path("fichas"))
    assert res.ok, [str(p) for p in res.problemas]
    fichas = [desde_lectura(f) for f in res.fichas]
    paginas = contenidos(fichas, sitio_url="https://example.org/", repo_url="https://github.com/csm/catalogo")
    f = next(f for f in fichas if f.id == "arg/patria-grande")
    html = html_ficha(f, "https://example.org/")
    from weasyprint import HTML
    HTML(string=html).write_pdf("ficha.pdf")
    json.dump({"pagina": paginas["fichas/arg/patria-grande/index.md"], "impresion": html,
               "json": paginas["datos/fichas.json"], "csv": paginas["datos/fichas.csv"],
               "proponer": paginas["proponer/index.md"]}, sys.stdout, ensure_ascii=False)
""")


@pytest.fixture(scope="module")
def copia(tmp_path_factory):
    copia = _copia(tmp_path_factory.mktemp("repo") / "catalogo")
    (copia / "generator" / "esquema" / "tipos" / "numero_con_unidad.py").write_text(CLASE, encoding="utf-8")
    campos = copia / "schema" / "campos.yml"
    texto = campos.read_text(encoding="utf-8")
    assert "\n  fecha:\n" in texto
    campos.write_text(texto.replace("\n  fecha:\n", "\n" + ENTRADA + "  fecha:\n", 1), encoding="utf-8")
    r = _py(copia, "-m", "generator", "schema")
    assert r.returncode == 0, r.stdout + r.stderr
    ficha = copia / "fichas" / "arg" / "patria-grande.yml"
    ficha.write_text(ficha.read_text(encoding="utf-8") + "personas_atendidas: 1200\n", encoding="utf-8")
    return copia


@pytest.fixture(scope="module")
def salida(copia):
    r = _py(copia, "-c", SONDA)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_el_tipo_nuevo_llega_al_esquema_y_se_valida(copia):
    esquema = json.loads((copia / "schema" / "ficha.schema.json").read_text(encoding="utf-8"))
    p = esquema["properties"]["personas_atendidas"]
    assert (p["type"], p["minimum"], p["x-unidad"], p["title"]) == ("integer", 0, "personas", ROTULO)
    mala = copia / "otras" / "arg" / "mala.yml"
    mala.parent.mkdir(parents=True)
    texto = (copia / "fichas" / "arg" / "patria-grande.yml").read_text(encoding="utf-8")
    mala.write_text(texto.replace("personas_atendidas: 1200", "personas_atendidas: muchas"), encoding="utf-8")
    r = _py(copia, "-m", "generator", "validate", "otras")
    assert r.returncode == 1
    assert ROTULO in r.stdout and "Traceback" not in r.stdout + r.stderr


def test_el_tipo_nuevo_se_muestra_con_su_unidad_en_la_pagina_y_en_el_pdf(copia, salida):
    assert f"<h3>{ROTULO}</h3>\n1200 personas" in salida["pagina"]
    assert ROTULO in salida["impresion"] and "1200 personas" in salida["impresion"]
    from pypdf import PdfReader
    texto_pdf = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(copia / "ficha.pdf").pages)
    assert ROTULO in texto_pdf
    assert "1200 personas" in texto_pdf


def test_el_tipo_nuevo_se_exporta_en_json_y_csv(salida):
    registros = json.loads(salida["json"])["fichas"]
    assert next(r for r in registros if r["id"] == "arg/patria-grande")["personas_atendidas"] == 1200
    assert all("personas_atendidas" in r for r in registros)  # null where absent, never missing
    filas = list(csv.DictReader(io.StringIO(salida["csv"].lstrip("\ufeff"))))
    assert next(f for f in filas if f["id"] == "arg/patria-grande")["personas_atendidas"] == "1200"


def test_el_formulario_del_navegador_recibe_el_campo_y_su_unidad(salida):
    assert '"personas_atendidas":{' in salida["proponer"]
    assert '"x-unidad":"personas"' in salida["proponer"]


def test_el_formulario_de_github_lo_pide_en_una_linea(copia):
    form = yaml.safe_load((copia / ".github" / "ISSUE_TEMPLATE" / "proponer-ficha.yml").read_text(encoding="utf-8"))
    campo = next(x for x in form["body"] if x.get("id") == "personas_atendidas")
    assert campo["type"] == "input" and campo["attributes"]["label"] == ROTULO


def test_el_tipo_nuevo_va_al_word_y_vuelve_con_importar(copia):
    docx = copia / "patria-grande.docx"
    r = _py(copia, "-m", "generator", "exportar", "fichas/arg/patria-grande.yml", str(docx))
    assert r.returncode == 0, r.stdout + r.stderr
    from docx import Document
    textos = [c.text for t in Document(docx).tables for fila in t.rows for c in fila.cells]
    assert any(t.startswith(ROTULO) and "Escriba la cantidad de personas, en cifras." in t for t in textos)
    assert "1200" in textos
    ficha = copia / "fichas" / "arg" / "patria-grande.yml"
    ficha.write_text(ficha.read_text(encoding="utf-8").replace("personas_atendidas: 1200\n", ""), encoding="utf-8")
    r = _py(copia, "-m", "generator", "importar", str(docx), "--reemplazar")
    assert r.returncode == 0, r.stdout + r.stderr
    assert yaml.safe_load(ficha.read_text(encoding="utf-8"))["personas_atendidas"] == 1200
