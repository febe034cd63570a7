"""Typed records: what the templates and the exports see. Built only from validated data,
field by field as schema/campos.yml describes them.

Sub-fields described as `privado` (the contact person's name, position and e-mail) are
dropped here: what is not in the model cannot reach a page, a PDF, the search index or a
download.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.esquema import idiomas
from generator.esquema.campos import FICHA, Campo, TipoDeRegistro
from generator.esquema.vocabularios import Termino, vocabulario
from generator.publicacion import rutas
from generator.validacion.resultado import RegistroLeido

MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
         "septiembre", "octubre", "noviembre", "diciembre")


@dataclass(frozen=True)
class Enlace:
    href: str            # an http(s) URL, or the site path of an attached file
    es_archivo: bool


@dataclass(frozen=True)
class Valor:
    """One field's value, typed by its description: str, bool, int, Termino, Enlace,
    a tuple of str or Termino (lists), an Elemento (objeto) or a tuple of Elementos (lista)."""
    campo: Campo
    valor: Any
    otro: str = ""       # the «otro, ¿cuál?» text of a list that includes «otro»

    @property
    def tipo(self) -> str:
        return self.campo.tipo


@dataclass(frozen=True)
class Elemento:
    """An object's or a list item's public sub-fields, in the description's order."""
    campo: Campo
    valores: tuple[Valor, ...]

    def __getitem__(self, clave: str):
        return next((v.valor for v in self.valores if v.campo.clave == clave), None)

    @property
    def enlace(self) -> Enlace | None:
        """The item's link or attached file, for items described with `uno_de`."""
        for v in self.valores:
            if isinstance(v.valor, Enlace):
                return v.valor
        return None

    @property
    def principal(self) -> Valor | None:
        """What names the item: its first text or option (a product's title, a figure's value, an area)."""
        return next((v for v in self.valores if v.campo.clase.principal), None)

    @property
    def resto(self) -> tuple[Valor, ...]:
        """What is shown after the main text and the link."""
        p = self.principal
        return tuple(v for v in self.valores if v is not p and not isinstance(v.valor, Enlace))


@dataclass(frozen=True)
class Registro:
    """One published record of any kind (a ficha, a cooperation profile): its kind is data."""
    tipo: TipoDeRegistro
    pais_dir: str
    slug: str
    fuente: str                  # "fichas/arg/patria-grande.yml", for the edit link
    valores: tuple[Valor, ...]   # the public fields present, in the form's order

    def valor(self, clave: str, defecto=None):
        return next((v.valor for v in self.valores if v.campo.clave == clave), defecto)

    def terminos(self, clave: str) -> tuple[Termino, ...]:
        v = self.valor(clave)
        return () if v is None else v if isinstance(v, tuple) else (v,)

    def seccion(self, numero: str, con_cabecera: bool = False) -> tuple[Valor, ...]:
        """The fields of a section of the form, as shown on the page and in the PDF: the
        «otro, ¿cuál?» fields travel with their list, header fields go in the header."""
        return tuple(v for v in self.valores if v.campo.seccion == numero and not v.campo.si_otro
                     and (con_cabecera or not v.campo.cabecera))

    @property
    def destacados(self) -> tuple[Valor, ...]:
        return tuple(v for v in self.valores if v.campo.destacado)

    # --- what indexes, cards, feeds and compilations use -----------------------
    @property
    def titulo(self) -> str:
        return self.valor("titulo")

    @property
    def pais(self) -> Termino:
        return self.valor("pais")

    @property
    def temas(self) -> tuple[Termino, ...]:
        return self.terminos("temas")

    @property
    def fecha(self) -> str:
        return self.valor("fecha")

    @property
    def idioma(self) -> Termino:
        return self.valor("idioma") or _termino("idiomas", self.tipo.campos["idioma"].por_defecto)

    @property
    def demostracion(self) -> bool:
        return bool(self.valor("demostracion", False))

    @property
    def resumen(self) -> str:
        return self.valor("resumen", "")

    @property
    def institucion(self) -> str:
        contacto = self.valor("contacto")
        return contacto["institucion"] if contacto else ""

    @property
    def url(self) -> str:
        """Site-relative URL of the record's page: fichas/arg/patria-grande/."""
        return rutas.registro(self.tipo.carpeta, self.pais_dir, self.slug)

    @property
    def id(self) -> str:
        return f"{self.pais_dir}/{self.slug}"

    @property
    def lang(self) -> str:
        return self.idioma.slug

    @property
    def fecha_larga(self) -> str:
        return fecha_larga(self.fecha)

    @property
    def periodo_inicio(self) -> int | None:
        p = self.valor("periodo")
        return p["inicio"] if p else None

    @property
    def periodo_fin(self) -> int | None:
        p = self.valor("periodo")
        return p["fin"] if p else None

    @property
    def periodo(self) -> str:
        inicio, fin = self.periodo_inicio, self.periodo_fin
        if inicio is None:
            return ""
        if fin is None:
            return idiomas.t("sitio.fechas.en_curso", inicio=inicio)
        return str(inicio) if fin == inicio else f"{inicio}–{fin}"

    @property
    def anios(self) -> list[int]:
        """The years the practice ran: its period, up to the ficha's own year when ongoing."""
        inicio = self.periodo_inicio
        if inicio is None:
            return []
        fin = self.periodo_fin if self.periodo_fin is not None else max(inicio, int(self.fecha[:4]))
        return list(range(inicio, fin + 1))

    @property
    def resumen_corto(self) -> str:
        return recortar(self.resumen, 30)

    @property
    def archivos(self) -> list[str]:
        """Attached files, as site paths (fichas/ury/anexos/nota.txt)."""
        out = []
        for v in self.valores:
            if isinstance(v.valor, tuple) and v.valor and isinstance(v.valor[0], Elemento):  # a list of items
                out += [e.enlace.href for e in v.valor if e.enlace and e.enlace.es_archivo]
        return out

    def traduccion(self, codigo: str) -> dict | None:
        """The record's title and summary translated into `codigo` ({"titulo", "resumen"}), written by
        the ST or the country in the optional field «traducciones»; None when it has none for it."""
        v = self.valor("traducciones")
        if not v:
            return None
        if isinstance(v, dict):
            propia = v.get(codigo)
        else:  # a list of items, each with its language
            propia = next((e for e in v if isinstance(e, Elemento)
                           and getattr(e["idioma"], "slug", e["idioma"]) == codigo), None)
        if not propia:
            return None
        titulo, resumen = propia["titulo"], propia["resumen"]
        return {"titulo": titulo or "", "resumen": resumen or ""} if titulo or resumen else None

    def clave_cache(self) -> str:
        """Everything public about the record, as text: a change here is a change to its PDF."""
        return repr((self.tipo.nombre, self.id, self.valores))


