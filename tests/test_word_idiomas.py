"""The Word forms in every language of the catalogue (issue 25): the form is written in a language's
labels, options and words (schema/idiomas/<código>/word.yml), and `importar` reads a form in any
language back to the same codes, says its notices in the document's language and takes the form's
language as the ficha's «idioma» unless the focal point ticked another.

The fields' and options' translations (schema/idiomas/<código>/campos*.yml, vocabularios.yml) are
another part of the work: these tests put a catalogue of their own in their place, so they prove
the mechanism whatever the wording there."""
from __future__ import annotations

import io
import re
import zipfile

import pytest
import yaml
from docx import Document

from conftest import ROOT
from generator.esquema import idiomas
from generator.esquema import vocabularios as vocab_mod
from generator.esquema.campos import FICHA, PERFIL, TIPOS_DE_REGISTRO
from generator.intercambio.importar import importar, leer_word
from generator.intercambio.word import CASILLA, MARCA_IDIOMA, FormularioWord, docx_bytes
from generator.publicacion import rutas
from generator.validacion.lectura import leer_bytes
from test_importar_word import convertir
from test_word import _celda_respuesta, _comparable, _texto_visible, run

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MARCAS = {"pt": "PT", "en": "EN"}


def _traducido(idioma: str, texto: str) -> str:
    """A stand-in translation: another text for every label, that contains no Spanish label."""
    return f"{MARCAS[idioma]} {texto.upper()}"


def _campos(idioma: str, fuente: dict) -> dict:
    def campo(spec: dict) -> dict:
        out = {"etiqueta": _traducido(idioma, spec["etiqueta"]), "instruccion": _traducido(idioma, spec["instruccion"])}
        if spec.get("subcampos"):
            out["subcampos"] = {k: campo(v) for k, v in spec["subcampos"].items()}
        return out
    return {"registro": {"titulo": _traducido(idioma, fuente["registro"]["titulo"])},
            "secciones": {str(s["numero"]): _traducido(idioma, s["titulo"]) for s in fuente["secciones"]},
            "campos": {k: campo(v) for k, v in fuente["campos"].items()}}


def _vocabularios(idioma: str) -> dict:
    with (ROOT / "schema" / "vocabularios.yml").open(encoding="utf-8") as fh:
        fuente = yaml.safe_load(fh)
    return {nombre: {str(x.get("slug") or x.get("codigo")): _traducido(idioma, x.get("etiqueta") or x.get("nombre"))
                     for x in items} for nombre, items in fuente.items()}


def _limpiar():
    from generator.validacion import validar as validar_mod
    validar_mod.schema_en.cache_clear()  # the schema and its messages written in a language: built from the labels
    validar_mod.traductor.cache_clear()
    vocab_mod._traducidas.cache_clear()
    vocab_mod._etiquetas.cache_clear()
    for tipo in TIPOS_DE_REGISTRO:
        tipo._por_idioma.clear()


@pytest.fixture
def catalogo_traducido(monkeypatch):
    """pt and en catalogues of fields and options of this test's own (word.yml stays the real one)."""
    real = idiomas.archivo
    propios = {}
    for idioma in MARCAS:
        propios[(idioma, "campos")] = _campos(idioma, FICHA.fuente)
        propios[(idioma, "campos-perfil")] = _campos(idioma, PERFIL.fuente)
        propios[(idioma, "vocabularios")] = _vocabularios(idioma)
    monkeypatch.setattr(idiomas, "archivo", lambda codigo, nombre: propios.get((codigo, nombre)) or real(codigo, nombre))
    _limpiar()
    yield
    _limpiar()


def _datos(ruta: str) -> dict:
    return leer_bytes((ROOT / ruta).read_bytes()).data


def _tabla(doc, clave):
    return next(t for t in doc.tables if t._tbl.tblPr.find(f"{W}tblCaption").get(f"{W}val") == clave)


def _propiedad(contenido: bytes, nombre: str) -> str | None:
    custom = zipfile.ZipFile(io.BytesIO(contenido)).read("docProps/custom.xml").decode()
    m = re.search(rf'name="{nombre}"><vt:lpwstr>([^<]*)<', custom)
    return m.group(1) if m else None


