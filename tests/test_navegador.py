"""Browser tests: Playwright driving Debian's Chromium against the built site on 127.0.0.1."""
from __future__ import annotations

import json
import subprocess

import pytest
import yaml

from conftest import ROOT
from generator.esquema.vocabularios import vocabulario

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGINAS = {
    "inicio": "",
    "ficha": "fichas/arg/patria-grande/",
    "indice": "paises/arg/",
    "explorar": "explorar/?q=regularizacion",
    "proponer": "proponer/",
    "cooperacion": "cooperacion/",
    "cooperacion-area": "cooperacion/sistemas-informacion/",
    "perfil": "perfiles/arg/dnm/",
    "proponer-perfil": "proponer-perfil/",
}


@pytest.fixture
def pagina(navegador):
    ctx = navegador.new_context(viewport={"width": 1280, "height": 900})
    p = ctx.new_page()
    p.errores = []
    p.on("console", lambda m: p.errores.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: p.errores.append(str(e)))
    p.dialogos = []
    p.on("dialog", lambda d: (p.dialogos.append(d.message), d.dismiss()))
    yield p
    ctx.close()


def _esperar_busqueda(p):
    p.wait_for_selector("#explorar[data-estado=listo]")


def _esperar(p, nombre):
    if nombre == "explorar":
        _esperar_busqueda(p)
    elif nombre.startswith("proponer"):
        p.wait_for_selector("#proponer[data-estado=listo]")
    else:
        p.wait_for_load_state("networkidle")


@pytest.mark.parametrize("nombre", list(PAGINAS))
def test_paginas_abren_sin_errores_de_consola(pagina, servidor, nombre):
    pagina.goto(servidor + PAGINAS[nombre])
    _esperar(pagina, nombre)
    assert pagina.errores == []
    assert pagina.locator("h1").first.is_visible()


def test_busqueda_sin_tildes_encuentra_la_ficha_argentina(pagina, servidor):
    pagina.goto(servidor + "explorar/?q=regularizacion")
    _esperar_busqueda(pagina)
    enlaces = pagina.locator("#explorar-lista a.tarjeta-titulo")
    titulos = enlaces.all_text_contents()
    assert "Programa Nacional de Normalización Documentaria Migratoria «Patria Grande»" in titulos
    assert any(h.endswith("/fichas/arg/patria-grande/") for h in
               [enlaces.nth(i).get_attribute("href") for i in range(enlaces.count())])


def test_dos_facetas_en_la_url_dan_la_cuenta_esperada(pagina, servidor, fichas_de_prueba):
    fichas = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in fichas_de_prueba.glob("*/*.yml")]
    esperadas = [f for f in fichas if f["pais"] in ("ARG", "BRA") and "derechos-humanos" in f["temas"]]
    assert len(esperadas) >= 2
    pagina.goto(servidor + "explorar/?pais=arg&pais=BRA&tema=derechos-humanos")
    _esperar_busqueda(pagina)
    estado = pagina.locator("#explorar-estado").text_content()
    assert estado == f"{len(esperadas)} resultados"
    assert pagina.locator("#explorar-lista li").count() == len(esperadas)
    assert pagina.locator("#f-pais-ARG").is_checked() and pagina.locator("#f-tema-derechos-humanos").is_checked()


