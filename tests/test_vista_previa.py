"""`make serve`: an edited record's page is written first, the same page the full build writes;
what is not a plain edit of an existing record goes to the full build; the preview's watcher
asks for a build when a source is written, never when it is only read."""
from __future__ import annotations

import importlib.util
import shutil
from types import SimpleNamespace

from conftest import ROOT, SITIO_PRUEBA, URLS


def _opciones(fichas, destino):
    from generator.publicacion import construccion
    return construccion.Opciones(fichas=fichas, generado=destino / "paginas", pdf=False, buscador=False,
                                 sitio_url=SITIO_PRUEBA, repo_url=URLS["repo_url"], cache=destino / "cache")


def test_la_pagina_editada_primero_y_la_misma_que_escribe_la_construccion(fichas_de_prueba, tmp_path):
    from generator.publicacion import construccion, vista_previa
    fichas = tmp_path / "fichas"
    shutil.copytree(fichas_de_prueba, fichas)
    op = _opciones(fichas, tmp_path)
    estado = construccion.construir(op)
    pais = (tmp_path / "paginas" / "paises" / "ecu" / "index.md").read_bytes()
    ruta = fichas / "ecu" / "ley-movilidad-humana.yml"
    texto = ruta.read_text(encoding="utf-8")
    titulo = next(linea for linea in texto.splitlines() if linea.startswith("titulo:"))
    ruta.write_text(texto.replace(titulo, "titulo: Movilidad humana, título editado", 1), encoding="utf-8")

    escritas = vista_previa.paginas_editadas(op, estado, {ruta})
    assert escritas == ["fichas/ecu/ley-movilidad-humana/index.md"]
    pagina = (tmp_path / "paginas" / escritas[0]).read_bytes()
    assert "título editado".encode() in pagina
    # only its own page: the country's index still lists the old title until the full build
    assert (tmp_path / "paginas" / "paises" / "ecu" / "index.md").read_bytes() == pais

    despues = construccion.construir(op)
    assert (tmp_path / "paginas" / escritas[0]).read_bytes() == pagina  # the page the full build writes
    assert escritas[0] not in despues.cambiados                          # so it was not written again
    assert "paises/ecu/index.md" in despues.cambiados


def test_lo_que_no_es_editar_una_ficha_va_a_la_construccion_completa(fichas_de_prueba, tmp_path):
    from generator.publicacion import construccion, vista_previa
    fichas = tmp_path / "fichas"
    shutil.copytree(fichas_de_prueba, fichas)
    op = _opciones(fichas, tmp_path)
    estado = construccion.construir(op)
    original = fichas / "ecu" / "ley-movilidad-humana.yml"
    nueva = fichas / "ecu" / "otra-ficha.yml"
    shutil.copy(original, nueva)
    assert vista_previa.paginas_editadas(op, estado, {nueva}) is None       # a new record
    nueva.unlink()
    assert vista_previa.paginas_editadas(op, estado, {nueva}) is None       # a removed one
    assert vista_previa.paginas_editadas(op, estado, {ROOT / "catalogo.yml"}) is None  # not a record
    original.write_text(original.read_text(encoding="utf-8").replace("\ntemas:", "\ntemas_mal:", 1), encoding="utf-8")
    antes = (tmp_path / "paginas" / "fichas" / "ecu" / "ley-movilidad-humana" / "index.md").read_bytes()
    assert vista_previa.paginas_editadas(op, estado, {original}) is None    # invalid: the build reports it
    assert (tmp_path / "paginas" / "fichas" / "ecu" / "ley-movilidad-humana" / "index.md").read_bytes() == antes


def _gancho():
    spec = importlib.util.spec_from_file_location("catalogo_gancho_prueba", ROOT / "hooks" / "catalogo.py")
    modulo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modulo)
    return modulo


def test_leer_una_fuente_no_pide_otra_construccion_y_escribirla_si(tmp_path):
    gancho = _gancho()
    señal = tmp_path / "cambios"
    gancho._estado["señal"] = señal
    manejador = gancho._CambioDeFuente()
    for tipo in ("opened", "closed_no_write"):  # what `construir` does to every record it reads
        manejador.dispatch(SimpleNamespace(is_directory=False, event_type=tipo, src_path=str(tmp_path / "x.yml")))
    assert not señal.exists()
    manejador.dispatch(SimpleNamespace(is_directory=False, event_type="modified", src_path=str(tmp_path / "x.yml")))
    assert señal.read_text(encoding="ascii") == "1"
    manejador.dispatch(SimpleNamespace(is_directory=False, event_type="deleted", src_path=str(tmp_path / "x.yml")))
    assert señal.read_text(encoding="ascii") == "2"
    # a single file (catalogo.yml) is watched through its folder: only its own changes count, also
    # when an editor replaces it (a move onto it)
    solo = gancho._CambioDeFuente(str(tmp_path / "catalogo.yml"))
    solo.dispatch(SimpleNamespace(is_directory=False, event_type="modified", src_path=str(tmp_path / "README.md")))
    assert señal.read_text(encoding="ascii") == "2"
    solo.dispatch(SimpleNamespace(is_directory=False, event_type="moved", src_path=str(tmp_path / ".catalogo.tmp"),
                                  dest_path=str(tmp_path / "catalogo.yml")))
    assert señal.read_text(encoding="ascii") == "3"


def test_bajo_serve_las_plantillas_del_tema_se_compilan_una_vez(tmp_path):
    from jinja2 import Environment, FileSystemLoader
    (tmp_path / "pagina.html").write_text("Hola {{ nombre }}", encoding="utf-8")
    gancho = _gancho()
    gancho._estado["sirviendo"] = True
    primera = gancho.on_env(Environment(loader=FileSystemLoader(tmp_path)), None, None)
    assert primera.get_template("pagina.html").render(nombre="A") == "Hola A"
    segunda = gancho.on_env(Environment(loader=FileSystemLoader(tmp_path)), None, None)  # the next build's

    def compilar(*args, **kwargs):
        raise AssertionError("compilada otra vez")
    segunda.compile = compilar
    assert segunda.get_template("pagina.html").render(nombre="B") == "Hola B"
    # a template that changed is compiled anew
    (tmp_path / "pagina.html").write_text("Chau {{ nombre }}", encoding="utf-8")
    tercera = gancho.on_env(Environment(loader=FileSystemLoader(tmp_path)), None, None)
    assert tercera.get_template("pagina.html").render(nombre="C") == "Chau C"
