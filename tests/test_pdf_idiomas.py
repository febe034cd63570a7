"""The PDF of a ficha speaks the ficha's language (issue 25): its labels and options from that
language's catalogues, every word of the print template from pdf.yml, «Página N de T» too; the
cache key holds the language and the catalogues read. Compilations speak the language they are
built in, each ficha inside keeping its own.

As in test_word_idiomas.py, the fields' and options' translations are this test's own."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from generator.esquema import idiomas
from generator.esquema.campos import FICHA
from generator.publicacion import pdf
from generator.publicacion.modelo import desde_datos
from generator.validacion.lectura import leer_bytes
from test_word_idiomas import catalogo_traducido  # noqa: F401  (the fixture)

SITIO = "https://catalogo.example.org/"


def _texto(ruta: Path, *paginas: int) -> str:
    desde_hasta = ["-f", str(paginas[0]), "-l", str(paginas[-1])] if paginas else []
    return subprocess.run(["pdftotext", *desde_hasta, str(ruta), "-"], capture_output=True, text=True, check=True).stdout


def _ficha(idioma: str | None, ruta: str = "fichas/arg/patria-grande.yml"):
    datos = dict(leer_bytes((ROOT / ruta).read_bytes()).data)
    if idioma:
        datos["idioma"] = idioma
    pais_dir, slug = ruta.split("/")[1], Path(ruta).stem
    return desde_datos(datos, pais_dir, slug)


def _una_linea(texto: str) -> str:
    return " ".join(texto.split())


@pytest.mark.parametrize("idioma", ["pt", "en"])
def test_el_pdf_de_una_ficha_lleva_las_etiquetas_de_su_idioma(idioma, catalogo_traducido, tmp_path):
    f = _ficha(idioma)
    rutas, n = pdf.construir_fichas([f], SITIO, tmp_path)
    assert n == 1
    with idiomas.en(idioma):
        texto = _una_linea(_texto(pdf.numerada(rutas[f.id])))
        propios = {c.clave: c.rotulo_publico for c in FICHA.campos.values()}
        secciones = [s.titulo for s in FICHA.secciones if f.seccion(s.numero, con_cabecera=(s.numero == "1"))]
        temas = [t.etiqueta for t in f.temas]
        palabras = [idiomas.t("pdf.ficha.tipo"), idiomas.t("pdf.ficha.fecha"), idiomas.t("pdf.cabecera"),
                    idiomas.t("pdf.ficha.en_linea", url=SITIO + f.url), fecha := pdf.fecha_larga(f.fecha)]
    espanol = {c.clave: c.rotulo_publico for c in FICHA.campos.values()}
    mostrados = [c.campo.clave for s in FICHA.secciones for c in f.seccion(s.numero, con_cabecera=(s.numero == "1"))]
    assert mostrados
    for clave in mostrados:
        assert _una_linea(propios[clave]) in texto, propios[clave]
        if espanol[clave] != propios[clave]:
            assert _una_linea(espanol[clave]) not in texto, espanol[clave]  # no Spanish label left
    assert [s for s in secciones if _una_linea(s) not in texto] == [] and [t for t in temas if _una_linea(t) not in texto] == []
    for p in palabras:  # (the kind of record is printed in capitals)
        assert _una_linea(p).upper() in texto.upper(), p
    assert fecha != pdf.fecha_larga(f.fecha)  # outside the block: Spanish, another text
    # every Spanish word of the template that the language translates is absent
    for clave in ("ficha.tipo", "ficha.fecha", "cabecera", "pagina_de"):
        es, propio = idiomas.texto(f"pdf.{clave}", "es"), idiomas.texto(f"pdf.{clave}", idioma)
        if es != propio:
            assert _una_linea(es.split("{")[0]).upper() not in texto.upper(), es
    assert idiomas.texto("pdf.pagina_de", idioma).format(n=1, total="") in texto


def test_la_clave_de_cache_lleva_el_idioma_y_sus_catalogos(catalogo_traducido, tmp_path, monkeypatch):
    es, pt = _ficha(None), _ficha("pt")
    huella_es, huella_pt = pdf.huella_plantilla("es"), pdf.huella_plantilla("pt")
    assert huella_es != huella_pt
    assert pdf.clave(es, SITIO, huella_es) != pdf.clave(pt, SITIO, huella_pt)
    # a change in the Portuguese catalogue of the PDF's words renders the Portuguese PDFs again, not the Spanish ones
    carpeta = tmp_path / "idiomas"
    import shutil
    shutil.copytree(idiomas.IDIOMAS_DIR, carpeta)
    monkeypatch.setattr(idiomas, "IDIOMAS_DIR", carpeta)
    antes_es, antes_pt = pdf.huella_plantilla("es"), pdf.huella_plantilla("pt")
    (carpeta / "pt" / "pdf.yml").write_text((carpeta / "pt" / "pdf.yml").read_text(encoding="utf-8") + "\n# outra\n",
                                            encoding="utf-8")
    assert pdf.huella_plantilla("pt") != antes_pt and pdf.huella_plantilla("es") == antes_es
    (carpeta / "pt" / "campos.yml").write_text("campos: {}\n", encoding="utf-8")
    assert pdf.huella_plantilla("pt") != antes_pt


def test_una_compilacion_en_espanol_con_cada_ficha_en_su_idioma(catalogo_traducido, tmp_path):
    es, pt = _ficha(None), _ficha(None, "fichas/bra/comigrar.yml")
    assert pt.lang == "pt"  # the Brazilian example ficha is written in Portuguese
    pdfs, _ = pdf.construir_fichas([es, pt], SITIO, tmp_path)
    destino = tmp_path / "c.pdf"
    pdf.compilar("Catálogo completo", [es, pt], pdfs, destino, SITIO, tmp_path)
    texto = _una_linea(_texto(destino))
    assert idiomas.texto("pdf.compilacion.indice", "es") in texto and "Página 1 de" not in texto  # the cover has none
    assert "Página 2 de" in texto  # one Spanish numbering through the book
    with idiomas.en("pt"):
        rotulo_pt = FICHA.campos["resumen"].rotulo_publico
    assert _una_linea(rotulo_pt) in texto and _una_linea(FICHA.campos["resumen"].rotulo_publico) in texto
    # the same compilation built in Portuguese: its cover and numbering in Portuguese, cached apart
    with idiomas.en("pt"):
        pdf.compilar(pdf.idiomas.t("pdf.compilacion.catalogo"), [es, pt], pdfs, tmp_path / "pt.pdf", SITIO, tmp_path)
    texto_pt = _una_linea(_texto(tmp_path / "pt.pdf", 1, 2))  # the cover and the index
    assert idiomas.texto("pdf.compilacion.subtitulo", "pt") in texto_pt
    assert idiomas.texto("pdf.compilacion.subtitulo", "es") not in texto_pt


def test_los_catalogos_del_pdf_tienen_las_mismas_claves_en_cada_idioma():
    es = idiomas._hojas(idiomas.archivo("es", "pdf"))
    for codigo in idiomas.disponibles():
        propio = idiomas._hojas(idiomas.archivo(codigo, "pdf"))
        assert set(propio) == set(es), codigo
        assert all(re.findall(r"\{(\w+)\}", str(v)) == re.findall(r"\{(\w+)\}", str(es[k])) or
                   sorted(re.findall(r"\{(\w+)\}", str(v))) == sorted(re.findall(r"\{(\w+)\}", str(es[k])))
                   for k, v in propio.items()), codigo
        assert len(idiomas.texto("sitio.fechas.meses", codigo)) == 12