def test_las_facetas_muestran_cuantas_fichas_quedan(pagina, servidor, fichas_de_prueba):
    fichas = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in fichas_de_prueba.glob("*/*.yml")]
    con_tema = [f for f in fichas if "derechos-humanos" in f["temas"]]
    pagina.goto(servidor + "explorar/?tema=derechos-humanos")
    _esperar_busqueda(pagina)
    pagina.wait_for_selector("#explorar[data-cuentas~=pais][data-cuentas~=tema]", state="attached")

    def cuenta(id_):
        return pagina.locator(f"label[for={id_}] .faceta-cuenta").text_content()
    # another facet counts within the selection; the selected facet counts without itself
    argentinas = [f for f in con_tema if f["pais"] == "ARG"]
    assert cuenta("f-pais-ARG") == f"({len(argentinas)})"
    assert cuenta("f-tema-derechos-humanos") == f"({len(con_tema)})"
    assert cuenta("f-tema-consulta-social") == f"({sum('consulta-social' in f['temas'] for f in fichas)})"
    # a country without a ficha under this theme is left out of the list
    vacio = next(t.slug for t in vocabulario("paises") if t.slug not in {f["pais"] for f in con_tema})
    assert pagina.locator(f"#f-pais-{vacio}").is_hidden()
    assert pagina.locator("#f-pais-ARG").is_visible()


def _archivos_de_filtros(pedidos):
    return {u for u in pedidos if "/pagefind/filter/" in u}


def _explorar_con_pedidos(navegador, servidor, ancho, alto):
    """/explorar/?q=regularizacion opened and settled, with every URL the page asked for."""
    ctx = navegador.new_context(viewport={"width": ancho, "height": alto})
    p = ctx.new_page()
    pedidos = []
    p.on("request", lambda r: pedidos.append(r.url))
    p.goto(servidor + "explorar/?q=regularizacion")
    _esperar_busqueda(p)
    p.wait_for_load_state("networkidle")
    return ctx, p, pedidos


def test_en_el_telefono_las_cuentas_esperan_a_que_se_abran_los_filtros(navegador, servidor):
    ctx, p, pedidos = _explorar_con_pedidos(navegador, servidor, 360, 740)
    assert p.locator("#explorar-lista li").count() >= 1
    # only the «tipo» filter's file (fichas before profiles): no facet's counts yet
    antes = _archivos_de_filtros(pedidos)
    assert len(antes) <= 1
    assert p.locator("#f-pais-ARG").is_hidden()
    p.locator("#explorar-filtros summary").click()
    p.wait_for_selector("#explorar[data-cuentas~=pais]", state="attached")
    assert _archivos_de_filtros(pedidos) > antes
    # the Argentine ficha and the Argentine cooperation profile mention regularización
    assert p.locator("label[for=f-pais-ARG] .faceta-cuenta").text_content() == "(2)"
    ctx.close()


def test_las_facetas_de_mas_abajo_cuentan_al_llegar_a_ellas(navegador, servidor):
    ctx, p, pedidos = _explorar_con_pedidos(navegador, servidor, 1280, 600)
    assert "pais" in p.get_attribute("#explorar", "data-cuentas").split()
    assert "transferencia" not in p.get_attribute("#explorar", "data-cuentas").split()
    assert p.locator("#explorar-filtros fieldset[data-faceta=transferencia] .faceta-cuenta").first.text_content() == ""
    antes = _archivos_de_filtros(pedidos)
    p.locator("#explorar-filtros fieldset[data-faceta=transferencia]").scroll_into_view_if_needed()
    p.wait_for_selector("#explorar[data-cuentas~=transferencia]", state="attached")
    assert _archivos_de_filtros(pedidos) > antes
    assert p.locator("#explorar-filtros fieldset[data-faceta=transferencia] .faceta-cuenta").first.text_content().startswith("(")
    ctx.close()


def test_el_estado_de_la_busqueda_queda_en_la_url(pagina, servidor):
    pagina.goto(servidor + "explorar/")
    _esperar_busqueda(pagina)
    pagina.fill("#explorar-q", "frontera")
    pagina.check("#f-categoria-mecanismos-operativos")
    pagina.wait_for_function("() => location.search.includes('q=frontera') && location.search.includes('categoria=')")
    assert "categoria=mecanismos-operativos" in pagina.url


