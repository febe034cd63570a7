"""The build pipeline as MkDocs runs it: validate → model → pages → (site) → search index."""
from __future__ import annotations

import calendar
import io
import os
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.publicacion.modelo import Ficha, desde_lectura
from generator.config import FICHAS_DIR, PERFILES_DIR, REPO_URL, ROOT, SITIO_URL, leer_configuracion
from generator.esquema.campos import PERFIL
from generator.publicacion.pdf import CACHE, Descargas
from generator.validacion.informes import reporte_texto
from generator.publicacion.escritura import ErrorDeEscritura, escribir
from generator.publicacion.seguridad import proteger_sitio
from generator.validacion.validar import validar

GENERADO = ROOT / "build" / "paginas"


class ErrorDeConstruccion(Exception):
    """A build step failed for a reason the person running it can act on."""


class FichasInvalidas(ErrorDeConstruccion):
    def __init__(self, reporte: str, resumen: str):
        super().__init__(f"El sitio no se construyó: {resumen} Corrija las fichas y vuelva a intentarlo.")
        self.reporte = reporte


@dataclass(frozen=True)
class Opciones:
    fichas: Path = FICHAS_DIR
    perfiles: Path = PERFILES_DIR
    generado: Path = GENERADO
    pdf: bool = True
    buscador: bool = True
    sitio_url: str = SITIO_URL
    repo_url: str = REPO_URL
    cache: Path = CACHE


@dataclass
class Estado:
    opciones: Opciones
    fichas: list[Ficha] = field(default_factory=list)
    escritos: list[str] = field(default_factory=list)
    descargas: Descargas = field(default_factory=lambda: Descargas())


def _si(valor: str | None, defecto: bool) -> bool:
    return defecto if valor is None else valor.strip().lower() not in ("0", "no", "false", "")


def opciones_desde_entorno() -> Opciones:
    """From catalogo.yml (read anew: CATALOGO_SITIO_URL may change between builds) and the
    environment: CATALOGO_FICHAS (folder), CATALOGO_PDF=0 and CATALOGO_BUSCADOR=0 for quick
    previews, CATALOGO_CACHE (PDF cache)."""
    config = leer_configuracion()
    return Opciones(
        fichas=Path(os.environ.get("CATALOGO_FICHAS") or FICHAS_DIR).resolve(),
        perfiles=Path(os.environ.get("CATALOGO_PERFILES") or PERFILES_DIR).resolve(),
        generado=Path(os.environ.get("CATALOGO_GENERADO") or GENERADO).resolve(),
        pdf=_si(os.environ.get("CATALOGO_PDF"), True),
        buscador=_si(os.environ.get("CATALOGO_BUSCADOR"), True),
        sitio_url=config.sitio_url,
        repo_url=config.repositorio,
        cache=Path(os.environ.get("CATALOGO_CACHE") or CACHE).resolve(),
    )


def _epoch(fichas: list[Ficha]) -> int:
    """A build date from the content, not the clock: the newest ficha's date."""
    newest = max((f.fecha for f in fichas), default="2014-10-17")  # XIV CSM, Lima
    return calendar.timegm(date.fromisoformat(newest).timetuple())


def preparar(opciones: Opciones) -> Estado:
    res = validar(opciones.fichas)
    if opciones.perfiles.is_dir():
        de_perfiles = validar(opciones.perfiles, PERFIL)
        res.fichas += de_perfiles.fichas
        res.generales += de_perfiles.generales
    if not res.ok:
        buf = io.StringIO()
        reporte_texto(res, buf)
        raise FichasInvalidas(buf.getvalue().rstrip(), res.resumen())
    fichas = [desde_lectura(f) for f in res.fichas if f.tipo is not PERFIL]
    perfiles = [desde_lectura(f) for f in res.fichas if f.tipo is PERFIL]
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(_epoch(fichas)))
    estado = Estado(opciones, fichas)
    descargas, publicar = Descargas(), {}
    if opciones.pdf:
        from generator.publicacion.pdf import construir as construir_pdfs
        from generator.publicacion.cooperacion import Cooperacion
        descargas, publicar = construir_pdfs(fichas, opciones.sitio_url, opciones.cache, Cooperacion(perfiles, fichas))
    estado.descargas = descargas
    try:
        estado.escritos = escribir(fichas, opciones.generado, opciones.fichas, descargas, publicar,
                                   sitio_url=opciones.sitio_url, repo_url=opciones.repo_url, perfiles=perfiles)
    except ErrorDeEscritura as err:
        raise ErrorDeConstruccion(f"El sitio no se construyó: {err}") from None
    return estado


def indexar(site_dir: Path) -> None:
    """Pagefind: a chunked index with Spanish stemming and the catalogue's filters."""
    binarios = sorted((ROOT / "node_modules" / "@pagefind").glob("linux-*/bin/pagefind_extended"))
    if not binarios:
        raise ErrorDeConstruccion("Pagefind, el buscador del sitio, no está instalado. Ejecute «make site», "
                                  "que lo instala con npm desde package-lock.json (se publica para Linux x64 y "
                                  "arm64; en otro sistema, use WSL o un contenedor de Linux).")
    cmd = [str(binarios[0]), "--site", str(site_dir), "--force-language", "es", "--quiet"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise ErrorDeConstruccion(f"Pagefind no pudo indexar el sitio. Revise que «make site» haya instalado las dependencias.\n{r.stdout}\n{r.stderr}")


def despues_de_construir(estado: Estado, site_dir: Path) -> None:
    proteger_sitio(site_dir)  # before the index: Pagefind reads the finished pages
    if estado.opciones.buscador:
        indexar(site_dir)
