"""The loader reads YAML the way JSON Schema sees it, and keeps positions."""
from __future__ import annotations

import pytest

from generator.validacion.lectura import ErrorDeLectura, leer_bytes, leer_texto


def test_bom_y_crlf_se_aceptan():
    doc = leer_bytes(b"\xef\xbb\xbfpais: ARG\r\ntitulo: Hola\r\n")
    assert doc.data == {"pais": "ARG", "titulo": "Hola"}
    assert doc.posiciones[("titulo",)] == (2, 9)


def test_fechas_quedan_como_texto_y_conversiones_se_registran():
    doc = leer_texto("fecha: 2024-05-31\nvalor: 12:30\nnivel: no\nn: 85\nvacio:\n")
    assert doc.data == {"fecha": "2024-05-31", "valor": 750, "nivel": False, "n": 85, "vacio": None}
    assert doc.crudos == {("valor",): "12:30", ("nivel",): "no", ("n",): "85", ("vacio",): ""}


def test_comillas_conservan_el_texto():
    doc = leer_texto('a: "12:30"\nb: \'no\'\nc: "# no es comentario"\n')
    assert doc.data == {"a": "12:30", "b": "no", "c": "# no es comentario"}
    assert doc.crudos == {}


def test_posiciones_de_valores_anidados():
    doc = leer_texto("productos:\n  - titulo: A\n    url: https://x.org\n")
    assert doc.posiciones[("productos", 0, "url")] == (3, 10)
    assert doc.claves[("productos", 0, "url")] == (3, 5)
    assert doc.donde(("productos", 0, "inexistente")) == (2, 5)


def test_clave_repetida_es_un_aviso_con_ambas_lineas():
    doc = leer_texto("a: 1\nb: 2\na: 3\n")
    assert doc.data["a"] == "1" or doc.data["a"] == 1
    [aviso] = doc.avisos
    assert (aviso.linea, aviso.columna) == (3, 1) and "línea 1" in aviso.mensaje


@pytest.mark.parametrize("texto", ["a: &x 1\nb: *x\n", "a: !!python/object x\n", "a: !!binary aGk=\n"])
def test_anclas_alias_y_etiquetas_se_rechazan(texto):
    with pytest.raises(ErrorDeLectura):
        leer_texto(texto)


def test_str_explicito_se_admite():
    assert leer_texto("a: !!str 12:30\n").data == {"a": "12:30"}


def test_limite_de_tamano():
    with pytest.raises(ErrorDeLectura, match="el máximo es 256 KB"):
        leer_bytes(b"a: " + b"x" * (300 * 1024))


def test_no_utf8_indica_linea():
    with pytest.raises(ErrorDeLectura) as info:
        leer_bytes("a: 1\nb: Regularización\n".encode("latin-1"))
    assert (info.value.linea, info.value.columna) == (2, 16)
    assert "UTF-8" in info.value.mensaje
