"""Fields made of sub-fields: an object (a period, the contact), a list of items (products,
figures, areas), and the encrypted block that carries an object's private sub-fields."""
from __future__ import annotations

from generator.esquema import idiomas
from generator.esquema.mensajes import mensaje
from generator.esquema.tipos.base import MAX_ELEMENTOS, TipoDeCampo, base, propiedad

ARMADURA_PATTERN = (r"^-----BEGIN AGE ENCRYPTED FILE-----\r?\n(?:[A-Za-z0-9+/=]{1,64}\r?\n)+"
                    r"-----END AGE ENCRYPTED FILE-----\s*$")


def _en_claro_prohibido(s, cifrado) -> dict:
    """A private sub-field written in plaintext: described (the form asks for it, then encrypts
    it), never accepted in a file."""
    return base(s) | {
        "x-privado": True, "x-cifrado-en": cifrado.clave, "not": {},
        "errorMessage": f"{s.rotulo}: {mensaje('privado_en_claro')}",
    }


def _cifrado(c, hermanos) -> dict:
    """The armored age block; `x-contenido` describes what it holds, for the form and `contactos`."""
    contenido = {
        "type": "object", "additionalProperties": False,
        "required": [s.clave for s in hermanos if s.obligatorio],
        "properties": {s.clave: propiedad(s) | {"x-privado": True} for s in hermanos},
    }
    return base(c) | {
        "type": "string", "pattern": ARMADURA_PATTERN, "maxLength": 20000,
        "patternErrorMessage": f"{c.rotulo}: {mensaje('cifrado_incompleto')}",
        "x-privado": True,
        "x-cifrado": [s.clave for s in hermanos],
        "x-contenido": contenido,
        "x-mensaje-falta": f"{c.rotulo}: {mensaje('cifrado_falta')}",
    }


def _subpropiedad(s, padre, cifrados: set[str]) -> dict:
    if s.clave in cifrados:
        return _en_claro_prohibido(s, padre.cifrado)
    if s.clase.es_cifrado:
        return _cifrado(s, padre.privados)
    return propiedad(s)


def esquema_objeto(c) -> dict:
    cifrados = {s.clave for s in c.privados} if c.cifrado else set()
    return base(c) | {
        "type": "object",
        "additionalProperties": False,
        "required": [s.clave for s in c.subcampos if s.obligatorio and s.clave not in cifrados],
        "properties": {s.clave: _subpropiedad(s, c, cifrados) for s in c.subcampos},
    }


def _uno_de(c) -> dict:
    """Each item has exactly one of `c.uno_de` (a link or a file)."""
    a, b = c.uno_de
    return {
        "oneOf": [{"required": [a], "not": {"required": [b]}}, {"required": [b], "not": {"required": [a]}}],
        "errorMessage": {"oneOf": f"{c.rotulo}: {mensaje('uno_de', a=a, b=b)}"},
    }


class Objeto(TipoDeCampo):
    """Named sub-fields shown in one line (a period «2015–2020», the institution and its e-mail)."""
    nombre = "objeto"
    macro = "valor_objeto"

    def esquema(self, c) -> dict:
        return esquema_objeto(c)

    def valor(self, c, dato, hacer):
        return hacer.elemento(c, dato)

    def exportar(self, v, sitio_url, elemento):
        return elemento(v.valor)

    def columnas_csv(self, c) -> list[str]:
        return [s.columna for s in c.publicos]

    def celdas_csv(self, c, exportado, celda) -> list[str]:
        obj = exportado or {}
        return [celda(obj.get(s.clave)) for s in c.publicos]

    def forma_word(self, c) -> str:
        return "objeto"

    def como_se_escribe(self, c) -> list[str]:
        if all(s.clase.es_anio for s in c.subcampos):
            return [idiomas.t("plantilla.como.anios")]
        return []

    def en_plantilla(self, c, ph, q, datos):
        clave, contacto = c.clave, datos.get("contacto")
        if c.cifrado and contacto:  # the private sub-fields, already encrypted
            # the caller (repositorio.plantilla) hands in the encryption: the schema layer knows no keys
            armado = datos["cifrar"]({s.clave: contacto[s.clave] for s in c.privados})
            return ([f"{clave}:"] + [f"  {s.clave}: {q(ph)}" for s in c.publicos]
                    + [f"  {c.cifrado.clave}: |"] + [f"    {l}" for l in armado.strip().split("\n")])
        if c.cifrado:  # written in plaintext here, encrypted by «make cifrar»
            return [f"{clave}:"] + [f"  {s.clave}: {q(ph)}" for s in c.subcampos if s is not c.cifrado]
        return [f"{clave}:"] + [f"  {s.clave}: {s.ejemplo if s.ejemplo is not None else q(ph)}" for s in c.subcampos]


