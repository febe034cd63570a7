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

MAX_SLUG = 60


class ErrorDeNueva(Exception):
    """A request `nueva` refuses, with what to do instead (in Spanish)."""


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
        pista = f" ¿Quiso decir {nombre} ({parecidos[0]})?"
    miembros = ", ".join(p.slug for p in paises if p.extra.get("csm"))
    raise ErrorDeNueva(
        f"«{texto}» no es un país del catálogo.{pista} Escriba el nombre del país (por ejemplo Paraguay) o su "
        f"código ISO de tres letras: {miembros or 'ARG'}."
    )


def crear(pais: str, titulo: str, raiz: Path = FICHAS_DIR, fecha: str | None = None,
          contacto: dict | None = None, tipo=None) -> Path:
    """Write `raiz/<país>/<slug>.yml` from the template and return its path. With `contacto`
    ({nombre, cargo, email}) the contact person's data is written encrypted for the ST."""
    tipo = tipo or FICHA
    codigo = codigo_pais(pais)
    titulo = " ".join(titulo.split())
    campo = next(c for c in tipo.campos.values() if c.cabecera and c.clase.es_texto)  # titulo / institucion
    if not titulo:
        raise ErrorDeNueva(f'Escriba {campo.etiqueta.lower()} entre comillas, por ejemplo: '
                         f'python -m generator nueva --pais ARG "{"Programa Patria Grande" if tipo is FICHA else "Dirección Nacional de Migraciones"}"')
    if campo.max_palabras and len(titulo.split()) > campo.max_palabras:
        raise ErrorDeNueva(f"{campo.rotulo}: {len(titulo.split())} palabras; el máximo es "
                         f"{campo.max_palabras}. Acórtelo.")
    nombre = slug(titulo)
    if not nombre:
        raise ErrorDeNueva("El título no tiene letras ni números con los que formar el nombre del archivo. "
                         "Escriba el título con letras.")
    carpeta = raiz / codigo.lower()
    for suf in FICHA_SUFFIXES:
        existente = carpeta / f"{nombre}{suf}"
        if existente.exists():
            raise ErrorDeNueva(f"Ya existe la ficha {existente}. No se sobrescribe: edite ese archivo, "
                             "o elija otro título para una experiencia distinta.")
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


def pasos(ruta: Path) -> str:
    return "\n".join([
        f"Ficha creada: {ruta}",
        "",
        "Próximos pasos:",
        f"  1. Abra {ruta} en su editor y reemplace cada texto que empieza por COMPLETAR.",
        "     Cada campo lleva encima un comentario con la instrucción del formulario y su límite.",
        "     Borre los campos opcionales que no apliquen.",
        "  2. Compruebe la ficha:  make validate   (o: python -m generator validate)",
        "     Cada error indica la línea, el campo y qué cambiar. Repita hasta que no haya errores.",
        "  3. Vea cómo queda:      make serve      y abra http://127.0.0.1:8000",
        "  4. Envíe la ficha en una solicitud de cambios (pull request). Guía: página /contribuir/.",
    ])
