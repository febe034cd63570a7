"""The description of a record kind's fields, read from its `campos.yml`.

A `Campo` carries everything any consumer needs: number, label, instruction, type,
limits, required or optional, public or private, conditions, facets and export name.
A `TipoDeRegistro` is one kind of record (today the ficha) described by its own file:
the validator, the model, the pages and the forms take the kind, not a hard-wired record.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.config import CAMPOS_PATH, SCHEMA_DIR, leer_yaml
from generator.esquema import idiomas
from generator.esquema.tipos import TIPOS


class DescripcionInvalida(Exception):
    """schema/campos.yml says something the generator cannot build (for the project's maintainers)."""


@dataclass(frozen=True)
class Faceta:
    clave: str                # the explorer's URL key and Pagefind filter: "tema"
    titulo: str               # "Tema"
    indice: str = ""          # folder of the index pages ("temas"), when there are pages per value
    nombre_indice: str = ""   # "Temas"
    descripcion: str = ""


@dataclass(frozen=True)
class Campo:
    """One field. Its label, instruction and public label are the language being written's
    (generator/esquema/idiomas.py), whichever language it was read in: a model built once is shown
    in every language. `*_leida` is the text as read; `origen` and `ruta` find the same field in
    another language's description."""
    clave: str
    numero: str
    etiqueta_leida: str
    instruccion_leida: str
    tipo: str = "texto"
    max_palabras: int | None = None
    vocabulario: str | None = None
    obligatorio: bool = False
    privado: bool = False
    interno: bool = False
    si_otro: str | None = None      # the list (or option) this «otro, ¿cuál?» text depends on
    valor_otro: str = "otro"        # the value of that list that asks for it
    exclusivo: str | None = None
    vacio_permitido: bool = False
    faceta: Faceta | None = None
    cabecera: bool = False
    destacado: bool = False
    columna: str = ""
    etiqueta_publica_leida: str = ""
    plantilla: str = ""
    por_defecto: str | None = None
    ejemplo: object = None          # an example value for the template («2015»)
    uno_de: tuple[str, ...] = ()
    unico_por: str | None = None    # a list whose items may not repeat this sub-field (an area once)
    seccion_explicita: str | None = None
    subcampos: tuple["Campo", ...] = ()
    propios: tuple[tuple[str, object], ...] = ()  # attributes only its type accepts: (("unidad", "personas"),)
    origen: str = field(default="", compare=False)      # its description's file: "campos", "campos-perfil"
    ruta: tuple[str, ...] = field(default=(), compare=False)  # ("periodo", "inicio")
    idioma_leido: str = field(default=idiomas.BASE, compare=False)

    def _en_idioma(self, atributo: str) -> str:
        idioma = idiomas.actual()
        if idioma == self.idioma_leido or not self.origen:
            return getattr(self, atributo)
        tipo = _POR_ORIGEN.get(self.origen)
        with idiomas.en(idioma):
            otro = tipo.campo_en_ruta(self.ruta) if tipo else None
        return getattr(otro if otro is not None else self, atributo)

    @property
    def etiqueta(self) -> str:
        return self._en_idioma("etiqueta_leida")

    @property
    def instruccion(self) -> str:
        return self._en_idioma("instruccion_leida")

    @property
    def etiqueta_publica(self) -> str:
        return self._en_idioma("etiqueta_publica_leida")

    @property
    def clase(self):
        """Its type's class (generator/esquema/tipos/): what the schema, the pages and the forms ask."""
        return TIPOS[self.tipo]

    def propio(self, nombre: str, defecto=None):
        return dict(self.propios).get(nombre, defecto)

    @property
    def rotulo(self) -> str:
        """'(2.2) Resumen de la experiencia', the label used in every message."""
        return f"({self.numero}) {self.etiqueta}" if self.numero else self.etiqueta

    @property
    def rotulo_publico(self) -> str:
        """The label on the published page and PDF."""
        etiqueta = self.etiqueta_publica or self.etiqueta
        return f"({self.numero}) {etiqueta}" if self.numero else etiqueta

    @property
    def seccion(self) -> str:
        """The form's section: '1' for 1.x, '2' for 2.x, '' for the catalogue's own data, or the
        one the description names."""
        if self.seccion_explicita is not None:
            return self.seccion_explicita
        return self.numero.split(".")[0] if self.numero else ""

    @property
    def largo(self) -> bool:
        """A text shown as paragraphs (no limit, or more than a line's worth of words)."""
        return self.clase.es_texto and (self.max_palabras is None or self.max_palabras > 40)

    @property
    def publicos(self) -> tuple["Campo", ...]:
        return tuple(s for s in self.subcampos if not s.privado)

    @property
    def privados(self) -> tuple["Campo", ...]:
        """The sub-fields written only inside the encrypted block (not the block itself)."""
        return tuple(s for s in self.subcampos if s.privado and not s.clase.es_cifrado)

    @property
    def cifrado(self) -> "Campo | None":
        """The sub-field that carries the private ones, encrypted."""
        return next((s for s in self.subcampos if s.clase.es_cifrado), None)

    def sub(self, clave: str) -> "Campo":
        return next(s for s in self.subcampos if s.clave == clave)


@dataclass(frozen=True)
class Seccion:
    numero: str
    titulo: str


def _faceta(spec: dict | None) -> Faceta | None:
    return Faceta(**spec) if spec else None


ATRIBUTOS = {"numero", "etiqueta", "instruccion", "tipo", "max_palabras", "vocabulario", "obligatorio", "privado",
             "interno", "si_otro", "valor_otro", "exclusivo", "vacio_permitido", "faceta", "cabecera", "destacado",
             "columna", "etiqueta_publica", "plantilla", "por_defecto", "ejemplo", "uno_de", "unico_por", "seccion",
             "subcampos"}


def _campo(clave: str, spec: dict, padre: Campo | None = None, origen: str = "") -> Campo:
    tipo = spec.get("tipo", "texto")
    if tipo not in TIPOS:
        raise DescripcionInvalida(f"schema/campos.yml: el campo «{clave}» tiene tipo «{tipo}»; use uno de {', '.join(TIPOS)}.")
    desconocidos = set(spec) - ATRIBUTOS - TIPOS[tipo].atributos
    if desconocidos:  # a comma inside an unquoted flow value makes a key of the rest of the text
        raise DescripcionInvalida(f"schema/campos.yml: el campo «{clave}» tiene atributos desconocidos: "
                                  f"{', '.join(sorted(map(str, desconocidos)))}. Si es parte de un texto, póngalo entre comillas.")
    propio = padre is not None and spec.get("numero")  # a sub-field that is a question of its own (P5)
    numero = str(spec["numero"]) if propio else padre.numero if padre else str(spec.get("numero", ""))
    etiqueta = spec["etiqueta"] if propio or not padre else f"{padre.etiqueta_leida} — {spec['etiqueta']}"
    ruta = (*padre.ruta, clave) if padre else (clave,)
    leido = idiomas.actual()
    subs = tuple(_campo(k, v, Campo(clave, numero, etiqueta, spec["instruccion"], origen=origen, ruta=ruta,
                                    idioma_leido=leido), origen)
                 for k, v in (spec.get("subcampos") or {}).items())
    columna = spec.get("columna") or (f"{padre.clave}_{clave}" if padre else clave)
    return Campo(
        clave=clave, numero=numero, etiqueta_leida=etiqueta, instruccion_leida=spec["instruccion"], tipo=tipo,
        max_palabras=spec.get("max_palabras"), vocabulario=spec.get("vocabulario"),
        obligatorio=bool(spec.get("obligatorio")), privado=bool(spec.get("privado")),
        interno=bool(spec.get("interno")), si_otro=spec.get("si_otro"), valor_otro=spec.get("valor_otro", "otro"),
        exclusivo=spec.get("exclusivo"), unico_por=spec.get("unico_por"),
        seccion_explicita=str(spec["seccion"]) if "seccion" in spec else None,
        vacio_permitido=bool(spec.get("vacio_permitido")), faceta=_faceta(spec.get("faceta")),
        cabecera=bool(spec.get("cabecera")), destacado=bool(spec.get("destacado")), columna=columna,
        etiqueta_publica_leida=spec.get("etiqueta_publica", ""), plantilla=spec.get("plantilla", ""),
        por_defecto=spec.get("por_defecto"), ejemplo=spec.get("ejemplo"), uno_de=tuple(spec.get("uno_de") or ()), subcampos=subs,
        propios=tuple((k, spec[k]) for k in sorted(TIPOS[tipo].atributos) if k in spec),
        origen=origen, ruta=ruta, idioma_leido=leido,
    )


def traducir_descripcion(fuente: dict, traduccion: dict) -> dict:
    """A fields description with the labels, instructions, sections and names of a language's
    schema/idiomas/<código>/campos*.yml over the Spanish ones (what it lacks stays Spanish)."""
    if not traduccion:
        return fuente
    d = copy.deepcopy(fuente)
    registro = traduccion.get("registro") or {}
    for k in (*idiomas.TRADUCIBLES_REGISTRO, "genero"):
        if registro.get(k):
            d["registro"][k] = registro[k]
    mensaje = (registro.get("al_menos_uno") or {}).get("mensaje")
    if mensaje and d["registro"].get("al_menos_uno"):
        d["registro"]["al_menos_uno"]["mensaje"] = mensaje
    secciones = {str(k): v for k, v in (traduccion.get("secciones") or {}).items()}
    d["secciones"] = [{**s, "titulo": secciones.get(str(s["numero"]), s["titulo"])} for s in d["secciones"]]
    if traduccion.get("textos_de_ejemplo"):
        d["textos_de_ejemplo"] = [*(d.get("textos_de_ejemplo") or ()), *traduccion["textos_de_ejemplo"]]

    def campo(spec: dict, propio: dict):
        for k in idiomas.TRADUCIBLES:
            if propio.get(k):
                spec[k] = propio[k]
        for k in idiomas.TRADUCIBLES_FACETA:
            if (propio.get("faceta") or {}).get(k) and spec.get("faceta"):
                spec["faceta"][k] = propio["faceta"][k]
        for sub, subspec in (spec.get("subcampos") or {}).items():
            campo(subspec, (propio.get("subcampos") or {}).get(sub) or {})

    for clave, spec in d["campos"].items():
        campo(spec, (traduccion.get("campos") or {}).get(clave) or {})
    return d


@dataclass(frozen=True)
class TipoDeRegistro:
    """One kind of record, described by its own fields file, in the language being written
    (generator/esquema/idiomas.py): its labels and instructions are that language's."""
    campos_path: Path

    @cached_property
    def fuente(self) -> dict:
        """The Spanish description, as the file says it."""
        return leer_yaml(self.campos_path)

    @cached_property
    def _por_idioma(self) -> dict:
        return {}

    def _en_idioma(self, que: str, hacer):
        clave = (que, idiomas.actual())
        if clave not in self._por_idioma:
            self._por_idioma[clave] = hacer()
        return self._por_idioma[clave]

    @property
    def descripcion(self) -> dict:
        return self._en_idioma("descripcion", lambda: traducir_descripcion(
            self.fuente, idiomas.archivo(idiomas.actual(), self.campos_path.stem)))

    @property
    def nombre(self) -> str:
        return self.descripcion["registro"]["nombre"]

    @property
    def femenino(self) -> bool:
        return self.descripcion["registro"].get("genero", "f") == "f"

    def contar(self, n: int, valido: bool = False) -> str:
        """«1 ficha válida», «12 perfiles válidos», «3 technical sheets»: the counted phrases are
        data (schema/idiomas/<código>/cli.yml, «registros.<carpeta>»), in the language being
        written, so no code builds a language's plurals or agreement."""
        return idiomas.t(f"cli.registros.{self.carpeta}.{'valido_' if valido else ''}{'uno' if n == 1 else 'varios'}", n=n)

    def con_articulo(self, cual: str = "el") -> str:
        """«la ficha» (cual="el"), «una ficha» (cual="un"), «ninguna» (cual="ninguno"), in the
        language being written."""
        return idiomas.t(f"cli.registros.{self.carpeta}.{cual}")

    @property
    def plural(self) -> str:
        return self.descripcion["registro"]["plural"]

    @property
    def carpeta(self) -> str:
        return self.descripcion["registro"]["carpeta"]

    @property
    def esquema_path(self) -> Path:
        return SCHEMA_DIR / self.descripcion["registro"]["esquema"]

    @property
    def titulo(self) -> str:
        return self.descripcion["registro"]["titulo"]

    @property
    def descripcion_registro(self) -> str:
        return self.descripcion["registro"]["descripcion"]

    @property
    def campos(self) -> dict[str, Campo]:
        return self._en_idioma("campos", lambda: {k: _campo(k, v, origen=self.campos_path.stem)
                                                  for k, v in self.descripcion["campos"].items()})

    def campo_en_ruta(self, ruta: tuple[str, ...]) -> Campo | None:
        """The field at `ruta` («periodo», «inicio») in the language being written."""
        campo = self.campos.get(ruta[0]) if ruta else None
        for clave in ruta[1:]:
            campo = next((s for s in campo.subcampos if s.clave == clave), None) if campo else None
        return campo

    @property
    def secciones(self) -> tuple[Seccion, ...]:
        return self._en_idioma("secciones", lambda: tuple(
            Seccion(str(s["numero"]), s["titulo"]) for s in self.descripcion["secciones"]))

    @property
    def textos_de_ejemplo(self) -> tuple[str, ...]:
        return tuple(self.descripcion.get("textos_de_ejemplo") or ())

    @property
    def al_menos_uno(self) -> dict | None:
        """{campos: [demanda, oferta], mensaje: …}: a record must have at least one of them."""
        return self.descripcion["registro"].get("al_menos_uno")

    @property
    def obligatorios(self) -> tuple[str, ...]:
        return tuple(k for k, c in self.campos.items() if c.obligatorio)

    @property
    def facetas(self) -> tuple[Campo, ...]:
        return tuple(c for c in self.campos.values() if c.faceta)

    def en_seccion(self, numero: str) -> tuple[Campo, ...]:
        return tuple(c for c in self.campos.values() if c.seccion == numero)

    def condicionales(self, base: str) -> tuple[Campo, ...]:
        """The «otro, ¿cuál?» fields that depend on the list `base`."""
        return tuple(c for c in self.campos.values() if c.si_otro == base)


FICHA = TipoDeRegistro(CAMPOS_PATH)
PERFIL = TipoDeRegistro(SCHEMA_DIR / "campos-perfil.yml")
TIPOS_DE_REGISTRO = (FICHA, PERFIL)
_POR_ORIGEN = {t.campos_path.stem: t for t in TIPOS_DE_REGISTRO}


def campos() -> dict[str, Campo]:
    return FICHA.campos


def formulario() -> dict:
    return FICHA.descripcion
