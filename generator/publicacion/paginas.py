"""Render the catalogue's Markdown pages (front matter + escaped HTML blocks)
from typed fichas. Markup lives in generator/publicacion/plantillas/; nothing here builds HTML."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.esquema import idiomas
from generator.publicacion import rutas
from generator.publicacion.modelo import Registro, ordenar, parrafos, recortar
from urllib.parse import quote, urlencode

from generator.config import TEMPLATES_DIR, Configuracion, leer_configuracion
from generator.publicacion.cooperacion import Cooperacion
from generator.esquema.mensajes import MARCA_PLANTILLA, catalogo as catalogo_mensajes, plantilla as plantilla_mensaje
from generator.esquema.generar import construir_esquema
from generator.repositorio.plantilla import plantilla
from generator.validacion.validar import schema
from generator.esquema.campos import FICHA, PERFIL, Campo
from generator.esquema.vocabularios import Termino, vocabulario
from generator.secretaria.frescura import revision
from generator.secretaria.frescura import referencia_del_sitio
from generator.repositorio.plantilla import modeline
from generator.publicacion.modelo import fecha_larga
from generator.publicacion.mapa import MapaNoDisponible, mapa_svg
from generator.publicacion.datos import columnas_csv
from generator.privacidad.cifrado import leer_destinatarios

# An area of cooperation shows this many related fichas as cards; the others through its themes' index pages.
FICHAS_POR_AREA = 24
# A theme's or a category's page shows this many fichas, the newest; the explorer, all of them.
TARJETAS_POR_INDICE = 100

RECIENTES = 6
RELACIONADAS = 3
DEMANDA_VISIBLE = 5  # «Demanda relacionada»: the best few; the area pages list them all
CANDIDATOS_POR_TEMA = 200


@dataclass(frozen=True)
class Dimension:
    """One way to index the catalogue (/paises/, /temas/, /categorias/): a field with a facet
    that has index pages (`faceta.indice` in schema/campos.yml). Built once; its names are the
    language being written's (its field is looked up again in FICHA.campos, which follows idiomas.en)."""
    leido: Campo

    @property
    def campo(self) -> Campo:
        return FICHA.campos.get(self.leido.clave, self.leido)

    @property
    def carpeta(self) -> str:
        return self.campo.faceta.indice

    @property
    def nombre(self) -> str:
        return self.campo.faceta.nombre_indice

    @property
    def descripcion(self) -> str:
        return self.campo.faceta.descripcion

    @property
    def filtro(self) -> str:       # the explorer's URL key and Pagefind filter
        return self.campo.faceta.clave

    def terminos(self) -> tuple[Termino, ...]:
        return vocabulario(self.campo.vocabulario)

    def de(self, f: Registro) -> tuple[Termino, ...]:
        return f.terminos(self.campo.clave)

    def slug(self, t: Termino) -> str:
        return t.slug.lower()


DIMENSIONES = tuple(Dimension(c) for c in FICHA.facetas if c.faceta.indice)


def _yamlstr(s: str) -> Markup:
    """A front-matter string: HTML-escaped, then JSON-quoted (valid YAML). Engines print a
    page's title and description as they find them (Material and Zensical alike, in <title>,
    the header and <meta>), so the text goes in already escaped: no hook is needed for safety."""
    return Markup(json.dumps(str(escape(" ".join(str(s).split()))), ensure_ascii=False))


