from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASOS = ROOT / "tests" / "casos"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def casos_invalidos() -> list[Path]:
    return sorted(p for p in (CASOS / "invalidas").iterdir() if (p / "esperado.txt").exists())


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
def env_py(monkeypatch):
    """Environment for running `python -m generator` from any folder."""
    import os
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    return env


@pytest.fixture(scope="session")
def fichas_de_prueba(tmp_path_factory) -> Path:
    """The demo fichas plus one hostile ficha (HTML, Markdown and JavaScript in its text)."""
    import shutil
    carpeta = tmp_path_factory.mktemp("catalogo") / "fichas"
    shutil.copytree(ROOT / "fichas", carpeta)
    shutil.copy(CASOS / "sitio" / "hostil.yml", carpeta / "chl" / "hostil.yml")
    return carpeta


def construir(fichas: Path, destino: Path, extra_env: dict | None = None):
    """`mkdocs build --strict` of the real mkdocs.yml over another fichas folder."""
    import os
    import subprocess
    env = dict(os.environ, CATALOGO_FICHAS=str(fichas), CATALOGO_GENERADO=str(destino / "paginas"),
               CATALOGO_CACHE=str(destino / "cache"), NO_MKDOCS_2_WARNING="1", **(extra_env or {}))
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                           "-d", str(destino / "site")], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=900)


@pytest.fixture(scope="session")
def sitio(fichas_de_prueba, tmp_path_factory) -> Path:
    destino = tmp_path_factory.mktemp("sitio")
    r = construir(fichas_de_prueba, destino)
    assert r.returncode == 0, r.stdout + r.stderr
    return destino / "site"


@pytest.fixture(scope="session")
def servidor(sitio):
    """The built site over HTTP on 127.0.0.1 (a free port), for the browser tests."""
    import functools
    import http.server
    import threading

    class Silencioso(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Silencioso, directory=str(sitio))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    hilo = threading.Thread(target=httpd.serve_forever, daemon=True)
    hilo.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
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
