"""An independent validator (check-jsonschema) agrees with every rule the schema expresses."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import CASOS, ROOT, casos_invalidos, leer_esperado

SCHEMA = ROOT / "schema" / "ficha.schema.json"


def check(files: list[Path]) -> dict:
    r = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA), "--output-format", "json",
         *map(str, files)], capture_output=True, text=True, timeout=300)
    return json.loads(r.stdout)


def test_acepta_todas_las_fichas_validas():
    files = sorted((ROOT / "fichas").glob("*/*.yml")) + sorted((CASOS / "validas" / "fichas").glob("*/*.y*ml"))
    out = check(files)
    assert out["status"] == "ok", out


def test_rechaza_cada_caso_de_regla_de_esquema():
    casos = [c for c in casos_invalidos() if leer_esperado(c)[0].get("esquema") == "si"]
    assert len(casos) >= 25
    files = [next((c / "fichas").glob("*/*.yml")) for c in casos]
    out = check(files)
    rechazados = {Path(e["filename"]).resolve() for e in out.get("errors", [])}
    aceptados = [f.parent.parent.parent.name for f in files if f.resolve() not in rechazados]
    assert aceptados == [], f"check-jsonschema aceptó: {aceptados}"
