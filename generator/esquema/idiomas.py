"""The catalogue's languages: translations are data, never code.

Spanish is the source: schema/campos.yml, schema/campos-perfil.yml, schema/vocabularios.yml,
schema/mensajes.yml and the interface catalogues in schema/idiomas/es/*.yml. Every other
language is one folder, schema/idiomas/<code>/, with the same files holding only the text:

  idioma.yml          its name in itself, its locale, the switcher's label
  <area>.yml          interface strings, the same keys as schema/idiomas/es/<area>.yml
  mensajes.yml        {mensajes: {clave: plantilla}}: the validator's and the form's messages
  campos.yml          {registro: {...}, secciones: {numero: título}, campos: {clave: {etiqueta,
  campos-perfil.yml    instruccion, etiqueta_publica, faceta: {...}, subcampos: {...}}}}
  vocabularios.yml    {vocabulario: {código: etiqueta | {etiqueta, corta}}}

The language being written is a context variable (`en("pt")`): the fields' labels
(generator/esquema/campos.py), the vocabularies' labels (vocabularios.py), the messages
(mensajes.py) and `t()` read it, so the same code speaks every language. What a language lacks
falls back to Spanish, never a blank, and `faltantes()` lists it (`make traducciones`).
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from generator.config import SCHEMA_DIR, leer_yaml

IDIOMAS_DIR = SCHEMA_DIR / "idiomas"
BASE = "es"
# The source files of the Spanish text, by the name of their translation in a language's folder.
FUENTES = {"mensajes": SCHEMA_DIR / "mensajes.yml", "campos": SCHEMA_DIR / "campos.yml",
           "campos-perfil": SCHEMA_DIR / "campos-perfil.yml", "vocabularios": SCHEMA_DIR / "vocabularios.yml"}

_actual: ContextVar[str] = ContextVar("idioma", default=BASE)


# The languages as listed once by `disponibles_fijos()`, for as long as its block lasts (None: list
# the folder on every call). Validating 10,000 records asks the question for each one (`en()` on
# every record written in Portuguese or English); the folders do not change while a command runs.
_FIJOS: tuple[Path, tuple[str, ...]] | None = None


def disponibles(carpeta: Path | None = None) -> tuple[str, ...]:
    """Every language with a folder in schema/idiomas/, Spanish first."""
    carpeta = carpeta or IDIOMAS_DIR
    if _FIJOS is not None and _FIJOS[0] == carpeta:
        return _FIJOS[1]
    otros = sorted(p.name for p in carpeta.iterdir() if p.is_dir() and p.name != BASE and (p / "idioma.yml").is_file())
    return (BASE, *otros)


@contextmanager
def disponibles_fijos():
    """Inside the block, `disponibles()` answers from one look at schema/idiomas/ (a command that
    validates thousands of records: the folder is not read again for each). Blocks may nest."""
    global _FIJOS
    antes = _FIJOS
    _FIJOS = (IDIOMAS_DIR, disponibles())
    try:
        yield
    finally:
        _FIJOS = antes


def actual() -> str:
    """The language being written now."""
    return _actual.get()


def normalizar(idioma: str | None) -> str:
    """A language this catalogue has, or Spanish: «pt-BR» → «pt», None or «fr» without a folder → «es»."""
    if not idioma:
        return BASE
    if idioma == BASE or idioma == _actual.get():  # already a language of this catalogue: no folder to look at
        return idioma
    codigo = str(idioma).strip().lower().replace("_", "-").split("-")[0]
    return codigo if codigo in disponibles() else BASE


@contextmanager
def en(idioma: str | None):
    """Write in `idioma` inside the block (a language without a folder writes Spanish)."""
    marca = _actual.set(normalizar(idioma))
    try:
        yield _actual.get()
    finally:
        _actual.reset(marca)


@lru_cache(maxsize=None)
def archivo(idioma: str, nombre: str) -> dict:
    """schema/idiomas/<idioma>/<nombre>.yml, or {} when the language has no such file."""
    ruta = IDIOMAS_DIR / idioma / f"{nombre}.yml"
    if not ruta.is_file():
        return {}
    return leer_yaml(ruta) or {}


def areas() -> tuple[str, ...]:
    """The interface catalogues: every .yml in schema/idiomas/es/ but idioma.yml."""
    return tuple(sorted(p.stem for p in (IDIOMAS_DIR / BASE).glob("*.yml") if p.stem != "idioma"))


def _buscar(datos: dict, partes: list[str]):
    for parte in partes:
        if not isinstance(datos, dict) or parte not in datos:
            return None
        datos = datos[parte]
    return datos


def texto(clave: str, idioma: str | None = None):
    """The interface text «area.clave.sub» in `idioma` (the current one by default), or Spanish
    when that language lacks it. A key Spanish lacks too is the code's mistake: KeyError."""
    area, _, resto = clave.partition(".")
    partes = resto.split(".") if resto else []
    for codigo in (idioma or actual(), BASE):
        valor = _buscar(archivo(codigo, area), partes)
        if valor is not None:
            return valor
    raise KeyError(f"schema/idiomas/{BASE}/{area}.yml no tiene «{resto}»")


