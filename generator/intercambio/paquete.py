"""Opening a received Word file as a package, without trusting it: what it really is (a .docx,
a .docm, an OpenDocument or an old .doc under another name, a password-protected file), how big
it becomes once uncompressed (a zip bomb is refused before anything is parsed), and only the
parts the form needs, read with a bound and parsed without entities or network. Nothing in the
package is run: macros of a .docm are never opened."""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from generator.esquema import idiomas

MAX_BYTES = 20 * 1024 * 1024            # the received file
MAX_DESCOMPRIMIDO = 100 * 1024 * 1024   # the sum of its parts, uncompressed
MAX_PROPORCION = 100                    # uncompressed ÷ compressed, for the whole package
MAX_PARTE = 16 * 1024 * 1024            # one XML part that is read (a filled form's is ~0.2 MB)
MAX_PARTES = 2000
MAX_ETIQUETAS = 200_000                 # «<» in one part: its elements, bounded before lxml builds them

OTROS_FORMATOS = {".doc": "Word 97-2003", ".odt": "OpenDocument (LibreOffice)", ".ott": "OpenDocument (LibreOffice)",
                  ".pdf": "PDF", ".rtf": "RTF", ".pages": "Pages", ".txt": "word.paquete.texto", ".dot": "Word 97-2003",
                  ".wps": "Works"}  # a name, or the key of its words in schema/idiomas/<código>/word.yml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
TIPO_DOCUMENTO = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
TIPO_HIPERVINCULO = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
# parts whose text is outside the answers, reported if anything is typed there
TIPOS_APARTE = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes": "una nota al pie",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes": "una nota al final",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header": "el encabezado de página",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer": "el pie de página",
}
TIPOS_PRINCIPALES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True,
                          remove_pis=True, load_dtd=False)


class NoSeImporto(Exception):
    """The file could not be read as this form; the text says why and what to do, in the language
    being written (schema/idiomas/<código>/word.yml, «paquete»)."""


def _guardelo(nombre: str, formato: str) -> str:
    if formato.startswith("word."):
        formato = idiomas.t(formato)
    return idiomas.t("word.paquete.guardelo", archivo=nombre, formato=formato)


@dataclass
class Paquete:
    nombre: str
    documento: etree._Element                       # word/document.xml (or the part the package names)
    vinculos: dict[str, str] = field(default_factory=dict)     # relationship id → external target
    propiedades: dict[str, str] = field(default_factory=dict)  # custom document properties
    aparte: list = field(default_factory=list)   # [(where, part)]: notes, headers, footers
    con_macros: bool = False


