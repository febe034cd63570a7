"""The committed schema is generated, complete and enforces word limits by itself."""
from __future__ import annotations

import json
import re

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import ROOT
from generator.esquema import generar as schemagen
from generator.esquema import vocabularios as vocab
from generator.esquema.generar import patron_palabras, texto_esquema

SCHEMA = json.loads((ROOT / "schema" / "ficha.schema.json").read_text(encoding="utf-8"))
CONTRATO_LIMITES = {"titulo": 30, "antecedentes": 160, "resumen": 200, "resultados": 150,
                    "factores_exito": 150, "otras_consideraciones": 150}


def test_el_esquema_confirmado_esta_al_dia():
    assert (ROOT / "schema" / "ficha.schema.json").read_text(encoding="utf-8") == texto_esquema(), \
        "schema/ficha.schema.json está desactualizado: ejecute «make schema»"


def test_es_un_esquema_2020_12_valido():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_cada_campo_lleva_numero_etiqueta_e_instruccion_del_formulario():
    props = SCHEMA["properties"]
    assert props["resumen"]["title"] == "(2.2) Resumen de la experiencia"
    assert props["pais"]["title"] == "(1.1) País"
    for clave, p in props.items():
        assert p.get("title") and p.get("description"), clave
    numerados = [k for k in props if k not in ("fecha", "idioma", "traducciones", "periodo", "demostracion")]
    for clave in numerados:
        assert re.match(r"^\(\d\.\d+\) ", props[clave]["title"]), clave


@pytest.mark.parametrize("clave,limite", sorted(CONTRATO_LIMITES.items()))
def test_limites_de_palabras_del_contrato(clave, limite):
    p = SCHEMA["properties"][clave]
    assert p["x-max-palabras"] == limite
    patron = re.compile(p["pattern"])
    ok = " ".join(["palabra"] * limite)
    assert patron.search(ok) and patron.search("  " + ok.replace(" ", "\n\n", 3) + "\n")
    assert not patron.search(ok + " otra")
    assert not patron.search("   ")


def test_palabras_se_cuentan_como_un_procesador_de_textos():
    patron = re.compile(patron_palabras(4))
    assert patron.search("Ley 25.871 — Argentina")
    assert not patron.search("Ley 25.871 — Argentina hoy")


def test_el_patron_es_rapido_con_textos_enormes():
    import time
    patron = re.compile(SCHEMA["properties"]["resumen"]["pattern"])
    texto = " ".join(["palabra"] * 5000)
    t0 = time.perf_counter()
    assert not patron.search(texto)
    # a catastrophic-backtracking pattern takes minutes here; a linear one milliseconds
    assert time.perf_counter() - t0 < 1.0


def test_vocabularios_salen_del_archivo_unico():
    temas = [t.slug for t in vocab.vocabulario("temas")]
    assert SCHEMA["properties"]["temas"]["items"]["enum"] == temas
    assert "otro" in temas
    paises = SCHEMA["properties"]["pais"]["enum"]
    assert paises[:12] == ["ARG", "BOL", "BRA", "CHL", "COL", "ECU", "GUY", "PRY", "PER", "SUR", "URY", "VEN"]
    assert len(paises) == 35


def test_agregar_un_tema_es_cambiar_un_archivo(tmp_path, monkeypatch):
    """A new theme in vocabularios.yml reaches the schema and the validator."""
    data = yaml.safe_load(vocab.VOCAB_PATH.read_text(encoding="utf-8"))
    data["temas"].insert(-1, {"slug": "trata-de-personas", "etiqueta": "Prevención de la trata de personas"})
    nuevo = tmp_path / "vocabularios.yml"
    nuevo.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(vocab, "VOCAB_PATH", nuevo)
    vocab.vocabularios.cache_clear()
    vocab._etiquetas.cache_clear()
    try:
        schema = schemagen.construir_esquema()
        assert "trata-de-personas" in schema["properties"]["temas"]["items"]["enum"]
        ficha = yaml.safe_load((ROOT / "tests/casos/validas/fichas/arg/minima.yml").read_text(encoding="utf-8"))
        ficha["temas"] = ["trata-de-personas"]
        assert Draft202012Validator(schema).is_valid(ficha)
        assert not Draft202012Validator(SCHEMA).is_valid(ficha)
    finally:
        vocab.vocabularios.cache_clear()
        vocab._etiquetas.cache_clear()


def test_modeline_del_editor_apunta_al_esquema():
    for ficha in sorted((ROOT / "fichas").glob("*/*.yml")):
        first = ficha.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schema/ficha.schema.json", ficha
        assert (ficha.parent / "../../schema/ficha.schema.json").resolve().exists()


def test_mensajes_para_el_editor_en_espanol():
    assert SCHEMA["properties"]["resumen"]["patternErrorMessage"].startswith("(2.2) Resumen de la experiencia:")
    for cond in SCHEMA["allOf"]:
        for rama in ("then", "else"):
            if rama in cond:
                assert cond[rama]["errorMessage"].startswith("(1.")
