"""PDFs (per ficha and compilations) and open data, checked in the built site."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from pypdf import PdfReader

from conftest import ROOT, SITIO_PRUEBA, URLS


def _texto_pdf(ruta: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(ruta), "-"], capture_output=True, text=True, check=True).stdout


def _fichas(carpeta: Path) -> list[dict]:
    return [yaml.safe_load(f.read_text(encoding="utf-8")) for f in sorted(carpeta.glob("*/*.yml"))]


def test_pdf_de_una_ficha(sitio):
    pdf = sitio / "fichas/arg/patria-grande.pdf"
    texto = " ".join(_texto_pdf(pdf).split())
    for esperado in ("Programa Nacional de Normalización Documentaria Migratoria «Patria Grande»",
                     "1. Perfil general", "(1.1) País", "(1.12) Contacto institucional",
                     "(2.2) Resumen de la experiencia", "catalogo-arg@example.org",
                     "Catálogo de buenas prácticas en políticas y gestión migratoria · CSM",
                     SITIO_PRUEBA + "fichas/arg/patria-grande/", "Página 1 de 2"):
        assert esperado in texto, esperado
    info = PdfReader(pdf).pages[0].mediabox
    assert (round(float(info.width)), round(float(info.height))) == (595, 842)  # A4 in points


def test_ningun_pdf_lleva_datos_de_contacto(sitio, secretos):
    pdfs = sorted(sitio.rglob("*.pdf"))
    assert len(pdfs) >= 14 + 1 + 12 + 6 + 3
    for pdf in pdfs:
        texto = " ".join(_texto_pdf(pdf).split())
        assert not [s for s in secretos if s in texto], pdf.name


def test_la_ficha_enlaza_su_pdf_y_el_indice_su_compilacion(sitio):
    ficha = (sitio / "fichas/arg/patria-grande/index.html").read_text(encoding="utf-8")
    assert '<a class="md-button md-button--primary" href="../../../fichas/arg/patria-grande.pdf">Descargar ficha (PDF)</a>' in ficha
    pais = (sitio / "paises/bra/index.html").read_text(encoding="utf-8")
    assert 'href="../../descargas/paises/bra.pdf"' in pais
    tema = (sitio / "temas/derechos-humanos/index.html").read_text(encoding="utf-8")
    assert 'href="../../descargas/temas/derechos-humanos.pdf"' in tema
    categoria = (sitio / "categorias/institucionalidad/index.html").read_text(encoding="utf-8")
    assert 'href="../../descargas/categorias/institucionalidad.pdf"' in categoria
    assert (sitio / "descargas/categorias/institucionalidad.pdf").read_bytes()[:5] == b"%PDF-"
    inicio = (sitio / "index.html").read_text(encoding="utf-8")
    assert 'href="descargas/catalogo-completo.pdf"' in inicio


def test_compilacion_indice_y_marcadores(sitio, fichas_de_prueba):
    pdf = sitio / "descargas/catalogo-completo.pdf"
    lector = PdfReader(pdf)
    titulos = sorted(f["titulo"] for f in _fichas(fichas_de_prueba))
    marcadores = lector.outline
    assert sorted(m.title for m in marcadores) == titulos  # one bookmark per ficha
    for m in marcadores:
        pagina = lector.get_destination_page_number(m)
        assert " ".join(m.title.split()[:4]) in " ".join(lector.pages[pagina].extract_text().split())
    # the table of contents' links jump to the page of their ficha, whose number they print
    destinos = set()
    for i in range(3):
        for annot in lector.pages[i].get("/Annots", []) or []:
            a = annot.get_object()["/A"]
            if a.get("/S") == "/GoTo":
                destinos.add(lector.get_page_number(a["/D"][0].get_object()))
    assert len(destinos) == len(titulos)
    inicios = {lector.get_destination_page_number(m) for m in marcadores}
    assert destinos == inicios  # each entry jumps to the first page of its ficha
    indice = " ".join(lector.pages[1].extract_text().split())
    for m in marcadores:  # and prints that page's number (1-based)
        numero = lector.get_destination_page_number(m) + 1
        assert f" {numero}" in indice
    portada = " ".join(_texto_pdf(pdf).split("\f")[0].split())
    assert "Catálogo completo" in portada and f"{len(titulos)} fichas técnicas" in portada


def test_compilacion_por_pais_solo_con_sus_fichas(sitio):
    lector = PdfReader(sitio / "descargas/paises/bra.pdf")
    assert len(lector.outline) == 2


def test_json_valida_contra_su_esquema(sitio, fichas_de_prueba):
    datos = json.loads((sitio / "datos/fichas.json").read_text(encoding="utf-8"))
    esquema = json.loads((sitio / "datos/fichas.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(esquema)
    errores = list(Draft202012Validator(esquema, format_checker=Draft202012Validator.FORMAT_CHECKER).iter_errors(datos))
    assert [e.message for e in errores] == []
    assert len(datos["fichas"]) == len(_fichas(fichas_de_prueba))
    arg = next(f for f in datos["fichas"] if f["id"] == "arg/patria-grande")
    assert arg["url"] == SITIO_PRUEBA + "fichas/arg/patria-grande/"
    assert arg["pdf"].endswith("/fichas/arg/patria-grande.pdf")
    assert arg["contacto"] == {"institucion": "Dirección Nacional de Migraciones", "email_institucional": "catalogo-arg@example.org"}
    ury = next(f for f in datos["fichas"] if f["id"] == "ury/junta-nacional-migracion")
    assert ury["documentos"][0]["url"].endswith("/fichas/ury/anexos/ley-18250-resumen.txt")


def test_csv_con_bom_ida_y_vuelta(sitio):
    crudo = (sitio / "datos/fichas.csv").read_bytes()
    assert crudo.startswith(b"\xef\xbb\xbf")
    filas = list(csv.DictReader(io.StringIO(crudo.decode("utf-8-sig"), newline="")))
    datos = {f["id"]: f for f in json.loads((sitio / "datos/fichas.json").read_text(encoding="utf-8"))["fichas"]}
    assert len(filas) == len(datos)
    for fila in filas:
        d = datos[fila["id"]]
        assert fila["titulo"] == d["titulo"] and fila["resumen"] == d["resumen"]
        assert fila["temas"].split("; ") == d["temas"]
        assert fila["email_institucional"] == d["contacto"]["email_institucional"]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(filas[0].keys())
    for fila in filas:
        w.writerow(fila.values())
    assert "\ufeff" + buf.getvalue() == crudo.decode("utf-8")


def test_atom_una_entrada_por_ficha_mas_reciente_primero(sitio, fichas_de_prueba):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(sitio / "datos/novedades.xml").getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    entradas = feed.findall("a:entry", ns)
    perfiles = list((ROOT / "perfiles").glob("*/*.yml"))  # the build's profiles: the repository's
    assert len(entradas) == len(_fichas(fichas_de_prueba)) + len(perfiles)
    assert sum(1 for e in entradas if e.find("a:title", ns).text.startswith("Perfil de cooperación: ")) == len(perfiles)
    fechas = [e.find("a:updated", ns).text for e in entradas]
    assert fechas == sorted(fechas, reverse=True)
    for e in entradas:
        assert e.find("a:id", ns).text.startswith("https://") and e.find("a:title", ns).text


def test_esquema_en_url_estable(sitio):
    """The committed schema is published at <sitio>/schema/ficha.schema.json, its $id at that address."""
    from generator.publicacion.escritura import esquema_publicado
    comprometido = (ROOT / "schema/ficha.schema.json").read_text(encoding="utf-8")
    assert esquema_publicado(URLS["sitio_url"]) == comprometido
    publicado = json.loads((sitio / "schema/ficha.schema.json").read_text(encoding="utf-8"))
    assert publicado.pop("$id") == SITIO_PRUEBA + "schema/ficha.schema.json"
    assert publicado == {k: v for k, v in json.loads(comprometido).items() if k != "$id"}


def test_cache_de_pdf_solo_rehace_lo_que_cambio(tmp_path, fichas_de_prueba, sitio):
    from generator.publicacion import construccion as build
    fichas = tmp_path / "fichas"
    shutil.copytree(fichas_de_prueba, fichas)
    cache = sitio.parent / "cache"  # warmed by the session's build
    op = build.Opciones(fichas=fichas, generado=tmp_path / "paginas", cache=cache, sitio_url=SITIO_PRUEBA, repo_url=URLS["repo_url"])
    assert build.preparar(op).descargas.renderizadas == 0
    ruta = fichas / "ecu" / "ley-movilidad-humana.yml"
    ruta.write_text(ruta.read_text(encoding="utf-8").replace("Academia", "Universidades"), encoding="utf-8")
    # the ficha, the whole catalogue, Ecuador, its two themes and its two categories
    assert build.preparar(op).descargas.renderizadas == 1 + 1 + 1 + 2 + 2


@pytest.mark.sitio
def test_sin_pdf_para_vistas_rapidas(tmp_path, fichas_de_prueba):
    from conftest import construir
    r = construir(fichas_de_prueba, tmp_path, {"CATALOGO_PDF": "0", "CATALOGO_BUSCADOR": "0"})
    assert r.returncode == 0, r.stderr
    # no generated PDF (a ficha's attached PDF is its own file, published as it is)
    assert [p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*.pdf")] == ["fichas/chl/anexos/manual.pdf"]
    assert "Descargar ficha (PDF)" not in (tmp_path / "site/fichas/arg/patria-grande/index.html").read_text(encoding="utf-8")
