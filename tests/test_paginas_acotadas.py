"""Pages that would grow with the whole catalogue show a part of it and lead to the rest: a theme's
or a category's index page its newest fichas and the explorer, filtered; an area of cooperation its
first related fichas and the index pages of its themes. A country's page lists every ficha (the way
to each of them without the explorer)."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from generator.esquema.campos import PERFIL
from generator.publicacion import paginas as modulo
from generator.publicacion.modelo import desde_lectura
from generator.publicacion.paginas import DIMENSIONES, Paginas
from generator.validacion.validar import validar

SITIO, REPO = "https://catalogo.example.org/", "https://github.com/x/y"


@pytest.fixture(scope="module")
def p():
    fichas, perfiles = validar(ROOT / "fichas"), validar(ROOT / "perfiles", PERFIL)
    return Paginas([desde_lectura(f) for f in fichas.fichas], lambda d: None, SITIO, REPO,
                   [desde_lectura(x) for x in perfiles.fichas])


def _tarjetas(html: str) -> list[str]:
    return re.findall(r'<a class="tarjeta-titulo" href="[^"]*?(fichas/[^"]+)"', html)


def test_un_tema_muestra_las_mas_recientes_y_el_explorador_todas(p, monkeypatch):
    monkeypatch.setattr(modulo, "TARJETAS_POR_INDICE", 2)
    temas = DIMENSIONES[1]
    por = p.por_termino(temas)
    t = next(t for t in temas.terminos() if len(por[t.slug]) > 2)
    html = p.indice(temas, t, por[t.slug])
    assert _tarjetas(html) == [f.url for f in por[t.slug][:2]]  # the newest first (the catalogue's order)
    assert f"{len(por[t.slug])} fichas" in html and "Se muestran las 2 más recientes de" in html
    assert f'explorar/?{temas.filtro}={t.slug}">Ver todas en el explorador</a>' in html


def test_un_pais_muestra_todas_sus_fichas(p, monkeypatch):
    monkeypatch.setattr(modulo, "TARJETAS_POR_INDICE", 1)
    paises = DIMENSIONES[0]
    por = p.por_termino(paises)
    t = max(paises.terminos(), key=lambda t: len(por[t.slug]))
    assert len(por[t.slug]) > 1
    html = p.indice(paises, t, por[t.slug])
    assert len(_tarjetas(html)) == len(por[t.slug]) and "ver-todas" not in html


def test_un_area_muestra_sus_primeras_fichas_y_los_temas_que_la_definen(p, monkeypatch):
    monkeypatch.setattr(modulo, "FICHAS_POR_AREA", 1)
    area = max((a for a in p.cooperacion.areas if a.slug != "otra"), key=lambda a: len(p.cooperacion.fichas_de_area(a)))
    todas = p.cooperacion.fichas_de_area(area)
    assert len(todas) > 1
    html = p.cooperacion_area(area)
    assert _tarjetas(html) == [todas[0].url]
    assert f"Se muestran 1 de las {len(todas)} fichas relacionadas" in html
    for tema in area.extra["temas"]:
        assert f'href="../../temas/{tema}/"' in html
