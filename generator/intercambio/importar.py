"""`importar`: a filled Word form (or a .yml from the site's form, received by e-mail) becomes a
record file, its contact encrypted. The document is read as the person saw it (`wordml`): tracked
insertions in and deletions out, Word's and LibreOffice's tick boxes, hyperlinks' addresses, soft
line breaks (items in a list field, line breaks in a long text); curly quotes and dashes kept as
typed, labels instead of codes, dates as dd/mm/aaaa. Text typed outside the answer boxes is placed
in its field or reported, never dropped. An exported form names its record (`marca`): it updates
that file instead of writing a second one. Problems are named by the form's number and label.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from generator.archivos import escribir_atomico
from generator.esquema import idiomas
from generator.esquema.campos import FICHA, PERFIL, TIPOS_DE_REGISTRO, Campo, TipoDeRegistro
from generator.esquema.mensajes import mensaje, plantilla
from generator.esquema.vocabularios import vocabulario
from generator.intercambio.paquete import MAX_BYTES, OTROS_FORMATOS, NoSeImporto, abrir  # noqa: F401
from generator.intercambio.wordml import Parrafo, Tabla, bloques, cuadros_de_texto, texto_aparte
from generator.validacion.validar import validar
from generator.esquema.mensajes import mensaje, plantilla
from generator.validacion.lectura import ErrorDeLectura, leer_bytes
from generator.repositorio.plantilla import modeline
from generator.repositorio.nueva import ErrorDeNueva, codigo_pais, slug
from generator.privacidad.cifrado import ErrorDeCifrado, cifrar, leer_destinatarios
from generator.intercambio.word import (MARCA_IDIOMA, MARCA_REGISTRO, MARCA_SELLO, MARCA_TIPO, RUTA_DE_REGISTRO,
                                        FormularioWord, aviso_demostracion, sello, textos_de_portada)
from generator.config import leer_configuracion
from generator.config import FICHAS_DIR, PERFILES_DIR

MARCAS_SI = ("☒", "☑", "✓", "✔", "✗", "✘", "■", "●", "⌧", "[x]", "[X]", "(x)", "(X)")
MARCAS_NO = ("☐", "□", "◻", "❑", "❒", "[ ]", "( )", "[]", "()")
VIÑETA = re.compile(r"^\s*(?:[•·▪‣◦○●■□\-–—*]|\d{1,2}[.)]|[a-z][.)])\s+")
SALTO = "\\\n"   # a kept line break inside a paragraph of a long text: a line ending in «\»


@dataclass
class Lectura:
    tipo: TipoDeRegistro
    datos: dict
    privados: dict = field(default_factory=dict)   # the contact person, in plaintext, never written as such
    encontrados: list[str] = field(default_factory=list)
    faltan: list[str] = field(default_factory=list)
    avisos: list[str] = field(default_factory=list)
    propiedades: dict = field(default_factory=dict)  # the document's custom properties (the record's mark)
    idioma: str = idiomas.BASE    # the form's language: its labels, and the language its messages are said in


def _plano(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def _limpio(texto: str) -> str:
    """One line's text: non-breaking and other special spaces and tabs as spaces."""
    texto = texto.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2007", " ").replace("\t", " ")
    return " ".join(texto.replace("\v", " ").split())


def _lineas(parrafos: list[Parrafo]) -> list[str]:
    """Every line of the paragraphs: a soft line break (Mayús+Intro) starts a new one."""
    return [t for p in parrafos for t in (_limpio(x) for x in p.texto.split("\n")) if t]


def _parrafos(parrafos: list[Parrafo]) -> list[str]:
    """Each paragraph as one line: soft breaks as spaces."""
    return [t for t in (_limpio(p.texto.replace("\n", " ")) for p in parrafos) if t]


def _parrafos_con_saltos(parrafos: list[Parrafo]) -> list[str]:
    """Each paragraph with its soft breaks kept (a line ending in «\\»): a long text's paragraphs."""
    salida = []
    for p in parrafos:
        lineas = [t for t in (_limpio(x) for x in p.texto.split("\n")) if t]
        if lineas:
            salida.append(SALTO.join(lineas))
    return salida


def _en_cada_idioma() -> list[str]:
    """The document's language first, then every other language of schema/idiomas/."""
    actual = idiomas.actual()
    return [actual, *(c for c in idiomas.disponibles() if c != actual)]


def _etiquetas_de(vocab: str) -> list[tuple[str, str]]:
    """(label, code) of a vocabulary's options in every language, the document's first."""
    salida = []
    for codigo in _en_cada_idioma():
        with idiomas.en(codigo):
            salida += [(x.etiqueta, x.slug) for x in vocabulario(vocab)] + [(x.nombre_corto, x.slug) for x in vocabulario(vocab)]
    return salida


