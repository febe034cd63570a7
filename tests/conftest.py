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
