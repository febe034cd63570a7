"""Offer meets demand: the cooperation profiles read as rankings, a countries × areas matrix and
matches, each with the published fichas that could answer it.

Everything here is computed from the records and the vocabularies (schema/vocabularios.yml says
how areas relate to ficha themes and categories, and mechanisms to 1.11 transfer needs): no link
is written in code, and the same records always give the same order.

- Ranking (the 2013 report's sections 3 and 4, always current): the areas someone asked for (or
  offered), by how many institutions did, then by the average priority they gave it (1 is the
  highest), then in the questionnaire's order; «Otras» areas are listed apart, with their text.
- Match: a demand (country A, area X, mechanisms M) and an offer (country B ≠ A, area X,
  mechanisms sharing at least one with M), with the fichas linked to X — those of B first, then
  those of any other country. «Otras» areas never match by themselves.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from generator.esquema.vocabularios import Termino, vocabulario
from generator.publicacion.modelo import Registro, ordenar

OTRA = "otra"


@dataclass(frozen=True)
class Pedido:
    """One area of one profile's demand or offer, with its priority (1 = first in the list)."""
    perfil: Registro
    lado: str                  # "demanda" | "oferta"
    area: Termino
    area_otra: str
    prioridad: int
    mecanismos: tuple[Termino, ...]

    @property
    def pais(self) -> Termino:
        return self.perfil.pais

    @property
    def institucion(self) -> str:
        return self.perfil.valor("institucion")


@dataclass(frozen=True)
class Puesto:
    """An area in a ranking: how many institutions, their average priority, their mechanisms."""
    area: Termino
    pedidos: tuple[Pedido, ...]

    @property
    def n(self) -> int:
        return len({p.perfil.id for p in self.pedidos})

    @property
    def prioridad_media(self) -> float:
        return sum(p.prioridad for p in self.pedidos) / len(self.pedidos)

    @property
    def mecanismos(self) -> list[tuple[Termino, int]]:
        """Each mechanism with how many of these institutions would use it, most named first."""
        orden = {t.slug: i for i, t in enumerate(vocabulario("mecanismos_cooperacion"))}
        cuenta = Counter(m for p in self.pedidos for m in p.mecanismos)
        return sorted(cuenta.items(), key=lambda x: (-x[1], orden[x[0].slug]))


@dataclass(frozen=True)
class Coincidencia:
    area: Termino
    demanda: Pedido
    oferta: Pedido
    comunes: tuple[Termino, ...]
    fichas: tuple[Registro, ...]


def _pedidos(perfil: Registro, lado: str) -> list[Pedido]:
    out = []
    for i, e in enumerate(perfil.valor(lado) or (), start=1):
        out.append(Pedido(perfil, lado, e["area"], e["area_otra"] or "", i, tuple(e["mecanismos"] or ())))
    return out


