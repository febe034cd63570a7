"""The GitHub workflows: linted by actionlint and zizmor, and shaped the way the ST relies on."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent


def _workflow(nombre: str = "catalogo.yml") -> dict:
    archivos = sorted(WORKFLOWS.glob("*.yml"))
    assert [a.name for a in archivos] == ["catalogo.yml", "enlaces.yml", "pruebas.yml"]
    # PyYAML reads the key `on` as True (YAML 1.1); put it back
    data = yaml.safe_load((WORKFLOWS / nombre).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def test_las_pruebas_corren_cuando_cambia_el_codigo_y_no_por_una_ficha():
    """`make test` runs when code, templates, schema or tests change; a pull request that only
    touches fichas/ or perfiles/ gets «Catálogo» (validate + build) and nothing more."""
    import fnmatch
    w = _workflow("pruebas.yml")
    catalogo = _workflow()
    assert "paths" not in catalogo["on"]["pull_request"]  # every pull request is validated and built
    for evento in ("pull_request", "push"):
        filtros = w["on"][evento]["paths"]

        def corre(ruta: str) -> bool:
            return any(fnmatch.fnmatch(ruta, f.replace("**", "*")) for f in filtros)

        for ruta in ("generator/publicacion/paginas.py", "generator/publicacion/plantillas/ficha.md",
                     "schema/campos.yml", "tests/test_sitio.py", "hooks/catalogo.py", "overrides/main.html",
                     "Makefile", "requirements.txt", "mkdocs.yml"):
            assert corre(ruta), (evento, ruta)
        for ruta in ("fichas/arg/patria-grande.yml", "perfiles/arg/dnm.yml", "fichas/ury/anexos/nota.txt"):
            assert not corre(ruta), (evento, ruta)
    pasos = [p.get("run") for p in w["jobs"]["probar"]["steps"] if "run" in p]
    assert pasos[-1] == "make test"
    assert w["permissions"] == {} and w["jobs"]["probar"]["permissions"] == {"contents": "read"}


def _lint(carpeta: Path) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
    archivos = sorted(str(a) for a in (carpeta / ".github" / "workflows").glob("*.y*ml"))
    al = subprocess.run([str(BIN / "actionlint"), "-no-color", *archivos], cwd=carpeta,
                        capture_output=True, text=True, timeout=120)
    zz = subprocess.run([str(BIN / "zizmor"), "--offline", "--persona", "pedantic", "--no-progress",
                         str(carpeta / ".github" / "workflows")], capture_output=True, text=True, timeout=120)
    return al, zz


def test_actionlint_y_zizmor_no_encuentran_nada():
    al, zz = _lint(ROOT)
    assert al.returncode == 0, al.stdout + al.stderr
    assert zz.returncode == 0, zz.stdout + zz.stderr


def test_los_linters_si_detectan_un_flujo_inseguro(tmp_path):
    """So the test above cannot pass by linting nothing."""
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    malo = (WORKFLOWS / "catalogo.yml").read_text(encoding="utf-8")
    malo = re.sub(r"actions/checkout@[0-9a-f]{40}", "actions/checkout@v4", malo)
    malo = malo.replace("pull_request:\n", "pull_request_target:\n", 1)
    malo = malo.replace("run: make site", "run: echo ${{ github.event.pull_request.title }} && make site")
    malo = malo.replace("runs-on: ubuntu-24.04", "runs-on: ubuntu-24.04\n    needs: nadie", 1)
    (tmp_path / ".github" / "workflows" / "catalogo.yml").write_text(malo, encoding="utf-8")
    al, zz = _lint(tmp_path)
    assert al.returncode == 1 and "nadie" in al.stdout, al.stdout + al.stderr
    assert zz.returncode not in (0, 1, 2), zz.stdout + zz.stderr  # 1 and 2 are zizmor's own failures
    for auditoria in ("unpinned-uses", "dangerous-triggers", "template-injection"):
        assert auditoria in zz.stdout, zz.stdout


def test_acciones_fijadas_por_sha_y_permisos_minimos():
    w = _workflow()
    assert w["permissions"] == {}
    assert "pull_request_target" not in w["on"] and "pull_request" in w["on"]
    usos = []
    for nombre, job in w["jobs"].items():
        assert "permissions" in job, f"el trabajo {nombre} no declara sus permisos"
        for paso in job["steps"]:
            if "uses" in paso:
                usos.append(paso["uses"])
                if paso["uses"].startswith("actions/checkout@"):
                    assert paso["with"]["persist-credentials"] is False
    assert usos and all(re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", u) for u in usos), usos
    texto = (WORKFLOWS / "catalogo.yml").read_text(encoding="utf-8")
    for u in usos:  # each pin says which release it is
        assert re.search(re.escape(u) + r" # v\d+\.\d+\.\d+", texto), u
    assert w["jobs"]["construir"]["permissions"] == {"contents": "read"}
    assert w["jobs"]["desplegar"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert not re.search(r"\$\{\{[^}]*secrets\.", texto)  # no secret is ever used


def test_nada_se_despliega_sin_validar_y_construir():
    w = _workflow()
    construir, desplegar = w["jobs"]["construir"], w["jobs"]["desplegar"]
    assert desplegar["needs"] == "construir"
    assert "pull_request" in desplegar["if"] and "refs/heads/main" in desplegar["if"]
    pasos = [p.get("run") for p in construir["steps"] if "run" in p]
    assert pasos == ["make validate FORMATO=github", "make site"]
    assert w["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    # the PDF cache is restored always but written only by main
    guardar = next(p for p in construir["steps"] if p.get("uses", "").startswith("actions/cache/save@"))
    assert guardar["if"] == "github.event_name != 'pull_request'"
    python = next(p for p in construir["steps"] if p.get("uses", "").startswith("actions/setup-python@"))
    assert re.fullmatch(r"3\.\d+\.\d+", python["with"]["python-version"])


def test_los_pasos_de_ci_son_tareas_de_make(tmp_path):
    """What CI runs is what `make` runs: the targets exist and pass the GitHub format through."""
    if not shutil.which("make"):
        raise AssertionError("make no está instalado")
    r = subprocess.run(["make", "-n", "validate", "FORMATO=github"], cwd=ROOT, capture_output=True, text=True)
    # with no folder, `validate` checks fichas/ and perfiles/
    assert r.returncode == 0 and re.search(r"-m generator validate +--formato github", r.stdout), r.stdout + r.stderr
    r = subprocess.run(["make", "-n", "site"], cwd=ROOT, capture_output=True, text=True)
    # the engine runs once per language (python -m generator motor), strict with either engine
    assert r.returncode == 0 and "-m generator motor --motor mkdocs" in r.stdout, r.stdout
    from generator.publicacion.motor import orden
    assert "--strict" in orden("mkdocs", ROOT / "build" / "mkdocs.yml") and "--strict" in orden("zensical", ROOT / "x.yml")


def test_los_enlaces_se_revisan_cada_semana_y_nunca_en_un_pull_request():
    """A dead ministry page never fails a contributor's pull request: links are checked only by the
    weekly workflow, which may write issues and nothing else."""
    w = _workflow("enlaces.yml")
    assert set(w["on"]) == {"schedule", "workflow_dispatch"} and w["on"]["schedule"][0]["cron"]
    assert w["permissions"] == {}
    (trabajo,) = w["jobs"].values()
    assert trabajo["permissions"] == {"contents": "read", "issues": "write"}
    pasos = " ".join(p.get("run", "") for p in trabajo["steps"])
    assert "make enlaces" in pasos and "make informe" in pasos and "scripts/issue-enlaces.sh" in pasos
    subido = next(p for p in trabajo["steps"] if p.get("uses", "").startswith("actions/upload-artifact@"))
    assert subido["with"]["name"] == "informe-secretaria" and "build/informe/" in subido["with"]["path"]
    for p in trabajo["steps"]:
        if "uses" in p:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", p["uses"]), p["uses"]
    texto = (WORKFLOWS / "catalogo.yml").read_text(encoding="utf-8")
    assert "enlaces" not in texto and "linkchecker" not in texto.lower()
