"""The controlled vocabularies, read from schema/vocabularios.yml (their single source)."""
from __future__ import annotations

from dataclasses import dataclass, field
import re
from functools import lru_cache

from generator.config import VOCAB_PATH, leer_yaml
from generator.esquema import idiomas


@dataclass(frozen=True)
class Termino:
    """One value of a vocabulary. Its label is the language being written's (idiomas.en): a model
    built once shows Portuguese labels on /pt/ and English ones on /en/."""
    slug: str
    fuente: str                 # the Spanish label, as schema/vocabularios.yml says it
    corta_fuente: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    vocab: str = field(default="", compare=False)

    @property
    def etiqueta(self) -> str:
        return self._en_idioma()[0]

    @property
    def corta(self) -> str:
        return self._en_idioma()[1]

    def _en_idioma(self) -> tuple[str, str]:
        idioma = idiomas.actual()
        if idioma == idiomas.BASE or not self.vocab:
            return self.fuente, self.corta_fuente
        return _traducidas(self.vocab, idioma).get(self.slug) or (self.fuente, self.corta_fuente)

    @property
    def nombre_corto(self) -> str:
        return self.corta or self.etiqueta


@lru_cache(maxsize=None)
def _traducidas(vocab: str, idioma: str) -> dict[str, tuple[str, str]]:
    """{código: (etiqueta, corta)} from schema/idiomas/<idioma>/vocabularios.yml: a translated label
    without a short form of its own shows whole (the Spanish short form would be another language)."""
    out = {}
    for codigo, propio in ((idiomas.archivo(idioma, "vocabularios").get(vocab)) or {}).items():
        if isinstance(propio, dict) and propio.get("etiqueta"):
            out[str(codigo)] = (propio["etiqueta"], propio.get("corta", ""))
        elif isinstance(propio, str) and propio:
            out[str(codigo)] = (propio, "")
    return out


@lru_cache(maxsize=None)
def vocabularios() -> dict[str, tuple[Termino, ...]]:
    data = leer_yaml(VOCAB_PATH)
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
            terms.append(Termino(slug, etiqueta, corta, item, nombre))
        out[nombre] = tuple(terms)
    return out


def vocabulario(nombre: str) -> tuple[Termino, ...]:
    return vocabularios()[nombre]


def etiquetas(nombre: str) -> dict[str, str]:
    return _etiquetas(nombre, idiomas.actual())


@lru_cache(maxsize=None)
def _etiquetas(nombre: str, idioma: str) -> dict[str, str]:
    return {t.slug: t.etiqueta for t in vocabularios()[nombre]}
