"""`python -m generator validate`: exit codes, summary, GitHub annotations, no tracebacks."""
from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import CASOS, ROOT
from generator.validacion.informes import anotacion
from generator.validacion.resultado import Problema


def run(args, cwd, env):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_fichas_validas_salen_con_0(env_py):
    r = run(["validate"], ROOT, env_py)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.strip() == "13 fichas y 12 perfiles válidos, ninguno con errores."  # fichas/ and perfiles/


def test_todas_las_fichas_y_todos_los_problemas_en_una_pasada(tmp_path, env_py):
    for caso in ("palabras-resumen", "clave-desconocida", "carpeta-pais"):
        shutil.copytree(CASOS / "invalidas" / caso / "fichas", tmp_path / caso / "fichas")
    destino = tmp_path / "todo" / "arg"
    destino.mkdir(parents=True)
    for i, caso in enumerate(("palabras-resumen", "clave-desconocida", "carpeta-pais")):
        shutil.copy(tmp_path / caso / "fichas" / "arg" / "x.yml", destino / f"f{i}.yml")
    shutil.copy(ROOT / "tests/casos/validas/fichas/arg/minima.yml", destino / "buena.yml")
    r = run(["validate", "todo"], tmp_path, env_py)
    assert r.returncode == 1
    lines = r.stdout.strip().splitlines()
    assert lines[-1] == "3 fichas con errores de 4 (3 problemas en total)."
    assert lines[0].startswith("todo/arg/f0.yml:25:10: (2.2) Resumen de la experiencia: 213 palabras; el máximo es 200.")
    assert "Traceback" not in r.stderr


def test_error_de_uso_sale_con_2_en_espanol(tmp_path, env_py):
    r = run(["validate", "no-existe"], tmp_path, env_py)
    assert r.returncode == 2
    assert "no existe" in r.stderr and "Traceback" not in r.stderr
    r = run(["validar"], tmp_path, env_py)
    assert r.returncode == 2 and "Error de uso" in r.stderr
    r = run([], tmp_path, env_py)
    assert r.returncode == 2


def test_formato_github_y_resumen(tmp_path, env_py):
    shutil.copytree(CASOS / "invalidas" / "palabras-resumen" / "fichas", tmp_path / "fichas")
    summary = tmp_path / "summary.md"
    env = dict(env_py, GITHUB_STEP_SUMMARY=str(summary))
    r = run(["validate", "--formato", "github", "fichas"], tmp_path, env)
    assert r.returncode == 1
    assert r.stdout.splitlines()[0] == (
        "::error file=fichas/arg/x.yml,line=25,col=10,title=(2.2) Resumen de la experiencia::"
        "(2.2) Resumen de la experiencia: 213 palabras; el máximo es 200. Acorte el texto."
    )
    md = summary.read_text(encoding="utf-8")
    assert "| `fichas/arg/x.yml` | 25 | (2.2) Resumen de la experiencia | 213 palabras" in md


def test_anotacion_escapa_segun_las_reglas_de_workflow_commands():
    p = Problema("a,b:c.yml", 3, 4, "(1.2) Título: x", "100% mal\nsegunda línea")
    assert anotacion(p) == (
        "::error file=a%2Cb%3Ac.yml,line=3,col=4,title=(1.2) Título%3A x::"
        "(1.2) Título: x: 100%25 mal%0Asegunda línea"
    )


def test_contacto_en_claro_como_anotacion_de_github(tmp_path, env_py):
    shutil.copytree(CASOS / "invalidas" / "contacto-en-claro" / "fichas", tmp_path / "fichas")
    r = run(["validate", "--formato", "github", "fichas"], tmp_path, env_py)
    assert r.returncode == 1
    lineas = r.stdout.splitlines()
    assert lineas[0] == (
        "::error file=fichas/arg/x.yml,line=11,col=11,title=(1.12) Persona de contacto — Nombre::"
        "(1.12) Persona de contacto — Nombre: no puede quedar escrito en la ficha, que es pública en el "
        "repositorio. Cifre el contacto con «make cifrar» (o escriba la ficha con el formulario /proponer/, que lo cifra)."
    )
    assert sum("make cifrar" in l for l in lineas) == 3


def test_valida_la_carpeta_de_un_pais_o_un_archivo(tmp_path, env_py):
    """What a person passes is what is checked, the folder rule judged by the file's real place."""
    carpeta = tmp_path / "fichas"
    shutil.copytree(ROOT / "fichas", carpeta)
    r = run(["validate", "fichas/arg"], tmp_path, env_py)
    assert r.returncode == 0 and r.stdout.strip().endswith("1 ficha válida, sin errores."), r.stdout
    r = run(["validate", "fichas/bra/comigrar.yml"], tmp_path, env_py)
    assert r.returncode == 0 and "1 ficha válida" in r.stdout, r.stdout
    (carpeta / "arg" / "comigrar.yml").write_bytes((carpeta / "bra" / "comigrar.yml").read_bytes())
    r = run(["validate", "fichas/arg/comigrar.yml"], tmp_path, env_py)
    # a ficha written in Portuguese is told so in Portuguese (its «idioma»)
    assert r.returncode == 1 and "a ficha está na pasta «arg/», mas indica «BRA»" in r.stdout
    r = run(["validate", "fichas/arg"], tmp_path, env_py)
    assert r.returncode == 1 and "de 2 (1 problema" in r.stdout  # both of Argentina's files, no other country's
    r = run(["validate", "fichas/arg/no-existe.yml"], tmp_path, env_py)
    assert r.returncode == 2 and "no existe" in r.stderr
