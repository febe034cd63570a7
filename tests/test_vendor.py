"""The form's libraries are committed as one bundle; it must be exactly what the locked
versions build (so nobody can slip a changed file into docs/assets/vendor/)."""
from __future__ import annotations

import json
import subprocess

from conftest import ROOT

VENDOR = ROOT / "docs" / "assets" / "vendor"


def test_el_paquete_confirmado_es_el_que_construyen_las_versiones_fijadas(tmp_path):
    r = subprocess.run(["node", "scripts/vendor.mjs", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    for nombre in ("proponer-deps.js", "age.js", "LICENCIAS.txt"):
        assert (tmp_path / nombre).read_bytes() == (VENDOR / nombre).read_bytes(), \
            f"docs/assets/vendor/{nombre} no corresponde a package-lock.json: ejecute «make vendor» y confirme el cambio"


def test_versiones_en_la_cabecera_del_paquete():
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    cabecera = (VENDOR / "proponer-deps.js").read_text(encoding="utf-8").splitlines()[0]
    for paquete in ("ajv", "ajv-formats", "yaml"):
        assert f"{paquete} {lock['node_modules/' + paquete]['version']} " in cabecera
    cabecera = (VENDOR / "age.js").read_text(encoding="utf-8").splitlines()[0]
    assert f"age-encryption {lock['node_modules/age-encryption']['version']} " in cabecera