def test_la_busqueda_de_la_cabecera_lleva_al_explorador(pagina, servidor):
    pagina.goto(servidor + "fichas/arg/patria-grande/")
    pagina.fill("#cabecera-q", "consulares")
    pagina.press("#cabecera-q", "Enter")
    pagina.wait_for_url("**/explorar/?q=consulares")
    _esperar_busqueda(pagina)
    assert pagina.locator("#explorar-lista li").count() >= 1


def test_ficha_con_script_no_abre_dialogos(pagina, servidor):
    pagina.goto(servidor + "fichas/chl/hostil/")
    pagina.wait_for_load_state("networkidle")
    pagina.goto(servidor + "explorar/?q=alert")
    _esperar_busqueda(pagina)
    # the cards are on the page: a script in them would have opened its dialog while they were inserted
    pagina.wait_for_function("document.querySelectorAll('#explorar-lista li').length > 0")
    assert pagina.dialogos == []
    pagina.goto(servidor + "fichas/chl/hostil/")
    pagina.wait_for_load_state("networkidle")
    assert "<script>alert('antecedentes')</script>" in pagina.locator("article.ficha").inner_text()
    assert pagina.dialogos == []


@pytest.mark.parametrize("nombre", list(PAGINAS))
def test_telefono_de_360_px_sin_desborde_horizontal(navegador, servidor, nombre):
    ctx = navegador.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1)
    p = ctx.new_page()
    p.goto(servidor + PAGINAS[nombre])
    _esperar(p, nombre)
    ancho = p.evaluate("document.documentElement.scrollWidth")
    ctx.close()
    assert ancho <= 360


@pytest.mark.parametrize("nombre", list(PAGINAS))
def test_axe_sin_violaciones_graves(pagina, servidor, nombre):
    pagina.goto(servidor + PAGINAS[nombre])
    _esperar(pagina, nombre)
    # axe is injected by evaluation (DevTools), not a <script> the page's policy would block
    pagina.evaluate(AXE.read_text(encoding="utf-8"))
    resultado = pagina.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    graves = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
              for v in resultado["violations"] if v["impact"] in ("serious", "critical")]
    assert graves == []


def test_nu_html_checker_sin_errores(sitio):
    archivos = [sitio / "index.html", sitio / "fichas/arg/patria-grande/index.html",
                sitio / "paises/arg/index.html", sitio / "explorar/index.html",
                sitio / "fichas/chl/hostil/index.html", sitio / "contribuir/index.html",
                sitio / "proponer/index.html"]
    r = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, archivos)],
                       capture_output=True, text=True, timeout=300)
    mensajes = json.loads(r.stderr or r.stdout)["messages"]
    assert [(m.get("url", "").rsplit("/site/", 1)[-1], m["message"]) for m in mensajes] == []


def test_bajo_una_subruta_todo_se_pide_dentro_de_ella(pagina, servidor):
    """Served under /osumi/catalogo/ (as inside OSUMI's site): search, a result, its PDF and the
    form work, and no request leaves the sub-path or fails."""
    from urllib.parse import urlparse
    subruta = urlparse(servidor).path
    pedidos, fallidos = [], []
    pagina.on("request", lambda r: pedidos.append(r.url))
    pagina.on("response", lambda r: fallidos.append(r.url) if r.status >= 400 else None)
    pagina.goto(servidor)
    pagina.fill("#portada-q", "regularizacion")
    pagina.press("#portada-q", "Enter")
    pagina.wait_for_url("**/explorar/?q=regularizacion")
    _esperar_busqueda(pagina)
    enlace = pagina.locator("#explorar-lista li a.tarjeta-titulo").first
    enlace.click()
    pagina.wait_for_load_state("networkidle")
    assert urlparse(pagina.url).path.startswith(subruta + "fichas/")
    pdf = pagina.locator("a", has_text="Descargar ficha (PDF)").get_attribute("href")
    respuesta = pagina.request.get(pagina.url + pdf)
    assert respuesta.status == 200 and respuesta.body()[:5] == b"%PDF-"
    pagina.goto(servidor + "proponer/")
    pagina.wait_for_selector("#proponer[data-estado=listo]")
    propios = [u for u in pedidos if urlparse(u).netloc == urlparse(servidor).netloc]
    assert propios and all(urlparse(u).path.startswith(subruta) for u in propios), propios
    assert fallidos == [] and pagina.errores == []


