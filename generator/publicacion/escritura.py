"""Write the generated Markdown pages (and attached files) to a folder MkDocs reads.

The folder is git-ignored and rewritten on every build; pages are plain
Markdown with front matter, so another engine could render them.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from generator.esquema.campos import FICHA, PERFIL
from generator.publicacion.datos import (esquema_coincidencias, esquema_exportacion, exportar_atom, exportar_coincidencias,
                                         exportar_csv, exportar_json, registro)
from generator.publicacion.modelo import Ficha
from generator.validacion.reglas import PLACEHOLDER
from generator.publicacion.paginas import DIMENSIONES, Paginas
from generator.repositorio.plantilla import plantilla
from generator.config import REPO_URL, SCHEMA_PATH, SITIO_URL
from generator.validacion.adjuntos import problema_de_adjunto
from generator.validacion.validar import schema
from generator.esquema.generar import SCHEMA_URL


def contenidos(fichas: list[Ficha], pdf=lambda destino: None, sitio_url: str = SITIO_URL,
               repo_url: str = REPO_URL, perfiles: list[Ficha] = ()) -> dict[str, str | bytes]:
    """Every generated page and data file: its path under the docs folder → its text."""
    p = Paginas(fichas, pdf, sitio_url, repo_url, list(perfiles))
    out = {
        "index.md": p.inicio(),

        "contribuir.md": p.contribuir(),
        "proponer/index.md": p.proponer(),
        "proponer-perfil/index.md": p.proponer(PERFIL),
        "datos/index.md": p.datos(),
        "contribuir/plantilla-ficha.yml": plantilla(pais=PLACEHOLDER),
        **datos_abiertos(p.fichas, pdf, sitio_url, p.cooperacion),
        "cooperacion/index.md": p.cooperacion_inicio(),
        "contribuir/plantilla-perfil.yml": plantilla(pais=PLACEHOLDER, tipo=PERFIL),
        **formularios_word(sitio_url),
    }
    for area in p.cooperacion.areas:
        out[f"cooperacion/{area.slug}.md"] = p.cooperacion_area(area)
    for perfil in p.cooperacion.perfiles:
        out[f"{perfil.url.rstrip('/')}.md"] = p.perfil(perfil)
    for dim in DIMENSIONES:
        out[f"{dim.carpeta}/index.md"] = p.resumen_indices(dim)
        por = p.por_termino(dim)
        for t in dim.terminos():
            if dim is DIMENSIONES[0] and not t.extra.get("csm") and not por[t.slug]:
                continue  # no empty pages for the rest of the Americas: only where they have fichas
            out[f"{dim.carpeta}/{dim.slug(t)}.md"] = p.indice(dim, t, por[t.slug])
    for f in p.fichas:
        out[f"{f.url.rstrip('/')}.md"] = p.ficha(f)
    # the explorer names the search index it will ask for by a tag of everything indexed, so the
    # browser can fetch it early (and a new build never reuses an old one)
    huella = hashlib.sha256()
    for rel in sorted(out):
        huella.update(rel.encode() + (out[rel] if isinstance(out[rel], bytes) else out[rel].encode()))
    out["explorar/index.md"] = p.explorar(huella.hexdigest()[:16])
    return out


def datos_abiertos(fichas: list[Ficha], pdf, sitio_url: str, cooperacion) -> dict[str, str]:
    registros = [registro(f, sitio_url, pdf(f)) for f in fichas]
    de_perfiles = [registro(p, sitio_url, None) for p in cooperacion.perfiles]
    return {
        "datos/perfiles.json": exportar_json(de_perfiles, PERFIL),
        "datos/perfiles.schema.json": json.dumps(esquema_exportacion(schema(PERFIL), sitio_url, PERFIL), ensure_ascii=False, indent=2) + "\n",
        "datos/perfiles.csv": exportar_csv(de_perfiles, PERFIL),
        "datos/coincidencias.json": exportar_coincidencias(cooperacion, sitio_url),
        "datos/coincidencias.schema.json": json.dumps(esquema_coincidencias(sitio_url), ensure_ascii=False, indent=2) + "\n",
        "schema/perfil.schema.json": esquema_publicado(sitio_url, PERFIL),
        "datos/fichas.json": exportar_json(registros),
        "datos/fichas.schema.json": json.dumps(esquema_exportacion(schema(), sitio_url), ensure_ascii=False, indent=2) + "\n",
        "datos/fichas.csv": exportar_csv(registros),
        "datos/novedades.xml": exportar_atom(fichas, sitio_url, cooperacion.perfiles),
        "schema/ficha.schema.json": esquema_publicado(sitio_url),
    }


FORMULARIOS_WORD = {FICHA: "descargas/ficha-tecnica.docx", PERFIL: "descargas/perfil-cooperacion.docx"}


def formularios_word(sitio_url: str) -> dict[str, bytes]:
    """The empty forms in Word, to fill in and send to the Technical Secretariat by e-mail."""
    from generator.config import leer_configuracion
    from generator.intercambio.word import FormularioWord, docx_bytes
    config = leer_configuracion()
    return {ruta: docx_bytes(FormularioWord(tipo, correo_st=config.correo_st, sitio_url=sitio_url,
                                            demostracion=config.demostracion and tipo is FICHA))
            for tipo, ruta in FORMULARIOS_WORD.items()}


def esquema_publicado(sitio_url: str, tipo=FICHA) -> str:
    """The committed schema, with its $id at this build's address (a site under another path)."""
    s = dict(schema(tipo), **{"$id": sitio_url + SCHEMA_URL + tipo.esquema_path.name})
    return json.dumps(s, ensure_ascii=False, indent=2) + "\n"


