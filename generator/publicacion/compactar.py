"""The built pages without the engine's indentation: a page of the catalogue is a fifth blank space
as the theme's templates write it, and at 10,000 fichas in three languages that fifth is what keeps
the site under GitHub Pages' 1 GB.

Every run of blank space that holds a line break becomes one line break. A browser shows both the
same way (HTML collapses blank space to one space), except where blank space is kept as written:
<pre> and <textarea>, which are left alone, as are <script> and <style> (their text is code, and
the Content-Security-Policy lists the inline scripts by the hash of their exact text). A step over
the built HTML, whatever engine wrote it, in the same pass as the policy.
"""
from __future__ import annotations

import re

_PROTEGIDOS = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLANCO = " \t\r\f"  # HTML's blank space besides the line break; not U+00A0, a non-breaking space is text


def _trozo(texto: str) -> str:
    """A stretch outside the kept elements: each run of blank space holding a line break, one line break."""
    if "\n" not in texto:
        return texto
    lineas = texto.split("\n")
    primera, ultima = lineas[0].rstrip(_BLANCO), lineas[-1].lstrip(_BLANCO)
    cuerpo = "\n".join(x for x in (primera, *(l.strip(_BLANCO) for l in lineas[1:-1]), ultima) if x)
    if not cuerpo:
        return "\n"
    return ("" if primera else "\n") + cuerpo + ("" if ultima else "\n")


def compactar(html: str) -> str:
    """The page with every run of blank space that holds a line break as one line break, outside
    <pre>, <textarea>, <script> and <style>."""
    partes, desde = [], 0
    for m in _PROTEGIDOS.finditer(html):
        partes += [_trozo(html[desde:m.start()]), m.group(0)]
        desde = m.end()
    partes.append(_trozo(html[desde:]))
    return "".join(partes)
