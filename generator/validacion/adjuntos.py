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

# Big enough for a scanned report, small enough for GitHub (100 MB per file) and the site's budget.
MAX_ADJUNTO_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class TipoDeAdjunto:
    nombre: str                 # as people call it: «PDF», «Word»
    firmas: tuple[bytes, ...]   # what the file starts with; () for plain text


_PDF = TipoDeAdjunto("PDF", (b"%PDF-",))
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # Word 97–2003, Excel, PowerPoint
_TEXTO = ()

PERMITIDOS: dict[str, TipoDeAdjunto] = {
    ".pdf": _PDF,
    ".docx": TipoDeAdjunto("Word", _ZIP),
    ".doc": TipoDeAdjunto("Word 97-2003", _OLE),
    ".odt": TipoDeAdjunto("OpenDocument de texto", _ZIP),
    ".xlsx": TipoDeAdjunto("Excel", _ZIP),
    ".xls": TipoDeAdjunto("Excel 97-2003", _OLE),
    ".ods": TipoDeAdjunto("OpenDocument de hoja de cálculo", _ZIP),
    ".pptx": TipoDeAdjunto("PowerPoint", _ZIP),
    ".ppt": TipoDeAdjunto("PowerPoint 97-2003", _OLE),
    ".odp": TipoDeAdjunto("OpenDocument de presentación", _ZIP),
    ".png": TipoDeAdjunto("PNG", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": TipoDeAdjunto("JPEG", (b"\xff\xd8\xff",)),
    ".jpeg": TipoDeAdjunto("JPEG", (b"\xff\xd8\xff",)),
    ".gif": TipoDeAdjunto("GIF", (b"GIF87a", b"GIF89a")),
    ".webp": TipoDeAdjunto("WebP", (b"RIFF",)),
    ".csv": TipoDeAdjunto("CSV", _TEXTO),
    ".txt": TipoDeAdjunto("texto", _TEXTO),
}

LISTA_PERMITIDOS = "PDF, Word (.docx, .doc, .odt), hojas de cálculo (.xlsx, .xls, .ods, .csv), " \
                   "presentaciones (.pptx, .ppt, .odp), imágenes (.png, .jpg, .gif, .webp) y texto (.txt)"

# What a browser sniffs as markup in a text file, and what a spreadsheet or editor would run.
_MARCADO = re.compile(rb"<\s*(?:!doctype|\?xml|html|head|body|script|svg|iframe|object|embed|img|a\s|meta|"
                      rb"style|link|base|form|math|frame|xml)", re.IGNORECASE)
# Inside an office ZIP: parts with macros or executable content are refused.
_PARTES_ACTIVAS = re.compile(r"(?:^|/)(?:vbaProject\.bin|vbaData\.xml|activeX/|.*\.(?:exe|dll|js|vbs|bat|cmd|ps1|hta|html?|svg))$",
                             re.IGNORECASE)
_OOXML = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
_ODF = {".odt": b"application/vnd.oasis.opendocument.text", ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
        ".odp": b"application/vnd.oasis.opendocument.presentation"}


def problema_de_adjunto(ruta: Path, nombre: str) -> str | None:
    """Why the file at `ruta` (written as `nombre` in the record) may not be published, as the
    end of a sentence that tells what to do; None when it may."""
    extension = Path(nombre).suffix.lower()
    tipo = PERMITIDOS.get(extension)
    if tipo is None:
        que = f"los archivos «{extension}»" if extension else "los archivos sin extensión"
        return (f"«{nombre}»: el sitio no publica {que}, porque un navegador podría ejecutar su contenido "
                f"o no se pueden revisar. Convierta el documento a PDF (en Word o LibreOffice: Archivo › "
                f"Guardar como › PDF) y adjunte el PDF. Se aceptan: {LISTA_PERMITIDOS}.")
    if ruta.is_symlink():
        return (f"«{nombre}» es un enlace simbólico, no un archivo. Copie el archivo real en la carpeta de la "
                "ficha y escriba su ruta.")
    tamanio = ruta.stat().st_size
    if tamanio > MAX_ADJUNTO_BYTES:
        return (f"«{nombre}» pesa {tamanio // (1024 * 1024)} MB; el máximo es {MAX_ADJUNTO_BYTES // (1024 * 1024)} MB. "
                "Reduzca el archivo (por ejemplo, exporte el PDF con imágenes comprimidas) o publíquelo en el "
                "sitio de su institución y escriba el enlace en «url».")
    with ruta.open("rb") as fh:
        inicio = fh.read(8192)
    if tipo.firmas and not inicio.startswith(tipo.firmas):
        return (f"el contenido de «{nombre}» no es un archivo {tipo.nombre}, aunque su nombre termine en «{extension}». "
                f"Abra el documento y guárdelo de nuevo como {tipo.nombre}" + ("" if tipo is _PDF else " (o como PDF)") +
                ", y adjunte ese archivo.")
    if extension == ".webp" and inicio[8:12] != b"WEBP":
        return (f"el contenido de «{nombre}» no es una imagen WebP. Guárdela de nuevo como PNG o JPEG y adjunte ese archivo.")
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
        return (f"«{nombre}» no es un archivo de {tipo.nombre} (tiene contenido binario). Adjunte el documento "
                "original convertido a PDF.")
    if _MARCADO.search(datos):
        return (f"«{nombre}» contiene marcas de HTML o XML («<…>»), que un navegador podría ejecutar. Adjunte el "
                "documento como PDF, o quite esas marcas del texto.")
    return None


def _documento_zip(ruta: Path, nombre: str, extension: str, tipo: TipoDeAdjunto) -> str | None:
    rehacer = (f"Abra «{nombre}» en su programa y guárdelo de nuevo como {tipo.nombre} sin macros "
               "(o como PDF), y adjunte ese archivo.")
    try:
        with zipfile.ZipFile(ruta) as z:
            nombres = z.namelist()
            mimetype = z.read("mimetype")[:100] if "mimetype" in nombres and extension in _ODF else b""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError):
        return f"«{nombre}» está dañado o no es un documento {tipo.nombre}. {rehacer}"
    if extension in _OOXML:
        if "[Content_Types].xml" not in nombres or not any(n.startswith(_OOXML[extension]) for n in nombres):
            return f"el contenido de «{nombre}» no es un documento {tipo.nombre}. {rehacer}"
    elif extension in _ODF and mimetype.strip() != _ODF[extension]:
        return f"el contenido de «{nombre}» no es un documento {tipo.nombre}. {rehacer}"
    activas = [n for n in nombres if _PARTES_ACTIVAS.search(n)]
    if activas:
        return f"«{nombre}» contiene macros o contenido ejecutable («{activas[0]}»). {rehacer}"
    return None