def _leer_parte(zf: zipfile.ZipFile, nombre: str) -> bytes | None:
    try:
        info = zf.getinfo(nombre)
    except KeyError:
        return None
    with zf.open(info) as fh:     # bounded even when the header lies about the size
        datos = fh.read(MAX_PARTE + 1)
    if len(datos) > MAX_PARTE:
        raise NoSeImporto(idiomas.t("word.paquete.parte_grande", parte=nombre, mb=MAX_PARTE // (1024 * 1024)))
    return datos


def _xml(datos: bytes) -> etree._Element:
    if datos.count(b"<") > MAX_ETIQUETAS:
        raise NoSeImporto(idiomas.t("word.paquete.elementos", n=f"{MAX_ETIQUETAS:,}".replace(",", ".")))
    return etree.fromstring(datos, _PARSER)


def abrir(ruta: Path) -> Paquete:
    """The package, or NoSeImporto with what to do; nothing is parsed before the sizes are checked."""
    sufijo = ruta.suffix.lower()
    if sufijo in OTROS_FORMATOS:
        raise NoSeImporto(_guardelo(ruta.name, OTROS_FORMATOS[sufijo]))
    if not ruta.is_file():
        raise NoSeImporto(idiomas.t("word.paquete.no_existe", archivo=ruta))
    tamano = ruta.stat().st_size
    if tamano > MAX_BYTES:
        raise NoSeImporto(idiomas.t("word.paquete.pesa", archivo=ruta.name, mb=tamano // (1024 * 1024),
                                    maximo=MAX_BYTES // (1024 * 1024)))
    with ruta.open("rb") as fh:
        inicio = fh.read(8)
    if inicio.startswith(b"\xd0\xcf\x11\xe0"):
        raise NoSeImporto(idiomas.t("word.paquete.protegido", archivo=ruta.name))
    if inicio.startswith(b"{\\rtf"):
        raise NoSeImporto(_guardelo(ruta.name, "RTF"))
    if inicio.startswith(b"%PDF"):
        raise NoSeImporto(idiomas.t("word.paquete.pdf", archivo=ruta.name))
    if inicio.lstrip(b"\xef\xbb\xbf \r\n\t").lower().startswith((b"<", b"mime-v")):
        raise NoSeImporto(_guardelo(ruta.name, "word.paquete.html"))
    danado = NoSeImporto(idiomas.t("word.paquete.danado", archivo=ruta.name))
    if not zipfile.is_zipfile(ruta):
        raise danado
    try:
        zf = zipfile.ZipFile(ruta)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise danado from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_PARTES:
            raise danado
        total = sum(i.file_size for i in infos)
        if total > MAX_DESCOMPRIMIDO or total > MAX_PROPORCION * max(tamano, 1):
            raise NoSeImporto(idiomas.t("word.paquete.descomprimido", archivo=ruta.name, mb=total // (1024 * 1024),
                                        veces=total // max(tamano, 1), maximo=MAX_DESCOMPRIMIDO // (1024 * 1024),
                                        proporcion=MAX_PROPORCION))
        nombres = {i.filename for i in infos}
        try:
            if "mimetype" in nombres and b"opendocument" in (_leer_parte(zf, "mimetype") or b""):
                raise NoSeImporto(_guardelo(ruta.name, "word.paquete.odt"))
            principal = _parte_principal(zf)
            if principal is None:
                if b"purl.oclc.org/ooxml" in (_leer_parte(zf, "_rels/.rels") or b""):
                    raise NoSeImporto(_guardelo(ruta.name, "word.paquete.estricto"))
                raise danado
            parte, tipo = principal
            datos = _leer_parte(zf, parte)
            if datos is None:
                raise danado
            documento = _xml(datos)
            carpeta = PurePosixPath(parte).parent
            rels = _leer_parte(zf, str(carpeta / "_rels" / (PurePosixPath(parte).name + ".rels")))
            vinculos, aparte = {}, []
            if rels:
                for rel in _xml(rels).iter(f"{{{PR}}}Relationship"):
                    if rel.get("Type") == TIPO_HIPERVINCULO and rel.get("Id"):
                        vinculos[rel.get("Id")] = rel.get("Target") or ""
                    elif rel.get("Type") in TIPOS_APARTE and rel.get("TargetMode") != "External":
                        nombre = str(carpeta / (rel.get("Target") or "")).lstrip("/")
                        datos_aparte = _leer_parte(zf, nombre) if ".." not in nombre else None
                        if datos_aparte:
                            aparte.append((TIPOS_APARTE[rel.get("Type")], _xml(datos_aparte)))
            propiedades = {}
            custom = _leer_parte(zf, "docProps/custom.xml")
            if custom:
                for prop in _xml(custom).iter(f"{{{CUSTOM}}}property"):
                    valor = "".join(prop.itertext()).strip()
                    if prop.get("name"):
                        propiedades[prop.get("name")] = valor
        except NoSeImporto:
            raise
        except (etree.XMLSyntaxError, zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, RuntimeError,
                NotImplementedError):
            # a broken package: zip, XML or relationships; RuntimeError/NotImplementedError: encrypted
            # zip members or an unknown compression
            raise danado from None
    if documento.tag != f"{{{W}}}document" or documento.find(f"{{{W}}}body") is None:
        raise danado
    return Paquete(ruta.name, documento, vinculos, propiedades, aparte, con_macros="macroEnabled" in tipo)


def _parte_principal(zf: zipfile.ZipFile) -> tuple[str, str] | None:
    """The main document part and its content type, as the package's relationships name it."""
    tipos = _leer_parte(zf, "[Content_Types].xml")
    raiz = _leer_parte(zf, "_rels/.rels")
    if tipos is None or raiz is None:
        return None
    por_parte = {o.get("PartName", "").lstrip("/"): o.get("ContentType", "")
                 for o in _xml(tipos).iter(f"{{{CT}}}Override")}
    for rel in _xml(raiz).iter(f"{{{PR}}}Relationship"):
        if rel.get("Type") == TIPO_DOCUMENTO:
            parte = re.sub(r"^/+", "", rel.get("Target") or "")
            if por_parte.get(parte) in TIPOS_PRINCIPALES:
                return parte, por_parte[parte]
    return None
