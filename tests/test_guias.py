"""Guides where each reader looks: /contribuir/ speaks to focal points (routes without an account
first, then what makes a ficha publishable, in the form's words, with an example); the ST's work
is in GUIA-ST.md in the repository, not on the site."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, URLS
from generator.publicacion.escritura import contenidos
from generator.publicacion.modelo import desde_lectura
from generator.validacion.validar import validar


@pytest.fixture(scope="module")
def contribuir():
    res = validar(ROOT / "fichas")
    return contenidos([desde_lectura(f) for f in res.fichas], **URLS)["contribuir/index.md"]


def test_contribuir_pone_primero_los_caminos_sin_cuenta_y_luego_los_criterios(contribuir):
    orden = [contribuir.index(x) for x in ('id="formulario"', 'id="word"', 'id="criterios"', 'id="github"', 'id="campos"')]
    assert orden == sorted(orden)
    assert "puntos focales de los países" in contribuir[:contribuir.index('id="formulario"')]


def test_los_criterios_hablan_con_las_palabras_del_formulario_y_tienen_un_ejemplo(contribuir):
    criterios = contribuir[contribuir.index('id="criterios"'):contribuir.index('id="antes"')]
    for rotulo in ("(1.2) Título de la experiencia", "(1.5) Entidad responsable", "(2.1) Antecedentes",
                   "(2.2) Resumen de la experiencia", "(2.3) Resultados logrados", "(2.4) Cifras relevantes/destacadas",
                   "(2.5) Productos", "(2.9) Documentación sobre la práctica",
                   "(1.11) Características de las necesidades para la transferencia a otro país", "(1.12) Persona de contacto"):
        assert rotulo in criterios, rotulo
    assert "Por completar:" in criterios and "Publicable:" in criterios
    despues = contribuir[contribuir.index('id="despues"'):contribuir.index('id="criterios"')]
    assert "Cada 2 años" in despues and "cada 1 año" in despues   # from catalogo.yml «revision»


def test_contribuir_no_lleva_las_tareas_de_la_secretaria_ni_de_quien_programa(contribuir):
    # the template file shown on the page speaks for itself (its comments name «make cifrar»)
    texto = contribuir[:contribuir.index('id="plantilla"')] + contribuir[contribuir.index("</details>"):]
    for orden in ("make importar", "make recibir", "make exportar", "make enlaces", "make informe", "make nueva",
                  "make cifrar", "git clone", 'id="secretaria"', 'id="local"'):
        assert orden not in texto, orden


def test_la_guia_de_la_secretaria_vive_en_el_repositorio():
    guia = (ROOT / "GUIA-ST.md").read_text(encoding="utf-8")
    pasos = [guia.index(x) for x in ("make clave-st", "make recibir ARCHIVO=", "criterios de publicación",
                                     "make exportar FICHA=", "make enlaces", "make informe")]
    assert pasos == sorted(pasos)
    assert "/contribuir/#criterios" in guia and "enlaces-rotos" in guia
    assert "GUIA-ST.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    # the reply to a sender points at the criteria the site publishes
    from generator.secretaria import respuesta
    assert "contribuir/#criterios" in (ROOT / "generator/secretaria/respuesta.py").read_text(encoding="utf-8")
    assert respuesta
    # every `make X` the guide names exists
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for objetivo in set(re.findall(r"make ([a-z-]+)", guia)):
        assert re.search(rf"^{objetivo}:", makefile, re.M), objetivo
