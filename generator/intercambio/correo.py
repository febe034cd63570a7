"""The record as the site's form writes it in the e-mail to the ST and in the sender's readable copy
(docs/assets/proponer/correo.js): numbered fields with the form's labels, «(1.2) Título…: value»,
items as «- » lines, a list item's sub-fields joined by « · », an object's sub-fields indented, the
contact only as its encrypted block. `importar` reads it back from a .txt or a saved e-mail (.eml),
for when the attachment was forgotten or stripped: whatever did not fit in the e-mail is reported
as missing, like a field missing from a Word form."""
from __future__ import annotations

import re
from pathlib import Path

from generator.esquema import idiomas
from generator.esquema.campos import TIPOS_DE_REGISTRO, Campo, TipoDeRegistro
from generator.intercambio.paquete import MAX_BYTES, NoSeImporto

SEPARADOR = " · "
EXTENSIONES = (".txt", ".eml")


def texto_de(ruta: Path) -> str:
    """The plain text of a .txt, or of the text part of a saved e-mail."""
    if not ruta.is_file():
        raise NoSeImporto(idiomas.t("recepcion.no_existe", archivo=ruta))
    if ruta.stat().st_size > MAX_BYTES:
        raise NoSeImporto(idiomas.t("recepcion.texto_pesa", archivo=ruta.name, mb=MAX_BYTES // (1024 * 1024)))
    crudo = ruta.read_bytes()
    if ruta.suffix.lower() == ".eml":
        import email
        from email import policy
        mensaje = email.message_from_bytes(crudo, policy=policy.default)
        parte = mensaje.get_body(preferencelist=("plain",))
        if parte is None:
            raise NoSeImporto(idiomas.t("recepcion.sin_texto", archivo=ruta.name))
        try:
            texto = parte.get_content()
        except (LookupError, ValueError):
            raise NoSeImporto(idiomas.t("recepcion.correo_ilegible", archivo=ruta.name)) from None
    else:
        try:
            texto = crudo.decode("utf-8-sig")
        except UnicodeDecodeError:
            texto = crudo.decode("cp1252", errors="replace")
    return texto.replace("\r\n", "\n").replace("\r", "\n")


def _corto(etiqueta: str) -> str:
    return etiqueta.split(" — ")[-1]


def _campos(tipo: TipoDeRegistro) -> list[tuple[str, Campo, str]]:
    """(number and label, field, language) in every language of the catalogue, the longest label first."""
    salida: dict[tuple[str, str], tuple[str, Campo, str]] = {}
    for codigo in idiomas.disponibles():
        with idiomas.en(codigo):
            for c in tipo.campos.values():
                if not c.interno and c.rotulo:
                    salida.setdefault((c.rotulo, c.clave), (c.rotulo, c, codigo))
    return sorted(salida.values(), key=lambda x: (-len(x[0]), x[0]))


def _sub(c: Campo, etiqueta: str) -> Campo | None:
    """The sub-field named `etiqueta` (its short label, in any language)."""
    for codigo in idiomas.disponibles():
        with idiomas.en(codigo):
            sub = next((s for s in c.subcampos if _corto(s.etiqueta) == etiqueta), None)
        if sub is not None:
            return sub
    return None


def _trozos(texto: str, tipo: TipoDeRegistro, idiomas_vistos: dict | None = None) -> dict[str, list[str]]:
    """Each field's lines, by its key: the line starting with its label (in any language of the
    catalogue), then the lines up to the next. `idiomas_vistos` counts the languages of the labels."""
    campos = _campos(tipo)
    trozos: dict[str, list[str]] = {}
    actual = None
    for linea in texto.split("\n"):
        linea = re.sub(r"^>+ ?", "", linea.rstrip())  # a forwarded or quoted e-mail
        rotulo, c, codigo = next(((r, c, i) for r, c, i in campos if linea.startswith(r + ":")), (None, None, None))
        if c is not None:
            if idiomas_vistos is not None:
                idiomas_vistos[codigo] = idiomas_vistos.get(codigo, 0) + 1
            actual = c.clave
            resto = linea[len(rotulo) + 1:].strip()
            trozos[actual] = [resto] if resto else []
        elif actual is not None:
            trozos[actual].append(linea)
    return trozos


def _elementos(lineas: list[str]) -> list[str]:
    """«- » lines; a line without it continues the item above (a mail program wrapped it)."""
    items: list[str] = []
    for linea in lineas:
        if linea.startswith("- "):
            items.append(linea[2:].strip())
        elif linea.strip() and items:
            items[-1] += " " + linea.strip()
    return items


def _parrafos(lineas: list[str]) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", "\n".join(lineas).strip()) if p.strip()]


def _valor(c: Campo, lineas: list[str], privados: dict):
    from generator.intercambio.importar import _simple, termino  # here, not at the top: importar imports this module: a cycle
    texto = " ".join(" ".join(lineas).split())
    forma = c.clase.forma_word(c)  # the message lists a field's answer as the Word form holds it
    if forma == "parrafos":
        return "\n\n".join(_parrafos(lineas)) or None
    if forma == "lineas":
        return _elementos(lineas) or None
    if forma == "casillas" and c.clase.varios:
        return [termino(c.vocabulario, x) for x in texto.split("; ") if x.strip()] or None
    if forma == "lista":
        salida = []
        for item in _elementos(lineas):
            obj = {}
            for parte in item.split(SEPARADOR):
                etiqueta, _, valor = parte.partition(": ")
                sub = _sub(c, etiqueta.strip())
                if sub is not None and valor.strip():
                    obj[sub.clave] = _simple(sub, valor.strip())
            if obj:
                salida.append(obj)
        return salida or None
    if forma == "objeto":
        obj, bloque = {}, None
        for linea in lineas:
            t = linea.strip()
            if bloque is not None:
                bloque.append(t)
                if t.startswith("-----END AGE ENCRYPTED FILE-----"):
                    cifrado = c.cifrado
                    if cifrado is not None:
                        obj[cifrado.clave] = "\n".join(bloque) + "\n"
                    bloque = None
                continue
            if t.startswith("-----BEGIN AGE ENCRYPTED FILE-----"):
                bloque = [t]
                continue
            etiqueta, _, valor = t.partition(":")
            sub = _sub(c, etiqueta.strip())
            if sub is None or sub.clase.es_cifrado or not valor.strip():
                continue
            if sub.privado:  # typed in plaintext by someone: encrypted like a Word form's
                privados[sub.clave] = valor.strip()
            else:
                obj[sub.clave] = _simple(sub, valor.strip())
        return obj or None
    return _simple(c, texto) if texto else None


def leer_texto(ruta: Path):
    """A Lectura of the readable text, or NoSeImporto when it holds none of the form's fields."""
    from generator.intercambio.importar import Lectura  # here, not at the top: importar imports this module: a cycle
    texto = texto_de(ruta)
    vistos = {t: {} for t in TIPOS_DE_REGISTRO}
    por_tipo = {t: _trozos(texto, t, vistos[t]) for t in TIPOS_DE_REGISTRO}
    tipo = max(TIPOS_DE_REGISTRO, key=lambda t: len(por_tipo[t]))
    trozos = por_tipo[tipo]
    if not trozos:
        raise NoSeImporto(idiomas.t("recepcion.sin_campos", archivo=ruta.name,
                                    ejemplo=f"{TIPOS_DE_REGISTRO[0].campos['pais'].rotulo}: …"))
    # the language whose labels it carries (a label the same in two languages counts for the first: Spanish)
    idioma = max(vistos[tipo], key=lambda c: (vistos[tipo][c], c == idiomas.BASE), default=idiomas.BASE)
    lectura = Lectura(tipo, {}, idioma=idioma)
    for clave, lineas in trozos.items():
        valor = _valor(tipo.campos[clave], lineas, lectura.privados)
        if valor is not None:
            lectura.datos[clave] = valor
            lectura.encontrados.append(clave)
    # fields left empty are simply absent from the text; those that did not fit are named in its note
    nota = re.search(r"Los campos (\(\d+\.\d+\).*?) no caben", " ".join(texto.split()))
    if nota:
        lectura.avisos.append(f"El correo no trae los campos {nota.group(1)}: no cabían en el mensaje y van solo en el "
                              "archivo .yml adjunto. Pídalo a quien lo envió, o pídale esos campos.")
    return lectura
