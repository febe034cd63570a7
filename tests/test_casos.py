"""Data-driven: every folder under tests/casos/invalidas/ is one rule.

Each holds `fichas/` (the bad ficha, laid out as <país>/<slug>.yml) and
`esperado.txt`, the exact lines the validator must print. Adding a rule's
example is adding a folder.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CASOS, ROOT, casos_invalidos, casos_perfiles_invalidos, leer_esperado
from generator.esquema.campos import PERFIL
from generator.validacion.validar import validar


@pytest.mark.parametrize("caso", casos_invalidos(), ids=lambda p: p.name)
def test_caso_invalido_da_el_mensaje_exacto(caso: Path, monkeypatch):
    _, esperado = leer_esperado(caso)
    assert esperado, f"{caso.name}: esperado.txt no lista ningún mensaje"
    monkeypatch.chdir(caso)
    res = validar(Path("fichas"))
    assert not res.ok
    assert [str(p) for p in res.problemas] == esperado


@pytest.mark.parametrize("caso", casos_perfiles_invalidos(), ids=lambda p: p.name)
def test_perfil_invalido_da_el_mensaje_exacto(caso: Path, monkeypatch):
    _, esperado = leer_esperado(caso)
    assert esperado, f"{caso.name}: esperado.txt no lista ningún mensaje"
    monkeypatch.chdir(caso)
    res = validar(Path("perfiles"), PERFIL)
    assert not res.ok
    assert [str(p) for p in res.problemas] == esperado


def test_hay_un_caso_por_regla_del_perfil():
    """The profile's own rules: its required fields, word limits, «otra área» conditions, the
    demand-or-offer rule, and the shared ones (template text, e-mails, controls, dates)."""
    nombres = {p.name for p in casos_perfiles_invalidos()}
    reglas = {"falta-obligatorio", "palabras-maximo", "area-otra-falta", "area-otra-sobra", "sin-demanda-ni-oferta",
              "plantilla-sin-completar", "email-invalido", "email-personal-en-texto", "caracter-de-control",
              "fecha-formato", "mecanismos-vacio", "elementos-repetidos", "area-repetida"}
    assert reglas <= nombres, f"faltan casos: {sorted(reglas - nombres)}"


def test_hay_un_caso_por_regla_del_contrato():
    nombres = {p.name for p in casos_invalidos()}
    reglas = {
        "yaml-dos-puntos", "yaml-tabulador", "archivo-vacio", "no-es-mapeo", "no-utf8",
        "clave-repetida", "valor-convertido-hora", "valor-convertido-no", "ancla-alias",
        "clave-desconocida", "falta-obligatorio", "palabras-resumen", "palabras-titulo",
        "caracteres-maximo", "tema-invalido", "pais-invalido", "tema-otro-falta", "tema-otro-sobra",
        "nivel-otro-falta", "transferencia-otro-falta", "sin-documentacion-combinada",
        "valores-repetidos", "url-invalida", "email-invalido", "fecha-formato", "producto-tipo",
        "producto-sin-enlace", "producto-url-y-archivo", "carpeta-pais", "identidad-duplicada",
        "archivo-inexistente", "archivo-fuera", "periodo-invertido", "plantilla-sin-completar",
        "demasiado-grande", "varios-documentos",
    }
    assert reglas <= nombres, f"faltan casos: {sorted(reglas - nombres)}"


@pytest.mark.parametrize("carpeta", [CASOS / "validas" / "fichas", ROOT / "fichas"], ids=["ejemplos", "demostracion"])
def test_fichas_validas_no_dan_errores(carpeta: Path):
    res = validar(carpeta)
    assert [str(p) for p in res.problemas] == []
    assert res.ok and len(res.fichas) >= 3


def test_los_mensajes_dicen_que_hacer():
    """Every expected message ends with an instruction, not only a diagnosis."""
    verbos = ("Acorte", "Agregue", "Escriba", "Use", "Corrija", "Borre", "Deje", "Guarde", "Mueva",
              "Cambie", "Complete", "Reemplace", "Elija", "Alinee", "Revise", "Reemplácelo", "Agréguelo",
              "Bórrela", "Comience", "quite", "Copie", "escríbalo", "reemplace", "escriba", "Escríbalo",
              "Cifre", "Vuelva a cifrar", "bórrelo", "sangre", "empiécela", "Bórrelas", "borre", "Abra", "Convierta",
              "Adjunte", "Bórrelo", "Complételo")
    for caso in casos_invalidos() + casos_perfiles_invalidos():
        for line in leer_esperado(caso)[1]:
            assert any(v in line for v in verbos), f"{caso.name}: {line}"
