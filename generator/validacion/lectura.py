"""Read a ficha's YAML the way JSON Schema sees it.

- strict UTF-8 (a byte-order mark and CRLF line ends are fine);
- timestamps stay strings (`fecha: 2024-05-31` is the string the schema checks);
- a key twice in one mapping is a problem, not a silent overwrite;
- anchors, aliases and tags other than `!!str` are refused;
- a size limit per file;
- the line and column of every value and key are kept, by path.

The C event parser does the scanning; this module only builds values from
events, so positions come for free and nothing is resolved behind our back.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
    ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent,
)

from generator.config import MAX_FILE_BYTES
from generator.esquema.mensajes import mensaje

try:  # the C parser is ~10x faster; the pure-Python one behaves the same
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

Path_ = tuple  # a path into the document: ("productos", 0, "url")

STR_TAG = "tag:yaml.org,2002:str"
# A record nests three levels at most (productos → item → url); far deeper is a broken or hostile
# file, refused before anything recursive (this builder, JSON Schema) could run out of stack.
PROFUNDIDAD_MAXIMA = 12
_CONSTRUCT = {
    "tag:yaml.org,2002:null": lambda loader, node: None,
    "tag:yaml.org,2002:bool": lambda loader, node: loader.construct_yaml_bool(node),
    "tag:yaml.org,2002:int": lambda loader, node: loader.construct_yaml_int(node),
    "tag:yaml.org,2002:float": lambda loader, node: loader.construct_yaml_float(node),
}


class ErrorDeLectura(Exception):
    """The file cannot be read as a ficha at all; one message, one place."""

    def __init__(self, mensaje: str, linea: int = 1, columna: int = 1):
        super().__init__(mensaje)
        self.mensaje = mensaje
        self.linea = linea
        self.columna = columna


@dataclass
class Aviso:
    """A problem found while loading that does not stop the rest of the checks; `path` names the
    value it is about (its field label is added by the validator), () for the file itself."""
    mensaje: str
    linea: int
    columna: int
    path: tuple = ()


@dataclass
class Documento:
    data: Any
    posiciones: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    claves: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    crudos: dict[Path_, str] = field(default_factory=dict)
    avisos: list[Aviso] = field(default_factory=list)

    def donde(self, path: Path_) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest ancestor."""
        path = tuple(path)
        while path not in self.posiciones and path:
            path = path[:-1]
        return self.posiciones.get(path, (1, 1))