def entorno() -> Environment:
    # auto_reload off: a build's templates do not change while it runs (a new build makes a new
    # environment), and checking each file's date on every lookup was a tenth of a page's cost
    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True, auto_reload=False,
                      undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["yamlstr"] = _yamlstr
    env.filters["parrafos"] = parrafos
    env.filters["recortar"] = recortar
    env.filters["decimal"] = lambda x: f"{x:.1f}".replace(".", idiomas.t("paginas.numeros.decimal"))
    env.filters["mailto"] = mailto
    env.globals["rutas"] = rutas  # the URL layout (publicacion/rutas.py): no template spells a folder
    # the interface's words, in the language being written (generator/esquema/idiomas.py): a template
    # writes {{ t("sitio.clave") }}, never Spanish of its own; `idioma()` is that language's code
    env.globals["t"] = idiomas.t
    env.globals["idioma"] = idiomas.actual
    env.globals["macros_de_campo"] = _MacrosDeCampo(env)
    env.globals["th"] = texto_con_marcas
    env.globals["comun"] = ""  # from a language's root to the site's root (Paginas sets it under /pt/)
    return env


class _MacrosDeCampo:
    """The macros of _campos.html by name, for the macros there that choose one by the field's type
    (`Campo.clase.macro`): the file is made a module once per environment, where an `import` inside
    the macro made it anew for every value shown."""

    def __init__(self, env: Environment):
        self._env, self._modulo = env, None

    def __getitem__(self, nombre: str):
        if self._modulo is None:
            self._modulo = self._env.get_template("_campos.html").module
        return getattr(self._modulo, nombre)


def texto_con_marcas(clave: str, /, **valores) -> Markup:
    """An interface text that carries markup of the catalogue's own (<a href="{url}">, <strong>),
    its {placeholders} escaped: the catalogue is the project's, the values may be anyone's."""
    return Markup(idiomas.texto(clave)).format(**valores)


def mailto(direccion: str) -> str:
    """A mailto: link to one address, encoded: nothing in it can add recipients or headers."""
    return "mailto:" + quote(direccion.strip(), safe="@")


def raiz(url: str) -> str:
    """Relative prefix from a page URL ("fichas/arg/x/") back to the site root."""
    return "../" * url.strip("/").count("/") + ("../" if url.strip("/") else "")


class RutasCompartidas:
    """publicacion/rutas.py as the pages of a language under /<código>/ ask it: a page's address is
    the same, a shared file's (PDF, data, form, attached file) goes up to the site's root first."""
    COMPARTIDAS = ("pdf_registro", "descarga", "formulario_word", "compilacion", "dato", "adjunto")

    def __init__(self, comun: str):
        self.comun = comun

    def __getattr__(self, nombre: str):
        valor = getattr(rutas, nombre)
        if nombre in self.COMPARTIDAS:
            return lambda *a, **k: self.comun + valor(*a, **k)
        return valor


class _PdfCompartido:
    """The PDF build's paths seen from a language under /<código>/ (one folder down)."""

    def __init__(self, pdf, comun: str):
        self._pdf, self.comun = pdf, comun
        self.detalles = {comun + k: v for k, v in (getattr(pdf, "detalles", {}) or {}).items()}

    def __call__(self, destino):
        ruta = self._pdf(destino)
        return self.comun + ruta if ruta else ruta


