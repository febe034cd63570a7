"""`nueva` and `nueva-perfil` with --idioma: the template, its errors, the next steps and
argparse's own errors in that language, every text taken from schema/idiomas/<código>/."""
from __future__ import annotations

import pytest

from conftest import ROOT
from generator.esquema import idiomas
from generator.esquema.campos import FICHA, PERFIL
from generator.esquema.mensajes import MARCA_PLANTILLA, mensaje
from generator.repositorio.nueva import ErrorDeNueva, codigo_pais
from generator.validacion.lectura import leer_bytes
from test_nueva import rellenar, run

OTROS = [c for c in idiomas.disponibles() if c != idiomas.BASE]


def _nueva(tmp_path, env, idioma, pais="BRA", titulo="Programa de acolhida humanitária", orden="nueva"):
    return run([orden, "--pais", pais, titulo, "--carpeta", str(tmp_path / "registros"), "--fecha", "2026-11-22",
                "--idioma", idioma], ROOT, env)


def _sin_saltos(texto: str) -> str:
    """The template's comments joined back into one line per field (they are wrapped at 88)."""
    return " ".join(l.removeprefix("#").strip() for l in texto.splitlines())


@pytest.mark.parametrize("idioma", OTROS)
def test_la_plantilla_y_los_pasos_en_el_idioma_pedido(tmp_path, env_py, idioma, clave_de_prueba):
    r = _nueva(tmp_path, env_py, idioma)
    assert r.returncode == 0, r.stderr
    [ruta] = (tmp_path / "registros" / "bra").glob("*.yml")
    texto = ruta.read_text(encoding="utf-8")
    plano = _sin_saltos(texto)
    with idiomas.en(idioma):
        assert r.stdout == idiomas.t("plantilla.pasos_ficha", ruta=ruta, marca=MARCA_PLANTILLA) + "\n"
        assert "# " + idiomas.t("plantilla.cabecera", marca=MARCA_PLANTILLA) + "\n" in texto
        for c in FICHA.campos.values():  # each field's label and instruction, in that language
            if not c.interno:
                assert f"{c.rotulo}." in plano or f"{c.rotulo} " in plano, c.clave
                assert " ".join(c.instruccion.split()) in plano, c.clave
        assert idiomas.t("plantilla.opcional") in plano and idiomas.t("plantilla.obligatorio") in plano
        assert idiomas.t("plantilla.contacto_sin_cifrar") in plano
    with idiomas.en(idiomas.BASE):  # no Spanish instruction left
        assert idiomas.t("plantilla.opcional") not in plano
        assert FICHA.campos["resumen"].instruccion.split(".")[0] not in plano
    # the record says its language; the marker stays the one the validator knows
    data = leer_bytes(texto.encode()).data
    assert data["idioma"] == idioma and data["pais"] == "BRA"
    v = run(["validate", str(tmp_path / "registros")], ROOT, env_py)
    problemas = v.stdout.strip().splitlines()[:-1]
    with idiomas.en(idioma):
        esperado = mensaje("plantilla_sin_completar", marca=MARCA_PLANTILLA)
    assert v.returncode == 1 and problemas and all(esperado in p for p in problemas), problemas
    # filled in and its contact encrypted, it is a valid ficha in that language
    ruta.write_text(rellenar(texto), encoding="utf-8")
    r = run(["cifrar", str(tmp_path / "registros")], ROOT, env_py)
    with idiomas.en(idioma):  # what was done, in the record's language
        hecho = idiomas.t("cifrar.cambio", hechos=idiomas.t("cifrar.cifrado"))
    assert r.returncode == 0 and r.stdout.splitlines()[0].endswith(f": {hecho}."), r.stdout
    with idiomas.en(idiomas.BASE):  # the summary of several records: Spanish without --idioma
        assert r.stdout.splitlines()[-1].startswith(idiomas.t("cifrar.cifradas_una")), r.stdout
    v = run(["validate", str(ruta)], ROOT, env_py)
    assert v.returncode == 0, v.stdout


def test_en_espanol_la_plantilla_no_cambia_de_idioma(tmp_path, env_py):
    r = _nueva(tmp_path, env_py, "es", pais="ARG", titulo="Ventanilla única")
    assert r.returncode == 0, r.stderr
    texto = (tmp_path / "registros" / "arg" / "ventanilla-unica.yml").read_text(encoding="utf-8")
    assert "\n# idioma: es\n" in texto and "idioma" not in leer_bytes(texto.encode()).data


