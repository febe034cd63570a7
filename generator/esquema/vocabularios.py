"""The controlled vocabularies and the form's fields, read from schema/*.yml.

`vocabularios.yml` is the single source of every controlled list;
`campos.yml` holds the form's numbers, labels, instructions and limits.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from generator.config import CAMPOS_PATH, VOCAB_PATH


@dataclass(frozen=True)
class Termino:
    slug: str
    etiqueta: str
    corta: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def nombre_corto(self) -> str:
        return self.corta or self.etiqueta


@dataclass(frozen=True)
class Campo:
    clave: str
    numero: str
    etiqueta: str
    instruccion: str
    max_palabras: int | None = None
    vocabulario: str | None = None
    si_otro: str | None = None
    formato: str | None = None
    subcampos: tuple["Campo", ...] = ()

    @property
    def rotulo(self) -> str:
        """'(2.2) Resumen de la experiencia', the label used in every message."""
        return f"({self.numero}) {self.etiqueta}" if self.numero else self.etiqueta


def _read(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=None)
def vocabularios() -> dict[str, tuple[Termino, ...]]:
    data = _read(VOCAB_PATH)
    out: dict[str, tuple[Termino, ...]] = {}
    for nombre, items in data.items():
        terms = []
        for item in items:
            item = dict(item)
            slug = item.pop("slug", None) or item.pop("codigo")
            etiqueta = item.pop("etiqueta", None) or item.pop("nombre")
            corta = item.pop("corta", "")
            terms.append(Termino(slug, etiqueta, corta, item))
        out[nombre] = tuple(terms)
    return out


def vocabulario(nombre: str) -> tuple[Termino, ...]:
    return vocabularios()[nombre]


@lru_cache(maxsize=None)
def etiquetas(nombre: str) -> dict[str, str]:
    return {t.slug: t.etiqueta for t in vocabulario(nombre)}


def _campo(clave: str, spec: dict, padre: Campo | None = None) -> Campo:
    numero = padre.numero if padre else spec.get("numero", "")
    etiqueta = f"{padre.etiqueta} — {spec['etiqueta']}" if padre else spec["etiqueta"]
    campo = Campo(clave=clave, numero=numero, etiqueta=etiqueta, instruccion=spec["instruccion"])
    subs = tuple(_campo(k, v, campo) for k, v in (spec.get("subcampos") or {}).items())
    return Campo(
        clave=clave,
        numero=numero,
        etiqueta=etiqueta,
        instruccion=spec["instruccion"],
        max_palabras=spec.get("max_palabras"),
        vocabulario=spec.get("vocabulario"),
        si_otro=spec.get("si_otro"),
        formato=spec.get("formato"),
        subcampos=subs,
    )


@lru_cache(maxsize=None)
def formulario() -> dict:
    return _read(CAMPOS_PATH)


@lru_cache(maxsize=None)
def campos() -> dict[str, Campo]:
    return {k: _campo(k, v) for k, v in formulario()["campos"].items()}
