"""The public catalogue (issue 23): search answers «which practice?», every download in one page,
compilations that read as one book, a ficha page for deciding, no GitHub for every visitor."""
from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import yaml
from pypdf import PdfReader

from generator.publicacion.modelo import fecha_larga


class _Enlaces(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])


def _enlaces(html: str) -> list[str]:
    p = _Enlaces()
    p.feed(html)
    return p.hrefs


def _destino(sitio: Path, pagina: str, href: str) -> Path:
    """The file a relative link of a page (site path, «descargas/») points to."""
    ruta = urlparse(urljoin("https://x.test/" + pagina, href)).path.lstrip("/")
    return sitio / ruta if not ruta.endswith("/") else sitio / ruta / "index.html"


# --- /descargas/ -----------------------------------------------------------------------------

def test_descargas_enlaza_cada_pdf_y_docx_publicado_y_cada_enlace_resuelve(sitio):
    html = (sitio / "descargas/index.html").read_text(encoding="utf-8")
    destinos = {_destino(sitio, "descargas/", h).resolve() for h in _enlaces(html) if not h.startswith(("http", "#", "mailto:"))}
    publicados = {p.resolve() for p in (sitio / "descargas").rglob("*.pdf")} | {p.resolve() for p in sitio.rglob("*.docx")}
    assert len(publicados) >= 1 + 1 + 12 + 2  # catalogue, cooperation, countries, the two Word forms
    assert publicados <= destinos, sorted(str(p) for p in publicados - destinos)
    for d in destinos:
        assert d.exists(), d


def test_descargas_dice_tamano_paginas_y_fecha_de_cada_compilacion(sitio, fichas_de_prueba):
    html = (sitio / "descargas/index.html").read_text(encoding="utf-8")
    bra = [y for y in (yaml.safe_load(f.read_text(encoding="utf-8")) for f in (fichas_de_prueba / "bra").glob("*.yml"))]
    paginas = len(PdfReader(sitio / "descargas/paises/bra.pdf").pages)
    fila = re.search(r'href="[^"]*paises/bra.pdf">Brasil</a><br><span class="descarga-datos">PDF · <span class="descarga-tamano">(\d+(?:,\d)?) (KB|MB)</span>'
                     r' · <span class="descarga-paginas">(\d+)</span> páginas · <span class="descarga-fichas">(\d+)</span> fichas?'
                     r' · datos al <span class="descarga-fecha">([^<]+)</span>', html)
    assert fila, "no entry for Brasil"
    assert int(fila.group(3)) == paginas and int(fila.group(4)) == len(bra)
    assert fila.group(5) == fecha_larga(max(str(y["fecha"]) for y in bra))
    tamano = (sitio / "descargas/paises/bra.pdf").stat().st_size
    assert fila.group(2) == "KB" and abs(int(fila.group(1)) - tamano / 1000) <= 1
    assert "Formulario de ficha técnica" in html and "Word (.docx) · " in html


def test_descargas_en_la_cabecera_y_el_pie_de_cada_pagina(sitio):
    for pagina in ("index.html", "fichas/arg/patria-grande/index.html", "cooperacion/index.html"):
        html = (sitio / pagina).read_text(encoding="utf-8")
        cabecera = html[:html.index('<main')]
        pie = html[html.index('<footer'):]
        base = pagina.removesuffix("index.html")
        for parte in (cabecera, pie):
            assert any(_destino(sitio, base, h) == sitio / "descargas/index.html" for h in _enlaces(parte)), (pagina, parte[:80])


# --- GitHub only where contributors go ----------------------------------------------------------

def test_el_repositorio_solo_en_contribuir(sitio):
    import generator.config as config
    repo = config.leer_configuracion().repositorio
    assert repo in (sitio / "contribuir/index.html").read_text(encoding="utf-8")
    for pagina in ("index.html", "fichas/arg/patria-grande/index.html", "perfiles/arg/dnm/index.html",
                   "cooperacion/index.html", "paises/arg/index.html", "explorar/index.html"):
        assert repo not in (sitio / pagina).read_text(encoding="utf-8"), pagina


