"""`enlaces`: LinkChecker against a local HTTP server (never the internet) with live, dead,
redirected and slow links; politely (one request per second to a host, an honest user agent);
a cache so live links are not asked again; a report by country and record."""
from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from generator.secretaria import enlaces


class _Servidor(http.server.BaseHTTPRequestHandler):
    pedidos: list = []

    def do_GET(self):
        type(self).pedidos.append((self.path, self.headers.get("User-Agent", ""), time.monotonic()))
        if self.path == "/vivo":
            self._responder(200, b"<p>ok</p>")
        elif self.path == "/movido":
            self.send_response(301)
            self.send_header("Location", "/vivo")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/lento":
            time.sleep(4)
            self._responder(200, b"tarde")
        else:
            self._responder(404, b"no")

    do_HEAD = do_GET

    def _responder(self, codigo, cuerpo):
        try:
            self.send_response(codigo)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(cuerpo)))
            self.end_headers()
            self.wfile.write(cuerpo)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def servidor_http():
    _Servidor.pedidos = []
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Servidor)
    srv.daemon_threads = True
    hilo = threading.Thread(target=srv.serve_forever, daemon=True)
    hilo.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


def _catalogo(tmp_path, base) -> Path:
    """Two fichas (Argentina and Bolivia) whose (2.5) and (2.9) point at the local server."""
    fichas = tmp_path / "fichas"
    for pais, origen, docs in (("arg", "patria-grande", ["/vivo", "/muerto", "/movido"]),
                               ("bol", "ley-migracion-370", ["/lento", "/vivo"])):
        datos = yaml.safe_load((ROOT / "fichas" / pais / f"{origen}.yml").read_text(encoding="utf-8"))
        datos["documentos"] = [{"titulo": f"Documento {i}", "url": base + d} for i, d in enumerate(docs)]
        datos["productos"] = [{"titulo": "Manual", "tipo": "manual", "url": base + "/vivo"}]
        (fichas / pais).mkdir(parents=True)
        (fichas / pais / f"{origen}.yml").write_text(yaml.safe_dump(datos, allow_unicode=True, sort_keys=False),
                                                     encoding="utf-8")
    (tmp_path / "perfiles").mkdir()
    return tmp_path


