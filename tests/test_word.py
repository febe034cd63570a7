"""The form in Word: generated from the field descriptions, filled by `exportar`, read back by
`importar` as a focal point's Word would leave it; bad files get a clear message and nothing written."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from conftest import ROOT
from generator.esquema.campos import FICHA, PERFIL
from generator.intercambio.word import CASILLA, MARCADA, FormularioWord, docx_bytes
from generator.privacidad.cifrado import descifrar
from generator.publicacion.modelo import parrafos
from generator.validacion.lectura import leer_bytes


def run(args, env, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def _comparable(datos: dict) -> dict:
    """What a record says, as published: paragraphs of long texts, sets of options, the contact decrypted apart."""
    out = {}
    for k, v in datos.items():
        c = FICHA.campos[k]
        if c.interno:  # the ST's own fields (demostración) are not in the form
            continue
        if c.tipo == "texto" and c.largo:
            out[k] = parrafos(v)
        elif c.tipo == "terminos":
            out[k] = sorted(v)
        elif k == "contacto":
            out[k] = {s: x for s, x in v.items() if s != "privado"}
        else:
            out[k] = v
    return out


def _texto_visible(contenido: bytes, tmp_path) -> str:
    """Every paragraph as a reader sees it (content controls included)."""
    from generator.intercambio.paquete import abrir
    from generator.intercambio.wordml import Tabla, bloques
    (tmp_path / "x.docx").write_bytes(contenido)
    lineas = []
    for b in bloques(abrir(tmp_path / "x.docx")):
        ps = [p for f in b.filas for c in f for p in c] if isinstance(b, Tabla) else [b]
        lineas += [p.texto for p in ps]
    return "\n".join(lineas)


def test_el_formulario_vacio_tiene_cada_campo_numerado_y_cada_opcion(tmp_path):
    contenido = docx_bytes(FormularioWord(FICHA, correo_st="st@example.org"))
    texto = _texto_visible(contenido, tmp_path)
    for c in FICHA.campos.values():
        if not c.interno:
            assert c.rotulo in texto, c.rotulo
    assert f"{CASILLA} Fortalecimiento de las prácticas en derechos humanos en la política migratoria" in texto
    assert "st@example.org" in texto and "Máximo 200 palabras." in texto and "dd/mm/aaaa" in texto
    assert "tema_otro" not in texto and "COMPLETAR" not in texto  # the form's words, not the file's


def test_el_mismo_registro_da_el_mismo_documento():
    datos = leer_bytes((ROOT / "fichas" / "arg" / "patria-grande.yml").read_bytes()).data
    assert docx_bytes(FormularioWord(FICHA, datos)) == docx_bytes(FormularioWord(FICHA, datos))


@pytest.mark.parametrize("nombre", sorted(p.relative_to(ROOT / "fichas").as_posix() for p in (ROOT / "fichas").glob("*/*.yml")))
def test_exportar_e_importar_da_la_misma_ficha(nombre, tmp_path, env_py, clave_de_prueba, fichas_de_prueba):
    ficha = fichas_de_prueba / nombre
    salida = tmp_path / "ficha.docx"
    r = run(["exportar", str(ficha), str(salida), "--clave", str(clave_de_prueba.archivo)], env_py)
    assert r.returncode == 0, r.stderr
    destino = tmp_path / "fichas" / ficha.parent.name / ficha.name
    r = run(["importar", str(salida), "--salida", str(destino)], env_py)
    original, importada = leer_bytes(ficha.read_bytes()).data, leer_bytes(destino.read_bytes()).data
    if "archivo:" in ficha.read_text(encoding="utf-8"):  # attached files live beside the original
        for rel in ("anexos",):
            if (ficha.parent / rel).exists():
                shutil.copytree(ficha.parent / rel, destino.parent / rel)
        r = run(["validate", str(destino)], env_py)
    assert r.returncode == 0, r.stdout + r.stderr
    assert _comparable(importada) == _comparable(original)
    assert descifrar(importada["contacto"]["privado"], clave_de_prueba.identidad) == \
        descifrar(original["contacto"]["privado"], clave_de_prueba.identidad)


def _celda_respuesta(doc, clave):
    tabla = next(t for t in doc.tables if t._tbl.tblPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblCaption").get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == clave)
    return tabla, tabla.rows[1].cells[0]


def _reescribir(celda, texto):
    for p in celda.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    celda.paragraphs[0].text = texto


def test_un_documento_editado_como_lo_haria_una_persona(tmp_path, env_py, clave_de_prueba, fichas_de_prueba):
    salida = tmp_path / "arg.docx"
    assert run(["exportar", str(fichas_de_prueba / "arg" / "patria-grande.yml"), str(salida),
                "--clave", str(clave_de_prueba.archivo)], env_py).returncode == 0
    doc = Document(str(salida))
    _, resumen = _celda_respuesta(doc, "resumen")
    _reescribir(resumen, "El programa «Patria Grande» — “regularización” con 'comillas'\u00a0y un salto")
    resumen.paragraphs[0].add_run().add_break()  # a soft line break (Mayús+Intro)
    resumen.paragraphs[0].add_run("suave.")
    _, temas = _celda_respuesta(doc, "temas")
    for p in temas.paragraphs:  # tick another box, in an editor without content controls: an X instead of the box
        if "consulta social" in p.text:
            p.text = "X" + p.text
    _, asociadas = _celda_respuesta(doc, "entidades_asociadas")
    asociadas.add_paragraph("• Red de organizaciones de migrantes")
    asociadas.add_paragraph("2) Universidad Nacional")
    _, fecha = _celda_respuesta(doc, "fecha")
    fecha.paragraphs[0].text = "15/03/2024"
    doc.save(str(salida))
    destino = tmp_path / "fichas" / "arg" / "patria-grande.yml"
    r = run(["importar", str(salida), "--salida", str(destino)], env_py)
    assert r.returncode == 0, r.stdout + r.stderr
    datos = leer_bytes(destino.read_bytes()).data
    # the soft line break is kept as a line break (a line ending in «\\»), the page shows it
    assert datos["resumen"] == "El programa «Patria Grande» — “regularización” con 'comillas' y un salto\\\nsuave."
    assert parrafos(datos["resumen"]) == ["El programa «Patria Grande» — “regularización” con 'comillas' y un salto\nsuave."]
    assert "consulta-social" in datos["temas"] and "derechos-humanos" in datos["temas"]
    assert datos["entidades_asociadas"][-2:] == ["Red de organizaciones de migrantes", "Universidad Nacional"]
    assert datos["fecha"] == "2024-03-15"


@pytest.mark.parametrize("nombre,contenido,mensaje", [
    ("ficha.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Guardar como"),
    ("ficha.odt", b"PK\x03\x04 no importa", "Guardar como"),
    ("ficha.pdf", b"%PDF-1.7", "Guardar como"),
    ("ficha.docx", b"esto no es un zip", "está dañado"),
    ("ficha.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "protegido con contraseña"),
])
def test_archivos_que_no_se_pueden_importar(nombre, contenido, mensaje, tmp_path, env_py):
    archivo = tmp_path / nombre
    archivo.write_bytes(contenido)
    r = run(["importar", str(archivo), "--salida", str(tmp_path / "fichas" / "arg" / "x.yml")], env_py)
    assert r.returncode == 1 and mensaje in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "fichas").exists()


def test_un_archivo_demasiado_grande(tmp_path, env_py):
    archivo = tmp_path / "ficha.docx"
    with archivo.open("wb") as fh:
        fh.truncate(21 * 1024 * 1024)
    r = run(["importar", str(archivo), "--pais", "ARG"], env_py)
    assert r.returncode == 1 and "el máximo es 20 MB" in r.stderr


def test_un_docx_que_no_es_el_formulario(tmp_path, env_py):
    doc = Document()
    doc.add_paragraph("Informe anual de la Dirección")
    doc.save(str(tmp_path / "informe.docx"))
    r = run(["importar", str(tmp_path / "informe.docx"), "--pais", "ARG", "--salida", str(tmp_path / "x.yml")], env_py)
    assert r.returncode == 1 and "no es el formulario del catálogo" in r.stderr and not (tmp_path / "x.yml").exists()


def test_una_version_incompleta_dice_que_campos_encontro(tmp_path, env_py):
    datos = leer_bytes((ROOT / "fichas" / "arg" / "patria-grande.yml").read_bytes()).data
    doc = Document(io.BytesIO(docx_bytes(FormularioWord(FICHA, datos))))
    for t in list(doc.tables):  # an old version without section 2
        titulo = t._tbl.tblPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblCaption")
        if FICHA.campos[titulo.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")].seccion == "2":
            t._tbl.getparent().remove(t._tbl)
    doc.save(str(tmp_path / "vieja.docx"))
    destino = tmp_path / "fichas" / "arg" / "vieja.yml"
    r = run(["importar", str(tmp_path / "vieja.docx"), "--salida", str(destino)], env_py)
    assert r.returncode == 1 and destino.exists()  # written, so the ST can finish it
    assert "Encontrados: (1.1)" in r.stdout and "Faltan: (2.1)" in r.stdout
    assert "vieja.docx: (2.2) Resumen de la experiencia: falta este campo obligatorio. Complételo en el documento." in r.stdout


def test_importar_no_sobrescribe_sin_reemplazar(tmp_path, env_py):
    datos = leer_bytes((ROOT / "fichas" / "arg" / "patria-grande.yml").read_bytes()).data
    (tmp_path / "a.docx").write_bytes(docx_bytes(FormularioWord(FICHA, datos)))
    destino = tmp_path / "fichas" / "arg" / "patria-grande.yml"
    destino.parent.mkdir(parents=True)
    destino.write_bytes((ROOT / "fichas" / "arg" / "patria-grande.yml").read_bytes())
    antes = destino.read_bytes()
    r = run(["importar", str(tmp_path / "a.docx"), "--salida", str(destino)], env_py)
    assert r.returncode == 1 and "No se sobrescribe" in r.stderr and destino.read_bytes() == antes
    # with --reemplazar, a document without the contact keeps the encrypted one already there
    r = run(["importar", str(tmp_path / "a.docx"), "--salida", str(destino), "--reemplazar"], env_py)
    assert r.returncode == 0, r.stdout + r.stderr
    assert leer_bytes(destino.read_bytes()).data["contacto"]["privado"] == datos["contacto"]["privado"]


def test_el_cuestionario_de_cooperacion_ida_y_vuelta(tmp_path, env_py):
    origen = ROOT / "perfiles" / "arg" / "dnm.yml"
    r = run(["exportar", str(origen), str(tmp_path / "p.docx")], env_py)
    assert r.returncode == 0, r.stderr
    destino = tmp_path / "perfiles" / "arg" / "dnm.yml"
    r = run(["importar", str(tmp_path / "p.docx"), "--salida", str(destino)], env_py)
    assert r.returncode == 0, r.stdout + r.stderr
    a, b = leer_bytes(origen.read_bytes()).data, leer_bytes(destino.read_bytes()).data
    for lado in ("demanda", "oferta"):
        assert [(x["area"], sorted(x["mecanismos"])) for x in a[lado]] == [(x["area"], sorted(x["mecanismos"])) for x in b[lado]]


def test_el_sitio_publica_los_formularios_en_word(sitio):
    for nombre in ("ficha-tecnica.docx", "perfil-cooperacion.docx"):
        assert zipfile.is_zipfile(sitio / "descargas" / nombre)
    contribuir = (sitio / "contribuir" / "index.html").read_text(encoding="utf-8")
    assert contribuir.index("descargas/ficha-tecnica.docx") < contribuir.index('id="github"')  # no account first
    assert 'id="enviar"' in contribuir or "Enviar a la Secretaría Técnica" in contribuir
