"""The built site: complete, strict, private, literal, deterministic."""
from __future__ import annotations

import gzip
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml

from conftest import CASOS, ROOT, SITIO_PRUEBA, construir


def _contenidos(sitio: Path):
    """Every file's bytes, decompressed where it is gzip (sitemap, Pagefind's index)."""
    for f in sorted(sitio.rglob("*")):
        if not f.is_file():
            continue
        data = f.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        yield f, data


def test_urls_estables(sitio):
    for url in ("index.html", "explorar/index.html", "contribuir/index.html", "paises/index.html",
                "paises/arg/index.html", "temas/otro/index.html", "temas/index.html",
                "categorias/politica-normas/index.html", "categorias/index.html",
                "fichas/arg/patria-grande/index.html", "fichas/ury/anexos/ley-18250-resumen.txt",
                "pagefind/pagefind.js"):
        assert (sitio / url).is_file(), url


def test_el_indice_de_busqueda_tiene_todas_las_fichas(sitio, fichas_de_prueba):
    n = len(list(fichas_de_prueba.glob("*/*.yml"))) + len(list((ROOT / "perfiles").glob("*/*.yml")))
    entry = (sitio / "pagefind" / "pagefind-entry.json").read_text()
    assert f'"page_count":{n}' in entry.replace(" ", "")


def test_ningun_dato_de_contacto_en_el_sitio(sitio, secretos, fichas_de_prueba):
    """Neither the contact persons' data nor their encrypted blocks reach any file of the site."""
    bloques = [yaml.safe_load(f.read_text(encoding="utf-8"))["contacto"]["privado"].splitlines()[1].encode()
               for f in sorted(fichas_de_prueba.glob("*/*.yml"))]
    secretos = [s.encode() for s in secretos] + bloques
    assert len(secretos) >= 14 * 3
    encontrados = [(f.relative_to(sitio).as_posix(), s.decode()) for f, data in _contenidos(sitio)
                   for s in secretos if s in data]
    assert encontrados == []
    assert any(b"publico-hostil@example.org" in d for _, d in _contenidos(sitio))


def test_texto_hostil_se_muestra_literal(sitio):
    html = (sitio / "fichas/chl/hostil/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html and "<iframe" not in html
    assert "javascript:alert" not in re.findall(r'href="([^"]*)"', html).__str__()
    assert "&lt;script&gt;alert(&#39;antecedentes&#39;)&lt;/script&gt;" in html
    titulo = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "&lt;/title&gt;&lt;script&gt;" in titulo


class _Enlaces(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ("href", "src") and v:
                self.hrefs.append(v)


def _destino(sitio: Path, pagina: Path, href: str) -> Path | None:
    """The file a link or asset reference of `pagina` leads to, for a site served under
    SITIO_PRUEBA (a sub-path): None when it is not this site's."""
    u = urlparse(href)
    base = urlparse(SITIO_PRUEBA)
    if href.startswith(("#", "mailto:", "data:")) or (u.netloc and u.netloc != base.netloc):
        return None
    if u.scheme or u.netloc or u.path.startswith("/"):  # absolute: must stay under the sub-path
        if not u.path.startswith(base.path):
            return sitio / "FUERA-DE-LA-SUBRUTA" / u.path
        destino = sitio / unquote(u.path[len(base.path):])
    else:
        destino = pagina.parent / unquote(u.path)
    destino = destino.resolve()
    return destino / "index.html" if destino.is_dir() else destino


def test_enlaces_internos_resuelven_bajo_la_subruta(sitio):
    """Links, stylesheets, scripts, images, canonical and feed addresses all stay inside the
    site's own sub-path (https://example.org/osumi/catalogo/) and lead to a file."""
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


def test_fichas_fuera_de_la_navegacion(sitio):
    for pagina in ("index.html", "fichas/arg/patria-grande/index.html"):
        html = (sitio / pagina).read_text(encoding="utf-8")
        navs = re.findall(r'<nav class="md-(?:nav|tabs)[^"]*".*?</nav>', html, re.S)
        assert navs and not any("fichas/" in n for n in navs)


def _huella(sitio: Path) -> dict[str, str]:
    # every file, Pagefind's index included (1.5 wrote its filters and metadata in a
    # different order each run, Pagefind issue #638; 1.6 no longer does)
    return {f.relative_to(sitio).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted(sitio.rglob("*")) if f.is_file()}


def test_dos_construcciones_son_identicas(sitio, fichas_de_prueba, tmp_path, clave_de_prueba):
    r = construir(fichas_de_prueba, tmp_path, {"CATALOGO_DESTINATARIOS": str(clave_de_prueba.destinatarios)})
    assert r.returncode == 0, r.stderr
    a, b = _huella(tmp_path / "site"), _huella(sitio)
    assert len(a) > 100 and any(k.startswith("pagefind/filter/") for k in a)
    assert a == b


@pytest.mark.sitio
def test_ficha_invalida_detiene_la_construccion(tmp_path):
    import shutil
    fichas = tmp_path / "fichas"
    shutil.copytree(CASOS / "invalidas" / "palabras-resumen" / "fichas", fichas)
    r = construir(fichas, tmp_path)
    assert r.returncode != 0
    assert "(2.2) Resumen de la experiencia: 213 palabras; el máximo es 200. Acorte el texto." in r.stderr
    assert "El sitio no se construyó" in r.stderr + r.stdout
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_sin_pagefind_instalado_el_mensaje_dice_que_hacer(tmp_path, monkeypatch):
    from generator.publicacion import construccion as build
    monkeypatch.setattr(build, "ROOT", tmp_path)
    with pytest.raises(build.ErrorDeConstruccion, match="no está instalado. Ejecute «make site»"):
        build.indexar(tmp_path)


def test_compartir_una_ficha_muestra_su_titulo_escapado_y_el_sitio_anuncia_su_feed(sitio):
    html = (sitio / "fichas/chl/hostil/index.html").read_text(encoding="utf-8")
    og = re.search(r'<meta property="og:title" content="([^"]*)"', html).group(1)
    assert "&lt;/title&gt;&lt;script&gt;" in og and "<script" not in og
    assert re.search(r'<meta property="og:description" content="[^"<]+"', html)
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:url" content="https://example.org/osumi/catalogo/fichas/chl/hostil/">' in html
    for pagina in ("index.html", "fichas/arg/patria-grande/index.html", "cooperacion/index.html"):
        texto = (sitio / pagina).read_text(encoding="utf-8")
        assert 'type="application/atom+xml"' in texto and "Made with" not in texto


def test_inicio_por_anio_cuenta_lo_que_el_explorador_filtra(sitio):
    """Each year on the home page links the explorer's year filter and counts the fichas that
    carry that filter on their own page; the header shows the catalogue's mark."""
    inicio = (sitio / "index.html").read_text()
    anios = re.findall(r'href="explorar/\?anio=(\d{4})">\d{4} <span class="anio-cuenta">· (\d+)</span>',
                       inicio)
    assert anios, "la portada no ofrece la vista por año"
    assert [a for a, _ in anios] == sorted((a for a, _ in anios), reverse=True)
    por_pagina: dict[str, int] = {}
    for pagina in (sitio / "fichas").glob("*/*/index.html"):
        for a in set(re.findall(r'data-pagefind-filter="anio\[data-anio\]" data-anio="(\d{4})"',
                                pagina.read_text())):
            por_pagina[a] = por_pagina.get(a, 0) + 1
    assert {a: int(n) for a, n in anios} == por_pagina
    assert 'class="marca-palabra"' in inicio
