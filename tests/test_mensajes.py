"""The catalogue of shared rules and messages (schema/mensajes.yml): its rules mean what the
validator does, each message is used, and each lives only there (not re-typed in Python or in
the form's JavaScript). That the browser copy is up to date: tests/test_github.py."""
from __future__ import annotations

import json

import re
import string

import pytest

from conftest import ROOT
from generator.esquema.mensajes import MENSAJES_JS_PATH, catalogo, clase_de_caracteres, mensaje, reglas

FUENTES = sorted((ROOT / "generator").rglob("*.py")) + [ROOT / "docs/assets/proponer/reglas.js"]


def _texto(ruta):
    return ruta.read_text(encoding="utf-8")


def test_los_espacios_son_los_de_python():
    """The form counts words as str.split() does: the catalogue's set is exactly str.isspace()."""
    clase = re.compile(clase_de_caracteres(reglas()["espacios"]))
    distintos = [hex(i) for i in range(0x110000) if chr(i).isspace() != bool(clase.fullmatch(chr(i)))]
    assert distintos == []


def test_cada_mensaje_se_usa_y_cada_uso_existe():
    nombres = set(catalogo()["mensajes"])
    usados = set()
    for ruta in FUENTES:
        usados |= set(re.findall(r"""\bmensaje\(\s*["']([a-z_]+)["']""", _texto(ruta)))
        # a name chosen by a condition: mensaje("a" if x else "b")
        usados |= {n for n in re.findall(r"""["']([a-z_]+)["']""", _texto(ruta)) if n in nombres and "mensaje(" in _texto(ruta)}
    assert usados - nombres == set(), "mensajes que no están en schema/mensajes.yml"
    assert nombres - usados == set(), "mensajes del catálogo que nadie usa"


def _trozos_fijos(plantilla: str) -> list[str]:
    """The literal runs of a template long enough to be recognised if re-typed elsewhere."""
    return [t.strip() for t in re.split(r"\{\w+\}", plantilla) if len(t.strip()) >= 30]


@pytest.mark.parametrize("ruta", FUENTES, ids=lambda r: r.relative_to(ROOT).as_posix())
def test_ningun_mensaje_del_catalogo_esta_escrito_a_mano(ruta):
    texto = _texto(ruta)
    repetidos = [t for plantilla in catalogo()["mensajes"].values() for t in _trozos_fijos(plantilla) if t in texto]
    assert repetidos == [], f"{ruta.name} repite texto de schema/mensajes.yml; use mensaje(…)"


def test_la_copia_del_navegador_lleva_el_catalogo_entero():
    texto = _texto(MENSAJES_JS_PATH)
    for plantilla in catalogo()["mensajes"].values():
        assert json.dumps(plantilla, ensure_ascii=False)[1:-1] in texto  # as JSON writes it


def test_las_plantillas_se_rellenan_con_nombres_conocidos():
    for nombre, plantilla in catalogo()["mensajes"].items():
        campos = {c for _, c, _, _ in string.Formatter().parse(plantilla) if c}
        assert mensaje(nombre, **{c: "X" for c in campos})
        if campos:
            with pytest.raises(KeyError):
                mensaje(nombre)