@pytest.mark.parametrize("idioma", ["pt", "en"])
def test_el_formulario_vacio_en_otro_idioma_habla_ese_idioma(idioma, catalogo_traducido, tmp_path):
    contenido = docx_bytes(FormularioWord(FICHA, correo_st="st@example.org", sitio_url="https://x.org/", idioma=idioma))
    texto = _texto_visible(contenido, tmp_path)
    with idiomas.en(idioma):
        rotulos = {c.clave: c.rotulo for c in FICHA.campos.values() if not c.interno}
        temas = [t.etiqueta for t in vocab_mod.vocabulario("temas")]
        secciones = [s.titulo for s in FICHA.secciones]
    espanol = {c.clave: c.rotulo for c in FICHA.campos.values() if not c.interno}
    for clave, rotulo in rotulos.items():
        assert rotulo in texto, rotulo
        assert espanol[clave] not in texto, espanol[clave]  # no Spanish label left
    assert all(f"{CASILLA} {t}" in texto for t in temas) and all(s in texto for s in secciones)
    # the form's own words: the language's word.yml, none of the Spanish ones it translates
    for clave in ("portada.paso_escribir", "portada.paso_guardar", "portada.ficha.actualizar", "responder.fecha"):
        assert idiomas.texto(f"word.{clave}", idioma) in texto
        assert idiomas.texto(f"word.{clave}", "es") not in texto
    assert idiomas.texto("word.limite", idioma).format(n=200) in texto
    assert _propiedad(contenido, MARCA_IDIOMA) == idioma
    doc = Document(io.BytesIO(contenido))
    assert doc.core_properties.language.startswith(idioma)


def test_cada_idioma_tiene_su_propio_nombre_de_archivo():
    assert rutas.formulario_word("ficha") == "descargas/ficha-tecnica.docx"  # Spanish keeps its address
    assert rutas.formulario_word("ficha", "pt") == "descargas/ficha-tecnica-pt.docx"
    assert rutas.formulario_word("perfil", "en") == "descargas/perfil-cooperacion-en.docx"
    with idiomas.en("pt"):
        assert rutas.formulario_word("perfil") == "descargas/perfil-cooperacion-pt.docx"
    nombres = {rutas.formulario_word(t, i) for t in ("ficha", "perfil") for i in idiomas.disponibles()}
    assert len(nombres) == 2 * len(idiomas.disponibles())


def test_el_nombre_del_archivo_sale_del_tipo_en_cualquier_idioma(catalogo_traducido, monkeypatch):
    """`tipo.nombre` is translated («technical sheet»): the form's address is found from it too."""
    with idiomas.en("en"):
        traducido = dict(FICHA.descripcion["registro"], nombre="technical sheet")
        monkeypatch.setitem(FICHA._por_idioma, ("descripcion", "en"), dict(FICHA.descripcion, registro=traducido))
        assert FICHA.nombre == "technical sheet"
        assert rutas.formulario_word(FICHA.nombre) == "descargas/ficha-tecnica-en.docx"
    assert rutas.formulario_word(FICHA.carpeta, "pt") == "descargas/ficha-tecnica-pt.docx"
    with pytest.raises(KeyError):
        rutas.formulario_word("otra-cosa")


def test_el_sitio_escribe_los_formularios_del_idioma_en_que_se_construye():
    from generator.config import leer_configuracion
    from generator.publicacion.escritura import formularios_word
    config = leer_configuracion()
    with idiomas.en("pt"):
        formularios = formularios_word("https://x.org/", config)
    assert set(formularios) == {"descargas/ficha-tecnica-pt.docx", "descargas/perfil-cooperacion-pt.docx"}
    assert all(_propiedad(c, MARCA_IDIOMA) == "pt" for c in formularios.values())
    assert set(formularios_word("https://x.org/", config)) == {"descargas/ficha-tecnica.docx", "descargas/perfil-cooperacion.docx"}


def _rellenar_como_un_punto_focal(contenido: bytes, idioma: str) -> Document:
    """An exported form edited in the form's language: an option ticked with an X before its label,
    the date typed as the form asks, a text rewritten."""
    doc = Document(io.BytesIO(contenido))
    with idiomas.en(idioma):
        consulta = next(t.etiqueta for t in vocab_mod.vocabulario("temas") if t.slug == "consulta-social")
    marcada = False
    for p in _tabla(doc, "temas").rows[1].cells[0].paragraphs:
        if p.text.endswith(consulta):
            p.text = "X " + consulta
            marcada = True
    assert marcada
    _, fecha = _celda_respuesta(doc, "fecha")
    fecha.paragraphs[0].text = "15/03/2024"
    _, resumen = _celda_respuesta(doc, "resumen")
    for p in resumen.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    resumen.paragraphs[0].text = "O programa «Pátria Grande» regularizou a situação de migrantes do MERCOSUL."
    return doc


