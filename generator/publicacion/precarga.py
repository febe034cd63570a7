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
import html
import json
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


def partes_del_indice(pagefind: Path) -> dict | None:
    """{"trozos": [[first word, last word, file], …], "filtros": {filter: file}} of the (single)
    language Pagefind indexed; None when there is no index or it is not the expected one."""
    try:
        entrada = json.loads((pagefind / "pagefind-entry.json").read_text(encoding="utf-8"))
        (idioma,) = entrada["languages"].values()
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


def anunciar(site_dir: Path) -> bool:
    """Write the index's parts into the explorer's page (its placeholder <meta>); whether it did."""
    pagina = site_dir / rutas.EXPLORAR / "index.html"
    partes = partes_del_indice(site_dir / "pagefind")
    try:
        texto = pagina.read_text(encoding="utf-8")
    except OSError:
        return False
    if partes is None or MARCA not in texto:
        return False
    contenido = html.escape(json.dumps(partes, ensure_ascii=False, separators=(",", ":")), quote=True)
    escribir_atomico(pagina, texto.replace(MARCA, f'<meta name="catalogo-busqueda" content="{contenido}">', 1),
                     durable=False)
    return True
