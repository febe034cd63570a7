"""Property-based: random mutations of a valid ficha never crash the validator,
and a text over its word limit is never accepted."""
from __future__ import annotations

import json
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT
from generator.validacion.resultado import RegistroLeido
from generator.validacion.validar import validar_ficha

BASE = yaml.safe_load((ROOT / "tests/casos/validas/fichas/arg/minima.yml").read_text(encoding="utf-8"))
SCHEMA = json.loads((ROOT / "schema/ficha.schema.json").read_text(encoding="utf-8"))
LIMITES = {k: p["x-max-palabras"] for k, p in SCHEMA["properties"].items() if "x-max-palabras" in p}
RAIZ = ROOT / "tests" / "casos" / "validas" / "fichas"

escalares = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                      st.text(max_size=50))
valores = st.recursive(escalares, lambda hijos: st.one_of(
    st.lists(hijos, max_size=4), st.dictionaries(st.text(max_size=10), hijos, max_size=4)), max_leaves=10)


def validar_texto(raw: bytes) -> RegistroLeido:
    ficha = RegistroLeido(RAIZ / "arg" / "prueba.yml", "fichas/arg/prueba.yml", "arg", "prueba")
    validar_ficha(ficha, raw, RAIZ)
    return ficha


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(clave=st.sampled_from(sorted(SCHEMA["properties"]) + ["resmen", "extra"]), valor=valores)
def test_mutar_un_campo_nunca_rompe_el_validador(clave, valor):
    ficha = dict(BASE, **{clave: valor})
    ficha = validar_texto(yaml.safe_dump(ficha, allow_unicode=True).encode())
    for p in ficha.problemas:
        assert p.linea >= 1 and p.columna >= 1 and p.texto


@settings(max_examples=150, deadline=None)
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode()))
def test_bytes_cualesquiera_nunca_rompen_el_validador(raw):
    ficha = validar_texto(raw)
    assert ficha.problemas or isinstance(ficha.data, dict)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_yaml_real_mutado_nunca_rompe(data):
    texto = (ROOT / "fichas/arg/patria-grande.yml").read_text(encoding="utf-8")
    pos = data.draw(st.integers(0, len(texto)))
    insercion = data.draw(st.sampled_from([":", "\t", "- ", "#", "&a ", "*a", "\"", "'", "\n  ", "{", "[", "!!int ", "\x00", "---\n"]))
    validar_texto((texto[:pos] + insercion + texto[pos:]).encode())


@settings(max_examples=80, deadline=None)
@given(clave=st.sampled_from(sorted(LIMITES)), extra=st.integers(1, 40),
       separador=st.sampled_from([" ", "\n", "  ", "\t", " \n\n "]),
       palabra=st.text(alphabet=st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc", "Cs")), min_size=1, max_size=8))
def test_texto_sobre_el_limite_nunca_se_acepta(clave, extra, separador, palabra):
    limite = LIMITES[clave]
    texto = separador.join([palabra] * (limite + extra))
    if len(texto.split()) <= limite:  # the alphabet may hold separators python knows about
        return
    ficha = dict(BASE, **{clave: texto})
    resultado = validar_texto(yaml.safe_dump(ficha, allow_unicode=True).encode())
    assert resultado.problemas, f"{clave} con {len(texto.split())} palabras fue aceptado"
    assert any(p.campo.startswith(SCHEMA["properties"][clave]["title"]) for p in resultado.problemas)