@pytest.mark.parametrize("idioma", ["pt", "en"])
def test_la_ficha_en_otro_idioma_vuelve_con_los_mismos_valores(idioma, catalogo_traducido, tmp_path, monkeypatch,
                                                               clave_de_prueba):
    monkeypatch.setenv("CATALOGO_DESTINATARIOS", str(clave_de_prueba.destinatarios))
    datos = _datos("fichas/arg/patria-grande.yml")
    privados = {"nombre": "Ana Pérez", "cargo": "Directora", "email": "ana@example.org"}
    contenido = docx_bytes(FormularioWord(FICHA, datos, privados, idioma=idioma))
    texto = _texto_visible(contenido, tmp_path)
    with idiomas.en(idioma):
        assert datos["pais"] != "ARG" or vocab_mod.etiquetas("paises")["ARG"] in texto  # the country in its label
    doc = _rellenar_como_un_punto_focal(contenido, idioma)
    doc.save(str(tmp_path / "ficha.docx"))
    destino = tmp_path / "fichas" / "arg" / "patria-grande.yml"
    hecho = importar(tmp_path / "ficha.docx", salida=destino)
    importada = leer_bytes(destino.read_bytes()).data
    esperado = dict(datos, fecha="2024-03-15", temas=[*datos["temas"], "consulta-social"], idioma=idioma,
                    resumen="O programa «Pátria Grande» regularizou a situação de migrantes do MERCOSUL.")
    assert _comparable(importada) == _comparable(esperado)
    assert importada["idioma"] == idioma  # the form's language, as nobody ticked another
    # its notices in the document's language: the one on the language taken from the form
    with idiomas.en(idioma):
        campo = FICHA.campos["idioma"].rotulo
    assert any(a.startswith(campo) and idiomas.texto("word.importar.idioma_del_formulario", idioma).split("{idioma}")[0]
               .format(campo=campo) in a for a in hecho.avisos), hecho.avisos
    assert hecho.problemas == [], hecho.problemas


def test_una_ficha_marcada_en_otro_idioma_conserva_el_que_se_eligio(catalogo_traducido, tmp_path, monkeypatch,
                                                                     clave_de_prueba):
    """A focal point answers the Portuguese form in Spanish and ticks «Español»: the ficha is Spanish."""
    monkeypatch.setenv("CATALOGO_DESTINATARIOS", str(clave_de_prueba.destinatarios))
    datos = dict(_datos("fichas/arg/patria-grande.yml"), idioma="es")
    (tmp_path / "f.docx").write_bytes(docx_bytes(FormularioWord(FICHA, datos, idioma="pt")))
    destino = tmp_path / "fichas" / "arg" / "x.yml"
    importar(tmp_path / "f.docx", salida=destino)
    assert leer_bytes(destino.read_bytes()).data["idioma"] == "es"


def test_los_problemas_se_dicen_en_el_idioma_del_documento(catalogo_traducido, tmp_path, monkeypatch, clave_de_prueba):
    monkeypatch.setenv("CATALOGO_DESTINATARIOS", str(clave_de_prueba.destinatarios))
    datos = _datos("fichas/arg/patria-grande.yml")
    doc = Document(io.BytesIO(docx_bytes(FormularioWord(FICHA, datos, idioma="pt"))))
    _, resumen = _celda_respuesta(doc, "resumen")
    for p in resumen.paragraphs:
        p.text = ""
    doc.save(str(tmp_path / "f.docx"))
    hecho = importar(tmp_path / "f.docx", salida=tmp_path / "fichas" / "arg" / "x.yml")
    # the validator's own words are its catalogue's (schema/idiomas/<código>/mensajes.yml); what the
    # importer puts instead of the file's words («la clave resumen:») is the document's language
    problema = next((p for p in hecho.problemas if p.startswith("(2.2)")), hecho.problemas)
    assert problema.endswith(idiomas.texto("word.importar.complete_en_el_documento", "pt")), problema
    assert "resumen:" not in problema
    # --idioma (here: idioma=) chooses another language for the messages
    hecho = importar(tmp_path / "f.docx", salida=tmp_path / "fichas" / "arg" / "y.yml", idioma="es")
    problema = next((p for p in hecho.problemas if p.startswith("(2.2)")), hecho.problemas)
    assert problema.endswith(idiomas.texto("word.importar.complete_en_el_documento", "es")), problema


