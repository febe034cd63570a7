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
        raise ErrorDeLectura(
            f"El archivo pesa {len(raw) // 1024} KB; el máximo es {MAX_FILE_BYTES // 1024} KB. "
            "Una ficha es solo texto: quite lo que sobre y adjunte los documentos como archivos aparte."
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = err.start - (before.rfind(b"\n") + 1) + 1
        raise ErrorDeLectura(
            "El archivo no está codificado en UTF-8 (hay un carácter que no se puede leer). "
            "Guarde el archivo con codificación UTF-8.", line, col,
        ) from None
    if not text.strip():
        raise ErrorDeLectura(
            "El archivo está vacío. Copie la plantilla de /contribuir/ o cree la ficha con "
            "«python -m generator nueva» y complete los campos."
        )
    return text


# Spaces that look like spaces but are not YAML's: Word and web pages paste them.
ESPACIOS_ESPECIALES = {
    "\u00a0": "espacio de no separación", "\u2007": "espacio de cifra", "\u202f": "espacio estrecho de no separación",
    "\u2000": "espacio tipográfico", "\u2001": "espacio tipográfico", "\u2002": "espacio tipográfico",
    "\u2003": "espacio tipográfico", "\u2004": "espacio tipográfico", "\u2005": "espacio tipográfico",
    "\u2006": "espacio tipográfico", "\u2008": "espacio tipográfico", "\u2009": "espacio fino",
    "\u200a": "espacio ultrafino", "\u3000": "espacio ideográfico", "\ufeff": "espacio de ancho cero",
    "\u200b": "espacio de ancho cero",
}


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
            raise ErrorDeLectura(
                f"En la línea {n}, después de los dos puntos hay un carácter invisible que parece un espacio pero no "
                f"lo es ({ESPACIOS_ESPECIALES.get(c, 'espacio especial')}, U+{ord(c):04X}); suele venir de copiar desde "
                "Word. Bórrelo y escriba un espacio común.", n, clave.start(1) + 1)
        for i, c in enumerate(sangria):
            if c in ESPACIOS_ESPECIALES:
                raise ErrorDeLectura(
                    f"La línea {n} empieza con un carácter invisible que parece un espacio pero no lo es "
                    f"({ESPACIOS_ESPECIALES[c]}, U+{ord(c):04X}); suele venir de copiar desde Word. YAML no lo "
                    "acepta en la sangría: bórrelo y sangre la línea con espacios comunes.", n, i + 1)


_PARSE_HINTS = (
    ("cannot start any token", "\t",
     "Hay un tabulador. YAML solo admite espacios para sangrar: reemplace los tabuladores por espacios."),
    ("mapping values are not allowed", "",
     "Hay dos puntos «:» donde YAML no los espera. Si el texto contiene «: », escríbalo entre comillas; "
     "si es una clave, revise la sangría."),
    ("could not find expected ':'", "",
     "Falta «:» después de una clave, o una línea de texto continúa sin sangría. "
     "Escriba «clave: valor» o sangre el texto que continúa."),
    ("expected <block end>", "",
     "La sangría no es coherente. Alinee las claves del mismo nivel con la misma cantidad de espacios."),
    ("did not find expected key", "",
     "La sangría no es coherente. Alinee las claves del mismo nivel con la misma cantidad de espacios."),
    ("did not find expected '-' indicator", "",
     "Una lista está mal sangrada. Comience cada elemento con «- » a la misma sangría."),
    ("found unexpected end of stream", "",
     "El archivo termina antes de tiempo: falta cerrar unas comillas o un corchete."),
    ("found unknown escape character", "",
     "Hay una barra invertida «\\» dentro de comillas dobles. Use comillas simples o escriba «\\\\»."),
    ("special characters are not allowed", "",
     "Hay un carácter de control invisible. Bórrelo (suele venir de copiar y pegar)."),
    ("cannot start any token", "@",
     "Un valor no puede empezar con «@» sin comillas. Escríbalo entre comillas."),
    ("cannot start any token", "`",
     "Un valor no puede empezar con «`» sin comillas. Escríbalo entre comillas."),
    ("found undefined alias", "",
     "Hay un «*» al comienzo de un valor: YAML lo lee como alias. Escriba el valor entre comillas."),
    ("found undefined tag handle", "",
     "Hay un «!» al comienzo de un valor: YAML lo lee como etiqueta. Escriba el valor entre comillas."),
)


def _caracter_en(text: str, line: int, col: int) -> str:
    lines = text.splitlines()
    if 0 < line <= len(lines) and 0 < col <= len(lines[line - 1]):
        return lines[line - 1][col - 1]
    return ""


_FALTA_ESPACIO = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):(?!//)(\S)")
_COMILLAS_Y_SIGUE = re.compile(r"""^(\s*(?:-\s+|[\w-]+:\s+))(["'])(?:(?!\2).)*\2[ \t]*(?=[^\s#,\]}])""")
_COMENTARIO = re.compile(r"[ \t]#")
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
            return ErrorDeLectura(
                f"La línea {n} empieza con un carácter invisible que parece un espacio pero no lo es "
                f"({ESPACIOS_ESPECIALES.get(c, 'espacio especial')}, U+{ord(c):04X}); suele venir de copiar desde "
                "Word. YAML no lo acepta en la sangría: bórrelo y sangre la línea con espacios comunes.", n, m.start(1) + 1)
    for n, l in candidatas:
        m = _COMILLAS_Y_SIGUE.match(l)
        if m:
            valor = l[len(m.group(1)):].strip()
            return ErrorDeLectura(
                f"El valor empieza con comillas y sigue después de cerrarlas ({valor[:50]}): YAML solo admite "
                "comillas alrededor de todo el texto. Escriba el valor completo entre comillas simples, por "
                f"ejemplo '{valor[:40]}…', o quite las comillas.", n, m.end() + 1)
    for n, l in candidatas:
        m = _FALTA_ESPACIO.match(l)
        if m and not l.strip().startswith("#"):
            return ErrorDeLectura(
                f"Falta un espacio después de «{m.group(2)}:». Escriba «{m.group(2)}: {l[m.end() - 1:].strip()[:30]}…», "
                "con un espacio entre los dos puntos y el valor.", n, m.end() - 1)
    for n, l in candidatas:
        if _GUION_SOLO.match(l):
            return ErrorDeLectura(
                "Un «-» solo no significa «vacío»: YAML lo lee como el comienzo de una lista. Si el campo no "
                "aplica, borre la línea; si es obligatorio, escriba el texto.", n, l.index("-") + 1)
    for n, l in candidatas[1:]:  # a comment inside a text that goes on in the next line
        m = _COMENTARIO.search(l)
        if m and ":" in l[: m.start()] and l.count('"') % 2 == 0 and l.count("'") % 2 == 0:
            return ErrorDeLectura(
                f"En la línea {n}, lo que sigue a « #» («{l[m.start() + 1:].strip()[:40]}») es para YAML un "
                "comentario y corta el texto. Escriba el valor entre comillas, o use «|» y el texto en las "
                "líneas siguientes.", n, m.start() + 2)
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
    for needle, also, mensaje in _PARSE_HINTS:
        if needle in problem and also in problem:
            return ErrorDeLectura(mensaje, line, col)
    return ErrorDeLectura(
        "YAML no puede leer esta parte del archivo. Revise la sangría y los dos puntos, y escriba entre "
        "comillas los textos que contengan «: », « #» o empiecen por un signo.", line, col,
    )


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
            raise ErrorDeLectura(
                f"Hay más de {PROFUNDIDAD_MAXIMA} niveles de listas o subcampos uno dentro de otro (corchetes «[» o "
                "llaves «{» sin cerrar, o sangrías que no terminan); una ficha tiene a lo sumo tres. "
                "Revise los corchetes, las llaves y las sangrías desde esta línea, o use la plantilla de /contribuir/.", *pos,
            )
        if isinstance(ev, AliasEvent) or getattr(ev, "anchor", None):
            raise ErrorDeLectura(
                "Hay un ancla «&» o un alias «*» de YAML. Las fichas no los admiten: "
                "escriba el valor completo (o entre comillas si el texto empieza por «&» o «*»).", *pos,
            )
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
        raise ErrorDeLectura("YAML no puede leer esta parte del archivo.", *pos)  # pragma: no cover

    def _etiqueta_yaml(self, ev) -> None:
        if ev.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
            raise ErrorDeLectura(
                f"La etiqueta YAML «{_etiqueta_corta(ev.tag)}» no se admite. Bórrela.", *self._pos(ev)
            )

    def escalar(self, ev: ScalarEvent, path: Path_):
        if ev.tag in (None, "!"):
            tag = (
                self.loader.resolve(yaml.ScalarNode, ev.value, (True, False))
                if not ev.style and ev.implicit[0] else STR_TAG
            )
        elif ev.tag == STR_TAG:
            tag = STR_TAG
        else:
            raise ErrorDeLectura(
                f"La etiqueta YAML «{_etiqueta_corta(ev.tag)}» no se admite. Bórrela; si el valor es texto, escríbalo entre comillas.",
                *self._pos(ev),
            )
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
            m = re.match(r"[ \t]+#", resto)
            if m and resto[m.end():].strip():
                perdido = resto[m.end() - 1:].strip()
                self.doc.avisos.append(Aviso(
                    f"el texto «{perdido[:60]}» se perdería: en un valor sin comillas, YAML lee lo que sigue a "
                    "« #» como un comentario. Escriba el valor entre comillas, o use «|» y el texto en las líneas "
                    "siguientes.", fin.line + 1, fin.column + len(resto) - len(resto.lstrip()) + 1, path))
        if path and isinstance(path[-1], int) and fin.line > ev.start_mark.line:
            segunda = ev.start_mark.line + 1
            texto = self.lineas[segunda] if segunda < len(self.lineas) else ""
            self.doc.avisos.append(Aviso(
                f"este elemento ocupa varias líneas y YAML las une en un solo texto («{ev.value[:70]}»). Si la "
                f"línea {segunda + 1} es otro elemento, empiécela con «- »; si es un solo texto, escríbalo entre "
                "comillas.", segunda + 1, len(texto) - len(texto.lstrip()) + 1, path))

    def mapeo(self, path: Path_) -> dict:
        out: dict = {}
        while not self.loader.check_event(MappingEndEvent):
            kev = self.loader.get_event()
            kpos = self._pos(kev)
            if not isinstance(kev, ScalarEvent):
                raise ErrorDeLectura(
                    "Una clave de la ficha debe ser una palabra simple seguida de «:». "
                    "Revise los corchetes y las llaves de esta línea.", *kpos,
                )
            key = kev.value
            if key in out:
                first = self.doc.claves[path + (key,)]
                self.doc.avisos.append(Aviso(
                    f"La clave «{key}» está repetida (ya aparece en la línea {first[0]}); YAML conservaría "
                    "solo la última y perdería la otra. Deje una sola y reúna allí el contenido.", *kpos,
                ))
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
            raise ErrorDeLectura("El archivo no tiene contenido. Complete los campos de la ficha.")
        loader.get_event()  # document start
        builder.doc.data = builder.node(())
        loader.get_event()  # document end
        if loader.check_event(DocumentStartEvent):
            ev = loader.peek_event()
            raise ErrorDeLectura(
                "El archivo contiene más de un documento YAML (una línea «---» en el medio). "
                "Deje una sola ficha por archivo.", ev.start_mark.line + 1, ev.start_mark.column + 1,
            )
        return builder.doc
    except yaml.MarkedYAMLError as err:
        raise _error_de_sintaxis(err, text) from None
    except yaml.YAMLError:
        raise ErrorDeLectura("YAML no puede leer el archivo. Revise que sea texto de una ficha.") from None
    finally:
        loader.dispose()


def leer_bytes(raw: bytes) -> Documento:
    return leer_texto(decodificar(raw))
