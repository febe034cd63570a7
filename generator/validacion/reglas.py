"""Rules no per-file schema can express, as small named checks.

Each check takes one loaded ficha (or all of them) and yields problems as
(line, col, label, text); `validate` attaches the file name.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterator

from generator.esquema import idiomas
from generator.esquema.mensajes import (CONTROLES, EMAIL_EN_TEXTO, MARCA_PLANTILLA, PATRON_SLUG, RELLENO,
                                       mensaje, reglas)
from generator.sobre.comprobacion import SobreInvalido, comprobar as comprobar_sobre
from generator.sobre.destinatarios import ErrorDeCifrado, leer_destinatarios, ruta_destinatarios
from generator.validacion.adjuntos import problema_de_adjunto
from generator.validacion.lectura import Documento
from generator.validacion.mensajes import propiedad, rotulo, subschema
from generator.validacion.resultado import RegistroLeido, Problema

SLUG_RE = PATRON_SLUG
PAIS_DIR_RE = re.compile(r"^[a-z]{3}$")

Hallazgo = tuple[int, int, str, str]
Regla = Callable[[RegistroLeido, Documento, dict, Path], Iterator[Hallazgo]]


def regla_ruta(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    if not SLUG_RE.match(ficha.slug):
        ejemplo = re.sub(r"[^a-z0-9]+", "-", ficha.slug.lower()).strip("-") or "mi-experiencia"
        yield 1, 1, "", mensaje("nombre_de_archivo", archivo=ficha.ruta.name, ejemplo=ejemplo)


def regla_carpeta_pais(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    pais = doc.data.get("pais")
    if pais not in subschema(schema, ("pais",)).get("enum", ()) or pais.lower() == ficha.pais_dir:
        return  # an unknown code has its own message
    line, col = doc.donde(("pais",))
    yield line, col, rotulo(schema, ("pais",)), mensaje(
        "carpeta_de_otro_pais", el_registro=ficha.tipo.con_articulo("el"), carpeta=ficha.pais_dir, pais=pais,
        carpeta_pais=pais.lower())


def regla_periodo(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    r = reglas()["periodo"]
    periodo = doc.data.get(r["campo"])
    if not isinstance(periodo, dict):
        return
    inicio, fin = periodo.get(r["inicio"]), periodo.get(r["fin"])
    if isinstance(inicio, int) and isinstance(fin, int) and fin < inicio:
        path = (r["campo"], r["fin"])
        line, col = doc.donde(path)
        yield line, col, rotulo(schema, path), mensaje("periodo_invertido", fin=fin, inicio=inicio)


Texto = tuple[tuple, str, dict]  # (path, text, the schema of its field: {} for a key the schema lacks)


def _textos(value, schema: dict, entrar: Callable[[dict], bool] | None = None) -> list[Texto]:
    """Every text of a record, in the order it was written, with its field's schema (the same as
    `subschema(schema, path)`, found on the way down instead of from the top for each text).
    `entrar`: only inside the fields whose schema it accepts."""
    out: list[Texto] = []
    if entrar is None or entrar(schema):
        _recoger_textos(value, schema, (), out, entrar)
    return out


def _recoger_textos(value, schema: dict, path: tuple, out: list[Texto], entrar) -> None:
    if isinstance(value, str):
        out.append((path, value, schema))
    elif isinstance(value, dict):
        for k, v in value.items():
            sub = propiedad(schema, k)
            if entrar is None or entrar(sub):
                _recoger_textos(v, sub, path + (k,), out, entrar)
    elif isinstance(value, list):
        items = schema.get("items", {})
        if entrar is None or entrar(items):
            for i, v in enumerate(value):
                _recoger_textos(v, items, path + (i,), out, entrar)


# The texts of the record being checked: four rules read them, one after another, for the same
# record and schema, so they are walked once (kept with the objects they came from, compared by identity).
_TEXTOS_DEL_REGISTRO: tuple[Documento, dict, list[Texto]] | None = None


def textos_del_registro(doc: Documento, schema: dict) -> list[Texto]:
    """`_textos(doc.data, schema)`, walked once per record."""
    global _TEXTOS_DEL_REGISTRO
    guardado = _TEXTOS_DEL_REGISTRO
    if guardado is None or guardado[0] is not doc or guardado[1] is not schema:
        guardado = _TEXTOS_DEL_REGISTRO = (doc, schema, _textos(doc.data, schema))
    return guardado[2]


# Placeholders as forms and templates write them: «[Nombre de la entidad]», «<correo>», «XXX»,
# «...», «Escriba aquí», «Por completar», «TBD», an instruction copied in place of the answer.
_ENVUELTO = re.compile(r"^\s*(\[[\w\s.,;:/-]*\]|<[\w\s.,;:-]+>|\{[\w\s.,;:-]+\})\s*$")
_RELLENO = RELLENO


def _plano(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower().strip()


_FRASES: dict[int, tuple[object, re.Pattern]] = {}


def _frases_al_inicio(frases) -> re.Pattern:
    """The schema's example phrases as one pattern (built once per list): a text that is one of
    them, or starts with one followed by a space or a colon."""
    if _FRASES.get(id(frases), (None,))[0] is not frases:
        alternativas = "|".join(re.escape(f) for f in frases)
        _FRASES[id(frases)] = (frases, re.compile(f"(?:{alternativas})(?:[ :]|\\Z)" if frases else "(?!)"))
    return _FRASES[id(frases)][1]


def _empieza_por_frase(plano: str, frases) -> bool:
    """`plano` is one of `frases`, or starts with one followed by a space or a colon."""
    return _frases_al_inicio(frases).match(plano) is not None


def marcador(valor: str, frases: tuple[str, ...] | list[str] = ()) -> str | None:
    """How `valor` shows it is a template's placeholder, or None: a real answer is left alone
    (a long text that happens to start with «Indique» is not flagged). `frases`: the schema's
    «x-textos-de-ejemplo» (schema/campos.yml)."""
    v = valor.strip()
    if v.startswith(MARCA_PLANTILLA):
        return mensaje("plantilla_sin_completar", marca=MARCA_PLANTILLA)
    if not v:
        return None
    if _ENVUELTO.match(v):
        return mensaje("marcador_envuelto", valor=v[:60], abre=v[0], cierra=v[-1])
    if _RELLENO.match(v) and len(v) >= 2:
        return mensaje("marcador_relleno", valor=v[:20])
    plano = _plano(v).strip("[](){}<>\"'“”«» ")
    if len(plano.split()) <= 8 and _empieza_por_frase(plano, frases):
        return mensaje("marcador_ejemplo", valor=v[:60])
    return None


def regla_plantilla(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    for path, value, sub in textos_del_registro(doc, schema):
        if sub.get("x-cifrado") is not None:
            continue
        motivo = marcador(value, schema.get("x-textos-de-ejemplo", ()))
        if motivo:
            line, col = doc.donde(path)
            opciones = sub.get("enum")
            opcional = not (len(path) == 1 and path[0] in schema.get("required", ()))
            que = (mensaje("reemplazo_opciones", opciones=", ".join(opciones)) if opciones
                   else (mensaje("reemplazo_informacion_femenino") if ficha.tipo.femenino
                         else mensaje("reemplazo_informacion", registro=ficha.tipo.nombre))
                   + (mensaje("reemplazo_opcional") if opcional else ""))
            yield line, col, rotulo(schema, path), mensaje("reemplacelo", motivo=motivo, que=que)


_CLAVE_PEGADA = re.compile(r"^([a-z_]+):(?!//)(\S.*)$")


def regla_falta_espacio(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    """«titulo:Manual» read as one text: a key without the space after its colon."""
    claves = _claves(schema)
    for path, value, _ in textos_del_registro(doc, schema):
        m = _CLAVE_PEGADA.match(value.strip())
        if m and m.group(1) in claves:
            line, col = doc.donde(path)
            yield line, col, rotulo(schema, path), mensaje(
                "falta_espacio", valor=value.strip()[:50], clave=m.group(1), resto=m.group(2)[:30])


def _claves(schema: dict) -> set[str]:
    """Every key the schema names, at any depth (computed once per schema)."""
    clave = id(schema)
    if _CLAVES.get(clave, (None,))[0] is not schema:
        _CLAVES[clave] = (schema, _claves_de(schema))
    return _CLAVES[clave][1]


_CLAVES: dict[int, tuple[dict, set[str]]] = {}


def _claves_de(schema: dict) -> set[str]:
    out = set()
    for k, p in (schema.get("properties") or {}).items():
        out.add(k)
        out |= _claves_de(p) | _claves_de(p.get("items") or {})
    return out


def regla_archivos(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    base = ficha.ruta.parent
    for lista in ("productos", "documentos"):
        items = doc.data.get(lista)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            archivo = item.get("archivo") if isinstance(item, dict) else None
            if not isinstance(archivo, str) or not archivo.strip() or "\\" in archivo or re.match(r"^[A-Za-z]:", archivo):
                continue  # empty, or a path of the person's computer: the schema's message says what to do
            path = (lista, i, "archivo")
            line, col = doc.donde(path)
            destino = (base / archivo).resolve()
            if not destino.is_relative_to(raiz.resolve()) or Path(archivo).is_absolute():
                yield line, col, rotulo(schema, path), mensaje("archivo_fuera", archivo=archivo, carpeta=ficha.pais_dir)
            elif _tiene_enlace_simbolico(base, archivo):
                yield line, col, rotulo(schema, path), mensaje("archivo_enlace_simbolico", archivo=archivo,
                                                               carpeta=ficha.pais_dir)
            elif not destino.is_file():
                yield line, col, rotulo(schema, path), mensaje("archivo_no_existe", archivo=archivo, carpeta=ficha.pais_dir)
            else:
                motivo = problema_de_adjunto(destino, archivo)
                if motivo:
                    yield line, col, rotulo(schema, path), motivo


def _tiene_enlace_simbolico(base: Path, archivo: str) -> bool:
    ruta = base
    for parte in Path(archivo).parts:
        ruta = ruta / parte
        if ruta.is_symlink():
            return True
    return False


def _valores_de(textos: list[Texto], tipo: str) -> set[str]:
    """Every value of the record's fields whose schema says `format: tipo` (the public e-mails)."""
    return {value.strip().lower() for _, value, sub in textos if sub.get("format") == tipo}


