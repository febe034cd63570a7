"""One copy of each typeface in a compilation (generator/publicacion/fuentes_pdf.py): the book reads
and looks the same as the fichas' PDFs joined as they are, and weighs about half."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest

from conftest import ROOT
from generator.publicacion import fuentes_pdf, pdf
from generator.publicacion.modelo import desde_datos
from generator.validacion.lectura import leer_bytes

SITIO = "https://catalogo.example.org/"


def test_los_glifos_usados_salen_de_los_anchos_en_sus_dos_formas():
    anchos = pikepdf.Array([3, pikepdf.Array([348]), 19, pikepdf.Array([696, 696, 696]), 40, 42, 500])
    assert fuentes_pdf.glifos_usados(anchos) == {3, 19, 20, 21, 40, 41, 42}


def _fichas():
    out = []
    for ruta in sorted((ROOT / "fichas").glob("*/*.yml"))[:6]:
        out.append(desde_datos(dict(leer_bytes(ruta.read_bytes()).data), ruta.parent.name, ruta.stem))
    return out


def _paginas(ruta: Path) -> list[bytes]:
    """Each page as pixels (PPM at 50 dpi)."""
    n = len(pikepdf.open(ruta).pages)
    return [subprocess.run(["pdftoppm", "-r", "50", "-f", str(i), "-l", str(i), str(ruta)], capture_output=True,
                           check=True).stdout for i in range(1, n + 1)]


@pytest.fixture(scope="module")
def libros(tmp_path_factory):
    """The same compilation with one typeface per face, and joined as the fichas' PDFs are."""
    tmp = tmp_path_factory.mktemp("fuentes")
    fichas = _fichas()
    pdfs, _ = pdf.construir_fichas(fichas, SITIO, tmp / "cache")
    unido = tmp / "unido.pdf"
    pdf.compilar("Catálogo completo", fichas, pdfs, unido, SITIO, tmp / "cache")
    with pytest.MonkeyPatch.context() as m:
        m.setattr(fuentes_pdf, "unir_fuentes", lambda _pdf: 0)
        m.setattr(fuentes_pdf, "VERSION", "sin unir")  # another cache key
        separado = tmp / "separado.pdf"
        pdf.compilar("Catálogo completo", fichas, pdfs, separado, SITIO, tmp / "cache")
    return unido, separado, tmp


def test_una_fuente_por_cara_en_todo_el_libro(libros):
    unido, separado, _ = libros
    def programas(ruta):
        with pikepdf.open(ruta) as libro:
            return {(fuentes_pdf._nombre(o), o.FontFile2.objgen) for o in libro.objects
                    if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == pikepdf.Name.FontDescriptor and "/FontFile2" in o}
    caras = {c for c, _ in programas(separado)}
    assert len(programas(separado)) > len(caras)  # joined as they are: one program per ficha and face
    assert len(programas(unido)) == len(caras)
    assert unido.stat().st_size < 0.7 * separado.stat().st_size


def test_el_libro_se_lee_y_se_ve_igual(libros):
    unido, separado, _ = libros
    texto = [subprocess.run(["pdftotext", str(r), "-"], capture_output=True, text=True, check=True).stdout
             for r in (unido, separado)]
    assert texto[0] == texto[1] and "ñ" in texto[0] and "ç" in texto[0]
    assert _paginas(unido) == _paginas(separado)


def test_el_mismo_libro_byte_por_byte(libros):
    unido, _, tmp = libros
    primero = unido.read_bytes()
    fichas = _fichas()
    pdfs, _ = pdf.construir_fichas(fichas, SITIO, tmp / "cache")
    pdf.compilar("Catálogo completo", fichas, pdfs, tmp / "de-nuevo.pdf", SITIO, tmp / "cache-nueva")
    assert (tmp / "de-nuevo.pdf").read_bytes() == primero