def test_el_explorador_filtra_por_tipo_fichas_y_perfiles(pagina, servidor):
    pagina.goto(servidor + "explorar/?tipo=perfil&pais=ARG")
    _esperar_busqueda(pagina)
    enlaces = [a.get_attribute("href") for a in pagina.locator("#explorar-lista li a.tarjeta-titulo").all()]
    assert enlaces and all("/perfiles/arg/" in h for h in enlaces), enlaces
    assert "Perfil de cooperación" in pagina.locator("#explorar-lista li .tarjeta-meta").first.inner_text()
    pagina.goto(servidor + "explorar/?tipo=ficha&pais=ARG")
    _esperar_busqueda(pagina)
    enlaces = [a.get_attribute("href") for a in pagina.locator("#explorar-lista li a.tarjeta-titulo").all()]
    assert enlaces and all("/fichas/arg/" in h for h in enlaces), enlaces


def test_chips_de_filtros_activos_y_quitar_filtros(pagina, servidor):
    pagina.goto(servidor + "explorar/?pais=ARG&tema=derechos-humanos")
    _esperar_busqueda(pagina)
    chips = pagina.locator("#explorar-activos .chip-activo")
    assert chips.count() == 2 and "País: Argentina" in chips.first.inner_text()
    chips.first.click()  # remove «País: Argentina»
    _esperar_busqueda(pagina)
    assert "pais=" not in pagina.url and "tema=derechos-humanos" in pagina.url
    assert not pagina.locator("#f-pais-ARG").is_checked()
    pagina.click("#explorar-activos .explorar-quitar")
    _esperar_busqueda(pagina)
    assert pagina.locator("#explorar-activos .chip-activo").count() == 0 and "?" not in pagina.url


def test_orden_por_fecha_y_por_titulo(pagina, servidor, fichas_de_prueba):
    import yaml as _yaml
    fichas = [_yaml.safe_load(f.read_text(encoding="utf-8")) for f in fichas_de_prueba.glob("*/*.yml")]
    pagina.goto(servidor + "explorar/?tipo=ficha&orden=fecha")
    _esperar_busqueda(pagina)
    assert pagina.input_value("#explorar-orden") == "fecha"
    primero = pagina.locator("#explorar-lista li a.tarjeta-titulo").first.inner_text()
    mas_reciente = max(fichas, key=lambda f: str(f["fecha"]))
    assert primero == mas_reciente["titulo"]
    pagina.select_option("#explorar-orden", "titulo")
    _esperar_busqueda(pagina)
    assert "orden=titulo" in pagina.url
    titulos = [a.inner_text() for a in pagina.locator("#explorar-lista li a.tarjeta-titulo").all()]
    assert titulos[0].lower() <= titulos[-1].lower()


def test_filtro_por_anio_y_resumen_sin_busqueda(pagina, servidor):
    pagina.goto(servidor + "explorar/?anio=2007")
    _esperar_busqueda(pagina)
    enlaces = [a.get_attribute("href") for a in pagina.locator("#explorar-lista li a.tarjeta-titulo").all()]
    assert any("/fichas/arg/patria-grande/" in h for h in enlaces)  # 2006–2010 includes 2007
    assert not any("/fichas/col/" in h for h in enlaces)
    # no words searched: the card shows the summary, not the breadcrumb
    resumenes = pagina.locator("#explorar-lista li .tarjeta-resumen").all_inner_texts()
    assert resumenes and not any(r.startswith("Catálogo") for r in resumenes)


