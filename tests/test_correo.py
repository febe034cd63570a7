"""The site form's e-mail to the ST (docs/assets/proponer/correo.js) carries the ficha as readable
text, and `importar` reads that text back when the attachment is missing: the sender's .txt copy
whole, an e-mail as far as its fields fit."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from email.message import EmailMessage

import pytest

from conftest import ROOT
from generator.esquema.campos import FICHA
from generator.privacidad.cifrado import descifrar
from generator.publicacion.modelo import parrafos
from generator.validacion.lectura import leer_bytes

NODE = shutil.which("node")
SCRIPT = """
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { correo, legible } from "./docs/assets/proponer/correo.js";
const esquema = JSON.parse(readFileSync(process.argv[2] || "schema/ficha.schema.json", "utf8"));
const ficha = parse(readFileSync(process.argv[1], "utf8"), { version: "1.1" });
const c = correo(ficha, esquema, { para: "st@example.org", asunto: "Ficha técnica: Argentina — " + ficha.titulo,
  inicio: "Envío la ficha.", nota: (f) => f.length ? "Los campos " + f.join(", ") + " no caben en este correo: van solo en el archivo adjunto." : "Todos los campos van en este correo." });
process.stdout.write(JSON.stringify({ legible: legible(ficha, esquema, "Ficha técnica"), cuerpo: c.cuerpo, fuera: c.fuera, asunto: c.asunto }));
"""


def _node(ficha, esquema=None):
    """What the site's form writes for the ficha: its readable copy and its e-mail. `esquema`: the
    schema as a language's form carries it (its labels in that language); the committed one if None."""
    if not NODE:
        pytest.skip("Node.js no está instalado (make sistema lo instala)")
    r = subprocess.run([NODE, "--input-type=module", "-e", SCRIPT, str(ficha), *([str(esquema)] if esquema else [])],
                       cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _importar(archivo, destino, env):
    return subprocess.run([sys.executable, "-m", "generator", "importar", str(archivo), "--salida", str(destino)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def _igual(a: dict, b: dict, claves) -> None:
    for k in claves:
        c = FICHA.campos[k]
        if c.tipo == "texto" and c.largo:
            assert parrafos(a[k]) == parrafos(b[k]), k
        elif c.tipo == "terminos":
            assert sorted(a[k]) == sorted(b[k]), k
        else:
            assert a[k] == b[k], k


@pytest.mark.parametrize("nombre", ["arg/patria-grande.yml", "chl/hostil.yml"])
def test_la_copia_legible_se_importa_entera(nombre, tmp_path, env_py, clave_de_prueba, fichas_de_prueba):
    ficha = fichas_de_prueba / nombre
    salida = _node(ficha)
    txt = tmp_path / "copia.txt"
    txt.write_bytes(("\ufeff" + salida["legible"].replace("\n", "\r\n")).encode("utf-8"))  # as the site writes it
    destino = tmp_path / "fichas" / ficha.parent.name / ficha.name
    if (ficha.parent / "anexos").exists():
        shutil.copytree(ficha.parent / "anexos", destino.parent / "anexos")
    r = _importar(txt, destino, env_py)
    assert "Traceback" not in r.stderr, r.stderr
    original, importada = leer_bytes(ficha.read_bytes()).data, leer_bytes(destino.read_bytes()).data
    _igual(importada, original, [k for k in original if not FICHA.campos[k].interno])
    assert descifrar(importada["contacto"]["privado"], clave_de_prueba.identidad) == \
        descifrar(original["contacto"]["privado"], clave_de_prueba.identidad)


def test_un_correo_sin_adjunto_se_importa_hasta_donde_llega(tmp_path, env_py, fichas_de_prueba):
    ficha = fichas_de_prueba / "arg" / "patria-grande.yml"
    salida = _node(ficha)
    assert salida["fuera"]  # a real ficha does not fit whole in a mailto: address
    mensaje = EmailMessage()
    mensaje["Subject"], mensaje["From"], mensaje["To"] = salida["asunto"], "punto.focal@example.org", "st@example.org"
    mensaje.set_content("> " + salida["cuerpo"].replace("\n", "\n> "), cte="quoted-printable")  # forwarded, quoted
    eml = tmp_path / "correo.eml"
    eml.write_bytes(bytes(mensaje))
    destino = tmp_path / "fichas" / "arg" / "patria-grande.yml"
    r = _importar(eml, destino, env_py)
    assert "Traceback" not in r.stderr and destino.exists(), r.stdout + r.stderr
    original, importada = leer_bytes(ficha.read_bytes()).data, leer_bytes(destino.read_bytes()).data
    dentro = [k for k in original if not FICHA.campos[k].interno and FICHA.campos[k].rotulo.split(" ")[0] not in salida["fuera"]
              and k in importada]
    assert {"pais", "titulo", "temas"} <= set(dentro)
    _igual(importada, original, dentro)
    assert "El correo no trae los campos " + ", ".join(salida["fuera"]) in r.stdout


def test_un_texto_que_no_es_del_formulario(tmp_path, env_py):
    txt = tmp_path / "nota.txt"
    txt.write_text("Hola, les envío la ficha la semana próxima.\n", encoding="utf-8")
    r = _importar(txt, tmp_path / "fichas" / "arg" / "x.yml", env_py)
    assert r.returncode == 1 and "no tiene los campos numerados" in r.stderr and not (tmp_path / "fichas").exists()


@pytest.mark.parametrize("idioma", ["pt", "en"])
def test_la_copia_y_el_correo_del_formulario_en_otro_idioma_se_importan(idioma, tmp_path, env_py, fichas_de_prueba):
    """The /pt/ and /en/ forms label every field in their language (the schema they embed): `importar`
    reads those labels as it reads the Spanish ones."""
    from generator.esquema import idiomas
    from generator.esquema.generar import construir_esquema
    with idiomas.en(idioma):
        traducido = construir_esquema(FICHA)
    ruta_esquema = tmp_path / f"ficha-{idioma}.schema.json"
    ruta_esquema.write_text(json.dumps(traducido, ensure_ascii=False), encoding="utf-8")
    ficha = fichas_de_prueba / "arg" / "patria-grande.yml"
    salida = _node(ficha, ruta_esquema)
    with idiomas.en(idioma):
        rotulo = FICHA.campos["titulo"].rotulo
    assert rotulo != FICHA.campos["titulo"].rotulo and rotulo + ":" in salida["legible"]  # labelled in that language
    original = leer_bytes(ficha.read_bytes()).data
    # the readable copy, whole
    txt = tmp_path / "copia.txt"
    txt.write_bytes(("\ufeff" + salida["legible"].replace("\n", "\r\n")).encode("utf-8"))
    destino = tmp_path / "copia" / "arg" / "patria-grande.yml"
    r = _importar(txt, destino, env_py)
    assert "Traceback" not in r.stderr and destino.exists(), r.stdout + r.stderr
    importada = leer_bytes(destino.read_bytes()).data
    _igual(importada, original, [k for k in original if not FICHA.campos[k].interno and k != "contacto"])
    # the e-mail, as far as it fits
    mensaje = EmailMessage()
    mensaje["Subject"], mensaje["From"], mensaje["To"] = salida["asunto"], "ponto.focal@example.org", "st@example.org"
    mensaje.set_content(salida["cuerpo"], cte="quoted-printable")
    eml = tmp_path / "correo.eml"
    eml.write_bytes(bytes(mensaje))
    destino = tmp_path / "correo" / "arg" / "patria-grande.yml"
    r = _importar(eml, destino, env_py)
    assert "Traceback" not in r.stderr and destino.exists(), r.stdout + r.stderr
    importada = leer_bytes(destino.read_bytes()).data
    assert {"pais", "titulo", "temas"} <= set(importada)
    _igual(importada, original, ["pais", "titulo", "temas"])
