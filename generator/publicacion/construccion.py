"""The catalogue's own build: validate → model → PDFs → the generated docs folder and the
engine's configuration (`construir`); then any engine renders it; then `indexar` copies the
attachments, indexes the site with Pagefind and checks its size. Nothing here runs inside an
engine: `python -m generator construir` and `python -m generator indexar` are steps of `make site`."""
from __future__ import annotations

import calendar
import io
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

import yaml

from generator.publicacion.modelo import Registro, desde_lectura
from generator.config import FICHAS_DIR, PERFILES_DIR, ROOT, Configuracion, leer_configuracion, leer_yaml
from generator.esquema.campos import PERFIL
from generator.publicacion.pdf import CACHE, Descargas
from generator.validacion.informes import reporte_texto
from generator.archivos import escribir_atomico
from generator.privacidad.demostracion import problema_de_despliegue
from generator.publicacion.escritura import ErrorDeEscritura, escribir
from generator.publicacion.repaso import repasar_sitio
from generator.publicacion.precarga import anunciar, estilos_del_explorador
from generator.validacion.validar import validar
from generator.publicacion.tamano import LimiteInvalido, leer_limite, medir
from generator.publicacion.pdf import construir as construir_pdfs
from generator.publicacion.cooperacion import Cooperacion
from generator.publicacion import alternos
from generator.publicacion.motor import SALIDA
from generator.esquema import idiomas

GENERADO = ROOT / "build" / "paginas"


class ErrorDeConstruccion(Exception):
    """A build step failed for a reason the person running it can act on."""


class FichasInvalidas(ErrorDeConstruccion):
    def __init__(self, reporte: str, resumen: str):
        super().__init__(f"El sitio no se construyó: {resumen} Corrija las fichas y vuelva a intentarlo.")
        self.reporte = reporte


@dataclass(frozen=True)
class Opciones:
    # where the site is published and its repository: from catalogo.yml (opciones_desde_entorno),
    # always given, so that no forgotten argument silently builds for another address
    sitio_url: str
    repo_url: str
    fichas: Path = FICHAS_DIR
    perfiles: Path = PERFILES_DIR
    generado: Path = GENERADO
    pdf: bool = True
    buscador: bool = True
    cache: Path = CACHE
    # catalogo.yml as read once by the entry point (opciones_desde_entorno) and passed down
    catalogo: Configuracion | None = None
    # what the entry point does with the build's date (from the records, never the clock): the
    # command line puts it in SOURCE_DATE_EPOCH, which fontTools reads to date the PDFs' fonts
    fijar_epoca: Callable[[int], None] | None = None

    def config(self) -> Configuracion:
        return self.catalogo if self.catalogo is not None else leer_configuracion()

    # Beside the docs folder: the engine's configuration (docs_dir and site_dir are relative to
    # it, as Zensical requires) and the attachments, copied into the site after the engine.
    @property
    def configuracion(self) -> Path:
        return self.generado.parent / "mkdocs.yml"

    @property
    def estaticos(self) -> Path:
        return self.generado.parent / "estaticos"

    def lugares(self) -> tuple[alternos.Lugar, ...]:
        """The site's languages (catalogo.yml «idiomas»), the first at the root."""
        return alternos.lugares(self.config().idiomas)

    def generado_de(self, lugar: alternos.Lugar) -> Path:
        """A language's generated docs folder: build/paginas, build/pt/paginas."""
        return alternos.carpeta_de_obra(self.generado, lugar)

    def configuracion_de(self, lugar: alternos.Lugar) -> Path:
        """A language's engine configuration: build/mkdocs.yml, build/pt/mkdocs.yml."""
        return self.generado_de(lugar).parent / "mkdocs.yml"


@dataclass
class Estado:
    opciones: Opciones
    fichas: list[Registro] = field(default_factory=list)
    perfiles: list[Registro] = field(default_factory=list)
    escritos: list[str] = field(default_factory=list)
    cambiados: list[str] = field(default_factory=list)
    renderizadas: list[str] = field(default_factory=list)
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
        catalogo=config,
    )


def _epoch(fichas: list[Registro]) -> int:
    """A build date from the content, not the clock: the newest ficha's date."""
    newest = max((f.fecha for f in fichas), default="2014-10-17")  # XIV CSM, Lima
    return calendar.timegm(date.fromisoformat(newest).timetuple())


