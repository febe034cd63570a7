"""`importar` on files as focal points send them: built the way Word writes WordprocessingML
(tracked changes, content controls, symbol boxes, hyperlinks and fields, soft breaks, text outside
the boxes, inserted rows, comments), saved by LibreOffice, and bad or hostile packages."""
from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT
from generator.esquema.campos import FICHA
from generator.intercambio.word import MARCA_REGISTRO, MARCA_SELLO, FormularioWord, docx_bytes
from generator.privacidad.cifrado import descifrar
from generator.publicacion.modelo import parrafos
from generator.validacion.lectura import leer_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')
REV = 'w:author="Ana Pérez" w:date="2024-03-01T10:00:00Z"'


def run(args, env, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=180)


def _q(x):
    return f"{{{W}}}{x}"


class DocxCrudo:
    """A .docx whose document.xml is edited as Word would write it: raw WordprocessingML."""

    def __init__(self, contenido: bytes):
        self.zip = zipfile.ZipFile(io.BytesIO(contenido))
        self.partes = {i.filename: self.zip.read(i.filename) for i in self.zip.infolist()}
        self.doc = etree.fromstring(self.partes["word/document.xml"])
        self.rels = etree.fromstring(self.partes["word/_rels/document.xml.rels"])

    def tabla(self, clave):
        for tbl in self.doc.iter(_q("tbl")):
            cap = tbl.find(f"{_q('tblPr')}/{_q('tblCaption')}")
            if cap is not None and cap.get(_q("val")) == clave:
                return tbl
        raise KeyError(clave)

    @staticmethod
    def _fragmento(xml: str) -> list:
        return list(etree.fromstring(f"<raiz {NS}>{xml}</raiz>"))

    def respuesta(self, clave, xml: str, fila: int = 1, celda: int = 0) -> None:
        """Replace the paragraphs of an answer cell by `xml` (w:p elements)."""
        tc = self.tabla(clave).findall(_q("tr"))[fila].findall(_q("tc"))[celda]
        for p in tc.findall(_q("p")):
            tc.remove(p)
        for el in self._fragmento(xml):
            tc.append(el)

    def despues(self, clave, xml: str) -> None:
        """Body paragraphs right after a field's table (text typed below the box)."""
        tbl = self.tabla(clave)
        for el in reversed(self._fragmento(xml)):
            tbl.addnext(el)

    def cabecera(self, clave, xml: str) -> None:
        """Paragraphs typed in the field's shaded header cell, below its label and instruction."""
        tc = self.tabla(clave).findall(_q("tr"))[0].findall(_q("tc"))[0]
        for el in self._fragmento(xml):
            tc.append(el)

    def duplicar_fila(self, clave, fila: int = 1, xml: str | None = None) -> None:
        """Word's «Insert row below»: a copy of the row, with `xml` as its paragraphs."""
        tr = self.tabla(clave).findall(_q("tr"))[fila]
        nueva = copy.deepcopy(tr)
        tr.addnext(nueva)
        if xml is not None:
            tc = nueva.findall(_q("tc"))[0]
            for p in tc.findall(_q("p")):
                tc.remove(p)
            for el in self._fragmento(xml):
                tc.append(el)

    def vinculo(self, rid: str, destino: str) -> None:
        rel = etree.SubElement(self.rels, "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship")
        rel.set("Id", rid)
        rel.set("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink")
        rel.set("Target", destino)
        rel.set("TargetMode", "External")

    def bytes(self, extra: dict[str, bytes] | None = None) -> bytes:
        self.partes["word/document.xml"] = etree.tostring(self.doc, xml_declaration=True, encoding="UTF-8", standalone=True)
        self.partes["word/_rels/document.xml.rels"] = etree.tostring(self.rels, xml_declaration=True, encoding="UTF-8")
        self.partes.update(extra or {})
        salida = io.BytesIO()
        with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as z:
            for nombre, datos in self.partes.items():
                z.writestr(nombre, datos)
        return salida.getvalue()


