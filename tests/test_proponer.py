"""/proponer/: the form generated from the schema, driven in Chromium; what it exports is
checked by the CLI and loaded back by the project's own loader."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from generator.validacion.lectura import leer_bytes
from generator.repositorio.nueva import slug

from test_navegador import AXE

RESUMEN = ("- empieza con un guion, como una lista\n\nno\n12:30\n# esto no es un comentario\n"
           "  dos espacios al comienzo se conservan\nComillas 'simples' y \"dobles\", dos puntos: sí, emoji 🎉, acentos: ñandú.")


def _esperado() -> dict:
    return {
        "pais": "PRY",
        "titulo": 'Registro "rápido": sí/no # 12:30 — ¿funciona? 🚀',
        "temas": ["derechos-humanos", "otro"],
        "tema_otro": "yes",
        "nivel_territorial": ["nacional"],
        "entidad_responsable": "no",
        "entidad_dependencia": "12:30",
        "entidades_asociadas": ["- OIM", "ACNUR: Agencia de la ONU para los Refugiados"],
        "categorias": ["politica-normas", "mecanismos-operativos"],
        "documentacion": ["documento-publicado"],
        "transferencia": ["capacitacion"],
        "contacto": {"nombre": "Ana Pérez", "cargo": "Directora: Migraciones", "institucion": "Dirección General de Migraciones",
                     "email": "ana.perez@migraciones.gov.py", "email_institucional": "info@migraciones.gov.py"},
        "antecedentes": "  Empieza con dos espacios.\n\nSegundo párrafo.",
        "resumen": RESUMEN,
        "resultados": "Resultados: 1.000 personas.\n",
        "cifras": [{"valor": "85 %", "descripcion": "Tasa: solicitudes aprobadas"}, {"valor": "1.000", "descripcion": "no"}],
        "productos": [{"titulo": 'Manual "A"', "tipo": "manual", "url": "https://example.org/a?b=c#d"}],
        "factores_exito": "true",
        "replicacion": "Línea 1\n\nLínea 3 con tabulador\tdentro\n\n",
        "documentos": [{"titulo": "Ley: texto", "url": "https://example.org/ley"}],
        "fecha": "2024-05-31",
        "idioma": "pt",
        "periodo": {"inicio": 2015, "fin": 2020},
    }


@pytest.fixture
def form(navegador, servidor):
    ctx = navegador.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    p = ctx.new_page()
    p.errores = []
    p.on("console", lambda m: p.errores.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: p.errores.append(str(e)))
    p.goto(servidor + "proponer/")
    p.wait_for_selector("#proponer[data-estado=listo]")
    yield p
    assert p.errores == []
    ctx.close()


def _id(*path) -> str:
    return "#f-" + "__".join(str(x) for x in path)


def _casillas(p, clave, valores):
    for v in valores:
        p.check(f"{_id(clave)} input[value='{v}']")


def _rellenar(p, d: dict):
    p.select_option(_id("pais"), d["pais"])
    p.fill(_id("titulo"), d["titulo"])
    _casillas(p, "temas", d["temas"])
    p.fill(_id("tema_otro"), d["tema_otro"])
    _casillas(p, "nivel_territorial", d["nivel_territorial"])
    p.fill(_id("entidad_responsable"), d["entidad_responsable"])
    p.fill(_id("entidad_dependencia"), d["entidad_dependencia"])
    for i, v in enumerate(d["entidades_asociadas"]):
        if i:
            p.click("#f-entidades_asociadas button:has-text('Agregar otro elemento')")
        p.fill(_id("entidades_asociadas", i), v)
    for clave in ("categorias", "documentacion", "transferencia"):
        _casillas(p, clave, d[clave])
    for k, v in d["contacto"].items():
        p.fill(_id("contacto", k), v)
    for clave in ("antecedentes", "resumen", "resultados", "factores_exito", "replicacion"):
        p.fill(_id(clave), d[clave])
    for lista in ("cifras", "productos", "documentos"):
        for i, item in enumerate(d[lista]):
            if i:
                p.click(f"#f-{lista} > p button:has-text('Agregar otro elemento')")
            for k, v in item.items():
                if k == "tipo":
                    p.select_option(_id(lista, i, k), v)
                else:
                    p.fill(_id(lista, i, k), v)
    p.fill(_id("fecha"), d["fecha"])
    p.select_option(_id("idioma"), d["idioma"])
    p.fill(_id("periodo", "inicio"), str(d["periodo"]["inicio"]))
    p.fill(_id("periodo", "fin"), str(d["periodo"]["fin"]))


def _descargar(p) -> tuple[str, bytes]:
    with p.expect_download() as info:
        p.click("#proponer-descargar")
    d = info.value
    return d.suggested_filename, Path(d.path()).read_bytes()


def _validar(tmp_path: Path, pais: str, nombre: str, contenido: bytes) -> subprocess.CompletedProcess:
    destino = tmp_path / "fichas" / pais.lower()
    destino.mkdir(parents=True, exist_ok=True)
    (destino / nombre).write_bytes(contenido)
    return subprocess.run([sys.executable, "-m", "generator", "validate", str(tmp_path / "fichas")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def _sin_contacto_privado(datos: dict) -> tuple[dict, dict]:
    privados = {k: datos["contacto"].pop(k) for k in ("nombre", "cargo", "email") if k in datos["contacto"]}
    return datos, privados


def test_ficha_completa_con_textos_dificiles_ida_y_vuelta(form, tmp_path, clave_de_prueba):
    esperado = _esperado()
    _rellenar(form, esperado)
    nombre, contenido = _descargar(form)
    assert nombre == "registro-rapido-si-no-12-30-funciona.yml" == slug(esperado["titulo"]) + ".yml"  # as `nueva` names it
    r = _validar(tmp_path, "pry", nombre, contenido)
    assert r.returncode == 0, r.stdout + contenido.decode()
    datos = leer_bytes(contenido).data
    esperado, privados = _sin_contacto_privado(esperado)
    # what was typed as the contact person leaves the page only encrypted, and decrypts to exactly that
    for v in privados.values():
        assert v.encode() not in contenido
    from generator.privacidad.cifrado import descifrar
    assert descifrar(datos["contacto"].pop("privado"), clave_de_prueba.identidad) == privados
    assert datos == esperado
    assert contenido.startswith(b"# yaml-language-server: $schema=../../schema/ficha.schema.json\n")


@pytest.mark.parametrize("ficha", sorted((ROOT / "fichas").glob("*/*.yml")), ids=lambda f: f"{f.parent.name}/{f.stem}")
def test_importar_cada_ficha_de_demostracion_y_exportarla_igual(form, tmp_path, ficha):
    form.set_input_files("#proponer-importar", str(ficha))
    form.wait_for_function("document.getElementById('proponer-aviso').textContent.startsWith('Se importó')")
    nombre, contenido = _descargar(form)
    assert nombre == ficha.name
    assert leer_bytes(contenido).data == leer_bytes(ficha.read_bytes()).data
    if "archivo:" not in ficha.read_text(encoding="utf-8"):  # attachments are checked beside the original
        r = _validar(tmp_path, ficha.parent.name, nombre, contenido)
        assert r.returncode == 0, r.stdout


def test_texto_sobre_el_limite_bloquea_la_exportacion_y_lleva_al_campo(form):
    form.set_input_files("#proponer-importar", str(ROOT / "fichas" / "arg" / "patria-grande.yml"))
    form.wait_for_function("document.getElementById('proponer-aviso').textContent.startsWith('Se importó')")
    form.fill(_id("resumen"), " ".join(["palabra"] * 201))
    assert form.inner_text(_id("resumen") + "-contador") == "201 / 200 palabras: sobran 1."
    descargas = []
    form.on("download", lambda d: descargas.append(d))
    form.click("#proponer-descargar")
    form.wait_for_function("document.getElementById('proponer-estado').textContent.startsWith('No se exportó')")
    assert descargas == []
    assert form.evaluate("document.activeElement.id") == "f-resumen"
    assert form.get_attribute(_id("resumen"), "aria-invalid") == "true"
    assert "(2.2) Resumen de la experiencia: 201 palabras; el máximo es 200. Acorte el texto." in form.inner_text("#proponer-errores")
    assert "(2.2) Resumen de la experiencia" in form.inner_text("#proponer-estado")
    # the message sits beside the field and is announced with it
    assert "201 palabras" in form.inner_text(_id("resumen") + "-error")
    assert "f-resumen-error" in form.get_attribute(_id("resumen"), "aria-describedby")


def test_campos_obligatorios_nombrados_por_su_rotulo(form):
    form.click("#proponer-comprobar")
    errores = form.inner_text("#proponer-errores")
    for rotulo in ("(1.1) País: falta", "(1.3) Temas: falta este campo obligatorio", "(2.2) Resumen de la experiencia: falta",
                   "(1.12) Persona de contacto — Email general institucional: falta", "Nombre del archivo: falta"):
        assert rotulo in errores
    assert form.evaluate("document.activeElement.id") == "f-pais"


def test_campo_otro_aparece_solo_con_otro(form):
    assert not form.is_visible(_id("tema_otro"))
    form.check(f"{_id('temas')} input[value='otro']")
    assert form.is_visible(_id("tema_otro"))
    form.click("#proponer-comprobar")
    assert "(1.3) Temas — Otro, ¿cuál?: falta" in form.inner_text("#proponer-errores")
    form.uncheck(f"{_id('temas')} input[value='otro']")
    assert not form.is_visible(_id("tema_otro"))


def test_periodo_al_reves_se_rechaza_como_en_ci(form):
    form.fill(_id("periodo", "inicio"), "2020")
    form.fill(_id("periodo", "fin"), "2015")
    form.click("#proponer-comprobar")
    assert "el año de fin (2015) es anterior al de inicio (2020)" in form.inner_text("#proponer-errores")


def test_borrador_sobrevive_la_recarga_y_se_puede_descartar(form):
    form.fill(_id("titulo"), "Borrador: no perder 12:30")
    form.fill(_id("contacto", "institucion"), "Dirección")
    form.wait_for_function("(localStorage.getItem('catalogo-csm:proponer:borrador:v1') || '').includes('Dirección')")
    form.reload()
    form.wait_for_selector("#proponer[data-estado=listo]")
    assert form.input_value(_id("titulo")) == "Borrador: no perder 12:30"
    assert form.input_value("#f-nombre-archivo") == "borrador-no-perder-12-30"
    assert "Se recuperó el borrador" in form.inner_text("#proponer-aviso")
    form.click("#proponer-descartar")
    assert form.input_value(_id("titulo")) == ""
    form.reload()
    form.wait_for_selector("#proponer[data-estado=listo]")
    assert form.input_value(_id("titulo")) == ""


def test_importar_un_archivo_que_no_es_yaml_valido(form, tmp_path):
    malo = tmp_path / "mala.yml"
    malo.write_text("titulo: uno\ntitulo: dos\n", encoding="utf-8")
    form.set_input_files("#proponer-importar", str(malo))
    form.wait_for_function("document.getElementById('proponer-aviso').textContent.length > 0")
    assert "una clave aparece dos veces" in form.inner_text("#proponer-aviso")


def test_copiar_y_abrir_en_github(form):
    form.set_input_files("#proponer-importar", str(ROOT / "fichas" / "arg" / "patria-grande.yml"))
    form.wait_for_function("document.getElementById('proponer-aviso').textContent.startsWith('Se importó')")
    form.context.grant_permissions(["clipboard-read", "clipboard-write"])
    form.click("#proponer-copiar")
    form.wait_for_function("document.getElementById('proponer-estado').textContent.includes('Se copió')")
    copiado = form.evaluate("navigator.clipboard.readText()")
    assert leer_bytes(copiado.encode()).data == leer_bytes((ROOT / "fichas/arg/patria-grande.yml").read_bytes()).data
    form.context.route("https://github.com/**", lambda r: r.fulfill(body="GitHub (sin conexión en las pruebas)"))
    with form.context.expect_page() as nueva:
        form.click("#proponer-github")
    url = nueva.value.url
    assert url.startswith("https://github.com/csm-catalogo/catalogo/new/main/fichas/arg?filename=patria-grande.yml")


def test_axe_con_errores_a_la_vista(form):
    form.click("#proponer-comprobar")
    form.evaluate(AXE.read_text(encoding="utf-8"))  # not a <script>: the page's policy would block it
    resultado = form.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    graves = [(v["id"], v["impact"], [(n["target"], n.get("failureSummary")) for n in v["nodes"]][:3])
              for v in resultado["violations"] if v["impact"] in ("serious", "critical")]
    assert graves == []


def test_las_palabras_se_cuentan_como_en_ci(form):
    """The form's counter and the schema's pattern, run by the browser's regular expressions
    (as Ajv runs it), split words on exactly the characters Python's str.split() does."""
    patron = json.loads((ROOT / "schema" / "ficha.schema.json").read_text(encoding="utf-8"))["properties"]["resumen"]["pattern"]
    espacios = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    candidatos = espacios + ["\ufeff", "\u200b", "\u180e", "\u00ad", "-", "_"]
    for ch in candidatos:
        texto = f"uno{ch}dos"
        form.fill(_id("resumen"), texto)
        esperado = len(texto.split())
        assert form.inner_text(_id("resumen") + "-contador").startswith(f"{esperado} / 200"), repr(ch)
    textos = [ch.join(["p"] * 201) for ch in candidatos]
    en_el_navegador = form.evaluate("([p, ts]) => ts.map((t) => new RegExp(p, 'u').test(t))", [patron, textos])
    en_python = [re.search(patron, t) is not None for t in textos]
    assert en_el_navegador == en_python == [len(t.split()) <= 200 for t in textos]


