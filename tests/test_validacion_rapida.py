"""The compiled validator (jsonschema-rs) only lets a record skip the Python one when the Python
one would find nothing: every message still comes from the same place. The other shortcuts
taken for speed (worker processes, a record's texts walked once for every rule) change nothing a
record gets."""
from __future__ import annotations

import os
import shutil

from conftest import CASOS, ROOT
from generator.esquema.campos import FICHA, PERFIL
from generator.validacion import reglas, validar as validar_mod
from generator.validacion.lectura import ErrorDeLectura, leer_bytes
from generator.validacion.resultado import RegistroLeido
from generator.validacion.validar import schema_en, validador, validador_rapido


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


def _lo_que_recibe_cada_registro(res) -> list:
    return [(f.archivo, f.data, f.idioma, [(str(p), p.nivel, p.idioma) for p in f.problemas]) for f in res.fichas] + \
        [str(p) for p in res.generales]


def test_los_procesos_de_trabajo_devuelven_lo_mismo_que_uno_solo(tmp_path, monkeypatch):
    """The records validated by worker processes (in shares, their data sent back as one blob per
    share) get the same problems, data and language, in the same order, as in one process."""
    carpeta = tmp_path / "fichas"
    shutil.copytree(ROOT / "fichas", carpeta)
    for caso in sorted((CASOS / "invalidas").glob("*/fichas/*/*.yml")):  # invalid ones, in every language
        destino = carpeta / caso.parent.name / f"{caso.parents[2].name}-{caso.stem}.yml"
        destino.parent.mkdir(exist_ok=True)
        shutil.copyfile(caso, destino)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(validar_mod, "PARALLEL_FROM", 1)
    for idioma in (None, "pt"):
        monkeypatch.setenv("CATALOGO_PARALELO", "1")
        en_procesos = validar_mod.validar(carpeta, idioma=idioma)
        monkeypatch.setenv("CATALOGO_PARALELO", "0")
        en_uno = validar_mod.validar(carpeta, idioma=idioma)
        assert len(en_uno.fichas) > 100 and en_uno.errores and {f.idioma for f in en_uno.fichas} >= {"es", "pt"}
        assert _lo_que_recibe_cada_registro(en_procesos) == _lo_que_recibe_cada_registro(en_uno)


def test_cada_registro_tiene_sus_propios_textos_aunque_las_reglas_los_recorran_una_vez():
    """The rules share one walk of a record's texts: the next record (or the same one written in
    another language's schema) is walked again."""
    con_control = leer_bytes(b"titulo: \"Uno\\u202e dos\"\n")
    limpio = leer_bytes(b"titulo: Uno dos\n")
    ficha = RegistroLeido(ROOT / "fichas" / "arg" / "x.yml", "x.yml", "arg", "x")
    es, pt = schema_en(FICHA, "es"), schema_en(FICHA, "pt")
    assert len(list(reglas.regla_caracteres_de_control(ficha, con_control, es, ROOT))) == 1
    assert list(reglas.regla_caracteres_de_control(ficha, limpio, es, ROOT)) == []
    assert len(list(reglas.regla_caracteres_de_control(ficha, con_control, es, ROOT))) == 1
    assert reglas.textos_del_registro(con_control, pt)[0][2] is pt["properties"]["titulo"]