def test_en_el_telefono_un_boton_lleva_de_los_filtros_a_los_resultados(navegador, servidor):
    ctx = navegador.new_context(viewport={"width": 360, "height": 740})
    p = ctx.new_page()
    p.goto(servidor + "explorar/")
    _esperar_busqueda(p)
    p.locator("#explorar-filtros summary").click()
    p.check("#f-pais-ARG")
    _esperar_busqueda(p)
    p.click(".explorar-ver")
    assert not p.locator("#f-pais-ARG").is_visible()
    assert p.locator("#explorar-activos .chip-activo").first.is_visible()
    ctx.close()


def test_en_el_telefono_con_filtros_los_resultados_estan_arriba(navegador, servidor):
    ctx = navegador.new_context(viewport={"width": 360, "height": 740})
    p = ctx.new_page()
    p.goto(servidor + "explorar/?pais=ARG&tema=derechos-humanos")
    _esperar_busqueda(p)
    assert not p.locator("#f-pais-ARG").is_visible()  # the panel stays folded
    tarjeta = p.locator("#explorar-lista li").first.bounding_box()
    assert tarjeta and tarjeta["y"] < 740  # the first result is on the first screen
    assert p.locator("#explorar-activos .chip-activo").count() == 2
    ctx.close()


def test_portada_en_el_telefono_miembros_con_nombre_y_el_resto_plegado(navegador, servidor):
    ctx = navegador.new_context(viewport={"width": 360, "height": 740})
    p = ctx.new_page()
    p.goto(servidor)
    miembros = [t.nombre_corto for t in vocabulario("paises") if t.extra.get("csm")]
    nombres = p.locator(".paises-miembros .pais-nombre").all_inner_texts()
    assert sorted(nombres) == sorted(miembros)  # the twelve, by name, not ISO codes
    assert all(p.locator(".paises-miembros li").nth(i).is_visible() for i in range(len(nombres)))
    # no link anywhere on the home page to a non-member's page that would be empty
    otros = {t.slug.lower() for t in vocabulario("paises") if not t.extra.get("csm")}
    hrefs = [a.get_attribute("href") or "" for a in p.locator("a[href*='paises/']").all()]
    for h in hrefs:
        codigo = h.rstrip("/").rsplit("/", 1)[-1]
        if codigo in otros:
            assert p.locator(f"a[href='{h}']").first.is_hidden(), h  # folded until opened
    ctx.close()


def test_contactar_desde_una_ficha_escribe_a_la_institucion_con_la_st_en_copia(pagina, servidor, fichas_de_prueba):
    from urllib.parse import parse_qs, unquote, urlparse
    ficha = yaml.safe_load((fichas_de_prueba / "arg" / "patria-grande.yml").read_text(encoding="utf-8"))
    pagina.goto(servidor + "fichas/arg/patria-grande/")
    href = pagina.get_by_role("link", name="Contactar", exact=True).get_attribute("href")
    url = urlparse(href)
    consulta = parse_qs(url.query)
    assert url.scheme == "mailto" and unquote(url.path) == ficha["contacto"]["email_institucional"]
    assert consulta["cc"] == [yaml.safe_load((ROOT / "catalogo.yml").read_text())["correo_st"]]
    assert ficha["titulo"] in consulta["subject"][0]
    assert "fichas/arg/patria-grande/" in consulta["body"][0]


def test_el_extracto_no_empieza_por_las_migas_de_la_ficha(pagina, servidor):
    """The breadcrumbs («Catálogo › Argentina › Ficha técnica») are not indexed: an excerpt never
    begins with their last words."""
    pagina.goto(servidor + "explorar/?q=migrantes")
    _esperar_busqueda(pagina)
    pagina.wait_for_selector("#explorar-lista li.tarjeta:not(.tarjeta-cargando)")
    extractos = pagina.locator("#explorar-lista .tarjeta-resumen").all_text_contents()
    assert extractos
    assert not [e for e in extractos if e.startswith(("técnica", "Ficha técnica", "Catálogo"))], extractos
