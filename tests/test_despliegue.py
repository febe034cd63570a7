"""A live catalogue (`demostracion: false` in catalogo.yml) refuses to build, validate, import or
encrypt while schema/destinatarios.txt holds the demonstration key, whose private half does not
exist; a demonstration catalogue says so on its forms before anyone types a contact."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT
from generator.privacidad.demostracion import CLAVE_DEMOSTRACION, problema_de_despliegue

DEMO = ROOT / "schema" / "destinatarios.txt"


def run(args, env):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_la_clave_de_demostracion_es_la_del_repositorio():
    assert CLAVE_DEMOSTRACION in DEMO.read_text(encoding="utf-8")
    assert problema_de_despliegue(True, DEMO) is None
    assert "make clave-st" in problema_de_despliegue(False, DEMO)


def test_un_catalogo_real_con_la_clave_de_demostracion_no_valida_ni_importa(env_py, tmp_path, clave_de_prueba):
    env = dict(env_py, CATALOGO_DEMOSTRACION="0", CATALOGO_DESTINATARIOS=str(DEMO))
    r = run(["validate"], env)
    assert r.returncode == 1 and "clave de demostración" in r.stderr and "make clave-st" in r.stderr
    r = run(["importar", str(ROOT / "fichas" / "arg" / "patria-grande.yml"), "--salida",
             str(tmp_path / "fichas" / "arg" / "x.yml")], env)
    assert r.returncode == 1 and "clave de demostración" in r.stderr and not (tmp_path / "fichas").exists()
    # with the ST's own key, the same live catalogue validates
    env["CATALOGO_DESTINATARIOS"] = str(clave_de_prueba.destinatarios)
    r = run(["validate"], env)
    assert r.returncode == 0, r.stdout + r.stderr


def test_un_catalogo_real_con_la_clave_de_demostracion_no_se_construye(env_py, tmp_path):
    from conftest import construir
    r = construir(ROOT / "fichas", tmp_path, dict(env_py, CATALOGO_DEMOSTRACION="0", CATALOGO_DESTINATARIOS=str(DEMO),
                                                  CATALOGO_PDF="0"))
    assert r.returncode != 0 and "clave de demostración" in r.stderr
    assert r.args[:4] == [sys.executable, "-m", "generator", "construir"]  # the first step stops
    assert not (tmp_path / "paginas").exists() and not (tmp_path / "site").exists()


def test_el_formulario_en_word_de_demostracion_lo_dice(tmp_path):
    from generator.intercambio.word import aviso_demostracion
    AVISO_DEMOSTRACION = aviso_demostracion()
    from generator.publicacion.escritura import formularios_word
    formularios = formularios_word("https://example.org/")
    import io
    import zipfile
    xml = zipfile.ZipFile(io.BytesIO(formularios["descargas/ficha-tecnica.docx"])).read("word/document.xml").decode()
    assert AVISO_DEMOSTRACION in xml and xml.index(AVISO_DEMOSTRACION) < xml.index("<w:tbl>")  # on the cover, before any field


def test_el_formulario_del_sitio_de_demostracion_lo_dice_antes_del_contacto(sitio):
    html = (sitio / "proponer" / "index.html").read_text(encoding="utf-8")
    assert 'id="proponer-demostracion"' in html and "Catálogo de demostración" in html
    assert html.index('id="proponer-demostracion"') < html.index('id="proponer-form"')  # before any field
