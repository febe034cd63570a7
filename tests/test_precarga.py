"""/explorar/ on a slow connection: the page names every part of the search index (read from
Pagefind's own metadata), and the explorer asks for the part its query needs from the <head>,
which Pagefind then uses instead of asking again."""
from __future__ import annotations

import gzip
import html
import json
import re


def _estable(p, medir, intentos: int = 20):
    """The page's measures once they stop changing (the filters' counts arrive after the results)."""
    antes = p.evaluate(medir)
    for _ in range(intentos):
        p.wait_for_timeout(250)
        ahora = p.evaluate(medir)
        if ahora == antes:
            return ahora
        antes = ahora
    return antes


def _partes(sitio, carpeta: str = "") -> dict:
    pagina = (sitio / carpeta / "explorar" / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<meta name="catalogo-busqueda" content="([^"]*)">', pagina)
    assert m, "la página del explorador no nombra las partes del índice"
    return json.loads(html.unescape(m.group(1)))


def test_la_pagina_de_cada_idioma_nombra_cada_parte_de_su_indice_y_cada_filtro(sitio):
    """Pagefind makes one index per language (<html lang>): each explorer names its own language's
    parts, and together they are every part of every index."""
    indices = {p.stem for p in (sitio / "pagefind" / "index").glob("*.pf_index")}
    filtros = {p.stem for p in (sitio / "pagefind" / "filter").glob("*.pf_filter")}
    vistos_i, vistos_f = set(), set()
    for carpeta in ("", "pt", "en"):
        partes = _partes(sitio, carpeta)
        assert {"tipo", "pais", "tema"} <= set(partes["filtros"])
        # word ranges in order, one after the other, as Pagefind looks them up
        palabras = [p for t in partes["trozos"] for p in t[:2]]
        assert palabras == sorted(palabras)
        trozos = {t[2] for t in partes["trozos"]}
        assert not trozos & vistos_i, "dos idiomas nombran la misma parte del índice"
        vistos_i |= trozos
        vistos_f |= set(partes["filtros"].values())
    assert vistos_i == indices and vistos_f == filtros


def test_el_cbor_de_pagefind_se_lee_entero(sitio):
    from generator.publicacion.precarga import FIRMA, _cbor
    entrada = json.loads((sitio / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    idioma = entrada["languages"]["pt"]
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


def test_depurar_sin_quitar_nada_devuelve_la_hoja_tal_cual():
    from generator.publicacion.precarga import depurar
    css = ('@charset "utf-8";.a{color:red}.b .c,.d{content:"}{"}@media screen{.a:hover{color:blue}.e{x:y}}'
           '@keyframes k{0%{opacity:0}to{opacity:1}}.f:not(.g){margin:0}/* .h{} */#i{top:0}')
    assert depurar(css, {"a", "b", "c", "d", "e", "f", "g", "i"}) == css.replace("/* .h{} */", "")  # comments go
    # a rule naming a class no element has goes; @media keeps the rest; :not() is kept whole; keyframes stay
    assert depurar(css, {"a", "d"}) == ('@charset "utf-8";.a{color:red}.b .c,.d{content:"}{"}@media screen{.a:hover{color:blue}}'
                                        '@keyframes k{0%{opacity:0}to{opacity:1}}.f:not(.g){margin:0}')


def test_el_explorador_se_ve_igual_con_su_parte_de_la_hoja_del_tema(navegador, sitio, tmp_path):
    """/explorar/ links its own copy of Material's main.css and of catalogo.css, smaller, and no
    palette.css, and every element of the page (results, filters open and closed, at a phone's width and a desktop's) is laid
    out and coloured as with the theme's whole files."""
    import functools
    import http.server
    import shutil
    import threading
    pagina = (sitio / "explorar" / "index.html").read_text(encoding="utf-8")
    propia = re.search(r'assets/stylesheets/(explorar\.[0-9a-f]+\.min\.css)', pagina).group(1)
    (tema,) = [p.name for p in (sitio / "assets" / "stylesheets").glob("main.*.min.css")]
    assert (sitio / "assets" / "stylesheets" / propia).stat().st_size < 0.8 * (sitio / "assets" / "stylesheets" / tema).stat().st_size
    (paleta,) = [p.name for p in (sitio / "assets" / "stylesheets").glob("palette.*.min.css")]
    assert paleta not in pagina                      # nothing on the explorer uses Material's palettes
    inicio = (sitio / "index.html").read_text(encoding="utf-8")
    assert tema in inicio and paleta in inicio       # the other pages keep the theme's files
    raiz = tmp_path / "sitio"
    for parte in ("assets", "pagefind"):
        shutil.copytree(sitio / parte, raiz / parte)
    (raiz / "explorar").mkdir()
    (raiz / "explorar" / "index.html").write_text(pagina, encoding="utf-8")
    hoja = re.search(r'<link rel="stylesheet" href="([^"]*)' + re.escape(propia) + '">', pagina)
    con_paleta = f'{hoja.group(0)}<link rel="stylesheet" href="{hoja.group(1)}{paleta}">'
    # and its own copy of catalogo.css, without the rules for the fichas, the indexes and the forms
    catalogo = re.search(r'assets/(catalogo-explorar\.[0-9a-f]+\.css)', pagina).group(1)
    assert (sitio / "assets" / catalogo).stat().st_size < 0.7 * (sitio / "assets" / "catalogo.css").stat().st_size
    assert "catalogo.css" in inicio
    (raiz / "explorar" / "tema.html").write_text(pagina.replace(hoja.group(0), con_paleta).replace(propia, tema)
                                                 .replace(catalogo, "catalogo.css"), encoding="utf-8")

    class Silencioso(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Silencioso, directory=str(raiz)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/explorar/"
    medir = """() => [...document.querySelectorAll('body *')].map((e) => {
        const r = e.getBoundingClientRect(), s = getComputedStyle(e);
        return [e.tagName, Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height),
                s.color, s.backgroundColor, s.fontSize, s.fontWeight, s.display, s.visibility, s.borderTopColor].join('|');
    })"""
    try:
        for ancho, alto in ((360, 740), (1280, 900)):
            vistas = []
            for archivo in ("index.html", "tema.html"):
                ctx = navegador.new_context(viewport={"width": ancho, "height": alto})
                p = ctx.new_page()
                p.goto(base + archivo + "?q=migrantes")
                p.wait_for_selector("#explorar[data-estado=listo]")
                p.wait_for_load_state("networkidle")
                cerrado = _estable(p, medir)
                p.click("details.explorar-plegable summary")
                abierto = _estable(p, medir)
                # scrolled down, then a little up: what the theme's script does to the frame on scrolling
                p.mouse.move(ancho // 2, alto // 2)
                for _ in range(10):
                    p.mouse.wheel(0, 150)
                    p.wait_for_timeout(50)
                for _ in range(3):
                    p.mouse.wheel(0, -100)
                    p.wait_for_timeout(50)
                desplazado = _estable(p, medir)
                vistas.append((cerrado, abierto, desplazado))
                ctx.close()
            distintos = [(a, b) for v0, v1 in zip(vistas[0], vistas[1]) for a, b in zip(v0, v1) if a != b][:14]
            assert vistas[0] == vistas[1], f"a {ancho} px el explorador no se ve como con la hoja entera del tema: {distintos}"
    finally:
        httpd.shutdown()
