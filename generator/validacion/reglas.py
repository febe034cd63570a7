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


# Placeholders as forms and templates write them: «[Nombre de la entidad]», «<correo>», «XXX»,
# «...», «Escriba aquí», «Por completar», «TBD», an instruction copied in place of the answer.
_ENVUELTO = re.compile(r"^\s*(\[[\w\s.,;:/-]*\]|<[\w\s.,;:-]+>|\{[\w\s.,;:-]+\})\s*$")
_RELLENO = re.compile(r"^[\s.…_xX*?¿-]+$")


def _plano(s: str) -> str:
    import unicodedata
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower().strip()


_CONJUNTOS: dict[int, tuple[object, frozenset[str]]] = {}


def _conjunto(frases) -> frozenset[str]:
    """The schema's example phrases as a set, built once per list."""
    if _CONJUNTOS.get(id(frases), (None,))[0] is not frases:
        _CONJUNTOS[id(frases)] = (frases, frozenset(frases))
    return _CONJUNTOS[id(frases)][1]


def _empieza_por_frase(plano: str, frases: frozenset[str]) -> bool:
    """`plano` is one of `frases`, or starts with one followed by a space or a colon."""
    return plano in frases or any(c in " :" and plano[:i] in frases for i, c in enumerate(plano))


def marcador(valor: str, frases: tuple[str, ...] | list[str] = ()) -> str | None:
    """How `valor` shows it is a template's placeholder, or None: a real answer is left alone
    (a long text that happens to start with «Indique» is not flagged). `frases`: the schema's
    «x-textos-de-ejemplo» (schema/campos.yml)."""
    v = valor.strip()
    if v.startswith(PLACEHOLDER):
        return f"todavía tiene el texto de la plantilla («{PLACEHOLDER}…»)"
    if not v:
        return None
    if _ENVUELTO.match(v):
        return f"«{v[:60]}» parece el texto de ejemplo de un formulario (entre {v[0]} {v[-1]}), no el dato"
    if _RELLENO.match(v) and len(v) >= 2:
        return f"«{v[:20]}» es un relleno, no el dato"
    plano = _plano(v).strip("[](){}<>\"'“”«» ")
    if len(plano.split()) <= 8 and _empieza_por_frase(plano, _conjunto(frases)):
        return f"«{v[:60]}» parece el texto de ejemplo de la plantilla, no el dato"
    return None


def regla_plantilla(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    for path, value in _strings(doc.data):
        if subschema(schema, path).get("x-cifrado") is not None:
            continue
        motivo = marcador(value, schema.get("x-textos-de-ejemplo", ()))
        if motivo:
            line, col = doc.donde(path)
            opciones = subschema(schema, path).get("enum")
            opcional = not (len(path) == 1 and path[0] in schema.get("required", ()))
            que = ("una de estas opciones: " + ", ".join(opciones) if opciones
                   else ("la información de la experiencia" if ficha.tipo.femenino else f"la información del {ficha.tipo.nombre}")
                   + (", o borre el campo si no aplica" if opcional else ""))
            yield line, col, rotulo(schema, path), f"{motivo}. Reemplácelo por {que}."


def regla_falta_espacio(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    """«titulo:Manual» read as one text: a key without the space after its colon."""
    claves = _claves(schema)
    for path, value in _strings(doc.data):
        m = re.match(r"^([a-z_]+):(?!//)(\S.*)$", value.strip())
        if m and m.group(1) in claves:
            line, col = doc.donde(path)
            yield line, col, rotulo(schema, path), (
                f"«{value.strip()[:50]}» se leyó como un solo texto: falta un espacio después de «{m.group(1)}:». "
                f"Escriba «{m.group(1)}: {m.group(2)[:30]}», con un espacio entre los dos puntos y el valor."
            )


def _claves(schema: dict) -> set[str]:
    """Every key the schema names, at any depth (computed once per schema)."""
    clave = id(schema)
    if _CLAVES.get(clave, (None,))[0] is not schema:
        _CLAVES[clave] = (schema, _claves_de(schema))
    return _CLAVES[clave][1]


_CLAVES: dict[int, tuple[dict, set[str]]] = {}


def _claves_de(schema: dict) -> set[str]:
    out = set()
    for k, p in (schema.get("properties") or {}).items():
        out.add(k)
        out |= _claves_de(p) | _claves_de(p.get("items") or {})
    return out


def regla_archivos(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    base = ficha.ruta.parent
    for lista in ("productos", "documentos"):
        items = doc.data.get(lista)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            archivo = item.get("archivo") if isinstance(item, dict) else None
            if not isinstance(archivo, str) or not archivo.strip() or "\\" in archivo or re.match(r"^[A-Za-z]:", archivo):
                continue  # empty, or a path of the person's computer: the schema's message says what to do
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


def regla_unico_por(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    """A list whose items may not repeat a sub-field: each area once in a profile's demand (the
    order is the priority, so a repeated area has two priorities)."""
    for clave, prop in schema.get("properties", {}).items():
        sub = prop.get("x-unico-por")
        items = doc.data.get(clave)
        if not sub or not isinstance(items, list):
            continue
        vistos: dict = {}
        for i, item in enumerate(items):
            valor = item.get(sub) if isinstance(item, dict) else None
            if not isinstance(valor, str):
                continue
            marca = (valor, item.get(f"{sub}_otra", "").strip().lower() if valor == "otra" else "")
            if marca in vistos:
                path = (clave, i, sub)
                line, col = doc.donde(path)
                yield line, col, rotulo(schema, path), (
                    f"«{valor}» ya está en el n.º {vistos[marca] + 1}. Deje cada área una sola vez: el orden de la "
                    "lista es la prioridad. Junte sus mecanismos en el primero y borre este."
                )
            else:
                vistos[marca] = i


REGLAS: tuple[Regla, ...] = (regla_ruta, regla_carpeta_pais, regla_periodo, regla_archivos, regla_cifrado,
                             regla_falta_espacio, regla_unico_por, regla_plantilla)


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
