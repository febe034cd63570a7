"""`importar`: a filled Word form (or a .yml from the site's form, received by e-mail) becomes a
record file, its contact encrypted. Word's habits are taken as people have them: curly quotes and
dashes kept as typed, non-breaking spaces and soft line breaks as spaces, bulleted or numbered
paragraphs as list items, ticked boxes (☒, ✓, X) as options, labels instead of codes, dates as
dd/mm/aaaa. Problems are named by the form's number and label: where they are in the document.
"""
from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.esquema.campos import FICHA, PERFIL, TIPOS_DE_REGISTRO, Campo, TipoDeRegistro
from generator.esquema.vocabularios import vocabulario
from generator.archivos import escribir_atomico

MAX_BYTES = 20 * 1024 * 1024
OTROS_FORMATOS = {".doc": "Word 97-2003", ".odt": "OpenDocument (LibreOffice)", ".pdf": "PDF", ".rtf": "RTF",
                  ".pages": "Pages", ".txt": "texto"}
MARCAS_SI = ("☒", "☑", "✓", "✔", "✗", "✘", "■", "●", "[x]", "[X]", "(x)", "(X)")
MARCAS_NO = ("☐", "□", "[ ]", "( )", "[]", "()")
VIÑETA = re.compile(r"^\s*(?:[•·▪‣◦○●■□\-–—*]|\d{1,2}[.)]|[a-z][.)])\s+")


class NoSeImporto(Exception):
    """The file could not be read as this form; the text says why and what to do (Spanish)."""


@dataclass
class Lectura:
    tipo: TipoDeRegistro
    datos: dict
    privados: dict = field(default_factory=dict)   # the contact person, in plaintext, never written as such
    encontrados: list[str] = field(default_factory=list)
    faltan: list[str] = field(default_factory=list)


