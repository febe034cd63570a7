"""The home page's map: an SVG of South America drawn at build time from Natural Earth (public
domain), as the npm package world-atlas ships it (TopoJSON, pinned in package-lock.json).

Each country is a link to its page, named for screen readers with its count («Argentina: 3
fichas»), reachable with the keyboard in the list's order; its count is written on it. No tile
server, no request to another host, no script: the same records give the same bytes.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from generator.esquema import idiomas
from generator.config import ROOT

ATLAS = ROOT / "node_modules" / "world-atlas" / "countries-50m.json"

# ISO 3166 numeric codes (world-atlas' ids) of the countries of the Americas the catalogue names
NUMERICO = {
    "ARG": "032", "BOL": "068", "BRA": "076", "CHL": "152", "COL": "170", "ECU": "218", "GUY": "328",
    "PRY": "600", "PER": "604", "SUR": "740", "URY": "858", "VEN": "862", "ATG": "028", "BHS": "044",
    "BRB": "052", "BLZ": "084", "CAN": "124", "CRI": "188", "CUB": "192", "DMA": "212", "SLV": "222",
    "USA": "840", "GRD": "308", "GTM": "320", "HTI": "332", "HND": "340", "JAM": "388", "MEX": "484",
    "NIC": "558", "PAN": "591", "DOM": "214", "KNA": "659", "VCT": "670", "LCA": "662", "TTO": "780",
}
ANCHO = 600          # the SVG's width in its own units; the height follows the countries' shape
OESTE_MAXIMO = -85.0  # islands far out in the Pacific (Easter Island, Galápagos) would shrink the continent


class MapaNoDisponible(Exception):
    """world-atlas is not installed (npm): the home page shows the list without the map."""


@lru_cache(maxsize=1)
def _topologia(ruta: Path = ATLAS) -> dict:
    try:
        return json.loads(ruta.read_text(encoding="utf-8"))
    except OSError:
        raise MapaNoDisponible(f"Falta {ruta.relative_to(ROOT)}: ejecute «make site», que lo instala con npm.") from None


def _arcos(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arco in topo["arcs"]:
        x = y = 0
        puntos = []
        for dx, dy in arco:
            x += dx
            y += dy
            puntos.append((x * sx + tx, y * sy + ty))
        out.append(puntos)
    return out


def _anillo(indices: list[int], arcos) -> list[tuple[float, float]]:
    puntos: list[tuple[float, float]] = []
    for i in indices:
        tramo = arcos[i] if i >= 0 else arcos[~i][::-1]
        puntos.extend(tramo[1:] if puntos else tramo)
    return puntos


def poligonos(codigo: str) -> list[list[list[tuple[float, float]]]]:
    """A country's polygons (rings of lon/lat), without the far Pacific islands."""
    topo = _topologia()
    arcos = _arcos_en_memoria()
    geo = next((g for g in topo["objects"]["countries"]["geometries"] if g.get("id") == NUMERICO[codigo]), None)
    if geo is None:
        return []
    partes = geo["arcs"] if geo["type"] == "MultiPolygon" else [geo["arcs"]]
    out = []
    for partes_poligono in partes:
        anillos = [_anillo(a, arcos) for a in partes_poligono]
        if max(lon for lon, _ in anillos[0]) >= OESTE_MAXIMO:
            out.append(anillos)
    return out


@lru_cache(maxsize=1)
def _arcos_en_memoria():
    return _arcos(_topologia())


def _area(anillo) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(anillo, anillo[1:] + anillo[:1]))) / 2


def _punto_interior(anillo) -> tuple[float, float]:
    """A point inside a ring where its count can be written: on the horizontal line through the
    ring's middle, the middle of the widest stretch inside it."""
    ys = [y for _, y in anillo]
    mejor, ancho = None, -1.0
    for fraccion in (0.5, 0.4, 0.6, 0.3, 0.7):
        y = min(ys) + (max(ys) - min(ys)) * fraccion
        cortes = sorted(x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                        for (x0, y0), (x1, y1) in zip(anillo, anillo[1:] + anillo[:1])
                        if (y0 <= y < y1) or (y1 <= y < y0))
        for a, b in zip(cortes[::2], cortes[1::2]):
            if b - a > ancho:
                mejor, ancho = ((a + b) / 2, y), b - a
    return mejor or anillo[0]


def mapa_svg(paises: list[dict], raiz: str) -> Markup:
    """`paises`: dicts with slug (ARG), etiqueta, n (fichas). Returns the <svg> element."""
    formas = [(p, poligonos(p["slug"].upper())) for p in paises]
    formas = [(p, f) for p, f in formas if f]
    if not formas:
        return Markup("")
    lat0 = -20.0
    k = math.cos(math.radians(lat0))
    proy = lambda lon, lat: (lon * k, -lat)  # noqa: E731  equirectangular, true to scale at 20° S
    todos = [proy(*pt) for _, f in formas for pol in f for pt in pol[0]]
    x0, x1 = min(x for x, _ in todos), max(x for x, _ in todos)
    y0, y1 = min(y for _, y in todos), max(y for _, y in todos)
    escala = (ANCHO - 8) / (x1 - x0)
    alto = round((y1 - y0) * escala + 8)

    def xy(lon, lat):
        x, y = proy(lon, lat)
        return (x - x0) * escala + 4, (y - y0) * escala + 4

    maximo = max(p["n"] for p, _ in formas) or 1
    partes = [f'<svg class="mapa-svg" viewBox="0 0 {ANCHO} {alto}" role="group" aria-labelledby="mapa-svg-titulo" '
              f'xmlns="http://www.w3.org/2000/svg"><title id="mapa-svg-titulo">{escape(idiomas.t("sitio.mapa.titulo"))}</title>']
    etiquetas = []
    for p, f in formas:
        d = []
        for pol in f:
            for anillo in pol:
                # whole units of a 600-wide drawing, a point only where the line has moved: a
                # light drawing (islands smaller than a few units are left out)
                puntos, ultimo = [], None
                for lon, lat in anillo:
                    x, y = xy(lon, lat)
                    punto = (round(x), round(y))
                    if ultimo is None or abs(punto[0] - ultimo[0]) + abs(punto[1] - ultimo[1]) >= 2:
                        puntos.append(punto)
                        ultimo = punto
                if len(puntos) >= 3 and _area(puntos) >= 6:
                    d.append("M" + "L".join(f"{x} {y}" for x, y in puntos) + "Z")
        nivel = 0 if not p["n"] else 1 + min(3, math.ceil(3 * p["n"] / maximo))
        nombre = f'{p["etiqueta"]}: {p["n"]} {idiomas.t("sitio.palabras.ficha" if p["n"] == 1 else "sitio.palabras.fichas")}'
        mayor = max((pol[0] for pol in f), key=_area)
        lx, ly = xy(*_punto_interior(mayor))
        partes.append(f'<a href="{escape(raiz)}paises/{escape(p["slug"].lower())}/" aria-label="{escape(nombre)}" '
                      f'class="mapa-pais mapa-nivel-{nivel}" data-pais="{escape(p["slug"])}"><title>{escape(nombre)}</title>'
                      f'<path d="{"".join(d)}"/></a>')
        etiquetas.append(f'<text x="{lx:.1f}" y="{ly:.1f}" class="mapa-cuenta" aria-hidden="true">{p["n"]}</text>')
    # the counts last, over every country's shape, and not links of their own
    partes.extend(etiquetas)
    partes.append("</svg>")
    return Markup("".join(partes))
