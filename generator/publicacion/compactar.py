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

_BLANCO = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|[ \t\r\f]*\n\s*", re.IGNORECASE | re.DOTALL)


def _reemplazo(m: re.Match) -> str:
    return m.group(1) or "\n"


def compactar(html: str) -> str:
    """The page with every run of blank space that holds a line break as one line break, outside
    <pre>, <textarea>, <script> and <style>."""
    return _BLANCO.sub(_reemplazo, html)
