"""The generated docs folder stands on its own: MkDocs without the hook renders a safe page."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from conftest import entorno_de_construccion


@pytest.mark.sitio
def test_sin_hook_el_titulo_de_una_ficha_sigue_escapado(fichas_de_prueba, tmp_path, clave_de_prueba):
    env = entorno_de_construccion(fichas_de_prueba, tmp_path, {"CATALOGO_PDF": "0",
                                  "CATALOGO_DESTINATARIOS": str(clave_de_prueba.destinatarios)})
    r = subprocess.run([sys.executable, "-m", "generator", "construir"], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config.pop("hooks")  # the same configuration, without the glue
    (tmp_path / "sin-hook.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "sin-hook.yml")],
                       env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    html = (tmp_path / config["site_dir"] / "fichas/chl/hostil/index.html").read_text(encoding="utf-8")
    titulo = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    og = re.search(r'<meta property="og:title" content="([^"]*)"', html).group(1)
    for texto in (titulo, og):
        assert "&lt;/title&gt;&lt;script&gt;alert(&#39;titulo&#39;)&lt;/script&gt;" in texto
    assert "<script>alert" not in html and "<img src=x" not in html
