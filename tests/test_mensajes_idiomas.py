"""The validator speaks the record's language (issue 25): an `idioma: en` record is corrected in
English, a `pt` one in Portuguese; `--idioma` chooses; every translation of a message keeps the
Spanish template's placeholders; the data catalogues lack nothing in pt and en."""
from __future__ import annotations

import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.config import ROOT
from generator.esquema import idiomas
from generator.esquema.campos import FICHA, PERFIL
from generator.esquema.mensajes import catalogo
from generator.validacion.validar import validar

GUY = ROOT / "fichas" / "guy" / "border-registration.yml"   # an example ficha written in English
BRA = ROOT / "fichas" / "bra" / "comigrar.yml"              # one written in Portuguese


def _con_errores(tmp_path: Path, origen: Path, pais: str) -> Path:
    """A copy of `origen` with an empty title and an unknown key, in <tmp>/fichas/<pais>/x.yml."""
    texto = origen.read_text(encoding="utf-8")
    texto = re.sub(r"(?m)^titulo: .*$", 'titulo: ""', texto) + "clave_rara: 1\n"
    destino = tmp_path / "fichas" / pais / "x.yml"
    destino.parent.mkdir(parents=True)
    destino.write_text(texto, encoding="utf-8")
    for anexo in (origen.parent / "anexos",):
        if anexo.is_dir():
            shutil.copytree(anexo, destino.parent / "anexos")
    return destino


def _textos(res) -> list[str]:
    return [p.mensaje for p in res.problemas]


def test_una_ficha_en_ingles_recibe_los_mensajes_en_ingles(tmp_path):
    destino = _con_errores(tmp_path, GUY, "guy")
    res = validar(destino.parent.parent)
    assert _textos(res) == [
        "(1.2) Title of the experience: is empty. Write the text, or delete it if the field is optional.",
        "Unknown key «clave_rara»: the technical sheet has no such field. Delete it or use one of the keys listed at /contribuir/.",
    ]
    assert res.resumen() == "1 technical sheet with errors out of 1 (2 problems in all)."


def test_una_ficha_en_portugues_recibe_los_mensajes_en_portugues(tmp_path):
    destino = _con_errores(tmp_path, BRA, "bra")
    res = validar(destino.parent.parent)
    assert "(1.2) Título da experiência: está vazio. Escreva o texto ou apague-o se o campo for opcional." in _textos(res)
    assert res.resumen() == "1 ficha com erros de 1 (2 problemas no total)."


def test_idioma_elige_el_espanol_para_una_ficha_en_portugues(tmp_path):
    destino = _con_errores(tmp_path, BRA, "bra")
    res = validar(destino.parent.parent, idioma="es")
    assert "(1.2) Título de la experiencia: está vacío. Escriba el texto o bórrelo si el campo es opcional." in _textos(res)
    assert res.resumen() == "1 ficha con errores de 1 (2 problemas en total)."


def test_la_orden_validate_habla_el_idioma_elegido(tmp_path):
    destino = _con_errores(tmp_path, BRA, "bra")
    propia = subprocess.run([sys.executable, "-m", "generator", "validate", str(destino.parent.parent)],
                            capture_output=True, text=True, cwd=tmp_path)
    elegida = subprocess.run([sys.executable, "-m", "generator", "validate", str(destino.parent.parent), "--idioma", "en"],
                             capture_output=True, text=True, cwd=tmp_path)
    assert propia.returncode == elegida.returncode == 1
    assert "(1.2) Título da experiência: está vazio." in propia.stdout
    assert "(1.2) Title of the experience: is empty." in elegida.stdout
    assert elegida.stdout.rstrip().endswith("1 technical sheet with errors out of 1 (2 problems in all).")
    mal = subprocess.run([sys.executable, "-m", "generator", "validate", "--idioma", "fr"], capture_output=True, text=True)
    assert mal.returncode == 2 and "«fr» no es un idioma del catálogo; use uno de: es, en, pt." in mal.stderr


def test_un_idioma_invalido_se_informa_en_espanol_con_la_opcion_de_elegir(tmp_path):
    destino = _con_errores(tmp_path, GUY, "guy")
    destino.write_text(destino.read_text(encoding="utf-8").replace("idioma: en", "idioma: english"), encoding="utf-8")
    textos = _textos(validar(destino.parent.parent))
    assert "(1.2) Título de la experiencia: está vacío. Escriba el texto o bórrelo si el campo es opcional." in textos
    assert any(t.startswith("Idioma: «english» no es una opción válida.") and "--idioma pt o --idioma en" in t for t in textos)


def test_un_yaml_ilegible_usa_el_idioma_elegido_o_el_espanol(tmp_path):
    destino = tmp_path / "fichas" / "guy" / "x.yml"
    destino.parent.mkdir(parents=True)
    destino.write_text("idioma: en\ntitulo: [sin cerrar\n", encoding="utf-8")
    assert validar(destino.parent.parent).resumen().startswith("1 ficha con errores de 1")
    assert validar(destino.parent.parent, idioma="en").resumen().startswith("1 technical sheet with errors out of 1")


def test_los_mensajes_del_esquema_se_traducen_con_sus_rotulos(tmp_path):
    """A message the generated schema carries («otro, ¿cuál?») comes in the record's language, with
    that language's labels."""
    destino = _con_errores(tmp_path, GUY, "guy")
    destino.write_text(destino.read_text(encoding="utf-8").replace("clave_rara: 1\n", "tema_otro: Something\n"),
                       encoding="utf-8")
    textos = _textos(validar(destino.parent.parent))
    assert any(t.startswith("(1.3) Themes — Other, which?: is only used when (1.3) Themes includes «otro».") for t in textos), textos