# An e-mail address as people write it in running text; a phone number as they write it in
# Latin America (+54 11 4317-0200, (011) 4317-0200, 0800-333-1234, 11 4317 0200).
TELEFONO_EN_TEXTO = re.compile(
    r"(?<![\w/.,-])(?:(?:\+|\b00)\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{1,12}(?:[\s-]\d{2,8}){0,4}(?![\w/.,-]*\d)")
_PALABRA_TELEFONO = re.compile(r"(?:tel[eé]fono|tel\.?|telf\.?|fono|cel(?:ular)?\.?|m[oó]vil|whats ?app|fax)\s*[:.]?\s*(?:n\.?\s*[°ºo]\.?\s*)?$",
                               re.IGNORECASE)


_SIETE_CIFRAS = re.compile(r"(?:\D*\d){7}")  # a text with 7 digits or more, anywhere (linear: \D and \d never overlap)


def _parece_telefono(trozo: str, antes: str = "") -> bool:
    digitos = re.sub(r"\D", "", trozo)
    if not 7 <= len(digitos) <= 15:
        return False
    if _PALABRA_TELEFONO.search(antes[-25:]):
        return True  # «Tel.: 2915 1234», «celular 099123456»
    if len(digitos) < 8:
        return False
    grupos = re.findall(r"\d+", trozo)
    if all(len(g) == 4 and g[:2] in ("19", "20") for g in grupos):
        return False  # years: «2015-2019», «2018 2019 2020»
    if len(grupos) == 2 and len(grupos[1]) == 4 and grupos[1][:2] in ("19", "20"):
        return False  # a norm and its year: «Resolución N.° 1250-2006»
    if trozo.lstrip().startswith(("+", "(", "00")):
        return len(grupos) >= 2
    # a local number: the last group has 4 digits and some group is separated by «-» or a space
    return len(grupos[-1]) == 4 and len(grupos) >= 2


