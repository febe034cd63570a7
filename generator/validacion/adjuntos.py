"""Files attached to a record (the «archivo» of 2.5 and 2.9): which may be published.

An attachment is published as a static file on the site's own origin, so anything a browser
could run there (HTML, SVG, XML, Markdown the site engine would render as a page, scripts) is
refused. What is accepted is an allow-list of document, spreadsheet, presentation, image and
plain-text types, and the content must be what the extension says (its first bytes), so that a
page renamed «informe.pdf» is refused too. Nothing here depends on the host's headers
(X-Content-Type-Options): a text file that a browser could sniff as HTML is refused as well.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from generator.esquema.mensajes import mensaje

# Big enough for a scanned report, small enough for GitHub (100 MB per file) and the site's budget.
MAX_ADJUNTO_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class TipoDeAdjunto:
    nombre: str                 # as people call it: «PDF», «Word»; a message's name when it is a phrase («texto»)
    firmas: tuple[bytes, ...]   # what the file starts with; () for plain text


_PDF = TipoDeAdjunto("PDF", (b"%PDF-",))
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # Word 97–2003, Excel, PowerPoint
_TEXTO = ()

PERMITIDOS: dict[str, TipoDeAdjunto] = {
    ".pdf": _PDF,
    ".docx": TipoDeAdjunto("Word", _ZIP),
    ".doc": TipoDeAdjunto("Word 97-2003", _OLE),
    ".odt": TipoDeAdjunto("adjunto_odt", _ZIP),
    ".xlsx": TipoDeAdjunto("Excel", _ZIP),
    ".xls": TipoDeAdjunto("Excel 97-2003", _OLE),
    ".ods": TipoDeAdjunto("adjunto_ods", _ZIP),
    ".pptx": TipoDeAdjunto("PowerPoint", _ZIP),
    ".ppt": TipoDeAdjunto("PowerPoint 97-2003", _OLE),
    ".odp": TipoDeAdjunto("adjunto_odp", _ZIP),
    ".png": TipoDeAdjunto("PNG", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": TipoDeAdjunto("JPEG", (b"\xff\xd8\xff",)),
    ".jpeg": TipoDeAdjunto("JPEG", (b"\xff\xd8\xff",)),
    ".gif": TipoDeAdjunto("GIF", (b"GIF87a", b"GIF89a")),
    ".webp": TipoDeAdjunto("WebP", (b"RIFF",)),
    ".csv": TipoDeAdjunto("CSV", _TEXTO),
    ".txt": TipoDeAdjunto("adjunto_texto", _TEXTO),
}


# What a browser sniffs as markup in a text file, and what a spreadsheet or editor would run.
_MARCADO = re.compile(rb"<\s*(?:!doctype|\?xml|html|head|body|script|svg|iframe|object|embed|img|a\s|meta|"
                      rb"style|link|base|form|math|frame|xml)", re.IGNORECASE)
# Inside an office ZIP: parts with macros or executable content are refused.
_PARTES_ACTIVAS = re.compile(r"(?:^|/)(?:vbaProject\.bin|vbaData\.xml|activeX/|.*\.(?:exe|dll|js|vbs|bat|cmd|ps1|hta|html?|svg))$",
                             re.IGNORECASE)
_OOXML = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
_ODF = {".odt": b"application/vnd.oasis.opendocument.text", ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
        ".odp": b"application/vnd.oasis.opendocument.presentation"}


def _nombre(tipo: TipoDeAdjunto) -> str:
    """The kind's name in the language being written: a phrase is a message of schema/mensajes.yml."""
    return mensaje(tipo.nombre) if tipo.nombre.startswith("adjunto_") else tipo.nombre


def problema_de_adjunto(ruta: Path, nombre: str) -> str | None:
    """Why the file at `ruta` (written as `nombre` in the record) may not be published, as the
    end of a sentence that tells what to do; None when it may."""
    extension = Path(nombre).suffix.lower()
    tipo = PERMITIDOS.get(extension)
    if tipo is None:
        que = mensaje("adjunto_extension", extension=extension) if extension else mensaje("adjunto_sin_extension")
        return mensaje("adjunto_no_publicable", nombre=nombre, que=que, permitidos=mensaje("adjuntos_permitidos"))
    if ruta.is_symlink():
        return mensaje("adjunto_enlace_simbolico", nombre=nombre)
    tamanio = ruta.stat().st_size
    if tamanio > MAX_ADJUNTO_BYTES:
        return mensaje("adjunto_pesado", nombre=nombre, mb=tamanio // (1024 * 1024), maximo=MAX_ADJUNTO_BYTES // (1024 * 1024))
    with ruta.open("rb") as fh:
        inicio = fh.read(8192)
    if tipo.firmas and not inicio.startswith(tipo.firmas):
        return mensaje("adjunto_disfrazado_pdf" if tipo is _PDF else "adjunto_disfrazado", nombre=nombre,
                       tipo=_nombre(tipo), extension=extension)
    if extension == ".webp" and inicio[8:12] != b"WEBP":
        return mensaje("adjunto_no_webp", nombre=nombre)
    if not tipo.firmas:
        return _texto_plano(ruta, nombre, tipo)
    if tipo.firmas == _ZIP:
        return _documento_zip(ruta, nombre, extension, tipo)
    return None


def _texto_plano(ruta: Path, nombre: str, tipo: TipoDeAdjunto) -> str | None:
    datos = ruta.read_bytes()
    try:
        texto = datos.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            texto = datos.decode("cp1252")  # Excel's CSV on Windows
        except UnicodeDecodeError:
            texto = None
    if texto is None or "\x00" in texto:
        return mensaje("adjunto_binario", nombre=nombre, tipo=_nombre(tipo))
    if _MARCADO.search(datos):
        return mensaje("adjunto_con_marcas", nombre=nombre)
    return None


def _documento_zip(ruta: Path, nombre: str, extension: str, tipo: TipoDeAdjunto) -> str | None:
    rehacer = mensaje("adjunto_rehacer", nombre=nombre, tipo=_nombre(tipo))
    try:
        with zipfile.ZipFile(ruta) as z:
            nombres = z.namelist()
            mimetype = z.read("mimetype")[:100] if "mimetype" in nombres and extension in _ODF else b""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError):
        return mensaje("adjunto_danado", nombre=nombre, tipo=_nombre(tipo), rehacer=rehacer)
    if extension in _OOXML:
        if "[Content_Types].xml" not in nombres or not any(n.startswith(_OOXML[extension]) for n in nombres):
            return mensaje("adjunto_no_es_documento", nombre=nombre, tipo=_nombre(tipo), rehacer=rehacer)
    elif extension in _ODF and mimetype.strip() != _ODF[extension]:
        return mensaje("adjunto_no_es_documento", nombre=nombre, tipo=_nombre(tipo), rehacer=rehacer)
    activas = [n for n in nombres if _PARTES_ACTIVAS.search(n)]
    if activas:
        return mensaje("adjunto_con_macros", nombre=nombre, parte=activas[0], rehacer=rehacer)
    return None
