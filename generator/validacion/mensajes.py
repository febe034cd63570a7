"""Turn JSON Schema errors into one message per problem, in the language being written.

Each message names the form's field by its number and label (taken from the `title` of the
schema written in that language: `Traductor` gets it), says what is wrong and what to do. Every
text is a template of schema/mensajes.yml, translated in schema/idiomas/<código>/mensajes.yml.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from typing import TYPE_CHECKING, Callable, Iterable

from generator.esquema.vocabularios import vocabulario
from generator.esquema.mensajes import DIRECCION_SUELTA, mensaje, mostrar as _mostrar, reglas
from generator.validacion.lectura import Documento

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

YAML_CONVERSION = {bool: "como_booleano", int: "como_numero", float: "como_numero", type(None): "como_vacio"}


def _como(valor) -> str:
    """What YAML read a value as, «un número», in the language being written."""
    return mensaje(YAML_CONVERSION.get(type(valor), "como_otro"))


def palabras(texto: str) -> int:
    return len(texto.split())


def _plano(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return s.lower().strip().replace(" ", "_").replace("-", "_")


def _partes(s: str) -> list[str]:
    return [x for x in re.split(r"[\s_\-]+", _plano(s).replace("_", " ")) if x]


def sugerencia(valor: str, opciones: Iterable[str]) -> str | None:
    """The option meant, when it is clear and drops nothing that was typed: «derechos humanos» →
    «derechos-humanos», «legitimidd» → «legitimidad», but never «eficacia legitimidad» → «legitimidad»."""
    opciones = list(opciones)
    por_plano = {_plano(o): o for o in opciones}
    if _plano(valor) in por_plano:
        return por_plano[_plano(valor)]
    match = difflib.get_close_matches(_plano(valor), list(por_plano), n=1, cutoff=0.6)
    if not match or len(_partes(valor)) > len(_partes(match[0])):
        return None
    return por_plano[match[0]]


def varias_opciones(valor: str, opciones: Iterable[str]) -> list[str]:
    """«eficacia legitimidad» or «eficacia, legitimidad»: several options typed as one item."""
    trozos = [x for x in re.split(r"[\s,;/]+|\s+y\s+", valor.strip()) if x]
    if len(trozos) < 2:
        return []
    encontradas = [sugerencia(x, opciones) for x in trozos]
    return encontradas if all(encontradas) and len(set(encontradas)) == len(encontradas) else []


COMILLAS_TIPOGRAFICAS = tuple(tuple(par) for par in reglas()["comillas_tipograficas"])


def sin_comillas_tipograficas(valor) -> str | None:
    """The value inside typographic quotes (“2024-03-15” → 2024-03-15), None if it has none."""
    if not isinstance(valor, str):
        return None
    v = valor.strip()
    for a, b in COMILLAS_TIPOGRAFICAS:
        if len(v) > 2 and v.startswith(a) and v.endswith(b):
            return v[1:-1].strip()
    return None


def _aviso_comillas(valor) -> str:
    dentro = sin_comillas_tipograficas(valor)
    if dentro is None:
        return ""
    return mensaje("comillas_tipograficas", abre=valor.strip()[0], cierra=valor.strip()[-1], dentro=dentro)


def propiedad(node: dict, clave) -> dict:
    """The schema of `clave` inside an object's schema: its own property, or the one every key has
    (`additionalProperties` as a schema: a map keyed by language)."""
    propia = node.get("properties", {}).get(clave)
    if propia is not None:
        return propia
    todas = node.get("additionalProperties")
    return todas if isinstance(todas, dict) else {}


def subschema(schema: dict, path: Iterable) -> dict:
    node = schema
    for p in path:
        node = node.get("items", {}) if isinstance(p, int) else propiedad(node, p)
    return node


def rotulo(schema: dict, path: tuple) -> str:
    """The label of the field at `path`, with the item number inside lists."""
    node, title, numero = schema, "", ""
    for p in path:
        if isinstance(p, int):
            node = node.get("items", {})
            numero = mensaje("elemento_n", n=p + 1)
        else:
            node = propiedad(node, p)
        title = node.get("title", title)
    return f"{title}{numero}" if title else ""


def demasiados_elementos(n: int, maximo: int) -> str:
    return mensaje("demasiados_elementos", n=n, maximo=maximo)


def demasiadas_claves(n: int, maximo: int, tipo) -> str:
    return mensaje("demasiadas_claves", n=n, maximo=maximo, el_registro=tipo.con_articulo("el"),
                   un_registro=tipo.con_articulo("un"))


def _direccion_suelta(valor: str) -> str | None:
    """The bare address inside «mailto:ana@x.org», «Ana <ana@x.org>» or «(ana@x.org)»."""
    m = DIRECCION_SUELTA.search(valor)
    return m.group(0) if m and m.group(0) != valor.strip() else None


class Traductor:
    """Maps a jsonschema error to (path, label, text). One instance per schema."""

    PRIORIDAD = ("type", "required", "additionalProperties", "enum", "pattern", "format",
                 "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "oneOf", "not")

    def __init__(self, schema: dict, tipo=None):
        self.schema = schema  # the schema written in the messages' language (same shape as the committed one)
        self.tipo = tipo
        self.manejadores: dict[str, Callable] = {
            "required": self._falta,
            "additionalProperties": self._clave_desconocida,
            "type": self._tipo,
            "enum": self._opcion,
            "pattern": self._formato,
            "format": self._formato,
            "minLength": self._formato,
            "maxLength": self._largo_maximo,
            "minItems": self._lista_vacia,
            "maxItems": self._demasiados,
            "uniqueItems": self._repetido,
            "minimum": self._anio,
            "maximum": self._anio,
        }

    # --- entry point -------------------------------------------------------
    def traducir(self, errores: Iterable[ValidationError], doc: Documento, omitir: set = frozenset()):
        """Yield (line, col, label, text), one per problem, most useful first per place; nothing for
        the values in `omitir` (paths something else already explained)."""
        vistos: dict[tuple, str] = {}
        salida = []
        ordenados = sorted(errores, key=lambda e: self._rango(e.validator))
        for err in ordenados:
            for path, campo, texto, pos in self._uno(err, doc):
                if path in omitir:
                    continue
                clave = (path, campo)
                if clave in vistos and err.validator != "additionalProperties":
                    continue
                vistos[clave] = texto
                salida.append((*pos, campo, texto))
        return salida

    def _rango(self, validator: str) -> int:
        return self.PRIORIDAD.index(validator) if validator in self.PRIORIDAD else len(self.PRIORIDAD)

    def _uno(self, err: ValidationError, doc: Documento):
        path = tuple(err.absolute_path)
        custom = self._mensaje_propio(err)
        if custom is not None:
            texto_campo, pos = custom, self._ancla(err, doc, path)
            campo, _, texto = texto_campo.partition(": ")
            numeros = [p for p in path if isinstance(p, int)]
            if numeros and mensaje("elemento_n", n=0).strip().split("0")[0] not in campo:  # which item of a list
                campo += mensaje("elemento_n", n=numeros[-1] + 1)
            yield path, campo, texto, pos
            return
        handler = self.manejadores.get(err.validator)
        if handler is None:
            yield path, rotulo(self.schema, path), mensaje("valor_no_valido"), doc.donde(path)
            return
        yield from handler(err, doc, path)

    def _mensaje_propio(self, err: ValidationError) -> str | None:
        """The deepest `errorMessage` on the way to the failing keyword (conditions, oneOf)."""
        node, found = self.schema, None
        for step in list(err.schema_path)[:-1]:
            node = node[step] if isinstance(node, (dict, list)) else {}
            if isinstance(node, dict):
                em = node.get("errorMessage")
                if isinstance(em, str):
                    found = em
                elif isinstance(em, dict) and err.validator in em:
                    found = em[err.validator]
        return found

    def _nodo(self, err: ValidationError) -> dict:
        """The failing keyword's schema node in this Traductor's schema (`err.schema` is the committed,
        Spanish one): its titles and messages are the language being written's."""
        node = self.schema
        for step in list(err.schema_path)[:-1]:
            if isinstance(node, dict) and step in node or isinstance(node, list) and isinstance(step, int) and step < len(node):
                node = node[step]
            else:
                return err.schema
        return node if isinstance(node, dict) else err.schema

    def _ancla(self, err: ValidationError, doc: Documento, path: tuple) -> tuple[int, int]:
        """Where a condition's message points: the key it is about."""
        sp = list(err.schema_path)
        if "else" in sp and err.validator == "not":
            key = err.validator_value.get("required", [None])[0]
            if path + (key,) in doc.claves:
                return doc.claves[path + (key,)]
        if path == () and "allOf" in sp:
            cond = self.schema["allOf"][sp[sp.index("allOf") + 1]]
            key = cond.get("if", {}).get("required", [None])[0]
            if (key,) in doc.claves:
                return doc.claves[(key,)]
        return doc.donde(path)

    # --- handlers ----------------------------------------------------------
    def _falta(self, err, doc, path):
        props = self._nodo(err).get("properties", {})
        if not isinstance(err.instance, dict):
            return
        # a misspelt key already says «¿Quiso decir …?»: do not also report the key as missing
        cubiertas = {sugerencia(str(k), props) for k in err.instance if k not in props}
        if path and isinstance(doc.data, dict):  # written at the top level, without its indentation
            cubiertas |= {k for k in props if k in doc.data and k not in self.schema.get("properties", {})}
        for key in err.validator_value:
            if key not in err.instance and key not in cubiertas:
                propio = props.get(key, {}).get("x-mensaje-falta")
                if any(k in err.instance for k in props.get(key, {}).get("x-cifrado", ())):
                    continue  # written in plaintext instead: those messages already say to encrypt
                if propio:
                    campo, _, texto = propio.partition(": ")
                    yield path + (key,), campo, texto, doc.donde(path)
                    continue
                title = props.get(key, {}).get("title") or f"«{key}»"
                yield path + (key,), title, mensaje("falta", clave=key), doc.donde(path)

    def _clave_desconocida(self, err, doc, path):
        props = err.schema.get("properties", {})
        campo = rotulo(self.schema, path) if path else ""
        for key in err.instance:
            if key in props:
                continue
            pos = doc.claves.get(path + (key,), doc.donde(path))
            padre = self._padre_de(str(key)) if path == () else None
            cerca = sugerencia(str(key), props)
            if padre:
                texto = mensaje("clave_sin_sangria", clave=key, campo=self.schema["properties"][padre].get("title", padre),
                                padre=padre)
            elif cerca:
                texto = mensaje("clave_desconocida_cerca", clave=key, cerca=cerca)
            else:
                texto = mensaje("clave_desconocida", clave=key, el_registro=self.tipo.con_articulo("el") if self.tipo
                                else "la ficha")
            yield path + (key,), campo, texto, pos

    def _padre_de(self, clave: str) -> str | None:
        """The top-level field whose sub-fields include `clave` (a nested key that lost its indentation)."""
        for k, p in self.schema.get("properties", {}).items():
            if clave in (p.get("properties") or {}):
                return k
        return None

    def _tipo(self, err, doc, path):
        esperado = err.validator_value
        campo = rotulo(self.schema, path)
        pos = doc.donde(path)
        valor = err.instance
        if esperado == "string" and path in doc.crudos and valor is not None:
            yield path, campo, mensaje("leido_como", crudo=doc.crudos[path], como=_como(valor)), pos
            return
        if isinstance(valor, list) and valor and all(v is None for v in valor) and esperado != "array":
            yield path, campo, mensaje("guion_solo"), pos
            return
        if valor is None:
            yield path, campo, mensaje({"array": "vacio_lista", "object": "vacio_objeto"}.get(esperado, "vacio_valor")), pos
            return
        textos = {
            "string": mensaje("debe_ser_texto"),
            "array": mensaje("debe_ser_lista"),
            "object": mensaje("debe_ser_objeto"),
            "integer": mensaje("debe_ser_anio"),
            "boolean": (mensaje("debe_ser_booleano_leido", valor=_mostrar(valor)) if isinstance(valor, str)
                        else mensaje("debe_ser_booleano")),
        }
        if esperado == "integer" and path in doc.crudos:
            textos["integer"] = mensaje("debe_ser_anio_leido", valor=doc.crudos[path])
        elif esperado == "integer" and isinstance(valor, str):
            textos["integer"] = (mensaje("no_es_un_anio_comillas", valor=_mostrar(valor), comillas=_aviso_comillas(valor))
                                 if _aviso_comillas(valor) else mensaje("no_es_un_anio", valor=_mostrar(valor)))
        yield path, campo, textos.get(esperado) or mensaje("tipo_incorrecto"), pos

    def _opcion(self, err, doc, path):
        campo = rotulo(self.schema, path)
        valor = err.instance
        opciones = [o for o in err.validator_value]
        if path in doc.crudos:
            crudo = doc.crudos[path]
            texto = mensaje("leido_como_opcion", crudo=crudo, como=_como(valor), opciones=", ".join(opciones))
            yield path, campo, texto, doc.donde(path)
            return
        cerca = sugerencia(str(valor), opciones)
        varias = varias_opciones(str(valor), opciones) if isinstance(path[-1] if path else None, int) else []
        if _aviso_comillas(valor) and sin_comillas_tipograficas(valor) in opciones:
            yield path, campo, mensaje("opcion_no_valida_comillas", valor=_mostrar(valor), comillas=_aviso_comillas(valor)), doc.donde(path)
            return
        if varias:
            lista = mensaje("y").join(f"«{v}»" for v in varias)
            yield path, campo, mensaje("varias_opciones", valor=_mostrar(valor), n=len(varias), lista=lista), doc.donde(path)
            return
        if self._nodo(err).get("x-vocabulario") == "paises" or (len(opciones) > 12):
            if cerca is None:
                cerca = next((t.slug for t in vocabulario("paises") if _plano(t.etiqueta) == _plano(str(valor))), None)
            texto = mensaje("pais_no_valido", valor=_mostrar(valor))
            texto += mensaje("quiso_decir", cerca=cerca) if cerca else ""
            texto += mensaje("pais_use_codigo")
        else:
            texto = mensaje("opcion_no_valida", valor=_mostrar(valor))
            texto += mensaje("quiso_decir", cerca=cerca) if cerca else ""
            texto += mensaje("use_una_de", opciones=", ".join(opciones))
        yield path, campo, texto, doc.donde(path)

    def _formato(self, err, doc, path):
        campo = rotulo(self.schema, path)
        s = self._nodo(err)
        valor = err.instance if isinstance(err.instance, str) else ""
        pos = doc.donde(path)
        fmt = s.get("format")
        comillas = _aviso_comillas(valor)
        if comillas and fmt in ("email", "uri", "date"):
            texto = mensaje("no_valido_comillas", valor=_mostrar(valor), comillas=comillas)
        elif fmt == "email" and _direccion_suelta(valor):
            texto = mensaje("correo_con_extras", valor=_mostrar(valor), direccion=_direccion_suelta(valor))
        elif fmt == "email":
            texto = mensaje("correo_invalido", valor=_mostrar(valor))
        elif fmt == "uri":
            texto = mensaje("enlace_invalido", valor=_mostrar(valor))
        elif fmt == "date":
            texto = mensaje("fecha_invalida", valor=_mostrar(valor))
        elif s.get("x-ruta") and ("\\" in valor or re.match(r"^[A-Za-z]:", valor) or valor.startswith("/")):
            nombre = re.split(r"[\\/]", valor)[-1]
            texto = mensaje("ruta_de_computadora", valor=_mostrar(valor), nombre=nombre)
        elif "x-max-palabras" in s and palabras(valor):
            texto = mensaje("palabras", n=palabras(valor), maximo=s["x-max-palabras"])
        elif not valor.strip():
            texto = mensaje("vacio")
        elif s.get("patternErrorMessage"):
            texto = s["patternErrorMessage"].partition(": ")[2]
        else:
            texto = mensaje("no_valido", valor=_mostrar(valor), descripcion=s.get("description", ""))
        yield path, campo, texto, pos

    def _largo_maximo(self, err, doc, path):
        valor = err.instance
        yield path, rotulo(self.schema, path), mensaje("caracteres", n=len(valor), maximo=err.validator_value), doc.donde(path)

    def _lista_vacia(self, err, doc, path):
        yield path, rotulo(self.schema, path), mensaje("lista_vacia"), doc.donde(path)

    def _demasiados(self, err, doc, path):
        yield path, rotulo(self.schema, path), demasiados_elementos(len(err.instance), err.validator_value), doc.donde(path)

    def _repetido(self, err, doc, path):
        seen, dup = [], None
        for item in err.instance:
            if item in seen:
                dup = item
                break
            seen.append(item)
        yield path, rotulo(self.schema, path), mensaje("repetido", valor=_mostrar(dup)), doc.donde(path)

    def _anio(self, err, doc, path):
        s = err.schema
        yield path, rotulo(self.schema, path), mensaje("anio_fuera_de_rango", valor=err.instance, minimo=s.get("minimum", 1900),
                                                       maximo=s.get("maximum", 2100)), doc.donde(path)
