"""Field types are classes (generator/esquema/tipos/) and the URL layout is one module
(generator/publicacion/rutas.py): nothing else dispatches on a type's name or spells a folder."""
from __future__ import annotations

import re

from conftest import ROOT

from generator.esquema.campos import TIPOS_DE_REGISTRO
from generator.esquema.tipos import TIPOS
from generator.esquema.tipos.base import TipoDeCampo

GENERADOR = ROOT / "generator"
PLANTILLAS = GENERADOR / "publicacion" / "plantillas"


def _todos(campos):
    for c in campos:
        yield c
        yield from _todos(c.subcampos)


def test_cada_tipo_usado_tiene_su_clase_y_su_macro():
    usados = {c.tipo for t in TIPOS_DE_REGISTRO for c in _todos(t.campos.values())}
    assert usados <= set(TIPOS)
    campos_html = (PLANTILLAS / "_campos.html").read_text(encoding="utf-8")
    for nombre, clase in TIPOS.items():
        assert isinstance(clase, TipoDeCampo) and clase.nombre == nombre
        for macro in (clase.macro, clase.macro_sub):
            assert not macro or f"{{%- macro {macro}(" in campos_html, (nombre, macro)


def test_nada_despacha_por_el_nombre_de_un_tipo():
    patron = re.compile(r"""\btipo\s*(==|!=|in)\s*[("']""")
    encontrados = [f"{p.relative_to(ROOT)}:{i}: {linea.strip()}"
                   for p in sorted(GENERADOR.rglob("*")) if p.suffix in (".py", ".html", ".md")
                   for i, linea in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                   if patron.search(linea) and "wordml.py" not in p.name and "formulario_github.py" not in p.name]
    assert encontrados == []


def test_ninguna_plantilla_escribe_una_carpeta_del_sitio():
    carpeta = re.compile(r"\{\{ raiz \}\}(?!assets/)[a-z-]+/")
    encontrados = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in sorted(PLANTILLAS.rglob("*"))
                   if p.is_file() for m in carpeta.finditer(p.read_text(encoding="utf-8"))]
    assert encontrados == []
