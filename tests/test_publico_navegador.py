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


def test_el_mapa_enlaza_cada_miembro_con_su_cuenta_y_se_usa_con_el_teclado(pagina, servidor, fichas_de_prueba):
    from generator.esquema.vocabularios import vocabulario
    miembros = [t for t in vocabulario("paises") if t.extra.get("csm")]
    pagina.goto(servidor)
    enlaces = pagina.locator("svg.mapa-svg a.mapa-pais")
    assert enlaces.count() >= len(miembros)
    for t in miembros:
        a = pagina.locator(f'svg.mapa-svg a[data-pais="{t.slug}"]')
        n = len(list((fichas_de_prueba / t.slug.lower()).glob("*.yml")))
        assert a.get_attribute("aria-label") == f"{t.etiqueta}: {n} {'ficha' if n == 1 else 'fichas'}"
        assert a.get_attribute("href") == f"paises/{t.slug.lower()}/"
    # the accessible tree names each country link, as a screen reader announces it
    arbol = pagina.locator("svg.mapa-svg").aria_snapshot()
    assert 'link "Argentina: ' in arbol and 'link "Brasil: ' in arbol
    # the keyboard reaches the map's links, and Enter opens the country's page
    pagina.focus('svg.mapa-svg a[data-pais="BOL"]')
    pagina.keyboard.press("Tab")
    siguiente = pagina.evaluate("document.activeElement.getAttribute('data-pais')")
    assert siguiente == "BRA"
    pagina.keyboard.press("Enter")
    pagina.wait_for_url("**/paises/bra/")
    # the list beside the map names the same countries (what a phone shows first)
    pagina.goto(servidor)
    assert pagina.locator(".mapa-lista .paises-miembros li").count() == len(miembros)


def test_el_mapa_no_pide_nada_a_otro_servidor(navegador, servidor):
    ctx = navegador.new_context(viewport={"width": 360, "height": 740})
    p = ctx.new_page()
    pedidos = []
    p.on("request", lambda r: pedidos.append(r.url))
    p.goto(servidor)
    p.wait_for_load_state("networkidle")
    assert p.locator("svg.mapa-svg").is_visible()
    assert all(u.startswith(servidor.split("/osumi")[0]) or u.startswith("data:") for u in pedidos), pedidos
    ctx.close()


@pytest.mark.parametrize("ruta", ["descargas/", "datos/", "paises/arg/"])
def test_axe_sin_violaciones_graves_en_las_paginas_nuevas(pagina, servidor, ruta):
    from conftest import ROOT
    pagina.goto(servidor + ruta)
    pagina.wait_for_load_state("networkidle")
    pagina.evaluate((ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8"))
    resultado = pagina.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    graves = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in resultado["violations"]
              if v["impact"] in ("serious", "critical")]
    assert graves == []
