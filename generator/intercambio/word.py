"""The form as a Word document, generated from the field descriptions: empty (to download and fill
in) or filled with a record (`exportar`, so the ST can send a country its ficha to update).

Layout, which `importar` reads back: a first page on how to send it, then one table per field,
named by its key in the table's alternative-text title (Word keeps it; people do not see it).
Row 1 of each table is the form's number, label, instruction and limit (shaded); the white cells
below are the answer, kept on the same page as their header. Options are checkbox content controls
(Word and LibreOffice tick them with a click; other editors show the ☐/☒ glyph), one per line; lists
of items are table rows. An exported record carries its identity as custom document properties
(`MARCA_*`), so `importar` updates that file instead of writing a second one.
"""
from __future__ import annotations

import copy
import hashlib
import io
import re
import zipfile
from xml.sax.saxutils import escape
from datetime import datetime, timezone

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from generator.esquema import idiomas
from generator.esquema.campos import FICHA, Campo, TipoDeRegistro
from generator.esquema.tipos.terminos import MAX_CASILLAS  # noqa: F401  (importar reads it here)
from generator.esquema.vocabularios import vocabulario
from generator.publicacion.modelo import parrafos

CASILLA, MARCADA = "☐", "☒"
FILAS_LIBRES = 3          # empty rows offered below a list's items
GRIS = RGBColor(0x55, 0x55, 0x55)
MARCA_TIPO, MARCA_REGISTRO, MARCA_SELLO = "catalogo-csm-tipo", "catalogo-csm-registro", "catalogo-csm-sello"
MARCA_IDIOMA = "catalogo-csm-idioma"   # the form's language: `importar` answers in it
RUTA_DE_REGISTRO = re.compile(r"^(fichas|perfiles)/[a-z]{3}/[a-z0-9][a-z0-9-]*\.ya?ml$")


def sello(tipo: str, ruta: str) -> str:
    """The mark's check: a hash of the kind and the path. It shows that the two properties were
    written together by `exportar` and not edited apart (tamper-evident, not a secret)."""
    return hashlib.sha256(f"catalogo-csm\n{tipo}\n{ruta}".encode()).hexdigest()[:32]


def _mantener_con_siguiente(p) -> None:
    """Keep this paragraph on the page of the next one (Word's and LibreOffice's «keep with next»)."""
    pPr = p._p.get_or_add_pPr()
    if pPr.find(qn("w:keepNext")) is None:
        pPr.insert(0, OxmlElement("w:keepNext"))


def _fila_entera(fila) -> None:
    """A row that is not split across pages."""
    trPr = fila._tr.get_or_add_trPr()
    if trPr.find(qn("w:cantSplit")) is None:
        trPr.append(OxmlElement("w:cantSplit"))


def _juntas(tabla, hasta: int) -> None:
    """Rows before `hasta` stay with the next one: the header is never alone at the foot of a page."""
    for i, fila in enumerate(tabla.rows):
        _fila_entera(fila)
        if i < hasta:
            for celda in fila.cells:
                for p in celda.paragraphs:
                    _mantener_con_siguiente(p)


def _casilla(p, marcada: bool, etiqueta: str, n: int) -> None:
    """A checkbox content control, then the option's label, in paragraph `p`."""
    fuente = "MS Gothic"
    sdt = OxmlElement("w:sdt")
    pr = OxmlElement("w:sdtPr")
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for a in ("w:ascii", "w:eastAsia", "w:hAnsi"):
        fonts.set(qn(a), fuente)
    rpr.append(fonts)
    pr.append(rpr)
    ident = OxmlElement("w:id")
    ident.set(qn("w:val"), str(1000 + n))
    pr.append(ident)
    caja = OxmlElement("w14:checkbox")
    estado = OxmlElement("w14:checked")
    estado.set(qn("w14:val"), "1" if marcada else "0")
    caja.append(estado)
    for nombre, codigo in (("w14:checkedState", "2612"), ("w14:uncheckedState", "2610")):
        e = OxmlElement(nombre)
        e.set(qn("w14:val"), codigo)
        e.set(qn("w14:font"), fuente)
        caja.append(e)
    pr.append(caja)
    sdt.append(pr)
    contenido = OxmlElement("w:sdtContent")
    r = OxmlElement("w:r")
    r.append(copy.deepcopy(rpr))
    t = OxmlElement("w:t")
    t.text = MARCADA if marcada else CASILLA
    r.append(t)
    contenido.append(r)
    sdt.append(contenido)
    p._p.append(sdt)
    p.add_run(f" {etiqueta}")


