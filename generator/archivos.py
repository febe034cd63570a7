"""Writing files so that a failure never leaves one cut: write a temporary file in the
same folder, flush it to disk, then replace the original in one step (os.replace is atomic
on POSIX and on Windows for the same volume). On any error the original stays intact and
the temporary file is removed."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def escribir_atomico(ruta: Path | str, datos: bytes | str, *, encoding: str = "utf-8",
                     modo: int | None = None, durable: bool = True) -> None:
    """Replace `ruta` with `datos` (text is encoded with `encoding`, newlines untouched).

    The file keeps its permission bits when it existed; `modo` sets them otherwise. `durable=False`
    skips the flush to disk, for files the build regenerates anyway (still replaced whole)."""
    ruta = Path(ruta)
    contenido = datos.encode(encoding) if isinstance(datos, str) else datos
    if modo is None:
        try:
            modo = ruta.stat().st_mode & 0o7777
        except FileNotFoundError:
            modo = None
    fd, temporal = tempfile.mkstemp(prefix=f".{ruta.name}.", suffix=".tmp", dir=ruta.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(contenido)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if modo is not None:
            os.chmod(temporal, modo)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporal, 0o666 & ~umask)
        os.replace(temporal, ruta)
    except BaseException:
        try:
            os.unlink(temporal)
        except FileNotFoundError:
            pass
        raise


def crear_atomico(ruta: Path | str, datos: bytes | str, *, encoding: str = "utf-8") -> None:
    """Create `ruta` with `datos`, never replacing a file that exists (FileExistsError), and
    never leaving a partial file: the content is written aside and linked into place whole."""
    ruta = Path(ruta)
    contenido = datos.encode(encoding) if isinstance(datos, str) else datos
    fd, temporal = tempfile.mkstemp(prefix=f".{ruta.name}.", suffix=".tmp", dir=ruta.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(contenido)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporal, 0o666 & ~umask)
        os.link(temporal, ruta)  # fails if `ruta` exists, even in a race
    finally:
        try:
            os.unlink(temporal)
        except FileNotFoundError:
            pass