def test_contacto_nuevo_sobre_una_ficha_importada_se_cifra_de_nuevo(form, clave_de_prueba):
    from generator.privacidad.cifrado import descifrar
    ficha = ROOT / "fichas" / "arg" / "patria-grande.yml"
    original = leer_bytes(ficha.read_bytes()).data["contacto"]["privado"]
    form.set_input_files("#proponer-importar", str(ficha))
    form.wait_for_function("document.getElementById('proponer-aviso').textContent.startsWith('Se importó')")
    assert "ya trae estos datos cifrados" in form.inner_text(_id("contacto"))
    form.fill(_id("contacto", "email"), "nueva.persona@migraciones.gob.ar")
    form.click("#proponer-comprobar")  # only part of it typed: the whole contact is asked for
    assert "(1.12) Persona de contacto — Nombre: falta" in form.inner_text("#proponer-errores")
    nuevo = {"nombre": "Nueva Persona", "cargo": "Coordinadora", "email": "nueva.persona@migraciones.gob.ar"}
    form.fill(_id("contacto", "nombre"), nuevo["nombre"])
    form.fill(_id("contacto", "cargo"), nuevo["cargo"])
    _, contenido = _descargar(form)
    bloque = leer_bytes(contenido).data["contacto"]["privado"]
    assert bloque != original and b"Nueva Persona" not in contenido
    assert descifrar(bloque, clave_de_prueba.identidad) == nuevo


