"""How current each record is: the date of its last review, taken from the record (its «fecha»,
the date it was presented or updated) or, when it has none, from git (the last commit that
touched the file); never from the clock. The review interval comes from catalogo.yml
(«revision»: years for fichas and for cooperation profiles).

The site has no «today» of its own (the same records build the same site): a record is past its
interval when its due date is before the newest record's date, or before CATALOGO_HOY (an ISO
date) when a build wants another one. The ST's report gives its own date explicitly."""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from generator.config import CONFIG_PATH

INTERVALOS_POR_DEFECTO = {"fichas": 2, "perfiles": 1}  # years: DPG-like yearly re-review for profiles


class ConfiguracionInvalida(ValueError):
    pass


def intervalos(ruta: Path = CONFIG_PATH) -> dict[str, int]:
    """{"fichas": 2, "perfiles": 1} from catalogo.yml «revision», with the defaults for what it omits."""
    with ruta.open(encoding="utf-8") as fh:
        datos = yaml.safe_load(fh) or {}
    propios = datos.get("revision") or {}
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


def fecha_git(ruta: Path) -> str | None:
    """The author date (AAAA-MM-DD) of the last commit that touched `ruta`, or None."""
    try:
        r = subprocess.run(["git", "log", "-1", "--format=%as", "--", ruta.name], cwd=ruta.parent,
                           capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout.strip() or None if r.returncode == 0 else None


def fecha_de_revision(datos: dict, ruta: Path | None = None) -> tuple[str | None, str]:
    """(date, where it came from: "registro" or "git")."""
    valor = datos.get("fecha")
    if isinstance(valor, date):
        valor = valor.isoformat()
    if isinstance(valor, str):
        try:
            return date.fromisoformat(valor).isoformat(), "registro"
        except ValueError:
            pass
    if ruta is not None:
        return fecha_git(ruta), "git"
    return None, "git"


def sumar_anios(d: date, anios: int) -> date:
    try:
        return d.replace(year=d.year + anios)
    except ValueError:  # 29 February
        return d.replace(year=d.year + anios, day=28)


@dataclass(frozen=True)
class Revision:
    fecha: str          # the last review, AAAA-MM-DD
    intervalo: int      # years
    vence: str          # when the next review is due
    vencida: bool

    @property
    def fecha_larga(self) -> str:
        from generator.publicacion.modelo import fecha_larga
        return fecha_larga(self.fecha)

    @property
    def vence_larga(self) -> str:
        from generator.publicacion.modelo import fecha_larga
        return fecha_larga(self.vence)


def revision(fecha: str, carpeta: str, referencia: str, anios: dict[str, int] | None = None) -> Revision:
    anios = anios or intervalos()
    intervalo = anios.get(carpeta, INTERVALOS_POR_DEFECTO.get(carpeta, 2))
    vence = sumar_anios(date.fromisoformat(fecha), intervalo)
    return Revision(fecha, intervalo, vence.isoformat(), vence < date.fromisoformat(referencia))


def referencia_del_sitio(fechas: list[str]) -> str:
    """The site's «today»: CATALOGO_HOY, or the newest record's date (never the clock)."""
    propia = os.environ.get("CATALOGO_HOY", "").strip()
    if propia:
        try:
            return date.fromisoformat(propia).isoformat()
        except ValueError:
            raise ConfiguracionInvalida(f"CATALOGO_HOY={propia!r}: escriba una fecha AAAA-MM-DD.") from None
    return max(fechas, default="2014-10-17")
