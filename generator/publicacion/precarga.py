"""/explorar/ on a slow connection: the search index's parts a query will need, named in the page.

Pagefind decides which part of its index (a «chunk», by word range) a query needs only after its
WebAssembly has arrived, and then asks for it: on slow 3G, one more round trip after the largest
download. After Pagefind has indexed the built site, `anunciar` writes into the explorer's page
the word range and file of every index chunk and the file of every filter, read from Pagefind's
metadata (pf_meta: gzip over CBOR); a few lines in the page's <head> (overrides/main.html) ask
for the chunks that the words in the address can fall in, and for the filters it uses, at once,
beside the WebAssembly. Nothing here changes what the search finds; a guess that misses only
costs its bytes.
"""
from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
from pathlib import Path

from generator.archivos import escribir_atomico
from generator.publicacion import rutas

MARCA = '<meta name="catalogo-busqueda" content="">'


def _cbor(datos: bytes, i: int = 0):
    """(value, next position) of the CBOR item at `i`: what Pagefind's metadata uses (unsigned and
    negative integers, byte and text strings, arrays, maps, simple values)."""
    inicial = datos[i]
    mayor, info = inicial >> 5, inicial & 0x1F
    i += 1
    if info < 24:
        n = info
    elif info in (24, 25, 26, 27):
        ancho = 1 << (info - 24)
        n = int.from_bytes(datos[i:i + ancho], "big")
        i += ancho
    else:
        raise ValueError(f"CBOR no admitido: {inicial:#x}")
    if mayor == 0:
        return n, i
    if mayor == 1:
        return -1 - n, i
    if mayor == 2:
        return datos[i:i + n], i + n
    if mayor == 3:
        return datos[i:i + n].decode("utf-8"), i + n
    if mayor == 4:
        lista = []
        for _ in range(n):
            valor, i = _cbor(datos, i)
            lista.append(valor)
        return lista, i
    if mayor == 5:
        mapa = {}
        for _ in range(n):
            clave, i = _cbor(datos, i)
            mapa[clave], i = _cbor(datos, i)
        return mapa, i
    if mayor == 7:
        return {20: False, 21: True, 22: None}.get(n), i
    raise ValueError(f"CBOR no admitido: {inicial:#x}")


FIRMA = b"pagefind_dcd"


def partes_del_indice(pagefind: Path, lang: str | None = None) -> dict | None:
    """{"trozos": [[first word, last word, file], …], "filtros": {filter: file}} of the index Pagefind
    made for the pages of <html lang=`lang`> (or of its only language); None when there is no such
    index or it is not the expected one."""
    try:
        entrada = json.loads((pagefind / "pagefind-entry.json").read_text(encoding="utf-8"))
        lenguas = entrada["languages"]
        idioma = lenguas[lang] if lang in lenguas else next(iter(lenguas.values())) if len(lenguas) == 1 else None
        if idioma is None:
            return None
        datos = gzip.decompress((pagefind / f"pagefind.{idioma['hash']}.pf_meta").read_bytes())
        if not datos.startswith(FIRMA):
            return None
        meta, _ = _cbor(datos, len(FIRMA))
        # Pagefind 1.x: [version, pages, index chunks [from, to, hash], filters [name, hash], sorts]
        trozos = [[desde, hasta, archivo] for desde, hasta, archivo in meta[2]]
        filtros = {nombre: archivo for nombre, archivo in meta[3]}
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None
    return {"trozos": trozos, "filtros": filtros}


_LANG = re.compile(r'<html[^>]*\slang="(?P<lang>[^"]+)"')


def exploradores(site_dir: Path) -> list[Path]:
    """The explorer's page of every language: /explorar/ and /<código>/explorar/."""
    return [p for p in [site_dir / rutas.EXPLORAR / "index.html", *sorted(site_dir.glob(f"*/{rutas.EXPLORAR}index.html"))]
            if p.is_file()]


