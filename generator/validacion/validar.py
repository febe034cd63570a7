"""Load every ficha, validate it against the schema and the named checks."""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator

from generator.validacion.reglas import REGLAS, regla_identidad_unica, regla_plantilla
from generator.validacion.lectura import ErrorDeLectura, leer_bytes
from generator.validacion.mensajes import Traductor
from generator.config import FICHA_SUFFIXES, SCHEMA_PATH
from generator.validacion.resultado import FichaLeida, Problema, Resultado


@lru_cache(maxsize=None)
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def validator() -> Draft202012Validator:
    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


@lru_cache(maxsize=None)
def traductor() -> Traductor:
    return Traductor(schema())


def mostrar(path: Path) -> str:
    """A path as people see it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def validar_ficha(ficha: FichaLeida, raw: bytes, raiz: Path) -> None:
    try:
        doc = leer_bytes(raw)
    except ErrorDeLectura as err:
        ficha.problemas.append(Problema(ficha.archivo, err.line, err.col, "", err.mensaje))
        return
    problemas = [Problema(ficha.archivo, a.line, a.col, "", a.mensaje) for a in doc.avisos]
    if not isinstance(doc.data, dict):
        problemas.append(Problema(ficha.archivo, 1, 1, "", (
            "La ficha debe ser una lista de claves con sus valores, como «pais: ARG» y «titulo: …», "
            "cada una al comienzo de la línea. Use la plantilla de /contribuir/."
        )))
        ficha.problemas.extend(problemas)
        return
    hallazgos, sin_completar = [], set()
    for regla in REGLAS:
        for h in regla(ficha, doc, schema(), raiz):
            hallazgos.append(h)
            if regla is regla_plantilla:  # a placeholder left in place says all there is to say
                sin_completar.add(h[:2])
    errores = validator().iter_errors(doc.data)
    for line, col, campo, texto in traductor().traducir(errores, doc):
        if (line, col) not in sin_completar:
            hallazgos.append((line, col, campo, texto))
    problemas += [Problema(ficha.archivo, *h) for h in hallazgos]
    ficha.problemas.extend(sorted(set(problemas)))
    ficha.data = doc.data


def encontrar(raiz: Path) -> tuple[list[FichaLeida], list[Problema]]:
    """Every YAML file under `raiz`; those not at `<país>/<slug>.yml` are problems."""
    fichas, generales = [], []
    for dirpath, dirnames, filenames in os.walk(raiz):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            ruta = Path(dirpath) / name
            if name.startswith(".") or ruta.suffix.lower() not in FICHA_SUFFIXES:
                continue
            rel = ruta.relative_to(raiz)
            if len(rel.parts) != 2:
                if len(rel.parts) > 2:
                    continue  # attachments folders may hold YAML of their own
                generales.append(Problema(mostrar(ruta), 1, 1, "", (
                    "La ficha debe estar dentro de la carpeta de su país, por ejemplo "
                    f"fichas/arg/{ruta.stem}.yml. Mueva el archivo a esa carpeta."
                )))
                continue
            fichas.append(FichaLeida(ruta.resolve(), mostrar(ruta), rel.parts[0], ruta.stem))
    return fichas, generales


PARALLEL_FROM = 400  # below this, starting worker processes costs more than it saves


def _validar_lote(args: tuple[list[FichaLeida], Path]) -> list[FichaLeida]:
    lote, raiz = args
    for ficha in lote:
        validar_ficha(ficha, ficha.ruta.read_bytes(), raiz)
    return lote


def validar(raiz: Path) -> Resultado:
    fichas, generales = encontrar(raiz)
    workers = min(os.cpu_count() or 1, 8)
    if len(fichas) < PARALLEL_FROM or workers < 2:
        _validar_lote((fichas, raiz))
    else:
        from concurrent.futures import ProcessPoolExecutor
        size = max(50, len(fichas) // (workers * 4))
        lotes = [(fichas[i:i + size], raiz) for i in range(0, len(fichas), size)]
        with ProcessPoolExecutor(workers) as pool:
            fichas = [f for lote in pool.map(_validar_lote, lotes) for f in lote]
    for ficha, problema in regla_identidad_unica(fichas):
        ficha.problemas.append(problema)
    return Resultado(fichas, generales)