def _titulo_tabla(tabla, clave: str) -> None:
    """The field's key as the table's alternative-text title: how `importar` finds it again."""
    tblPr = tabla._tbl.tblPr
    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), clave)
    tblPr.append(caption)


def _sombrear(celda, color: str = "E6EEF6") -> None:
    tcPr = celda._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), color)
    tcPr.append(shd)


def _texto(celda, texto: str, negrita: bool = False, pequeno: bool = False, primero: bool = False):
    p = celda.paragraphs[0] if primero and not celda.paragraphs[0].text else celda.add_paragraph()
    r = p.add_run(texto)
    r.bold = negrita
    if pequeno:
        r.font.size = Pt(8.5)
        r.font.color.rgb = GRIS
    return p


def como_se_responde(c: Campo) -> str:
    """What the person does in the answer cells, in the form's words."""
    return c.clase.como_se_responde(c)


def _encabezado(tabla, c: Campo, columnas: int) -> None:
    celda = tabla.rows[0].cells[0]
    if columnas > 1:
        celda = celda.merge(tabla.rows[0].cells[columnas - 1])
    _sombrear(celda)
    _texto(celda, c.rotulo + (idiomas.t("word.obligatorio") if c.obligatorio else ""), negrita=True, primero=True)
    ayuda = " ".join(x for x in (c.instruccion, c.clase.limite(c), como_se_responde(c)) if x)
    _texto(celda, ayuda, pequeno=True)


def _casillas(celda, c: Campo, elegidos: set[str], contador: list[int]) -> None:
    for i, t in enumerate(vocabulario(c.vocabulario)):
        p = celda.paragraphs[0] if i == 0 and not celda.paragraphs[0].text else celda.add_paragraph()
        contador[0] += 1
        _casilla(p, t.slug in elegidos, t.etiqueta, contador[0])


def _valor_simple(c: Campo, v) -> str:
    """A value as a person would write it in the answer cell."""
    return c.clase.en_celda(c, v)


def aviso_demostracion() -> str:
    return idiomas.t("word.aviso_demostracion")


def textos_de_portada(tipo: TipoDeRegistro, correo_st: str = "", sitio_url: str = "") -> list[str]:
    """The form's own words before the first field, in the language being written (schema/idiomas/
    <código>/word.yml): what `importar` knows is not an answer."""
    t = idiomas.t
    es_ficha = tipo is FICHA
    tipo_ = "ficha" if es_ficha else "perfil"
    pasos = [
        t("word.portada.paso_escribir"),
        t("word.portada.paso_casillas"),
        t("word.portada.paso_guardar"),
        t("word.portada.paso_enviar", correo=(": " + correo_st) if correo_st else "", asunto=t(f"word.portada.{tipo_}.asunto")),
        t(f"word.portada.{tipo_}.despues"),
    ]
    textos = [t("word.encabezado"), t(f"word.portada.{tipo_}.como")]
    textos += [f"{i}. {paso}" for i, paso in enumerate(pasos, 1)]
    if es_ficha:
        textos.append(t("word.portada.ficha.contacto"))
    if sitio_url:
        textos.append(t(f"word.portada.{tipo_}.en_el_sitio", url=sitio_url + ("proponer/" if es_ficha else "proponer-perfil/")))
    textos.append(t(f"word.portada.{tipo_}.actualizar"))
    return textos


