"""The compiled validator (jsonschema-rs) only lets a record skip the Python one when the Python
one would find nothing: every message still comes from the same place."""
from __future__ import annotations

from conftest import CASOS, ROOT
from generator.esquema.campos import FICHA, PERFIL
from generator.validacion.lectura import ErrorDeLectura, leer_bytes
from generator.validacion.validar import validador, validador_rapido


def test_valido_para_el_rapido_es_valido_para_el_de_python():
    vistos = {"validos": 0, "invalidos": 0}
    for tipo, carpetas in ((FICHA, (ROOT / "fichas", CASOS)), (PERFIL, (ROOT / "perfiles",))):
        rapido = validador_rapido(tipo)
        assert rapido is not None
        for carpeta in carpetas:
            for ruta in sorted(carpeta.rglob("*.yml")):
                try:
                    data = leer_bytes(ruta.read_bytes()).data
                except ErrorDeLectura:
                    continue
                errores = list(validador(tipo).iter_errors(data))
                if rapido.is_valid(data):
                    assert errores == [], ruta
                    vistos["validos"] += 1
                elif errores:
                    vistos["invalidos"] += 1
    assert vistos["validos"] >= 14 and vistos["invalidos"] >= 20, vistos