def test_el_formulario_habla_del_formulario_no_de_yaml(form):
    """Its instructions are the form's: no key names, no «entre comillas», no ISO code above a list."""
    texto = form.inner_text("#proponer-form")
    for yaml in ("tema_otro", "entre comillas", "código ISO", "AAAA-MM-DD", "true", "(url)", "(archivo)", "sin-documentacion"):
        assert yaml not in texto, yaml


def test_correo_enlace_y_fecha_son_campos_de_su_tipo(form):
    assert form.get_attribute(_id("contacto", "email_institucional"), "type") == "email"
    assert form.get_attribute(_id("contacto", "email"), "type") == "email"
    assert form.get_attribute(_id("fecha"), "type") == "date"
    form.click(f"#f-productos > p button:has-text('Agregar otro elemento')")
    assert form.get_attribute(_id("productos", 0, "url"), "type") == "url"
    assert form.evaluate(f"document.querySelector('{_id('contacto', 'email_institucional')}').tagName") == "INPUT"


def test_comillas_escritas_alrededor_de_un_valor_no_se_guardan(form, tmp_path):
    ficha = ROOT / "fichas" / "arg" / "patria-grande.yml"
    form.set_input_files("#proponer-importar", str(ficha))
    form.wait_for_function("document.getElementById('proponer-aviso').textContent.startsWith('Se importó')")
    form.fill(_id("cifras", 0, "valor"), '"85 %"')
    form.fill(_id("cifras", 1, "valor"), "“423.697”")
    _, contenido = _descargar(form)
    cifras = leer_bytes(contenido).data["cifras"]
    assert [c["valor"] for c in cifras[:2]] == ["85 %", "423.697"]


