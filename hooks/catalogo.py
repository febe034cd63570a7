"""MkDocs glue. The catalogue is built before the engine runs (`python -m generator construir`
writes build/paginas and build/mkdocs.yml, which names this hook); every page is complete and
safe without it, as Zensical, which ignores hooks, shows. Here only what is MkDocs' own:

on_config         the build date (sitemap, feed of the theme) from the records, not the clock;
on_page_markdown  a ficha's sitemap date is the ficha's own `fecha`; a generated body skips
                  Python-Markdown (speed, not safety: the body is already escaped HTML);
on_env            under `mkdocs serve`, the theme's templates compiled once, not once per build;
on_post_page      drop an attribute Material puts where HTML forbids it;
on_serve          `mkdocs serve` re-runs `construir` when a record, the schema or a template changes
                  (`make serve` rebuilds only the pages that changed: --dirty, not strict). An
                  edited record's own page is written first and shown by the next build; the rest
                  of `construir` runs after it, and the engine builds once more
                  (generator/publicacion/vista_previa.py).
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

from generator.config import DOCS_DIR, ROOT

_estado: dict = {"sirviendo": False}
# one `construir` at a time: an edit's page waits for the rest of the previous edit to be written
_CERROJO = threading.Lock()


def on_startup(command, dirty):
    _estado["sirviendo"] = command == "serve"
    if command == "serve":  # the dev server has threads: no forked workers in this process
        os.environ["CATALOGO_PARALELO"] = "0"
        from generator.validacion.validar import recordar_validaciones
        recordar_validaciones()


def on_config(config):
    epoca = (config.extra or {}).get("catalogo_epoca")
    if epoca:
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(epoca))
    return config


def _fuentes():
    """Where `construir` reads from, under `mkdocs serve` (the records' folders may be others)."""
    from generator.publicacion import construccion
    opciones = construccion.opciones_desde_entorno()
    return opciones, (opciones.fichas, opciones.perfiles, ROOT / "schema", ROOT / "catalogo.yml",
                      ROOT / "generator" / "publicacion" / "plantillas", DOCS_DIR)


def _vistazo(rutas) -> dict:
    """Which source files there are and when each last changed: only to decide whether to run
    `construir` again, and for which files (what it rewrites it decides by content)."""
    out = {}
    for ruta in rutas:
        archivos = sorted(ruta.rglob("*")) if ruta.is_dir() else [ruta]
        for a in archivos:
            if a.is_file():
                st = a.stat()
                out[str(a)] = (st.st_mtime_ns, st.st_size)
    return out


def _construir(opciones) -> None:
    from mkdocs.exceptions import Abort
    from generator.publicacion import construccion
    try:
        _estado["ultimo"] = construccion.construir(opciones)
    except construccion.FichasInvalidas as err:
        _estado.pop("ultimo", None)
        print(err.reporte)
        raise Abort(str(err)) from None


def on_pre_build(config):
    # A preview builds `construir`'s output; a later build runs it again when a record, the schema,
    # a template or docs/ changed (not when only its own output did). The first build of a preview
    # runs it too (nothing to write after `make serve`'s, but it leaves the records read in memory).
    if not _estado["sirviendo"]:
        return
    opciones, rutas = _fuentes()
    with _CERROJO:
        vistazo = _vistazo(rutas)
        anterior = _estado.get("vistazo")
        _estado["vistazo"] = vistazo
        if anterior == vistazo:
            return
        if anterior is not None and _estado.get("ultimo") is not None:
            from generator.publicacion import vista_previa
            cambiados = {Path(r) for r in set(anterior) | set(vistazo) if anterior.get(r) != vistazo.get(r)}
            if vista_previa.paginas_editadas(opciones, _estado["ultimo"], cambiados) is not None:
                _estado["resto"] = opciones  # the rest of `construir` once this build is done
                return
        _construir(opciones)


def on_post_build(config):
    opciones = _estado.pop("resto", None)
    if opciones is not None:
        threading.Thread(target=_el_resto, args=(opciones,), daemon=True).start()


def _el_resto(opciones) -> None:
    """The full `construir` after an edited record's page was shown; then one more build."""
    from generator.publicacion import construccion
    with _CERROJO:
        try:
            _estado["ultimo"] = construccion.construir(opciones)
        except construccion.ErrorDeConstruccion as err:
            _estado.pop("ultimo", None)
            print(getattr(err, "reporte", "") or err)
            return
    _avisar()


def _avisar() -> None:
    """Ask `mkdocs serve` for a build: a file changes in the folder it watches for us."""
    from generator.archivos import escribir_atomico
    señal = _estado.get("señal")
    if señal is not None:
        _estado["avisos"] = _estado.get("avisos", 0) + 1
        escribir_atomico(señal, str(_estado["avisos"]), durable=False)


class _CambioDeFuente:
    """A watchdog handler over the sources: a file written, created, moved or removed asks for a
    build; a file only opened or read (as `construir` reads every record) does not. MkDocs' own
    watching counts a read as a change, and each build's reading of the records started another."""

    def __init__(self, solo: str | None = None):
        self.solo = solo  # a single file (catalogo.yml): its folder is watched, for editors that replace it

    def dispatch(self, event) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        if self.solo is None or self.solo in (event.src_path, getattr(event, "dest_path", "")):
            _avisar()


def on_serve(server, config, builder):
    # What `construir` writes (the docs folder) is not watched: the build that wrote it reads it.
    # The sources are watched by _CambioDeFuente, which tells the server through one file.
    server.unwatch(config.docs_dir)
    obra = Path(config.docs_dir).parent
    señales = obra / "vista-previa"
    señales.mkdir(exist_ok=True)
    _estado["señal"] = señales / "cambios"
    server.watch(str(señales))
    if config.config_file_path:
        server.unwatch(config.config_file_path)
    for ruta in [*_fuentes()[1], Path(config.config_file_path or obra / "mkdocs.yml")]:
        if ruta.is_dir():
            server.observer.schedule(_CambioDeFuente(), str(ruta), recursive=True)
        elif ruta.exists():
            server.observer.schedule(_CambioDeFuente(str(ruta)), str(ruta.parent), recursive=False)
    return server


class _PlantillasCompiladas:
    """Under `mkdocs serve`, the theme's templates compiled once: every build makes a new Jinja
    environment, which compiled Material's templates again (a quarter of a second of each
    preview build). A Jinja bytecode cache in memory, checked against each template's source."""

    def __init__(self):
        from jinja2 import BytecodeCache
        guardado: dict[str, bytes] = {}

        class EnMemoria(BytecodeCache):
            def load_bytecode(self, bucket):
                if bucket.key in guardado:
                    bucket.bytecode_from_string(guardado[bucket.key])

            def dump_bytecode(self, bucket):
                guardado[bucket.key] = bucket.bytecode_to_string()

        self.cache = EnMemoria()


def on_env(env, config, files):
    if _estado["sirviendo"]:
        env.bytecode_cache = _estado.setdefault("compiladas", _PlantillasCompiladas()).cache
    return env


def on_page_markdown(markdown, page, config, files):
    catalogo_meta = page.meta.get("catalogo") or {}
    if catalogo_meta.get("fecha"):
        page.update_date = str(catalogo_meta["fecha"])
    # A generated page's body is one block of already-escaped HTML (valid Markdown for any
    # engine). Python-Markdown would re-parse every tag of it with HTMLParser, which was
    # most of the build time at 1,000 fichas; hand it a marker and put the block back after.
    if catalogo_meta and markdown.lstrip().startswith("<"):
        _html_generado[page.file.src_uri] = markdown
        return _MARCA
    return markdown


_MARCA = "<!--catalogo:html-generado-->"
_html_generado: dict[str, str] = {}


def on_page_content(html, page, config, files):
    bloque = _html_generado.pop(page.file.src_uri, None)
    return html if bloque is None else html.replace(_MARCA, bloque, 1)


# Material's base.html sets autocomplete on its checkbox toggles, which HTML forbids
# (the Nu Html Checker reports it). The attribute does nothing there: drop it.
_TOGGLES = tuple(f'type="checkbox" id="{i}" autocomplete="off"' for i in ("__drawer", "__search"))


def on_post_page(output, page, config):
    for toggle in _TOGGLES:
        output = output.replace(toggle, toggle.replace(' autocomplete="off"', ""))
    return output