def p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def r(texto: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{texto}</w:t></w:r>'


def ins(texto: str, n: int = 1) -> str:
    return f'<w:ins w:id="{n}" {REV}>{r(texto)}</w:ins>'


def borrado(texto: str, n: int = 2) -> str:
    return f'<w:del w:id="{n}" {REV}><w:r><w:delText xml:space="preserve">{texto}</w:delText></w:r></w:del>'


def casilla(marcada: bool, n: int = 7) -> str:
    """A checkbox content control as Word writes it (Developer › Check Box Content Control)."""
    glifo = "☒" if marcada else "☐"
    return (f'<w:sdt><w:sdtPr><w:id w:val="{n}"/><w14:checkbox><w14:checked w14:val="{int(marcada)}"/>'
            '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
            f'</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr>'
            f'<w:t>{glifo}</w:t></w:r></w:sdtContent></w:sdt>')


def _opciones(vocab: str, marcar: dict[str, str]) -> str:
    """A cell of options: each label after the box `marcar[slug]` gives (raw runs), ☐ otherwise."""
    from generator.esquema.vocabularios import vocabulario
    return "".join(p(marcar.get(t.slug, r("☐")), r(" " + t.etiqueta)) for t in vocabulario(vocab))


@pytest.fixture()
def exportada(tmp_path, env_py, clave_de_prueba, fichas_de_prueba):
    """A published ficha exported for its country (`make exportar`), in a copy of the repository."""
    repo = tmp_path / "repo"
    shutil.copytree(fichas_de_prueba, repo / "fichas")
    ficha = repo / "fichas" / "arg" / "patria-grande.yml"
    salida = tmp_path / "patria-grande.docx"
    r_ = run(["exportar", str(ficha), str(salida)], env_py)
    assert r_.returncode == 0, r_.stderr
    return repo, ficha, salida


def _importar(repo, docx: Path, env, *extra):
    return run(["importar", str(docx), "--repositorio", str(repo), *extra], env)


def test_lo_que_escribe_word_se_lee_campo_por_campo(exportada, env_py, tmp_path):
    repo, ficha, salida = exportada
    d = DocxCrudo(salida.read_bytes())
    # (2.2) tracked changes left on: an insertion in, a deletion out, a move counted once
    d.respuesta("resumen", p(r("Regularización migratoria "), ins("para nacionales del MERCOSUR "),
                             borrado("y de ningún otro lugar "), r("con trámite simple."),
                             f'<w:moveFrom w:id="3" {REV}>{r(" Texto movido.")}</w:moveFrom>')
                + p(f'<w:moveTo w:id="4" {REV}>{r("Texto movido.")}</w:moveTo>'))
    # (1.3) a content-control box ticked, a box ticked as a tracked change, and one left empty
    d.respuesta("temas", _opciones("temas", {
        "derechos-humanos": casilla(True),
        "consulta-social": borrado("☐", 5) + ins("☒", 6),
        "registro-fronterizo": casilla(False, 8),
    }))
    # (1.4) a Wingdings box (Insert › Symbol), checked
    d.respuesta("nivel_territorial", _opciones("niveles_territoriales", {
        "nacional": '<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>'}))
    # (1.7) items typed one per line with Mayús+Intro, and a comment that stays out
    d.respuesta("entidades_asociadas", p(r("Cancillería"), "<w:r><w:br/></w:r>", r("Ministerio del Interior"),
                                         '<w:commentRangeStart w:id="0"/>', "<w:r><w:br/></w:r>", r("Defensoría del Pueblo"),
                                         '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'))
    # (2.3) a long text with a kept line break, and text typed below its box
    d.respuesta("resultados", p(r("Primera línea."), "<w:r><w:br/></w:r>", r("Segunda línea.")))
    d.despues("resultados", p(r("Un párrafo escrito debajo del recuadro.")))
    # (2.5) a hyperlink whose text is not its address (relationship), and one as a HYPERLINK field
    d.vinculo("rIdGuia", "https://example.org/guia-tramites")
    d.respuesta("productos", p(r("Guía de trámites")), fila=2, celda=0)
    d.respuesta("productos", p(r("Guía")), fila=2, celda=1)
    d.respuesta("productos", p('<w:hyperlink r:id="rIdGuia" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
                               '<w:t>la guía en el sitio</w:t></w:r></w:hyperlink>'), fila=2, celda=2)
    d.respuesta("documentos", p(r("Informe final")), fila=2, celda=0)
    d.respuesta("documentos", p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK '
                                '"https://example.org/informe-final.pdf" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
                                '</w:r><w:r><w:t>Informe (PDF)</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'), fila=2, celda=1)
    # (2.8) Word's «insert row below»: the answer goes on in a second row
    d.respuesta("otras_consideraciones", p(r("Primera lección.")))
    d.duplicar_fila("otras_consideraciones", 1, p(r("Segunda lección, en una fila agregada.")))
    # (1.6) text typed between two tables, below a short field: reported, not dropped
    d.despues("entidad_dependencia", p(r("Nota suelta que nadie pidió escribir aquí, con varias palabras más.")))
    # (1.3) «Otro»: an empty content control showing its placeholder is not an answer
    d.respuesta("tema_otro", p('<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
                               + r("Haga clic o pulse aquí para escribir texto.") + "</w:sdtContent></w:sdt>"))
    comentarios = (f'<?xml version="1.0" encoding="UTF-8"?><w:comments {NS}><w:comment w:id="0" w:author="Ana">'
                   '<w:p><w:r><w:t>COMENTARIO QUE NO ES RESPUESTA</w:t></w:r></w:p></w:comment></w:comments>').encode()
    archivo = tmp_path / "devuelta.docx"
    archivo.write_bytes(d.bytes({"word/comments.xml": comentarios}))
    res = _importar(repo, archivo, env_py, "--reemplazar")
    assert "Traceback" not in res.stderr, res.stderr
    datos = leer_bytes(ficha.read_bytes()).data
    assert datos["resumen"] == "Regularización migratoria para nacionales del MERCOSUR con trámite simple.\n\nTexto movido."
    assert sorted(datos["temas"]) == ["consulta-social", "derechos-humanos"]
    assert datos["nivel_territorial"] == ["nacional"]
    assert datos["entidades_asociadas"] == ["Cancillería", "Ministerio del Interior", "Defensoría del Pueblo"]
    texto = ficha.read_text(encoding="utf-8")
    assert "COMENTARIO" not in texto and "Haga clic" not in texto and "tema_otro" not in datos
    assert parrafos(datos["resultados"]) == ["Primera línea.\nSegunda línea.", "Un párrafo escrito debajo del recuadro."]
    assert "(2.3)" in res.stdout and "se agregó al final" in res.stdout
    guia = next(x for x in datos["productos"] if x["titulo"] == "Guía de trámites")
    assert guia["url"] == "https://example.org/guia-tramites"
    informe = next(x for x in datos["documentos"] if x["titulo"] == "Informe final")
    assert informe["url"] == "https://example.org/informe-final.pdf"
    assert datos["otras_consideraciones"] == "Primera lección.\n\nSegunda lección, en una fila agregada."
    assert "Texto escrito fuera de los recuadros, después de (1.6)" in res.stdout and "«Nota suelta que nadie" in res.stdout
    assert res.stdout.count("fuera de los recuadros") == 1  # the form's own words are not reported


