"""The size budget (catalogo.yml «tamano_maximo») and the compilations by parts that keep a large
catalogue under it."""
from __future__ import annotations

import pytest

from conftest import ROOT


def test_el_limite_se_lee_como_lo_escribe_una_persona():
    from generator.publicacion.tamano import LimiteInvalido, leer_limite
    assert leer_limite("1 GB") == 10 ** 9
    assert leer_limite("800 MB") == 800 * 10 ** 6
    assert leer_limite("1,5 GB") == 1_500_000_000
    with pytest.raises(LimiteInvalido, match="Escríbalo como «1 GB»"):
        leer_limite("mucho")


def test_indexar_informa_el_tamano_y_falla_por_encima_del_limite(tmp_path, monkeypatch):
    from generator.publicacion import construccion
    sitio = tmp_path / "site"
    sitio.mkdir()
    (sitio / "index.html").write_bytes(b"x" * 600)
    (sitio / "datos.json").write_bytes(b"x" * 500)
    import dataclasses
    config = construccion.leer_configuracion()
    with pytest.raises(construccion.ErrorDeConstruccion) as err:
        construccion.revisar_tamano(sitio, dataclasses.replace(config, tamano_maximo="1 KB"))
    assert "1,10 KB en 2 archivos" in str(err.value) and "tamano_maximo" in str(err.value)
    informe = construccion.revisar_tamano(sitio, dataclasses.replace(config, tamano_maximo="2 KB")).informe()
    assert informe.startswith("Sitio publicado: 1,10 KB en 2 archivos")


def test_por_partes_cada_ficha_va_en_una_sola_compilacion():
    from generator.publicacion.modelo import desde_lectura
    from generator.publicacion.pdf import grupos_de_compilacion
    from generator.validacion.validar import validar
    fichas = [desde_lectura(f) for f in validar(ROOT / "fichas").fichas]
    todas = grupos_de_compilacion(fichas)
    assert todas[0][0] == ("catalogo", "") and {g[0][0] for g in todas} == {"catalogo", "paises", "temas", "categorias"}
    partes = grupos_de_compilacion(fichas, por_partes=True)
    assert {g[0][0] for g in partes} == {"paises"}
    assert sorted(f.id for g in partes for f in g[3]) == sorted(f.id for f in fichas)
    assert sum(len(g[3]) for g in todas) > 4 * len(fichas)  # why: every ficha in five or more compilations


def test_la_construccion_lee_catalogo_yml_una_vez_y_lo_pasa(tmp_path, monkeypatch):
    """The configuration the entry point read reaches every page, form and check; nothing below
    reads catalogo.yml again (a second reading would give the file's address, not this one)."""
    import dataclasses
    from conftest import ROOT
    from generator import config as modulo_config
    from generator.publicacion import construccion, escritura, paginas
    propia = dataclasses.replace(modulo_config.leer_configuracion(), correo_st="otra-secretaria@example.org",
                                 sitio_url="https://example.net/otro/", revision={"fichas": 1, "perfiles": 1})

    def prohibido(*a, **k):
        raise AssertionError("catalogo.yml se volvió a leer durante la construcción")

    for modulo in (construccion, escritura, paginas):
        monkeypatch.setattr(modulo, "leer_configuracion", prohibido)
    op = construccion.Opciones(sitio_url=propia.sitio_url, repo_url=propia.repositorio, catalogo=propia,
                               fichas=ROOT / "fichas", perfiles=ROOT / "perfiles", generado=tmp_path / "paginas",
                               pdf=False, buscador=False, cache=tmp_path / "cache")
    construccion.construir(op)
    proponer = (tmp_path / "paginas" / "proponer" / "index.md").read_text(encoding="utf-8")
    assert "otra-secretaria@example.org" in proponer and "csmsecretariatecnica@iom.int" not in proponer
