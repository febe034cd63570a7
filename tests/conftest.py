from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from generator.config import leer_configuracion

ROOT = Path(__file__).resolve().parent.parent
CASOS = ROOT / "tests" / "casos"
# The test site is built and served under a sub-path of another site, as the CSM may host it
# inside OSUMI's: every page, asset, search, download and form test runs there.
SITIO_PRUEBA = "https://example.org/osumi/catalogo/"
# the site's and the repository's addresses from catalogo.yml, as `construir` passes them down
_CONFIGURACION = leer_configuracion()
URLS = {"sitio_url": _CONFIGURACION.sitio_url, "repo_url": _CONFIGURACION.repositorio}
SUBRUTA = "osumi/catalogo/"


def casos_invalidos() -> list[Path]:
    return sorted(p for p in (CASOS / "invalidas").iterdir() if (p / "esperado.txt").exists())


def casos_perfiles_invalidos() -> list[Path]:
    """tests/casos/perfiles/invalidas/<caso>/: `perfiles/<país>/<x>.yml` and `esperado.txt`."""
    return sorted(p for p in (CASOS / "perfiles" / "invalidas").iterdir() if (p / "esperado.txt").exists())


def leer_esperado(caso: Path) -> tuple[dict[str, str], list[str]]:
    meta, lines = {}, []
    for line in (caso / "esperado.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
        elif line.strip():
            lines.append(line)
    return meta, lines


@pytest.fixture
def env_py(monkeypatch, clave_de_prueba):
    """Environment for running `python -m generator` from any folder; contacts are encrypted to
    the session's throwaway key."""
    import os
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    env["CATALOGO_DESTINATARIOS"] = str(clave_de_prueba.destinatarios)
    return env


@pytest.fixture(scope="session")
def clave_de_prueba(tmp_path_factory):
    """A throwaway key pair for the session: its public half is the only recipient of the test
    site (the form encrypts to it), its private half reads back what was encrypted."""
    import types
    import pyrage
    identidad = pyrage.x25519.Identity.generate()
    carpeta = tmp_path_factory.mktemp("claves")
    (carpeta / "clave-st.txt").write_text(f"{identidad}\n", encoding="utf-8")
    (carpeta / "destinatarios.txt").write_text(f"# Prueba\n{identidad.to_public()}\n", encoding="utf-8")
    return types.SimpleNamespace(identidad=identidad, archivo=carpeta / "clave-st.txt",
                                 destinatarios=carpeta / "destinatarios.txt")


def escribir_contacto_en_claro(ruta: Path, contacto: dict) -> None:
    """Replace a ficha's encrypted block by the contact in plaintext, as a hand-written ficha has it."""
    import re
    texto = ruta.read_text(encoding="utf-8")
    texto = re.sub(r"(?m)^  privado: \|\n(?:    .*\n)+", "", texto)
    claro = "".join(f"  {k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in contacto.items())
    ruta.write_text(texto.replace("contacto:\n", "contacto:\n" + claro, 1), encoding="utf-8")


@pytest.fixture(scope="session")
def fichas_de_prueba(tmp_path_factory, clave_de_prueba) -> Path:
    """The demo fichas plus one hostile ficha (HTML, Markdown and JavaScript in its text), each
    with a known secret contact encrypted to the session's key (see `secretos`)."""
    import shutil
    from generator.privacidad.cifrado import leer_destinatarios
    from generator.privacidad.reescritura import cifrar_archivo
    from generator.validacion.validar import schema
    carpeta = tmp_path_factory.mktemp("catalogo") / "fichas"
    shutil.copytree(ROOT / "fichas", carpeta)
    shutil.copy(CASOS / "sitio" / "hostil.yml", carpeta / "chl" / "hostil.yml")
    # allowed attachment types with hostile content (a PDF with JavaScript, a CSV with formulas)
    shutil.copytree(CASOS / "sitio" / "adjuntos", carpeta / "chl", dirs_exist_ok=True)
    destinatarios = leer_destinatarios(clave_de_prueba.destinatarios)
    for ruta in sorted(carpeta.glob("*/*.yml")):
        escribir_contacto_en_claro(ruta, secreto(ruta.parent.name, ruta.stem))
        informe = cifrar_archivo(ruta, schema(), destinatarios)
        assert informe.cambio and not informe.problemas, informe
    return carpeta


def secreto(pais: str, slug: str) -> dict:
    """The contact person of a test ficha: names that appear nowhere else, so a leak is visible."""
    return {"nombre": f"Persona Reservada {pais.upper()} {slug}", "cargo": f"Cargo Reservado de {slug}",
            "email": f"reservado.{pais}.{slug}@personal.example"}


@pytest.fixture(scope="session")
def secretos(fichas_de_prueba) -> list[str]:
    return [v for r in sorted(fichas_de_prueba.glob("*/*.yml")) for v in secreto(r.parent.name, r.stem).values()]


def entorno_de_construccion(fichas: Path, destino: Path, extra_env: dict | None = None) -> dict:
    import os
    env = dict(os.environ, CATALOGO_FICHAS=str(fichas), CATALOGO_GENERADO=str(destino / "paginas"),
               CATALOGO_CACHE=str(destino / "cache"), CATALOGO_SITIO_URL=SITIO_PRUEBA, NO_MKDOCS_2_WARNING="1")
    env.update(extra_env or {})
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def construir(fichas: Path, destino: Path, extra_env: dict | None = None, motor: list[str] | None = None):
    """`make site` over another fichas folder: `python -m generator construir` (destino/paginas and
    destino/mkdocs.yml, and each other language's under destino/<código>/), the engine once per
    language (`python -m generator motor`: `mkdocs build --strict` unless `motor` says otherwise) into
    destino/site, then `python -m generator indexar`. Returns the first step that failed, or the last."""
    import subprocess
    env = entorno_de_construccion(fichas, destino, extra_env)
    pasos = [[sys.executable, "-m", "generator", "construir"],
             motor or [sys.executable, "-m", "generator", "motor", str(destino / "site")],
             [sys.executable, "-m", "generator", "indexar", str(destino / "site")]]
    for paso in pasos:
        r = subprocess.run(paso, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
        if r.returncode != 0:
            break
    return r


@pytest.fixture(scope="session")
def sitio(fichas_de_prueba, tmp_path_factory, clave_de_prueba) -> Path:
    destino = tmp_path_factory.mktemp("sitio")
    r = construir(fichas_de_prueba, destino, {"CATALOGO_DESTINATARIOS": str(clave_de_prueba.destinatarios)})
    assert r.returncode == 0, r.stdout + r.stderr
    return destino / "site"


@pytest.fixture(scope="session")
def servidor(sitio, tmp_path_factory):
    """The built site over HTTP on 127.0.0.1 (a free port) under /osumi/catalogo/, for the browser tests."""
    import functools
    import http.server
    import threading

    class Silencioso(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    raiz = tmp_path_factory.mktemp("servidor")
    (raiz / SUBRUTA).parent.mkdir(parents=True)
    (raiz / SUBRUTA.rstrip("/")).symlink_to(sitio, target_is_directory=True)
    handler = functools.partial(Silencioso, directory=str(raiz))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    hilo = threading.Thread(target=httpd.serve_forever, daemon=True)
    hilo.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/{SUBRUTA}"
    httpd.shutdown()


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="session")
def navegador():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


LENTAS = {"navegador": "navegador", "servidor": "navegador", "pagina": "navegador", "form": "navegador",
          "sitio": "sitio", "sitio_subruta": "sitio", "sitio_zensical": "sitio"}


def pytest_collection_modifyitems(config, items):
    """Mark tests by what they use, so `make test-rapido` can leave out the slow ones."""
    for item in items:
        parametros = getattr(getattr(item, "callspec", None), "params", {})
        for fixture in getattr(item, "fixturenames", ()):
            if fixture in LENTAS and fixture not in parametros:
                item.add_marker(LENTAS[fixture])
