"""The site's languages side by side: where each one lives and how each page names its others.

The first language of catalogo.yml «idiomas» is at the site's root, every other one under
/<código>/ (/pt/, /en/): one tree of pages per language (build/paginas, build/pt/paginas…), one
engine build per language (Material's own recommendation for a multilingual site), one search
index for all of them (Pagefind keeps one per <html lang>). What is not a page — the PDFs, the
open data, the Word forms, the attached files, the search index — exists once, at the root:
a page under /pt/ reaches it one folder up (`comun`).

Here: each language's place (`Lugar`), what its engine configuration says about languages (the
switcher, the hreflang alternates, the shared root), and the sitemap with every language's
address of each page (`sitemap_con_alternos`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.esquema import idiomas


@dataclass(frozen=True)
class Lugar:
    """One language of the site: its code, and its folder under the site's root ("" or "pt/")."""
    codigo: str
    carpeta: str

    @property
    def comun(self) -> str:
        """From this language's root up to the site's root, where shared files are ("" or "../")."""
        return "../" * self.carpeta.count("/")

    @property
    def hreflang(self) -> str:
        """The language as <html lang> and hreflang write it: the theme's («pt-BR»)."""
        return str(idiomas.idioma_info(self.codigo).get("material") or self.codigo)

    @property
    def locale(self) -> str:
        """Its Open Graph locale («pt_BR»)."""
        return str(idiomas.idioma_info(self.codigo).get("locale") or self.codigo)

    @property
    def nombre(self) -> str:
        return str(idiomas.idioma_info(self.codigo).get("nombre") or self.codigo)


def lugares(codigos: tuple[str, ...]) -> tuple[Lugar, ...]:
    """The first language at the root, the others in /<código>/."""
    return tuple(Lugar(c, "" if i == 0 else f"{c}/") for i, c in enumerate(codigos))


def carpeta_de_obra(generado: Path, lugar: Lugar) -> Path:
    """Where a language's generated docs folder goes: build/paginas, build/pt/paginas."""
    return generado.parent / lugar.carpeta / generado.name if lugar.carpeta else generado


def extra_del_motor(todos: tuple[Lugar, ...], este: Lugar, sitio_url: str) -> dict:
    """What a language's engine configuration says about languages, for overrides/: every
    language's name, hreflang, absolute root (the <head> alternates) and root relative to this
    build's (the switcher: partials/idiomas.html adds the page's own address, so it leads to the
    same page); the way up to the shared root. Not Material's `extra.alternate`: the theme would
    announce each language's home page, not this page's, as its alternate in <head>."""
    return {
        "catalogo_idiomas": [{"codigo": l.codigo, "hreflang": l.hreflang, "nombre": l.nombre,
                              "locale": l.locale, "url": sitio_url + l.carpeta, "ruta": este.comun + l.carpeta} for l in todos],
        "catalogo_comun": este.comun,
        "catalogo_idioma": este.codigo,
    }


# --- the sitemap -----------------------------------------------------------------------------

_LOC = re.compile(r"<url>\s*<loc>([^<]*)</loc>(.*?)</url>", re.S)


def _urls(sitemap: Path) -> list[tuple[str, str]]:
    """(address, the rest of its <url> entry: lastmod…) of an engine's sitemap.xml."""
    if not sitemap.is_file():
        return []
    return [(m.group(1), m.group(2).strip()) for m in _LOC.finditer(sitemap.read_text(encoding="utf-8"))]


def sitemap_con_alternos(site_dir: Path, todos: tuple[Lugar, ...], sitio_url: str) -> str | None:
    """One sitemap.xml for the whole site: every language's pages, each with the addresses of the
    same page in every language (xhtml:link hreflang, and x-default: the root's). The engines write
    one sitemap per build; this replaces them. None when the engine wrote none."""
    raiz = site_dir / "sitemap.xml"
    if raiz.is_file() and "xmlns:xhtml" in raiz.read_text(encoding="utf-8"):
        return None  # already put together (indexar run twice)
    por_ruta: dict[str, dict[str, tuple[str, str]]] = {}
    for lugar in todos:
        raiz = sitio_url + lugar.carpeta
        for loc, resto in _urls(site_dir / lugar.carpeta / "sitemap.xml"):
            if loc.startswith(raiz):
                por_ruta.setdefault(loc[len(raiz):], {})[lugar.codigo] = (loc, resto)
    if not por_ruta:
        return None
    lineas = ['<?xml version="1.0" encoding="UTF-8"?>',
              '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for ruta in sorted(por_ruta):
        versiones = por_ruta[ruta]
        alternos = [(l.hreflang, versiones[l.codigo][0]) for l in todos if l.codigo in versiones]
        if todos[0].codigo in versiones:
            alternos.append(("x-default", versiones[todos[0].codigo][0]))
        for lugar in todos:
            if lugar.codigo not in versiones:
                continue
            loc, resto = versiones[lugar.codigo]
            lineas.append(f"<url><loc>{loc}</loc>{resto}")
            lineas += [f'<xhtml:link rel="alternate" hreflang="{h}" href="{u}"/>' for h, u in alternos]
            lineas.append("</url>")
    lineas.append("</urlset>")
    return "\n".join(lineas) + "\n"
