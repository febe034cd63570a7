"""The controlled vocabularies, read from schema/vocabularios.yml (their single source)."""
from __future__ import annotations

from dataclasses import dataclass, field
import re
from functools import lru_cache

import yaml

from generator.config import VOCAB_PATH
from generator.esquema import idiomas


@dataclass(frozen=True)
class Termino:
    slug: str
    etiqueta: str
    corta: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def nombre_corto(self) -> str:
        return self.corta or self.etiqueta


def vocabularios() -> dict[str, tuple[Termino, ...]]:
    """Every vocabulary, with its labels in the language being written (schema/idiomas/<código>/
    vocabularios.yml; what it lacks stays Spanish)."""
    return _vocabularios(idiomas.actual())


@lru_cache(maxsize=None)
def _vocabularios(idioma: str) -> dict[str, tuple[Termino, ...]]:
    with VOCAB_PATH.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    traduccion = idiomas.archivo(idioma, "vocabularios") if idioma != idiomas.BASE else {}
    out: dict[str, tuple[Termino, ...]] = {}
    for nombre, items in data.items():
        terms = []
        for item in items:
            item = dict(item)
            raras = [k for k in item if not re.fullmatch(r"[a-z_]+", str(k))]
            if raras:  # a comma inside an unquoted flow value makes a key of the rest of the text
                raise ValueError(f"schema/vocabularios.yml, «{nombre}»: claves raras {raras}; ponga entre comillas el texto que tiene comas.")
            slug = item.pop("slug", None) or item.pop("codigo")
            etiqueta = item.pop("etiqueta", None) or item.pop("nombre")
            corta = item.pop("corta", "")
            propio = (traduccion.get(nombre) or {}).get(slug)
            if isinstance(propio, dict):
                if propio.get("etiqueta"):  # a translated label with no short form of its own shows whole
                    etiqueta, corta = propio["etiqueta"], propio.get("corta", "")
            elif propio:
                etiqueta, corta = propio, ""
            terms.append(Termino(slug, etiqueta, corta, item))
        out[nombre] = tuple(terms)
    return out


def vocabulario(nombre: str) -> tuple[Termino, ...]:
    return vocabularios()[nombre]


def etiquetas(nombre: str) -> dict[str, str]:
    return _etiquetas(nombre, idiomas.actual())


@lru_cache(maxsize=None)
def _etiquetas(nombre: str, idioma: str) -> dict[str, str]:
    return {t.slug: t.etiqueta for t in vocabularios()[nombre]}
