"""Where things live and how the catalogue is configured, declared once.

Paths are fixed by the repository's layout; the site's address, the repository and the
Technical Secretariat's public e-mail come from catalogo.yml (CATALOGO_SITIO_URL overrides
the address, to build the same site under another one).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FICHAS_DIR = ROOT / "fichas"
PERFILES_DIR = ROOT / "perfiles"
DOCS_DIR = ROOT / "docs"
SCHEMA_DIR = ROOT / "schema"
SCHEMA_PATH = SCHEMA_DIR / "ficha.schema.json"
VOCAB_PATH = SCHEMA_DIR / "vocabularios.yml"
CAMPOS_PATH = SCHEMA_DIR / "campos.yml"
CONFIG_PATH = ROOT / "catalogo.yml"
TEMPLATES_DIR = Path(__file__).resolve().parent / "publicacion" / "plantillas"

# The project's own YAML files (schema/, catalogo.yml) are read with libyaml's parser when PyYAML has
# it: the same values as yaml.safe_load (the same constructors), about ten times faster. Every
# command reads several of them before it starts, and each language's catalogue on first use.
_CARGADOR = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def leer_yaml(ruta: Path):
    """The data of one of the project's YAML files (None when it is empty)."""
    with ruta.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_CARGADOR)  # noqa: S506 — a safe loader, C or Python


# A ficha is a few thousand words at most; anything larger is a mistake.
MAX_FILE_BYTES = 256 * 1024
FICHA_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Configuracion:
    nombre: str
    sitio_url: str      # with its trailing slash; may be a sub-path of another site
    repositorio: str    # without a trailing slash
    correo_st: str
    marca: dict = None  # {"nombre": "CSM", "logo": ""}: the header's wordmark or logo
    tamano_maximo: str = "1 GB"  # the published site's size budget (see publicacion/tamano.py)
    compilaciones_completas_hasta: int = 1000  # above: PDF compilations per country only (pdf.py)
    demostracion: bool = True  # a demonstration catalogue (example fichas, the demonstration key)
    revision: dict = field(default_factory=lambda: dict(INTERVALOS_POR_DEFECTO))  # years between reviews, per kind
    idiomas: tuple[str, ...] = ("es",)  # the site's interfaces, the first at the root (schema/idiomas/<código>/)

    @property
    def repo_nombre(self) -> str:
        """'csm-catalogo/catalogo', for the header's repository link."""
        return "/".join(self.repositorio.rstrip("/").split("/")[-2:])


INTERVALOS_POR_DEFECTO = {"fichas": 2, "perfiles": 1}  # years: DPG-like yearly re-review for profiles


class ConfiguracionInvalida(ValueError):
    """catalogo.yml says something the catalogue cannot use; the text says what to write."""


def intervalos_de(datos: dict) -> dict[str, int]:
    """{"fichas": 2, "perfiles": 1} from catalogo.yml «revision», with the defaults for what it omits."""
    propios = (datos or {}).get("revision") or {}
    if not isinstance(propios, dict):
        raise ConfiguracionInvalida("catalogo.yml, «revision»: escriba un año por tipo, por ejemplo «fichas: 2» y «perfiles: 1».")
    out = dict(INTERVALOS_POR_DEFECTO)
    for clave, valor in propios.items():
        if clave not in out:
            raise ConfiguracionInvalida(f"catalogo.yml, «revision»: «{clave}» no es un tipo de registro; use fichas o perfiles.")
        if isinstance(valor, bool) or not isinstance(valor, int) or not 1 <= valor <= 20:
            raise ConfiguracionInvalida(f"catalogo.yml, «revision», «{clave}»: {valor!r} no es un número de años entre 1 y 20.")
        out[clave] = valor
    return out


def idiomas_de(datos: dict) -> tuple[str, ...]:
    """("es", "pt", "en") from catalogo.yml «idiomas»: each one needs its folder schema/idiomas/<código>/."""
    propios = (datos or {}).get("idiomas") or ["es"]
    if os.environ.get("CATALOGO_IDIOMAS"):  # another set for one build (make bench: Spanish alone)
        propios = [c.strip() for c in os.environ["CATALOGO_IDIOMAS"].split(",") if c.strip()]
    if not isinstance(propios, list) or not all(isinstance(c, str) for c in propios):
        raise ConfiguracionInvalida("catalogo.yml, «idiomas»: escriba una lista de códigos, por ejemplo [es, pt, en].")
    sin_catalogo = [c for c in propios if not (SCHEMA_DIR / "idiomas" / c / "idioma.yml").is_file()]
    if sin_catalogo:
        raise ConfiguracionInvalida(f"catalogo.yml, «idiomas»: {', '.join(sin_catalogo)} no tiene catálogo; "
                                    "cree schema/idiomas/<código>/idioma.yml o quítelo de la lista.")
    if len(set(propios)) != len(propios):
        raise ConfiguracionInvalida("catalogo.yml, «idiomas»: un idioma está repetido.")
    return tuple(propios)


def _con_barra(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def leer_configuracion(ruta: Path = CONFIG_PATH) -> Configuracion:
    datos = leer_yaml(ruta)
    return Configuracion(
        nombre=datos["nombre"],
        sitio_url=_con_barra(os.environ.get("CATALOGO_SITIO_URL") or datos["sitio_url"]),
        repositorio=datos["repositorio"].rstrip("/"),
        correo_st=datos["correo_st"],
        marca=dict(datos.get("marca") or {"nombre": "CSM", "logo": ""}),
        tamano_maximo=str(datos.get("tamano_maximo") or "1 GB"),
        compilaciones_completas_hasta=int(datos.get("compilaciones_completas_hasta") or 1000),
        demostracion=(os.environ["CATALOGO_DEMOSTRACION"] not in ("0", "false", "no")
                      if os.environ.get("CATALOGO_DEMOSTRACION") else datos.get("demostracion", True) is not False),
        revision=intervalos_de(datos),
        idiomas=idiomas_de(datos),
    )


