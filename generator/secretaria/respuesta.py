"""The reply to whoever sent a record, in Spanish (usted), ready to paste into the e-mail: it was
received, what happens now, and what to fix, named by the form's fields."""
from __future__ import annotations

from generator.config import leer_configuracion
from generator.secretaria.recibir import _pais, institucion_de, titulo_de


def texto_de_respuesta(r) -> str:
    """`r` is a generator.secretaria.recibir.Recepcion."""
    config = leer_configuracion()
    f = r.tipo.femenino
    la, a = ("la", "a") if f else ("el", "o")
    que = "ficha técnica" if r.tipo.nombre == "ficha" else "perfil de cooperación"
    asunto = r.correo.asunto if r.correo and r.correo.asunto else f"{que.capitalize()}: {titulo_de(r.tipo, r.datos)}"
    saludo = "Estimado/a " + (r.correo.remitente_nombre if r.correo and r.correo.remitente_nombre else "colega") + ":"
    institucion = institucion_de(r.datos)
    recibido = f"el {r.correo.fecha}" if r.correo and r.correo.fecha else ""
    lineas = [f"Asunto: Re: {asunto}", "", saludo, "",
              f"Gracias por enviar {la} {que} «{titulo_de(r.tipo, r.datos)}» ({_pais(str(r.datos.get('pais', '')))}"
              + (f", {institucion}" if institucion else "") + "). "
              + (f"L{a} recibimos {recibido} y " if recibido else f"L{a} recibimos y ")
              + "ya está en revisión.", ""]
    if r.problemas:
        n = len(r.problemas)
        lineas += [f"Antes de publicarl{a} hace falta corregir {'una cosa' if n == 1 else f'{n} cosas'} "
                   "(en el formulario, en estos campos):", ""]
        lineas += [f"  - {p}" for p in r.problemas] + [""]
        lineas += ["Puede responder a este correo con el mismo documento corregido, o indicarnos los cambios y los "
                   "haremos nosotros. Mientras tanto no se publica nada.", ""]
    else:
        lineas += [f"No encontramos nada que corregir: {la} {que} está complet{a}.", ""]
    lineas += ["Qué sigue: la Secretaría Técnica l" + a + " revisa con los criterios de publicación del catálogo "
               f"({config.sitio_url}contribuir/#criterios) y, cuando se apruebe, se publica en {config.sitio_url} . "
               "Le avisaremos cuando esté en línea.", "",
               *(["Los datos de la persona de contacto (1.12) no se publican: se guardan cifrados y solo los lee la "
                  "Secretaría Técnica.", ""] if r.tipo.nombre == "ficha" else []),
               "Atentamente,", "", "Secretaría Técnica de la Conferencia Suramericana sobre Migraciones (CSM)",
               config.correo_st, ""]
    return "\n".join(lineas)