@pytest.mark.parametrize("idioma", OTROS)
def test_el_perfil_en_el_idioma_pedido(tmp_path, env_py, idioma):
    r = _nueva(tmp_path, env_py, idioma, titulo="Departamento de Migrações", orden="nueva-perfil")
    assert r.returncode == 0, r.stderr
    [ruta] = (tmp_path / "registros" / "bra").glob("*.yml")
    texto = ruta.read_text(encoding="utf-8")
    with idiomas.en(idioma):
        assert r.stdout == idiomas.t("plantilla.pasos_perfil", ruta=ruta, marca=MARCA_PLANTILLA) + "\n"
        assert all(" ".join(c.instruccion.split()) in _sin_saltos(texto) for c in PERFIL.campos.values() if not c.interno)
    assert leer_bytes(texto.encode()).data["idioma"] == idioma


@pytest.mark.parametrize("idioma", OTROS)
def test_los_errores_de_nueva_en_el_idioma_pedido(tmp_path, env_py, idioma):
    r = _nueva(tmp_path, env_py, idioma, pais="ARX")
    with idiomas.en(idioma), pytest.raises(ErrorDeNueva) as err:
        codigo_pais("ARX")
    with idiomas.en(idioma):
        assert r.returncode == 1 and r.stderr == idiomas.t("plantilla.errores.no_se_creo_ficha", error=err.value) + "\n"
        assert idiomas.t("plantilla.errores.quiso_decir", nombre="Argentina", codigo="ARG") in r.stderr
    assert not (tmp_path / "registros").exists()
    assert _nueva(tmp_path, env_py, idioma).returncode == 0
    r = _nueva(tmp_path, env_py, idioma)  # the same title again
    [ruta] = (tmp_path / "registros" / "bra").glob("*.yml")
    with idiomas.en(idioma):
        assert r.returncode == 1 and idiomas.t("plantilla.errores.ya_existe", ruta=ruta) in r.stderr
        r = _nueva(tmp_path, env_py, idioma, titulo="¿?")
        assert r.returncode == 1 and idiomas.t("plantilla.errores.sin_letras") in r.stderr


@pytest.mark.parametrize("idioma", idiomas.disponibles())
def test_los_errores_de_argparse_en_el_idioma_pedido(env_py, idioma):
    r = run(["nueva", "Sin país", "--idioma", idioma], ROOT, env_py)
    with idiomas.en(idioma):
        error = idiomas.t("cli.uso.argparse.requeridos", datos="--pais")
        assert r.returncode == 2 and r.stderr.startswith(idiomas.t("cli.uso.error", error=error) + "\n"), r.stderr
    r = run(["validate", f"--idioma={idioma}", "--formato", "xml"], ROOT, env_py)
    with idiomas.en(idioma):
        error = idiomas.t("cli.uso.argparse.opcion_invalida", opcion="--formato", valor="'xml'",
                          opciones="'github', 'texto'")
        assert r.returncode == 2 and idiomas.t("cli.uso.error", error=error) in r.stderr, r.stderr
    if idioma != idiomas.BASE:
        assert "faltan" not in r.stderr and "no es válido" not in r.stderr


@pytest.mark.parametrize("idioma", OTROS)
def test_cifrar_dice_lo_que_falta_en_el_idioma_de_la_ficha(tmp_path, env_py, idioma):
    assert _nueva(tmp_path, env_py, idioma).returncode == 0
    [ruta] = (tmp_path / "registros" / "bra").glob("*.yml")
    texto = rellenar(ruta.read_text(encoding="utf-8"))
    sin_cargo = [l for l in texto.splitlines() if not l.startswith("  cargo:")]
    ruta.write_text("\n".join(sin_cargo) + "\n", encoding="utf-8")
    r = run(["cifrar", str(ruta), "--idioma", idioma], ROOT, env_py)
    with idiomas.en(idioma):
        falta = f"{FICHA.campos['contacto'].rotulo}: {idiomas.t('cifrar.faltan', faltan='cargo')}."
        resumen = idiomas.t("cifrar.cifradas_varias", n=0)
    assert r.returncode == 1 and falta in r.stdout and r.stdout.splitlines()[-1].startswith(resumen), r.stdout


@pytest.mark.parametrize("idioma", OTROS)
def test_importar_dice_por_que_no_en_el_idioma_pedido(tmp_path, env_py, idioma):
    archivo = tmp_path / "lista.yml"
    archivo.write_text("- una lista\n", encoding="utf-8")
    r = run(["importar", str(archivo), "--idioma", idioma, "--salida", str(tmp_path / "x.yml")], ROOT, env_py)
    with idiomas.en(idioma):
        esperado = idiomas.t("recepcion.no_se_importo", error=idiomas.t("recepcion.no_es_registro", archivo="lista.yml"))
    assert r.returncode == 1 and r.stderr == esperado + "\n", r.stderr
