"""An e-mail saved as .eml (Outlook, Thunderbird, Gmail's «Descargar mensaje»): the record it
carries, as an attachment (.docx or .yml) or as the text of the body (the form's «Copiar»), and
who sent it. The message is only read: nothing from it is interpreted as HTML or executed."""
from __future__ import annotations

import email
import email.policy
import email.utils
import re
from dataclasses import dataclass
from pathlib import Path

from generator.archivos import escribir_atomico

ADJUNTABLES = (".docx", ".yml", ".yaml")
# The first line of a record pasted in a message: a top-level key of the form's file.
_INICIO_YAML = re.compile(r"^(?:pais|titulo|institucion|fecha|idioma):[ \t]", re.M)
MAX_BYTES = 30 * 1024 * 1024


class CorreoIlegible(Exception):
    """The message carries no record; the text says what to do (Spanish)."""


@dataclass
class Correo:
    remitente_nombre: str
    remitente_correo: str
    asunto: str
    fecha: str              # dd/mm/aaaa from the message's Date header, or ""
    archivo: Path           # the record, written to `carpeta`


def _fecha(valor) -> str:
    try:
        d = email.utils.parsedate_to_datetime(str(valor))
    except (TypeError, ValueError, IndexError):
        return ""
    return d.strftime("%d/%m/%Y") if d else ""


def _texto_de_ficha(cuerpo: str) -> str | None:
    """The record pasted in the body: from its first key to the signature ("-- ")."""
    cuerpo = cuerpo.replace("\r\n", "\n")
    m = _INICIO_YAML.search(cuerpo)
    if not m:
        return None
    texto = cuerpo[m.start():]
    texto = re.split(r"(?m)^-- ?$", texto, maxsplit=1)[0]
    return texto.rstrip() + "\n"


def leer_correo(ruta: Path, carpeta: Path, adjunto: str | None = None) -> Correo:
    """Read the message at `ruta`; write the record it carries into `carpeta` (a temporary folder)."""
    try:
        if ruta.stat().st_size > MAX_BYTES:
            raise CorreoIlegible(f"«{ruta.name}» pesa más de {MAX_BYTES // (1024 * 1024)} MB: guarde el adjunto y "
                                 "ejecute make recibir ARCHIVO=<el adjunto>.")
        with ruta.open("rb") as fh:
            msg = email.message_from_binary_file(fh, policy=email.policy.default)
    except OSError as err:
        raise CorreoIlegible(f"No se pudo leer «{ruta}»: {err.strerror or err}.") from None
    try:
        nombre, direccion = email.utils.parseaddr(str(msg.get("From", "")))
    except Exception:  # a malformed header is not the ST's problem
        nombre, direccion = "", ""
    asunto = str(msg.get("Subject", "") or "").strip()
    adjuntos = []
    for parte in msg.walk():
        archivo = parte.get_filename()
        if archivo and Path(archivo).suffix.lower() in ADJUNTABLES:
            adjuntos.append((Path(archivo).name, parte))
    if adjunto:
        adjuntos = [a for a in adjuntos if a[0] == adjunto]
        if not adjuntos:
            raise CorreoIlegible(f"El correo no trae un adjunto llamado «{adjunto}».")
    if len(adjuntos) > 1:
        nombres = ", ".join(f"«{n}»" for n, _ in adjuntos)
        raise CorreoIlegible(f"El correo trae {len(adjuntos)} archivos que podrían ser fichas: {nombres}. Indique cuál con "
                             "ADJUNTO=<nombre> (make recibir ARCHIVO=… ADJUNTO=…) y repita con cada uno.")
    if adjuntos:
        nombre_archivo, parte = adjuntos[0]
        contenido = parte.get_payload(decode=True) or b""
        destino = carpeta / (re.sub(r"[^\w.\-]+", "-", Path(nombre_archivo).stem) + Path(nombre_archivo).suffix.lower())
        escribir_atomico(destino, contenido)
    else:
        cuerpo = msg.get_body(preferencelist=("plain",))
        texto = _texto_de_ficha(cuerpo.get_content()) if cuerpo is not None else None
        if not texto:
            raise CorreoIlegible("El correo no trae una ficha: ni un adjunto .docx o .yml, ni el texto del formulario "
                                 "(que empieza con «pais:») en el cuerpo. Si la ficha viene en otro formato (PDF, .doc), "
                                 "pida a quien la envió el formulario en Word del catálogo (/descargas/).")
        destino = carpeta / "ficha-del-correo.yml"
        escribir_atomico(destino, texto)
    return Correo(nombre.strip(), direccion.strip(), asunto, _fecha(msg.get("Date")), destino)
