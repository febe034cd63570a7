"""The demonstration content covers the whole form, as issue #2 asks."""
from __future__ import annotations

from collections import Counter

import pytest

from conftest import ROOT
from generator.esquema import vocabularios as vocab
from generator.validacion.validar import validar


@pytest.fixture(scope="module")
def fichas():
    res = validar(ROOT / "fichas")
    assert res.ok
    return [f.data for f in res.fichas]


def test_una_por_miembro_de_la_csm(fichas):
    miembros = {t.slug for t in vocab.vocabulario("paises") if t.extra.get("csm")}
    assert len(miembros) == 12
    assert miembros <= {f["pais"] for f in fichas}


@pytest.mark.parametrize("campo,vocabulario", [
    ("temas", "temas"), ("categorias", "categorias"), ("nivel_territorial", "niveles_territoriales"),
    ("transferencia", "transferencia"), ("documentacion", "documentacion"),
])
def test_cubren_cada_valor_del_vocabulario(fichas, campo, vocabulario):
    usados = {v for f in fichas for v in f[campo]}
    assert {t.slug for t in vocab.vocabulario(vocabulario)} <= usados


def test_idiomas_y_marca_de_demostracion(fichas):
    idiomas = Counter(f.get("idioma", "es") for f in fichas)
    assert idiomas["pt"] >= 2 and idiomas["en"] >= 2
    assert all(f.get("demostracion") is True for f in fichas)
