"""Browser tests for the public catalogue (issue 23): search ranks practices first with readable
excerpts and an honest count; nothing is cut at 360 px."""
from __future__ import annotations

import re

import pytest


@pytest.fixture
def pagina(navegador):
    ctx = navegador.new_context(viewport={"width": 1280, "height": 900})
    p = ctx.new_page()
    yield p
    ctx.close()


def _buscar(p, servidor, q):
    p.goto(servidor + f"explorar/?q={q}")
    p.wait_for_selector("#explorar[data-estado=listo]")
    while p.locator("#explorar-mas").is_visible():  # every result on the page
        p.click("#explorar-mas")
        p.wait_for_function("!document.querySelector('.tarjeta-cargando')")
    return p.locator("#explorar-lista li").all()


def test_las_fichas_antes_que_los_perfiles_y_la_cuenta_es_lo_que_se_ve(pagina, servidor):
    tarjetas = _buscar(pagina, servidor, "frontera")
    tipos = ["perfil" if "Perfil de cooperación" in t.locator(".tarjeta-meta").inner_text() else "ficha" for t in tarjetas]
    assert "ficha" in tipos and "perfil" in tipos  # the query matches both
    assert tipos == sorted(tipos)  # every ficha before every profile
    estado = pagina.locator("#explorar-estado").inner_text()
    n, nf, np_ = (int(x) for x in re.match(r"(\d+) resultados: (\d+) fichas? técnicas? y después (\d+) perfil", estado).groups())
    assert n == len(tarjetas) and nf == tipos.count("ficha") and np_ == tipos.count("perfil")
    assert "primero las fichas técnicas" in pagina.locator(".explorar-nota").inner_text()


def test_los_extractos_de_perfiles_se_leen_sin_codigos(pagina, servidor):
    tarjetas = _buscar(pagina, servidor, "frontera")
    perfiles = [t for t in tarjetas if "Perfil de cooperación" in t.locator(".tarjeta-meta").inner_text()]
    assert perfiles
    for t in perfiles:
        texto = t.locator(".tarjeta-resumen").inner_text()
        assert not re.search(r"\(P\d+\)", texto), texto  # no field codes
        assert not re.search(r"[a-záéíóúñ][A-ZÁÉÍÓÚÑ]", texto), texto  # no words run together


def test_cada_tarjeta_muestra_la_coincidencia_o_el_motivo(pagina, servidor):
    for q in ("frontera", "regularizacion", "consulares"):
        for t in _buscar(pagina, servidor, q):
            assert t.locator("mark").count() or t.locator(".tarjeta-motivo").count(), (q, t.inner_text())


def test_un_apellido_que_no_esta_en_ningun_texto_no_da_resultados(pagina, servidor):
    assert _buscar(pagina, servidor, "Zubizarretagoitia") == []
    assert "Nada coincide" in pagina.locator("#explorar-estado").inner_text()


def test_elegir_tipo_o_un_orden_no_agrupa(pagina, servidor):
    tarjetas = _buscar(pagina, servidor, "frontera&tipo=perfil")
    assert tarjetas and all("Perfil de cooperación" in t.locator(".tarjeta-meta").inner_text() for t in tarjetas)
    assert re.fullmatch(r"\d+ resultados?", pagina.locator("#explorar-estado").inner_text())


@pytest.mark.parametrize("ruta", ["", "fichas/arg/patria-grande/", "cooperacion/", "descargas/", "datos/",
                                  "explorar/?q=frontera", "paises/arg/"])
def test_nada_se_corta_a_360_px(navegador, servidor, ruta):
    ctx = navegador.new_context(viewport={"width": 360, "height": 740})
    p = ctx.new_page()
    p.goto(servidor + ruta)
    if ruta.startswith("explorar"):
        p.wait_for_selector("#explorar[data-estado=listo]")
    else:
        p.wait_for_load_state("networkidle")
    ancho = p.evaluate("document.documentElement.scrollWidth")
    assert ancho <= 360, ancho
    ctx.close()


def test_el_orden_y_los_filtros_tienen_su_aspecto(pagina, servidor):
    pagina.goto(servidor + "explorar/")
    pagina.wait_for_selector("#explorar[data-estado=listo]")
    assert pagina.eval_on_selector("#explorar-orden", "e => getComputedStyle(e).appearance") == "none"
    mascara = pagina.eval_on_selector("#explorar-filtros summary", "e => getComputedStyle(e, '::before').maskImage || getComputedStyle(e, '::before').webkitMaskImage")
    assert "M14 12v7.88" in mascara  # the funnel, not Material's pencil