def regla_datos_personales(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    """A person's e-mail in free text would be published in the page, the PDF, the data and the
    search index: only the record's own public addresses may appear outside the encrypted block.
    A phone number in free text is a warning (an institution's switchboard may be fine)."""
    textos = textos_del_registro(doc, schema)
    publicas = _valores_de(textos, "email")
    for path, value, sub in textos:
        if sub.get("format") == "email" or sub.get("x-cifrado") is not None or sub.get("x-privado") or not sub:
            continue  # public addresses; private sub-fields and unknown keys have their own messages
        for m in EMAIL_EN_TEXTO.finditer(value) if "@" in value else ():  # every address has one
            if m.group(0).lower() in publicas:
                continue
            line, col = doc.donde(path)
            yield line, col, rotulo(schema, path), mensaje("correo_personal", direccion=m.group(0), campo=_rotulo_email(schema))
            break
        if sub.get("format") == "uri" or not _SIETE_CIFRAS.match(value):
            continue  # a phone number has at least 7 digits (_parece_telefono): most texts have fewer
        for m in TELEFONO_EN_TEXTO.finditer(value):
            if _parece_telefono(m.group(0), value[:m.start()]):
                line, col = doc.donde(path)
                yield line, col, rotulo(schema, path), mensaje("telefono", numero=m.group(0).strip()), "aviso"
                break


def _rotulo_email(schema: dict) -> str:
    for path, sub in _campos_de_formato(schema, "email"):
        if sub.get("title"):
            return sub["title"]
    return mensaje("correo_institucional")


def _campos_de_formato(schema: dict, fmt: str, path=()):
    for k, p in (schema.get("properties") or {}).items():
        if p.get("format") == fmt:
            yield path + (k,), p
        yield from _campos_de_formato(p, fmt, path + (k,))
        yield from _campos_de_formato(p.get("items") or {}, fmt, path + (k, 0))


def _nombre_control(c: str) -> str:
    n = ord(c)
    nombres = reglas()["nombres_de_control"]
    return f"U+{n:04X}" + (f" ({nombres[n]})" if n in nombres else "")


def regla_caracteres_de_control(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    for path, value, _ in textos_del_registro(doc, schema):
        m = CONTROLES.search(value)
        if m:
            line, col = doc.donde(path)
            bidi = ord(m.group(0)) >= reglas()["bidireccionales_desde"]
            que = mensaje("control_bidireccional" if bidi else "control_invisible")
            yield line, col, rotulo(schema, path), mensaje("caracter_de_control", que=que, codigo=_nombre_control(m.group(0)),
                                                           antes=value[:m.start()][-30:])


def regla_cifrado(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    """An encrypted block that looks right is checked as an age message, without the key."""
    for clave, sub, sp in _campos_cifrados(schema):
        obj = doc.data.get(clave)
        bloque = obj.get(sub) if isinstance(obj, dict) else None
        if not isinstance(bloque, str) or not re.match(sp["pattern"], bloque):
            continue  # missing or not a block at all: the schema says so
        path = (clave, sub)
        try:
            n = comprobar_sobre(bloque)
        except SobreInvalido as err:
            line, col = doc.donde(path)
            yield line, col, rotulo(schema, path), mensaje("cifrado_no_valido", error=idiomas.t(f"sobre.{err.clave}", **err.valores))
            continue
        m = len(_destinatarios())
        if m and n != m:
            line, col = doc.donde(path)
            yield line, col, rotulo(schema, path), mensaje(
                "cifrado_otras_claves_una" if n == 1 else "cifrado_otras_claves", n=n, m=m)


def _campos_cifrados(schema: dict) -> list[tuple[str, str, dict]]:
    """(field, sub-field, its schema) of every encrypted block the schema has, in its order (found
    once per schema, not once per record)."""
    guardado = _CIFRADOS.get(id(schema))
    if guardado is None or guardado[0] is not schema:
        guardado = _CIFRADOS[id(schema)] = (schema, [
            (clave, sub, sp) for clave, prop in schema.get("properties", {}).items()
            for sub, sp in (prop.get("properties") or {}).items() if "x-cifrado" in sp])
    return guardado[1]


_CIFRADOS: dict[int, tuple[dict, list[tuple[str, str, dict]]]] = {}


def _destinatarios() -> list:
    """The Technical Secretariat's public keys (CATALOGO_DESTINATARIOS names another list, as
    tests do), read once per file version."""
    ruta = ruta_destinatarios()
    try:
        clave = (str(ruta), ruta.stat().st_mtime_ns)
    except OSError:
        return []
    if clave not in _DESTINATARIOS:
        try:
            _DESTINATARIOS[clave] = leer_destinatarios(ruta)
        except (ErrorDeCifrado, OSError, ValueError):
            _DESTINATARIOS[clave] = []
    return _DESTINATARIOS[clave]


_DESTINATARIOS: dict = {}


def regla_unico_por(ficha: RegistroLeido, doc: Documento, schema: dict, raiz: Path) -> Iterator[Hallazgo]:
    """A list whose items may not repeat a sub-field: each area once in a profile's demand (the
    order is the priority, so a repeated area has two priorities)."""
    for clave, prop in schema.get("properties", {}).items():
        sub = prop.get("x-unico-por")
        items = doc.data.get(clave)
        if not sub or not isinstance(items, list):
            continue
        vistos: dict = {}
        for i, item in enumerate(items):
            valor = item.get(sub) if isinstance(item, dict) else None
            if not isinstance(valor, str):
                continue
            marca = (valor, item.get(f"{sub}_otra", "").strip().lower() if valor == "otra" else "")
            if marca in vistos:
                path = (clave, i, sub)
                line, col = doc.donde(path)
                yield line, col, rotulo(schema, path), mensaje("unico_por", valor=valor, n=vistos[marca] + 1)
            else:
                vistos[marca] = i


REGLAS: tuple[Regla, ...] = (regla_ruta, regla_carpeta_pais, regla_periodo, regla_archivos, regla_cifrado,
                             regla_falta_espacio, regla_unico_por, regla_caracteres_de_control,
                             regla_datos_personales, regla_plantilla)


def regla_identidad_unica(fichas: list[RegistroLeido]) -> Iterator[tuple[RegistroLeido, Problema]]:
    """Two files may not give the same public address (x.yml beside x.yaml)."""
    por_id: dict[tuple[str, str], list[RegistroLeido]] = defaultdict(list)
    for f in fichas:
        por_id[(f.pais_dir, f.slug.lower())].append(f)
    for (pais, slug), grupo in sorted(por_id.items()):
        if len(grupo) < 2:
            continue
        for f in grupo:
            otros = ", ".join(o.archivo for o in grupo if o is not f)
            with idiomas.en(f.idioma):  # each record's problems in its own language
                yield f, Problema(f.archivo, 1, 1, "", mensaje(
                    "misma_direccion", otro_registro=f.tipo.con_articulo("otro").capitalize(),
                    direccion=f"/{f.tipo.carpeta}/{pais}/{slug}/", otros=otros))


def _adjuntos(data, schema: dict) -> Iterator[tuple[tuple, str]]:
    """(path, written path) of every attached file of a record (the sub-fields with «x-ruta»). It
    runs for every record after the workers, in one process: only the fields that can hold a
    path are walked."""
    for path, value, sub in _textos(data, schema, _puede_tener_ruta):
        if sub.get("x-ruta") and value.strip():
            yield path, value.strip()


# schema node's id → (the node, whether it or a field inside it has «x-ruta»); the nodes belong to
# schemas kept for the whole process (validar.schema_en), the node itself guards against a reused id.
_CON_RUTA: dict[int, tuple[dict, bool]] = {}


def _puede_tener_ruta(schema: dict) -> bool:
    guardado = _CON_RUTA.get(id(schema))
    if guardado is None or guardado[0] is not schema:
        dentro = [*(schema.get("properties") or {}).values(), schema.get("additionalProperties"), schema.get("items")]
        guardado = _CON_RUTA[id(schema)] = (schema, bool(schema.get("x-ruta")) or
                                            any(_puede_tener_ruta(d) for d in dentro if isinstance(d, dict)))
    return guardado[1]


def rutas_generadas(carpeta: str, pais: str, slug: str) -> tuple[str, ...]:
    """The site paths the build writes for one record: its page (source and output) and its PDF."""
    base = f"{carpeta}/{pais}/{slug}"
    return (f"{base}.pdf", f"{base}.md", f"{base}/index.html", f"{base}/index.md")


def regla_colisiones(fichas: list[RegistroLeido], schemas: Callable[[object], dict]) -> Iterator[tuple[RegistroLeido, Problema]]:
    """An attached file published at the path of a generated one (anexo «patria-grande.pdf» beside
    the ficha patria-grande) would replace it: both are named."""
    generadas: dict[str, RegistroLeido] = {}
    for f in fichas:
        for ruta in rutas_generadas(f.tipo.carpeta, f.pais_dir, f.slug.lower()):
            generadas.setdefault(ruta.lower(), f)
    for f in fichas:
        if not isinstance(f.data, dict):
            continue
        with idiomas.en(f.idioma):  # each record's problems in its own language
            sch = schemas(f.tipo)
            for path, archivo in _adjuntos(f.data, sch):
                publicado = Path(f"{f.tipo.carpeta}/{f.pais_dir}/{archivo}").as_posix()
                otro = generadas.get(publicado.lower())
                if otro is None:
                    continue
                que = mensaje("el_pdf") if publicado.lower().endswith(".pdf") else mensaje("la_pagina")
                yield f, Problema(f.archivo, 1, 1, rotulo(sch, path), mensaje(
                    "colision", archivo=archivo, publicado=publicado, que=que, otro=otro.archivo))
