"""`cifrar`: replace a record's plaintext private sub-fields by their encrypted block, in place,
keeping every other byte of the file (comments, order, quoting, BOM, line ends).

The loader gives the line and column of every key; the lines of the private entries are taken
out and the block goes where the first of them was. With `recifrar`, an existing block is
decrypted with the ST's key and encrypted again to the current recipients.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.archivos import escribir_atomico
from generator.esquema import idiomas
from generator.esquema.campos import FICHA, Campo, TipoDeRegistro
from generator.privacidad.cifrado import ErrorDeCifrado, cifrar, descifrar, problemas_en_claro
from generator.validacion.lectura import Documento, ErrorDeLectura, leer_bytes
from generator.validacion.validar import schema_en


class NoSeCifro(Exception):
    """The file was left as it was; the text says why and what to do."""


@dataclass
class Informe:
    ruta: Path
    cambio: str = ""                                   # what was done, "" when nothing
    problemas: list[str] = field(default_factory=list)  # why it was not done


def _objeto_con_cifrado(tipo: TipoDeRegistro) -> list[Campo]:
    return [c for c in tipo.campos.values() if c.cifrado]


def _sangria(linea: str) -> int:
    return len(linea) - len(linea.lstrip(" "))


def _fin_de_entrada(lineas: list[str], desde: int, sangria: int, siguiente: int | None) -> int:
    """The index after the last line of the entry starting at `desde` (0-based)."""
    limite = siguiente if siguiente is not None else len(lineas)
    fin = desde + 1
    while fin < limite:
        l = lineas[fin].rstrip("\r\n")
        if l.strip() and _sangria(l) <= sangria and not l.lstrip().startswith("#"):
            break
        fin += 1
    while fin - 1 > desde and not lineas[fin - 1].strip():  # blank lines after it stay
        fin -= 1
    return fin


def _bloque(clave: str, armado: str, sangria: int, nl: str) -> list[str]:
    pre = " " * sangria
    return [f"{pre}{clave}: |{nl}"] + [f"{pre}  {l}{nl}" for l in armado.strip().split("\n")]


def cifrar_archivo(ruta: Path, schema: dict, destinatarios=None, identidad=None, recifrar: bool = False,
                   tipo: TipoDeRegistro = FICHA, idioma: str | None = None) -> Informe:
    """Encrypt the plaintext contact of `ruta` in place. Its problems and what was done are said in
    `idioma`, by default the record's own «idioma» (Spanish before the file can be read)."""
    informe = Informe(ruta)
    crudo = ruta.read_bytes()
    with idiomas.en(idioma or idiomas.actual()):
        try:
            doc = leer_bytes(crudo)
        except ErrorDeLectura as err:
            informe.problemas.append(idiomas.t("cifrar.lectura", linea=err.linea, columna=err.columna, mensaje=err.mensaje))
            return informe
        if not isinstance(doc.data, dict):
            informe.problemas.append(idiomas.t("cifrar.no_es_registro"))
            return informe
    propio = doc.data.get("idioma")
    with idiomas.en(idioma or (propio if isinstance(propio, str) else None)) as lengua:
        if lengua != idiomas.BASE:
            schema = schema_en(tipo, lengua)  # the validator's words, which the problems quote
        return _cifrar_documento(ruta, crudo, doc, informe, schema, destinatarios, identidad, recifrar, tipo)