def t(clave: str, /, **valores) -> str:
    """The interface text «area.clave» in the current language, its {placeholders} filled."""
    plantilla = texto(clave)
    return plantilla.format(**valores) if valores else plantilla


def idioma_info(idioma: str | None = None) -> dict:
    """schema/idiomas/<idioma>/idioma.yml: {nombre, locale, ...} (Spanish's when it has none)."""
    return archivo(idioma or actual(), "idioma") or archivo(BASE, "idioma")


# ---------------------------------------------------------------------------------------------
# What a language lacks (make traducciones)

def _hojas(datos, prefijo: str = "") -> dict[str, object]:
    """{«a.b.c»: value} for every leaf of a nested mapping."""
    if isinstance(datos, dict):
        out = {}
        for k, v in datos.items():
            out.update(_hojas(v, f"{prefijo}.{k}" if prefijo else str(k)))
        return out
    return {prefijo: datos}


TRADUCIBLES = ("etiqueta", "instruccion", "etiqueta_publica")
TRADUCIBLES_FACETA = ("titulo", "nombre_indice", "descripcion")
TRADUCIBLES_REGISTRO = ("nombre", "plural", "titulo", "descripcion")


def _textos_de_campos(descripcion: dict) -> dict[str, str]:
    """The translatable leaves of a campos*.yml, keyed as its translation is written."""
    out: dict[str, str] = {}
    registro = descripcion.get("registro") or {}
    for k in TRADUCIBLES_REGISTRO:
        if k in registro:
            out[f"registro.{k}"] = registro[k]
    if (registro.get("al_menos_uno") or {}).get("mensaje"):
        out["registro.al_menos_uno.mensaje"] = registro["al_menos_uno"]["mensaje"]
    for s in descripcion.get("secciones") or ():
        out[f"secciones.{s['numero']}"] = s["titulo"]
    if descripcion.get("textos_de_ejemplo"):  # a list: a language adds its own placeholder phrases
        out["textos_de_ejemplo"] = descripcion["textos_de_ejemplo"]

    def campo(prefijo: str, spec: dict):
        for k in TRADUCIBLES:
            if spec.get(k):
                out[f"{prefijo}.{k}"] = spec[k]
        for k in TRADUCIBLES_FACETA:
            if (spec.get("faceta") or {}).get(k):
                out[f"{prefijo}.faceta.{k}"] = spec["faceta"][k]
        for sub, subspec in (spec.get("subcampos") or {}).items():
            campo(f"{prefijo}.subcampos.{sub}", subspec)

    for clave, spec in (descripcion.get("campos") or {}).items():
        campo(f"campos.{clave}", spec)
    return out


