"""Defence in depth for the built site: a Content-Security-Policy in every page.

GitHub Pages sets no CSP header and the site may be hosted under another site's headers, so
the policy travels inside each page as a `<meta http-equiv>` right after `<head>`, before any
script. Scripts run only from the site itself or, inline, when their exact text is listed by
hash (the theme's few bootstrap lines): a script that slipped into a page through a record's
text, an attachment or a template mistake does not run. This is a step over the built HTML,
whatever engine rendered it (MkDocs today, Zensical tomorrow), run before the search index.
"""
from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache

_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<cuerpo>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TIPO = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"""\bsrc\s*=""", re.IGNORECASE)
_EJECUTABLES = {"", "text/javascript", "module", "application/javascript"}
MARCA = 'http-equiv="Content-Security-Policy"'

# The browser form validates with Ajv, which compiles the schema to code with `new Function`:
# only the pages that load it may evaluate code.
_USA_EVAL = re.compile(r"""<script\b[^>]*\bsrc=["'][^"']*proponer-deps\.js["']""", re.IGNORECASE)


@lru_cache(maxsize=256)
def _huella(cuerpo: str) -> str:
    """A script's hash as the policy lists it (the theme's few scripts repeat on every page: once each)."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(cuerpo.encode('utf-8')).digest()).decode('ascii')}'"


def _huellas(html: str) -> list[str]:
    out = []
    for m in _SCRIPT.finditer(html):
        attrs = m.group("attrs")
        if _SRC.search(attrs):
            continue
        tipo = _TIPO.search(attrs)
        if (tipo.group(1).lower() if tipo else "") not in _EJECUTABLES:
            continue  # data blocks (application/json) are never run
        out.append(_huella(m.group("cuerpo")))
    return sorted(set(out))


def politica(html: str) -> str:
    scripts = ["'self'", *_huellas(html), "'wasm-unsafe-eval'"]  # WebAssembly: the search (Pagefind)
    if _USA_EVAL.search(html):
        scripts.append("'unsafe-eval'")
    return "; ".join([
        "default-src 'self'",
        "script-src " + " ".join(scripts),
        "style-src 'self' 'unsafe-inline'",  # the theme and the charts set style attributes
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-src 'self'",
    ])


def proteger(html: str) -> str:
    """The page with its policy as the first element of <head> (once)."""
    if MARCA in html:
        return html
    m = _HEAD.search(html)
    if m is None:
        return html
    meta = f'<meta {MARCA} content="{politica(html)}">'
    return html[:m.end()] + meta + html[m.end():]
