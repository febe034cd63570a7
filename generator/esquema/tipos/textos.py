"""Fields written as text: one text, a list of texts, an e-mail address, a link, an attached file."""
from __future__ import annotations

import re

from generator.esquema import idiomas
from generator.esquema.mensajes import mensaje
from generator.esquema.tipos.base import MAX_ELEMENTOS, NO_ESPACIO, TipoDeCampo, base, max_length, patron_palabras

# one bare address: no «mailto:», no name, no brackets (they would be published inside a mailto: link)
# A plain address: no «?», «&», «=», «%», spaces or angle brackets that would smuggle hidden
# recipients or headers into a mailto: link (a@b.org?bcc=…).
EMAIL_PATTERN = r"^[A-Za-z0-9._+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$"
URL_PATTERN = r"^https?://[^\s/?#]+\.[^\s]*$|^https?://[^\s/?#]+$"
ARCHIVO_PATTERN = r'^[^\s/\\][^\\:*?"<>|]*$'


def esquema_texto(c) -> dict:
    s = base(c) | {"type": "string", "minLength": 1, "maxLength": max_length(c.max_palabras)}
    if c.max_palabras:
        s["pattern"] = patron_palabras(c.max_palabras)
        s["x-max-palabras"] = c.max_palabras
        s["patternErrorMessage"] = f"{c.rotulo}: {mensaje('palabras_entre', maximo=c.max_palabras)}"
    else:
        s["pattern"] = NO_ESPACIO
        s["patternErrorMessage"] = f"{c.rotulo}: {mensaje('escriba_el_texto')}"
    return s


class Texto(TipoDeCampo):
    """A text: a line (a title, a figure) or paragraphs (`largo`: no limit or more than 40 words)."""
    nombre = "texto"
    macro = "valor_texto"
    es_texto = True
    principal = True

    def esquema(self, c) -> dict:
        return esquema_texto(c)

    def valor(self, c, dato, hacer):
        return dato if c.largo else dato.strip()

    def exportar(self, v, sitio_url, elemento):
        # a line break kept from the Word form («\» at the end of a line) as a plain one
        return re.sub(r"\\[ \t]*\n", "\n", v.valor.strip()) if v.campo.largo else v.valor.strip()

    def forma_word(self, c) -> str:
        return "parrafos" if c.largo else "linea"

    def alto_word(self, c) -> float:
        return 4 if c.largo else 0.9

    def en_plantilla(self, c, ph, q, datos):
        if c.largo:
            return [f"{c.clave}: |", f"  {ph}: {c.instruccion[0].lower() + c.instruccion[1:]}"]
        return None


class Textos(TipoDeCampo):
    """A list of short texts, one per line (1.7, 1.8)."""
    nombre = "textos"
    macro = "valor_textos"
    varios = True

    def esquema(self, c) -> dict:
        return base(c) | {
            "type": "array", "minItems": 1, "maxItems": MAX_ELEMENTOS, "uniqueItems": True,
            "items": esquema_texto(type(c)(c.clave, c.numero, c.etiqueta, c.instruccion, max_palabras=c.max_palabras)),
        }

    def valor(self, c, dato, hacer):
        return tuple(dato)

    def exportar(self, v, sitio_url, elemento):
        return list(v.valor)

    def palabras(self, c) -> str:
        return f"{c.max_palabras} palabras cada una"

    def forma_word(self, c) -> str:
        return "lineas"

    def como_se_responde(self, c) -> str:
        return idiomas.t("word.responder.lineas")

    def alto_word(self, c) -> float:
        return 2

    def en_plantilla(self, c, ph, q, datos):
        return [f"{c.clave}:", f"  - {q(ph)}"]


class Email(TipoDeCampo):
    """An institution's e-mail address: a mailto: link on the page."""
    nombre = "email"
    macro = "valor_email"
    macro_sub = "sub_email"

    def esquema(self, c) -> dict:
        return base(c) | {
            "type": "string", "format": "email", "pattern": EMAIL_PATTERN, "maxLength": 254,
            "patternErrorMessage": f"{c.rotulo}: {mensaje('correo_formato')}",
        }

    def valor(self, c, dato, hacer):
        return dato.strip()


class Url(TipoDeCampo):
    """An http(s) address."""
    nombre = "url"
    macro = "valor_enlace"
    es_url = True   # an address to check (make enlaces)

    def esquema(self, c) -> dict:
        return base(c) | {
            "type": "string", "format": "uri", "pattern": URL_PATTERN, "maxLength": 2000,
            "patternErrorMessage": f"{c.rotulo}: {mensaje('enlace_formato')}",
        }

    def valor(self, c, dato, hacer):
        return hacer.enlace(dato.strip())

    def exportar(self, v, sitio_url, elemento):
        x = v.valor
        return sitio_url + x.href if x.es_archivo else x.href

    def forma_word(self, c) -> str:
        return "enlace"


class Archivo(Url):
    """A file attached next to the record (anexos/manual.pdf), published as a static file."""
    nombre = "archivo"
    es_url = False

    def esquema(self, c) -> dict:
        return base(c) | {
            "type": "string", "pattern": ARCHIVO_PATTERN, "maxLength": 300, "x-ruta": True,
            "patternErrorMessage": f"{c.rotulo}: {mensaje('ruta_formato')}",
        }

    def valor(self, c, dato, hacer):
        return hacer.archivo(dato)

    def clave_exportada(self, c) -> str:
        """Items given by a link or a file are exported with a link: the file's published address."""
        return "url"

    def forma_word(self, c) -> str:
        return "simple"
