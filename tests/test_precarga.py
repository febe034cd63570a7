"""/explorar/ on a slow connection: the page names every part of the search index (read from
Pagefind's own metadata), and the explorer asks for the part its query needs from the <head>,
which Pagefind then uses instead of asking again."""
from __future__ import annotations

import gzip
import html
import json
import re


def _partes(sitio) -> dict:
    pagina = (sitio / "explorar" / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<meta name="catalogo-busqueda" content="([^"]*)">', pagina)
    assert m, "la página del explorador no nombra las partes del índice"
    return json.loads(html.unescape(m.group(1)))


def test_la_pagina_nombra_cada_parte_del_indice_y_cada_filtro(sitio):
    partes = _partes(sitio)
    indices = {p.stem for p in (sitio / "pagefind" / "index").glob("*.pf_index")}
    filtros = {p.stem for p in (sitio / "pagefind" / "filter").glob("*.pf_filter")}
    assert {t[2] for t in partes["trozos"]} == indices
    assert set(partes["filtros"].values()) == filtros and {"tipo", "pais", "tema"} <= set(partes["filtros"])
    # word ranges in order, one after the other, as Pagefind looks them up
    palabras = [p for t in partes["trozos"] for p in t[:2]]
    assert palabras == sorted(palabras)


def test_el_cbor_de_pagefind_se_lee_entero(sitio):
    from generator.publicacion.precarga import FIRMA, _cbor
    entrada = json.loads((sitio / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    (idioma,) = entrada["languages"].values()
    datos = gzip.decompress((sitio / "pagefind" / f"pagefind.{idioma['hash']}.pf_meta").read_bytes())
    meta, fin = _cbor(datos, len(FIRMA))
    assert fin == len(datos)
    assert meta[0] == entrada["version"] and len(meta[1]) == idioma["page_count"]


def test_el_explorador_pide_la_parte_de_su_consulta_desde_el_principio_y_pagefind_la_usa(navegador, servidor, sitio):
    ctx = navegador.new_context(viewport={"width": 360, "height": 740})
    p = ctx.new_page()
    pedidas: list[str] = []
    p.on("request", lambda r: pedidas.append(r.url) if "/pagefind/" in r.url else None)
    p.goto(servidor + "explorar/?q=regularizacion")
    p.wait_for_selector("#explorar[data-estado=listo]")
    assert p.locator("#explorar-lista li.tarjeta:not(.tarjeta-cargando)").count() > 0
    trozos = [u for u in pedidas if u.endswith(".pf_index")]
    # asked for before Pagefind's WebAssembly had arrived, by the page's <head>…
    desde_la_cabeza = p.evaluate("""() => performance.getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.pf_index') && e.initiatorType === 'link').map((e) => e.name)""")
    assert desde_la_cabeza, trozos
    # …and not asked for a second time by Pagefind
    assert len(trozos) == len(set(trozos)), trozos
    ctx.close()
