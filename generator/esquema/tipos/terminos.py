"""Fields whose values come from a vocabulary of schema/vocabularios.yml: one option or several."""
from __future__ import annotations

import re

from generator.esquema import idiomas
from generator.esquema.tipos.base import TipoDeCampo, base
from generator.esquema.vocabularios import vocabulario

# Up to this many options, the Word form shows tick boxes; a longer vocabulary (the countries) is answered by writing the name.
MAX_CASILLAS = 12


def enum(c) -> dict:
    terms = vocabulario(c.vocabulario)
    return {
        "type": "string",
        "enum": [t.slug for t in terms],
        "enumDescriptions": [t.etiqueta for t in terms],
        "x-vocabulario": c.vocabulario,
    }


class Termino(TipoDeCampo):
    """One option (a country, a language, an area)."""
    nombre = "termino"
    macro = "valor_termino"
    macro_sub = "sub_termino"
    es_termino = True
    principal = True

    def esquema(self, c) -> dict:
        s = base(c) | enum(c)
        if c.por_defecto is not None:
            s["default"] = c.por_defecto
        return s

    def valor(self, c, dato, hacer):
        return hacer.termino(c.vocabulario, dato)

    def exportar(self, v, sitio_url, elemento):
        return v.valor.slug

    def forma_word(self, c) -> str:
        return "casillas" if len(vocabulario(c.vocabulario)) <= MAX_CASILLAS else "simple"

    def como_se_responde(self, c) -> str:
        if len(vocabulario(c.vocabulario)) > MAX_CASILLAS:
            return idiomas.t("word.responder.nombre")
        return idiomas.t("word.responder.una_casilla")

    def en_celda(self, c, v) -> str:
        if v is None:
            return ""
        return next((t.etiqueta for t in vocabulario(c.vocabulario) if t.slug == v), str(v))

    def desde_texto(self, c, texto, leer):
        if c.vocabulario == "paises":
            return leer.pais(texto)
        return leer.termino(c.vocabulario, texto)

    def como_se_escribe(self, c) -> list[str]:
        if c.vocabulario == "paises":
            return [idiomas.t("plantilla.como.pais")]
        return []


class Terminos(TipoDeCampo):
    """Several options of one vocabulary (themes, mechanisms)."""
    nombre = "terminos"
    macro = "valor_terminos"
    macro_sub = "sub_terminos"
    varios = True

    def esquema(self, c) -> dict:
        s = base(c) | {"type": "array", "items": enum(c), "uniqueItems": True,
                       "maxItems": len(vocabulario(c.vocabulario)), "x-vocabulario": c.vocabulario}
        if not c.vacio_permitido:
            s["minItems"] = 1
        return s

    def valor(self, c, dato, hacer):
        return tuple(hacer.termino(c.vocabulario, x) for x in dato)

    def exportar(self, v, sitio_url, elemento):
        return [t.slug for t in v.valor]

    def forma_word(self, c) -> str:
        return "casillas"

    def como_se_responde(self, c) -> str:
        return idiomas.t("word.responder.casillas")

    def en_celda(self, c, v) -> str:
        if v is None:
            return ""
        etiquetas = {t.slug: t.etiqueta for t in vocabulario(c.vocabulario)}
        return ", ".join(etiquetas.get(x, x) for x in v)

    def desde_texto(self, c, texto, leer):
        return [leer.termino(c.vocabulario, x) for x in re.split(r"\s*[,;]\s*|\s+y\s+", texto) if x.strip()]

    def en_plantilla(self, c, ph, q, datos):
        return [f"{c.clave}:", f"  - {ph}"]