class FormularioWord:
    """The form of one kind of record, empty or filled with `datos` (its private sub-fields in
    `privados`, decrypted; without them those cells are left blank and marked), in `idioma`
    (the language being written by default): labels, instructions, options and the form's own
    words from that language's catalogues (generator/esquema/idiomas.py)."""

    def __init__(self, tipo: TipoDeRegistro = FICHA, datos: dict | None = None, privados: dict | None = None,
                 correo_st: str = "", sitio_url: str = "", ruta: str | None = None, demostracion: bool = False,
                 idioma: str | None = None):
        self.tipo, self.datos, self.privados = tipo, datos or {}, privados
        self.idioma = idiomas.normalizar(idioma or idiomas.actual())
        self.correo_st, self.sitio_url = correo_st, sitio_url
        self.ruta = ruta if ruta and RUTA_DE_REGISTRO.match(ruta) else None  # «fichas/arg/x.yml»
        self.demostracion = demostracion
        self._contador = [0]

    def propiedades(self) -> dict[str, str]:
        """The custom document properties: the kind of form and, when exported, its record's path."""
        props = {MARCA_TIPO: self.tipo.carpeta, MARCA_IDIOMA: self.idioma}
        if self.ruta:
            props[MARCA_REGISTRO] = self.ruta
            props[MARCA_SELLO] = sello(self.tipo.carpeta, self.ruta)
        return props

    # --- the document ---------------------------------------------------------------------
    def documento(self) -> Document:
        with idiomas.en(self.idioma):
            return self._documento()

    def _documento(self) -> Document:
        doc = Document()
        estilo = doc.styles["Normal"]
        estilo.font.name = "Calibri"
        estilo.font.size = Pt(10.5)
        idioma = OxmlElement("w:lang")  # Word's and LibreOffice's spelling check in the form's language
        idioma.set(qn("w:val"), idiomas.idioma_info(self.idioma).get("locale", self.idioma).replace("_", "-"))
        estilo.element.get_or_add_rPr().append(idioma)
        self._portada(doc)
        for s in self.tipo.secciones:
            campos = [c for c in self.tipo.campos.values() if c.seccion == s.numero and not c.interno]
            if not campos:
                continue
            _mantener_con_siguiente(doc.add_heading(s.titulo, level=1))
            for c in campos:
                self._campo(doc, c)
        return doc

    def _portada(self, doc) -> None:
        doc.add_heading(self.tipo.titulo, level=0)
        textos = textos_de_portada(self.tipo, self.correo_st, self.sitio_url)
        doc.add_paragraph(textos[0])
        doc.add_heading(textos[1], level=1)
        for t in textos[2:]:
            doc.add_paragraph(t)
        if self.demostracion:
            p = doc.add_paragraph()
            r = p.add_run(aviso_demostracion())
            r.bold = True
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _campo(self, doc, c: Campo) -> None:
        v = self.datos.get(c.clave)
        forma = c.clase.forma_word(c)
        if forma == "objeto":
            return self._objeto(doc, c, v or {})
        if forma == "lista":
            return self._lista(doc, c, v or [])
        tabla = doc.add_table(rows=2, cols=1)
        tabla.style = "Table Grid"
        _titulo_tabla(tabla, c.clave)
        _encabezado(tabla, c, 1)
        celda = tabla.rows[1].cells[0]
        tabla.rows[1].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST  # room to write: more for a long text
        tabla.rows[1].height = Cm(c.clase.alto_word(c))
        if forma == "casillas":
            elegidos = set(v) if isinstance(v, list) else ({v} if v else set())
            _casillas(celda, c, elegidos, self._contador)
        elif forma == "lineas":
            for i, x in enumerate(v or [""]):
                _texto(celda, x, primero=i == 0)
        elif forma in ("parrafos", "linea") and v:
            for i, parrafo in enumerate(parrafos(str(v))):
                p = celda.paragraphs[0] if i == 0 else celda.add_paragraph()
                for j, linea in enumerate(parrafo.split("\n")):  # a kept line break: Word's soft break
                    if j:
                        p.add_run().add_break()
                    p.add_run(linea)
        else:
            _texto(celda, _valor_simple(c, v), primero=True)
        _juntas(tabla, 1)
        doc.add_paragraph()

    def _objeto(self, doc, c: Campo, v: dict) -> None:
        subs = [s for s in c.subcampos if s is not c.cifrado]
        tabla = doc.add_table(rows=1 + len(subs), cols=2)
        tabla.style = "Table Grid"
        _titulo_tabla(tabla, c.clave)
        _encabezado(tabla, c, 2)
        for fila, s in zip(tabla.rows[1:], subs):
            etiqueta = s.etiqueta.split(" — ")[-1] + (idiomas.t("word.no_se_publica") if s.privado else "")
            _texto(fila.cells[0], etiqueta, negrita=True, primero=True)
            if s.privado:
                valor = (self.privados or {}).get(s.clave, "")
                if self.privados is None and c.cifrado and v.get(c.cifrado.clave):
                    _texto(fila.cells[1], "", primero=True)
                    _texto(fila.cells[1], idiomas.t("word.cifrado_guardado"), pequeno=True)
                    continue
            else:
                valor = _valor_simple(s, v.get(s.clave))
            _texto(fila.cells[1], str(valor or ""), primero=True)
        _juntas(tabla, len(tabla.rows) - 1)
        doc.add_paragraph()

    def columnas(self, c: Campo) -> list[list[Campo]]:
        """A list's columns: its sub-fields, «url» and «archivo» sharing one."""
        cols, vistos = [], set()
        for s in c.subcampos:
            if s.clave in vistos:
                continue
            if c.uno_de and s.clave in c.uno_de:
                cols.append([c.sub(k) for k in c.uno_de])
                vistos |= set(c.uno_de)
            else:
                cols.append([s])
        return cols

    def _lista(self, doc, c: Campo, items: list) -> None:
        cols = self.columnas(c)
        tabla = doc.add_table(rows=2 + len(items) + FILAS_LIBRES, cols=len(cols))
        tabla.style = "Table Grid"
        _titulo_tabla(tabla, c.clave)
        _encabezado(tabla, c, len(cols))
        for celda, grupo in zip(tabla.rows[1].cells, cols):
            _sombrear(celda, "F3F6F9")
            nombre = idiomas.t("word.o").join(s.etiqueta.split(" — ")[-1] for s in grupo)
            _texto(celda, nombre, negrita=True, primero=True)
            s = grupo[0]
            if s.vocabulario:
                _texto(celda, idiomas.t("word.opciones") + ", ".join(t.etiqueta for t in vocabulario(s.vocabulario))
                       + idiomas.t("word.una" if s.clase.es_termino else "word.una_o_mas"), pequeno=True)
            elif c.uno_de and s.clave in c.uno_de:
                _texto(celda, idiomas.t("word.enlace_o_archivo"), pequeno=True)
        for fila, item in zip(tabla.rows[2:], items):
            for celda, grupo in zip(fila.cells, cols):
                valor = next((item.get(s.clave) for s in grupo if item.get(s.clave) is not None), None)
                _texto(celda, _valor_simple(grupo[0], valor) if valor is not None else "", primero=True)
        _juntas(tabla, 2)
        doc.add_paragraph()


