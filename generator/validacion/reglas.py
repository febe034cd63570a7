"""Rules no per-file schema can express, as small named checks.

Each check takes one loaded ficha (or all of them) and yields problems as
(line, col, label, text); `validate` attaches the file name.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterator

from generator.privacidad.sobre import SobreInvalido, comprobar as comprobar_sobre
from generator.validacion.lectura import Documento
from generator.validacion.mensajes import rotulo, subschema
from generator.validacion.resultado import RegistroLeido, Problema

PLACEHOLDER = "COMPLETAR"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PAIS_DIR_RE = re.compile(r"^[a-z]{3}$")

Hallazgo = tuple[int, int, str, str]
Regla = Callable[[RegistroLeido, Documento, dict, Path], Iterator[Hallazgo]]


def regla_ruta(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    if not SLUG_RE.match(ficha.slug):
        ejemplo = re.sub(r"[^a-z0-9]+", "-", ficha.slug.lower()).strip("-") or "mi-experiencia"
        yield 1, 1, "", (
            f"El nombre del archivo «{ficha.ruta.name}» no es válido: use solo minúsculas sin tildes, "
            f"números y guiones, por ejemplo «{ejemplo}.yml». Cambie el nombre del archivo."
        )


def regla_carpeta_pais(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    pais = doc.data.get("pais")
    if pais not in subschema(schema, ("pais",)).get("enum", ()) or pais.lower() == ficha.pais_dir:
        return  # an unknown code has its own message
    line, col = doc.donde(("pais",))
    yield line, col, rotulo(schema, ("pais",)), (
        f"la ficha está en la carpeta «{ficha.pais_dir}/» pero indica «{pais}». "
        f"Mueva el archivo a la carpeta «{pais.lower()}/» o corrija el país."
    )


def regla_periodo(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    periodo = doc.data.get("periodo")
    if not isinstance(periodo, dict):
        return
    inicio, fin = periodo.get("inicio"), periodo.get("fin")
    if isinstance(inicio, int) and isinstance(fin, int) and fin < inicio:
        line, col = doc.donde(("periodo", "fin"))
        yield line, col, rotulo(schema, ("periodo",)), (
            f"el año de fin ({fin}) es anterior al de inicio ({inicio}). Corrija los años; "
            "si la experiencia sigue en curso, borre «fin»."
        )


def _strings(value, path=()):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, path + (i,))


def regla_plantilla(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    for path, value in _strings(doc.data):
        if value.lstrip().startswith(PLACEHOLDER):
            line, col = doc.donde(path)
            opciones = subschema(schema, path).get("enum")
            que = ("una de estas opciones: " + ", ".join(opciones) if opciones
                   else "la información de la experiencia")
            yield line, col, rotulo(schema, path), (
                f"todavía tiene el texto de la plantilla («{PLACEHOLDER}…»). Reemplácelo por {que}."
            )


def regla_archivos(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    base = ficha.ruta.parent
    for lista in ("productos", "documentos"):
        items = doc.data.get(lista)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            archivo = item.get("archivo") if isinstance(item, dict) else None
            if not isinstance(archivo, str) or not archivo.strip():
                continue
            path = (lista, i, "archivo")
            line, col = doc.donde(path)
            destino = (base / archivo).resolve()
            if not destino.is_relative_to(raiz.resolve()) or Path(archivo).is_absolute():
                yield line, col, rotulo(schema, path), (
                    f"«{archivo}» queda fuera de la carpeta de fichas. Guarde el archivo dentro de "
                    f"la carpeta de la ficha ({ficha.pais_dir}/) y escriba una ruta relativa, por ejemplo anexos/manual.pdf."
                )
            elif not destino.is_file():
                yield line, col, rotulo(schema, path), (
                    f"el archivo «{archivo}» no existe junto a la ficha. Agréguelo en la carpeta "
                    f"«{ficha.pais_dir}/» (con la misma ruta) o corrija el nombre."
                )


def regla_cifrado(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    """An encrypted block that looks right is checked as an age message, without the key."""
    for clave, prop in schema.get("properties", {}).items():
        for sub, sp in (prop.get("properties") or {}).items():
            if "x-cifrado" not in sp:
                continue
            obj = doc.data.get(clave)
            bloque = obj.get(sub) if isinstance(obj, dict) else None
            if not isinstance(bloque, str) or not re.match(sp["pattern"], bloque):
                continue  # missing or not a block at all: the schema says so
            try:
                comprobar_sobre(bloque)
            except SobreInvalido as err:
                path = (clave, sub)
                line, col = doc.donde(path)
                yield line, col, rotulo(schema, path), (
                    f"el bloque cifrado no es válido: {err}. Vuelva a cifrar el contacto con «make cifrar» "
                    "(o escriba la ficha con el formulario /proponer/)."
                )


REGLAS: tuple[Regla, ...] = (regla_ruta, regla_carpeta_pais, regla_periodo, regla_archivos, regla_cifrado,
                             regla_plantilla)


def regla_identidad_unica(fichas: list[RegistroLeido]) -> Iterator[tuple[RegistroLeido, Problema]]:
    """Two files may not give the same public address (x.yml beside x.yaml)."""
    por_id: dict[tuple[str, str], list[RegistroLeido]] = defaultdict(list)
    for f in fichas:
        por_id[(f.pais_dir, f.slug.lower())].append(f)
    for (pais, slug), grupo in sorted(por_id.items()):
        if len(grupo) < 2:
            continue
        for f in grupo:
            otros = ", ".join(o.archivo for o in grupo if o is not f)
            yield f, Problema(f.archivo, 1, 1, "", (
                f"Otra {f.tipo.nombre} tiene la misma dirección pública (/{f.tipo.carpeta}/{pais}/{slug}/): {otros}. "
                "Cambie el nombre de uno de los archivos o borre el repetido."
            ))
