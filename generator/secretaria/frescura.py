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

from generator.config import CONFIG_PATH, INTERVALOS_POR_DEFECTO, ConfiguracionInvalida, intervalos_de, leer_yaml  # noqa: F401
from generator.publicacion.modelo import fecha_larga

def intervalos(ruta: Path = CONFIG_PATH) -> dict[str, int]:
    """{"fichas": 2, "perfiles": 1} from catalogo.yml «revision» (the build gets them in its
    Configuracion; this reads one file, for the report and the tests)."""
    return intervalos_de(leer_yaml(ruta) or {})


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
        return fecha_larga(self.fecha)

    @property
    def vence_larga(self) -> str:
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