def _fecha_fija(datos: dict) -> datetime:
    fecha = str(datos.get("fecha") or "2014-10-17")
    try:
        return datetime.fromisoformat(fecha).replace(tzinfo=timezone.utc)
    except ValueError:
        return datetime(2014, 10, 17, tzinfo=timezone.utc)


def docx_bytes(formulario: FormularioWord) -> bytes:
    """The document's bytes, the same for the same record: dates from the record, fixed zip times."""
    doc = formulario.documento()
    cuando = _fecha_fija(formulario.datos)
    props = doc.core_properties
    with idiomas.en(formulario.idioma):
        props.author = idiomas.t("word.autor")
        props.last_modified_by = idiomas.t("word.programa")
        props.title = formulario.tipo.titulo
        props.language = idiomas.idioma_info(formulario.idioma).get("locale", formulario.idioma).replace("_", "-")
    props.created = props.modified = props.last_printed = cuando
    props.revision = 1
    crudo = io.BytesIO()
    doc.save(crudo)
    salida = io.BytesIO()
    with zipfile.ZipFile(crudo) as origen, zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as destino:
        partes = {info.filename: origen.read(info.filename) for info in origen.infolist()}
        partes.update(_propiedades_personalizadas(partes, formulario.propiedades()))
        for nombre, contenido in partes.items():
            nueva = zipfile.ZipInfo(nombre, date_time=(1980, 1, 1, 0, 0, 0))
            nueva.compress_type = zipfile.ZIP_DEFLATED
            nueva.external_attr = 0o644 << 16
            destino.writestr(nueva, contenido)
    return salida.getvalue()


def _propiedades_personalizadas(partes: dict[str, bytes], props: dict[str, str]) -> dict[str, bytes]:
    """docProps/custom.xml with `props`, declared in [Content_Types].xml and the package's relationships
    (python-docx does not write custom properties; Word and LibreOffice keep them when they save)."""
    fmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
    filas = "".join(f'<property fmtid="{fmtid}" pid="{i}" name="{escape(k)}"><vt:lpwstr>{escape(v)}</vt:lpwstr></property>'
                    for i, (k, v) in enumerate(props.items(), 2))
    custom = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' + filas + "</Properties>")
    tipos = partes["[Content_Types].xml"].decode("utf-8")
    if "/docProps/custom.xml" not in tipos:
        tipos = tipos.replace("</Types>", '<Override PartName="/docProps/custom.xml" ContentType='
                              '"application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
    rels = partes["_rels/.rels"].decode("utf-8")
    if "docProps/custom.xml" not in rels:
        rels = rels.replace("</Relationships>", '<Relationship Id="rIdCatalogoCsm" Type="http://schemas.openxmlformats.org/'
                            'officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>')
    return {"[Content_Types].xml": tipos.encode("utf-8"), "_rels/.rels": rels.encode("utf-8"),
            "docProps/custom.xml": custom.encode("utf-8")}