def test_una_fecha_escrita_dd_mm_aaaa_se_guarda_aaaa_mm_dd(form, tmp_path):
    original = (ROOT / "fichas" / "arg" / "patria-grande.yml").read_text(encoding="utf-8")
    import re as _re
    ruta = tmp_path / "patria-grande.yml"
    ruta.write_text(_re.sub(r"(?m)^fecha: .*$", "fecha: 15/03/2024", original), encoding="utf-8")
    form.set_input_files("#proponer-importar", str(ruta))
    form.wait_for_function("document.getElementById('proponer-aviso').textContent.startsWith('Se importó')")
    assert form.input_value(_id("fecha")) == "2024-03-15"
    _, contenido = _descargar(form)
    assert leer_bytes(contenido).data["fecha"] == "2024-03-15"


def test_un_texto_de_ejemplo_no_se_exporta(form):
    form.set_input_files("#proponer-importar", str(ROOT / "fichas" / "arg" / "patria-grande.yml"))
    form.wait_for_function("document.getElementById('proponer-aviso').textContent.startsWith('Se importó')")
    form.fill(_id("entidades_asociadas", 0), "[Nombre de la entidad asociada]")
    form.click("#proponer-comprobar")
    assert "(1.7) Otras entidades asociadas (n.º 1): «[Nombre de la entidad asociada]» parece el texto de ejemplo" \
        in form.inner_text("#proponer-errores")