def anunciar(site_dir: Path) -> bool:
    """Write the index's parts into each language's explorer page (its placeholder <meta>): the parts
    of its own language's index; whether it did for all of them."""
    hechos = [_anunciar(site_dir, pagina) for pagina in exploradores(site_dir)]
    return bool(hechos) and all(hechos)


def _anunciar(site_dir: Path, pagina: Path) -> bool:
    try:
        texto = pagina.read_text(encoding="utf-8")
    except OSError:
        return False
    m = _LANG.search(texto)
    partes = partes_del_indice(site_dir / "pagefind", m.group("lang") if m else None)
    if partes is None or MARCA not in texto:
        return False
    contenido = html.escape(json.dumps(partes, ensure_ascii=False, separators=(",", ":")), quote=True)
    escribir_atomico(pagina, texto.replace(MARCA, f'<meta name="catalogo-busqueda" content="{contenido}">', 1),
                     durable=False)
    return True


# --- the theme's style sheet, for /explorar/ ------------------------------------------------------
# Material's main.css (23 KB compressed) is most of the bytes that share a slow line with the
# search before its first result. Most of it styles what the explorer never shows (admonitions,
# code, tables, tabs of content, the theme's own search…). `estilos_del_explorador` writes a copy
# without the rules no element of the explorer can match: a rule stays when every class and id
# it names appears in the page or in a script that builds or changes it (the explorer's and the
# theme's), and whenever it is not plain enough to judge (:not(), :is(), :where(), :has()). At-rules
# other than @media and @supports stay whole. The other pages keep the theme's file.

_PALABRA = re.compile(r"[A-Za-z_][\w-]*")
# Of the classes the theme's script adds, those of the page's frame (header, navigation, drawer, tabs,
# back-to-top, dialog, tooltips, keyboard focus): the explorer's content is the catalogue's own, not the
# theme's code blocks, tables, annotations, search, tags or versions (a quarter of its style sheet).
_DEL_MARCO = re.compile(r"(md-(header|nav|toggle|dialog|tooltip2?|top|tabs|sidebar|overlay|select|skip|banner|"
                        r"container|main|content|footer|grid|ellipsis|icon|logo)|focus-visible)\b")