def _enlaces(tmp_path, *extra):
    return subprocess.run([sys.executable, "-m", "generator", "enlaces", "--fichas", str(tmp_path / "fichas"),
                           "--perfiles", str(tmp_path / "perfiles"), "--salida", str(tmp_path / "salida"),
                           "--cache", str(tmp_path / "cache.json"), "--espera", "2", *extra],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_enlaces_vivos_rotos_redirigidos_y_lentos(tmp_path, servidor_http):
    _catalogo(tmp_path, servidor_http)
    r = _enlaces(tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "4 enlaces comprobados; 2 no funcionan." in r.stdout  # /vivo (twice: 2.5 and 2.9), /muerto, /movido, /lento
    informe = (tmp_path / "salida" / "informe.md").read_text(encoding="utf-8")
    rotos, movidos = informe.split("## Enlaces que redirigen")
    # by country, then record, then field, with what the server said
    assert rotos.index("### Argentina") < rotos.index("**Programa Nacional de Normalización Documentaria Migratoria «Patria Grande»** (`fichas/arg/patria-grande.yml`)") < rotos.index("### Bolivia")
    assert f"(2.9) Documentación sobre la práctica (enlaces o archivos): <{servidor_http}/muerto> — no funciona (404 Not Found)" in rotos
    assert f"<{servidor_http}/lento> — no respondió (más de 2 s sin respuesta)" in rotos
    assert f"<{servidor_http}/movido> — redirige a otra dirección (301 Moved Permanently) → {servidor_http}/vivo" in movidos and f"→ {servidor_http}/vivo" in movidos
    assert f"<{servidor_http}/vivo>" not in informe            # live links are not listed
    assert (tmp_path / "salida" / "rotos.txt").read_text(encoding="utf-8").split() == [f"{servidor_http}/lento", f"{servidor_http}/muerto"]
    datos = json.loads((tmp_path / "salida" / "enlaces.json").read_text(encoding="utf-8"))
    assert {(e["ruta"], e["estado"]) for e in datos["enlaces"]} >= {("fichas/arg/patria-grande.yml", "roto"),
                                                                   ("fichas/bol/ley-migracion-370.yml", "sin-respuesta")}
    # an honest user agent: who asks and how to reach them
    agentes = {ua for ruta, ua, _ in _Servidor.pedidos if ruta != "/robots.txt"}
    assert agentes == {enlaces.agente_de_usuario()} and "github.com/csm-catalogo/catalogo" in enlaces.agente_de_usuario()
    assert "@" in enlaces.agente_de_usuario()


def test_la_cache_no_vuelve_a_pedir_los_vivos(tmp_path, servidor_http):
    _catalogo(tmp_path, servidor_http)
    assert _enlaces(tmp_path).returncode == 0
    antes = [p for p, _, _ in _Servidor.pedidos]
    _Servidor.pedidos.clear()
    r = _enlaces(tmp_path)
    assert r.returncode == 0, r.stderr
    despues = [p for p, _, _ in _Servidor.pedidos]
    assert "/vivo" in antes and "/vivo" not in despues     # live: from the cache
    assert "/muerto" in despues                            # broken: asked again every time
    assert "2 no funcionan" in r.stdout
    _Servidor.pedidos.clear()
    assert _enlaces(tmp_path, "--cache-dias", "0").returncode == 0
    assert "/vivo" in [p for p, _, _ in _Servidor.pedidos]


def test_sin_apuro_con_cada_servidor(tmp_path, servidor_http):
    """One request per second to a host: consecutive requests are at least most of a second apart
    (a bound from below: a slow machine only makes it longer)."""
    _catalogo(tmp_path, servidor_http)
    assert _enlaces(tmp_path, "--cache-dias", "0").returncode == 0
    pedidos = sorted((t, p) for p, _, t in _Servidor.pedidos if p != "/robots.txt")
    assert len(pedidos) >= 4
    # following a redirect is part of the same check: /movido is at once followed by /vivo
    pares = [(a, b) for a, b in zip(pedidos, pedidos[1:]) if a[1] != "/movido"]
    assert all(b[0] - a[0] >= 0.8 for a, b in pares), [(a[1], b[1], round(b[0] - a[0], 2)) for a, b in pares]


def test_el_catalogo_solo_toma_direcciones_web(tmp_path):
    hallados = enlaces.enlaces_de([ROOT / "fichas", ROOT / "perfiles"])
    assert hallados and all(e.url.startswith(("http://", "https://")) for e in hallados)
    assert {e.campo.split(")")[0] + ")" for e in hallados} <= {"(2.5)", "(2.9)"}
    assert not any(e.url.startswith("anexos/") for e in hallados)


GH_ISSUES = '''#!/bin/sh
printf '%s\\n' "$*" >> "$GH_REGISTRO"
if [ "$1 $2" = "issue list" ]; then printf '%s' "$GH_ABIERTO"; fi
exit 0
'''


@pytest.mark.parametrize("rotos,abierto,esperado", [
    (True, "", "issue create --title Enlaces rotos en el catálogo --label enlaces-rotos --body-file"),
    (True, "12", "issue edit 12 --body-file"),
    (False, "12", "issue close 12 --comment"),
    (False, "", None),
])
def test_un_solo_issue_de_enlaces_rotos(tmp_path, rotos, abierto, esperado):
    """scripts/issue-enlaces.sh (the weekly workflow's last step) with a stand-in gh."""
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "gh").write_text(GH_ISSUES, encoding="utf-8")
    (tmp_path / "bin" / "gh").chmod(0o755)
    carpeta = tmp_path / "enlaces"
    carpeta.mkdir()
    (carpeta / "informe.md").write_text("# Enlaces\n", encoding="utf-8")
    (carpeta / "rotos.txt").write_text("https://example.org/x\n" if rotos else "", encoding="utf-8")
    env = dict(os.environ, PATH=f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}",
               GH_REGISTRO=str(tmp_path / "gh.txt"), GH_ABIERTO=abierto)
    r = subprocess.run(["bash", str(ROOT / "scripts" / "issue-enlaces.sh"), str(carpeta)], env=env,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    llamadas = (tmp_path / "gh.txt").read_text(encoding="utf-8").splitlines()
    assert llamadas[1].startswith("issue list --state open --label enlaces-rotos")
    escrituras = [x for x in llamadas if x.startswith("issue ") and x.split()[1] in ("create", "edit", "close")]
    if esperado is None:
        assert escrituras == []
    else:
        assert len(escrituras) == 1 and escrituras[0].startswith(esperado)
        if "body-file" in esperado:
            assert escrituras[0].endswith(str(carpeta / "informe.md"))