def construir(opciones: Opciones) -> Estado:
    """`python -m generator construir`: validate, then bring the generated docs folder, the
    attachments' folder and the engine's configuration up to date (by content)."""
    config = opciones.config()  # catalogo.yml, once for the whole build
    problema = problema_de_despliegue(config.demostracion)
    if problema:  # a live catalogue never serves a form that encrypts to a key nobody holds
        raise ErrorDeConstruccion(problema)
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
    if opciones.fijar_epoca is not None:  # the entry point sets the build date for the PDF fonts
        opciones.fijar_epoca(_epoch(fichas))
    estado = Estado(opciones, fichas, perfiles)
    descargas, publicar = Descargas(), {}
    if opciones.pdf:
        por_partes = len(fichas) > config.compilaciones_completas_hasta
        descargas, publicar = construir_pdfs(fichas, opciones.sitio_url, opciones.cache, Cooperacion(perfiles, fichas),
                                             por_partes=por_partes)
    estado.descargas = descargas
    lugares = opciones.lugares()
    compartidos: dict[str, int] | None = None  # the first language's shared files and their sizes
    previa = None  # the first language's pages: what does not depend on the language, computed once
    for lugar in lugares:
        destino = opciones.generado_de(lugar)
        try:
            with idiomas.en(lugar.codigo):
                hecho = escribir(fichas, destino, opciones.fichas, descargas, publicar if compartidos is None else None,
                                 configuracion=config, sitio_url=opciones.sitio_url, repo_url=opciones.repo_url,
                                 perfiles=perfiles, estaticos=opciones.estaticos if compartidos is None else None,
                                 lugar=lugar, compartidos=compartidos, previa=previa)
        except ErrorDeEscritura as err:
            raise ErrorDeConstruccion(f"El sitio no se construyó: {err}") from None
        prefijo = "" if compartidos is None else lugar.carpeta
        if compartidos is None:
            compartidos, previa = hecho.compartidos, hecho.paginas
        estado.escritos += [prefijo + r for r in hecho.escritos]
        estado.cambiados += [prefijo + r for r in hecho.cambiados]
        estado.renderizadas += [prefijo + r for r in hecho.renderizadas]
        with idiomas.en(lugar.codigo):
            texto = configuracion_del_motor(opciones, _epoch(fichas), lugar, lugares)
        ruta = opciones.configuracion_de(lugar)
        if not ruta.is_file() or ruta.read_text(encoding="utf-8") != texto:
            escribir_atomico(ruta, texto)
            estado.cambiados.append(prefijo + ruta.name)
    _quitar_idiomas_retirados(opciones, lugares)
    return estado


preparar = construir  # its name when it ran inside MkDocs' on_config


def _quitar_idiomas_retirados(opciones: Opciones, lugares) -> None:
    """A language taken out of catalogo.yml leaves no tree behind for the engine to build."""
    obra = opciones.generado.parent
    if not obra.is_dir():
        return
    propias = {l.carpeta.rstrip("/") for l in lugares if l.carpeta}
    for carpeta in sorted(obra.iterdir()):
        if (carpeta.is_dir() and carpeta.name not in propias and (carpeta / "mkdocs.yml").is_file()
                and (carpeta / opciones.generado.name).is_dir()):
            shutil.rmtree(carpeta)


MKDOCS_YML = ROOT / "mkdocs.yml"


def configuracion_del_motor(opciones: Opciones, epoca: int, lugar: alternos.Lugar | None = None,
                            lugares: tuple[alternos.Lugar, ...] | None = None) -> str:
    """A language's engine configuration: mkdocs.yml with what catalogo.yml declares (address,
    repository, header mark), the paths of this build, and the language's words (written inside
    `idiomas.en(lugar.codigo)`): site name, navigation, the theme's language, the header's and
    footer's strings, the switcher and the alternates. MkDocs and Zensical both read it; the hook
    it names is MkDocs glue, not needed for a correct and safe page."""
    lugares = lugares or opciones.lugares()
    lugar = lugar or lugares[0]
    config = leer_yaml(MKDOCS_YML)
    propia = opciones.config()
    sitio_url = opciones.sitio_url + lugar.carpeta
    config.update(site_url=sitio_url, repo_url=opciones.repo_url, repo_name=propia.repo_nombre,
                  docs_dir=opciones.generado.name, site_dir=SALIDA,
                  site_name=idiomas.t("sitio.marco.nombre"), site_description=idiomas.t("sitio.marco.descripcion"),
                  copyright=idiomas.t("sitio.marco.derechos"))
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config["theme"]["language"] = lugar.hreflang
    config["hooks"] = [str(ROOT / h) for h in config.get("hooks", [])]
    config["nav"] = [{_titulo_de_navegacion(pagina): pagina} for entrada in config.get("nav", [])
                     for pagina in entrada.values()]
    config.setdefault("extra", {}).update(marca=propia.marca, catalogo_epoca=epoca,
                                          catalogo_textos={k: idiomas.t(f"sitio.marco.{k}") for k in idiomas.texto("sitio.marco", idiomas.BASE)},
                                          catalogo_locale=str(idiomas.idioma_info().get("locale") or ""),
                                          **alternos.extra_del_motor(lugares, lugar, opciones.sitio_url))
    return ("# Escrito por «python -m generator construir» desde mkdocs.yml y catalogo.yml: no lo edite.\n"
            + yaml.safe_dump(config, allow_unicode=True, sort_keys=False))


