"""Render the catalogue's Markdown pages (front matter + escaped HTML blocks)
from typed fichas. Markup lives in generator/publicacion/plantillas/; nothing here builds HTML."""
from __future__ import annotations

import json
from dataclasses import dataclass

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.publicacion.modelo import Ficha, ordenar, parrafos
from generator.config import REPO_URL, SITIO_URL, TEMPLATES_DIR
from generator.validacion.reglas import PLACEHOLDER
from generator.repositorio.plantilla import plantilla
from generator.esquema.generar import REQUIRED
from generator.validacion.validar import schema
from generator.esquema.vocabularios import Termino, vocabulario

RECIENTES = 6


@dataclass(frozen=True)
class Dimension:
    """One way to index the catalogue: /paises/, /temas/, /categorias/."""
    carpeta: str
    nombre: str
    vocabulario: str
    filtro: str        # the explorer's URL key and Pagefind filter
    atributo: str      # the Ficha attribute holding its terms
    descripcion: str

    def terminos(self) -> tuple[Termino, ...]:
        return vocabulario(self.vocabulario)

    def de(self, f: Ficha) -> tuple[Termino, ...]:
        v = getattr(f, self.atributo)
        return v if isinstance(v, tuple) else (v,)

    def slug(self, t: Termino) -> str:
        return t.slug.lower()


DIMENSIONES = (
    Dimension("paises", "Países", "paises", "pais", "pais",
              "Fichas por país: todos los Estados de las Américas, primero los miembros de la CSM."),
    Dimension("temas", "Temas", "temas", "tema", "temas",
              "Fichas por área temática (1.3), con las etiquetas del formulario de la CSM."),
    Dimension("categorias", "Categorías", "categorias", "categoria", "categorias",
              "Fichas por categoría (1.9): política y normas, institucionalidad, mecanismos operativos."),
)


def _yamlstr(s: str) -> Markup:
    """A front-matter string: JSON-quoted (valid YAML), not HTML-escaped; the
    MkDocs hook escapes title and description before any template prints them."""
    return Markup(json.dumps(" ".join(str(s).split()), ensure_ascii=False))


def entorno() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True,
                      undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["yamlstr"] = _yamlstr
    env.filters["parrafos"] = parrafos
    return env


def raiz(url: str) -> str:
    """Relative prefix from a page URL ("fichas/arg/x/") back to the site root."""
    return "../" * url.strip("/").count("/") + ("../" if url.strip("/") else "")


