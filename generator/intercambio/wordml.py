"""What a person reads in a WordprocessingML document, as Word, LibreOffice and online editors
write it: tracked insertions and moves in, deletions and moved-away text out; checkbox content
controls (w14:checkbox), legacy form checkboxes and symbol-font boxes as ☒/☐; placeholder text of
an empty content control left out; hyperlinks with their targets (relationship or HYPERLINK field);
soft line breaks kept as "\\n"; comments out (they live in another part). Tables are read through
content controls and custom XML wrappers; deleted rows are left out."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from generator.intercambio.paquete import R, W, Paquete

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MARCADA, CASILLA = "☒", "☐"


def w(nombre: str) -> str:
    return f"{{{W}}}{nombre}"


# Symbol fonts' boxes (w:sym, or private-use characters in a run set in that font)
_SIMBOLOS = {
    "wingdings": {0xFE: MARCADA, 0xFD: MARCADA, 0x78: MARCADA, 0xFB: MARCADA, 0xFC: MARCADA,
                  0xA8: CASILLA, 0x6F: CASILLA, 0x70: CASILLA, 0x71: CASILLA, 0x72: CASILLA},
    "wingdings 2": {0x52: MARCADA, 0x53: MARCADA, 0x50: MARCADA, 0x4F: MARCADA, 0x54: MARCADA,
                    0xA3: CASILLA, 0x2A: CASILLA, 0x30: CASILLA, 0xA2: CASILLA},
}
_IGNORADOS = {w(x) for x in ("del", "moveFrom", "pPr", "rPr", "sectPr", "commentRangeStart", "commentRangeEnd",
                             "commentReference", "bookmarkStart", "bookmarkEnd", "proofErr", "delText",
                             "delInstrText", "footnoteReference", "endnoteReference", "annotationRef",
                             "permStart", "permEnd", "lastRenderedPageBreak")}


@dataclass
class Parrafo:
    texto: str                                           # soft breaks as "\n"
    enlaces: list[tuple[str, str]] = field(default_factory=list)   # (text shown, target)
    estilo: str = ""


@dataclass
class Tabla:
    titulo: str | None                                   # w:tblCaption
    filas: list[list[list[Parrafo]]]                     # rows → cells → paragraphs


class _Lector:
    def __init__(self, paquete: Paquete):
        self.vinculos = paquete.vinculos

    # --- runs and paragraphs --------------------------------------------------------------
    def parrafo(self, p) -> Parrafo:
        self.partes: list[str] = []
        self.enlaces: list[tuple[str, str]] = []
        self.campos: list[dict] = []     # open complex fields
        self.fuente = ""
        self._recorrer(p)
        estilo = p.find(f"{w('pPr')}/{w('pStyle')}")
        return Parrafo("".join(self.partes), self.enlaces, estilo.get(w("val"), "") if estilo is not None else "")

    def _recorrer(self, el) -> None:
        for hijo in el:
            if not isinstance(hijo.tag, str) or hijo.tag in _IGNORADOS:
                continue
            tag = hijo.tag
            if tag == w("r"):
                self._tramo(hijo)
            elif tag == w("hyperlink"):
                destino = self.vinculos.get(hijo.get(f"{{{R}}}id") or "", "")
                if not destino and hijo.get(w("anchor")):
                    destino = ""  # a link inside the document: nothing to keep
                self._enlace(hijo, destino)
            elif tag == w("fldSimple"):
                destino = _destino_de_campo(hijo.get(w("instr")) or "")
                if destino:
                    self._enlace(hijo, destino)
                else:
                    self._recorrer(hijo)
            elif tag == w("sdt"):
                self._sdt(hijo)
            elif tag == f"{{{MC}}}AlternateContent":
                fallback = hijo.find(f"{{{MC}}}Fallback")
                if fallback is not None:
                    self._recorrer(fallback)
            elif tag == w("p"):  # a paragraph nested in a content control or text box: its own line
                if self.partes and not self.partes[-1].endswith("\n"):
                    self.partes.append("\n")
                self._recorrer(hijo)
            else:  # w:ins, w:moveTo, w:smartTag, w:customXml, w:dir, w:bdo, sdtContent…
                self._recorrer(hijo)

    def _enlace(self, el, destino: str) -> None:
        antes = len("".join(self.partes))
        self._recorrer(el)
        texto = "".join(self.partes)[antes:]
        if destino:
            self.enlaces.append((texto.strip(), destino))

    def _sdt(self, sdt) -> None:
        pr = sdt.find(w("sdtPr"))
        contenido = sdt.find(w("sdtContent"))
        if pr is not None:
            casilla = pr.find(f"{{{W14}}}checkbox")
            if casilla is not None:
                marcada = casilla.find(f"{{{W14}}}checked")
                if marcada is None and contenido is not None:  # no state written: the glyph shown says it
                    self._recorrer(contenido)
                    return
                valor = marcada.get(f"{{{W14}}}val", "1") if marcada is not None else "0"
                self.partes.append(MARCADA if valor in ("1", "true", "on") else CASILLA)
                return
            if pr.find(w("showingPlcHdr")) is not None:
                return  # the control's placeholder («Haga clic aquí…»), not an answer
        if contenido is not None:
            self._recorrer(contenido)

    def _tramo(self, r) -> None:
        fuentes = r.find(f"{w('rPr')}/{w('rFonts')}")
        fuente = (fuentes.get(w("ascii")) or fuentes.get(w("hAnsi")) or "") if fuentes is not None else ""
        for hijo in r:
            tag = hijo.tag
            if tag == w("fldChar"):
                self._campo(hijo)
            elif tag == w("instrText"):
                if self.campos and self.campos[-1]["fase"] == "instr":
                    self.campos[-1]["instr"] += hijo.text or ""
            elif self.campos and self.campos[-1]["fase"] == "instr":
                continue  # a field's code, not its result
            elif tag == w("t"):
                self.partes.append(_simbolos(hijo.text or "", fuente))
            elif tag in (w("tab"), w("ptab")):
                self.partes.append("\t")
            elif tag == w("br"):
                self.partes.append(" " if hijo.get(w("type")) in ("page", "column") else "\n")
            elif tag == w("cr"):
                self.partes.append("\n")
            elif tag == w("noBreakHyphen"):
                self.partes.append("-")
            elif tag == w("sym"):
                self.partes.append(_simbolo(hijo.get(w("font")) or fuente, hijo.get(w("char")) or ""))
            elif tag == f"{{{MC}}}AlternateContent":
                pass  # drawings and shapes

    def _campo(self, fld) -> None:
        tipo = fld.get(w("fldCharType"))
        if tipo == "begin":
            casilla = fld.find(f"{w('ffData')}/{w('checkBox')}")
            estado = None
            if casilla is not None:
                marcada = casilla.find(w("checked"))
                if marcada is None:
                    marcada = casilla.find(w("default"))
                estado = marcada is not None and marcada.get(w("val"), "1") not in ("0", "false", "off")
            self.campos.append({"fase": "instr", "instr": "", "casilla": estado, "inicio": None})
        elif tipo == "separate" and self.campos:
            campo = self.campos[-1]
            campo["fase"] = "resultado"
            campo["inicio"] = len("".join(self.partes))
        elif tipo == "end" and self.campos:
            campo = self.campos.pop()
            if campo["casilla"] is not None or campo["instr"].strip().upper().startswith("FORMCHECKBOX"):
                self.partes.append(MARCADA if campo["casilla"] else CASILLA)
                return
            destino = _destino_de_campo(campo["instr"])
            if destino and campo["inicio"] is not None:
                self.enlaces.append(("".join(self.partes)[campo["inicio"]:].strip(), destino))

    # --- blocks -----------------------------------------------------------------------------
    def bloques(self, contenedor) -> list:
        """Paragraphs and tables of the body (or a cell), in order, through wrappers."""
        salida = []
        for hijo in contenedor:
            if hijo.tag == w("p"):
                salida.append(self.parrafo(hijo))
            elif hijo.tag == w("tbl"):
                salida.append(self.tabla(hijo))
            elif hijo.tag in (w("sdt"), w("customXml"), w("ins"), w("moveTo")):
                contenido = hijo.find(w("sdtContent")) if hijo.tag == w("sdt") else hijo
                if contenido is not None:
                    salida.extend(self.bloques(contenido))
        return salida

    def tabla(self, tbl) -> Tabla:
        caption = tbl.find(f"{w('tblPr')}/{w('tblCaption')}")
        filas = []
        for tr in _hijos(tbl, "tr"):
            if tr.find(f"{w('trPr')}/{w('del')}") is not None:
                continue  # a row deleted with tracked changes
            celdas = []
            for tc in _hijos(tr, "tc"):
                parrafos = []
                for b in self.bloques(tc):
                    if isinstance(b, Tabla):  # a table pasted inside a cell: its lines
                        parrafos.extend(p for fila in b.filas for celda in fila for p in celda)
                    else:
                        parrafos.append(b)
                celdas.append(parrafos)
            filas.append(celdas)
        return Tabla(caption.get(w("val")) if caption is not None else None, filas)


def _hijos(el, nombre: str):
    for hijo in el:
        if hijo.tag == w(nombre):
            yield hijo
        elif hijo.tag in (w("sdt"), w("customXml"), w("ins"), w("moveTo")):
            contenido = hijo.find(w("sdtContent")) if hijo.tag == w("sdt") else hijo
            if contenido is not None:
                yield from _hijos(contenido, nombre)


def _destino_de_campo(instr: str) -> str:
    m = re.match(r'^\s*HYPERLINK\s+(?:\\[a-z]\s+"[^"]*"\s+)*"([^"]+)"', instr, re.I) or \
        re.match(r"^\s*HYPERLINK\s+(\S+)", instr, re.I)
    return m.group(1) if m else ""


def _simbolo(fuente: str, codigo: str) -> str:
    try:
        n = int(codigo, 16)
    except ValueError:
        return ""
    tabla = _SIMBOLOS.get(fuente.strip().lower())
    if tabla is None:
        return chr(n) if n < 0xE000 or n > 0xF8FF else ""
    return tabla.get(n & 0xFF, "")


def _simbolos(texto: str, fuente: str) -> str:
    """Text in a symbol font: its boxes as ☒/☐ (Word writes either the private-use code or the byte)."""
    tabla = _SIMBOLOS.get(fuente.strip().lower())
    if tabla is None:
        return texto
    return "".join(tabla.get(ord(ch) & 0xFF, ch) if ord(ch) < 0x100 or 0xF000 <= ord(ch) <= 0xF0FF else ch
                   for ch in texto)


def bloques(paquete: Paquete) -> list:
    cuerpo = paquete.documento.find(w("body"))
    return _Lector(paquete).bloques(cuerpo)


def cuadros_de_texto(paquete: Paquete) -> list[str]:
    """The text typed in text boxes (drawn shapes), which is never an answer: to report it. Word writes
    each box twice (a drawing and its VML fallback): each text once."""
    lector, vistos = _Lector(paquete), []
    for caja in paquete.documento.iter(w("txbxContent")):
        for p in caja.iter(w("p")):
            texto = " ".join(lector.parrafo(p).texto.split())
            if texto and texto not in vistos:
                vistos.append(texto)
    return vistos


def texto_aparte(paquete: Paquete) -> list[tuple[str, str]]:
    """Text typed in footnotes, endnotes, page headers and footers: (where, text), to report it.
    Word's separator notes (w:type) hold no text of the person's."""
    lector, salida = _Lector(paquete), []
    for donde, raiz in paquete.aparte:
        for nota in raiz:
            if nota.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            for p in nota.iter(w("p")) if nota.tag != w("p") else [nota]:
                texto = " ".join(lector.parrafo(p).texto.split())
                if texto and (donde, texto) not in salida:
                    salida.append((donde, texto))
    return salida
