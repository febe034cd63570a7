"""What reaches GitHub besides the workflows: issue form, CODEOWNERS, pull-request template."""
from __future__ import annotations

import fnmatch

import yaml

from conftest import ROOT
from generator.cli import _generados
from generator.esquema.generar import construir_esquema
from generator.esquema.vocabularios import vocabulario

GITHUB = ROOT / ".github"


def test_archivos_generados_al_dia():
    for ruta, render in _generados():
        assert ruta.read_text(encoding="utf-8") == render(), f"{ruta} no está al día: ejecute «make schema»"


def test_comprobar_detecta_un_archivo_desfasado(tmp_path, monkeypatch, capsys):
    from generator import cli
    from generator.repositorio import codeowners
    falso = tmp_path / "CODEOWNERS"
    falso.write_text("viejo\n", encoding="utf-8")
    monkeypatch.setattr(codeowners, "CODEOWNERS_PATH", falso)
    assert cli.main(["schema", "--comprobar"]) == 1
    assert "CODEOWNERS no está al día" in capsys.readouterr().out
    assert falso.read_text(encoding="utf-8") == "viejo\n"


def _formulario() -> dict:
    return yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "proponer-ficha.yml").read_text(encoding="utf-8"))


def test_formulario_de_propuesta_refleja_el_esquema():
    f = _formulario()
    assert f["name"] == "Ficha por formulario de GitHub"  # one name per route: the site's form is «Proponer una ficha»
    campos = {c["id"]: c for c in f["body"] if c["type"] != "markdown"}
    s = construir_esquema()
    for clave, p in s["properties"].items():
        if p.get("x-interno") or clave == "contacto":  # the ST writes the internal fields
            continue
        assert campos[clave]["attributes"]["label"] == p["title"]
        assert campos[clave]["validations"]["required"] == (clave in s["required"])
        if "x-max-palabras" in p:
            assert f"Máximo {p['x-max-palabras']} palabras." in campos[clave]["attributes"]["description"]
    temas = [t.slug for t in vocabulario("temas")]
    assert campos["temas"]["type"] == "dropdown" and campos["temas"]["attributes"]["multiple"] is True
    assert [o.rsplit("(", 1)[1].rstrip(")") for o in campos["temas"]["attributes"]["options"]] == temas
    assert "Argentina (ARG)" in campos["pais"]["attributes"]["options"]


def test_formulario_publico_no_pide_datos_personales():
    ids = {c.get("id") for c in _formulario()["body"]}
    assert {"contacto_institucion", "contacto_email_institucional"} <= ids
    assert not ids & {"contacto_nombre", "contacto_cargo", "contacto_email"}
    intro = _formulario()["body"][0]["attributes"]["value"]
    assert "pública" in intro and "No escriba aquí el nombre" in intro


def _duenos(ruta: str) -> list[str]:
    """GitHub's rule: the last matching pattern wins."""
    duenos = []
    for linea in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if not linea.strip() or linea.startswith("#"):
            continue
        patron, *equipos = linea.split()
        if patron == "*" or (patron.startswith("/") and patron.endswith("/") and ruta.startswith(patron[1:])) \
                or fnmatch.fnmatch(ruta, patron.lstrip("/")):
            duenos = equipos
    return duenos


def test_codeowners_envia_cada_pais_a_su_punto_focal():
    for pais in vocabulario("paises"):
        if pais.extra.get("csm"):
            d = _duenos(f"fichas/{pais.slug.lower()}/una-ficha.yml")
            assert d[0] == f"@csm-catalogo/punto-focal-{pais.slug.lower()}", (pais.slug, d)
            assert "@csm-catalogo/secretaria-tecnica" in d
    assert _duenos("schema/campos.yml") == ["@csm-catalogo/secretaria-tecnica"]
    assert _duenos(".github/workflows/catalogo.yml") == ["@csm-catalogo/secretaria-tecnica"]


def test_plantilla_de_solicitud_de_cambios():
    t = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    casillas = [l for l in t.splitlines() if l.startswith("- [ ] ")]
    assert len(casillas) >= 6
    for clave in ("COMPLETAR", "límites de palabras", "(1.12)", "sitio-para-revisar", "Files changed"):
        assert clave in t
