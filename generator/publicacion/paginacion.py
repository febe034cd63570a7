"""Page numbers on finished PDFs: «Página N de T» in every footer and the PDF's page labels.

A ficha's PDF is rendered once and cached without page numbers; the numbers are stamped where the
PDF is published: 1…T for the ficha alone, and continuous through a compilation (cover, index and
every ficha), so the footers, the index and the reader's page labels give the same number.
The text is drawn in the standard Helvetica (no font to embed), so the result is deterministic.
"""
from __future__ import annotations

import pikepdf

from generator.esquema import idiomas

VERSION = "3"  # part of the cache keys of numbered PDFs: change it when the stamp changes

# Helvetica's advance widths (AFM, 1/1000 em) for the characters the footer uses
_ANCHOS = {"P": 667, "á": 556, "g": 556, "i": 222, "n": 556, "a": 556, " ": 278, "d": 556, "e": 556,
           "o": 556, "f": 278, "S": 667, "s": 500, "l": 222, "u": 556, "r": 333, "t": 278, "c": 500, "é": 556,
           **{str(d): 556 for d in range(10)}}
_CUERPO = 7         # pt, like the print template's footer
_MARGEN_DER = 51.02  # 18 mm: the template's right margin
_BASE = 28.5        # baseline, in the middle of the 22 mm bottom margin
_GRIS = 0.333       # #555


def texto_pie(n: int, total: int) -> str:
    """«Página 3 de 7», «Page 3 of 7»: in the language being written (pdf.pagina_de)."""
    return idiomas.t("pdf.pagina_de", n=n, total=total)


def _sellar(pdf: pikepdf.Pdf, pagina: pikepdf.Page, texto: str, fuente: pikepdf.Object) -> None:
    # a fixed resource name (pikepdf's add_resource would add a random suffix: not deterministic)
    if pikepdf.Name.Resources not in pagina.obj:
        pagina.obj.Resources = pikepdf.Dictionary()
    recursos = pagina.obj.Resources
    if pikepdf.Name.Font not in recursos:
        recursos.Font = pikepdf.Dictionary()
    n = 0
    while pikepdf.Name(f"/Pie{n}") in recursos.Font:
        n += 1
    nombre = pikepdf.Name(f"/Pie{n}")
    recursos.Font[nombre] = fuente
    caja = [float(x) for x in pagina.mediabox]
    ancho = sum(_ANCHOS.get(c, 556) for c in texto) * _CUERPO / 1000
    x = caja[2] - _MARGEN_DER - ancho
    cadena = texto.encode("cp1252", errors="replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    sello = (b"Q q %.3f g BT %s %d Tf %.2f %.2f Td (" % (_GRIS, str(nombre).encode(), _CUERPO, x, caja[1] + _BASE)
             + cadena + b") Tj ET Q\n")
    # the page's own drawing is closed in q … Q first, so its state cannot move the stamp
    pagina.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
    pagina.contents_add(pikepdf.Stream(pdf, sello), prepend=False)


def numerar(pdf: pikepdf.Pdf, sin_numero: int = 0) -> None:
    """Stamp «Página N de T» on every page but the first `sin_numero` (a cover), and label the
    pages 1…T in the PDF itself (what a reader shows in its page box)."""
    total = len(pdf.pages)
    fuente = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                  BaseFont=pikepdf.Name.Helvetica, Encoding=pikepdf.Name.WinAnsiEncoding))
    for i, pagina in enumerate(pdf.pages):
        if i >= sin_numero:
            _sellar(pdf, pagina, texto_pie(i + 1, total), fuente)
    pdf.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array([0, pikepdf.Dictionary(S=pikepdf.Name.D)]))