def test_borrar_las_opciones_no_elegidas_es_elegir_las_que_quedan(exportada, env_py, tmp_path):
    repo, ficha, salida = exportada
    d = DocxCrudo(salida.read_bytes())
    d.respuesta("temas", p(r("☐ Fortalecimiento de las prácticas en derechos humanos en la política migratoria")))
    d.respuesta("categorias", p(r("☐ Política y normas X")) + p(r("☐ Institucionalidad")) + p(r("☐ Mecanismos operativos")))
    archivo = tmp_path / "borradas.docx"
    archivo.write_bytes(d.bytes())
    res = _importar(repo, archivo, env_py, "--reemplazar")
    datos = leer_bytes(ficha.read_bytes()).data
    assert datos["temas"] == ["derechos-humanos"], res.stdout + res.stderr
    assert datos["categorias"] == ["politica-normas"]  # an X typed after the label
    assert "se borraron las otras opciones" in res.stdout
    assert "(1.3)" in res.stdout and "falta este campo" not in res.stdout.split("(1.3)")[1].split("\n")[0]


def test_una_actualizacion_escribe_la_misma_ficha(exportada, env_py, clave_de_prueba, tmp_path):
    repo, ficha, salida = exportada
    antes = leer_bytes(ficha.read_bytes()).data
    d = DocxCrudo(salida.read_bytes())
    d.respuesta("titulo", p(r("Patria Grande: un título nuevo")))  # the title changed: still the same record
    archivo = tmp_path / "Ficha ARG actualizada (2).docx"
    archivo.write_bytes(d.bytes())
    res = _importar(repo, archivo, env_py)
    assert res.returncode == 1 and "Ya existe" in res.stderr and "fichas/arg/patria-grande.yml" in res.stderr
    assert "salió de ese archivo" in res.stderr and "--reemplazar" in res.stderr
    assert leer_bytes(ficha.read_bytes()).data == antes  # nothing written on refusal
    res = _importar(repo, archivo, env_py, "--reemplazar")
    assert res.returncode == 0, res.stdout + res.stderr
    assert sorted(p_.name for p_ in (repo / "fichas" / "arg").glob("*.yml")) == \
        sorted(p_.name for p_ in (ROOT / "fichas" / "arg").glob("*.yml"))  # one file, not a fork
    despues = leer_bytes(ficha.read_bytes()).data
    assert despues["titulo"] == "Patria Grande: un título nuevo"
    assert despues["contacto"]["privado"] == antes["contacto"]["privado"]  # the encrypted contact kept
    assert descifrar(despues["contacto"]["privado"], clave_de_prueba.identidad)
    for c in FICHA.campos.values():  # the ST's own fields kept
        if c.interno and c.clave in antes:
            assert despues[c.clave] == antes[c.clave], c.clave


def test_una_marca_alterada_no_dirige_la_escritura(exportada, env_py, tmp_path):
    repo, ficha, salida = exportada
    d = DocxCrudo(salida.read_bytes())
    custom = d.partes["docProps/custom.xml"].decode()
    assert "fichas/arg/patria-grande.yml" in custom and MARCA_SELLO in custom and MARCA_REGISTRO in custom
    d.partes["docProps/custom.xml"] = custom.replace("patria-grande.yml", "otra-ficha.yml").encode()
    archivo = tmp_path / "alterada.docx"
    archivo.write_bytes(d.bytes())
    res = _importar(repo, archivo, env_py)
    assert "marca fue modificada" in res.stdout + res.stderr
    assert not (repo / "fichas" / "arg" / "otra-ficha.yml").exists()


