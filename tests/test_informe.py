"""`informe`: from a test catalogue with old dates, a dead link and a contact the key cannot open,
the ST's report per country (Markdown and a PDF with the catalogue's print look)."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from conftest import ROOT

MUERTO = "https://www.migraciones.gov.ar/no-existe-mas.pdf"


@pytest.fixture
def catalogo(tmp_path, fichas_de_prueba):
    fichas, perfiles = tmp_path / "fichas", tmp_path / "perfiles"
    shutil.copytree(fichas_de_prueba / "arg", fichas / "arg")        # encrypted to the test key
    shutil.copytree(ROOT / "fichas" / "bol", fichas / "bol")          # encrypted to the demo key only
    texto = (fichas / "arg" / "patria-grande.yml").read_text(encoding="utf-8")
    (fichas / "arg" / "patria-grande.yml").write_text(texto.replace('fecha: "2024-03-15"', 'fecha: "2019-05-02"'),
                                                      encoding="utf-8")
    shutil.copytree(ROOT / "perfiles" / "arg", perfiles / "arg")
    enlaces = tmp_path / "enlaces.json"
    enlaces.write_text(json.dumps({"fecha": "2026-11-30", "enlaces": [
        {"pais": "ARG", "ruta": "fichas/arg/patria-grande.yml", "titulo": "Patria Grande",
         "campo": "(2.9) Documentación sobre la práctica (enlaces o archivos)", "url": MUERTO,
         "estado": "roto", "detalle": "404 Not Found", "final": "", "comprobado": "2026-11-30T06:20:00+00:00"},
        {"pais": "BOL", "ruta": "fichas/bol/ley-migracion-370.yml", "titulo": "Ley 370",
         "campo": "(2.9) Documentación", "url": "https://example.org/vivo", "estado": "vivo", "detalle": "200 OK",
         "final": "", "comprobado": "2026-11-30T06:20:00+00:00"}]}), encoding="utf-8")
    return tmp_path


def _informe(catalogo, env, *extra):
    return subprocess.run([sys.executable, "-m", "generator", "informe", "--fecha", "2026-12-01",
                           "--fichas", str(catalogo / "fichas"), "--perfiles", str(catalogo / "perfiles"),
                           "--enlaces", str(catalogo / "enlaces.json"), "--salida", str(catalogo / "salida"), *extra],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_el_informe_por_pais(catalogo, env_py, clave_de_prueba):
    r = _informe(catalogo, env_py, "--clave", str(clave_de_prueba.archivo))
    assert r.returncode == 0, r.stdout + r.stderr
    md = (catalogo / "salida" / "informe.md").read_text(encoding="utf-8")
    assert md.startswith("# Informe de la Secretaría Técnica — 1 de diciembre de 2026")
    argentina = md.split("## Argentina")[1].split("\n## ")[0]
    bolivia = md.split("## Bolivia")[1].split("\n## ")[0]
    # the old ficha: past its two years, with its dead link; its contact opens with the key
    linea = next(x for x in argentina.splitlines() if "patria-grande.yml" in x)
    assert "actualizada el 2 de mayo de 2019" in linea and "**revisión pendiente** desde el 2 de mayo de 2021" in linea
    assert f"**1 enlace roto**: (2.9)  <{MUERTO}>" in linea and "la clave no abre" not in linea
    # Bolivia's ficha (2023-11-20): past two years on 2026-12-01; encrypted to another key; its live link not listed
    linea = next(x for x in bolivia.splitlines() if "ley-migracion-370.yml" in x)
    assert "**la clave no abre el contacto**" in linea and "enlace" not in linea
    # the profile (2025-03-14) is past its one year
    assert "perfiles/arg/dnm.yml`) — actualizado el 14 de marzo de 2025; **revisión pendiente** desde el 14 de marzo de 2026" in argentina
    assert "Perfiles de cooperación: ninguno." in bolivia
    resumen = md.split("## Argentina")[0]
    assert "Registros con enlaces que no funcionan: 1 (comprobados el 30 de noviembre de 2026)." in resumen
    assert "Contactos cifrados que la clave no abre: 1." in resumen
    assert "Países miembros sin fichas: " in resumen and "Chile" in resumen.split("sin fichas: ")[1].split("\n")[0]
    assert "Argentina" not in resumen.split("sin fichas: ")[1].split("\n")[0]
    assert "Bolivia" in resumen.split("sin perfil de cooperación: ")[1].split("\n")[0]
    # printable: the same in the PDF
    pdf = (catalogo / "salida" / "informe.pdf").read_bytes()
    texto = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    for esperado in ("Informe de la Secretaría Técnica", "Revisión pendiente desde el 2 de mayo de 2021",
                     "La clave no abre el contacto", "no-existe-mas.pdf", "Países miembros sin fichas"):
        assert esperado in texto, esperado


def test_sin_clave_ni_enlaces_lo_dice_y_es_el_mismo_cada_vez(catalogo, env_py):
    (catalogo / "enlaces.json").unlink()
    r = _informe(catalogo, env_py, "--sin-pdf")
    assert r.returncode == 0, r.stderr
    md = (catalogo / "salida" / "informe.md").read_text(encoding="utf-8")
    assert "no se comprobaron (make enlaces)" in md and "no se comprobó (make informe CLAVE=…)" in md
    assert not (catalogo / "salida" / "informe.pdf").exists()
    assert _informe(catalogo, env_py, "--sin-pdf").returncode == 0
    assert (catalogo / "salida" / "informe.md").read_text(encoding="utf-8") == md


def test_una_clave_que_no_existe(catalogo, env_py, tmp_path):
    r = _informe(catalogo, env_py, "--clave", str(tmp_path / "no-hay.txt"))
    assert r.returncode == 1 and "No se hizo el informe" in r.stderr and "Traceback" not in r.stderr