def termino(vocab: str, texto: str, prefijo: bool = True) -> str:
    """A label or a code as typed («Derechos humanos», «derechos-humanos», «DERECHOS HUMANOS»), in any
    language of the catalogue («Direitos humanos», «Human rights») → its code."""
    t = _plano(texto)
    etiquetas = _etiquetas_de(vocab)
    for x in vocabulario(vocab):
        if t == _plano(x.slug):
            return x.slug
    for etiqueta, codigo in etiquetas:
        if t == _plano(etiqueta):
            return codigo
    for etiqueta, codigo in etiquetas if prefijo else ():  # «Capacitación/cursos» written «Capacitación»
        if t and (_plano(etiqueta).startswith(t + " ") or t.startswith(_plano(etiqueta) + " ")):
            return codigo
    return texto.strip()


def _meses() -> dict[str, int]:
    """Month names in every language of the catalogue (word.importar.meses) → their number."""
    meses = {"setiembre": 9}
    for codigo in idiomas.disponibles():
        for i, m in enumerate(idiomas.texto("word.importar.meses", codigo), 1):
            meses.setdefault(_plano(m), i)
    return meses


def fecha_iso(texto: str) -> str:
    """dd/mm/aaaa (the form's wording), «31 de mayo de 2024», «31 de maio de 2024», «31 May 2024»,
    «May 31, 2024» or AAAA-MM-DD → AAAA-MM-DD; anything else, or a day that does not exist, stays
    as typed (the message then quotes it)."""
    import datetime as dt
    t = texto.strip().strip("\"'“”«»").strip()
    partes = None
    if m := re.match(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$", t):
        d, mes, a = (int(x) for x in m.groups())
        partes = (a, mes, d)
    elif m := re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", t):
        partes = tuple(int(x) for x in m.groups())
    elif m := re.match(r"^(\d{1,2})(?:º|°|st|nd|rd|th)?\s+(?:de\s+|of\s+)?([a-záéíóúç]+)\.?,?\s+(?:de\s+|del\s+)?(\d{4})$", t, re.I):
        mes = _meses().get(_plano(m.group(2)))
        if mes:
            partes = (int(m.group(3)), mes, int(m.group(1)))
    elif m := re.match(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$", t, re.I):  # «May 31, 2024»
        mes = _meses().get(_plano(m.group(1)))
        if mes:
            partes = (int(m.group(3)), mes, int(m.group(2)))
    if partes:
        try:
            return dt.date(*partes).isoformat()
        except ValueError:
            pass
    return texto.strip()


def casillas(lineas: list[str], vocab: str, avisos: list[str] | None = None, campo: Campo | None = None) -> list[str]:
    """The ticked options, in the order of the lines. When none is ticked but the person deleted the
    options not chosen (a common way to answer), the ones left are the answer."""
    elegidos, quedan = [], []
    etiquetas = {x.slug for x in vocabulario(vocab)}
    for p in lineas:
        marcado, resto = _marca(p)
        slug = termino(vocab, resto)
        if marcado:
            if slug not in elegidos:
                elegidos.append(slug)
        elif slug in etiquetas and slug not in quedan:
            quedan.append(slug)
    if not elegidos and quedan and len(quedan) < len(etiquetas):
        if avisos is not None and campo is not None:
            avisos.append(idiomas.t("word.importar.opciones_borradas", campo=campo.rotulo, quedan=", ".join(quedan)))
        return quedan
    return elegidos


def _marca(p: str) -> tuple[bool, str]:
    """Whether an option's line is ticked, and its label: a ticked box (☒, ✓…), an X typed before or
    after the label, or over the box («X ☐ Derechos humanos»)."""
    t = p.strip()
    marcado = False
    m = re.match(r"^[xX]\s+(\S.*)$", t)  # «X Derechos humanos», «X ☐ Derechos humanos»
    if m:
        marcado, t = True, m.group(1).strip()
    for caja in MARCAS_NO:
        if t.startswith(caja):
            t = t[len(caja):].strip()
            delante = re.match(r"^[xX✓✔]\s+", t)  # «☐ X Derechos humanos»: the X typed after the box
            if delante:
                marcado, t = True, t[delante.end():]
            break
    else:
        for caja in MARCAS_SI:
            if t.startswith(caja):
                marcado, t = True, t[len(caja):].strip()
                break
    detras = re.search(r"\s+(?:[xX✓✔☒☑✗✘]|\([xX]\)|\[[xX]\])$", t)  # «☐ Derechos humanos X»
    if detras:
        marcado, t = True, t[:detras.start()]
    return marcado, t.strip()


def _elementos(lineas: list[str]) -> list[str]:
    return [VIÑETA.sub("", p).strip() for p in lineas if VIÑETA.sub("", p).strip()]


def _cabecera(tabla: Tabla) -> str:
    try:
        return _limpio(tabla.filas[0][0][0].texto)
    except IndexError:
        return ""


def _rotulos(tipo: TipoDeRegistro) -> list[tuple[str, str, str]]:
    """(number and label, field key, language) of every field of the form, in every language."""
    salida = []
    for codigo in _en_cada_idioma():
        with idiomas.en(codigo):
            salida += [(c.rotulo, c.clave, codigo) for c in tipo.campos.values() if c.rotulo and not c.interno]
    return salida


def _campo_de_tabla(tabla: Tabla, tipo: TipoDeRegistro, rotulos: list | None = None) -> Campo | None:
    """By the table's hidden name; if the editor lost it (LibreOffice does), by the number and label
    of its first cell, in any language of the catalogue."""
    if tabla.titulo in tipo.campos:
        return tipo.campos[tabla.titulo]
    cabecera = _cabecera(tabla)
    candidatos = [(r, clave) for r, clave, _ in (rotulos or _rotulos(tipo)) if cabecera.startswith(r)]
    if not candidatos:
        return None
    return tipo.campos[max(candidatos, key=lambda x: len(x[0]))[1]]  # «(1.3) Temas — Otro», not «(1.3) Temas»


def idioma_del_documento(tablas: list[Tabla], tipo: TipoDeRegistro, propiedades: dict) -> str:
    """The form's language: the one it was written in (its custom property), or, when an editor
    lost it, the language whose labels its field headers carry (Spanish when they say nothing more)."""
    marcado = propiedades.get(MARCA_IDIOMA, "")
    if marcado and idiomas.normalizar(marcado) == marcado:
        return marcado
    votos: dict[str, int] = {}
    rotulos = _rotulos(tipo)
    for tabla in tablas:
        cabecera = _cabecera(tabla)
        largo = max((len(r) for r, _, _ in rotulos if cabecera.startswith(r)), default=0)
        for codigo in {c for r, _, c in rotulos if largo and len(r) == largo and cabecera.startswith(r)}:
            votos[codigo] = votos.get(codigo, 0) + 1
    if not votos:
        return idiomas.BASE
    mejor = max(votos.values())
    return idiomas.BASE if votos.get(idiomas.BASE) == mejor else min(c for c, n in votos.items() if n == mejor)


def _pais(texto: str) -> str:
    """A country as typed: its label in any language of the catalogue, its code, or a name
    `codigo_pais` knows («República del Paraguay»)."""
    codigo = termino("paises", texto, prefijo=False)
    if codigo in {x.slug for x in vocabulario("paises")}:
        return codigo
    try:
        return codigo_pais(texto)
    except ErrorDeNueva:
        return texto.strip()


# What a field type needs to read a typed answer (generator/esquema/tipos/: desde_texto).
LEER = SimpleNamespace(fecha_iso=lambda texto: fecha_iso(texto), termino=lambda vocab, texto: termino(vocab, texto),
                       pais=_pais)


def _simple(c: Campo, texto: str):
    return c.clase.desde_texto(c, texto, LEER)


def _con_enlaces(parrafos: list[Parrafo], texto: str) -> str:
    """A text with the addresses of its links whose shown text is not the address: «texto (https://…)»."""
    for p in parrafos:
        for mostrado, destino in p.enlaces:
            if re.match(r"^(https?://|mailto:)", destino) and destino not in texto:
                texto = texto.replace(mostrado, f"{mostrado} ({destino})", 1) if mostrado and mostrado in texto \
                    else f"{texto} ({destino})"
    return texto


def _enlace_web(parrafos: list[Parrafo]) -> str | None:
    return next((d for p in parrafos for _, d in p.enlaces if re.match(r"^https?://", d)), None)


def _respuesta(tabla: Tabla) -> list[Parrafo]:
    """Every answer row's paragraphs: a row Word's «insert row below» added is read too."""
    return [p for fila in tabla.filas[1:] for celda in fila for p in celda]


def _subcampo(c: Campo, etiqueta: str) -> Campo | None:
    """The sub-field whose label (in any language) is `etiqueta`, flattened."""
    for codigo in _en_cada_idioma():
        with idiomas.en(codigo):
            sub = next((s for s in c.subcampos if _plano(s.etiqueta.split(" — ")[-1]) == etiqueta), None)
        if sub is not None:
            return sub
    return None


def _AVISOS_DE_CIFRADO() -> tuple[str, ...]:
    """The form's note in an encrypted contact's cells, in every language: never an answer."""
    return tuple(idiomas.texto("word.cifrado_guardado", c).split(":")[0] for c in idiomas.disponibles())


def _leer_campo(c: Campo, tabla: Tabla, lectura: Lectura) -> None:
    datos = lectura.datos
    forma = c.clase.forma_word(c)
    if forma == "objeto":
        obj = {}
        for fila in tabla.filas[1:]:
            if len(fila) < 2:
                continue
            etiqueta = _plano(" ".join(_parrafos(fila[0])).split("(")[0])
            sub = _subcampo(c, etiqueta)
            celdas = [p for celda in fila[1:] for p in celda]
            texto = " ".join(p for p in _parrafos(celdas) if not p.startswith(_AVISOS_DE_CIFRADO()))
            if sub is None or not texto:
                continue
            if sub.privado:
                lectura.privados[sub.clave] = texto
            else:
                obj[sub.clave] = _simple(sub, texto)
        if obj:
            datos[c.clave] = obj
        return
    if forma == "lista":
        grupos = FormularioWord(lectura.tipo).columnas(c)
        items = []
        for fila in tabla.filas[2:]:
            item = {}
            for celda, grupo in zip(fila, grupos):
                texto = " ".join(_parrafos(celda))
                if len(grupo) > 1:  # «url» or «archivo»: a link's address, not its text
                    texto = _enlace_web(celda) or texto
                    if texto:
                        item["url" if re.match(r"^https?://", texto) else "archivo"] = texto
                elif texto:
                    item[grupo[0].clave] = _simple(grupo[0], texto)
            if item and c.uno_de and not any(k in item for k in c.uno_de):
                enlace = _enlace_web([p for celda in fila for p in celda])  # the title made a link
                if enlace and "url" in c.uno_de:
                    item["url"] = enlace
            if len(fila) > len(grupos) and any(_parrafos(celda) for celda in fila[len(grupos):]):
                lectura.avisos.append(idiomas.t("word.importar.columnas_de_mas", campo=c.rotulo, n=len(grupos),
                                                texto=" ".join(_parrafos(fila[-1]))[:60]))
            if item:
                items.append(item)
        if items:
            datos[c.clave] = items
        return
    respuesta = _respuesta(tabla)
    lineas = _lineas(respuesta)
    if not lineas:
        return
    if len(tabla.filas) > 2 and sum(1 for fila in tabla.filas[1:] if _parrafos([p for x in fila for p in x])) > 1:
        lectura.avisos.append(idiomas.t("word.importar.varias_filas", campo=c.rotulo))
    if forma == "casillas":
        elegidos = casillas(lineas, c.vocabulario, lectura.avisos, c)
        if elegidos:
            datos[c.clave] = elegidos[0] if len(elegidos) == 1 and not c.clase.varios else elegidos
    elif forma == "lineas":
        datos[c.clave] = [_con_enlaces(respuesta, x) for x in _elementos(lineas)]
    elif forma == "parrafos":
        datos[c.clave] = "\n\n".join(_con_enlaces(respuesta, x) for x in _parrafos_con_saltos(respuesta))
    elif forma == "enlace":
        datos[c.clave] = _enlace_web(respuesta) or " ".join(_parrafos(respuesta))
    elif forma == "linea":
        datos[c.clave] = _con_enlaces(respuesta, " ".join(_parrafos(respuesta)))
    else:
        datos[c.clave] = _simple(c, " ".join(_parrafos(respuesta)))


def _textos_del_formulario(tipo: TipoDeRegistro) -> list[str]:
    """What the form itself writes outside its tables (cover, section titles), to tell it from typed text."""
    try:
        config = leer_configuracion()
        correo, sitio = config.correo_st, config.sitio_url
    except Exception:  # the form's words without the addresses are enough to recognize them
        correo, sitio = "", ""
    textos = []
    for codigo in _en_cada_idioma():  # a form in any language
        with idiomas.en(codigo):
            textos += [tipo.titulo, aviso_demostracion()] + [s.titulo for s in tipo.secciones] + textos_de_portada(tipo, correo, sitio)
    return [_plano(t)[:40] for t in textos if _plano(t)]


def _primeras_palabras(texto: str, n: int = 8) -> str:
    palabras = texto.split()
    return " ".join(palabras[:n]) + ("…" if len(palabras) > n else "")


def _fuera_de_los_recuadros(texto: str, campo: Campo | None, lectura: Lectura, en_cabecera: bool = False) -> None:
    """Text typed between the tables, below `campo`'s box (or in its shaded header cell): appended to a
    long text or a list of items, or taken as the answer of an empty short text, said in a notice;
    otherwise reported with its first words and where it is. `texto` keeps soft breaks as SALTO."""
    datos = lectura.datos
    t = idiomas.t
    donde = t("word.importar.en_la_cabecera") if en_cabecera else t("word.importar.debajo")
    plano = texto.replace(SALTO, " ")
    forma = campo.clase.forma_word(campo) if campo is not None else None
    if forma == "parrafos":
        datos[campo.clave] = "\n\n".join(x for x in (datos.get(campo.clave), texto) if x)
        lectura.avisos.append(t("word.importar.agregado_al_texto", campo=campo.rotulo, donde=donde, texto=_primeras_palabras(plano)))
    elif forma == "lineas":
        datos.setdefault(campo.clave, []).extend(_elementos(texto.split(SALTO)))
        lectura.avisos.append(t("word.importar.agregado_como_elemento", campo=campo.rotulo, donde=donde,
                                texto=_primeras_palabras(plano)))
    elif en_cabecera and forma == "linea" and not datos.get(campo.clave):
        datos[campo.clave] = plano
        lectura.avisos.append(t("word.importar.tomado_como_respuesta", campo=campo.rotulo, donde=donde,
                                texto=_primeras_palabras(plano)))
    else:
        lugar = t("word.importar.antes_del_primero") if campo is None else \
            t("word.importar.en_la_cabecera_de", campo=campo.rotulo) if en_cabecera else \
            t("word.importar.despues_de", campo=campo.rotulo)
        lectura.avisos.append(t("word.importar.fuera_de_los_recuadros", lugar=lugar, texto=_primeras_palabras(plano)))


def leer_word(ruta: Path, idioma: str | None = None) -> Lectura:
    """The form as its reader saw it, in whichever language it was written; its notices in `idioma`
    (by default, the form's own language)."""
    paquete = abrir(ruta)
    todo = bloques(paquete)
    tablas = [b for b in todo if isinstance(b, Tabla)]
    rotulos = {t: _rotulos(t) for t in TIPOS_DE_REGISTRO}
    por_tipo = {t: [c for c in (_campo_de_tabla(tb, t, rotulos[t]) for tb in tablas) if c] for t in TIPOS_DE_REGISTRO}
    tipo = max(TIPOS_DE_REGISTRO, key=lambda t: len(por_tipo[t]))
    if not por_tipo[tipo]:
        raise NoSeImporto(idiomas.t("word.importar.no_es_formulario", archivo=ruta.name))
    del_documento = idioma_del_documento(tablas, tipo, paquete.propiedades)
    with idiomas.en(idioma or del_documento):
        lectura = _leer_formulario(ruta, paquete, todo, tipo, rotulos[tipo])
    lectura.idioma = del_documento
    return lectura


def _leer_formulario(ruta: Path, paquete, todo: list, tipo: TipoDeRegistro, rotulos: list) -> Lectura:
    lectura = Lectura(tipo, {}, propiedades=dict(paquete.propiedades))
    if paquete.con_macros:
        lectura.avisos.append(idiomas.t("word.importar.macros", archivo=ruta.name))
    propios = _textos_del_formulario(tipo)
    anterior: Campo | None = None
    for bloque in todo:
        if isinstance(bloque, Tabla):
            c = _campo_de_tabla(bloque, tipo, rotulos)
            if c is None:
                texto = " ".join(_parrafos([p for fila in bloque.filas for celda in fila for p in celda]))
                if texto:
                    donde = idiomas.t("word.importar.despues_de", campo=anterior.rotulo) if anterior else \
                        idiomas.t("word.importar.antes_del_primero")
                    lectura.avisos.append(idiomas.t("word.importar.tabla_ajena", lugar=donde, texto=_primeras_palabras(texto)))
                continue
            if c.clave in lectura.encontrados:
                lectura.avisos.append(idiomas.t("word.importar.dos_veces", campo=c.rotulo))
                continue
            _leer_campo(c, bloque, lectura)
            lectura.encontrados.append(c.clave)
            for texto in _en_la_cabecera(bloque):
                _fuera_de_los_recuadros(texto, c, lectura, en_cabecera=True)
            anterior = c
            continue
        for texto in _parrafos_con_saltos([bloque]):
            plano = _plano(texto.replace(SALTO, " "))
            if any(plano[:40] == k or (len(plano) >= 20 and k.startswith(plano[:40])) for k in propios):
                continue
            _fuera_de_los_recuadros(texto, anterior, lectura)
    for texto in cuadros_de_texto(paquete):
        lectura.avisos.append(idiomas.t("word.importar.cuadro_de_texto", texto=_primeras_palabras(texto)))
    for donde, texto in texto_aparte(paquete):
        lectura.avisos.append(idiomas.t("word.importar.aparte", donde=donde, texto=_primeras_palabras(texto)))
    lectura.faltan = [c.clave for c in tipo.campos.values() if not c.interno and c.clave not in lectura.encontrados]
    return lectura


def _en_la_cabecera(tabla: Tabla) -> list[str]:
    """Text typed in a field's shaded header cell, below the form's label and instruction."""
    try:
        parrafos = tabla.filas[0][0]
    except IndexError:
        return []
    return _parrafos_con_saltos(parrafos[2:]) + _parrafos_con_saltos([p for celda in tabla.filas[0][1:] for p in celda])


def leer_yml(ruta: Path) -> Lectura:
    try:
        datos = leer_bytes(ruta.read_bytes()).data
    except ErrorDeLectura as err:
        raise NoSeImporto(idiomas.t("recepcion.linea", archivo=ruta.name, linea=err.linea, mensaje=err.mensaje)) from None
    if not isinstance(datos, dict):
        raise NoSeImporto(idiomas.t("recepcion.no_es_registro", archivo=ruta.name))
    tipo = PERFIL if ("demanda" in datos or "oferta" in datos) and "titulo" not in datos else FICHA
    return Lectura(tipo, datos, encontrados=list(datos), idioma=idiomas.normalizar(datos.get("idioma") if isinstance(
        datos.get("idioma"), str) else None))


# --- writing the record ---------------------------------------------------------------------
def _dumper():
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def texto(dumper, valor):
        estilo = "|" if "\n" in valor else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", valor, style=estilo)

    Dumper.add_representer(str, texto)
    return Dumper


def texto_yaml(datos: dict, tipo: TipoDeRegistro) -> str:
    """The record's file: the schema's line, then its keys in the form's order, each after a blank line."""
    import yaml
    partes = [modeline(tipo), f"# {tipo.titulo}.", "# Importada del formulario en Word por la Secretaría Técnica."]
    dumper = _dumper()
    for clave in tipo.campos:
        if clave in datos:
            partes.append("")
            partes.append(yaml.dump({clave: datos[clave]}, Dumper=dumper, allow_unicode=True, sort_keys=False,
                                    width=100, default_flow_style=False).rstrip("\n"))
    return "\n".join(partes) + "\n"


@dataclass
class Importacion:
    ruta: Path                 # what was written
    problemas: list[str]       # by the form's number and label
    avisos: list[str]          # what the ST should know (fields not found…)
    tipo: TipoDeRegistro = FICHA
    idioma: str = "es"         # the language of `problemas`: --idioma, else the record's «idioma»


def importar(archivo: Path, pais: str | None = None, salida: Path | None = None, reemplazar: bool = False,
             raices: dict | None = None, idioma: str | None = None) -> Importacion:
    """Read `archivo` (.docx or .yml), write the record, validate it. Raises NoSeImporto (nothing written).
    A form in Portuguese or English is read like the Spanish one; its notices and the validator's
    problems are said in `idioma`, by default the document's own language (the record's «idioma»
    for a .yml)."""
    from generator.intercambio.correo import EXTENSIONES, leer_texto  # here, not at the top: correo imports this module: a cycle
    sufijo = archivo.suffix.lower()
    with idiomas.en(idioma or idiomas.actual()):  # before its language is known: --idioma's, or Spanish
        lectura = leer_yml(archivo) if sufijo in (".yml", ".yaml") else leer_texto(archivo) if sufijo in EXTENSIONES \
            else leer_word(archivo, idioma)
    with idiomas.en(idioma or lectura.idioma):
        return _importar(archivo, lectura, pais, salida, reemplazar, raices, idioma)


def _importar(archivo: Path, lectura: Lectura, pais: str | None, salida: Path | None, reemplazar: bool,
              raices: dict | None, idioma: str | None = None) -> Importacion:
    t = idiomas.t
    tipo, datos = lectura.tipo, dict(lectura.datos)
    if pais:
        try:
            datos["pais"] = codigo_pais(pais)
        except ErrorDeNueva as err:
            raise NoSeImporto(str(err)) from None
    codigo = datos.get("pais")
    if not isinstance(codigo, str) or not re.fullmatch(r"[A-Z]{3}", codigo):
        pista = ""
        if isinstance(codigo, str) and codigo.strip():
            try:
                codigo_pais(codigo)
            except ErrorDeNueva as err:
                sugerencia = re.search(r"¿Quiso decir [^?]+\?", str(err))
                pista = " " + sugerencia.group(0) if sugerencia else ""
        raise NoSeImporto(t("word.importar.sin_pais", campo=tipo.campos["pais"].rotulo, valor=codigo or "", pista=pista))
    raices = raices or {FICHA: FICHAS_DIR, PERFIL: PERFILES_DIR}
    avisos = list(lectura.avisos)
    otro = next((t for t in TIPOS_DE_REGISTRO if t is not tipo), None)
    if salida is not None and otro is not None and otro.carpeta in salida.parts and tipo.carpeta not in salida.parts:
        raise NoSeImporto(t("word.importar.otro_formulario", archivo=archivo.name, tipo=tipo.titulo, otro=otro.titulo,
                            salida=salida, carpeta=tipo.carpeta))
    marcado = None if salida else _destino_marcado(lectura, tipo, codigo, raices, avisos)
    mismo = None if salida or marcado else _mismo_titulo(datos, tipo, raices[tipo] / codigo.lower())
    destino = salida or marcado or mismo
    por_que = (t("word.importar.por_marca") if marcado else t("word.importar.por_titulo") if mismo else "")
    if destino is None:
        nombre_campo = next(c for c in tipo.campos.values() if c.cabecera and c.clase.es_texto)
        nombre = slug(str(datos.get(nombre_campo.clave) or "")) or slug(archivo.stem) or "sin-nombre"
        destino = raices[tipo] / codigo.lower() / f"{nombre}.yml"
    if destino.exists() and not reemplazar:
        notas = "".join(f" ({a})" for a in avisos[len(lectura.avisos):])  # what the mark said, if anything
        raise NoSeImporto(t("word.importar.ya_existe", destino=destino, por_que=por_que, notas=notas))
    cifrado = next((c for c in tipo.campos.values() if c.cifrado), None)
    anterior: dict = {}
    if destino.exists():  # updating: the ST's own fields (not in the form) stay as they were
        try:
            anterior = leer_bytes(destino.read_bytes()).data or {}
        except ErrorDeLectura:
            anterior = {}
        if not isinstance(anterior, dict):
            anterior = {}
        for c in tipo.campos.values():
            if c.interno and c.clave in anterior and c.clave not in datos:
                datos[c.clave] = anterior[c.clave]
    _idioma_por_defecto(tipo, datos, lectura.idioma, anterior if destino.exists() else None, avisos)
    if cifrado is not None:
        obj = dict(datos.get(cifrado.clave) or {})
        faltan = [s.clave for s in cifrado.privados if not lectura.privados.get(s.clave)]
        guardado = (anterior.get(cifrado.clave) or {}).get(cifrado.cifrado.clave) \
            if isinstance(anterior.get(cifrado.clave), dict) else None
        if lectura.privados and not faltan:
            try:
                obj[cifrado.cifrado.clave] = cifrar({s.clave: lectura.privados[s.clave] for s in cifrado.privados},
                                                    leer_destinatarios())
            except ErrorDeCifrado as err:
                raise NoSeImporto(str(err)) from None
        elif guardado:  # updating: the contact stays as it was
            obj[cifrado.cifrado.clave] = guardado
            if lectura.privados:
                avisos.append(t("word.importar.contacto_parcial", campo=cifrado.rotulo,
                                cuales=", ".join(_nombre_sub(cifrado, k) for k in lectura.privados)))
            else:
                avisos.append(t("word.importar.contacto_conservado", campo=cifrado.rotulo))
        elif lectura.privados:
            avisos.append(t("word.importar.contacto_incompleto", campo=cifrado.rotulo,
                            cuales=", ".join(_nombre_sub(cifrado, k) for k in faltan)))
        orden = [s.clave for s in cifrado.subcampos]
        obj = {k: obj[k] for k in orden if k in obj}
        if obj:
            datos[cifrado.clave] = obj
    if lectura.faltan and archivo.suffix.lower() in (".docx", ".docm", ".dotx"):
        numeros = lambda claves: ", ".join(sorted({tipo.campos[k].rotulo.split(")")[0] + ")" if tipo.campos[k].numero  # noqa: E731
                                                   else tipo.campos[k].etiqueta for k in claves}))
        avisos.append(t("word.importar.incompleto", encontrados=numeros(lectura.encontrados), faltan=numeros(lectura.faltan)))
    destino.parent.mkdir(parents=True, exist_ok=True)
    escribir_atomico(destino, texto_yaml(datos, tipo))
    problemas, idioma_de_mensajes = _problemas(destino, tipo, idioma)
    return Importacion(destino, problemas, avisos, tipo, idioma_de_mensajes)


def _idioma_por_defecto(tipo: TipoDeRegistro, datos: dict, del_formulario: str, anterior: dict | None,
                        avisos: list[str]) -> None:
    """The record's «idioma» when the form leaves it unticked: a form in Portuguese is a ficha in
    Portuguese; an update keeps the language the record had (a Spanish ficha sent in a Portuguese
    form is still written in Spanish)."""
    campo = tipo.campos.get("idioma")
    if campo is None or datos.get(campo.clave):
        return
    if anterior is not None:
        if anterior.get(campo.clave):
            datos[campo.clave] = anterior[campo.clave]
        return
    if del_formulario != (campo.por_defecto or idiomas.BASE):
        datos[campo.clave] = del_formulario
        nombre = next((x.etiqueta for x in vocabulario(campo.vocabulario) if x.slug == del_formulario), del_formulario)
        avisos.append(idiomas.t("word.importar.idioma_del_formulario", campo=campo.rotulo, idioma=nombre))


def _nombre_sub(c: Campo, clave: str) -> str:
    """A sub-field as the form names it: «Nombre», «Cargo»."""
    return next((s.etiqueta.split(" — ")[-1].lower() for s in c.subcampos if s.clave == clave), clave)


def _destino_marcado(lectura: Lectura, tipo: TipoDeRegistro, codigo: str, raices: dict,
                     avisos: list[str]) -> Path | None:
    """The record an exported form came from (its custom properties), when the mark is whole."""
    props = lectura.propiedades
    ruta = props.get(MARCA_REGISTRO)
    if not ruta:
        return None
    if not RUTA_DE_REGISTRO.match(ruta) or props.get(MARCA_SELLO) != sello(props.get(MARCA_TIPO, ""), ruta):
        avisos.append(idiomas.t("word.importar.marca_modificada"))
        return None
    carpeta, pais, nombre = ruta.split("/")
    if carpeta != tipo.carpeta:
        avisos.append(idiomas.t("word.importar.marca_otro_tipo", ruta=ruta, tipo=tipo.titulo))
        return None
    if pais != codigo.lower():
        avisos.append(idiomas.t("word.importar.marca_otro_pais", ruta=ruta, campo=tipo.campos["pais"].rotulo, pais=codigo))
        return None
    return raices[tipo] / pais / nombre


def _mismo_titulo(datos: dict, tipo: TipoDeRegistro, carpeta: Path) -> Path | None:
    """Without a mark (a form from before they had one): the record of that country with the same title."""
    campo = next(c for c in tipo.campos.values() if c.cabecera and c.clase.es_texto)
    titulo = _plano(str(datos.get(campo.clave) or ""))
    if not titulo or not carpeta.is_dir():
        return None
    for ruta in sorted(carpeta.glob("*.yml")):
        try:
            otro = leer_bytes(ruta.read_bytes()).data
        except (ErrorDeLectura, OSError):
            continue
        if isinstance(otro, dict) and _plano(str(otro.get(campo.clave) or "")) == titulo:
            return ruta
    return None


def _problemas(ruta: Path, tipo: TipoDeRegistro, idioma: str | None = None) -> tuple[list[str], str]:
    """The validator's problems, named by the form's number and label (no YAML line: the person has a
    document, not a file), in `idioma` or the record's own; and that language."""
    res = validar(ruta.parent.parent, tipo, {ruta}, idioma)
    with idiomas.en(res.idioma_del_resumen):
        return _en_el_documento(res, tipo), res.idioma_del_resumen


def _en_el_documento(res, tipo: TipoDeRegistro) -> list[str]:
    orden = {c.rotulo: i for i, c in enumerate(tipo.campos.values())}
    def lugar(p):  # the form's order: where the person finds the field in the document
        return next((i for r, i in orden.items() if p.campo.startswith(r)), len(orden)), p.campo
    # what the file's messages say about the file, said about the document (in the messages' language)
    falta = re.compile(re.escape(plantilla("falta")).replace(re.escape("{clave}"), "[^ ]+"))
    fecha = plantilla("fecha_invalida").split(". ", 1)[-1]
    salida = []
    for p in sorted(res.problemas, key=lugar):
        texto = falta.sub(lambda _: mensaje("falta_en_documento"), p.texto)
        texto = texto.replace(fecha, mensaje("fecha_en_documento"))
        salida.append(f"{p.campo}: {texto}" if p.campo else texto)
    return salida
