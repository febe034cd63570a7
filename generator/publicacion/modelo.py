"""Typed fichas: what the templates see. Built only from validated data.

The model has no field for the contact person's name, position or e-mail:
what is not here cannot reach a page, a PDF, the search index or a download.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.validacion.resultado import FichaLeida
from generator.esquema.vocabularios import Termino, vocabulario

MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
         "septiembre", "octubre", "noviembre", "diciembre")


@dataclass(frozen=True)
class Cifra:
    valor: str
    descripcion: str


@dataclass(frozen=True)
class Enlace:
    titulo: str
    href: str            # an http(s) URL, or the published path of an attached file
    es_archivo: bool
    tipo: Termino | None = None


@dataclass(frozen=True)
class Ficha:
    pais: Termino
    slug: str
    fuente: str          # "fichas/arg/patria-grande.yml", for the edit link
    titulo: str
    temas: tuple[Termino, ...]
    tema_otro: str
    niveles: tuple[Termino, ...]
    nivel_otro: str
    entidad_responsable: str
    entidad_dependencia: str
    asociadas: tuple[str, ...]
    participantes: tuple[str, ...]
    categorias: tuple[Termino, ...]
    documentacion: tuple[Termino, ...]
    transferencia: tuple[Termino, ...]
    transferencia_otro: str
    institucion: str
    email_institucional: str
    antecedentes: str
    resumen: str
    resultados: str
    cifras: tuple[Cifra, ...]
    productos: tuple[Enlace, ...]
    factores_exito: str
    criterios: tuple[Termino, ...]
    replicacion: str
    otras_consideraciones: str
    documentos: tuple[Enlace, ...]
    fecha: str
    idioma: Termino
    periodo_inicio: int | None
    periodo_fin: int | None
    demostracion: bool

    @property
    def url(self) -> str:
        """Site-relative URL of the ficha's page: fichas/arg/patria-grande/."""
        return f"fichas/{self.pais.slug.lower()}/{self.slug}/"

    @property
    def id(self) -> str:
        return f"{self.pais.slug.lower()}/{self.slug}"

    @property
    def lang(self) -> str:
        return self.idioma.slug

    @property
    def fecha_larga(self) -> str:
        return fecha_larga(self.fecha)

    @property
    def periodo(self) -> str:
        if self.periodo_inicio is None:
            return ""
        if self.periodo_fin is None:
            return f"desde {self.periodo_inicio} (en curso)"
        if self.periodo_fin == self.periodo_inicio:
            return str(self.periodo_inicio)
        return f"{self.periodo_inicio}–{self.periodo_fin}"

    @property
    def resumen_corto(self) -> str:
        return recortar(self.resumen, 30)

    @property
    def archivos(self) -> list[str]:
        """Attached files, as site paths (fichas/ury/anexos/nota.txt)."""
        return [e.href for e in (*self.productos, *self.documentos) if e.es_archivo]


def fecha_larga(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{d} de {MESES[m - 1]} de {y}"


def recortar(texto: str, palabras: int) -> str:
    tokens = texto.split()
    if len(tokens) <= palabras:
        return " ".join(tokens)
    return " ".join(tokens[:palabras]).rstrip(",;:.—-") + "…"


def parrafos(texto: str) -> list[str]:
    """Paragraphs as written: blank lines separate them, single line breaks are wrapping."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", texto.strip()) if p.strip()]


def _terms(nombre: str, slugs) -> tuple[Termino, ...]:
    por_slug = {t.slug: t for t in vocabulario(nombre)}
    return tuple(por_slug[s] for s in slugs or ())


def _enlaces(items, base: str, tipo: bool) -> tuple[Enlace, ...]:
    out = []
    for it in items or ():
        archivo = it.get("archivo")
        href = f"fichas/{base}/{Path(archivo).as_posix()}" if archivo else it["url"]
        t = _terms("tipos_producto", [it["tipo"]])[0] if tipo and it.get("tipo") else None
        out.append(Enlace(it["titulo"], href, bool(archivo), t))
    return tuple(out)


def desde_datos(data: dict, pais_dir: str, slug: str) -> Ficha:
    c = data["contacto"]
    periodo = data.get("periodo") or {}
    return Ficha(
        pais=_terms("paises", [data["pais"]])[0],
        slug=slug,
        fuente=f"fichas/{pais_dir}/{slug}.yml",
        titulo=data["titulo"].strip(),
        temas=_terms("temas", data["temas"]),
        tema_otro=data.get("tema_otro", "").strip(),
        niveles=_terms("niveles_territoriales", data["nivel_territorial"]),
        nivel_otro=data.get("nivel_territorial_otro", "").strip(),
        entidad_responsable=data["entidad_responsable"].strip(),
        entidad_dependencia=data["entidad_dependencia"].strip(),
        asociadas=tuple(data.get("entidades_asociadas") or ()),
        participantes=tuple(data.get("entidades_participantes") or ()),
        categorias=_terms("categorias", data["categorias"]),
        documentacion=_terms("documentacion", data["documentacion"]),
        transferencia=_terms("transferencia", data["transferencia"]),
        transferencia_otro=data.get("transferencia_otro", "").strip(),
        institucion=c["institucion"].strip(),
        email_institucional=c["email_institucional"].strip(),
        antecedentes=data["antecedentes"],
        resumen=data["resumen"],
        resultados=data["resultados"],
        cifras=tuple(Cifra(x["valor"].strip(), x["descripcion"].strip()) for x in data.get("cifras") or ()),
        productos=_enlaces(data.get("productos"), pais_dir, tipo=True),
        factores_exito=data["factores_exito"],
        criterios=_terms("criterios_exito", data.get("criterios_exito")),
        replicacion=data.get("replicacion", ""),
        otras_consideraciones=data.get("otras_consideraciones", ""),
        documentos=_enlaces(data.get("documentos"), pais_dir, tipo=False),
        fecha=data["fecha"],
        idioma=_terms("idiomas", [data.get("idioma", "es")])[0],
        periodo_inicio=periodo.get("inicio"),
        periodo_fin=periodo.get("fin"),
        demostracion=bool(data.get("demostracion", False)),
    )


def desde_lectura(leida: FichaLeida) -> Ficha:
    return desde_datos(leida.data, leida.pais_dir, leida.slug)


def ordenar(fichas) -> list[Ficha]:
    """The catalogue's stable order: newest first, then by country and slug."""
    return sorted(fichas, key=lambda f: (_neg(f.fecha), f.pais.slug, f.slug))


def _neg(fecha: str) -> tuple[int, ...]:
    return tuple(-int(x) for x in fecha.split("-"))
