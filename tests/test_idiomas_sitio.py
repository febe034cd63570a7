"""The site in every language of catalogo.yml: Spanish at the root, Portuguese under /pt/, English
under /en/ — one tree and one engine build per language, the frame (switcher, hreflang, sitemap)
tying them together, the interface's words from schema/idiomas/<código>/sitio.yml."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SITIO_PRUEBA
from test_sitio import _destino

FICHA = "fichas/arg/patria-grande/index.html"  # a Spanish ficha
HREFLANG = {"es": "es", "pt": "pt-BR", "en": "en"}


def _sitio_yml(codigo: str) -> dict:
    return yaml.safe_load((ROOT / "schema" / "idiomas" / codigo / "sitio.yml").read_text(encoding="utf-8"))


def _hojas(d, prefijo=""):
    if isinstance(d, dict):
        for k, v in d.items():
            yield from _hojas(v, f"{prefijo}.{k}" if prefijo else str(k))
    else:
        yield prefijo, d


class _Texto(HTMLParser):
    """The visible text nodes of a page, each with the language it is marked in (the nearest lang)."""
    OCULTOS = {"script", "style", "template", "noscript"}
    VACIOS = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base", "embed", "track"}

    def __init__(self):
        super().__init__()
        self.pila: list[tuple[str, str | None]] = []
        self.nodos: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VACIOS:
            return
        self.pila.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        for i in range(len(self.pila) - 1, -1, -1):
            if self.pila[i][0] == tag:
                del self.pila[i:]
                break

    def handle_data(self, data):
        if any(t in self.OCULTOS for t, _ in self.pila) or not data.strip():
            return
        lang = next((l for _, l in reversed(self.pila) if l), "")
        self.nodos.append((lang, " ".join(data.split())))


def _nodos(html: str) -> list[tuple[str, str]]:
    p = _Texto()
    p.feed(html)
    return p.nodos


def test_cada_idioma_tiene_cada_pagina_con_su_lang(sitio):
    for codigo, carpeta in (("pt", "pt/"), ("en", "en/")):
        for pagina in ("index.html", FICHA, "paises/arg/index.html", "temas/index.html", "404.html"):
            html = (sitio / carpeta / pagina).read_text(encoding="utf-8")
            assert re.search(rf'<html lang="{codigo}"', html), (codigo, pagina)
    assert '<html lang="es"' in (sitio / FICHA).read_text(encoding="utf-8")
    # the page for an address that leads nowhere, in each language, with its switcher
    for codigo, carpeta in (("es", ""), ("pt", "pt/"), ("en", "en/")):
        html = (sitio / carpeta / "404.html").read_text(encoding="utf-8")
        assert f"<h1>{_sitio_yml(codigo)['marco']['no_encontrada']}</h1>" in html
        assert 'hreflang="pt-BR"' in html and "404 - Not found" not in html
    # one search index per language (Pagefind reads <html lang>), at the site's root
    entrada = (sitio / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    for codigo in ("es", "pt", "en"):
        assert f'"{codigo}":' in entrada
    assert not (sitio / "pt" / "pagefind").exists()


def test_ficha_en_portugues_e_ingles_con_los_textos_del_catalogo(sitio):
    for codigo in ("pt", "en"):
        cat = _sitio_yml(codigo)
        html = (sitio / codigo / FICHA).read_text(encoding="utf-8")
        nodos = _nodos(html)
        textos = " | ".join(t for _, t in nodos)
        for clave in ("ficha.pais", "ficha.temas", "ficha.nivel", "ficha.transferir", "ficha.contactar"):
            valor = cat
            for parte in clave.split("."):
                valor = valor[parte]
            assert valor in textos, (codigo, clave)
        # the record's own text stays Spanish, marked as such on a page in another language
        assert re.search(r'<h1 lang="es"[^>]*>Programa Nacional de Normalización', html)
        assert ("es", "Programa Nacional de Normalización Documentaria Migratoria «Patria Grande»") in nodos
        # the date in the page's language
        assert {"pt": "15 de março de 2024", "en": "March 15, 2024"}[codigo] in textos
    # the Spanish page itself marks nothing: its content is the page's language
    assert '<h1 lang=' not in (sitio / FICHA).read_text(encoding="utf-8")


def test_hreflang_en_el_head_de_cada_pagina(sitio):
    for carpeta in ("", "pt/", "en/"):
        html = (sitio / carpeta / FICHA).read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        for codigo, h in HREFLANG.items():
            prefijo = "" if codigo == "es" else f"{codigo}/"
            assert f'<link rel="alternate " hreflang="{h}" href="{SITIO_PRUEBA}{prefijo}fichas/arg/patria-grande/">' in head
        assert f'<link rel="alternate " hreflang="x-default" href="{SITIO_PRUEBA}fichas/arg/patria-grande/">' in head
        # none the theme's script reads as a site to fetch a sitemap.xml from (link[rel=alternate])
        assert not re.search(r'<link rel="alternate"[^>]*hreflang', head)
    assert '<meta property="og:locale" content="pt_BR">' in (sitio / "pt" / FICHA).read_text(encoding="utf-8")


def _selector(sitio: Path, pagina: Path) -> dict[str, Path]:
    """The language switcher of a page: hreflang → the file its link leads to."""
    html = pagina.read_text(encoding="utf-8")
    out = {}
    for href, h in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"[^>]*class="md-select__link"', html):
        out[h] = _destino(sitio, pagina, href)
    return out


def test_el_selector_lleva_a_la_misma_pagina_ida_y_vuelta(sitio):
    """es → pt → en → es through the switcher lands on the same page every time."""
    raiz = sitio.resolve()
    for pagina in (FICHA, "paises/arg/index.html", "index.html"):
        aqui = raiz / pagina
        for siguiente, carpeta in (("pt-BR", "pt/"), ("en", "en/"), ("es", "")):
            destino = _selector(sitio, aqui)[siguiente]
            assert destino == raiz / carpeta / pagina, (pagina, siguiente, destino)
            assert destino.is_file()
            aqui = destino


def test_ningun_texto_de_la_interfaz_en_espanol_en_una_pagina_en_portugues(sitio):
    """Checked against the catalogue, not a word list: every Spanish value of sitio.yml that its
    Portuguese translation changes must not be left in the visible text of a Portuguese page (the
    record's own Spanish text, marked lang="es", aside)."""
    es, pt = dict(_hojas(_sitio_yml("es"))), dict(_hojas(_sitio_yml("pt")))
    distintos = {k: v for k, v in es.items() if isinstance(v, str) and pt.get(k) not in (None, v)}
    assert len(distintos) > 80
    patrones = {}
    for clave, valor in distintos.items():
        partes = [re.escape(p) for p in re.split(r"\{[a-z_]+\}", valor)]
        if "{" in valor:
            if max(len(p.strip()) for p in re.split(r"\{[a-z_]+\}", valor)) < 8:
                continue  # too little of its own text to tell it from a record's
            patrones[clave] = re.compile(".+?".join(partes))
        else:
            patrones[clave] = valor
    for pagina in ("index.html", FICHA, "paises/arg/index.html", "temas/index.html",
                   "perfiles/arg/dnm/index.html"):
        ruta = sitio / "pt" / pagina
        if not ruta.is_file():
            continue
        for lang, texto in _nodos(ruta.read_text(encoding="utf-8")):
            if lang and not lang.startswith("pt"):
                continue  # the record's own text, in its language
            trozos = [x.strip() for x in re.split(r"[·›|]", texto)]
            for clave, patron in patrones.items():
                if isinstance(patron, str):
                    assert patron not in trozos and patron != texto, (pagina, clave, texto)
                else:
                    assert not patron.search(texto), (pagina, clave, texto)


def test_el_sitemap_tiene_cada_pagina_en_cada_idioma(sitio):
    mapa = (sitio / "sitemap.xml").read_text(encoding="utf-8")
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in mapa
    for prefijo in ("", "pt/", "en/"):
        assert f"<loc>{SITIO_PRUEBA}{prefijo}fichas/arg/patria-grande/</loc>" in mapa
    entrada = re.search(rf"<url><loc>{re.escape(SITIO_PRUEBA)}pt/fichas/arg/patria-grande/</loc>.*?</url>", mapa, re.S).group(0)
    for codigo, h in HREFLANG.items():
        prefijo = "" if codigo == "es" else f"{codigo}/"
        assert f'hreflang="{h}" href="{SITIO_PRUEBA}{prefijo}fichas/arg/patria-grande/"' in entrada
    assert f'hreflang="x-default" href="{SITIO_PRUEBA}fichas/arg/patria-grande/"' in entrada
    assert "<lastmod>2024-03-15</lastmod>" in entrada  # the ficha's own date, in every language
    assert not (sitio / "pt" / "sitemap.xml").exists() and not (sitio / "en" / "sitemap.xml").exists()


def test_lo_compartido_esta_una_sola_vez_en_la_raiz(sitio):
    """PDFs, data and forms are not copied into /pt/ or /en/: their pages link up to the root's."""
    assert (sitio / "datos" / "fichas.json").is_file() and not (sitio / "pt" / "datos" / "fichas.json").exists()
    assert not list((sitio / "pt").rglob("*.pdf")) and not list((sitio / "en").rglob("*.docx"))
    html = (sitio / "pt" / FICHA).read_text(encoding="utf-8")
    pdf = re.search(r'href="([^"]+\.pdf)"', html).group(1)
    assert _destino(sitio, sitio / "pt" / FICHA, pdf) == (sitio / "fichas/arg/patria-grande.pdf").resolve()


COPIAR = ("generator", "schema", "overrides", "docs", "hooks", "fichas", "perfiles", "catalogo.yml", "mkdocs.yml")


@pytest.mark.sitio
def test_un_cuarto_idioma_es_una_carpeta_y_su_codigo_sin_codigo(tmp_path):
    """French on a copy of the repository: schema/idiomas/fr/ (idioma.yml and a fragment of sitio.yml)
    and «fr» in catalogo.yml; the site gets /fr/ with the French words and Spanish for the rest."""
    copia = tmp_path / "repo"
    for nombre in COPIAR:
        origen = ROOT / nombre
        (shutil.copytree if origen.is_dir() else shutil.copy)(origen, copia / nombre)
    fr = copia / "schema" / "idiomas" / "fr"
    fr.mkdir()
    (fr / "idioma.yml").write_text("codigo: fr\nnombre: Français\nlocale: fr_FR\nmaterial: fr\npagefind: fr\n",
                                  encoding="utf-8")
    (fr / "sitio.yml").write_text("ficha:\n  pais: Pays\n  temas: Thèmes\nnavegacion:\n  inicio: Accueil\n"
                                  "fechas:\n  larga: \"{dia} {mes} {anio}\"\n  meses: [janvier, février, mars, avril, mai, "
                                  "juin, juillet, août, septembre, octobre, novembre, décembre]\n", encoding="utf-8")
    catalogo = copia / "catalogo.yml"
    catalogo.write_text(catalogo.read_text(encoding="utf-8").replace("idiomas: [es, pt, en]", "idiomas: [es, pt, en, fr]"),
                        encoding="utf-8")
    assert "idiomas: [es, pt, en, fr]" in catalogo.read_text(encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(copia), CATALOGO_PDF="0", CATALOGO_SITIO_URL=SITIO_PRUEBA,
               CATALOGO_GENERADO=str(tmp_path / "obra" / "paginas"), CATALOGO_CACHE=str(tmp_path / "cache"))
    for paso in (["construir"], ["motor", str(tmp_path / "site")], ["indexar", "--sin-buscador", str(tmp_path / "site")]):
        r = subprocess.run([sys.executable, "-m", "generator", *paso], cwd=copia, env=env, capture_output=True,
                           text=True, timeout=600)
        assert r.returncode == 0, (paso, r.stdout, r.stderr)
    html = (tmp_path / "site" / "fr" / FICHA).read_text(encoding="utf-8")
    assert '<html lang="fr"' in html
    nodos = [t for _, t in _nodos(html)]
    assert "Pays" in nodos and "Thèmes" in nodos           # the French fragment
    assert "Para transferirla" in nodos                     # what it lacks: Spanish, never a blank
    assert any("15 mars 2024" in t for t in nodos)
    assert '>Accueil<' in html.replace("\n", "").replace("  ", "") or "Accueil" in html
    # the other languages' switchers know the new one
    assert 'hreflang="fr"' in (tmp_path / "site" / "pt" / FICHA).read_text(encoding="utf-8")


def _fichas_demo():
    from generator.publicacion.modelo import desde_lectura
    from generator.validacion.validar import validar
    res = validar(ROOT / "fichas")
    assert res.ok
    return [desde_lectura(f) for f in res.fichas]


def test_un_titulo_y_un_resumen_traducidos_van_primero_marcados_y_el_original_debajo(monkeypatch):
    """A record with its title and summary in Portuguese (Registro.traduccion): the Portuguese page
    shows them first, marked «tradução», the original below with its lang; the page's title and the
    search's title are the translated ones; the Spanish page is the original alone."""
    from generator.esquema import idiomas
    from generator.publicacion.alternos import lugares
    from generator.publicacion.escritura import contenidos
    from generator.publicacion.modelo import Registro
    propias = {("arg/patria-grande", "pt"): {"titulo": "Programa Pátria Grande <b>", "resumen": "Regularização de migrantes do MERCOSUL."}}
    monkeypatch.setattr(Registro, "traduccion", lambda self, codigo: propias.get((self.id, codigo)))
    urls = {"sitio_url": SITIO_PRUEBA, "repo_url": "https://github.com/x/y"}
    with idiomas.en("pt"):
        pt = contenidos(_fichas_demo(), **urls, comun=lugares(("es", "pt"))[1].comun)["fichas/arg/patria-grande/index.md"]
    es = contenidos(_fichas_demo(), **urls)["fichas/arg/patria-grande/index.md"]
    assert 'title: "Programa Pátria Grande &lt;b&gt;"' in pt  # escaped, as every title
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", pt).group(0)
    assert 'data-pagefind-meta="title"' in h1 and "Programa Pátria Grande &lt;b&gt;" in h1 and "lang=" not in h1
    original = pt[pt.index("</h1>"):]
    assert re.match(r'</h1>\n<p class="ficha-original"><span class="insignia-traduccion">tradução</span> · Original: '
                    r'<span lang="es">Programa Nacional de Normalización', original)
    assert 'description: "Regularização de migrantes do MERCOSUL."' in pt
    seccion = pt[pt.index('<section class="ficha-traduccion"'):]
    seccion = seccion[:seccion.index("</section>")]
    assert "tradução" in seccion and "<p>Regularização de migrantes do MERCOSUL.</p>" in seccion
    assert pt.index('<section class="ficha-traduccion"') < pt.index("(2.2)")
    assert "Pátria" not in es and "ficha-original" not in es


def test_sin_traduccion_el_modelo_no_inventa_ninguna():
    """A record gives a translation only into the languages its «traducciones» has."""
    fichas = _fichas_demo()
    sin = [f for f in fichas if not f.valor("traducciones")]
    assert sin and all(f.traduccion(c) is None for f in sin for c in ("es", "pt", "en"))
    for f in fichas:
        propias = {codigo for codigo, _ in f.valor("traducciones", ())}
        assert {c for c in ("es", "pt", "en") if f.traduccion(c) is not None} == propias


@pytest.mark.navegador
def test_el_selector_en_el_navegador_ida_y_vuelta(servidor, navegador):
    """In a browser: es → pt → en → es with the header's switcher, each time on the same ficha."""
    p = navegador.new_page(viewport={"width": 1366, "height": 900})
    p.goto(servidor + FICHA.removesuffix("index.html"))
    for h, prefijo in (("pt-BR", "pt/"), ("en", "en/"), ("es", "")):
        p.hover(".md-header .md-select")
        p.click(f'.md-select__link[hreflang="{h}"]')
        p.wait_for_load_state()
        assert p.url == servidor + prefijo + FICHA.removesuffix("index.html"), (h, p.url)
        assert p.evaluate("document.documentElement.lang") == h.split("-")[0]
    # the interface in English and the content in Spanish, marked, on the English page
    p.goto(servidor + "en/" + FICHA.removesuffix("index.html"))
    assert p.locator("h1").get_attribute("lang") == "es"
    assert p.locator(".ficha-vistazo dt").first.inner_text().strip().lower() == _sitio_yml("en")["ficha"]["pais"].lower()
    p.close()