class Cooperacion:
    """The cooperation view of the catalogue, computed once per build."""

    def __init__(self, perfiles: list[Registro], fichas: list[Registro]):
        self.perfiles = sorted(perfiles, key=lambda p: (self._orden_pais(p.pais), p.slug))
        self.fichas = ordenar(fichas)
        self.areas = vocabulario("areas_cooperacion")
        self.mecanismos = vocabulario("mecanismos_cooperacion")

    def _orden_pais(self, t: Termino) -> int:
        return self._posiciones_paises[t.slug]

    @cached_property
    def _posiciones_paises(self) -> dict[str, int]:
        """Each country's place in its vocabulary (the order of every list by country), once."""
        return {p.slug: i for i, p in enumerate(vocabulario("paises"))}

    @cached_property
    def demandas(self) -> list[Pedido]:
        return [d for p in self.perfiles for d in _pedidos(p, "demanda")]

    @cached_property
    def ofertas(self) -> list[Pedido]:
        return [o for p in self.perfiles for o in _pedidos(p, "oferta")]

    def ranking(self, lado: str) -> list[Puesto]:
        pedidos = self.demandas if lado == "demanda" else self.ofertas
        orden = {t.slug: i for i, t in enumerate(self.areas)}
        por_area: dict[str, list[Pedido]] = {}
        for p in pedidos:
            if p.area.slug != OTRA:
                por_area.setdefault(p.area.slug, []).append(p)
        puestos = [Puesto(next(t for t in self.areas if t.slug == s), tuple(ps)) for s, ps in por_area.items()]
        return sorted(puestos, key=lambda x: (-x.n, x.prioridad_media, orden[x.area.slug]))

    def otras(self, lado: str) -> list[Pedido]:
        """«Otras» areas, with the text each institution wrote."""
        return [p for p in (self.demandas if lado == "demanda" else self.ofertas) if p.area.slug == OTRA]

    def matriz(self) -> list[dict]:
        """Per country with a profile: per area, its best (lowest) priority asking and offering."""
        filas = []
        paises = list(dict.fromkeys(p.pais for p in self.perfiles))
        for pais in paises:
            celdas = {}
            for lado, pedidos in (("demanda", self.demandas), ("oferta", self.ofertas)):
                for p in pedidos:
                    if p.pais == pais and p.area.slug != OTRA:
                        c = celdas.setdefault(p.area.slug, {})
                        c[lado] = min(c.get(lado, p.prioridad), p.prioridad)
            filas.append({"pais": pais, "celdas": celdas})
        return filas

    # --- links between areas, mechanisms and fichas ------------------------------------------
    def area(self, slug: str) -> Termino:
        return next(t for t in self.areas if t.slug == slug)

    @cached_property
    def _por_area(self) -> dict[str, tuple[list[Registro], set[str]]]:
        """Each area's linked fichas, computed once: (in the catalogue's order, their ids)."""
        out = {}
        for area in self.areas:
            temas, cats = set(area.extra.get("temas") or ()), set(area.extra.get("categorias") or ())
            ligadas = [f for f in self.fichas if temas & {t.slug for t in f.temas}
                       or cats & {t.slug for t in f.terminos("categorias")}]
            out[area.slug] = (ligadas, {f.id for f in ligadas})
        return out

    def fichas_de_area(self, area: Termino, primero: Termino | None = None) -> list[Registro]:
        """The published fichas whose themes (or categories) the area names; `primero`'s first."""
        ligadas = self._por_area[area.slug][0]
        if primero is None:
            return ligadas
        return [f for f in ligadas if f.pais == primero] + [f for f in ligadas if f.pais != primero]

    def transferencias(self, mecanismos) -> set[str]:
        return {s for m in mecanismos for s in m.extra.get("transferencia") or ()}

    def coincidencias(self) -> list[Coincidencia]:
        return self._coincidencias

    @cached_property
    def _coincidencias(self) -> list[Coincidencia]:
        orden = {t.slug: i for i, t in enumerate(self.areas)}
        out = []
        for d in self.demandas:
            if d.area.slug == OTRA:
                continue
            for o in self.ofertas:
                if o.area != d.area or o.pais == d.pais:
                    continue
                comunes = tuple(m for m in self.mecanismos if m in d.mecanismos and m in o.mecanismos)
                if comunes:
                    out.append(Coincidencia(d.area, d, o, comunes, tuple(self.fichas_de_area(d.area, o.pais))))
        clave = lambda c: (orden[c.area.slug], self._orden_pais(c.demanda.pais), c.demanda.perfil.slug,  # noqa: E731
                           self._orden_pais(c.oferta.pais), c.oferta.perfil.slug)
        return sorted(out, key=clave)

    def demanda_relacionada(self, ficha: Registro) -> list[Pedido]:
        """Other countries' demands this practice could answer: their area names its themes (or
        categories), and their mechanisms match what a transfer of it needs (1.11).

        Best first: the requesting institution's priority (1 is its first), then how many of its
        mechanisms the ficha's 1.11 covers, then the country's and the profile's order."""
        memo = self.__dict__.setdefault("_demanda_relacionada", {})  # asked by the page and by its cache key
        if ficha.id not in memo:
            memo[ficha.id] = self._calcular_demanda_relacionada(ficha)
        return memo[ficha.id]

    @cached_property
    def _demandas_y_necesidades(self) -> list[tuple[Pedido, str, set[str], tuple[set[str], ...]]]:
        """Each demand (but «otra») with its country and the transfer needs its mechanisms answer,
        together and one by one: computed once, not once per ficha."""
        return [(d, d.pais.slug, self.transferencias(d.mecanismos),
                 tuple(set(m.extra.get("transferencia") or ()) for m in d.mecanismos))
                for d in self.demandas if d.area.slug != OTRA]

    def _calcular_demanda_relacionada(self, ficha: Registro) -> list[Pedido]:
        necesidades = {t.slug for t in ficha.terminos("transferencia")}
        pais = ficha.pais.slug
        out = []
        for d, de_pais, atiende, por_mecanismo in self._demandas_y_necesidades:
            if de_pais == pais or not atiende & necesidades or ficha.id not in self._por_area[d.area.slug][1]:
                continue
            cubiertos = sum(1 for m in por_mecanismo if m & necesidades)
            out.append(((d.prioridad, -cubiertos, self._orden_pais(d.pais), d.perfil.slug, d.area.slug), d))
        return [d for _, d in sorted(out, key=lambda x: x[0])]