def test_el_formulario_tiene_casillas_de_word_y_cabeceras_con_su_respuesta():
    contenido = docx_bytes(FormularioWord(FICHA))
    doc = zipfile.ZipFile(io.BytesIO(contenido)).read("word/document.xml").decode()
    from generator.esquema.vocabularios import vocabulario
    opciones = sum(len(vocabulario(c.vocabulario)) for c in FICHA.campos.values()
                   if not c.interno and c.tipo == "terminos" or (c.tipo == "termino" and c.vocabulario != "paises" and not c.interno))
    assert doc.count("<w14:checkbox>") == opciones
    assert doc.count('w14:val="2612"') == opciones and doc.count("<w:t>☐</w:t>") == opciones
    raiz = etree.fromstring(contenido and zipfile.ZipFile(io.BytesIO(contenido)).read("word/document.xml"))
    for tbl in raiz.iter(_q("tbl")):
        primera = tbl.find(_q("tr"))
        assert all(pp.find(f"{_q('pPr')}/{_q('keepNext')}") is not None for pp in primera.iter(_q("p")))
        assert all(tr.find(f"{_q('trPr')}/{_q('cantSplit')}") is not None for tr in tbl.findall(_q("tr")))


@pytest.mark.parametrize("escrito,esperado", [
    ("31/05/2024", "2024-05-31"), ("1/6/2024", "2024-06-01"), ("31 de mayo de 2024", "2024-05-31"),
    ("2024-05-31", "2024-05-31"), ("31/02/2024", "31/02/2024"), ("mayo", "mayo")])
def test_fechas_con_las_palabras_del_formulario(escrito, esperado):
    from generator.intercambio.importar import fecha_iso
    assert fecha_iso(escrito) == esperado


def test_una_fecha_mal_escrita_se_pide_como_la_pide_el_formulario(exportada, env_py, tmp_path):
    repo, ficha, salida = exportada
    d = DocxCrudo(salida.read_bytes())
    d.respuesta("fecha", p(r("31/02/2024")))
    archivo = tmp_path / "fecha.docx"
    archivo.write_bytes(d.bytes())
    res = _importar(repo, archivo, env_py, "--reemplazar")
    assert "«31/02/2024»" in res.stdout and "dd/mm/aaaa, por ejemplo 31/05/2024" in res.stdout
    assert "AAAA-MM-DD" not in res.stdout


@pytest.mark.parametrize("nombre,codigo", [
    ("República del Paraguay", "PRY"), ("Paraguai", "PRY"), ("Estado Plurinacional de Bolivia", "BOL"),
    ("República Federativa do Brasil", "BRA"), ("Brazil", "BRA"), ("República Oriental del Uruguay", "URY"),
    ("Co-operative Republic of Guyana", "GUY"), ("República Bolivariana de Venezuela", "VEN"),
    ("Republic of Suriname", "SUR"), ("Colômbia", "COL"), ("Peru", "PER"), ("República del Perú", "PER"),
    ("Equador", "ECU"), ("República Argentina", "ARG"), ("United States of America", "USA")])
def test_los_nombres_largos_y_en_otras_lenguas_de_los_paises(nombre, codigo):
    from generator.repositorio.nueva import codigo_pais
    assert codigo_pais(nombre) == codigo


def test_un_pais_desconocido_no_sugiere_otro_cualquiera():
    from generator.repositorio.nueva import ErrorDeNueva, codigo_pais
    with pytest.raises(ErrorDeNueva) as err:
        codigo_pais("República de Paraguya")
    assert "PRY" in str(err.value) and "¿Quiso decir ARG" not in str(err.value)


