"""The languages' catalogues (generator/esquema/idiomas.py): translations are data; what a
language lacks falls back to Spanish and is listed, never blank."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from generator.config import ROOT
from generator.esquema import idiomas
from generator.esquema.campos import FICHA, traducir_descripcion
from generator.esquema.mensajes import mensaje
from generator.esquema.vocabularios import etiquetas


def test_el_idioma_es_del_bloque_y_vuelve_al_espanol():
    assert idiomas.actual() == "es"
    with idiomas.en("pt"):
        assert idiomas.actual() == "pt"
        with idiomas.en("en"):
            assert idiomas.actual() == "en"
        assert idiomas.actual() == "pt"
    assert idiomas.actual() == "es"


@pytest.mark.parametrize("pedido, resultado", [("pt-BR", "pt"), ("EN_us", "en"), (None, "es"), ("xx", "es"), ("", "es")])
def test_un_idioma_sin_catalogo_escribe_espanol(pedido, resultado):
    assert idiomas.normalizar(pedido) == resultado


def test_la_interfaz_cae_al_espanol_y_una_clave_inexistente_es_un_error_del_codigo():
    with idiomas.en("en"):
        assert idiomas.t("general.cambiar_idioma") == "Change language"
    with pytest.raises(KeyError):
        idiomas.t("general.no_existe")


def test_campos_vocabularios_y_mensajes_en_otro_idioma_sin_tocar_el_espanol():
    fuente = FICHA.fuente
    traducida = traducir_descripcion(fuente, {
        "registro": {"nombre": "record"}, "secciones": {"1": "1. General profile"},
        "campos": {"pais": {"etiqueta": "Country", "faceta": {"titulo": "Country"}},
                   "periodo": {"subcampos": {"inicio": {"etiqueta": "Start year"}}}}})
    assert traducida["campos"]["pais"]["etiqueta"] == "Country"
    assert traducida["campos"]["pais"]["faceta"]["titulo"] == "Country"
    assert traducida["campos"]["periodo"]["subcampos"]["inicio"]["etiqueta"] == "Start year"
    assert traducida["secciones"][0]["titulo"] == "1. General profile"
    assert traducida["campos"]["titulo"]["etiqueta"] == fuente["campos"]["titulo"]["etiqueta"]  # lacks it: Spanish
    assert fuente["campos"]["pais"]["etiqueta"] == "País"  # the source is not touched
    with idiomas.en("xx"):  # no folder: Spanish
        assert FICHA.campos["titulo"].etiqueta == "Título de la experiencia"
        assert mensaje("vacio").startswith("está vacío")
        assert etiquetas("paises")["BRA"] == "Brasil"


def test_make_traducciones_lista_lo_que_falta(tmp_path):
    salida = subprocess.run([sys.executable, "-m", "generator", "traducciones", "pt", "--todo"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    assert "pt (Português)" in salida and "textos traducidos" in salida
    r = subprocess.run([sys.executable, "-m", "generator", "traducciones", "xx"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 2 and "schema/idiomas/<código>/idioma.yml" in r.stderr


def test_un_modelo_construido_una_vez_muestra_las_etiquetas_del_idioma_en_que_se_escribe(monkeypatch):
    from generator.esquema import vocabularios as v
    v._traducidas.cache_clear()
    monkeypatch.setattr(idiomas, "archivo", lambda codigo, nombre: {"paises": {"BRA": "Brazil"}} if (codigo, nombre) == ("en", "vocabularios") else {})
    brasil = next(t for t in v.vocabulario("paises") if t.slug == "BRA")
    try:
        assert brasil.etiqueta == "Brasil"
        with idiomas.en("en"):
            assert brasil.etiqueta == "Brazil" and brasil.nombre_corto == "Brazil"
        assert brasil.etiqueta == "Brasil"
    finally:
        v._traducidas.cache_clear()


def test_un_campo_leido_en_espanol_muestra_su_etiqueta_en_el_idioma_en_que_se_escribe(monkeypatch):
    traduccion = {"campos": {"periodo": {"etiqueta": "Period", "subcampos": {"inicio": {"etiqueta": "Start year"}}}}}
    monkeypatch.setattr(idiomas, "disponibles", lambda carpeta=None: ("es", "zz"))
    monkeypatch.setattr(idiomas, "archivo", lambda codigo, nombre: traduccion if (codigo, nombre) == ("zz", "campos") else {})
    inicio = FICHA.campos["periodo"].sub("inicio")  # read in Spanish, as the model holds it
    try:
        assert inicio.etiqueta == "Periodo de la experiencia — Año de inicio"
        with idiomas.en("zz"):
            assert inicio.etiqueta == "Period — Start year"
            assert inicio.rotulo == "Period — Start year"
            assert FICHA.campos["titulo"].etiqueta == "Título de la experiencia"  # untranslated: Spanish
        assert inicio.etiqueta == "Periodo de la experiencia — Año de inicio"
    finally:
        for clave in [k for k in FICHA._por_idioma if k[1] == "zz"]:
            del FICHA._por_idioma[clave]


def test_los_idiomas_se_leen_una_vez_mientras_dura_el_bloque(tmp_path, monkeypatch):
    """`disponibles_fijos()` (validation asks for every record): inside, the folder as it was when the
    block began; after it, the folder again."""
    carpeta = tmp_path / "idiomas"
    shutil.copytree(idiomas.IDIOMAS_DIR, carpeta)
    monkeypatch.setattr(idiomas, "IDIOMAS_DIR", carpeta)
    antes = idiomas.disponibles()
    with idiomas.disponibles_fijos():
        (carpeta / "fr").mkdir()
        (carpeta / "fr" / "idioma.yml").write_text("nombre: Français\n", encoding="utf-8")
        assert idiomas.disponibles() == antes
        with idiomas.disponibles_fijos():
            assert idiomas.disponibles() == antes
        assert idiomas.disponibles() == antes  # the inner block ends, the outer one still holds
    assert "fr" not in antes and "fr" in idiomas.disponibles()
