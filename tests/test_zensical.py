"""The catalogue on Material's successor: Zensical reads build/mkdocs.yml, ignores the hook, and
the site it builds from `python -m generator construir`'s tree is complete, literal and searchable."""
from __future__ import annotations

import sys

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest

from conftest import ROOT, SUBRUTA, construir
from test_sitio import _destino, _Enlaces

ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"


@pytest.fixture(scope="session")
def sitio_zensical(fichas_de_prueba, tmp_path_factory, clave_de_prueba) -> Path:
    assert ZENSICAL.exists(), "Falta Zensical: «make .venv-zensical/.base» lo instala (make test lo hace)."
    destino = tmp_path_factory.mktemp("zensical")
    motor = [sys.executable, "-m", "generator", "motor", "--motor", "zensical", "--zensical", str(ZENSICAL),
             str(destino / "site")]
    r = construir(fichas_de_prueba, destino, {"CATALOGO_DESTINATARIOS": str(clave_de_prueba.destinatarios),
                                             "CATALOGO_PDF": "0"}, motor=motor)
    assert r.returncode == 0, r.stdout + r.stderr
    return destino


def test_zensical_construye_cada_pagina_generada(sitio_zensical, fichas_de_prueba):
    """Every page `construir` wrote (fichas, profiles, indexes, home, explorer…) is a page of the
    site, and the attachments are files beside them."""
    paginas = sorted((sitio_zensical / "paginas").rglob("*.md"))
    sitio = sitio_zensical / "site"
    faltan = []
    for md in paginas:
        rel = md.relative_to(sitio_zensical / "paginas").with_suffix("")
        html = sitio / ("index.html" if rel.name == "index" and rel.parent == Path(".") else
                        (rel.parent if rel.name == "index" else rel) / "index.html")
        if not html.is_file():
            faltan.append(str(rel))
    assert faltan == []
    fichas = [f"fichas/{r.parent.name}/{r.stem}/index.html" for r in fichas_de_prueba.glob("*/*.yml")]
    perfiles = [f"perfiles/{r.parent.name}/{r.stem}/index.html" for r in (ROOT / "perfiles").glob("*/*.yml")]
    indices = ["index.html", "paises/index.html", "temas/index.html", "categorias/index.html",
               "cooperacion/index.html", "explorar/index.html", "paises/arg/index.html"]
    for rel in fichas + perfiles + indices + ["fichas/ury/anexos/ley-18250-resumen.txt"]:
        assert (sitio / rel).is_file(), rel
    assert len(fichas) >= 14 and perfiles


def test_zensical_muestra_el_texto_literal_sin_el_hook(sitio_zensical):
    """The hostile ficha's title is escaped in <title> and og:title though no hook ran."""
    html = (sitio_zensical / "site" / "fichas/chl/hostil/index.html").read_text(encoding="utf-8")
    assert 'content="zensical-' in html  # built by Zensical, not MkDocs
    assert "<script>alert" not in html and "<img src=x" not in html and "<iframe" not in html
    assert "&lt;script&gt;alert(&#39;antecedentes&#39;)&lt;/script&gt;" in html
    titulo = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    og = re.search(r'<meta property="og:title" content="([^"]*)"', html).group(1)
    for texto in (titulo, og):
        assert "&lt;/title&gt;&lt;script&gt;" in texto and "&amp;lt;" not in texto


def test_zensical_enlaces_resuelven_bajo_la_subruta(sitio_zensical):
    sitio = sitio_zensical / "site"
    rotos, vistos = [], 0
    for pagina in sorted(sitio.rglob("*.html")):
        parser = _Enlaces()
        parser.feed(pagina.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            destino = _destino(sitio, pagina, href)
            if destino is None:
                continue
            vistos += 1
            if not destino.is_relative_to(sitio.resolve()) or not destino.exists():
                rotos.append(f"{pagina.relative_to(sitio)} → {href}")
    assert rotos == []
    assert vistos > 1000


def test_zensical_el_buscador_responde(sitio_zensical, navegador, tmp_path):
    """Pagefind indexed the Zensical site: a query from a page under the sub-path finds the ficha."""

    class Silencioso(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    (tmp_path / SUBRUTA).parent.mkdir(parents=True)
    (tmp_path / SUBRUTA.rstrip("/")).symlink_to(sitio_zensical / "site", target_is_directory=True)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Silencioso, directory=str(tmp_path)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        pagina = navegador.new_page()
        pagina.goto(f"http://127.0.0.1:{httpd.server_address[1]}/{SUBRUTA}")
        urls = pagina.evaluate("""async () => {
            const pf = await import(new URL('pagefind/pagefind.js', document.baseURI).href);
            const r = await pf.search('Patria Grande');
            return Promise.all(r.results.slice(0, 3).map(async x => (await x.data()).url));
        }""")
        pagina.close()
    finally:
        httpd.shutdown()
    assert any(u.endswith("/osumi/catalogo/fichas/arg/patria-grande/") for u in urls), urls


def test_zensical_con_el_aspecto_de_material(sitio_zensical):
    """The catalogue's styles expect Material's coloured header: Zensical builds with its «classic»
    variant (mkdocs.yml, theme.variant), not its white «modern» one."""
    html = (sitio_zensical / "site" / "fichas" / "arg" / "patria-grande" / "index.html").read_text(encoding="utf-8")
    assert "stylesheets/classic/main." in html and "stylesheets/modern/" not in html
