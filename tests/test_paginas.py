"""What the generator writes: golden files, escaping, one page per vocabulary value."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import CASOS, ROOT, URLS
from generator.esquema import vocabularios as vocab
from generator.publicacion.modelo import desde_lectura
from generator.publicacion.escritura import contenidos
from generator.validacion.validar import validar

GOLDEN = ROOT / "tests" / "golden"
ACTUALIZAR = os.environ.get("CATALOGO_ACTUALIZAR_GOLDEN") == "1"


def _fichas(carpeta: Path):
    res = validar(carpeta)
    assert res.ok, [str(p) for p in res.problemas]
    return [desde_lectura(f) for f in res.fichas]


@pytest.fixture(scope="module")
def demo():
    return contenidos(_fichas(ROOT / "fichas"), **URLS)


@pytest.fixture(scope="module")
def hostil(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("hostil") / "chl"
    carpeta.mkdir()
    (carpeta / "hostil.yml").write_bytes((CASOS / "sitio" / "hostil.yml").read_bytes())
    return contenidos(_fichas(carpeta.parent), **URLS)


@pytest.mark.parametrize("pagina,golden", [
    ("fichas/arg/patria-grande/index.md", "ficha-arg-patria-grande.md"),
    ("paises/arg/index.md", "indice-paises-arg.md"),
    ("temas/asistencia-consular/index.md", "indice-temas-asistencia-consular.md"),
])
def test_golden(demo, pagina, golden):
    """Compare with tests/golden/; CATALOGO_ACTUALIZAR_GOLDEN=1 rewrites them (review the diff)."""
    ruta = GOLDEN / golden
    if ACTUALIZAR:
        ruta.write_text(demo[pagina], encoding="utf-8")
    assert demo[pagina] == ruta.read_text(encoding="utf-8")


def test_una_pagina_por_valor_de_cada_vocabulario(demo):
    for carpeta, nombre in (("paises", "paises"), ("temas", "temas"), ("categorias", "categorias")):
        assert f"{carpeta}/index.md" in demo
        for t in vocab.vocabulario(nombre):
            if carpeta == "paises" and not t.extra.get("csm"):
                continue  # the rest of the Americas: a page only where there are fichas
            assert f"{carpeta}/{t.slug.lower()}/index.md" in demo, t.slug
    assert "paises/mex/index.md" not in demo  # no empty page for a non-member without fichas
    assert "Guyana" in demo["index.md"] and "Canadá" not in demo["index.md"]


def test_paginas_son_markdown_con_front_matter(demo):
    import yaml
    for rel, texto in demo.items():
        if not rel.endswith(".md"):
            continue
        assert texto.startswith("---\n"), rel
        meta = yaml.safe_load(texto.split("---\n")[1])
        assert meta["title"] and meta["catalogo"]["tipo"], rel


def test_texto_de_la_ficha_se_escapa(hostil):
    pagina = hostil["fichas/chl/hostil/index.md"]
    cuerpo = pagina.split("---\n", 2)[2]
    assert "<script" not in cuerpo and "<img" not in cuerpo and "<iframe" not in cuerpo and "<style" not in cuerpo
    assert "&lt;script&gt;alert(&#39;antecedentes&#39;)&lt;/script&gt;" in cuerpo
    assert "[enlace](javascript:alert(&#39;resumen&#39;))" in cuerpo
    assert 'href="javascript' not in cuerpo
    assert "<p># Esto no es un título</p>" in cuerpo and "<p>* esto no es una lista</p>" in cuerpo
    assert "{{ jinja }} {% raw %}" in cuerpo


def test_datos_de_contacto_no_llegan_a_las_paginas(tmp_path):
    """Even if a record's data held the contact in plaintext (the validator refuses it), the model
    has no place for it: no page, data file or feed can show it; nor its encrypted block."""
    from generator.publicacion.modelo import desde_datos
    carpeta = tmp_path / "chl"
    carpeta.mkdir()
    (carpeta / "hostil.yml").write_bytes((CASOS / "sitio" / "hostil.yml").read_bytes())
    leida = validar(tmp_path).fichas[0]
    datos = dict(leida.data, contacto=dict(leida.data["contacto"], nombre="Persona Secreta Hostil",
                                           cargo="Cargo Secreto Hostil", email="secreto.hostil@example.org"))
    todo = "\n".join(v for v in contenidos([desde_datos(datos, "chl", "hostil")], **URLS).values() if isinstance(v, str))
    cifrado = datos["contacto"]["privado"].splitlines()[1]  # the block's first line of ciphertext
    for secreto in ("Persona Secreta Hostil", "Cargo Secreto Hostil", "secreto.hostil@example.org", cifrado):
        assert secreto not in todo
    assert "publico-hostil@example.org" in todo


def test_ficha_en_portugues_lleva_su_lang(demo):
    pagina = demo["fichas/bra/operacao-acolhida/index.md"]
    assert '<h1 lang="pt"' in pagina and '<p lang="pt">' in pagina


def test_orden_estable_mas_recientes_primero(demo):
    pagina = demo["temas/derechos-humanos/index.md"]
    orden = [pagina.index(f"fichas/{x}/") for x in ("col/estatuto-temporal-proteccion", "bra/operacao-acolhida", "arg/patria-grande")]
    assert orden == sorted(orden)


def test_guia_contribuir_genera_la_tabla_desde_el_esquema(demo):
    import json
    schema = json.loads((ROOT / "schema/ficha.schema.json").read_text(encoding="utf-8"))
    pagina = demo["contribuir/index.md"]
    for clave, p in schema["properties"].items():
        assert f"<td><code>{clave}</code></td>" in pagina
    assert "<code>registro-fronterizo</code> — Sistemas de información" in pagina
    assert "200 palabras" in pagina


def test_practicas_relacionadas_comparten_temas_y_son_estables(demo):
    pagina = demo["fichas/arg/patria-grande/index.md"]
    bloque = pagina[pagina.index('id="practicas-relacionadas"'):]
    enlaces = re.findall(r'href="\.\./\.\./\.\./(fichas/[a-z]{3}/[a-z0-9-]+/)"', bloque)
    assert 1 <= len(enlaces) <= 3 and "fichas/arg/patria-grande/" not in enlaces
    temas = {"derechos-humanos", "institucionalidad"}
    for url in enlaces:  # each shares at least one theme with Patria Grande
        otra = demo[url + "index.md"]
        assert temas & set(re.search(r"temas: \[([^\]]*)\]", otra).group(1).split(", "))
    assert contenidos(_fichas(ROOT / "fichas"), **URLS)["fichas/arg/patria-grande/index.md"] == pagina


def test_de_un_vistazo_antes_del_formulario(demo):
    pagina = demo["fichas/arg/patria-grande/index.md"]
    assert pagina.index('class="ficha-vistazo"') < pagina.index("1. Perfil general")
    vistazo = pagina[pagina.index('class="ficha-vistazo"'):pagina.index("</dl>")]
    for texto in ("Argentina", "Derechos humanos", "2006–2010", "Intercambio de expertos"):
        assert texto in vistazo