def _publicar(origen: Path, ruta: Path) -> None:
    """A hard link where the file system allows it (PDFs are many and large), else a copy."""
    try:
        os.link(origen, ruta)
    except OSError:
        shutil.copyfile(origen, ruta)


def escribir(fichas: list[Ficha], destino: Path, fichas_dir: Path, pdf=lambda destino: None,
             publicar: dict[str, Path] | None = None, sitio_url: str = SITIO_URL, repo_url: str = REPO_URL,
             perfiles: list[Ficha] = ()) -> list[str]:
    """Rewrite `destino` with the pages, data files, PDFs and the fichas' attached files."""
    if destino.exists():
        shutil.rmtree(destino)
    escritos = []
    for rel, origen in sorted((publicar or {}).items()):
        ruta = destino / rel
        ruta.parent.mkdir(parents=True, exist_ok=True)
        _publicar(origen, ruta)
        escritos.append(rel)
    for rel, texto in sorted(contenidos(fichas, pdf, sitio_url, repo_url, perfiles).items()):
        ruta = destino / rel
        ruta.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(texto, bytes):  # the Word forms
            ruta.write_bytes(texto)
        else:
            ruta.write_text(texto, encoding="utf-8", newline="")
        escritos.append(rel)
    generados = set(escritos)
    for f in fichas:
        for publicado in f.archivos:  # fichas/ury/anexos/nota.txt
            origen = fichas_dir / Path(publicado).relative_to("fichas")
            if publicado in generados:
                raise ErrorDeEscritura(
                    f"El archivo adjunto {f.fuente} → «{publicado}» tiene la misma ruta que un archivo que genera el "
                    f"sitio (/{publicado}); lo reemplazaría. Cambie el nombre del adjunto y la ruta en la ficha.")
            motivo = problema_de_adjunto(origen, Path(publicado).relative_to(f"fichas/{f.pais_dir}").as_posix()) \
                if origen.is_file() or origen.is_symlink() else "no existe."
            if motivo:  # validation refuses these first; the build never publishes one
                raise ErrorDeEscritura(f"{f.fuente}: el adjunto {motivo}")
            ruta = destino / publicado
            ruta.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origen, ruta)  # a static file: never a page of the site engine
            escritos.append(publicado)
    return sorted(set(escritos))


class ErrorDeEscritura(Exception):
    """A generated file could not be written as it must be; the text says what to do."""