def _plano(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def _limpio(texto: str) -> str:
    """One paragraph's text: non-breaking and other special spaces, soft breaks and tabs as spaces."""
    texto = texto.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2007", " ").replace("\t", " ")
    return " ".join(texto.replace("\n", " ").replace("\v", " ").split())


def _parrafos(celda) -> list[str]:
    return [t for t in (_limpio(p.text) for p in celda.paragraphs) if t]


def termino(vocab: str, texto: str) -> str:
    """A label or a code as typed («Derechos humanos», «derechos-humanos», «DERECHOS HUMANOS») → its code."""
    t = _plano(texto)
    for x in vocabulario(vocab):
        if t in {_plano(x.slug), _plano(x.etiqueta), _plano(x.nombre_corto)}:
            return x.slug
    for x in vocabulario(vocab):  # «Capacitación/cursos» written «Capacitación»
        if t and (_plano(x.etiqueta).startswith(t + " ") or t.startswith(_plano(x.etiqueta) + " ")):
            return x.slug
    return texto.strip()


def fecha_iso(texto: str) -> str:
    t = texto.strip().strip("\"'“”«»")
    m = re.match(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$", t)
    if m:
        d, mes, a = (int(x) for x in m.groups())
        return f"{a:04d}-{mes:02d}-{d:02d}"
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", t)
    if m:
        a, mes, d = (int(x) for x in m.groups())
        return f"{a:04d}-{mes:02d}-{d:02d}"
    return texto.strip()


def casillas(parrafos: list[str], vocab: str) -> list[str]:
    """The ticked options, in the form's order of the lines."""
    elegidos = []
    for p in parrafos:
        marcado, resto = _marca(p)
        if marcado:
            slug = termino(vocab, resto)
            if slug not in elegidos:
                elegidos.append(slug)
    return elegidos


def _marca(p: str) -> tuple[bool, str]:
    t = p.strip()
    for m in MARCAS_NO:
        if t.startswith(m):
            resto = t[len(m):].strip()
            ticked = re.match(r"^[xX✓✔]\s+", resto)  # «☐ X Derechos humanos»: the X typed after the box
            return (True, resto[ticked.end():]) if ticked else (False, resto)
    for m in MARCAS_SI:
        if t.startswith(m):
            return True, t[len(m):].strip()
    m = re.match(r"^[xX]\s+(\S.*)$", t)
    if m:
        return True, m.group(1)
    return False, t


def _items(parrafos: list[str]) -> list[str]:
    return [VIÑETA.sub("", p).strip() for p in parrafos if VIÑETA.sub("", p).strip()]


def _titulo_tabla(tabla) -> str | None:
    caption = tabla._tbl.tblPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblCaption")
    if caption is None:
        return None
    return caption.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")


def _campo_de_tabla(tabla, tipo: TipoDeRegistro) -> Campo | None:
    """By the table's hidden name; if Word lost it, by the number and label of its first cell."""
    clave = _titulo_tabla(tabla)
    if clave in tipo.campos:
        return tipo.campos[clave]
    try:
        cabecera = _limpio(tabla.rows[0].cells[0].paragraphs[0].text)
    except IndexError:
        return None
    for c in tipo.campos.values():
        if cabecera.startswith(c.rotulo):
            return c
    return None


def _simple(c: Campo, texto: str):
    if c.tipo == "fecha":
        return fecha_iso(texto)
    if c.tipo == "termino":
        if c.vocabulario == "paises":
            from generator.repositorio.nueva import NuevaError, codigo_pais
            try:
                return codigo_pais(texto)
            except NuevaError:
                return texto.strip()
        return termino(c.vocabulario, texto)
    if c.tipo == "terminos":
        return [termino(c.vocabulario, x) for x in re.split(r"\s*[,;]\s*|\s+y\s+", texto) if x.strip()]
    if c.tipo == "anio":
        return int(texto) if re.fullmatch(r"\d{4}", texto.strip()) else texto.strip()
    return texto


def _leer_campo(c: Campo, tabla, lectura: Lectura) -> None:
    from generator.intercambio.word import MAX_CASILLAS, FormularioWord
    datos = lectura.datos
    if c.tipo == "objeto":
        obj = {}
        for fila in tabla.rows[1:]:
            if len(fila.cells) < 2:
                continue
            etiqueta = _plano(_limpio(fila.cells[0].text).split("(")[0])
            sub = next((s for s in c.subcampos if _plano(s.etiqueta.split(" — ")[-1]) == etiqueta), None)
            texto = " ".join(p for p in _parrafos(fila.cells[1]) if not p.startswith("Dato guardado cifrado"))
            if sub is None or not texto:
                continue
            if sub.privado:
                lectura.privados[sub.clave] = texto
            else:
                obj[sub.clave] = _simple(sub, texto)
        if obj:
            datos[c.clave] = obj
        return
    if c.tipo == "lista":
        grupos = FormularioWord(lectura.tipo).columnas(c)
        items = []
        for fila in tabla.rows[2:]:
            item = {}
            for celda, grupo in zip(fila.cells, grupos):
                texto = " ".join(_parrafos(celda))
                if not texto:
                    continue
                if len(grupo) > 1:  # «url» or «archivo»
                    item["url" if re.match(r"^https?://", texto) else "archivo"] = texto
                else:
                    item[grupo[0].clave] = _simple(grupo[0], texto)
            if item:
                items.append(item)
        if items:
            datos[c.clave] = items
        return
    if len(tabla.rows) < 2:
        return
    parrafos = _parrafos(tabla.rows[1].cells[0])
    if not parrafos:
        return
    if c.tipo == "terminos":
        elegidos = casillas(parrafos, c.vocabulario)
        if elegidos:
            datos[c.clave] = elegidos
    elif c.tipo == "termino" and len(vocabulario(c.vocabulario)) <= MAX_CASILLAS:
        elegidos = casillas(parrafos, c.vocabulario)
        if elegidos:
            datos[c.clave] = elegidos[0] if len(elegidos) == 1 else elegidos
    elif c.tipo == "textos":
        datos[c.clave] = _items(parrafos)
    elif c.tipo == "texto" and c.largo:
        datos[c.clave] = "\n\n".join(parrafos)
    else:
        datos[c.clave] = _simple(c, " ".join(parrafos))


def _abrir(ruta: Path):
    """The document, or NoSeImporto with what to do."""
    from docx import Document
    sufijo = ruta.suffix.lower()
    if sufijo in OTROS_FORMATOS:
        raise NoSeImporto(f"«{ruta.name}» es un archivo {OTROS_FORMATOS[sufijo]}. Ábralo en Word y guárdelo como "
                          "documento de Word (.docx): Archivo › Guardar como › Documento de Word (*.docx). Después "
                          "vuelva a importarlo.")
    if not ruta.is_file():
        raise NoSeImporto(f"«{ruta}» no existe. Indique el archivo recibido, por ejemplo: make importar ARCHIVO=ficha.docx")
    tamano = ruta.stat().st_size
    if tamano > MAX_BYTES:
        raise NoSeImporto(f"«{ruta.name}» pesa {tamano // (1024 * 1024)} MB; el máximo es {MAX_BYTES // (1024 * 1024)} MB. "
                          "Una ficha es solo texto: pida el archivo sin imágenes ni adjuntos pegados.")
    inicio = ruta.read_bytes()[:8]
    if inicio.startswith(b"\xd0\xcf\x11\xe0"):
        raise NoSeImporto(f"«{ruta.name}» está protegido con contraseña (o es un .doc antiguo con otro nombre). "
                          "Pida a quien lo envió que quite la contraseña (Archivo › Información › Proteger documento) "
                          "y lo guarde como .docx.")
    danado = NoSeImporto(f"«{ruta.name}» está dañado o no es un documento de Word (.docx). Pida que lo vuelvan a "
                         "guardar como .docx (Archivo › Guardar como › Documento de Word) y enviar.")
    if not zipfile.is_zipfile(ruta):
        raise danado
    try:
        return Document(str(ruta))
    except Exception:  # a broken package: zip, XML or relationships; python-docx raises several types
        raise danado from None


def leer_word(ruta: Path) -> Lectura:
    doc = _abrir(ruta)
    por_tipo = {t: [c for c in (_campo_de_tabla(tb, t) for tb in doc.tables) if c] for t in TIPOS_DE_REGISTRO}
    tipo = max(TIPOS_DE_REGISTRO, key=lambda t: len(por_tipo[t]))
    if not por_tipo[tipo]:
        raise NoSeImporto(f"«{ruta.name}» no es el formulario del catálogo: no tiene ninguno de sus campos numerados. "
                          "Descargue el formulario de la página /contribuir/ del catálogo y pida que lo completen.")
    lectura = Lectura(tipo, {})
    for tabla in doc.tables:
        c = _campo_de_tabla(tabla, tipo)
        if c is not None:
            _leer_campo(c, tabla, lectura)
            if c.clave not in lectura.encontrados:
                lectura.encontrados.append(c.clave)
    lectura.faltan = [c.clave for c in tipo.campos.values() if not c.interno and c.clave not in lectura.encontrados]
    return lectura


def leer_yml(ruta: Path) -> Lectura:
    from generator.validacion.lectura import ErrorDeLectura, leer_bytes
    try:
        datos = leer_bytes(ruta.read_bytes()).data
    except ErrorDeLectura as err:
        raise NoSeImporto(f"«{ruta.name}», línea {err.line}: {err.mensaje}") from None
    if not isinstance(datos, dict):
        raise NoSeImporto(f"«{ruta.name}» no es una ficha ni un perfil del catálogo.")
    tipo = PERFIL if ("demanda" in datos or "oferta" in datos) and "titulo" not in datos else FICHA
    return Lectura(tipo, datos, encontrados=list(datos))


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
    from generator.repositorio.plantilla import modeline
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


def importar(archivo: Path, pais: str | None = None, salida: Path | None = None, reemplazar: bool = False,
             raices: dict | None = None) -> Importacion:
    """Read `archivo` (.docx or .yml), write the record, validate it. Raises NoSeImporto (nothing written)."""
    from generator.config import FICHAS_DIR, PERFILES_DIR
    from generator.privacidad.cifrado import ErrorDeCifrado, cifrar, leer_destinatarios
    from generator.repositorio.nueva import NuevaError, codigo_pais, slug
    lectura = leer_yml(archivo) if archivo.suffix.lower() in (".yml", ".yaml") else leer_word(archivo)
    tipo, datos = lectura.tipo, dict(lectura.datos)
    if pais:
        try:
            datos["pais"] = codigo_pais(pais)
        except NuevaError as err:
            raise NoSeImporto(str(err)) from None
    codigo = datos.get("pais")
    if not isinstance(codigo, str) or not re.fullmatch(r"[A-Z]{3}", codigo):
        raise NoSeImporto(f"No se sabe de qué país es: (1.1) País dice «{codigo or ''}». Indíquelo con --pais ARG "
                          "(make importar ARCHIVO=… PAIS=ARG).")
    nombre_campo = next(c for c in tipo.campos.values() if c.cabecera and c.tipo == "texto")
    nombre = slug(str(datos.get(nombre_campo.clave) or "")) or slug(archivo.stem) or "sin-nombre"
    raices = raices or {FICHA: FICHAS_DIR, PERFIL: PERFILES_DIR}
    destino = salida or raices[tipo] / codigo.lower() / f"{nombre}.yml"
    if destino.exists() and not reemplazar:
        raise NoSeImporto(f"Ya existe {destino}. No se sobrescribe: para actualizarla con este archivo, agregue "
                          "--reemplazar (make importar … REEMPLAZAR=1).")
    cifrado = next((c for c in tipo.campos.values() if c.tipo == "objeto" and c.cifrado), None)
    avisos = []
    if destino.exists():  # updating: the ST's own fields (not in the form) stay as they were
        from generator.validacion.lectura import leer_bytes as _leer
        anterior = _leer(destino.read_bytes()).data or {}
        for c in tipo.campos.values():
            if c.interno and c.clave in anterior and c.clave not in datos:
                datos[c.clave] = anterior[c.clave]
    if cifrado is not None:
        obj = dict(datos.get(cifrado.clave) or {})
        faltan = [s.clave for s in cifrado.privados if not lectura.privados.get(s.clave)]
        if lectura.privados and not faltan:
            try:
                obj[cifrado.cifrado.clave] = cifrar({s.clave: lectura.privados[s.clave] for s in cifrado.privados},
                                                    leer_destinatarios())
            except ErrorDeCifrado as err:
                raise NoSeImporto(str(err)) from None
        elif destino.exists() and not lectura.privados:  # updating: the contact stays as it was
            from generator.validacion.lectura import leer_bytes
            anterior = (leer_bytes(destino.read_bytes()).data or {}).get(cifrado.clave) or {}
            if anterior.get(cifrado.cifrado.clave):
                obj[cifrado.cifrado.clave] = anterior[cifrado.cifrado.clave]
                avisos.append(f"{cifrado.rotulo}: el documento no trae la persona de contacto; se conserva la que ya estaba cifrada.")
        elif lectura.privados:
            avisos.append(f"{cifrado.rotulo}: faltan {', '.join(faltan)} de la persona de contacto; no se guardó "
                          "ninguno (nunca se escriben sin cifrar). Pídalos y vuelva a importar, o agréguelos a mano y ejecute make cifrar.")
        orden = [s.clave for s in cifrado.subcampos]
        obj = {k: obj[k] for k in orden if k in obj}
        if obj:
            datos[cifrado.clave] = obj
    if lectura.faltan and archivo.suffix.lower() == ".docx":
        numeros = lambda claves: ", ".join(sorted({tipo.campos[k].rotulo.split(")")[0] + ")" if tipo.campos[k].numero  # noqa: E731
                                                   else tipo.campos[k].etiqueta for k in claves}))
        avisos.append(f"El documento no tiene todos los campos del formulario (¿una versión anterior o modificada?). "
                      f"Encontrados: {numeros(lectura.encontrados)}. Faltan: {numeros(lectura.faltan)}.")
    destino.parent.mkdir(parents=True, exist_ok=True)
    escribir_atomico(destino, texto_yaml(datos, tipo))
    return Importacion(destino, _problemas(destino, tipo), avisos)


def _problemas(ruta: Path, tipo: TipoDeRegistro) -> list[str]:
    """The validator's problems, named by the form's number and label (no YAML line: the person has a
    document, not a file)."""
    from generator.validacion.validar import validar
    res = validar(ruta.parent.parent, tipo, {ruta})
    orden = {c.rotulo: i for i, c in enumerate(tipo.campos.values())}
    def lugar(p):  # the form's order: where the person finds the field in the document
        return next((i for r, i in orden.items() if p.campo.startswith(r)), len(orden)), p.campo
    salida = []
    for p in sorted(res.problemas, key=lugar):
        texto = re.sub(r" Agregue la clave «[^»]+» y complétela\.", " Complételo en el documento.", p.texto)
        salida.append(f"{p.campo}: {texto}" if p.campo else texto)
    return salida
