"""The explorer, the form and the public pages in Portuguese and English, in the browser (issue 25):
a filter in each language (results, labels in it, the same codes), a mistake in the form (the message
in that language, naming the field's number and label), no Spanish text of the pages' catalogue left."""
from __future__ import annotations

import pytest
import yaml

from generator.esquema import idiomas
from generator.esquema.campos import FICHA
from generator.esquema.mensajes import mensaje
from generator.esquema.vocabularios import vocabulario
from test_paginas_idiomas import catalogo, restos_en_espanol, sin_lo_que_falta_traducir, texto_visible

OTROS = ("pt", "en")


@pytest.fixture
def pagina(navegador):
    ctx = navegador.new_context(viewport={"width": 1280, "height": 900})
    p = ctx.new_page()
    p.errores, p.pedidos = [], []
    p.on("pageerror", lambda e: p.errores.append(str(e)))
    p.on("request", lambda r: p.pedidos.append(r.url))
    yield p
    ctx.close()


def _facetas(p) -> dict[str, dict[str, str]]:
    """{faceta: {código: etiqueta}} as the explorer shows them."""
    return p.evaluate("""() => Object.fromEntries([...document.querySelectorAll('fieldset[data-faceta]')].map((fs) =>
        [fs.dataset.faceta, Object.fromEntries([...fs.querySelectorAll('input')].map((cb) =>
          [cb.value, document.querySelector(`label[for="${cb.id}"]`).firstChild.textContent.trim()]))]))""")


@pytest.mark.parametrize("codigo", OTROS)
def test_el_explorador_filtra_por_codigo_y_habla_su_idioma(pagina, servidor, fichas_de_prueba, codigo):
    fichas = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in fichas_de_prueba.glob("*/*.yml")]
    esperadas = [f for f in fichas if "derechos-humanos" in f["temas"]]
    pagina.goto(servidor + "explorar/?tema=derechos-humanos")
    pagina.wait_for_selector("#explorar[data-estado=listo]")
    en_espanol = _facetas(pagina)
    pagina.pedidos.clear()
    pagina.goto(servidor + f"{codigo}/explorar/?tema=derechos-humanos")
    pagina.wait_for_selector("#explorar[data-estado=listo]")
    assert pagina.errores == []
    assert pagina.evaluate("document.documentElement.lang").startswith(codigo)
    # the same filter, by its code, gives the same records
    assert pagina.locator("#explorar-lista li").count() >= 1
    perfiles = sum(1 for h in pagina.locator("#explorar-lista a.tarjeta-titulo").evaluate_all("as => as.map(a => a.href)")
                   if "/perfiles/" in h)
    assert pagina.locator("#explorar-lista li").count() - perfiles == len(esperadas)
    facetas = _facetas(pagina)
    assert {k: sorted(v) for k, v in facetas.items()} == {k: sorted(v) for k, v in en_espanol.items()}
    assert pagina.locator("#f-tema-derechos-humanos").is_checked()
    with idiomas.en(codigo):
        # the labels in the page's language: the vocabulary's and the catalogue's
        assert facetas["tema"] == {t.slug: t.nombre_corto for t in vocabulario("temas")}
        assert facetas["tipo"]["perfil"] == idiomas.t("paginas.explorar.tipo_perfil")
        tema = facetas["tema"]["derechos-humanos"]
        titulo = next(c.faceta.titulo for c in FICHA.facetas if c.faceta.clave == "tema")
        chip = pagina.locator("#explorar-activos .chip-activo").first
        assert chip.get_attribute("aria-label") == idiomas.t("paginas.explorador.quitar_filtro", nombre=f"{titulo}: {tema}")
        assert pagina.locator(".explorar-plegable summary").text_content() == idiomas.t("paginas.explorador.filtros")
        n = pagina.locator("#explorar-lista li").count()
        plantillas = [idiomas.t("paginas.explorador.resultados_varios", n=n)]
        estado = pagina.locator("#explorar-estado").text_content()
        assert estado in plantillas or estado.startswith(idiomas.t("paginas.explorador.resultados_agrupados",
                                                                   n=n, fichas="", perfiles="").split(":")[0])
    # Pagefind searched this language's index (chosen by <html lang>), not the Spanish one
    indices = {u.split("/pagefind/")[1].split("_")[0] for u in pagina.pedidos if "/pagefind/pagefind." in u and "pf_meta" in u}
    assert indices == {f"pagefind.{codigo}"}, indices


@pytest.mark.parametrize("codigo", OTROS)
def test_un_error_en_el_formulario_se_dice_en_su_idioma(pagina, servidor, codigo):
    pagina.goto(servidor + f"{codigo}/proponer/")
    pagina.wait_for_selector("#proponer[data-estado=listo]")
    pagina.fill("#f-resumen", " ".join(["palabra"] * 201))
    pagina.click("#proponer-comprobar")
    pagina.wait_for_selector("#proponer-errores:not([hidden])")
    with idiomas.en(codigo):
        etiqueta = FICHA.campos["resumen"].rotulo
        esperado = f"{etiqueta}: " + mensaje("palabras", n=201, maximo=FICHA.campos["resumen"].max_palabras)
        assert etiqueta.startswith("(2.2) ")
        assert esperado in pagina.locator("#proponer-errores").inner_text()
        assert esperado in pagina.locator("#f-resumen-error").text_content()
        n = pagina.locator("#proponer-errores li").count()
        assert pagina.locator("#proponer-errores h2").text_content() == idiomas.t(
            "paginas.formulario.problemas_titulo_uno" if n == 1 else "paginas.formulario.problemas_titulo_varios", n=n)
        assert pagina.locator("#proponer-estado").text_content() == idiomas.t(
            "paginas.formulario.problemas_uno" if n == 1 else "paginas.formulario.problemas_varios", n=n)
        assert pagina.locator("label[for=f-titulo]").text_content() == \
            FICHA.campos["titulo"].rotulo + " " + idiomas.t("paginas.formulario.obligatorio")
    assert pagina.errores == []


PUBLICAS = ["contribuir/", "cooperacion/", "cooperacion/sistemas-informacion/", "datos/", "descargas/",
            "explorar/?q=migrantes", "proponer/", "proponer-perfil/"]


@pytest.mark.parametrize("codigo", OTROS)
def test_ningun_texto_en_espanol_del_catalogo_en_las_paginas_de_otro_idioma(pagina, servidor, codigo):
    assert catalogo(codigo)  # the language has the pages' catalogue
    for ruta in PUBLICAS:
        pagina.goto(servidor + codigo + "/" + ruta)
        if ruta.startswith("explorar"):
            pagina.wait_for_selector("#explorar[data-estado=listo]")
        elif ruta.startswith("proponer"):
            pagina.wait_for_selector("#proponer[data-estado=listo]")
            pagina.click("#proponer-comprobar")  # its messages too
        restos = restos_en_espanol(sin_lo_que_falta_traducir(texto_visible(pagina.locator("article").inner_html()), codigo), codigo)
        assert not restos, (ruta, restos)
    assert pagina.errores == []