# --- a compilation reads as one book -------------------------------------------------------------

def _paginas_texto(pdf: Path) -> list[str]:
    texto = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(p.split()) for p in texto.split("\f")]


def test_compilacion_una_numeracion_pies_etiquetas_e_indice_coinciden(sitio, fichas_de_prueba):
    pdf = sitio / "descargas/catalogo-completo.pdf"
    lector = PdfReader(pdf)
    total = len(lector.pages)
    assert lector.page_labels == [str(i + 1) for i in range(total)]  # the reader's page box says the same
    textos = _paginas_texto(pdf)
    assert "Página" not in textos[0]  # the cover
    for i in range(1, total):
        assert f"Página {i + 1} de {total}" in textos[i], i  # the index and every ficha: one numbering
        assert "Página 1 de" not in textos[i] or i == 0
    indice = textos[1]
    for m in lector.outline:  # one bookmark per ficha, on the page the index gives
        assert f" {lector.get_destination_page_number(m) + 1}" in indice
        assert f"Página {lector.get_destination_page_number(m) + 1} de {total}" in textos[lector.get_destination_page_number(m)]
    fechas = [str(yaml.safe_load(f.read_text(encoding="utf-8"))["fecha"]) for f in fichas_de_prueba.glob("*/*.yml")]
    assert f"Fichas al {fecha_larga(max(fechas))}" in textos[0]
    assert "Compilación al" not in textos[0]


def test_el_pdf_de_una_ficha_sola_se_numera_de_1_a_su_total(sitio):
    pdf = sitio / "fichas/arg/patria-grande.pdf"
    lector = PdfReader(pdf)
    textos = _paginas_texto(pdf)
    total = len(lector.pages)
    assert lector.page_labels == [str(i + 1) for i in range(total)]
    for i in range(total):
        assert f"Página {i + 1} de {total}" in textos[i]


# --- a ficha page for deciding ------------------------------------------------------------------

def test_demanda_relacionada_como_mucho_cinco_y_ver_todas(sitio):
    con_mas = 0
    for pagina in sorted((sitio / "fichas").glob("*/*/index.html")):
        html = pagina.read_text(encoding="utf-8")
        if 'id="demanda-relacionada"' not in html:
            continue
        bloque = html[html.index('id="demanda-relacionada"'):]
        bloque = bloque[:bloque.index("</section>")]
        lista = bloque[bloque.index('<ul class="demanda-relacionada">'):bloque.index("</ul>")]
        prioridades = [int(x) for x in re.findall(r"prioridad (\d+)</li>", lista)]
        assert 1 <= len(prioridades) <= 5, pagina
        assert prioridades == sorted(prioridades), pagina  # the requesting institutions' priority first
        total = re.search(r"de (\d+) en total:", bloque)
        if total:
            con_mas += 1
            assert int(total.group(1)) > 5
            todas = re.search(r'<p class="demanda-todas">(.*?)</p>', bloque).group(1)
            base = pagina.parent.relative_to(sitio).as_posix() + "/"
            areas = _enlaces(todas)
            assert areas and all(_destino(sitio, base, h).exists() and "/cooperacion/" in "/" + urljoin(base, h) for h in areas)
            assert sum(int(n) for n in re.findall(r"\((\d+)\)</a>", todas)) == int(total.group(1))
    assert con_mas >= 1


def test_una_etiqueta_por_numero_en_la_ficha(sitio):
    html = (sitio / "fichas/arg/patria-grande/index.html").read_text(encoding="utf-8")
    numeros = re.findall(r"<h3>\((\d+\.\d+)\)", html)
    assert numeros and len(numeros) == len(set(numeros))
    assert "<h3>Criterios de éxito</h3>" in html


# --- the map ---------------------------------------------------------------------------------------