def _textos_de_vocabularios(datos: dict) -> dict[str, str]:
    out: dict[str, str] = {}
    for nombre, items in datos.items():
        for item in items:
            codigo = item.get("slug") or item.get("codigo")
            out[f"{nombre}.{codigo}"] = item.get("etiqueta") or item.get("nombre")
            if item.get("corta"):
                out[f"{nombre}.{codigo}.corta"] = item["corta"]
    return out


def _textos_traducidos_de_vocabularios(datos: dict) -> dict[str, str]:
    out: dict[str, str] = {}
    for nombre, items in (datos or {}).items():
        for codigo, valor in (items or {}).items():
            if isinstance(valor, dict):
                if valor.get("etiqueta"):
                    out[f"{nombre}.{codigo}"] = valor["etiqueta"]
                if valor.get("corta"):
                    out[f"{nombre}.{codigo}.corta"] = valor["corta"]
            else:
                out[f"{nombre}.{codigo}"] = valor
    return out


@lru_cache(maxsize=None)
def _fuente(nombre: str) -> dict:
    return leer_yaml(FUENTES[nombre])


def textos_fuente() -> dict[str, dict[str, str]]:
    """{archivo: {clave: texto en español}} for everything a language translates."""
    out = {area: {k: v for k, v in _hojas(archivo(BASE, area)).items()} for area in areas()}
    out["mensajes"] = _hojas(_fuente("mensajes").get("mensajes") or {})
    out["campos"] = _textos_de_campos(_fuente("campos"))
    out["campos-perfil"] = _textos_de_campos(_fuente("campos-perfil"))
    out["vocabularios"] = _textos_de_vocabularios(_fuente("vocabularios"))
    return out


def textos_de(idioma: str) -> dict[str, dict[str, str]]:
    """The same, as `idioma`'s folder has them (what it lacks is absent)."""
    out = {area: _hojas(archivo(idioma, area)) for area in areas()}
    out["mensajes"] = _hojas(archivo(idioma, "mensajes").get("mensajes") or {})
    for nombre in ("campos", "campos-perfil"):
        out[nombre] = {k: v for k, v in _hojas(archivo(idioma, nombre)).items()}
    out["vocabularios"] = _textos_traducidos_de_vocabularios(archivo(idioma, "vocabularios"))
    return out


def faltantes(idioma: str) -> dict[str, list[str]]:
    """{archivo: [claves]} that `idioma` lacks and shows in Spanish."""
    fuente, propios = textos_fuente(), textos_de(idioma)

    def falta(nombre: str, clave: str) -> bool:
        tiene = propios.get(nombre, {})
        if nombre == "vocabularios" and clave.endswith(".corta"):  # a translated label may show whole
            return clave[: -len(".corta")] not in tiene and clave not in tiene
        return clave not in tiene

    out = {nombre: sorted(k for k in claves if falta(nombre, k)) for nombre, claves in fuente.items()}
    return {nombre: claves for nombre, claves in out.items() if claves}


def iguales(idioma: str) -> dict[str, list[str]]:
    """{archivo: [claves]} whose translation is the Spanish text itself (a name that is the same in
    both languages, or a text copied and not yet translated)."""
    fuente, propios = textos_fuente(), textos_de(idioma)
    out = {}
    for nombre, claves in fuente.items():
        mismas = sorted(k for k, v in claves.items() if propios.get(nombre, {}).get(k) == v and isinstance(v, str) and len(v) > 3)
        if mismas:
            out[nombre] = mismas
    return out


def sobrantes(idioma: str) -> dict[str, list[str]]:
    """{archivo: [claves]} a language has that Spanish does not: a typo in a key, or a key renamed."""
    fuente, propios = textos_fuente(), textos_de(idioma)
    return {nombre: sorted(set(claves) - set(fuente.get(nombre, {})))
            for nombre, claves in propios.items() if set(claves) - set(fuente.get(nombre, {}))}
