"""The optional «traducciones» field (issue 25): a record's title and summary in other languages,
keyed by the «idiomas» vocabulary's codes, with the word limits of what they translate; validated
in the record's language, exported in JSON and CSV, and read by the model as
`Registro.traduccion(código)`."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from generator.config import ROOT
from generator.esquema.campos import FICHA
from generator.publicacion.datos import esquema_exportacion, exportar_csv, registro
from generator.publicacion.modelo import desde_lectura
from generator.validacion.validar import schema, validar

GUY = ROOT / "fichas" / "guy" / "border-registration.yml"   # idioma: en, with a Spanish translation
BRA = ROOT / "fichas" / "bra" / "comigrar.yml"              # idioma: pt, translated into es and en


def _copia(tmp_path: Path, origen: Path, pais: str, cambio=lambda s: s) -> Path:
    destino = tmp_path / "fichas" / pais / origen.name
    destino.parent.mkdir(parents=True)
    destino.write_text(cambio(origen.read_text(encoding="utf-8")), encoding="utf-8")
    return destino.parent.parent


def _sin_traducciones(texto: str) -> str:
    return re.sub(r"(?m)^traducciones:\n(?:  .*\n|\n)*", "", texto)


def test_las_fichas_de_ejemplo_traducidas_son_validas_y_el_modelo_da_cada_traduccion():
    res = validar(ROOT / "fichas")
    assert res.ok, [str(p) for p in res.problemas]
    por_id = {f"{f.pais_dir}/{f.slug}": desde_lectura(f) for f in res.fichas}
    guy, bra = por_id["guy/border-registration"], por_id["bra/comigrar"]
    assert guy.traduccion("es")["titulo"] == "Registro de personas migrantes que llegan a comunidades fronterizas"
    assert guy.traduccion("es")["resumen"].startswith("Equipos móviles registraron")
    assert guy.traduccion("pt") is None
    assert bra.traduccion("en") == {"titulo": "1st National Conference on Migration and Refuge (COMIGRAR)", "resumen": ""}
    assert por_id["arg/patria-grande"].traduccion("en") is None


def test_no_es_obligatorio(tmp_path):
    assert "traducciones" not in schema(FICHA)["required"]
    assert validar(_copia(tmp_path, GUY, "guy", _sin_traducciones)).ok


def test_un_codigo_de_idioma_desconocido_se_dice_en_el_idioma_de_la_ficha_con_el_campo(tmp_path):
    res = validar(_copia(tmp_path, GUY, "guy", lambda s: s.replace("traducciones:\n  es:", "traducciones:\n  fr:")))
    assert [p.mensaje for p in res.errores] == ["Translations: «fr» is not a valid option. Use one of: es, pt, en."]
    res = validar(_copia(tmp_path / "pt", BRA, "bra", lambda s: s.replace("\n  en:\n", "\n  ingles:\n")))
    assert [p.mensaje for p in res.errores] == ["Traduções: «ingles» não é uma opção válida. Use uma destas: es, pt, en."]


def test_el_titulo_traducido_tiene_el_limite_del_titulo(tmp_path):
    largo = " ".join(["palabra"] * 31)
    res = validar(_copia(tmp_path, GUY, "guy", lambda s: re.sub(
        r"(?m)^    titulo: Registro de personas.*$", f"    titulo: {largo}", s)))
    assert [p.mensaje for p in res.errores] == ["Translations — Title: 31 words; the maximum is 30. Shorten the text."]
    assert FICHA.campos["traducciones"].sub("titulo").max_palabras == FICHA.campos["titulo"].max_palabras
    assert FICHA.campos["traducciones"].sub("resumen").max_palabras == FICHA.campos["resumen"].max_palabras


def test_un_idioma_sin_textos_dice_que_hacer(tmp_path):
    res = validar(_copia(tmp_path, BRA, "bra", lambda s: re.sub(r"(?m)^  en:\n    titulo: .*\n", "  en: {}\n", s)))
    assert [p.mensaje for p in res.errores] == [
        "Traduções: está vazia. Escreva o título ou o resumo traduzidos, ou apague esse idioma."]


def test_se_exporta_en_json_y_csv():
    res = validar(ROOT / "fichas")
    modelos = [desde_lectura(f) for f in res.fichas]
    registros = [registro(m, "https://example.org/", None) for m in modelos]
    bra = next(r for r in registros if r["id"] == "bra/comigrar")
    assert bra["traducciones"]["en"] == {"titulo": "1st National Conference on Migration and Refuge (COMIGRAR)"}
    assert bra["traducciones"]["es"]["titulo"] == "I Conferencia Nacional sobre Migraciones y Refugio (COMIGRAR)"
    assert next(r for r in registros if r["id"] == "arg/patria-grande")["traducciones"] == {}
    from jsonschema import Draft202012Validator
    exportado = esquema_exportacion(schema(FICHA), "https://example.org/")
    Draft202012Validator(exportado["properties"]["fichas"]["items"]).validate(json.loads(json.dumps(bra)))
    filas = list(csv.DictReader(io.StringIO(exportar_csv(registros).lstrip("\ufeff"))))
    columnas = set(filas[0])
    assert {"titulo_es", "resumen_es", "titulo_pt", "resumen_pt", "titulo_en", "resumen_en"} <= columnas
    fila = next(f for f in filas if f["id"] == "bra/comigrar")
    assert fila["titulo_en"] == "1st National Conference on Migration and Refuge (COMIGRAR)" and fila["resumen_en"] == ""
    assert fila["resumen_es"].startswith("La COMIGRAR, realizada en 2014")