_CLASE_O_ID = re.compile(r"[.#](-?[A-Za-z_][\w-]*)")
_COMENTARIO = re.compile(r"/\*.*?\*/", re.DOTALL)
_DUDOSO = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(", re.IGNORECASE)


def _bloques(css: str):
    """(prelude, body) of each top-level block of a style sheet; strings and comments respected."""
    i, n, inicio = 0, len(css), 0
    while i < n:
        c = css[i]
        if c in "\"'":
            i = css.index(c, i + 1) + 1 if c in css[i + 1:] else n
            continue
        if css.startswith("/*", i):
            i = css.find("*/", i + 2)
            i = n if i < 0 else i + 2
            continue
        if c == ";" and css[inicio:i].lstrip().startswith("@"):  # @charset, @import: no body
            yield css[inicio:i + 1].strip(), None
            inicio = i = i + 1
            continue
        if c == "{":
            profundidad, j = 1, i + 1
            while j < n and profundidad:
                d = css[j]
                if d in "\"'":
                    cierre = css.find(d, j + 1)
                    j = n if cierre < 0 else cierre + 1
                    continue
                if css.startswith("/*", j):
                    cierre = css.find("*/", j + 2)
                    j = n if cierre < 0 else cierre + 2
                    continue
                profundidad += {"{": 1, "}": -1}.get(d, 0)
                j += 1
            yield css[inicio:i].strip(), css[i + 1:j - 1]
            inicio = i = j
            continue
        i += 1


def _se_queda(selector: str, palabras: set[str]) -> bool:
    for parte in selector.split(","):
        if _DUDOSO.search(parte) or all(x in palabras for x in _CLASE_O_ID.findall(parte)):
            return True
    return False


def depurar(css: str, palabras: set[str]) -> str:
    """`css` without the rules whose selectors name a class or id not in `palabras`."""
    out = []
    for preludio, cuerpo in _bloques(css):
        preludio = _COMENTARIO.sub("", preludio).strip()  # a comment before a rule is not part of its selector
        if cuerpo is None:
            out.append(preludio)
        elif preludio.startswith("@"):
            clave = preludio[1:].split(None, 1)[0].split("(")[0].lower()
            if clave in ("media", "supports"):
                dentro = depurar(cuerpo, palabras)
                if dentro:
                    out.append(f"{preludio}{{{dentro}}}")
            else:
                out.append(f"{preludio}{{{cuerpo}}}")
        elif _se_queda(preludio, palabras):
            out.append(f"{preludio}{{{cuerpo}}}")
    return "".join(out)


# Material's palette.css styles only the palettes it can switch between (its named colours, «slate»):
# this catalogue sets its colours in catalogo.css and offers no switch, so on /explorar/ it is left out.
_PALETA = re.compile(r'<link rel="stylesheet" href="[^"]*assets/stylesheets/palette\.[0-9a-f]+\.min\.css">\s*')
_HOJA_PROPIA = re.compile(r'<link rel="stylesheet" href="(?P<ruta>[^"]*assets/)catalogo\.css">')
_HOJA_DEL_TEMA = re.compile(r'<link rel="stylesheet" href="(?P<ruta>[^"]*assets/stylesheets/)(?P<nombre>main\.[0-9a-f]+\.min\.css)">')


def estilos_del_explorador(site_dir: Path) -> bool:
    """Give each language's /explorar/ its own copy of the theme's main.css and of catalogo.css,
    without what it cannot use, and no palette.css; whether it did for all of them."""
    hechos = [_estilos(site_dir, pagina) for pagina in exploradores(site_dir)]
    return bool(hechos) and all(hechos)


def _estilos(site_dir: Path, pagina: Path) -> bool:
    try:
        texto = pagina.read_text(encoding="utf-8")
    except OSError:
        return False
    m = _HOJA_DEL_TEMA.search(texto)
    if m is None:
        return False
    carpeta = (pagina.parent / m.group("ruta")).resolve()
    if not (carpeta / m.group("nombre")).is_file():
        return False
    palabras = set(_PALABRA.findall(texto))
    if (site_dir / "assets" / "explorar.js").is_file():  # the explorer's own: its results, its filters
        palabras |= set(_PALABRA.findall((site_dir / "assets" / "explorar.js").read_text(encoding="utf-8")))
    for s in sorted((site_dir / "assets" / "javascripts").glob("*.js")):  # the theme's: what it adds to the frame
        palabras |= {x for x in _PALABRA.findall(s.read_text(encoding="utf-8")) if _DEL_MARCO.match(x)}
    nombre = _copia_depurada(carpeta / m.group("nombre"), "explorar.{}.min.css", palabras)
    texto = _PALETA.sub("", texto.replace(m.group(0), f'<link rel="stylesheet" href="{m.group("ruta")}{nombre}">', 1))
    # the catalogue's own style sheet too: most of it styles the fichas, the indexes and the forms
    propia = _HOJA_PROPIA.search(texto)
    if propia is not None and (pagina.parent / propia.group("ruta") / "catalogo.css").is_file():
        nombre = _copia_depurada(pagina.parent / propia.group("ruta") / "catalogo.css", "catalogo-explorar.{}.css", palabras)
        texto = texto.replace(propia.group(0), f'<link rel="stylesheet" href="{propia.group("ruta")}{nombre}">', 1)
    escribir_atomico(pagina, texto, durable=False)
    return True


def _copia_depurada(hoja: Path, forma: str, palabras: set[str]) -> str:
    """A copy of the style sheet `hoja` beside it, without what `palabras` cannot use; its name
    (`forma` with the content's hash: a new file, never a stale copy)."""
    css = depurar(hoja.read_text(encoding="utf-8"), palabras)
    nombre = forma.format(hashlib.sha256(css.encode()).hexdigest()[:8])
    escribir_atomico(hoja.parent / nombre, css, durable=False)
    return nombre