class Paginas:
    """Everything the site shows, computed once from the valid fichas."""

    def __init__(self, fichas: list[Ficha], pdf=lambda destino: None, sitio_url: str = SITIO_URL,
                 repo_url: str = REPO_URL):
        self.fichas = ordenar(fichas)
        self.env = entorno()
        self.pdf = pdf  # maps a ficha or index to its PDF path, when PDFs are built
        self.sitio_url = sitio_url
        self.repo_url = repo_url

    def _render(self, template: str, url: str, **ctx) -> str:
        return self.env.get_template(template).render(raiz=raiz(url), **ctx)

    def ficha(self, f: Ficha) -> str:
        return self._render("ficha.md", f.url, f=f, pdf=self.pdf(f),
                            editar=f"{self.repo_url}/edit/main/{f.fuente}")

    def por_termino(self, dim: Dimension) -> dict[str, list[Ficha]]:
        out = {t.slug: [] for t in dim.terminos()}
        for f in self.fichas:
            for t in dim.de(f):
                out[t.slug].append(f)
        return out

    def indice(self, dim: Dimension, t: Termino, fichas: list[Ficha]) -> str:
        url = f"{dim.carpeta}/{dim.slug(t)}/"
        titulo = t.etiqueta if dim.carpeta == "paises" else t.nombre_corto
        pdf = self.pdf((dim.carpeta, dim.slug(t))) if fichas else None
        acciones = [{"href": pdf, "texto": "Descargar la compilación (PDF)"}] if pdf else []
        return self._render(
            "indice.md", url, dimension=dim.carpeta, nombre_dimension=dim.nombre, termino=t,
            titulo=titulo, fichas=fichas, filtro=dim.filtro, acciones=acciones,
            descripcion=f"Fichas del catálogo de buenas prácticas de la CSM: {t.etiqueta}.",
            vacio=f"Todavía no hay fichas para «{t.etiqueta}». Cuando un país publique una, aparecerá aquí.",
        )

    def resumen_indices(self, dim: Dimension) -> str:
        cuentas = self.por_termino(dim)
        valores = [{"slug": dim.slug(t), "etiqueta": t.etiqueta, "n": len(cuentas[t.slug])} for t in dim.terminos()]
        if dim.carpeta == "paises":
            csm = [v for v, t in zip(valores, dim.terminos()) if t.extra.get("csm")]
            otros = [v for v, t in zip(valores, dim.terminos()) if not t.extra.get("csm")]
            grupos = [{"titulo": "Países miembros de la CSM", "valores": csm},
                      {"titulo": "Otros países de las Américas", "valores": otros}]
        else:
            grupos = [{"titulo": "", "valores": valores}]
        return self._render("resumen_indices.md", f"{dim.carpeta}/", titulo=dim.nombre,
                            descripcion=dim.descripcion, dimension=dim.carpeta, grupos=grupos)

    def inicio(self) -> str:
        paises_dim, temas_dim, cat_dim = DIMENSIONES
        por_pais = self.por_termino(paises_dim)
        maximo = max((len(v) for v in por_pais.values()), default=0) or 1
        paises = []
        for t in paises_dim.terminos():
            n = len(por_pais[t.slug])
            col, fila = t.extra["cuadricula"]
            nivel = 0 if n == 0 else 1 + min(3, (3 * n) // (maximo + 1))
            paises.append({"slug": t.slug, "etiqueta": t.etiqueta, "n": n, "col": col, "fila": fila,
                           "nivel": nivel, "csm": t.extra.get("csm", False)})
        por_tema = self.por_termino(temas_dim)
        tmax = max((len(v) for v in por_tema.values()), default=0) or 1
        temas = [{"slug": t.slug, "etiqueta": t.etiqueta, "n": len(por_tema[t.slug]),
                  "pct": round(100 * len(por_tema[t.slug]) / tmax)} for t in temas_dim.terminos()]
        por_cat = self.por_termino(cat_dim)
        categorias = [{"slug": t.slug, "etiqueta": t.etiqueta, "n": len(por_cat[t.slug])} for t in cat_dim.terminos()]
        return self._render(
            "inicio.md", "", total=len(self.fichas), recientes=self.fichas[:RECIENTES],
            pdf_catalogo=self.pdf(("catalogo", "")),
            n_paises=sum(1 for p in paises if p["n"]), n_temas=sum(1 for t in temas if t["n"]),
            paises=paises, temas=temas, categorias=categorias,
        )

    def explorar(self) -> str:
        vocabs = {
            "pais": {"titulo": "País", "valores": {t.slug: t.etiqueta for t in vocabulario("paises")}},
            "tema": {"titulo": "Tema", "valores": {t.slug: t.nombre_corto for t in vocabulario("temas")}},
            "categoria": {"titulo": "Categoría", "valores": {t.slug: t.etiqueta for t in vocabulario("categorias")}},
            "nivel": {"titulo": "Nivel territorial", "valores": {t.slug: t.etiqueta for t in vocabulario("niveles_territoriales")}},
            "transferencia": {"titulo": "Necesidades de transferencia", "valores": {t.slug: t.etiqueta for t in vocabulario("transferencia")}},
        }
        return self._render("explorar.md", "explorar/",
                            vocabularios_json=json.dumps(vocabs, ensure_ascii=False, separators=(",", ":")))

    def contribuir(self) -> str:
        paises = [{"codigo": t.slug, "carpeta": t.slug.lower(), "nombre": t.etiqueta}
                  for t in vocabulario("paises") if t.extra.get("csm")]
        return self._render("contribuir.md", "contribuir/", campos=tabla_campos(),
                            plantilla=plantilla(pais=PLACEHOLDER), paises=paises, repo_url=self.repo_url,
                            sitio_url=self.sitio_url)

    def proponer(self) -> str:
        from generator.repositorio.plantilla import MODELINE
        from generator.esquema.vocabularios import formulario
        f = formulario()
        secciones = {k.rsplit("_", 1)[1]: v for k, v in f.items() if k.startswith("seccion_")}
        # JSON inside <script>: nothing in it may close the element or start markup
        esquema = json.dumps(schema(), ensure_ascii=False, separators=(",", ":"))
        esquema = esquema.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return self._render("proponer.md", "proponer/", repo_url=self.repo_url, esquema_json=Markup(esquema),
                            secciones_json=json.dumps(secciones, ensure_ascii=False), modelo=MODELINE)

    def datos(self) -> str:
        from generator.publicacion.datos import COLUMNAS_CSV, LICENCIA
        return self._render("datos.md", "datos/", campos=tabla_campos(publicos=True), licencia=LICENCIA,
                            columnas=COLUMNAS_CSV, total=len(self.fichas), sitio_url=self.sitio_url,
                            pdf_catalogo=self.pdf(("catalogo", "")))


def tabla_campos(publicos: bool = False) -> list[dict]:
    """The schema's fields as rows for the guides' tables (generated, never copied)."""
    s = schema()
    campos = []
    for clave, p in s["properties"].items():
        items = p.get("items", {})
        valores = [{"slug": slug, "etiqueta": et} for slug, et in
                   zip(p.get("enum") or items.get("enum") or [], p.get("enumDescriptions") or items.get("enumDescriptions") or [])]
        if clave == "pais":
            valores = [{"slug": t.slug, "etiqueta": t.etiqueta} for t in vocabulario("paises")]
        subprops = p.get("properties") or items.get("properties") or {}
        req = set(p.get("required") or items.get("required") or [])
        subcampos = [{"clave": k, "titulo": sp.get("title", k), "limite": _limite(sp),
                      "obligatorio": "Sí" if k in req else "No",
                      "publico": not (clave == "contacto" and k in ("nombre", "cargo", "email"))}
                     for k, sp in subprops.items()]
        if publicos:
            subcampos = [sc for sc in subcampos if sc["publico"]]
        campos.append({"clave": clave, "titulo": p["title"], "descripcion": p["description"],
                       "obligatorio": "Sí" if clave in REQUIRED else _condicion(clave),
                       "limite": _limite(p), "valores": valores, "subcampos": subcampos})
    return campos


def _limite(p: dict) -> str:
    if "x-max-palabras" in p:
        return f"{p['x-max-palabras']} palabras"
    if p.get("items", {}).get("x-max-palabras"):
        return f"{p['items']['x-max-palabras']} palabras cada una"
    return ""


def _condicion(clave: str) -> str:
    return "Si eligió «otro»" if clave.endswith("_otro") else "No"