def test_guardado_por_libreoffice_en_portugues_se_reconoce_por_sus_etiquetas(catalogo_traducido, tmp_path, monkeypatch,
                                                                              clave_de_prueba):
    """LibreOffice drops the tables' hidden names: the fields are found by their Portuguese labels; with
    the language's property removed too, the labels say the language."""
    monkeypatch.setenv("CATALOGO_DESTINATARIOS", str(clave_de_prueba.destinatarios))
    datos = _datos("fichas/arg/patria-grande.yml")
    contenido = docx_bytes(FormularioWord(FICHA, datos, idioma="pt"))
    origen = tmp_path / "pt.docx"
    with zipfile.ZipFile(io.BytesIO(contenido)) as zin, zipfile.ZipFile(origen, "w") as zout:
        for info in zin.infolist():
            parte = zin.read(info.filename)
            if info.filename == "docProps/custom.xml":
                parte = re.sub(rb'<property[^>]*name="catalogo-csm-idioma">.*?</property>', b"", parte)
            zout.writestr(info, parte)
    guardado = convertir(origen, "docx:MS Word 2007 XML", tmp_path / "lo")
    xml = zipfile.ZipFile(guardado).read("word/document.xml").decode()
    assert "tblCaption" not in xml
    lectura = leer_word(guardado)
    assert lectura.idioma == "pt" and lectura.tipo is FICHA
    assert not lectura.faltan, lectura.faltan
    hecho = importar(guardado, salida=tmp_path / "fichas" / "arg" / "patria-grande.yml")
    importada = leer_bytes(hecho.ruta.read_bytes()).data
    assert _comparable(importada) == _comparable(dict(datos, idioma="pt"))
    assert not any("fora dos quadros" in a for a in hecho.avisos), hecho.avisos


def test_el_cuestionario_de_cooperacion_en_ingles_ida_y_vuelta(catalogo_traducido, tmp_path, monkeypatch, clave_de_prueba):
    monkeypatch.setenv("CATALOGO_DESTINATARIOS", str(clave_de_prueba.destinatarios))
    origen = _datos("perfiles/arg/dnm.yml")
    contenido = docx_bytes(FormularioWord(PERFIL, origen, idioma="en"))
    texto = _texto_visible(contenido, tmp_path)
    with idiomas.en("en"):
        area = vocab_mod.etiquetas("areas_cooperacion")[origen["demanda"][0]["area"]]
    assert area in texto and "(obligatorio)" not in texto and idiomas.texto("word.obligatorio", "en").strip() in texto
    (tmp_path / "p.docx").write_bytes(contenido)
    destino = tmp_path / "perfiles" / "arg" / "dnm.yml"
    hecho = importar(tmp_path / "p.docx", salida=destino)
    assert hecho.tipo is PERFIL
    b = leer_bytes(destino.read_bytes()).data
    for lado in ("demanda", "oferta"):
        assert [(x["area"], sorted(x["mecanismos"])) for x in origen[lado]] == [(x["area"], sorted(x["mecanismos"])) for x in b[lado]]
    assert b["idioma"] == "en"


def test_exportar_escribe_en_el_idioma_de_la_ficha(tmp_path, env_py, fichas_de_prueba):
    ficha = tmp_path / "fichas" / "arg" / "x.yml"
    ficha.parent.mkdir(parents=True)
    texto = (fichas_de_prueba / "arg" / "patria-grande.yml").read_text(encoding="utf-8")
    ficha.write_text(re.sub(r"(?m)^idioma:.*\n", "", texto) + "\nidioma: pt\n", encoding="utf-8")
    r = run(["exportar", str(ficha), str(tmp_path / "x.docx")], env_py)
    assert r.returncode == 0, r.stderr
    contenido = (tmp_path / "x.docx").read_bytes()
    assert _propiedad(contenido, MARCA_IDIOMA) == "pt"
    assert idiomas.texto("word.portada.paso_guardar", "pt") in _texto_visible(contenido, tmp_path)
    r = run(["exportar", str(ficha), str(tmp_path / "y.docx"), "--idioma", "en"], env_py)
    assert r.returncode == 0 and _propiedad((tmp_path / "y.docx").read_bytes(), MARCA_IDIOMA) == "en"
    r = run(["exportar", str(ficha), str(tmp_path / "z.docx"), "--idioma", "fr"], env_py)
    assert r.returncode == 2 and "es, en, pt" in r.stderr and not (tmp_path / "z.docx").exists()