# --- bad and hostile packages -----------------------------------------------------------------
def test_un_docm_se_lee_sin_abrir_sus_macros(exportada, env_py, tmp_path):
    repo, ficha, salida = exportada
    d = DocxCrudo(salida.read_bytes())
    tipos = d.partes["[Content_Types].xml"].decode().replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml")
    d.partes["[Content_Types].xml"] = tipos.encode()
    archivo = tmp_path / "con-macros.docm"
    archivo.write_bytes(d.bytes({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro que nunca se ejecuta"}))
    res = _importar(repo, archivo, env_py, "--reemplazar")
    assert "Traceback" not in res.stderr and "las macros no se abrieron" in res.stdout, res.stdout + res.stderr
    assert leer_bytes(ficha.read_bytes()).data["titulo"]


def test_un_opendocument_con_nombre_docx(tmp_path, env_py):
    archivo = tmp_path / "ficha.docx"
    with zipfile.ZipFile(archivo, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    res = run(["importar", str(archivo), "--salida", str(tmp_path / "fichas" / "arg" / "x.yml")], env_py)
    assert res.returncode == 1 and "OpenDocument" in res.stderr and "Guardar como" in res.stderr
    assert not (tmp_path / "fichas").exists()


def test_entidades_xml_no_se_expanden(exportada, env_py, tmp_path):
    repo, ficha, salida = exportada
    d = DocxCrudo(salida.read_bytes())
    xml = d.bytes() and d.partes["word/document.xml"].decode()
    bomba = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
             '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY e SYSTEM "file:///etc/passwd">]>')
    xml = bomba + re.sub(r"^<\?xml[^>]*\?>", "", xml).replace("Patria Grande", "&c;&e;", 1)
    d.partes["word/document.xml"] = xml.encode()
    archivo = tmp_path / "entidades.docx"
    with zipfile.ZipFile(archivo, "w") as z:
        for nombre, datos in d.partes.items():
            z.writestr(nombre, datos)
    res = _importar(repo, archivo, env_py, "--reemplazar")
    assert "Traceback" not in res.stderr
    assert "root:" not in ficha.read_text(encoding="utf-8") and "aaaaaaaaaa" not in ficha.read_text(encoding="utf-8")


def _bomba(ruta: Path, mb: int = 600) -> None:
    """A small .docx whose document.xml inflates to `mb` MB."""
    base = zipfile.ZipFile(io.BytesIO(docx_bytes(FormularioWord(FICHA))))
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in base.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info.filename, base.read(info.filename))
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(base.read("word/document.xml")[:-len("</w:body></w:document>")])
            bloque = b" " * (1024 * 1024)
            for _ in range(mb):
                fh.write(bloque)
            fh.write(b"</w:body></w:document>")


MEMORIA = 300 * 1024 * 1024


def _importar_con_limite(args, env) -> subprocess.CompletedProcess:
    """`python -m generator importar …` under a 300 MB address-space limit."""
    codigo = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (%d, %d)); "
              "sys.argv = ['generator'] + sys.argv[1:]; from generator.cli import main; sys.exit(main())") % (MEMORIA, MEMORIA)
    return subprocess.run([sys.executable, "-c", codigo, "importar", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=180)


def test_una_bomba_zip_se_rechaza_con_memoria_acotada(tmp_path, env_py):
    archivo = tmp_path / "bomba.docx"
    _bomba(archivo)
    assert archivo.stat().st_size < 3 * 1024 * 1024
    res = _importar_con_limite([str(archivo), "--salida", str(tmp_path / "fichas" / "arg" / "x.yml")], env_py)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "una vez descomprimidas" in res.stderr and "MemoryError" not in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "fichas").exists()


def test_una_importacion_normal_cabe_en_el_mismo_limite(exportada, env_py):
    repo, ficha, salida = exportada
    res = _importar_con_limite([str(salida), "--repositorio", str(repo), "--reemplazar"], env_py)
    assert res.returncode == 0, res.stdout + res.stderr


# --- saved by LibreOffice ------------------------------------------------------------------------
def _libreoffice() -> str:
    programa = shutil.which("soffice") or shutil.which("libreoffice")
    if not programa:
        pytest.skip("LibreOffice no está instalado (make sistema lo instala)")
    return programa


def convertir(origen: Path, filtro: str, carpeta: Path) -> Path:
    """Open `origen` in LibreOffice headless and save it with `filtro`, as a person saving there would."""
    carpeta.mkdir(parents=True, exist_ok=True)
    perfil = carpeta / "perfil-lo"
    r_ = subprocess.run([_libreoffice(), f"-env:UserInstallation=file://{perfil}", "--headless", "--norestore",
                         "--convert-to", filtro, "--outdir", str(carpeta), str(origen)],
                        capture_output=True, text=True, timeout=240)
    salida = carpeta / (origen.stem + "." + filtro.split(":")[0])
    assert salida.exists(), r_.stdout + r_.stderr
    return salida


def test_guardado_por_libreoffice_se_importa_igual(exportada, env_py, clave_de_prueba, tmp_path):
    repo, ficha, salida = exportada
    antes = leer_bytes(ficha.read_bytes()).data
    guardado = convertir(salida, 'docx:MS Word 2007 XML', tmp_path / "lo")
    xml = zipfile.ZipFile(guardado).read("word/document.xml").decode()
    assert "w14:checkbox" in xml and "tblCaption" not in xml  # LibreOffice keeps the boxes, drops the tables' names
    res = _importar(repo, guardado, env_py)
    assert res.returncode == 1 and "Ya existe" in res.stderr, res.stdout + res.stderr  # the mark survived LibreOffice
    res = _importar(repo, guardado, env_py, "--reemplazar")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "fuera de los recuadros" not in res.stdout and "Faltan" not in res.stdout, res.stdout
    despues = leer_bytes(ficha.read_bytes()).data
    for k, v in antes.items():
        c = FICHA.campos[k]
        if c.tipo == "texto" and c.largo:
            assert parrafos(despues[k]) == parrafos(v), k
        elif c.tipo == "terminos":
            assert sorted(despues[k]) == sorted(v), k
        else:
            assert despues[k] == v, k


