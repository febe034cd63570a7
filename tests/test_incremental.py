"""`python -m generator construir` twice: what one edited ficha changes, by content."""
from __future__ import annotations

import os
import shutil

import pytest

from conftest import SITIO_PRUEBA, URLS


def _opciones(fichas, destino):
    from generator.publicacion import construccion
    return construccion.Opciones(fichas=fichas, generado=destino / "paginas", pdf=False, buscador=False,
                                 sitio_url=SITIO_PRUEBA, repo_url=URLS["repo_url"], cache=destino / "cache")


def _archivo(obra, rel: str):
    """A file of `construir`'s report: «fichas/x/index.md» in build/paginas, «pt/fichas/x/index.md» in build/pt/paginas."""
    from generator.config import leer_configuracion
    for codigo in leer_configuracion().idiomas[1:]:
        if rel.startswith(codigo + "/"):
            return obra / codigo / "paginas" / rel[len(codigo) + 1:]
    return obra / "paginas" / rel


def test_una_ficha_editada_rehace_solo_lo_que_depende_de_ella(fichas_de_prueba, tmp_path):
    from generator.publicacion import construccion
    fichas = tmp_path / "fichas"
    shutil.copytree(fichas_de_prueba, fichas)
    op = _opciones(fichas, tmp_path)
    otros = [l.carpeta for l in op.lugares()[1:]]  # the other languages' trees: pt/, en/
    primera = construccion.construir(op)
    assert len(primera.renderizadas) == len(primera.fichas) * (1 + len(otros)) >= 14 * 3
    # nothing changed, a file touched: nothing is rendered or written again (content, not clock)
    ruta = fichas / "ecu" / "ley-movilidad-humana.yml"
    os.utime(ruta, (1, 1))
    igual = construccion.construir(op)
    assert igual.renderizadas == [] and igual.cambiados == []
    # one ficha's summary edited: its page, and the pages and data that show its summary
    ruta.write_text(ruta.read_text(encoding="utf-8").replace("resumen: |", "resumen: |\n  Texto editado.", 1),
                    encoding="utf-8")
    una = construccion.construir(op)
    # in every language: the same page of each language's tree, and only it
    assert una.renderizadas == [p + "fichas/ecu/ley-movilidad-humana/index.md" for p in ("", *otros)]
    cambiados = set(una.cambiados)
    assert {p + "fichas/ecu/ley-movilidad-humana/index.md" for p in ("", *otros)} <= cambiados
    assert {p + "paises/ecu/index.md" for p in otros} <= cambiados
    assert {"datos/fichas.json", "datos/fichas.csv", "datos/novedades.xml", "paises/ecu/index.md"} <= cambiados
    otras = {c for c in cambiados if "fichas/" in c and not c.endswith("fichas/ecu/ley-movilidad-humana/index.md")}
    assert otras == set()
    # and the page is the one a build from nothing writes
    limpia = construccion.construir(_opciones(fichas, tmp_path / "limpia"))
    assert limpia.escritos == una.escritos
    for rel in una.escritos:
        assert _archivo(tmp_path, rel).read_bytes() == _archivo(tmp_path / "limpia", rel).read_bytes(), rel


def test_un_titulo_editado_rehace_las_fichas_que_lo_muestran_como_relacionada(fichas_de_prueba, tmp_path):
    from generator.publicacion import construccion
    fichas = tmp_path / "fichas"
    shutil.copytree(fichas_de_prueba, fichas)
    op = _opciones(fichas, tmp_path)
    primera = construccion.construir(op)
    ruta = fichas / "arg" / "patria-grande.yml"
    texto = ruta.read_text(encoding="utf-8")
    titulo = next(l for l in texto.splitlines() if l.startswith("titulo:"))
    ruta.write_text(texto.replace(titulo, titulo.rstrip('"') + " (editado)" + ('"' if titulo.endswith('"') else ""), 1),
                    encoding="utf-8")
    una = construccion.construir(op)
    la_muestran = {f"{f.url}index.md" for f in primera.fichas
                   if "fichas/arg/patria-grande/" in (tmp_path / "paginas" / f.url / "index.md").read_text(encoding="utf-8")
                   and f.id != "arg/patria-grande"}
    assert la_muestran, "ninguna ficha muestra a Patria Grande como relacionada"
    en_cada_idioma = {l.carpeta + r for l in op.lugares() for r in la_muestran | {"fichas/arg/patria-grande/index.md"}}
    assert set(una.renderizadas) == en_cada_idioma


def test_bajo_serve_una_ficha_que_cambia_se_vuelve_a_validar(fichas_de_prueba, tmp_path, monkeypatch):
    """`mkdocs serve` keeps results by the record's bytes: an edit that breaks a ficha is seen."""
    from generator.validacion import validar as v
    monkeypatch.setattr(v, "_RECORDADAS", None)
    v.recordar_validaciones()
    fichas = tmp_path / "fichas"
    shutil.copytree(fichas_de_prueba, fichas)
    assert v.validar(fichas).ok and len(v._RECORDADAS) >= 14
    ruta = fichas / "ecu" / "ley-movilidad-humana.yml"
    ruta.write_text(ruta.read_text(encoding="utf-8").replace("\ntemas:", "\ntemas_mal:", 1), encoding="utf-8")
    res = v.validar(fichas)
    assert not res.ok and [f.archivo for f in res.fichas if f.problemas] == [v.mostrar(ruta)]
    ruta.write_text((fichas_de_prueba / "ecu" / "ley-movilidad-humana.yml").read_text(encoding="utf-8"), encoding="utf-8")
    assert v.validar(fichas).ok
