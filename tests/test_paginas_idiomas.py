"""The public pages in each language (issue 25): the contributor guide, Cooperation, Open data,
Downloads, the explorer and the forms take every word from schema/idiomas/<código>/paginas.yml,
and no Spanish text of that catalogue is left on a Portuguese or English page."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
import yaml

from conftest import ROOT, URLS
from generator.esquema import idiomas
from generator.esquema.campos import FICHA, PERFIL
from generator.esquema.vocabularios import vocabulario
from generator.publicacion import rutas
from generator.publicacion.modelo import desde_lectura
from generator.publicacion.paginas import Paginas
from generator.validacion.validar import validar

OTROS = ("pt", "en")
CATALOGO = "paginas"


def _hojas(datos, prefijo=""):
    out = {}
    for k, v in datos.items():
        if isinstance(v, dict):
            out.update(_hojas(v, f"{prefijo}{k}."))
        else:
            out[f"{prefijo}{k}"] = v
    return out


def catalogo(codigo: str) -> dict[str, str]:
    return _hojas(yaml.safe_load((ROOT / "schema" / "idiomas" / codigo / f"{CATALOGO}.yml").read_text(encoding="utf-8")))


class _Texto(HTMLParser):
    """The text a reader sees: every text node but scripts' and styles', and the attributes that are
    read. A <pre> is a file shown as it is (the template plantilla-ficha.yml) and a <code> a key or a
    code: not the page's words."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.partes, self.trozos, self._oculto = [], set(), 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "pre", "code"):
            self._oculto += 1
        for k, v in attrs:
            if k in ("placeholder", "aria-label", "title", "alt") and v:
                self.partes.append(v)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "pre", "code"):
            self._oculto -= 1

    def handle_data(self, data):
        if not self._oculto:
            self.partes.append(data)
            self.trozos.add(" ".join(data.split()).strip(" .,:;·()"))


def texto_visible(html: str) -> tuple[str, set[str]]:
    """The page's visible text, and each piece of text between two tags (a heading, a button, a cell)."""
    p = _Texto()
    p.feed(html)
    return " ".join(" ".join(p.partes).split()), p.trozos


def fragmentos(valor: str) -> list[str]:
    """The pieces of a catalogue text a reader sees: without its markup and its {placeholders}."""
    sin_marcas = re.sub(r"<[^>]+>", "", valor)
    sin_marcas = sin_marcas.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return [" ".join(f.split()) for f in re.split(r"\{\w+\}", sin_marcas) if f.strip()]


def restos_en_espanol(visible: tuple[str, set[str]], codigo: str, claves=None) -> list[str]:
    """Each Spanish text of the catalogue whose translation differs and that the page in `codigo`
    still shows: a piece of two words or more anywhere in its text, a single word as a whole piece
    of text of its own (a heading, a button, a table's cell: «Clave»), never inside a record's words."""
    texto, trozos = visible
    es, otro = catalogo("es"), catalogo(codigo)
    hallados = []
    for clave, valor in es.items():
        if claves and not any(clave.startswith(c) for c in claves):
            continue
        if not isinstance(valor, str) or otro.get(clave) == valor:
            continue
        traduccion = " ".join(re.sub(r"<[^>]+>", "", otro.get(clave, "")).split())
        for f in fragmentos(valor):
            if f in traduccion:       # a name, a file or a code the translation keeps as it is
                continue
            if " " in f.strip(" .,:;") and len(f) >= 10:
                if f in texto:
                    hallados.append(f"{clave}: «{f}»")
            elif f.strip(" .,:;·()") in trozos and len(f.strip(" .,:;·()")) >= 3:
                hallados.append(f"{clave}: «{f}»")
    return hallados


@pytest.fixture(scope="module")
def registros():
    fichas = validar(ROOT / "fichas")
    perfiles = validar(ROOT / "perfiles", PERFIL)
    assert fichas.ok and perfiles.ok
    return [desde_lectura(f) for f in fichas.fichas], [desde_lectura(p) for p in perfiles.fichas]