@pytest.mark.parametrize("filtro,mensaje", [("odt", "OpenDocument"), ("doc:MS Word 97", "Word 97-2003")])
def test_guardado_como_odt_o_doc_se_pide_como_docx(filtro, mensaje, exportada, env_py, tmp_path):
    repo, ficha, salida = exportada
    antes = ficha.read_bytes()
    otro = convertir(salida, filtro, tmp_path / "lo")
    res = _importar(repo, otro, env_py, "--reemplazar")
    assert res.returncode == 1 and mensaje in res.stderr and "Guardar como" in res.stderr and "Traceback" not in res.stderr
    assert ficha.read_bytes() == antes


def test_un_docx_protegido_con_contrasena(exportada, env_py, tmp_path):
    """Encrypted as Word does it (File › Info › Protect document › Encrypt with password)."""
    from msoffcrypto.format.ooxml import OOXMLFile
    repo, ficha, salida = exportada
    antes = ficha.read_bytes()
    archivo = tmp_path / "protegida.docx"
    with salida.open("rb") as origen, archivo.open("wb") as destino:
        OOXMLFile(origen).encrypt("clave-del-ministerio", destino)
    res = _importar(repo, archivo, env_py, "--reemplazar")
    assert res.returncode == 1 and "protegido con contraseña" in res.stderr and "Traceback" not in res.stderr
    assert ficha.read_bytes() == antes


def test_importar_con_la_clave_avisa_de_un_contacto_que_no_abre(exportada, env_py, tmp_path, clave_de_prueba):
    """A contact kept from the file, encrypted to another key (the demonstration one): reported."""
    import pyrage
    repo, ficha, salida = exportada
    otra = tmp_path / "otra-clave.txt"
    otra.write_text(f"{pyrage.x25519.Identity.generate()}\n", encoding="utf-8")
    res = _importar(repo, salida, env_py, "--reemplazar", "--clave", str(otra))
    assert res.returncode == 1 and "(1.12) Persona de contacto: la clave" in res.stdout and "no abre" in res.stdout
    res = _importar(repo, salida, env_py, "--reemplazar", "--clave", str(clave_de_prueba.archivo))
    assert res.returncode == 0 and "no abre" not in res.stdout, res.stdout + res.stderr


def test_un_salto_de_linea_conservado_se_ve_en_la_pagina():
    """A line break kept from Word («\\» at the end of a line) is a <br> on the page and in the PDF
    (same template); the text around it is escaped; lines wrapped by hand are still one line."""
    import types
    from generator.publicacion.paginas import entorno
    plantilla = entorno().from_string('{% import "_campos.html" as c %}{{ c.texto(t, f) }}')
    f = types.SimpleNamespace(lang="es")
    html = plantilla.render(t="Primera <b>línea</b>\\\nsegunda línea\ncontinúa\n\nOtro párrafo.", f=f)
    assert html == "<p>Primera &lt;b&gt;línea&lt;/b&gt;<br>segunda línea continúa</p>\n<p>Otro párrafo.</p>\n"


def cuadro_de_texto(texto: str) -> str:
    """A text box as Word writes it: a DrawingML shape and its VML fallback, both holding the text."""
    contenido = f"<w:txbxContent>{p(r(texto))}</w:txbxContent>"
    return p('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" '
             'distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
             '<wp:simplePos x="0" y="0"/><wp:extent cx="1828800" cy="457200"/><wp:docPr id="5" name="Cuadro de texto 5"/>'
             '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
             f'<wps:txbx>{contenido}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
             f'</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{contenido}</v:textbox></v:shape></w:pict>'
             '</mc:Fallback></mc:AlternateContent></w:r>')


def test_texto_en_la_cabecera_y_en_cuadros_de_texto(exportada, env_py, tmp_path):
    repo, ficha, salida = exportada
    d = DocxCrudo(salida.read_bytes())
    d.respuesta("entidad_dependencia", p(""))
    d.cabecera("entidad_dependencia", p(r("Ministerio del Interior, Obras Públicas y Vivienda")))  # typed in the header
    d.cabecera("resultados", p(r("Un resultado escrito en la cabecera.")))
    d.despues("entidades_participantes", p(r("Cámara de comercio"), "<w:r><w:br/></w:r>", r("Sindicatos")))
    d.despues("titulo", cuadro_de_texto("Nota en un cuadro aparte"))
    archivo = tmp_path / "cabeceras.docx"
    archivo.write_bytes(d.bytes())
    res = _importar(repo, archivo, env_py, "--reemplazar")
    assert "Traceback" not in res.stderr, res.stderr
    datos = leer_bytes(ficha.read_bytes()).data
    assert datos["entidad_dependencia"] == "Ministerio del Interior, Obras Públicas y Vivienda"
    assert "(1.6) Entidad de dependencia en la orgánica estatal: la respuesta estaba escrita en la cabecera" in res.stdout
    assert parrafos(datos["resultados"])[-1] == "Un resultado escrito en la cabecera."
    assert datos["entidades_participantes"][-2:] == ["Cámara de comercio", "Sindicatos"]
    assert res.stdout.count("Texto escrito en un cuadro de texto: «Nota en un cuadro aparte»") == 1
    assert "Nota en un cuadro" not in ficha.read_text(encoding="utf-8")


