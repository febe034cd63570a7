"""Turn JSON Schema errors into one Spanish message per problem.

Each message names the form's field by its number and label (taken from the
schema's `title`), says what is wrong and what to do.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Callable, Iterable

from jsonschema.exceptions import ValidationError

from generator.esquema.vocabularios import vocabulario
from generator.esquema.mensajes import DIRECCION_SUELTA, mensaje, mostrar as _mostrar, reglas
from generator.validacion.lectura import Documento

YAML_CONVERSION = {bool: "verdadero/falso", int: "un número", float: "un número", type(None): "un valor vacío"}


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


def subschema(schema: dict, path: Iterable) -> dict:
    node = schema
    for p in path:
        node = node.get("items", {}) if isinstance(p, int) else node.get("properties", {}).get(p, {})
    return node


def rotulo(schema: dict, path: tuple) -> str:
    """The label of the field at `path`, with the item number inside lists."""
    node, title, numero = schema, "", ""
    for p in path:
        if isinstance(p, int):
            node = node.get("items", {})
            numero = f" (n.º {p + 1})"
        else:
            node = node.get("properties", {}).get(p, {})
        title = node.get("title", title)
    return f"{title}{numero}" if title else ""


def demasiados_elementos(n: int, maximo: int) -> str:
    return mensaje("demasiados_elementos", n=n, maximo=maximo)


def demasiadas_claves(n: int, maximo: int, tipo) -> str:
    return (f"hay {n} claves en un mismo bloque; el máximo es {maximo} y la {tipo.nombre} tiene muchas menos. "
            "Revise que el archivo sea una ficha: use la plantilla de /contribuir/." if tipo.femenino else
            f"hay {n} claves en un mismo bloque; el máximo es {maximo}. Revise que el archivo sea un {tipo.nombre}: "
            "use la plantilla de /contribuir/.")


def _direccion_suelta(valor: str) -> str | None:
    """The bare address inside «mailto:ana@x.org», «Ana <ana@x.org>» or «(ana@x.org)»."""
    m = DIRECCION_SUELTA.search(valor)
    return m.group(0) if m and m.group(0) != valor.strip() else None


class Traductor:
    """Maps a jsonschema error to (path, label, text). One instance per schema."""

    PRIORIDAD = ("type", "required", "additionalProperties", "enum", "pattern", "format",
                 "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "oneOf", "not")

    def __init__(self, schema: dict):
        self.schema = schema
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
                if clave in vistos and not texto.startswith("Clave desconocida"):
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
            if numeros and "(n.º" not in campo:  # which item of a list the condition is about
                campo += f" (n.º {numeros[-1] + 1})"
            yield path, campo, texto, pos
            return
        handler = self.manejadores.get(err.validator)
        if handler is None:
            yield path, rotulo(self.schema, path), "el valor no es válido. Revise este campo con la guía de /contribuir/.", doc.donde(path)
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
        props = err.schema.get("properties", {})
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
                texto = (f"«{key}» es parte de {props[padre].get('title', padre)}: sangre esta línea con dos espacios "
                         f"para que quede debajo de «{padre}:», como las otras líneas de ese campo.")
            elif cerca:
                texto = f"Clave desconocida «{key}». ¿Quiso decir «{cerca}»? Corrija el nombre de la clave."
            else:
                texto = f"Clave desconocida «{key}»: la ficha no tiene ese campo. Bórrela o use una de las claves que lista /contribuir/."
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
            como = YAML_CONVERSION.get(type(valor), "otro tipo de dato")
            crudo = doc.crudos[path]
            yield path, campo, (f"YAML leyó «{crudo}» como {como}, no como texto. "
                                f"Escriba el valor entre comillas: \"{crudo}\"."), pos
            return
        if isinstance(valor, list) and valor and all(v is None for v in valor) and esperado != "array":
            yield path, campo, ("«-» no significa «vacío»: YAML lo lee como una lista con un elemento vacío. Si el "
                                "campo no aplica, borre la clave; si es obligatorio, escriba el texto."), pos
            return
        if valor is None:
            yield path, campo, {
                "array": "está vacío. Elija al menos una opción, cada una en su línea empezando por «- ».",
                "object": "está vacío. Complete sus subcampos, sangrados debajo de la clave.",
            }.get(esperado, "está vacío. Escriba el valor o borre la clave si el campo es opcional."), pos
            return
        textos = {
            "string": "debe ser un texto, no una lista ni un bloque de subcampos. Escriba el texto a continuación de los dos puntos.",
            "array": "debe ser una lista. Escriba cada elemento en su propia línea, empezando por «- ».",
            "object": "debe tener subcampos. Escríbalos debajo de la clave, sangrados con dos espacios.",
            "integer": "no es un año. Escriba un año de cuatro cifras sin comillas, por ejemplo 2015.",
            "boolean": (f"solo admite sí o no y se leyó «{_mostrar(valor)}». Escriba true (sí) o false (no), sin comillas."
                        if isinstance(valor, str) else "solo admite sí o no. Escriba true o false, sin comillas."),
        }
        if esperado == "integer" and path in doc.crudos:
            textos["integer"] = f"«{doc.crudos[path]}» no es un año. Escriba un año de cuatro cifras, por ejemplo 2015."
        elif esperado == "integer" and isinstance(valor, str):
            textos["integer"] = (mensaje("no_es_un_anio_comillas", valor=_mostrar(valor), comillas=_aviso_comillas(valor))
                                 if _aviso_comillas(valor) else mensaje("no_es_un_anio", valor=_mostrar(valor)))
        yield path, campo, textos.get(esperado, "tiene un tipo de dato incorrecto."), pos

    def _opcion(self, err, doc, path):
        campo = rotulo(self.schema, path)
        valor = err.instance
        opciones = [o for o in err.validator_value]
        if path in doc.crudos:
            crudo = doc.crudos[path]
            texto = f"YAML leyó «{crudo}» como {YAML_CONVERSION.get(type(valor), 'otro tipo')}. Escriba el valor entre comillas o use una opción válida: {', '.join(opciones)}."
            yield path, campo, texto, doc.donde(path)
            return
        cerca = sugerencia(str(valor), opciones)
        varias = varias_opciones(str(valor), opciones) if isinstance(path[-1] if path else None, int) else []
        if _aviso_comillas(valor) and sin_comillas_tipograficas(valor) in opciones:
            yield path, campo, f"«{_mostrar(valor)}» no es una opción válida. {_aviso_comillas(valor)}", doc.donde(path)
            return
        if varias:
            lista = " y ".join(f"«{v}»" for v in varias)
            yield path, campo, (f"«{_mostrar(valor)}» no es una opción: parecen {len(varias)} opciones en un solo elemento. "
                                f"Escriba cada una en su propia línea, empezando por «- »: {lista}."), doc.donde(path)
            return
        if err.schema.get("x-vocabulario") == "paises" or (len(opciones) > 12):
            if cerca is None:
                cerca = next((t.slug for t in vocabulario("paises") if _plano(t.etiqueta) == _plano(str(valor))), None)
            texto = f"«{_mostrar(valor)}» no es un código de país válido."
            texto += f" ¿Quiso decir «{cerca}»?" if cerca else ""
            texto += " Use el código ISO de tres letras en mayúsculas, por ejemplo ARG."
        else:
            texto = f"«{_mostrar(valor)}» no es una opción válida."
            texto += f" ¿Quiso decir «{cerca}»?" if cerca else ""
            texto += f" Use una de: {', '.join(opciones)}."
        yield path, campo, texto, doc.donde(path)

    def _formato(self, err, doc, path):
        campo = rotulo(self.schema, path)
        s = err.schema
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
            texto = f"«{_mostrar(valor)}» no es válido. " + s.get("description", "")
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
