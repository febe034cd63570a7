"""The ST's side: read every record's encrypted contact with the ST's private key, and make a
key pair whose private half lives outside the repository."""
from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

from generator.archivos import escribir_atomico
from generator.config import ROOT
from generator.esquema.campos import FICHA, TipoDeRegistro
from generator.privacidad.cifrado import ErrorDeCifrado, descifrar, ruta_destinatarios
from generator.validacion.lectura import ErrorDeLectura, leer_bytes
from generator.validacion.validar import encontrar


@dataclass(frozen=True)
class Contacto:
    pais: str
    ficha: str          # "arg/patria-grande"
    datos: dict         # nombre, cargo, email (or an error)
    error: str = ""


def leer_contactos(raiz: Path, identidad, tipo: TipoDeRegistro = FICHA) -> list[Contacto]:
    fichas, _ = encontrar(raiz, tipo)
    campos = [c for c in tipo.campos.values() if c.cifrado]
    out = []
    for f in fichas:
        try:
            data = leer_bytes(f.ruta.read_bytes()).data
        except ErrorDeLectura as err:
            out.append(Contacto(f.pais_dir.upper(), f"{f.pais_dir}/{f.slug}", {}, f"no se puede leer: {err.mensaje}"))
            continue
        for c in campos:
            obj = data.get(c.clave) if isinstance(data, dict) else None
            bloque = obj.get(c.cifrado.clave) if isinstance(obj, dict) else None
            if not isinstance(bloque, str):
                out.append(Contacto(f.pais_dir.upper(), f"{f.pais_dir}/{f.slug}", {}, "sin contacto cifrado"))
                continue
            try:
                out.append(Contacto(f.pais_dir.upper(), f"{f.pais_dir}/{f.slug}", descifrar(bloque, identidad)))
            except ErrorDeCifrado as err:
                out.append(Contacto(f.pais_dir.upper(), f"{f.pais_dir}/{f.slug}", {}, str(err)))
    return out


COLUMNAS = ("pais", "ficha", "nombre", "cargo", "email")


def como_texto(contactos: list[Contacto]) -> str:
    lineas = []
    for c in contactos:
        if c.error:
            lineas.append(f"{c.pais}  {c.ficha}: {c.error}")
        else:
            lineas.append(f"{c.pais}  {c.ficha}: {c.datos.get('nombre', '')} — {c.datos.get('cargo', '')} — {c.datos.get('email', '')}")
    return "\n".join(lineas) + ("\n" if lineas else "")


def como_csv(contactos: list[Contacto]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNAS)
    for c in contactos:
        w.writerow([c.pais, c.ficha, c.datos.get("nombre", ""), c.datos.get("cargo", ""),
                    c.datos.get("email", "") if not c.error else c.error])
    return "\ufeff" + buf.getvalue()


def salida_permitida(ruta: Path) -> bool:
    """Decrypted contacts never go inside the repository (site/, docs/, fichas/…): a file there
    could be published or committed."""
    return not ruta.resolve().is_relative_to(ROOT.resolve())


def crear_clave(archivo: Path, quien: str, destinatarios: Path | None = None) -> str:
    """A new key pair: the private key to `archivo` (outside the repository, mode 600), the public
    key appended to the recipients with a comment naming whose it is. Returns the public key."""
    import pyrage  # function-level: pyrage (a native extension) loads only when encrypting or decrypting
    archivo = archivo.expanduser()
    if archivo.resolve().is_relative_to(ROOT.resolve()):
        raise ErrorDeCifrado(f"«{archivo}» está dentro del repositorio: la clave privada nunca debe estar ahí. "
                             "Elija una carpeta fuera, por ejemplo ~/.config/catalogo-csm/clave-st.txt.")
    if archivo.exists():
        raise ErrorDeCifrado(f"«{archivo}» ya existe: no se sobrescribe una clave. Elija otro nombre.")
    identidad = pyrage.x25519.Identity.generate()
    publica = str(identidad.to_public())
    archivo.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(archivo, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(f"# Clave privada de la Secretaría Técnica para el catálogo de la CSM: {quien}\n"
                 f"# Clave pública: {publica}\n{identidad}\n")
    destinatarios = destinatarios or ruta_destinatarios()
    previo = destinatarios.read_text(encoding="utf-8") if destinatarios.exists() else ""
    separador = "" if not previo or previo.endswith("\n\n") else ("\n" if previo.endswith("\n") else "\n\n")
    escribir_atomico(destinatarios, previo + separador + f"# {quien}\n{publica}\n")
    return publica