def test_el_texto_del_correo_en_portugues_se_lee(catalogo_traducido, tmp_path):
    """The site's e-mail (docs/assets/proponer/correo.js) written in Portuguese: its labels are found."""
    from generator.intercambio.correo import leer_texto
    with idiomas.en("pt"):
        c = FICHA.campos
        brasil, tema = vocab_mod.etiquetas("paises")["BRA"], vocab_mod.etiquetas("temas")["derechos-humanos"]
        inicio = c["periodo"].sub("inicio").etiqueta.split(" — ")[-1]
        texto = "\n".join([f"{c['pais'].rotulo}: {brasil}", f"{c['titulo'].rotulo}: Operação Acolhida",
                           f"{c['temas'].rotulo}: {tema}", f"{c['periodo'].rotulo}:", f"  {inicio}: 2018", ""])
    (tmp_path / "correo.txt").write_text(texto, encoding="utf-8")
    lectura = leer_texto(tmp_path / "correo.txt")
    assert lectura.idioma == "pt" and lectura.tipo is FICHA
    assert lectura.datos["pais"] == "BRA" and lectura.datos["titulo"] == "Operação Acolhida"
    assert lectura.datos["temas"] == ["derechos-humanos"] and lectura.datos["periodo"] == {"inicio": 2018}


def test_el_corrector_de_word_revisa_en_el_idioma_del_formulario():
    doc = Document(io.BytesIO(docx_bytes(FormularioWord(FICHA, idioma="pt"))))
    lang = doc.styles["Normal"].element.find(f"{W}rPr/{W}lang")
    assert lang is not None and lang.get(f"{W}val") == "pt-BR"


@pytest.mark.parametrize("nombre, contenido, clave", [
    ("ficha.odt", b"PK\x03\x04", "word.paquete.guardelo"),
    ("ficha.docx", b"esto no es un zip", "word.paquete.danado"),
    ("ficha.docx", b"%PDF-1.7", "word.paquete.pdf"),
])
def test_un_archivo_que_no_se_abre_se_explica_en_el_idioma_pedido(nombre, contenido, clave, tmp_path):
    from generator.intercambio.paquete import NoSeImporto
    (tmp_path / nombre).write_bytes(contenido)
    for idioma in ("pt", "en"):
        with pytest.raises(NoSeImporto) as err:
            importar(tmp_path / nombre, salida=tmp_path / "fichas" / "arg" / "x.yml", idioma=idioma)
        frase = max(re.split(r"\{\w+\}", idiomas.texto(clave, idioma)), key=len)  # its longest fixed part
        assert frase in str(err.value) and frase not in idiomas.texto(clave, "es"), str(err.value)
    assert not (tmp_path / "fichas").exists()


def test_una_actualizacion_en_otro_idioma_conserva_el_idioma_de_la_ficha(catalogo_traducido, tmp_path, monkeypatch,
                                                                         clave_de_prueba):
    """The ST sends a Spanish ficha in a Portuguese form (exportar --idioma pt): back, it is still Spanish."""
    monkeypatch.setenv("CATALOGO_DESTINATARIOS", str(clave_de_prueba.destinatarios))
    repo = tmp_path / "repo"
    ficha = repo / "fichas" / "arg" / "patria-grande.yml"
    ficha.parent.mkdir(parents=True)
    ficha.write_bytes((ROOT / "fichas" / "arg" / "patria-grande.yml").read_bytes())
    datos = leer_bytes(ficha.read_bytes()).data
    assert "idioma" not in datos
    (tmp_path / "f.docx").write_bytes(docx_bytes(FormularioWord(FICHA, datos, idioma="pt", ruta="fichas/arg/patria-grande.yml")))
    hecho = importar(tmp_path / "f.docx", reemplazar=True, raices={FICHA: repo / "fichas", PERFIL: repo / "perfiles"})
    assert hecho.ruta == ficha  # the same file: an update
    assert "idioma" not in leer_bytes(ficha.read_bytes()).data


@pytest.mark.parametrize("escrito", ["31/05/2024", "31 de mayo de 2024", "31 de maio de 2024", "31 May 2024",
                                     "May 31, 2024", "31st of May 2024", "2024-05-31"])
def test_una_fecha_escrita_en_cualquier_idioma(escrito):
    from generator.intercambio.importar import fecha_iso
    assert fecha_iso(escrito) == "2024-05-31"