def decodificar(raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise ErrorDeLectura(mensaje("archivo_pesado", kb=len(raw) // 1024, maximo=MAX_FILE_BYTES // 1024))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = err.start - (before.rfind(b"\n") + 1) + 1
        raise ErrorDeLectura(mensaje("codificacion_invalida"), line, col) from None
    if not text.strip():
        raise ErrorDeLectura(mensaje("archivo_vacio"))
    return text


# Spaces that look like spaces but are not YAML's: Word and web pages paste them.
ESPACIOS_ESPECIALES = {  # the message naming each one (schema/mensajes.yml)
    "\u00a0": "espacio_no_separable", "\u2007": "espacio_de_cifra", "\u202f": "espacio_estrecho",
    "\u2000": "espacio_tipografico", "\u2001": "espacio_tipografico", "\u2002": "espacio_tipografico",
    "\u2003": "espacio_tipografico", "\u2004": "espacio_tipografico", "\u2005": "espacio_tipografico",
    "\u2006": "espacio_tipografico", "\u2008": "espacio_tipografico", "\u2009": "espacio_fino",
    "\u200a": "espacio_ultrafino", "\u3000": "espacio_ideografico", "\ufeff": "espacio_ancho_cero",
    "\u200b": "espacio_ancho_cero",
}


def _espacio(c: str) -> str:
    """«espacio de no separación, U+00A0», in the language being written."""
    return f"{mensaje(ESPACIOS_ESPECIALES.get(c, 'espacio_especial'))}, U+{ord(c):04X}"


_HAY_ESPECIALES = re.compile("[" + "".join(ESPACIOS_ESPECIALES) + "\u2000-\u200a\u3000]")


def _espacios_especiales(text: str) -> None:
    """Indentation (or the space after «-» or «:») made of a space YAML does not take as one:
    the first line that has it, and the invisible character by name."""
    if not _HAY_ESPECIALES.search(text):  # nearly every file: nothing to look for line by line
        return
    for n, linea in enumerate(text.splitlines(), 1):
        m = re.match(r"^([ \t\u00a0\u2000-\u200a\u202f\u3000]*)(-[ \u00a0\u2000-\u200a\u202f\u3000]+)?", linea)
        sangria = m.group(0)
        if not re.match(r"(?:[\w-]+:|- |-$)", linea[m.end():]) and not m.group(2):
            sangria = ""  # text that goes on: its special spaces are its own (the loader keeps them)
        clave = re.match(r"^\s*(?:-\s+)?[\w-]+:([\u00a0\u2000-\u200a\u202f\u3000]+)", linea)
        if clave:  # «titulo:» followed by a pasted special space instead of a plain one
            c = clave.group(1)[0]
            raise ErrorDeLectura(mensaje("espacio_tras_dos_puntos", n=n, espacio=_espacio(c)), n, clave.start(1) + 1)
        for i, c in enumerate(sangria):
            if c in ESPACIOS_ESPECIALES:
                raise ErrorDeLectura(mensaje("espacio_en_sangria", n=n, espacio=_espacio(c)), n, i + 1)


_PARSE_HINTS = (  # what YAML says → the message of schema/mensajes.yml that explains it
    ("cannot start any token", "\t", "yaml_tabulador"),
    ("mapping values are not allowed", "", "yaml_dos_puntos"),
    ("could not find expected ':'", "", "yaml_falta_dos_puntos"),
    ("expected <block end>", "", "yaml_sangria"),
    ("did not find expected key", "", "yaml_sangria"),
    ("did not find expected '-' indicator", "", "yaml_lista_sangria"),
    ("found unexpected end of stream", "", "yaml_fin_antes"),
    ("found unknown escape character", "", "yaml_barra_invertida"),
    ("special characters are not allowed", "", "yaml_caracter_de_control"),
    ("cannot start any token", "@", "yaml_arroba"),
    ("cannot start any token", "`", "yaml_acento_grave"),
    ("found undefined alias", "", "yaml_alias"),
    ("found undefined tag handle", "", "yaml_etiqueta"),
)


def _caracter_en(text: str, line: int, col: int) -> str:
    lines = text.splitlines()
    if 0 < line <= len(lines) and 0 < col <= len(lines[line - 1]):
        return lines[line - 1][col - 1]
    return ""


_FALTA_ESPACIO = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):(?!//)(\S)")
_COMILLAS_Y_SIGUE = re.compile(r"""^(\s*(?:-\s+|[\w-]+:\s+))(["'])(?:(?!\2).)*\2[ \t]*(?=[^\s#,\]}])""")
_COMENTARIO = re.compile(r"[ \t]#")
_COMENTARIO_DETRAS = re.compile(r"[ \t]+#")  # what follows a plain value on its line: a comment
_GUION_SOLO = re.compile(r"^\s*[\w-]+:[ \t]+-[ \t]*$")


def _diagnostico(lineas: list[str], line: int) -> ErrorDeLectura | None:
    """What people actually did, read from the source around a parse error: the line of the
    mistake, not the line where YAML noticed it."""
    desde = max(0, line - 3)
    candidatas = [(i + 1, lineas[i]) for i in range(min(line, len(lineas)) - 1, desde - 1, -1)]
    for n, l in candidatas:  # a line that starts with a pasted special space the parser could not place
        m = re.match(r"^[ \t]*([\u00a0\u2000-\u200a\u202f\u3000])", l)
        if m:
            c = m.group(1)
            return ErrorDeLectura(mensaje("espacio_en_sangria", n=n, espacio=_espacio(c)), n, m.start(1) + 1)
    for n, l in candidatas:
        m = _COMILLAS_Y_SIGUE.match(l)
        if m:
            valor = l[len(m.group(1)):].strip()
            return ErrorDeLectura(mensaje("comillas_y_sigue", valor=valor[:50], ejemplo=valor[:40]), n, m.end() + 1)
    for n, l in candidatas:
        m = _FALTA_ESPACIO.match(l)
        if m and not l.strip().startswith("#"):
            return ErrorDeLectura(mensaje("yaml_falta_espacio", clave=m.group(2), resto=l[m.end() - 1:].strip()[:30]),
                                  n, m.end() - 1)
    for n, l in candidatas:
        if _GUION_SOLO.match(l):
            return ErrorDeLectura(mensaje("yaml_guion_solo"), n, l.index("-") + 1)
    for n, l in candidatas[1:]:  # a comment inside a text that goes on in the next line
        m = _COMENTARIO.search(l)
        if m and ":" in l[: m.start()] and l.count('"') % 2 == 0 and l.count("'") % 2 == 0:
            return ErrorDeLectura(mensaje("yaml_comentario_corta", n=n, comentario=l[m.start() + 1:].strip()[:40]),
                                  n, m.start() + 2)
    return None


def _error_de_sintaxis(err: yaml.MarkedYAMLError, text: str) -> ErrorDeLectura:
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    propio = _diagnostico(text.splitlines(), line)
    if propio is not None:
        return propio
    problem = f"{err.context or ''} {err.problem or ''}"
    if "cannot start any token" in problem:
        problem += _caracter_en(text, line, col)
    for needle, also, nombre in _PARSE_HINTS:
        if needle in problem and also in problem:
            return ErrorDeLectura(mensaje(nombre), line, col)
    return ErrorDeLectura(mensaje("yaml_ilegible_aqui"), line, col)


def _etiqueta_corta(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


class _Constructor:
    def __init__(self, loader, text: str = ""):
        self.loader = loader
        self.lineas = text.splitlines()
        self.doc = Documento(None)

    def _pos(self, ev) -> tuple[int, int]:
        return ev.start_mark.line + 1, ev.start_mark.column + 1

    def node(self, path: Path_):
        ev = self.loader.get_event()
        pos = self._pos(ev)
        if len(path) > PROFUNDIDAD_MAXIMA:
            raise ErrorDeLectura(mensaje("anidamiento", maximo=PROFUNDIDAD_MAXIMA), *pos)
        if isinstance(ev, AliasEvent) or getattr(ev, "anchor", None):
            raise ErrorDeLectura(mensaje("yaml_ancla"), *pos)
        self.doc.posiciones[path] = pos
        if isinstance(ev, ScalarEvent):
            return self.escalar(ev, path)
        if isinstance(ev, SequenceStartEvent):
            self._etiqueta_yaml(ev)
            items = []
            while not self.loader.check_event(SequenceEndEvent):
                items.append(self.node(path + (len(items),)))
            self.loader.get_event()
            return items
        if isinstance(ev, MappingStartEvent):
            self._etiqueta_yaml(ev)
            return self.mapeo(path)
        raise ErrorDeLectura(mensaje("yaml_ilegible_aqui"), *pos)  # pragma: no cover

    def _etiqueta_yaml(self, ev) -> None:
        if ev.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
            raise ErrorDeLectura(mensaje("yaml_etiqueta_no_admitida", etiqueta=_etiqueta_corta(ev.tag)), *self._pos(ev))

    def escalar(self, ev: ScalarEvent, path: Path_):
        if ev.tag in (None, "!"):
            tag = (
                self.loader.resolve(yaml.ScalarNode, ev.value, (True, False))
                if not ev.style and ev.implicit[0] else STR_TAG
            )
        elif ev.tag == STR_TAG:
            tag = STR_TAG
        else:
            raise ErrorDeLectura(mensaje("yaml_etiqueta_en_valor", etiqueta=_etiqueta_corta(ev.tag)), *self._pos(ev))
        if not ev.style:
            self._texto_perdido(ev, path)
        build = _CONSTRUCT.get(tag)
        if build is None:  # str, timestamps (kept as text, as JSON Schema sees them), merge keys
            return ev.value
        self.doc.crudos[path] = ev.value
        return build(self.loader, yaml.ScalarNode(tag, ev.value))

    def _texto_perdido(self, ev: ScalarEvent, path: Path_) -> None:
        """Text YAML reads differently from what was typed, in an unquoted value: what follows
        « #» on its line (a comment: dropped), and a list item that runs over several lines
        (glued to the item above: usually a «- » that got lost)."""
        fin = ev.end_mark
        if fin.line < len(self.lineas):
            resto = self.lineas[fin.line][fin.column:]
            m = _COMENTARIO_DETRAS.match(resto)
            if m and resto[m.end():].strip():
                perdido = resto[m.end() - 1:].strip()
                self.doc.avisos.append(Aviso(mensaje("texto_perdido", texto=perdido[:60]), fin.line + 1,
                                             fin.column + len(resto) - len(resto.lstrip()) + 1, path))
        if path and isinstance(path[-1], int) and fin.line > ev.start_mark.line:
            segunda = ev.start_mark.line + 1
            texto = self.lineas[segunda] if segunda < len(self.lineas) else ""
            self.doc.avisos.append(Aviso(mensaje("elemento_en_varias_lineas", texto=ev.value[:70], n=segunda + 1),
                                         segunda + 1, len(texto) - len(texto.lstrip()) + 1, path))

    def mapeo(self, path: Path_) -> dict:
        out: dict = {}
        while not self.loader.check_event(MappingEndEvent):
            kev = self.loader.get_event()
            kpos = self._pos(kev)
            if not isinstance(kev, ScalarEvent):
                raise ErrorDeLectura(mensaje("clave_compleja"), *kpos)
            key = kev.value
            if key in out:
                first = self.doc.claves[path + (key,)]
                self.doc.avisos.append(Aviso(mensaje("clave_repetida", clave=key, linea=first[0]), *kpos))
                self.node(path + (f"{key}#repetida",))
                continue
            self.doc.claves[path + (key,)] = kpos
            out[key] = self.node(path + (key,))
        self.loader.get_event()
        return out


def leer_texto(text: str) -> Documento:
    text = text.removeprefix("\ufeff")
    _espacios_especiales(text)
    loader = _Loader(text)
    try:
        builder = _Constructor(loader, text)
        loader.get_event()  # stream start
        if loader.check_event(StreamEndEvent):
            raise ErrorDeLectura(mensaje("sin_contenido"))
        loader.get_event()  # document start
        builder.doc.data = builder.node(())
        loader.get_event()  # document end
        if loader.check_event(DocumentStartEvent):
            ev = loader.peek_event()
            raise ErrorDeLectura(mensaje("varios_documentos"), ev.start_mark.line + 1, ev.start_mark.column + 1)
        return builder.doc
    except yaml.MarkedYAMLError as err:
        raise _error_de_sintaxis(err, text) from None
    except yaml.YAMLError:
        raise ErrorDeLectura(mensaje("yaml_ilegible")) from None
    finally:
        loader.dispose()


def leer_bytes(raw: bytes) -> Documento:
    return leer_texto(decodificar(raw))
