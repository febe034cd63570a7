"""The languages' catalogues (generator/esquema/idiomas.py): translations are data; what a
language lacks falls back to Spanish and is listed, never blank."""
from __future__ import annotations

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