def test_un_pais_mal_escrito_en_el_documento_sugiere_el_parecido(exportada, env_py, tmp_path):
    repo, ficha, salida = exportada
    d = DocxCrudo(salida.read_bytes())
    d.respuesta("pais", p(r("República de Paraguya")))
    archivo = tmp_path / "pais.docx"
    archivo.write_bytes(d.bytes())
    antes = ficha.read_bytes()
    res = _importar(repo, archivo, env_py, "--reemplazar")
    assert res.returncode == 1 and "«República de Paraguya»" in res.stderr and "¿Quiso decir Paraguay (PRY)?" in res.stderr
    assert "ARG" not in res.stderr.split("?")[0] and ficha.read_bytes() == antes
    d.respuesta("pais", p(r("República del Paraguay")))  # the long official name: recognized
    archivo.write_bytes(d.bytes())
    destino = tmp_path / "fichas" / "pry" / "patria-grande.yml"
    res = _importar(repo, archivo, env_py, "--salida", str(destino))
    assert leer_bytes(destino.read_bytes()).data["pais"] == "PRY", res.stdout + res.stderr


@pytest.mark.parametrize("origen,otra", [("perfiles/arg/dnm.yml", "fichas"), ("fichas/arg/patria-grande.yml", "perfiles")])
def test_un_formulario_de_otra_clase_se_reconoce(origen, otra, tmp_path, env_py):
    r_ = run(["exportar", str(ROOT / origen), str(tmp_path / "x.docx")], env_py)
    assert r_.returncode == 0, r_.stderr
    destino = tmp_path / otra / "arg" / "x.yml"
    res = run(["importar", str(tmp_path / "x.docx"), "--salida", str(destino)], env_py)
    assert res.returncode == 1 and "es el formulario «" in res.stderr and not destino.exists()


