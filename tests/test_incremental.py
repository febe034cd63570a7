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


def test_una_traduccion_cambiada_cambia_la_clave_de_cada_pagina(tmp_path, monkeypatch):
    """The pages' key covers schema/ with its subfolders: a language's catalogue labels the pages."""
    from conftest import ROOT
    from generator.publicacion import incremental
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    shutil.copy(ROOT / "catalogo.yml", tmp_path / "catalogo.yml")
    monkeypatch.setattr(incremental, "ROOT", tmp_path)
    monkeypatch.setattr(incremental, "SCHEMA_DIR", tmp_path / "schema")
    monkeypatch.setattr(incremental, "CONFIG_PATH", tmp_path / "catalogo.yml")
    incremental.huella_del_codigo.cache_clear()
    try:
        antes = incremental.huella_del_codigo()
        traduccion = next((tmp_path / "schema" / "idiomas").rglob("*.yml"))
        traduccion.write_text(traduccion.read_text(encoding="utf-8") + "\n# otra palabra\n", encoding="utf-8")
        incremental.huella_del_codigo.cache_clear()
        assert incremental.huella_del_codigo() != antes
    finally:
        incremental.huella_del_codigo.cache_clear()


def test_las_paginas_de_ficha_en_paralelo_son_las_mismas_que_de_a_una(monkeypatch):
    """The worker processes render while the parent writes the other pages: each ficha page is the
    one a single process writes, whatever the parent did meanwhile."""
    from conftest import ROOT
    from generator.esquema import idiomas
    from generator.esquema.campos import PERFIL
    from generator.publicacion import incremental
    from generator.publicacion.modelo import desde_lectura
    from generator.publicacion.paginas import Paginas
    from generator.validacion.validar import validar

    fichas = [desde_lectura(f) for f in validar(ROOT / "fichas").fichas]
    perfiles = [desde_lectura(f) for f in validar(ROOT / "perfiles", PERFIL).fichas]

    def paginas(paralelo: bool) -> dict[str, str]:
        monkeypatch.setattr(incremental, "PARALELO_DESDE", 1 if paralelo else 10 ** 6)
        monkeypatch.setattr(os, "cpu_count", lambda: 2)
        with idiomas.en("pt"):
            p = Paginas(fichas, lambda d: None, SITIO_PRUEBA, URLS["repo_url"], perfiles, comun="../")
            with incremental.PaginasDeFichas(p) as de_fichas:
                assert (de_fichas._pool is not None) == paralelo
                p.inicio(), p.cooperacion_inicio()  # the parent's own work meanwhile
                return dict(de_fichas.resultado())

    en_paralelo, de_a_una = paginas(True), paginas(False)
    assert len(en_paralelo) == len(fichas) > 10 and en_paralelo == de_a_una
    actualizada = idiomas.texto("sitio.ficha.actualizada", "pt")  # the workers write in the parent's language
    assert actualizada != idiomas.texto("sitio.ficha.actualizada", "es")
    assert all(actualizada in texto for texto in en_paralelo.values())
