"""A record's title and summary translated into other languages, by language code:

    traducciones:
      pt: {titulo: …, resumen: …}
      en: {titulo: …}

The codes are the vocabulary's (`vocabulario: idiomas`): a fourth language is one more entry
there, no code. Each language's sub-fields are the field's own (`subcampos`, with the word limits
of the texts they translate). Written by the Technical Secretariat or the country (`interno`: the
forms do not ask for it); the model keeps it as ((código, {sub-campo: texto}), …) in the
vocabulary's order, the open data as {código: {…}} (JSON) and one column per language and
sub-field (CSV: titulo_pt, resumen_pt, …).
"""
from __future__ import annotations

from markupsafe import escape

from generator.esquema.mensajes import mensaje
from generator.esquema.tipos.base import TipoDeCampo, base, propiedad
from generator.esquema.vocabularios import vocabulario


class Traducciones(TipoDeCampo):
    nombre = "traducciones"

    def codigos(self, c) -> list[str]:
        return [t.slug for t in vocabulario(c.vocabulario)]

    def esquema(self, c) -> dict:
        return base(c) | {
            "type": "object",
            "propertyNames": {"enum": self.codigos(c), "x-vocabulario": c.vocabulario},
            "additionalProperties": {
                "type": "object", "additionalProperties": False, "minProperties": 1,
                "properties": {s.clave: propiedad(s) for s in c.subcampos},
                "errorMessage": {"minProperties": f"{c.rotulo}: {mensaje('traduccion_vacia')}"},
            },
            "x-vocabulario": c.vocabulario,
        }

    def valor(self, c, dato, hacer):
        orden = self.codigos(c)
        return tuple((codigo, {s.clave: dato[codigo][s.clave].strip() for s in c.subcampos if s.clave in dato[codigo]})
                     for codigo in sorted(dato, key=orden.index))

    def html(self, v, f, raiz, sitio_url, modo):
        return escape(" · ".join(f"{codigo}: " + " — ".join(textos.values()) for codigo, textos in v.valor))

    def exportar(self, v, sitio_url, elemento):
        return {codigo: dict(textos) for codigo, textos in v.valor}

    def ausente(self, c):
        return {}

    def columnas_csv(self, c) -> list[str]:
        return [f"{s.clave}_{codigo}" for codigo in self.codigos(c) for s in c.subcampos]

    def celdas_csv(self, c, exportado, celda) -> list[str]:
        return [celda((exportado or {}).get(codigo, {}).get(s.clave)) for codigo in self.codigos(c) for s in c.subcampos]