def test_un_documento_open_xml_estricto(exportada, env_py, tmp_path):
    repo, ficha, salida = exportada
    d = DocxCrudo(salida.read_bytes())
    d.partes["_rels/.rels"] = d.partes["_rels/.rels"].replace(
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")
    archivo = tmp_path / "estricto.docx"
    archivo.write_bytes(d.bytes())
    res = _importar(repo, archivo, env_py, "--reemplazar")
    assert res.returncode == 1 and "Open XML estricto" in res.stderr and "Traceback" not in res.stderr


def test_notas_al_pie_y_encabezados_se_informan(exportada, env_py, tmp_path):
    """Word's footnotes and page headers live in their own parts: what is typed there is reported."""
    repo, ficha, salida = exportada
    d = DocxCrudo(salida.read_bytes())
    d.respuesta("resumen", p(r("Un resumen con una nota."), '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                                                             '<w:footnoteReference w:id="1"/></w:r>'))
    for rid, tipo, destino in (("rIdNotas", "footnotes", "footnotes.xml"), ("rIdEnc", "header", "header1.xml")):
        rel = etree.SubElement(d.rels, "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship")
        rel.set("Id", rid)
        rel.set("Type", f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{tipo}")
        rel.set("Target", destino)
    notas = (f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {NS}>'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:footnoteRef/></w:r>'
             + r(" Fuente: informe anual 2023.") + "</w:p></w:footnote></w:footnotes>").encode()
    encabezado = f'<?xml version="1.0" encoding="UTF-8"?><w:hdr {NS}>{p(r("Borrador del Ministerio"))}</w:hdr>'.encode()
    archivo = tmp_path / "notas.docx"
    archivo.write_bytes(d.bytes({"word/footnotes.xml": notas, "word/header1.xml": encabezado}))
    res = _importar(repo, archivo, env_py, "--reemplazar")
    assert "Texto escrito en una nota al pie: «Fuente: informe anual 2023.»" in res.stdout, res.stdout + res.stderr
    assert "Texto escrito en el encabezado de página: «Borrador del Ministerio»" in res.stdout
    assert leer_bytes(ficha.read_bytes()).data["resumen"] == "Un resumen con una nota."


def test_casillas_marcadas_de_otras_maneras(exportada, env_py, tmp_path):
    repo, ficha, salida = exportada
    d = DocxCrudo(salida.read_bytes())
    d.respuesta("categorias", p(r("X ☐ Política y normas")) + p(r("☐ Institucionalidad")) + p(r("☐ Mecanismos operativos ✔")))
    # a checkbox control with no state written (another editor): the glyph it shows
    d.respuesta("documentacion", p('<w:sdt><w:sdtPr><w14:checkbox/></w:sdtPr><w:sdtContent>' + r("☒") + "</w:sdtContent></w:sdt>",
                                   r(" Documento publicado")) + p(r("☐ Archivo electrónico")) + p(r("☐ Sin documentación")))
    archivo = tmp_path / "casillas.docx"
    archivo.write_bytes(d.bytes())
    _importar(repo, archivo, env_py, "--reemplazar")
    datos = leer_bytes(ficha.read_bytes()).data
    assert datos["categorias"] == ["politica-normas", "mecanismos-operativos"]
    assert datos["documentacion"] == ["documento-publicado"]


def _con_parrafos(salida: Path, destino: Path, n: int) -> None:
    """The exported form with `n` tiny paragraphs typed below (1.2): many elements, little text."""
    d = DocxCrudo(salida.read_bytes())
    d.despues("titulo", "<w:p><w:r><w:t>x</w:t></w:r></w:p>" * n)
    destino.write_bytes(d.bytes({"word/media/relleno.bin": __import__("os").urandom(400_000)}))  # keeps the ratio low


def test_demasiados_elementos_se_rechazan_antes_de_leerlos(exportada, env_py, tmp_path):
    repo, ficha, salida = exportada
    archivo = tmp_path / "elementos.docx"
    _con_parrafos(salida, archivo, 40_000)
    antes = ficha.read_bytes()
    res = _importar_con_limite([str(archivo), "--repositorio", str(repo), "--reemplazar"], env_py)
    assert res.returncode == 1 and "elementos" in res.stderr and "Traceback" not in res.stderr, res.stderr[-2000:]
    assert ficha.read_bytes() == antes


def test_el_documento_mas_grande_que_se_lee_cabe_en_el_limite(exportada, env_py, tmp_path):
    repo, ficha, salida = exportada
    archivo = tmp_path / "grande.docx"
    _con_parrafos(salida, archivo, 31_000)  # just under the bound on elements, all of it reported
    res = _importar_con_limite([str(archivo), "--repositorio", str(repo), "--reemplazar"], env_py)
    assert "MemoryError" not in res.stderr and "Traceback" not in res.stderr, res.stderr[-2000:]
    assert "Texto escrito fuera de los recuadros, después de (1.2)" in res.stdout


def test_un_enlace_en_un_texto_conserva_su_direccion(exportada, env_py, tmp_path):
    repo, ficha, salida = exportada
    d = DocxCrudo(salida.read_bytes())
    d.vinculo("rIdLey", "https://example.org/ley-25871")
    d.respuesta("replicacion", p(r("Requiere una ley como la "), '<w:hyperlink r:id="rIdLey"><w:r><w:t>Ley 25.871</w:t></w:r>'
                                                                   '</w:hyperlink>', r(" y capacidad operativa.")))
    archivo = tmp_path / "enlace.docx"
    archivo.write_bytes(d.bytes())
    _importar(repo, archivo, env_py, "--reemplazar")
    assert leer_bytes(ficha.read_bytes()).data["replicacion"] == \
        "Requiere una ley como la Ley 25.871 (https://example.org/ley-25871) y capacidad operativa."


def test_un_formulario_sin_marca_con_el_mismo_titulo_actualiza_su_ficha(exportada, env_py, tmp_path):
    """A form exported before forms carried their mark: the record of that country with the same title."""
    repo, ficha, salida = exportada
    datos = leer_bytes(ficha.read_bytes()).data
    archivo = tmp_path / "Ficha Argentina (versión vieja).docx"
    archivo.write_bytes(docx_bytes(FormularioWord(FICHA, datos)))
    assert b"catalogo-csm-registro" not in zipfile.ZipFile(archivo).read("docProps/custom.xml")
    antes = sorted((repo / "fichas" / "arg").iterdir())
    res = _importar(repo, archivo, env_py)
    assert res.returncode == 1 and "patria-grande.yml: tiene el mismo título" in res.stderr
    res = _importar(repo, archivo, env_py, "--reemplazar")
    assert res.returncode == 0, res.stdout + res.stderr
    assert sorted((repo / "fichas" / "arg").iterdir()) == antes  # the same file, no second one
    assert leer_bytes(ficha.read_bytes()).data["contacto"]["privado"] == datos["contacto"]["privado"]


def test_un_salto_conservado_en_los_datos_abiertos():
    from generator.publicacion.datos import _valor_exportado
    import types
    campo = FICHA.campos["resumen"]
    v = types.SimpleNamespace(tipo="texto", campo=campo, valor="Primera línea\\\nsegunda línea.")
    assert _valor_exportado(v, "https://example.org/") == "Primera línea\nsegunda línea."


@pytest.mark.parametrize("contenido,mensaje", [
    (b"%PDF-1.7\n", "es un PDF"),
    (b"<html><body>Ficha</body></html>", "página web (HTML)"),
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related", "página web (HTML)"),
    (b"{\\rtf1\\ansi Ficha}", "RTF"),
    (b"", "está dañado"),
])
def test_otros_archivos_con_nombre_docx(contenido, mensaje, tmp_path, env_py):
    archivo = tmp_path / "ficha.docx"
    archivo.write_bytes(contenido)
    res = run(["importar", str(archivo), "--salida", str(tmp_path / "fichas" / "arg" / "x.yml")], env_py)
    assert res.returncode == 1 and mensaje in res.stderr and "Traceback" not in res.stderr, res.stderr
    assert not (tmp_path / "fichas").exists()
