"""`recibir`: each kind of input (Word, the site's .yml, an e-mail with an attachment or with the
text in its body) becomes a branch, a commit and a pull-request call, against a local bare
repository as the remote and a stand-in `gh` that records its arguments; a work tree with changes
is refused untouched; without a network it stops before the push and says so."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest

from conftest import ROOT
from generator.config import leer_configuracion
from generator.esquema.campos import FICHA
from generator.intercambio.word import FormularioWord, docx_bytes
from generator.repositorio.nueva import slug
from generator.validacion.lectura import leer_bytes

REMITENTE = ("María Gómez", "mgomez@migraciones.gob.pe")
CONTACTO = {"nombre": "Rosa Quispe", "cargo": "Directora de Cooperación", "email": "rquispe@migraciones.gob.pe"}

GH_FALSO = '''#!{python}
import json, os, sys
args = sys.argv[1:]
registro = {{"args": args}}
if args[:2] == ["pr", "create"] and "--body-file" in args:
    registro["cuerpo"] = open(args[args.index("--body-file") + 1], encoding="utf-8").read()
with open(os.environ["GH_REGISTRO"], "a", encoding="utf-8") as fh:
    fh.write(json.dumps(registro, ensure_ascii=False) + "\\n")
if args[:2] == ["auth", "status"]:
    sys.exit(int(os.environ.get("GH_SIN_SESION", "0")))
if args[:2] == ["pr", "create"]:
    print("https://github.com/csm-catalogo/catalogo/pull/7")
'''


def git(cwd, *args):
    r = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.fixture
def escritorio(tmp_path, env_py):
    """A clone of a local bare repository with two fichas on main, a stand-in gh on PATH, and the
    environment to run `python -m generator` in it."""
    remoto, trabajo, bin_ = tmp_path / "remoto.git", tmp_path / "trabajo", tmp_path / "bin"
    env = dict(env_py, GIT_CONFIG_GLOBAL=str(tmp_path / "gitconfig"), GIT_CONFIG_NOSYSTEM="1",
               GIT_AUTHOR_NAME="Secretaría Técnica", GIT_AUTHOR_EMAIL="st@example.org",
               GIT_COMMITTER_NAME="Secretaría Técnica", GIT_COMMITTER_EMAIL="st@example.org",
               GH_REGISTRO=str(tmp_path / "gh.jsonl"))
    (tmp_path / "gitconfig").write_text("", encoding="utf-8")
    subprocess.run(["git", "init", "--quiet", "--bare", "-b", "main", str(remoto)], check=True, env=env)
    subprocess.run(["git", "clone", "--quiet", str(remoto), str(trabajo)], check=True, env=env, capture_output=True)
    for rel in ("fichas/arg/patria-grande.yml", "perfiles/arg/dnm.yml"):
        (trabajo / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, trabajo / rel)
    for args in (["add", "."], ["commit", "--quiet", "-m", "Inicio"], ["push", "--quiet", "-u", "origin", "main"]):
        subprocess.run(["git", *args], cwd=trabajo, check=True, env=env, capture_output=True)
    bin_.mkdir()
    (bin_ / "gh").write_text(GH_FALSO.format(python=sys.executable), encoding="utf-8")
    (bin_ / "gh").chmod(0o755)
    env["PATH"] = f"{bin_}{os.pathsep}{env['PATH']}"

    class Escritorio:
        pass
    e = Escritorio()
    e.remoto, e.trabajo, e.env, e.tmp = remoto, trabajo, env, tmp_path

    def recibir(archivo, *extra, env=None):
        return subprocess.run([sys.executable, "-m", "generator", "recibir", str(archivo), *extra], cwd=trabajo,
                              env=env or e.env, capture_output=True, text=True, timeout=300)

    def gh():
        ruta = tmp_path / "gh.jsonl"
        return [json.loads(x) for x in ruta.read_text(encoding="utf-8").splitlines()] if ruta.exists() else []
    e.recibir, e.gh = recibir, gh
    return e


def _datos(rel):
    return leer_bytes((ROOT / rel).read_bytes()).data


def _docx(destino: Path, rel="fichas/per/carne-permiso-temporal.yml", privados=CONTACTO) -> Path:
    config = leer_configuracion()
    destino.write_bytes(docx_bytes(FormularioWord(FICHA, _datos(rel), privados, config.correo_st, config.sitio_url)))
    return destino


def _correo(destino: Path, adjunto: Path | None = None, cuerpo: str = "Buenos días, adjunto la ficha.") -> Path:
    m = EmailMessage()
    m["From"] = f"{REMITENTE[0]} <{REMITENTE[1]}>"
    m["To"] = leer_configuracion().correo_st
    m["Subject"] = "Ficha técnica del Perú"
    m["Date"] = "Mon, 23 Nov 2026 10:15:00 -0500"
    m.set_content(cuerpo)
    if adjunto is not None:
        tipo = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document") \
            if adjunto.suffix == ".docx" else ("application", "yaml")
        m.add_attachment(adjunto.read_bytes(), maintype=tipo[0], subtype=tipo[1], filename=adjunto.name)
    destino.write_bytes(bytes(m))
    return destino


def _comprobar_recepcion(e, r, rama, ruta, titulo, problemas: bool):
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    # the branch and its one commit, on top of main, carrying only the record
    assert git(e.trabajo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"   # back where the ST was
    assert git(e.trabajo, "status", "--porcelain") == ""
    assert git(e.trabajo, "rev-parse", f"{rama}~1") == git(e.trabajo, "rev-parse", "main")
    assert git(e.trabajo, "diff", "--name-only", "main", rama).split() == [ruta]
    asunto = git(e.trabajo, "log", "-1", "--format=%s", rama).strip()
    assert asunto.startswith("Ficha de Perú: «") and titulo in asunto and "Superintendencia Nacional de Migraciones" in asunto
    # pushed to the remote, and the pull request asked of gh with the problems in its description
    assert git(e.remoto, "rev-parse", rama) == git(e.trabajo, "rev-parse", rama)
    llamada = next(x for x in e.gh() if x["args"][:2] == ["pr", "create"])
    a = llamada["args"]
    assert a[a.index("--base") + 1] == "main" and a[a.index("--head") + 1] == rama
    assert a[a.index("--title") + 1] == asunto
    assert ("--draft" in a) == problemas
    assert ruta in llamada["cuerpo"]
    # the sender and the contact person never reach the repository or GitHub
    publico = git(e.trabajo, "log", "-1", "--format=%B", rama) + git(e.trabajo, "show", f"{rama}:{ruta}") + llamada["cuerpo"]
    for secreto in (*REMITENTE, *CONTACTO.values()):
        assert secreto not in publico
    assert "Se abrió el pull request" in r.stdout and "https://github.com/csm-catalogo/catalogo/pull/7" in r.stdout
    # the reply to paste
    respuesta = r.stdout.split("Respuesta para quien lo envió")[1]
    assert "Gracias por enviar la ficha técnica «" in respuesta and "Secretaría Técnica" in respuesta
    return llamada, respuesta


def test_recibir_un_word(escritorio):
    e = escritorio
    r = e.recibir(_docx(e.tmp / "Ficha Perú.docx"))
    llamada, respuesta = _comprobar_recepcion(e, r, "ficha/per-carne-de-permiso-temporal-de-permanencia-para-la",
                                              "fichas/per/carne-de-permiso-temporal-de-permanencia-para-la.yml",
                                              "Carné de Permiso Temporal", problemas=False)
    assert "No encontramos nada que corregir" in respuesta and "Estimado/a colega:" in respuesta


def test_recibir_un_yml_del_formulario(escritorio):
    e = escritorio
    archivo = e.tmp / "estatuto.yml"
    shutil.copy(ROOT / "fichas/per/carne-permiso-temporal.yml", archivo)
    r = e.recibir(archivo)
    _comprobar_recepcion(e, r, "ficha/per-carne-de-permiso-temporal-de-permanencia-para-la",
                         "fichas/per/carne-de-permiso-temporal-de-permanencia-para-la.yml", "Carné de Permiso Temporal",
                         problemas=False)


def test_recibir_un_correo_con_el_word_adjunto(escritorio):
    e = escritorio
    correo = _correo(e.tmp / "correo.eml", _docx(e.tmp / "Ficha Perú.docx"))
    r = e.recibir(correo)
    _, respuesta = _comprobar_recepcion(e, r, "ficha/per-carne-de-permiso-temporal-de-permanencia-para-la",
                                        "fichas/per/carne-de-permiso-temporal-de-permanencia-para-la.yml",
                                        "Carné de Permiso Temporal", problemas=False)
    assert "Asunto: Re: Ficha técnica del Perú" in respuesta
    assert "Estimado/a María Gómez:" in respuesta and "la recibimos el 23/11/2026" in respuesta.lower()


def test_recibir_un_correo_con_la_ficha_en_el_texto_y_un_problema(escritorio):
    e = escritorio
    texto = (ROOT / "fichas/per/carne-permiso-temporal.yml").read_text(encoding="utf-8")
    texto = texto.replace("\nresumen: ", "\nresumen: " + "palabra " * 210, 1)
    correo = _correo(e.tmp / "correo.eml", cuerpo="Estimados:\n\nVa la ficha copiada del formulario.\n\n" + texto
                     + "\n-- \nMaría Gómez\nSuperintendencia\n")
    r = e.recibir(correo)
    llamada, respuesta = _comprobar_recepcion(e, r, "ficha/per-carne-de-permiso-temporal-de-permanencia-para-la",
                                              "fichas/per/carne-de-permiso-temporal-de-permanencia-para-la.yml",
                                              "Carné de Permiso Temporal", problemas=True)
    assert "- [ ] (2.2) Resumen de la experiencia:" in llamada["cuerpo"] and "el máximo es 200" in llamada["cuerpo"]
    assert "(2.2) Resumen de la experiencia:" in respuesta and "hace falta corregir una cosa" in respuesta
    assert "(2.2) Resumen de la experiencia" in git(e.trabajo, "log", "-1", "--format=%b",
                                                     "ficha/per-carne-de-permiso-temporal-de-permanencia-para-la")


def test_un_arbol_con_cambios_se_rechaza_sin_tocarlo(escritorio):
    e = escritorio
    ficha = e.trabajo / "fichas/arg/patria-grande.yml"
    ficha.write_text(ficha.read_text(encoding="utf-8") + "# a medio editar\n", encoding="utf-8")
    antes = (ficha.read_bytes(), git(e.trabajo, "status", "--porcelain"), git(e.trabajo, "branch", "--list"))
    r = e.recibir(_docx(e.tmp / "ficha.docx"))
    assert r.returncode == 1 and "cambios sin confirmar" in r.stderr and "fichas/arg/patria-grande.yml" in r.stderr
    assert "Traceback" not in r.stderr
    assert (ficha.read_bytes(), git(e.trabajo, "status", "--porcelain"), git(e.trabajo, "branch", "--list")) == antes
    assert not (e.trabajo / "fichas/per").exists() and e.gh() == []


def test_sin_conexion_se_detiene_antes_de_enviar_y_lo_dice(escritorio):
    e = escritorio
    git(e.trabajo, "remote", "set-url", "origin", "http://127.0.0.1:9/csm-catalogo/catalogo.git")  # nothing listens
    r = e.recibir(_docx(e.tmp / "ficha.docx"))
    assert r.returncode == 0, r.stdout + r.stderr
    rama = "ficha/per-carne-de-permiso-temporal-de-permanencia-para-la"
    assert "No se pudo enviar la rama a GitHub (¿sin conexión?" in r.stdout and f"git push -u origin {rama}" in r.stdout
    assert git(e.trabajo, "rev-parse", "--verify", rama)  # the branch is ready here
    assert not any(x["args"][:2] == ["pr", "create"] for x in e.gh())
    assert "Respuesta para quien lo envió" in r.stdout


def test_sin_sesion_de_github_no_envia(escritorio):
    e = escritorio
    r = e.recibir(_docx(e.tmp / "ficha.docx"), env=dict(e.env, GH_SIN_SESION="1"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "se detuvo antes de enviar la rama" in r.stdout
    assert subprocess.run(["git", "rev-parse", "--verify", "--quiet", "ficha/per-carne-de-permiso-temporal-de-permanencia-para-la"],
                          cwd=e.remoto, capture_output=True).returncode != 0  # nothing pushed


def test_la_misma_ficha_dos_veces_abre_otra_rama(escritorio):
    e = escritorio
    docx = _docx(e.tmp / "ficha.docx")
    assert e.recibir(docx).returncode == 0
    r = e.recibir(docx, "--sin-enviar")  # on main the ficha is still new: a second branch, never the same one
    assert r.returncode == 0, r.stdout + r.stderr
    assert git(e.trabajo, "rev-parse", "--verify", "ficha/per-carne-de-permiso-temporal-de-permanencia-para-la-2")
    assert "No se envió a GitHub (ENVIAR=0)" in r.stdout


@pytest.mark.parametrize("contenido,mensaje", [
    ("Hola, la ficha se la mando la semana que viene.", "El correo no trae una ficha"),
])
def test_un_correo_sin_ficha(escritorio, contenido, mensaje):
    e = escritorio
    r = e.recibir(_correo(e.tmp / "correo.eml", cuerpo=contenido))
    assert r.returncode == 1 and mensaje in r.stderr and "Traceback" not in r.stderr
    assert git(e.trabajo, "status", "--porcelain") == "" and e.gh() == []


def test_una_actualizacion_sin_reemplazar_y_una_igual_a_la_publicada(escritorio):
    e = escritorio
    config = leer_configuracion()
    docx = e.tmp / "arg.docx"
    datos = _datos("fichas/arg/patria-grande.yml")
    datos["resumen"] = datos["resumen"] + " Actualizado en 2026."
    docx.write_bytes(docx_bytes(FormularioWord(FICHA, datos, None, config.correo_st, config.sitio_url)))
    # the importer names the file from the title: the ficha is published under that name
    nombre = slug(datos["titulo"])
    git(e.trabajo, "mv", "fichas/arg/patria-grande.yml", f"fichas/arg/{nombre}.yml")
    git(e.trabajo, "-c", "user.name=ST", "-c", "user.email=st@example.org", "commit", "-qm", "Nombre")
    r = e.recibir(docx)
    assert r.returncode == 1 and "make recibir ARCHIVO=… REEMPLAZAR=1" in r.stderr, r.stderr
    assert git(e.trabajo, "status", "--porcelain") == ""
    # REEMPLAZAR: a branch that updates the ficha (the contact stays the encrypted one)
    r = e.recibir(docx, "--reemplazar", "--sin-enviar")
    assert r.returncode == 0, r.stdout + r.stderr
    rama = f"ficha/arg-{nombre}"
    assert git(e.trabajo, "diff", "--name-only", "main", rama).split() == [f"fichas/arg/{nombre}.yml"]
    assert "Actualiza la ficha" in git(e.trabajo, "log", "-1", "--format=%b", rama)
    assert git(e.trabajo, "status", "--porcelain") == ""
    # once merged, the same document again has nothing to propose
    git(e.trabajo, "merge", "--quiet", "--ff-only", rama)
    ramas = git(e.trabajo, "branch", "--list")
    r = e.recibir(docx, "--reemplazar")
    assert r.returncode == 1 and "no hay nada que cambiar" in r.stderr, r.stdout + r.stderr
    assert git(e.trabajo, "status", "--porcelain") == "" and git(e.trabajo, "branch", "--list") == ramas