def _cifrar_documento(ruta, crudo, doc, informe, schema, destinatarios, identidad, recifrar, tipo) -> Informe:
    bom = crudo.startswith(b"\xef\xbb\xbf")
    texto = crudo.decode("utf-8-sig")
    nl = "\r\n" if "\r\n" in texto else "\n"
    lineas = texto.splitlines(keepends=True)
    hechos = []
    for campo in _objeto_con_cifrado(tipo):
        obj = doc.data.get(campo.clave)
        if not isinstance(obj, dict):
            continue
        privados = [s.clave for s in campo.privados]
        en_claro = [k for k in privados if k in obj]
        bloque_actual = obj.get(campo.cifrado.clave)
        if not en_claro and not (recifrar and isinstance(bloque_actual, str)):
            continue
        try:
            if en_claro:
                valores = {k: obj[k] for k in privados if k in obj}
                if len(en_claro) < len(privados):
                    if bloque_actual and identidad is not None:
                        valores = descifrar(bloque_actual, identidad) | valores
                    faltan = [k for k in privados if k not in valores]
                    if faltan:
                        raise NoSeCifro(idiomas.t("cifrar.faltan", faltan=", ".join(faltan)) +
                                        (idiomas.t("cifrar.faltan_con_clave") if bloque_actual else ""))
                valores = {k: valores[k] for k in privados if k in valores}
                problemas = problemas_en_claro(campo, valores, schema, doc)
                if problemas:
                    informe.problemas += [f"{l}:{c}: {rot}: {texto}" for l, c, rot, texto in problemas]
                    continue
            else:
                if identidad is None:
                    raise NoSeCifro(idiomas.t("cifrar.recifrar_sin_clave"))
                valores = descifrar(bloque_actual, identidad)
            armado = cifrar(valores, destinatarios)
        except (NoSeCifro, ErrorDeCifrado) as err:
            linea, col = doc.claves.get((campo.clave,), (1, 1))
            informe.problemas.append(f"{linea}:{col}: {campo.rotulo}: {err}.")
            continue
        lineas = _reemplazar(lineas, doc, campo, en_claro, armado, nl)
        hechos.append(idiomas.t("cifrar.cifrado" if en_claro else "cifrar.cifrado_de_nuevo"))
        doc = leer_bytes(("".join(lineas)).encode("utf-8"))  # positions for the next field
    if hechos and not informe.problemas:
        salida = "".join(lineas)
        escribir_atomico(ruta, (b"\xef\xbb\xbf" if bom else b"") + salida.encode("utf-8"))
        informe.cambio = idiomas.t("cifrar.cambio", hechos=idiomas.t("cifrar.y").join(hechos))
    return informe


def _reemplazar(lineas: list[str], doc: Documento, campo: Campo, en_claro: list[str], armado: str, nl: str) -> list[str]:
    base = (campo.clave,)
    linea_obj, _ = doc.claves[base]
    valor_linea, valor_col = doc.posiciones[base]
    if valor_linea == linea_obj:  # contacto: {…} on one line: rewritten in block style
        return _reescribir_en_bloque(lineas, doc, campo, armado, nl)
    claves = sorted((pos[0] - 1, pos[1] - 1, p[-1]) for p, pos in doc.claves.items()
                    if len(p) == 2 and p[0] == campo.clave)
    quitar, donde, sangria = [], None, claves[0][1]
    cifrado = campo.cifrado.clave
    for i, (l0, col, k) in enumerate(claves):
        if k in en_claro or k == cifrado:
            siguiente = claves[i + 1][0] if i + 1 < len(claves) else None
            fin = _fin_de_entrada(lineas, l0, col, siguiente)
            quitar.append((l0, fin))
            donde = l0 if donde is None else min(donde, l0)
    nuevas = []
    for i, l in enumerate(lineas):
        if i == donde:
            nuevas += _bloque(cifrado, armado, sangria, nl)
        if not any(a <= i < b for a, b in quitar):
            nuevas.append(l)
    return nuevas


def _reescribir_en_bloque(lineas: list[str], doc: Documento, campo: Campo, armado: str, nl: str) -> list[str]:
    l0 = doc.claves[(campo.clave,)][0] - 1
    fin = _fin_de_entrada(lineas, l0, 0, None)
    obj = doc.data[campo.clave]
    nuevas = [f"{campo.clave}:{nl}"]
    for s in campo.subcampos:
        if s.privado or s.clave not in obj:
            continue
        nuevas.append(f"  {s.clave}: {json.dumps(obj[s.clave], ensure_ascii=False)}{nl}")
    nuevas += _bloque(campo.cifrado.clave, armado, 2, nl)
    return lineas[:l0] + nuevas + lineas[fin:]