def test_el_mapa_se_genera_igual_y_sin_pedir_nada_afuera(sitio):
    from generator.publicacion.mapa import mapa_svg
    paises = [{"slug": "ARG", "etiqueta": "Argentina", "n": 2}, {"slug": "BRA", "etiqueta": "Brasil", "n": 0}]
    a, b = mapa_svg(paises, "../"), mapa_svg(paises, "../")
    assert a == b and a.startswith("<svg") and "http" not in a.replace("http://www.w3.org/2000/svg", "")
    assert 'href="../paises/arg/" aria-label="Argentina: 2 fichas"' in a
    assert 'class="mapa-pais mapa-nivel-0" data-pais="BRA"' in a
    inicio = (sitio / "index.html").read_text(encoding="utf-8")
    assert inicio.count('class="mapa-pais') >= 12


def test_el_mapa_escapa_los_nombres():
    from generator.publicacion.mapa import mapa_svg
    svg = mapa_svg([{"slug": "ARG", "etiqueta": '<script>x</script>"', "n": 1}], "")
    assert "<script>" not in svg and "&lt;script&gt;" in svg


# --- country pages and /cooperacion/ for the public ---------------------------------------------

def test_la_pagina_de_un_pais_empieza_por_lo_que_ofrece_y_pide(sitio):
    perfil = yaml.safe_load((Path(__file__).parents[1] / "perfiles/arg/dnm.yml").read_text(encoding="utf-8"))
    html = (sitio / "paises/arg/index.html").read_text(encoding="utf-8")
    assert html.index('id="cooperacion"') < html.index('id="fichas"') < html.index('class="tarjetas"')
    bloque = html[html.index('id="cooperacion"'):html.index('id="fichas"')]
    ofrece = bloque[bloque.index("<h3>Ofrece</h3>"):bloque.index("<h3>Pide</h3>")]
    esperadas = [e["area"] for e in perfil["oferta"] if e["area"] != "otra"]
    assert re.findall(r'href="\.\./\.\./cooperacion/([^/]+)/"', ofrece) == esperadas  # in priority order
    assert 'href="../../perfiles/arg/dnm/"' in bloque


def test_cooperacion_habla_al_publico(sitio):
    html = (sitio / "cooperacion/index.html").read_text(encoding="utf-8")
    assert "vocabularios.yml" not in html and "schema/" not in html
    matriz = html[html.index('<table class="matriz">'):]
    matriz = matriz[:matriz.index("</table>")]
    assert 'Pide <span class="prioridad">prioridad 1</span>' in matriz and "Ofrece <span" in matriz
    assert not re.search(r">[PO]\d<", matriz)  # no codes to decode with a legend


def test_una_ficha_en_otro_idioma_se_explica_en_ese_idioma(sitio):
    """A ficha written in Portuguese: on the Spanish page its language is said and its text marked
    lang="pt"; on the Portuguese page (/pt/) the interface is the reader's and nothing needs marking."""
    html = (sitio / "fichas/bra/operacao-acolhida/index.html").read_text(encoding="utf-8")
    assert "· Idioma: Portugués</p>" in html and re.search(r'<h1 lang="pt"', html)
    pt = (sitio / "pt/fichas/bra/operacao-acolhida/index.html").read_text(encoding="utf-8")
    assert '<html lang="pt"' in pt and not re.search(r'<h1 lang=', pt) and "· Idioma:" not in pt
    assert 'class="ficha-idioma"' not in html + pt  # no hard-coded paragraph in one language


def test_demanda_relacionada_por_prioridad_y_luego_por_mecanismos_cubiertos():
    from test_cooperacion import _cooperacion
    root = Path(__file__).parents[1]
    c = _cooperacion(root / "perfiles", root / "fichas")
    vistas = 0
    for f in c.fichas:
        necesidades = {t.slug for t in f.terminos("transferencia")}
        demanda = c.demanda_relacionada(f)
        claves = [(d.prioridad, -sum(1 for m in d.mecanismos if set(m.extra.get("transferencia") or ()) & necesidades))
                  for d in demanda]
        assert claves == sorted(claves), f.id
        assert c.demanda_relacionada(f) == demanda  # the same records, the same order
        vistas += bool(demanda)
    assert vistas