def _marcadores(plantilla: str) -> set[str]:
    return {nombre for _, nombre, _, _ in string.Formatter().parse(plantilla) if nombre}


@pytest.mark.parametrize("codigo", [c for c in idiomas.disponibles() if c != idiomas.BASE])
def test_cada_traduccion_de_un_mensaje_usa_los_marcadores_del_espanol(codigo):
    fuente = catalogo()["mensajes"]
    propios = idiomas.archivo(codigo, "mensajes")["mensajes"]
    distintos = {k: (sorted(_marcadores(fuente[k])), sorted(_marcadores(v))) for k, v in propios.items()
                 if _marcadores(fuente[k]) != _marcadores(v)}
    assert distintos == {}
    cli_es = idiomas._hojas(idiomas.archivo("es", "cli"))
    cli = idiomas._hojas(idiomas.archivo(codigo, "cli"))
    assert {k: v for k, v in cli.items() if _marcadores(v) != _marcadores(cli_es[k])} == {}


@pytest.mark.parametrize("codigo", ["pt", "en"])
def test_a_los_catalogos_de_datos_no_les_falta_nada(codigo):
    faltan = idiomas.faltantes(codigo)
    assert {k: v for k, v in faltan.items() if k in ("campos", "campos-perfil", "vocabularios", "mensajes", "cli")} == {}
    assert idiomas.sobrantes(codigo) == {}
    salida = subprocess.run([sys.executable, "-m", "generator", "traducciones", codigo], capture_output=True, text=True,
                            check=True).stdout
    for archivo in ("campos", "campos-perfil", "vocabularios", "mensajes", "cli"):
        assert f"schema/idiomas/{codigo}/{archivo}.yml — se muestran en español" not in salida


def test_el_conteo_de_registros_es_del_catalogo():
    with idiomas.en("en"):
        assert FICHA.contar(3, valido=True) == "3 valid technical sheets"
        assert PERFIL.contar(1) == "1 profile"
    with idiomas.en("pt"):
        assert PERFIL.contar(2, valido=True) == "2 perfis válidos"
    assert FICHA.contar(1, valido=True) == "1 ficha válida"


def test_los_textos_de_ejemplo_de_otro_idioma_se_rechazan_en_ese_idioma(tmp_path):
    destino = _con_errores(tmp_path, GUY, "guy")
    destino.write_text(destino.read_text(encoding="utf-8").replace('titulo: ""', "titulo: Insert here the title"),
                       encoding="utf-8")
    textos = _textos(validar(destino.parent.parent))
    assert any(t.startswith("(1.2) Title of the experience: «Insert here the title» looks like the template's sample text")
               for t in textos), textos
    assert yaml.safe_load((ROOT / "schema" / "idiomas" / "pt" / "campos.yml").read_text())["textos_de_ejemplo"]


def test_importar_habla_el_idioma_de_la_ficha_recibida(tmp_path):
    """A received .yml written in English is corrected in English, as the document says it (no YAML
    key); --idioma es gives the same in Spanish."""
    from generator.intercambio.importar import importar
    recibido = tmp_path / "recibido.yml"
    recibido.write_text(re.sub(r"(?ms)^resultados: \|\n(?:  .*\n)+", "", GUY.read_text(encoding="utf-8")),
                        encoding="utf-8")
    salida = tmp_path / "fichas" / "guy" / "border-registration.yml"
    hecho = importar(recibido, salida=salida)
    assert hecho.idioma == "en"
    assert "(2.3) Results achieved: this required field is missing. Fill it in in the document." in hecho.problemas
    hecho = importar(recibido, salida=salida, reemplazar=True, idioma="es")
    assert "(2.3) Resultados logrados: falta este campo obligatorio. Complételo en el documento." in hecho.problemas


def test_la_respuesta_a_quien_envio_habla_su_idioma():
    """make recibir's reply to the sender: a ficha in English gets it in English, one in Portuguese
    in Portuguese; the problems listed are the importer's, already in that language."""
    import yaml as _yaml
    from generator.secretaria.recibir import Recepcion
    from generator.secretaria.respuesta import texto_de_respuesta
    datos = _yaml.safe_load(GUY.read_text(encoding="utf-8"))
    r = Recepcion(Path("fichas/guy/border-registration.yml"), FICHA, datos, "ficha/guy-x", "main", "",
                  ["(2.3) Results achieved: this required field is missing. Fill it in in the document."], [], idioma="en")
    texto = texto_de_respuesta(r)
    assert texto.startswith("Subject: Re: Technical sheet: Registration of migrants arriving at border communities\n\nDear colleague,")
    assert "Thank you for sending the technical sheet «Registration of migrants arriving at border communities» (Guyana" in texto
    assert "one thing needs correcting" in texto and "  - (2.3) Results achieved: this required" in texto
    assert "Technical Secretariat of the South American Conference on Migration (CSM)" in texto
    datos = _yaml.safe_load(BRA.read_text(encoding="utf-8"))
    r = Recepcion(Path("fichas/bra/comigrar.yml"), FICHA, datos, "ficha/bra-x", "main", "", [], [], idioma="pt")
    texto = texto_de_respuesta(r)
    assert "Prezado(a) colega:" in texto and "Não encontramos nada a corrigir: a ficha técnica está completa." in texto
    assert "Conferência Sul-Americana sobre Migrações" in texto
    assert "Estimado/a" not in texto and "Secretaría" not in texto