def fecha_larga(iso: str) -> str:
    """«1 de agosto de 2024», in the language being written (schema/idiomas/<código>/sitio.yml «fechas»)."""
    y, m, d = (int(x) for x in iso.split("-"))
    meses = idiomas.texto("sitio.fechas.meses") or MESES
    return idiomas.t("sitio.fechas.larga", dia=d, mes=meses[m - 1], anio=y)


def recortar(texto: str, palabras: int) -> str:
    tokens = texto.split()
    if len(tokens) <= palabras:
        return " ".join(tokens)
    return " ".join(tokens[:palabras]).rstrip(",;:.—-") + "…"


def parrafos(texto: str) -> list[str]:
    """Paragraphs as written: blank lines separate them, single line breaks are wrapping, except after
    a line ending in «\\» (a line break kept from the Word form: Mayús+Intro), returned as "\n"."""
    salida = []
    for p in re.split(r"\n\s*\n", texto.strip()):
        if not p.strip():
            continue
        lineas, actual = [], []
        for linea in p.split("\n"):
            linea = linea.rstrip()
            corte = linea.endswith("\\")
            actual.append(linea[:-1] if corte else linea)
            if corte:
                lineas.append(" ".join(" ".join(actual).split()))
                actual = []
        lineas.append(" ".join(" ".join(actual).split()))
        salida.append("\n".join(x for x in lineas if x))
    return salida


def _termino(vocab: str, slug: str) -> Termino:
    return next(t for t in vocabulario(vocab) if t.slug == slug)


class _Constructor:
    """Builds typed values for one record (each field's type says how: `Campo.clase.valor`);
    `base` is the record's folder for attached files."""

    def __init__(self, tipo: TipoDeRegistro, base: str):
        self.tipo, self.base = tipo, base

    def valor(self, c: Campo, dato) -> Any:
        return c.clase.valor(c, dato, self)

    def termino(self, vocab: str, slug: str) -> Termino:
        return _termino(vocab, slug)

    def enlace(self, url: str) -> Enlace:
        return Enlace(url, False)

    def archivo(self, ruta: str) -> Enlace:
        return Enlace(rutas.adjunto(self.tipo.carpeta, self.base, Path(ruta).as_posix()), True)

    def elemento(self, c: Campo, dato: dict) -> Elemento:
        return Elemento(c, tuple(Valor(s, self.valor(s, dato[s.clave])) for s in c.publicos if s.clave in dato))


def desde_datos(data: dict, pais_dir: str, slug: str, tipo: TipoDeRegistro = FICHA) -> Registro:
    hacer = _Constructor(tipo, pais_dir)
    valores = []
    for clave, c in tipo.campos.items():
        if clave not in data or c.privado:
            continue
        otro = next((data[o.clave].strip() for o in tipo.condicionales(clave) if o.clave in data), "")
        valores.append(Valor(c, hacer.valor(c, data[clave]), otro))
    return Registro(tipo, pais_dir, slug, rutas.fuente(tipo.carpeta, pais_dir, slug), tuple(valores))


def desde_lectura(leida: RegistroLeido) -> Registro:
    return desde_datos(leida.data, leida.pais_dir, leida.slug, leida.tipo)


def ordenar(fichas) -> list[Registro]:
    """The catalogue's stable order: newest first, then by country and slug."""
    return sorted(fichas, key=lambda f: (_neg(f.fecha), f.pais.slug, f.slug))


def _neg(fecha: str) -> tuple[int, ...]:
    return tuple(-int(x) for x in fecha.split("-"))
