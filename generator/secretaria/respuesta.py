"""The reply to whoever sent a record, in its language (Spanish: usted), ready to paste into the e-mail: it was
received, what happens now, and what to fix, named by the form's fields."""
from __future__ import annotations

from generator.config import leer_configuracion
from generator.esquema import idiomas
from generator.secretaria.recibir import _pais, institucion_de, titulo_de


def texto_de_respuesta(r) -> str:
    """`r` is a generator.secretaria.recibir.Recepcion. Written in the language of its messages (the
    record's «idioma», or --idioma): schema/idiomas/<código>/cli.yml, «respuesta»."""
    with idiomas.en(getattr(r, "idioma", None)):
        return _respuesta(r)


def _respuesta(r) -> str:
    config = leer_configuracion()
    t = idiomas.t
    de = f"cli.respuesta.{r.tipo.carpeta}."
    titulo = titulo_de(r.tipo, r.datos)
    asunto = r.correo.asunto if r.correo and r.correo.asunto else t(de + "asunto_nuevo", titulo=titulo)
    nombre = r.correo.remitente_nombre if r.correo and r.correo.remitente_nombre else t("cli.respuesta.colega")
    institucion = institucion_de(r.datos)
    lugar = _pais(str(r.datos.get("pais", ""))) + (f", {institucion}" if institucion else "")
    recibido = (t(de + "recibida_el", fecha=r.correo.fecha) if r.correo and r.correo.fecha else t(de + "recibida"))
    lineas = [t("cli.respuesta.asunto", asunto=asunto), "", t("cli.respuesta.saludo", nombre=nombre), "",
              t(de + "gracias", titulo=titulo, lugar=lugar) + " " + recibido, ""]
    if r.problemas:
        n = len(r.problemas)
        lineas += [t(de + "corregir_uno") if n == 1 else t(de + "corregir_varios", n=n), ""]
        lineas += [f"  - {p}" for p in r.problemas] + [""]
        lineas += [t("cli.respuesta.puede_responder"), ""]
    else:
        lineas += [t(de + "completa"), ""]
    contacto = t(de + "contacto")
    lineas += [t(de + "sigue", criterios=f"{config.sitio_url}contribuir/#criterios", sitio=config.sitio_url), "",
               *([contacto, ""] if contacto else []),
               t("cli.respuesta.atentamente"), "", t("cli.respuesta.firma"), config.correo_st, ""]
    return "\n".join(lineas)