def _titulo_de_navegacion(pagina: str) -> str:
    """A navigation entry's title in the language being written: «explorar/index.md» → sitio.navegacion.explorar."""
    clave = pagina.removesuffix("index.md").strip("/").split("/")[0] or "inicio"
    return idiomas.t(f"sitio.navegacion.{clave}")


def indexar(site_dir: Path) -> None:
    """Pagefind: a chunked index with Spanish stemming and the catalogue's filters."""
    binarios = sorted((ROOT / "node_modules" / "@pagefind").glob("linux-*/bin/pagefind_extended"))
    if not binarios:
        raise ErrorDeConstruccion("Pagefind, el buscador del sitio, no está instalado. Ejecute «make site», "
                                  "que lo instala con npm desde package-lock.json (se publica para Linux x64 y "
                                  "arm64; en otro sistema, use WSL o un contenedor de Linux).")
    # one index per language: Pagefind reads each page's <html lang> (the theme's language)
    cmd = [str(binarios[0]), "--site", str(site_dir), "--quiet"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise ErrorDeConstruccion(f"Pagefind no pudo indexar el sitio. Revise que «make site» haya instalado las dependencias.\n{r.stdout}\n{r.stderr}")


def copiar_adjuntos(opciones: Opciones, site_dir: Path) -> None:
    """The fichas' attached files (2.5, 2.9) into the built site, as files: no engine saw them."""
    if opciones.estaticos.is_dir():
        shutil.copytree(opciones.estaticos, site_dir, dirs_exist_ok=True)


def despues_del_motor(opciones: Opciones, site_dir: Path):
    """What follows the engine: attachments, the search index, the size budget."""
    if not (site_dir / "index.html").is_file():
        raise ErrorDeConstruccion(f"No hay un sitio construido en {site_dir}. Ejecute «make site».")
    copiar_adjuntos(opciones, site_dir)
    sitemap = alternos.sitemap_con_alternos(site_dir, opciones.lugares(), opciones.sitio_url)
    if sitemap is not None:  # one sitemap for every language, each page with its alternates
        _poner_sitemap(site_dir, opciones.lugares(), sitemap)
    repasar_sitio(site_dir)  # every page compacted, with its Content-Security-Policy, before the index reads them
    if opciones.buscador:
        indexar(site_dir)
        anunciar(site_dir)  # the explorer asks for the index's parts a query needs from the start (slow 3G)
    estilos_del_explorador(site_dir)  # and loads only the part of the theme's style sheet it can use
    return revisar_tamano(site_dir, opciones.config())


def _poner_sitemap(site_dir: Path, lugares, texto: str) -> None:
    import gzip
    for lugar in lugares[1:]:  # the other builds' own sitemaps: replaced by the root's
        for nombre in ("sitemap.xml", "sitemap.xml.gz"):
            (site_dir / lugar.carpeta / nombre).unlink(missing_ok=True)
    escribir_atomico(site_dir / "sitemap.xml", texto)
    if (site_dir / "sitemap.xml.gz").is_file():
        escribir_atomico(site_dir / "sitemap.xml.gz", gzip.compress(texto.encode("utf-8"), mtime=0))


def revisar_tamano(site_dir: Path, config: Configuracion):
    try:
        limite = leer_limite(config.tamano_maximo)
    except LimiteInvalido as err:
        raise ErrorDeConstruccion(str(err)) from None
    tamano = medir(site_dir, limite)
    if tamano.excedido:
        raise ErrorDeConstruccion(tamano.informe() + " El sitio supera el límite: reduzca los adjuntos o los PDF, "
                                  "o cambie «tamano_maximo» en catalogo.yml si el alojamiento lo permite.")
    return tamano
