"""A live catalogue never encrypts a contact to the demonstration key, whose private half does not
exist: a contact sent that way could be read by nobody, and neither the sender nor the ST would know.
`catalogo.yml` says which kind the catalogue is (`demostracion`); this module says what is wrong."""
from __future__ import annotations

from pathlib import Path

from generator.config import leer_configuracion
from generator.sobre.destinatarios import ErrorDeCifrado, leer_destinatarios, ruta_destinatarios

# The public half of the key this repository ships; its private half was not kept.
CLAVE_DEMOSTRACION = "age1ctl7y6ytsz3vv0r0nklk62rp0c650tz7xlvdyagap2mpu3tleacq9jpywl"


class CatalogoMalConfigurado(Exception):
    """A live catalogue that still encrypts to the demonstration key; the text says what to do."""


def problema_de_despliegue(demostracion: bool | None = None, destinatarios: Path | None = None) -> str | None:
    """Why a live catalogue must not build, validate or serve its forms; None when it may."""
    if demostracion is None:
        demostracion = leer_configuracion().demostracion
    if demostracion:
        return None
    ruta = destinatarios or ruta_destinatarios()
    try:
        claves = [d.clave for d in leer_destinatarios(ruta)]
    except (ErrorDeCifrado, OSError):
        return None  # the validator reports an unreadable or empty list of keys on its own
    if CLAVE_DEMOSTRACION not in claves:
        return None
    return (f"catalogo.yml dice «demostracion: false» (el catálogo real), pero {ruta} todavía tiene la clave de "
            "demostración, cuya parte privada no existe: un contacto (1.12) cifrado para ella no lo podría leer nadie. "
            "Antes de publicar: cree la clave de la Secretaría Técnica (make clave-st NOMBRE=\"Secretaría Técnica — …\"), "
            f"borre de {ruta.name} las dos líneas de la clave «Demostración» y vuelva a cifrar los contactos "
            "(make cifrar RECIFRAR=1 CLAVE=<su clave privada>). Los contactos de las fichas de demostración son "
            "ficticios: quite esas fichas o escriba sus contactos reales.")


def exigir_despliegue_valido(demostracion: bool | None = None) -> None:
    problema = problema_de_despliegue(demostracion)
    if problema:
        raise CatalogoMalConfigurado(problema)