def _paginas(registros) -> dict[str, str]:
    fichas, perfiles = registros
    p = Paginas(fichas, lambda destino: None, URLS["sitio_url"], URLS["repo_url"], perfiles)
    tamanos = {rutas.formulario_word("ficha"): 40_000, rutas.formulario_word("perfil"): 30_000,
               rutas.dato("fichas.csv"): 9_000}
    area = next(a for a in p.cooperacion.areas if any(x.area == a for x in p.cooperacion.coincidencias()))
    return {"contribuir": p.contribuir(), "cooperacion": p.cooperacion_inicio(), "area": p.cooperacion_area(area),
            "datos": p.datos(), "descargas": p.descargas(tamanos), "explorar": p.explorar("x"),
            "proponer": p.proponer(), "proponer-perfil": p.proponer(PERFIL)}


@pytest.fixture(scope="module")
def por_idioma(registros):
    out = {}
    for codigo in ("es", *OTROS):
        with idiomas.en(codigo):
            out[codigo] = _paginas(registros)
    return out


def test_cada_idioma_traduce_todo_el_catalogo_de_las_paginas():
    es = catalogo("es")
    for codigo in OTROS:
        otro = catalogo(codigo)
        assert set(otro) == set(es), (codigo, set(es) ^ set(otro))
        for clave, valor in es.items():
            # the same {placeholders} ({La} is {la} capitalised, for a language that starts a sentence with it)
            propios = {p.replace("{La}", "{la}") for p in re.findall(r"\{\w+\}", otro[clave])}
            assert propios <= set(re.findall(r"\{\w+\}", valor)) | {"{la}"}, (codigo, clave)


def sin_lo_que_falta_traducir(visible: tuple[str, set[str]], codigo: str) -> tuple[str, set[str]]:
    """The text (and its pieces) without the Spanish that another catalogue (fields, vocabularies,
    messages) still lacks in `codigo`: that falls back to Spanish by design and `make traducciones`
    lists it. Only this catalogue's words are this test's business."""
    texto, trozos = visible
    fuente = idiomas.textos_fuente()
    faltan = {" ".join(fuente[nombre][clave].split()) for nombre, claves in idiomas.faltantes(codigo).items()
              if nombre != CATALOGO for clave in claves if isinstance(fuente[nombre].get(clave), str)}
    for valor in sorted(faltan, key=len, reverse=True):  # «Nombre y apellido…» before «Nombre»
        if len(valor) > 3:
            texto = texto.replace(valor, " ")
    return texto, {t for t in trozos if t not in {f.strip(" .,:;·()") for f in faltan}}


def test_las_paginas_en_portugues_e_ingles_no_dejan_texto_en_espanol(por_idioma):
    assert not idiomas.faltantes("pt").get(CATALOGO) and not idiomas.faltantes("en").get(CATALOGO)
    for codigo in OTROS:
        for nombre, pagina in por_idioma[codigo].items():
            restos = restos_en_espanol(sin_lo_que_falta_traducir(texto_visible(pagina), codigo), codigo)
            assert not restos, (codigo, nombre, restos)
    # the check finds what it looks for: the Spanish pages hold those same texts
    assert restos_en_espanol(texto_visible(por_idioma["es"]["contribuir"]), "pt")


def test_la_pagina_dice_su_idioma_en_titulo_y_botones(por_idioma):
    for codigo in ("es", *OTROS):
        with idiomas.en(codigo):
            titulo = idiomas.t("paginas.explorar.titulo")
            comprobar = idiomas.t("paginas.proponer.comprobar")
        assert f"<h1>{titulo}</h1>" in por_idioma[codigo]["explorar"]
        assert f'id="proponer-comprobar">{comprobar}</button>' in por_idioma[codigo]["proponer"]
    assert len({por_idioma[c]["explorar"].split("<h1>")[1][:20] for c in ("es", *OTROS)}) == 3


def _bloque(pagina: str, id_: str) -> dict:
    m = re.search(rf'<script type="application/json" id="{id_}">(.*?)</script>', pagina, re.S)
    assert m, id_
    return json.loads(m.group(1))


