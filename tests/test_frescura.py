"""Freshness: the date of each record's last review comes from the record or from git (never the
clock), the interval from catalogo.yml; pages say «Actualizada el …» and, past the interval, a
discreet notice; the same records give the same pages."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, URLS
from generator.publicacion.escritura import contenidos
from generator.publicacion.modelo import desde_lectura
from generator.secretaria import frescura
from generator.esquema.campos import PERFIL
from generator.validacion.validar import validar


def test_intervalos_por_defecto_y_desde_catalogo_yml(tmp_path):
    vacio = tmp_path / "catalogo.yml"
    vacio.write_text("nombre: x\n", encoding="utf-8")
    assert frescura.intervalos(vacio) == {"fichas": 2, "perfiles": 1}
    propio = tmp_path / "otro.yml"
    propio.write_text("revision:\n  fichas: 3\n", encoding="utf-8")
    assert frescura.intervalos(propio) == {"fichas": 3, "perfiles": 1}
    assert frescura.intervalos() == {"fichas": 2, "perfiles": 1}  # the repository's catalogo.yml says so
    for malo, mensaje in (("revision:\n  fichas: dos\n", "no es un número de años"),
                          ("revision:\n  practicas: 2\n", "no es un tipo de registro")):
        propio.write_text(malo, encoding="utf-8")
        with pytest.raises(frescura.ConfiguracionInvalida, match=mensaje):
            frescura.intervalos(propio)


def test_la_fecha_de_revision_sale_del_registro_o_de_git(tmp_path):
    assert frescura.fecha_de_revision({"fecha": "2023-06-14"}, None) == ("2023-06-14", "registro")
    repo = tmp_path / "repo"
    (repo / "fichas" / "arg").mkdir(parents=True)
    ruta = repo / "fichas" / "arg" / "x.yml"
    ruta.write_text("pais: ARG\n", encoding="utf-8")
    env = dict(os.environ, GIT_AUTHOR_NAME="a", GIT_AUTHOR_EMAIL="a@example.org", GIT_COMMITTER_NAME="a",
               GIT_COMMITTER_EMAIL="a@example.org", GIT_AUTHOR_DATE="2021-04-05T12:00:00Z",
               GIT_COMMITTER_DATE="2021-04-05T12:00:00Z", GIT_CONFIG_GLOBAL=os.devnull)
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "x"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True)
    assert frescura.fecha_de_revision({"pais": "ARG"}, ruta) == ("2021-04-05", "git")
    assert frescura.fecha_de_revision({"fecha": "no es fecha"}, ruta) == ("2021-04-05", "git")
    assert frescura.fecha_de_revision({}, tmp_path / "fuera.yml")[0] is None


def test_vencida_es_pasado_el_intervalo():
    r = frescura.revision("2022-05-30", "fichas", "2024-05-30")
    assert (r.vence, r.vencida) == ("2024-05-30", False)          # due that day: not yet past
    assert frescura.revision("2022-05-30", "fichas", "2024-05-31").vencida
    assert frescura.revision("2024-02-29", "perfiles", "2025-03-01").vence == "2025-02-28"
    assert not frescura.revision("2025-03-14", "perfiles", "2025-08-01", {"fichas": 2, "perfiles": 1}).vencida


def test_la_referencia_del_sitio_no_es_el_reloj(monkeypatch):
    monkeypatch.delenv("CATALOGO_HOY", raising=False)
    assert frescura.referencia_del_sitio(["2022-01-01", "2024-08-01", "2023-02-02"]) == "2024-08-01"
    monkeypatch.setenv("CATALOGO_HOY", "2030-01-01")
    assert frescura.referencia_del_sitio(["2024-08-01"]) == "2030-01-01"
    monkeypatch.setenv("CATALOGO_HOY", "mañana")
    with pytest.raises(frescura.ConfiguracionInvalida):
        frescura.referencia_del_sitio([])


def _registros(carpeta, tipo=None):
    res = validar(carpeta, tipo) if tipo else validar(carpeta)
    assert res.ok
    return [desde_lectura(f) for f in res.fichas]


@pytest.fixture(scope="module")
def paginas():
    os.environ.pop("CATALOGO_HOY", None)
    return contenidos(_registros(ROOT / "fichas"), perfiles=_registros(ROOT / "perfiles", PERFIL), **URLS)


def test_cada_ficha_y_perfil_dice_cuando_se_actualizo(paginas):
    # the newest record (the profiles, 2025-03-14) is the site's «today»
    ven = paginas["fichas/ven/plan-vuelta-a-la-patria/index.md"]
    assert 'Actualizada el <time datetime="2022-05-30">30 de mayo de 2022</time>' in ven
    assert "Pendiente de revisión" in ven and "la revisión se esperaba el 30 de mayo de 2024" in ven
    arg = paginas["fichas/arg/patria-grande/index.md"]   # 2024-03-15 + 2 years > 2025-03-14
    assert 'Actualizada el <time datetime="2024-03-15">' in arg and "Pendiente de revisión" not in arg
    perfil = paginas["perfiles/arg/dnm/index.md"]
    assert 'Actualizado el <time datetime="2025-03-14">14 de marzo de 2025</time>' in perfil
    assert "Pendiente de revisión" not in perfil


def test_la_misma_entrada_da_las_mismas_paginas(paginas):
    otra = contenidos(_registros(ROOT / "fichas"), perfiles=_registros(ROOT / "perfiles", PERFIL), **URLS)
    assert otra == paginas


def test_otra_fecha_de_referencia_cambia_el_aviso(monkeypatch):
    monkeypatch.setenv("CATALOGO_HOY", "2027-01-01")
    p = contenidos(_registros(ROOT / "fichas"), perfiles=_registros(ROOT / "perfiles", PERFIL), **URLS)
    assert "Pendiente de revisión" in p["fichas/arg/patria-grande/index.md"]
    assert "Pendiente de revisión" in p["perfiles/arg/dnm/index.md"]