def test_el_mismo_formulario_escribe_un_perfil_de_cooperacion(navegador, servidor, tmp_path):
    """/proponer-perfil/: the same form engine, the profile's schema; what it exports is a valid profile."""
    ctx = navegador.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    p = ctx.new_page()
    errores = []
    p.on("pageerror", lambda e: errores.append(str(e)))
    p.goto(servidor + "proponer-perfil/")
    p.wait_for_selector("#proponer[data-estado=listo]")
    p.select_option(_id("pais"), "URY")
    p.fill(_id("institucion"), "Dirección Nacional de Migración")
    p.fill(_id("fecha"), "2025-03-14")
    p.click("#proponer-comprobar")
    assert "(P4) y (P6) Demanda y oferta de cooperación" in p.inner_text("#proponer-errores")
    p.click("#f-oferta > p button:has-text('Agregar otro elemento')")
    p.select_option(_id("oferta", 0, "area"), "gestion-fronteras")
    p.check(f"{_id('oferta', 0, 'mecanismos')} input[value='capacitacion']")
    assert p.input_value("#f-nombre-archivo") == "direccion-nacional-de-migracion"
    with p.expect_download() as info:
        p.click("#proponer-descargar")
    contenido = Path(info.value.path()).read_bytes()
    assert contenido.startswith(b"# yaml-language-server: $schema=../../schema/perfil.schema.json\n")
    datos = leer_bytes(contenido).data
    assert datos["oferta"] == [{"area": "gestion-fronteras", "mecanismos": ["capacitacion"]}]
    destino = tmp_path / "perfiles" / "ury"
    destino.mkdir(parents=True)
    (destino / info.value.suggested_filename).write_bytes(contenido)
    r = subprocess.run([sys.executable, "-m", "generator", "validate", str(tmp_path / "perfiles")], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout
    assert "perfiles/ury?filename=" in p.evaluate("document.getElementById('proponer').dataset.carpeta + '/ury?filename='")
    assert errores == []
    ctx.close()


def test_enviar_a_la_secretaria_sin_cuenta(form, tmp_path):
    """No account anywhere: the file is downloaded and an e-mail to the ST is prepared whose subject
    names the country and the title and whose body carries the numbered fields; the confirmation is
    shown where the button was pressed, with a readable copy to keep."""
    from urllib.parse import parse_qs, unquote, urlsplit
    form.set_input_files("#proponer-importar", str(ROOT / "fichas" / "arg" / "patria-grande.yml"))
    form.wait_for_function("document.getElementById('proponer-aviso').textContent.startsWith('Se importó')")
    with form.expect_download() as info:
        form.click("#proponer-enviar")
    assert info.value.suggested_filename == "patria-grande.yml"
    form.wait_for_function("!document.getElementById('proponer-enviado').hidden")
    texto = form.inner_text("#proponer-enviado")
    assert "csmsecretariatecnica@iom.int" in texto and "Adjunte el archivo descargado" in texto
    # shown where the button was pressed: on screen, with the focus
    assert form.evaluate("document.activeElement.id") == "proponer-enviado"
    caja = form.locator("#proponer-enviado").bounding_box()
    assert 0 <= caja["y"] < form.viewport_size["height"]
    url = form.get_attribute("#proponer-enviado-enlace", "href")
    partes = urlsplit(url)
    consulta = parse_qs(partes.query)
    assert partes.scheme == "mailto" and unquote(partes.path) == "csmsecretariatecnica@iom.int" and len(url) <= 1900
    assert consulta["subject"] == ["Ficha técnica: Argentina — Programa Nacional de Normalización Documentaria Migratoria «Patria Grande»"]
    cuerpo = consulta["body"][0]
    assert "(1.1) País: Argentina" in cuerpo and "(1.2) Título de la experiencia: Programa Nacional" in cuerpo
    assert "no caben en este correo" in cuerpo and "patria-grande.yml" in cuerpo
    with form.expect_download() as copia:
        form.click("#proponer-copia")
    assert copia.value.suggested_filename == "patria-grande.txt"
    legible = copia.value.path().read_bytes().decode("utf-8-sig")
    assert "(2.2) Resumen de la experiencia:" in legible and "-----BEGIN AGE ENCRYPTED FILE-----" in legible
    assert "descargas/ficha-tecnica.docx" in form.content()