"""Dependencies that stay put: every imported package declared in requirements*.in, and the
hash-locked files installing on a fresh clone with --require-hashes."""
from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from conftest import ROOT

_NORMAL = re.compile(r"[-_.]+")


def _nombre(dist: str) -> str:
    return _NORMAL.sub("-", dist).lower()


def _declarados(archivo: Path) -> set[str]:
    out = set()
    for linea in archivo.read_text(encoding="utf-8").splitlines():
        linea = linea.split("#")[0].strip()
        if linea.startswith("-r "):
            out |= _declarados(archivo.parent / linea[3:].strip())
        elif linea:
            out.add(_nombre(re.split(r"[<>=~!; \[]", linea)[0]))
    return out


def _importados(carpetas: list[Path]) -> set[str]:
    modulos = set()
    for carpeta in carpetas:
        for ruta in carpeta.rglob("*.py") if carpeta.is_dir() else [carpeta]:
            for nodo in ast.walk(ast.parse(ruta.read_text(encoding="utf-8"))):
                if isinstance(nodo, ast.Import):
                    modulos |= {a.name.split(".")[0] for a in nodo.names}
                elif isinstance(nodo, ast.ImportFrom) and nodo.level == 0 and nodo.module:
                    modulos.add(nodo.module.split(".")[0])
    return {m for m in modulos if m not in sys.stdlib_module_names and m not in ("generator", "conftest")
            and not m.startswith("test_")}


@pytest.mark.parametrize("carpetas, archivo", [
    (["generator", "hooks"], "requirements.in"),
    (["generator", "hooks", "scripts", "tests"], "requirements-dev.in"),
])
def test_cada_paquete_importado_esta_declarado(carpetas, archivo):
    declarados = _declarados(ROOT / archivo)
    dist = packages_distributions()
    faltan = {m: dist.get(m) for m in _importados([ROOT / c for c in carpetas])
              if not any(_nombre(d) in declarados for d in dist.get(m, [m]))}
    assert faltan == {}, f"importados y no declarados en {archivo}: {faltan}"
    assert {"markupsafe", "jinja2", "mkdocs", "mkdocs-material"} <= _declarados(ROOT / "requirements.in")


def test_mkdocs_y_material_fijados_con_su_razon():
    texto = (ROOT / "requirements.in").read_text(encoding="utf-8")
    assert re.search(r"(?m)^mkdocs>=1\.6\.1,<2$", texto) and re.search(r"(?m)^mkdocs-material~=9\.8\.\d+$", texto)
    assert "MkDocs 2.0" in texto and "end of life" in texto  # the reasons, in comments
    for lock in ("requirements.txt", "requirements-dev.txt", "requirements-zensical.txt"):
        paquetes = re.findall(r"(?m)^([a-z0-9-]+)==\S+ \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)",
                              (ROOT / lock).read_text(encoding="utf-8"))
        lineas = re.findall(r"(?m)^[a-z0-9-]+==", (ROOT / lock).read_text(encoding="utf-8"))
        assert paquetes and len(paquetes) == len(lineas), lock  # every pinned package has its hashes


@pytest.mark.sitio
def test_los_archivos_fijados_se_instalan_con_hashes_en_un_clon_nuevo(tmp_path):
    clon = tmp_path / "clon"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{ROOT}", str(clon)], check=True)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check"]
    r = subprocess.run(pip + ["install", "--quiet", "--require-hashes", "-r", "requirements.txt"], cwd=clon,
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr
    r = subprocess.run(pip + ["install", "--quiet", "--no-deps", "-e", "."], cwd=clon, capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr
    r = subprocess.run(pip + ["check"], cwd=clon, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout
    env = {k: v for k, v in os.environ.items() if not k.startswith("CATALOGO_")}
    r = subprocess.run([str(venv / "bin" / "python"), "-m", "generator", "validate"], cwd=clon, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0 and "ninguno con errores" in r.stdout, r.stdout + r.stderr