class Paginas:
    """Everything the site shows, computed once from the valid fichas, in the language being
    written (idiomas.en). `comun`: from this language's root up to the site's root, where the
    shared files are ("" at the root, "../" under /pt/); templates get it as `comun` too."""

    def __init__(self, fichas: list[Registro], pdf, sitio_url: str, repo_url: str, perfiles: list[Registro] = (),
                 configuracion: Configuracion | None = None, comun: str = "", previa: "Paginas | None" = None):
        self.fichas = previa.fichas if previa is not None else ordenar(fichas)
        self.env = entorno()
        self.comun = comun
        self.idioma = idiomas.actual()
        self._pdf_base = pdf  # the PDF build's own paths, from the site's root
        if comun:
            self.env.globals["rutas"] = RutasCompartidas(comun)
            pdf = _PdfCompartido(pdf, comun)
        self.env.globals["comun"] = comun
        self.pdf = pdf  # maps a ficha or index to its PDF path, when PDFs are built
        self.sitio_url = sitio_url
        self.repo_url = repo_url
        # catalogo.yml as the build read it (read here only when a caller gives none)
        self.config = configuracion if configuracion is not None else leer_configuracion()
        self.correo_st = self.config.correo_st
        # what does not depend on the language is computed once, by the first language's pages (`previa`):
        # the cooperation view, the related practices, the review reference, the cache keys' content
        self.cooperacion = previa.cooperacion if previa is not None else Cooperacion(list(perfiles), self.fichas)
        self.referencia = (previa.referencia if previa is not None
                           else referencia_del_sitio([r.fecha for r in [*self.fichas, *perfiles]]))
        self.claves_base: dict[str, str] = previa.claves_base if previa is not None else {}
        if previa is not None:  # the related practices, memoised once for every language
            self.__dict__["_relacionadas"] = previa.__dict__.setdefault("_relacionadas", {})
        self.intervalos = self.config.revision
        self.env.globals["contactar"] = self.contactar
        # the folder of the language being written under the site's address: «» at the root, «pt/»
        self.env.globals["prefijo_idioma"] = lambda: "" if idiomas.actual() == self.config.idiomas[0] else f"{idiomas.actual()}/"

    def contactar(self, correos, asunto: str, cuerpo: str) -> str:
        """A mailto: link to the public institutional address(es), the Technical Secretariat in copy
        (or to the ST alone when there is no address): no person's data is used."""
        destinos = [c for c in dict.fromkeys(correos) if c]
        partes = {"subject": asunto, "body": cuerpo}
        if destinos:
            partes = {"cc": self.correo_st, **partes}
        else:
            destinos = [self.correo_st]
        # each part encoded: an address can never add recipients or headers (validation also
        # refuses «?», «&», «=», «%» in addresses)
        return ("mailto:" + ",".join(quote(d, safe="@") for d in destinos) + "?"
                + urlencode(partes, quote_via=quote))

    def revision(self, f: Registro):
        """When `f` was last reviewed and whether it is past its interval (generator.secretaria.frescura)."""
        return revision(f.fecha, f.tipo.carpeta, self.referencia, self.intervalos)

    def _pintar(self, template: str, url: str, **ctx) -> str:
        return self.env.get_template(template).render(raiz=raiz(url), **ctx)

    def ficha(self, f: Registro) -> str:
        demanda = self.cooperacion.demanda_relacionada(f)
        # «ver todas»: each area of the related demand, with how many ask for it there
        areas = [{"area": a, "n": sum(1 for d in demanda if d.area == a)}
                 for a in dict.fromkeys(d.area for d in demanda)]
        return self._pintar("ficha.md", f.url, f=f, pdf=self.pdf(f), secciones=f.tipo.secciones, revision=self.revision(f),
                            sitio_url=self.sitio_url, relacionada=demanda[:DEMANDA_VISIBLE],
                            n_relacionada=len(demanda), areas_relacionada=areas,
                            relacionadas=self.relacionadas_de(f))

    @property
    def relacionadas(self) -> dict[str, list[Registro]]:
        """Per ficha, up to three others: most shared themes, then categories, then words of their
        titles and summaries; ties in the catalogue's order. Candidates are the first fichas of each
        of its themes (bounded, so 10,000 fichas stay fast); the same records give the same answer."""
        return {f.id: self.relacionadas_de(f) for f in self.fichas}

    def relacionadas_de(self, f: Registro) -> list[Registro]:
        """`relacionadas` for one ficha, computed when first asked (a preview re-renders one page)."""
        memo = self.__dict__.setdefault("_relacionadas", {})
        if f.id not in memo:
            memo[f.id] = self._calcular_relacionadas(f)
        return memo[f.id]

    @cached_property
    def _afinidades(self):
        """What `relacionadas` compares, once for all the fichas: positions, themes, categories, words."""
        indices = {f.id: i for i, f in enumerate(self.fichas)}
        temas = [{t.slug for t in f.temas} for f in self.fichas]
        cats = [{t.slug for t in f.terminos("categorias")} for f in self.fichas]
        palabras = [set(re.findall(r"\w{6,}", (f.titulo + " " + f.resumen).lower())) for f in self.fichas]
        por_tema: dict[str, list[int]] = {}
        for i, ts in enumerate(temas):
            for t in ts:
                por_tema.setdefault(t, []).append(i)
        return indices, temas, cats, palabras, por_tema

    def _calcular_relacionadas(self, f: Registro) -> list[Registro]:
        indices, temas, cats, palabras, por_tema = self._afinidades
        i = indices.get(f.id)
        if i is None:
            return []
        candidatos = {j for t in temas[i] for j in por_tema[t][:CANDIDATOS_POR_TEMA]} - {i}
        claves = (lambda j: len(temas[i] & temas[j]), lambda j: len(cats[i] & cats[j]),
                  lambda j: len(palabras[i] & palabras[j]))
        return [self.fichas[j] for j in _mejores(candidatos, claves, RELACIONADAS)]

    # --- cooperation -----------------------------------------------------------------------
    def cooperacion_inicio(self) -> str:
        c = self.cooperacion
        return self._pintar("cooperacion.md", rutas.COOPERACION, c=c, demanda=c.ranking("demanda"),
                            oferta=c.ranking("oferta"), matriz=c.matriz(), sitio_url=self.sitio_url,
                            otras_demanda=c.otras("demanda"), otras_oferta=c.otras("oferta"),
                            n_coincidencias=len(c.coincidencias()), transferencia=vocabulario("transferencia"),
                            temas=vocabulario("temas"), categorias=vocabulario("categorias"),
                            pdf=self.pdf(("cooperacion", "")))

    def cooperacion_area(self, area: Termino) -> str:
        c = self.cooperacion
        fichas = c.fichas_de_area(area)
        # the first FICHAS_POR_AREA as cards, the rest through the index pages of the area's themes and
        # categories: the page would otherwise list the whole catalogue (megabytes at 10,000 fichas)
        indices = [(rutas.indice(dim, t.slug), t.nombre_corto) for dim in ("temas", "categorias")
                   for t in vocabulario(dim) if t.slug in (area.extra.get(dim) or ())]
        return self._pintar("cooperacion_area.md", rutas.area_cooperacion(area.slug), c=c, area=area,
                            demandas=[d for d in c.demandas if d.area == area],
                            ofertas=[o for o in c.ofertas if o.area == area],
                            coincidencias=[x for x in c.coincidencias() if x.area == area],
                            fichas=fichas[:FICHAS_POR_AREA], total_fichas=len(fichas), indices=indices,
                            sitio_url=self.sitio_url)

    def perfil(self, f: Registro) -> str:
        c = self.cooperacion
        return self._pintar("perfil.md", f.url, f=f, secciones=f.tipo.secciones, revision=self.revision(f), sitio_url=self.sitio_url,
                            coincidencias=[x for x in c.coincidencias() if f.id in (x.demanda.perfil.id, x.oferta.perfil.id)])

    def perfiles_de(self, pais: Termino) -> list[Registro]:
        return [p for p in self.cooperacion.perfiles if p.pais == pais]

    def por_termino(self, dim: Dimension) -> dict[str, list[Registro]]:
        out = {t.slug: [] for t in dim.terminos()}
        for f in self.fichas:
            for t in dim.de(f):
                out[t.slug].append(f)
        return out

    def indice(self, dim: Dimension, t: Termino, fichas: list[Registro]) -> str:
        url = rutas.indice(dim.carpeta, dim.slug(t))
        titulo = t.etiqueta if dim.carpeta == "paises" else t.nombre_corto
        pdf = self.pdf((dim.carpeta, dim.slug(t))) if fichas else None
        acciones = [{"href": pdf, "texto": idiomas.t("sitio.indice.compilacion")}] if pdf else []
        # a country's page lists all its fichas (the way to each of them without the explorer); a theme's or
        # a category's, the newest TARJETAS_POR_INDICE, and the explorer, filtered, for the others: such a
        # page would otherwise hold a large share of the catalogue (megabytes on a phone at 10,000 fichas)
        mostradas = fichas if dim is DIMENSIONES[0] else fichas[:TARJETAS_POR_INDICE]
        return self._pintar(
            "indice.md", url, dimension=dim.carpeta, nombre_dimension=dim.nombre, termino=t,
            perfiles=self.perfiles_de(t) if dim is DIMENSIONES[0] else [],
            titulo=titulo, fichas=mostradas, total=len(fichas), filtro=dim.filtro, acciones=acciones,
            descripcion=idiomas.t("sitio.indice.descripcion", termino=t.etiqueta),
            vacio=idiomas.t("sitio.indice.vacio", termino=t.etiqueta),
        )

    def resumen_indices(self, dim: Dimension) -> str:
        cuentas = self.por_termino(dim)
        valores = [{"slug": dim.slug(t), "etiqueta": t.etiqueta, "n": len(cuentas[t.slug])} for t in dim.terminos()]
        if dim.carpeta == "paises":
            csm = [v for v, t in zip(valores, dim.terminos()) if t.extra.get("csm")]
            otros = [v for v, t in zip(valores, dim.terminos()) if not t.extra.get("csm") and v["n"]]
            grupos = [{"titulo": idiomas.t("sitio.indice.miembros"), "valores": csm},
                      {"titulo": idiomas.t("sitio.indice.otros"), "valores": otros}]
        else:
            grupos = [{"titulo": "", "valores": valores}]
        return self._pintar("resumen_indices.md", rutas.indice(dim.carpeta), titulo=dim.nombre,
                            descripcion=dim.descripcion, dimension=dim.carpeta, grupos=grupos)

    def inicio(self) -> str:
        paises_dim, temas_dim, cat_dim = DIMENSIONES
        por_pais = self.por_termino(paises_dim)
        paises = [{"slug": t.slug, "etiqueta": t.etiqueta, "n": len(por_pais[t.slug]), "csm": t.extra.get("csm", False)}
                  for t in paises_dim.terminos()]
        miembros = [p for p in paises if p["csm"]]
        otros = [p for p in paises if not p["csm"] and p["n"]]  # the rest of the Americas, only with fichas
        por_tema = self.por_termino(temas_dim)
        tmax = max((len(v) for v in por_tema.values()), default=0) or 1
        temas = [{"slug": t.slug, "etiqueta": t.etiqueta, "corta": t.nombre_corto, "n": len(por_tema[t.slug]),
                  "pct": round(100 * len(por_tema[t.slug]) / tmax)} for t in temas_dim.terminos()]
        por_cat = self.por_termino(cat_dim)
        categorias = [{"slug": t.slug, "etiqueta": t.etiqueta, "n": len(por_cat[t.slug])} for t in cat_dim.terminos()]
        # country × theme: how many fichas; each cell opens the explorer with both filters
        cuadricula = [{"pais": p, "celdas": [sum(1 for f in por_pais[p["slug"]] if tm["slug"] in {x.slug for x in f.temas})
                                             for tm in temas]} for p in miembros + otros if p["n"]]
        return self._pintar(
            "inicio.md", "", total=len(self.fichas), recientes=self.fichas[:RECIENTES],
            pdf_catalogo=self.pdf(("catalogo", "")),
            n_paises=sum(1 for p in paises if p["n"]), n_temas=sum(1 for t in temas if t["n"]),
            miembros=miembros, otros=otros, temas=temas, categorias=categorias, cuadricula=cuadricula,
            demanda=self.cooperacion.ranking("demanda")[:3], n_perfiles=len(self.cooperacion.perfiles),
            anios=self.por_anio(), mapa=self.mapa(miembros + otros),
        )

    def mapa(self, paises: list[dict]):
        """The home page's SVG map (generator/publicacion/mapa.py); without world-atlas, none."""
        try:
            return mapa_svg(paises, raiz(""))
        except MapaNoDisponible:
            return ""

    def por_anio(self) -> list[tuple[int, int]]:
        """(year, fichas whose practice ran that year), newest first."""
        cuenta: dict[int, int] = {}
        for f in self.fichas:
            for a in f.anios:
                cuenta[a] = cuenta.get(a, 0) + 1
        return sorted(cuenta.items(), reverse=True)

    def explorar(self, etiqueta: str = "") -> str:
        # facet values by their codes (what Pagefind filters on, the same in every language), labels
        # in the language being written
        vocabs = {"tipo": {"titulo": t("paginas.explorar.tipo"),
                           "valores": {"ficha": t("paginas.explorar.tipo_ficha"), "perfil": t("paginas.explorar.tipo_perfil")}}}
        vocabs |= {c.faceta.clave: {"titulo": c.faceta.titulo,
                                    "valores": {t.slug: t.nombre_corto for t in vocabulario(c.vocabulario)}}
                   for c in FICHA.facetas}
        # countries: the members, and the rest of the Americas only where there is something to find
        con_contenido = {f.pais.slug for f in self.fichas} | {p.pais.slug for p in self.cooperacion.perfiles}
        vocabs["pais"]["valores"] = {t.slug: t.etiqueta for t in vocabulario("paises")
                                     if t.extra.get("csm") or t.slug in con_contenido}
        vocabs["anio"] = {"titulo": t("paginas.explorar.anio"),
                          "valores": {str(a): str(a) for a, _ in self.por_anio()}}
        return self._pintar("explorar.md", rutas.EXPLORAR, etiqueta=etiqueta,
                            vocabularios_json=json.dumps(vocabs, ensure_ascii=False, separators=(",", ":")),
                            textos_json=json_en_script(textos("paginas.explorador")))

    def contribuir(self) -> str:
        return self._pintar("contribuir.md", rutas.CONTRIBUIR, campos=tabla_campos(),
                            plantilla=plantilla(pais=MARCA_PLANTILLA), repo_url=self.repo_url, correo_st=self.correo_st,
                            sitio_url=self.sitio_url, revision=self.intervalos)

    def proponer(self, tipo=FICHA) -> str:
        secciones = {s.numero: s.titulo for s in tipo.secciones}
        # JSON inside <script>: nothing in it may close the element or start markup
        # the schema as the language being written says it: titles, instructions and the vocabularies'
        # labels in that language (the same rules as the committed schema, which is the Spanish one)
        esquema = json.dumps(construir_esquema(tipo), ensure_ascii=False, separators=(",", ":"))
        esquema = esquema.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        destinatarios = json.dumps([d.clave for d in leer_destinatarios()])
        campo_nombre = next(c.clave for c in tipo.campos.values() if c.cabecera and c.clase.es_texto)
        clave = clave_de(tipo)
        url = rutas.proponer(clave, tipo is FICHA)
        return self._pintar("proponer.md", url, repo_url=self.repo_url, esquema_json=Markup(esquema),
                            secciones_json=json.dumps(secciones, ensure_ascii=False), modelo=modeline(tipo),
                            destinatarios_json=destinatarios, tipo=tipo, campo_nombre=campo_nombre,
                            correo_st=self.correo_st, word=self.comun + rutas.formulario_word(clave), clave=clave,
                            titulo_pagina=t(f"paginas.proponer.titulo_{clave}"), demostracion=self.config.demostracion,
                            textos_json=json_en_script(textos_del_formulario()))

    def descargas(self, tamanos: dict[str, int]) -> str:
        """/descargas/: every download in one page. `tamanos`: site path → bytes of the generated
        files (Word forms, open data); the PDFs' size, pages and date come from the PDF build."""
        detalles = getattr(self.pdf, "detalles", {}) or {}

        def fila(ruta: str, titulo: str | None = None) -> dict:
            d = detalles[ruta]
            return {"ruta": ruta, "titulo": titulo or d.titulo, "tamano": tamano(d.bytes), "paginas": d.paginas,
                    "fichas": d.fichas, "fecha": fecha_larga(d.fecha)}

        formularios = [
            {"ruta": rutas.formulario_word(clave_de(FICHA)), "titulo": t("paginas.descargas.word_ficha"),
             "nota": t("paginas.descargas.word_ficha_nota")},
            {"ruta": rutas.formulario_word(clave_de(PERFIL)), "titulo": t("paginas.descargas.word_perfil"),
             "nota": t("paginas.descargas.word_perfil_nota")},
        ]
        for d, clase in zip(formularios, (FICHA, PERFIL)):
            d["tamano"] = tamano(tamanos[d["ruta"]])
            d["ruta"] = self.comun + d["ruta"]  # shared, at the site's root
            # the same form in the site's other languages (a focal point may prefer another one)
            d["otros"] = [{"ruta": self.comun + r, "lang": codigo, "nombre": idiomas.idioma_info(codigo).get("nombre", codigo),
                           "tamano": tamano(tamanos[r])}
                          for codigo in self.config.idiomas if codigo != idiomas.actual()
                          for r in [rutas.formulario_word(clave_de(clase), codigo)] if r in tamanos]
        catalogo = []
        if self.pdf(("catalogo", "")) in detalles:
            catalogo.append(fila(self.pdf(("catalogo", "")), t("paginas.descargas.catalogo_completo")))
        if self.pdf(("cooperacion", "")) in detalles:
            catalogo.append(fila(self.pdf(("cooperacion", "")), t("paginas.descargas.cooperacion")))
        grupos = []
        for dim in DIMENSIONES:
            filas = [fila(self.pdf((dim.carpeta, dim.slug(t))), t.etiqueta) for t in dim.terminos()
                     if self.pdf((dim.carpeta, dim.slug(t))) in detalles]
            if filas:
                grupos.append({"id": dim.carpeta, "titulo": t("paginas.descargas.por", dimension=dim.campo.faceta.titulo.lower()), "filas": filas})
        datos = [{"ruta": self.comun + r, "titulo": titulo, "formato": fmt, "tamano": tamano(tamanos[r])} for r, titulo, fmt in (
            (rutas.dato("fichas.csv"), t("paginas.descargas.fichas_csv"), "CSV"),
            (rutas.dato("fichas.json"), t("paginas.descargas.fichas_json"), "JSON"),
            (rutas.dato("perfiles.csv"), t("paginas.descargas.perfiles_csv"), "CSV"),
            (rutas.dato("perfiles.json"), t("paginas.descargas.perfiles_json"), "JSON"),
            (rutas.dato("coincidencias.json"), t("paginas.descargas.coincidencias_json"), "JSON"),
            (rutas.dato("novedades.xml"), t("paginas.descargas.novedades"), "Atom"),
        ) if r in tamanos]
        return self._pintar("descargas.md", rutas.DESCARGAS, formularios=formularios, catalogo=catalogo,
                            grupos=grupos, datos=datos)

    def datos(self) -> str:
        # the licence as the page names it, in its language; the data files keep LICENCIA as it is
        licencia = {"nombre": idiomas.t("sitio.datos.licencia"), "url": idiomas.t("sitio.datos.licencia_url")}
        return self._pintar("datos.md", rutas.DATOS, campos=tabla_campos(publicos=True), licencia=licencia,
                            columnas=columnas_csv(), total=len(self.fichas), sitio_url=self.sitio_url,
                            pdf_catalogo=self.pdf(("catalogo", "")))