class Lista(TipoDeCampo):
    """Items of named sub-fields, one per row (products, figures, an area and its mechanisms)."""
    nombre = "lista"
    macro = "valor_lista"
    varios = True

    def esquema(self, c) -> dict:
        item = {k: v for k, v in esquema_objeto(c).items() if k in ("type", "additionalProperties", "required", "properties")}
        if c.uno_de:
            item |= _uno_de(c)
        condiciones = [condicion_otro(s, c.sub(s.si_otro)) for s in c.subcampos if s.si_otro]
        if condiciones:
            item["allOf"] = condiciones
        s = base(c) | {"type": "array", "minItems": 1, "maxItems": MAX_ELEMENTOS, "items": item}
        if c.unico_por:
            s["x-unico-por"] = c.unico_por
        return s

    def valor(self, c, dato, hacer):
        return tuple(hacer.elemento(c, x) for x in dato)

    def exportar(self, v, sitio_url, elemento):
        return [elemento(e) for e in v.valor]

    def forma_word(self, c) -> str:
        return "lista"

    def como_se_responde(self, c) -> str:
        return idiomas.t("word.responder.filas")

    def como_se_escribe(self, c) -> list[str]:
        if c.uno_de:
            return [idiomas.t("plantilla.como.uno_de", uno=c.uno_de[0], otro=c.uno_de[1])]
        if any(s.clase.es_texto and (s.max_palabras or 99) <= 10 for s in c.subcampos):
            return [idiomas.t("plantilla.como.comillas")]
        return []

    def en_plantilla(self, c, ph, q, datos):
        lines, primero = [f"{c.clave}:"], True
        for s in c.subcampos:
            if s.clave in c.uno_de and s.clase.clave_exportada(s) != s.clave:  # the file, instead of the link
                lines.append(f"    # {s.clave}: anexos/documento.pdf   (en lugar de url, para un archivo propio)")
                continue
            if s.si_otro:
                lines.append(f"    # {s.clave}: {q(ph)}   (solo si eligió «{s.valor_otro}»)")
                continue
            valor = f"[{ph}]" if s.clase.varios else q(ph)
            lines.append(f"{'  - ' if primero else '    '}{s.clave}: {valor}")
            primero = False
        return lines


class Cifrado(TipoDeCampo):
    """The age block of an object's private sub-fields; its schema is built by its object."""
    nombre = "cifrado"
    es_cifrado = True


def condicion_otro(c, base_) -> dict:
    """«Otro, ¿cuál?»: required when `base_` (a list or a single option) has the «other» value, forbidden otherwise."""
    v = c.valor_otro
    if base_.clase.varios:
        cond, incluye = {"type": "array", "contains": {"const": v}}, "incluye"
    else:
        cond, incluye = {"const": v}, "es"
    valores = {"base": base_.rotulo, "valor": v, "clave": c.clave}
    return {
        "if": {"required": [base_.clave], "properties": {base_.clave: cond}},
        "then": {
            "required": [c.clave],
            "errorMessage": f"{c.rotulo}: {mensaje('otro_falta_incluye' if incluye == 'incluye' else 'otro_falta_es', **valores)}",
        },
        "else": {
            "not": {"required": [c.clave]},
            "errorMessage": f"{c.rotulo}: {mensaje('otro_sobra_incluye' if incluye == 'incluye' else 'otro_sobra_es', **valores)}",
        },
    }