def _vocabularios(pagina: str) -> dict:
    import html
    return json.loads(html.unescape(re.search(r'data-vocabularios="([^"]*)"', pagina).group(1)))


def test_el_explorador_recibe_sus_textos_y_facetas_por_codigo_en_el_idioma(por_idioma):
    facetas = {c: _vocabularios(por_idioma[c]["explorar"]) for c in ("es", *OTROS)}
    for codigo in OTROS:
        # filters work on codes: the same facets and values in every language, labels in its own
        assert {k: sorted(v["valores"]) for k, v in facetas[codigo].items()} == \
            {k: sorted(v["valores"]) for k, v in facetas["es"].items()}
        with idiomas.en(codigo):
            assert facetas[codigo]["tipo"]["titulo"] == idiomas.t("paginas.explorar.tipo")
            assert facetas[codigo]["tipo"]["valores"]["perfil"] == idiomas.t("paginas.explorar.tipo_perfil")
            temas = {t.slug: t.nombre_corto for t in vocabulario("temas")}
            assert facetas[codigo]["tema"]["valores"] == temas
            textos = _bloque(por_idioma[codigo]["explorar"], "explorar-textos")
            claves = {k.split(".", 1)[1] for k in catalogo("es") if k.startswith("explorador.")}
            assert textos == {k: idiomas.t(f"paginas.explorador.{k}") for k in claves}
        assert textos["nada"] != _bloque(por_idioma["es"]["explorar"], "explorar-textos")["nada"]


def test_el_formulario_en_su_idioma_etiquetas_y_mensajes(por_idioma):
    for codigo in OTROS:
        pagina = por_idioma[codigo]["proponer"]
        esquema = _bloque(pagina, "proponer-esquema")
        textos = _bloque(pagina, "proponer-textos")
        with idiomas.en(codigo):
            # the fields' labels and instructions, and the vocabularies' labels, in the page's language
            assert esquema["properties"]["resumen"]["title"] == FICHA.campos["resumen"].rotulo
            assert esquema["properties"]["resumen"]["description"].startswith(FICHA.campos["resumen"].instruccion)
            assert esquema["properties"]["temas"]["items"]["enumDescriptions"] == \
                [t.etiqueta for t in vocabulario("temas")]
            from generator.esquema.mensajes import plantilla
            assert textos["mensajes"]["palabras"] == plantilla("palabras")
        assert textos["idioma"] == codigo
        assert textos["interfaz"]["problemas_uno"] == catalogo(codigo)["formulario.problemas_uno"]
        assert set(textos["interfaz"]) == {k.split(".", 1)[1] for k in catalogo("es") if k.startswith("formulario.")}
    # the Spanish page still carries the committed schema exactly (the one CI validates with)
    es = _bloque(por_idioma["es"]["proponer"], "proponer-esquema")
    assert es == json.loads((ROOT / "schema" / "ficha.schema.json").read_text(encoding="utf-8"))


def test_los_enlaces_de_las_paginas_quedan_en_su_idioma(por_idioma):
    """Every link of these pages is relative (it stays under /pt/ or /en/) or leaves the site."""
    for codigo in OTROS:
        for nombre, pagina in por_idioma[codigo].items():
            for href in re.findall(r'href="([^"]+)"', pagina):
                assert not href.startswith("/"), (codigo, nombre, href)
                if href.startswith(URLS["sitio_url"]):
                    assert href.startswith(URLS["sitio_url"] + codigo + "/"), (codigo, nombre, href)


def test_un_texto_con_marcas_escapa_sus_valores():
    """th(): the catalogue's own markup stays, a value put into it (an address, a name) is escaped."""
    from generator.publicacion.paginas import texto_con_marcas
    with idiomas.en("pt"):
        html = str(texto_con_marcas("paginas.proponer.word", word='x" onclick="alert(1)', correo="<b>st@x.org</b>"))
    assert '<a href="x&#34; onclick=&#34;alert(1)">' in html
    assert "&lt;b&gt;st@x.org&lt;/b&gt;" in html and "<b>" not in html