def _mejores(candidatos, claves, n: int) -> list[int]:
    """The first `n` candidates in the order of `sorted(candidatos, key=lambda j: (-claves[0](j), -claves[1](j), …, j))`,
    computing a later score only for the candidates still tied on the earlier ones (the words'
    overlap, the costly one, for a few instead of hundreds)."""
    if not claves:
        return sorted(candidatos)[:n]
    grupos: dict[int, list[int]] = {}
    for j in candidatos:
        grupos.setdefault(claves[0](j), []).append(j)
    elegidos: list[int] = []
    for puntos in sorted(grupos, reverse=True):
        falta = n - len(elegidos)
        if falta <= 0:
            break
        grupo = grupos[puntos]
        elegidos += _mejores(grupo, claves[1:], falta)
    return elegidos


def t(clave: str, /, **valores) -> str:
    """An interface text of these pages (schema/idiomas/<código>/paginas.yml) in the language being written."""
    return idiomas.t(clave, **valores)


def clave_de(tipo) -> str:
    """A kind of record's name in the source language («ficha», «perfil»): the code its routes, Word
    form and catalogue keys use, whatever language is being written (its `nombre` follows that language)."""
    with idiomas.en(idiomas.BASE):
        return tipo.nombre


def textos_del_formulario() -> dict:
    """What the /proponer/ scripts say, in the language being written: their texts (a phrase that
    differs by kind of record has one key per kind: «completa_ficha», «completa_perfil») and the
    validator's messages (schema/mensajes.yml and its translations), so the form says what CI says."""
    return {"idioma": idiomas.actual(), "interfaz": textos("paginas.formulario"),
            "mensajes": {k: plantilla_mensaje(k) for k in catalogo_mensajes()["mensajes"]}}


