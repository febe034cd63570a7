"""`python -m generator nueva --pais ARG "Título"`: start a ficha from the template."""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from pathlib import Path

from generator.config import FICHA_SUFFIXES, FICHAS_DIR
from generator.repositorio.plantilla import plantilla
from generator.esquema.campos import campos
from generator.esquema.vocabularios import vocabulario
from generator.archivos import crear_atomico
from generator.validacion.validar import schema
from generator.privacidad.cifrado import problemas_en_claro
from generator.esquema.campos import FICHA
from generator.esquema import idiomas
from generator.esquema.mensajes import MARCA_PLANTILLA

MAX_SLUG = 60


class ErrorDeNueva(Exception):
    """A request `nueva` refuses, with what to do instead (in the current language, idiomas.en)."""


def slug(titulo: str) -> str:
    """'Programa Pátria Grande: 2006' -> 'programa-patria-grande-2006', cut at a word."""
    plano = unicodedata.normalize("NFKD", titulo).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", plano.lower()).strip("-")
    if len(s) > MAX_SLUG:
        s = s[: MAX_SLUG + 1].rsplit("-", 1)[0]
    return s


def codigo_pais(texto: str) -> str:
    """The ISO code for what the person typed: 'arg', 'ARG', 'Argentina', a long official name
    ('República del Paraguay') or the name in Portuguese or English ('Paraguai', 'Brazil'): the
    names are schema/vocabularios.yml's «nombre» and «otros_nombres»."""
    paises = vocabulario("paises")
    codigos = {t.slug for t in paises}
    t = texto.strip()
    if t.upper() in codigos:
        return t.upper()
    por_nombre = {}
    for p in paises:
        for n in (p.etiqueta, *(p.extra.get("otros_nombres") or ())):
            por_nombre.setdefault(slug(n), p.slug)
    escrito = slug(t)
    if escrito in por_nombre:
        return por_nombre[escrito]
    # a name inside what was typed («la República del Paraguay», «Paraguay (PRY)»): the longest one
    dentro = sorted(((len(n), c) for n, c in por_nombre.items() if n and f"-{n}-" in f"-{escrito}-"), reverse=True)
    if dentro and all(c == dentro[0][1] for largo, c in dentro if largo == dentro[0][0]):
        return dentro[0][1]
    parecidos = [por_nombre[n] for n in difflib.get_close_matches(escrito, por_nombre, n=1, cutoff=0.75)]
    if not parecidos:  # «Republica de Paraguya»: the closest name to one of its words
        for palabra in escrito.split("-"):
            parecidos = [por_nombre[n] for n in difflib.get_close_matches(palabra, por_nombre, n=1, cutoff=0.8)]
            if parecidos:
                break
    if not parecidos and len(t) <= 4:
        parecidos = difflib.get_close_matches(t.upper(), sorted(codigos), n=1, cutoff=0.6)
    pista = ""
    if parecidos:
        nombre = next(p.etiqueta for p in paises if p.slug == parecidos[0])
        pista = idiomas.t("plantilla.errores.quiso_decir", nombre=nombre, codigo=parecidos[0])
    miembros = ", ".join(p.slug for p in paises if p.extra.get("csm"))
    raise ErrorDeNueva(idiomas.t("plantilla.errores.pais", texto=texto, pista=pista, miembros=miembros or "ARG"))


def crear(pais: str, titulo: str, raiz: Path = FICHAS_DIR, fecha: str | None = None,
          contacto: dict | None = None, tipo=None) -> Path:
    """Write `raiz/<país>/<slug>.yml` from the template and return its path. With `contacto`
    ({nombre, cargo, email}) the contact person's data is written encrypted for the ST."""
    tipo = tipo or FICHA
    codigo = codigo_pais(pais)
    titulo = " ".join(titulo.split())
    campo = next(c for c in tipo.campos.values() if c.cabecera and c.clase.es_texto)  # titulo / institucion
    if not titulo:
        raise ErrorDeNueva(idiomas.t("plantilla.errores.titulo_vacio", campo=campo.etiqueta.lower(),
                                     orden="nueva" if tipo is FICHA else "nueva-perfil",
                                     ejemplo=idiomas.t("plantilla.errores.ejemplo_" + ("ficha" if tipo is FICHA else "perfil"))))
    if campo.max_palabras and len(titulo.split()) > campo.max_palabras:
        raise ErrorDeNueva(idiomas.t("plantilla.errores.max_palabras", campo=campo.rotulo, n=len(titulo.split()),
                                     maximo=campo.max_palabras))
    nombre = slug(titulo)
    if not nombre:
        raise ErrorDeNueva(idiomas.t("plantilla.errores.sin_letras"))
    carpeta = raiz / codigo.lower()
    for suf in FICHA_SUFFIXES:
        existente = carpeta / f"{nombre}{suf}"
        if existente.exists():
            raise ErrorDeNueva(idiomas.t("plantilla.errores.ya_existe", ruta=existente))
    if contacto:
        _comprobar_contacto(contacto)
    fecha = fecha or dt.date.today().isoformat()
    carpeta.mkdir(parents=True, exist_ok=True)
    ruta = carpeta / f"{nombre}.yml"
    # never overwrite, even in a race; never leave half a file
    crear_atomico(ruta, plantilla(pais=codigo, titulo=titulo, fecha=fecha, contacto=contacto, tipo=tipo))
    return ruta


def _comprobar_contacto(contacto: dict) -> None:
    campo = next(c for c in FICHA.campos.values() if c.cifrado)
    problemas = problemas_en_claro(campo, contacto, schema())
    if problemas:
        raise ErrorDeNueva(" ".join(f"{rot}: {texto}" for _, _, rot, texto in problemas))


def pasos(ruta: Path, tipo=None) -> str:
    """What to do next, in the current language."""
    return idiomas.t("plantilla.pasos_" + ("perfil" if tipo is not None and tipo is not FICHA else "ficha"),
                     ruta=ruta, marca=MARCA_PLANTILLA)