def textos(grupo: str) -> dict[str, str]:
    """Every text of a group («paginas.explorador»), each in the language being written or in Spanish."""
    return {k: idiomas.texto(f"{grupo}.{k}") for k in idiomas.texto(grupo, idiomas.BASE)}


def json_en_script(datos) -> Markup:
    """JSON for a <script type="application/json"> block: nothing in it may close the element or
    start markup (the texts reach the scripts as data, never as code: the CSP allows no inline script)."""
    texto = json.dumps(datos, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return Markup(texto.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def tamano(n: int) -> str:
    """A file size as a person reads it: «38 KB», «1,2 MB»."""
    if n < 1000 * 1000:
        return f"{max(1, round(n / 1000))} KB"
    return f"{n / 1000 / 1000:.1f} MB".replace(".", idiomas.t("paginas.numeros.decimal"))


def tabla_campos(publicos: bool = False) -> list[dict]:
    """The fields as rows for the guides' tables and the data dictionary (generated, never copied)."""
    filas = []
    for c in FICHA.campos.values():
        subs = c.publicos if publicos else c.subcampos
        filas.append({
            "clave": c.clave, "titulo": c.rotulo, "descripcion": c.instruccion,
            "obligatorio": idiomas.t("paginas.campos.si" if c.obligatorio else "paginas.campos.si_otro" if c.si_otro
                                     else "paginas.campos.no"),
            "limite": _limite(c), "valores": _valores(c),
            "subcampos": [{"clave": s.clave, "titulo": s.rotulo, "limite": _limite(s),
                           "obligatorio": s.obligatorio, "publico": not s.privado,
                           "columna": s.columna} for s in subs],
            "columna": c.columna, "tipo": c.tipo, "columnas_de_subcampos": c.clase.columnas_csv(c) != [c.columna],
        })
    return filas


def _valores(c: Campo) -> list[dict]:
    return [{"slug": t.slug, "etiqueta": t.etiqueta} for t in vocabulario(c.vocabulario)] if c.vocabulario else []


def _limite(c: Campo) -> str:
    if not c.max_palabras:
        return ""
    # a list of texts limits each of its items (its type says so: «200 palabras cada una»)
    cada_una = c.clase.palabras(c) != f"{c.max_palabras} palabras"
    return idiomas.t("paginas.campos.palabras_cada_una" if cada_una else "paginas.campos.palabras", n=c.max_palabras)
