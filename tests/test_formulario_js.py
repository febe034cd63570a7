"""The form's rules (docs/assets/proponer/reglas.js, yaml.js) under Node: their unit tests, and
every invalid case of tests/casos/invalidas and tests/casos/perfiles/invalidas that a form can
express, flagged on the same field as the validator flags it and, when a form can produce it,
in the same words (both read them from schema/mensajes.yml)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import ROOT, casos_invalidos, casos_perfiles_invalidos, leer_esperado
from generator.esquema.campos import PERFIL
from generator.validacion.lectura import ErrorDeLectura, leer_bytes
from generator.validacion.validar import schema

NODE = shutil.which("node")

# What a form cannot produce: the file itself (its name, folder, encoding, size, YAML syntax,
# repeated keys, anchors, several documents), files on disk the form does not see, the contact
# in plaintext (the form's own input, which it encrypts on export) and the inside of an
# encrypted block (the form writes its own; CI checks imported ones, generator/sobre/comprobacion.py).
NO_EXPRESABLES = {
    "ancla-alias", "archivo-inexistente", "archivo-vacio", "carpeta-pais", "clave-repetida",
    "demasiado-grande", "fuera-de-carpeta", "identidad-duplicada", "no-es-mapeo", "no-utf8",
    "nombre-archivo", "varios-documentos", "yaml-dos-puntos", "yaml-sangria", "yaml-tabulador",
    "contacto-en-claro", "contacto-cifrado-alterado", "contacto-cifrado-basura", "contacto-cifrado-contrasena",
    # how a file's text is read (a comment, a lost «- », quotes, a space): the form writes its own file
    "comentario-en-valor", "comentario-en-lista", "comentario-en-texto-largo", "lista-sin-guion", "comillas-y-sigue",
    "falta-espacio-dos-puntos", "espacio-no-separable", "espacio-no-separable-tras-dos-puntos", "guion-como-vacio",
    # files beside the record (the form attaches none), an envelope the form itself writes, a file's nesting
    "adjunto-html", "adjunto-svg", "adjunto-markdown", "adjunto-disfrazado", "adjunto-texto-con-html",
    "adjunto-colision-pdf", "contacto-cifrado-otras-claves", "anidamiento-profundo",
}
# What a form can express but never produce, because its own inputs rule it out: the file's keys
# (the form writes them), YAML's reading of a hand-typed value (the form writes text as text), a
# controlled list (a list of options or boxes offers only valid ones), a yes/no (a box). These are
# flagged on the same field; the words may differ (the validator speaks of the file).
SOLO_A_MANO = {
    # keys: unknown, misspelt, or a sub-field that lost its indentation
    "clave-desconocida", "clave-desconocida-sin-parecido", "clave-mayusculas", "sangria-perdida",
    # YAML's reading of a hand-typed value
    "guion-como-vacio-en-linea", "valor-convertido-hora", "valor-convertido-no", "valor-convertido-numero",
    "valor-nulo", "tema-no-lista", "lista-controlada-sin-guion",
    # a controlled list: the form offers only its options
    "idioma-invalido", "pais-invalido", "pais-minusculas", "tema-invalido", "producto-tipo", "opciones-en-un-elemento",
    # a yes/no: a box in the form
    "demostracion-texto", "si-en-mayusculas",
}
N_MARCA = re.compile(r" \(n\.º \d+\)")


def test_pruebas_unitarias_de_node():
    r = subprocess.run([NODE, "--test", "tests/js/"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert re.search(r"^# pass [1-9]", r.stdout, re.M) and re.search(r"^# fail 0$", r.stdout, re.M)


def _titulos(s: dict):
    if isinstance(s, dict):
        if isinstance(s.get("title"), str):
            yield s["title"]
        for v in s.values():
            yield from _titulos(v)
    elif isinstance(s, list):
        for v in s:
            yield from _titulos(v)


TITULOS = sorted(set(_titulos(schema())) | set(_titulos(schema(PERFIL))), key=len, reverse=True)


def _etiqueta(linea: str) -> str:
    """The field label of an expected message («archivo:línea:columna: etiqueta: texto»),
    '' for a message about the file or an unknown key."""
    mensaje = N_MARCA.sub("", re.sub(r"^.*?:\d+:\d+: ", "", linea))
    return next((t for t in TITULOS if mensaje.startswith(t + ": ")), "")


def _expresables():
    casos = []
    for caso in casos_invalidos() + casos_perfiles_invalidos():
        if caso.name in NO_EXPRESABLES and caso.parent.parent.name != "perfiles":
            continue
        archivo = next(caso.rglob("*.y*ml"))
        perfil = caso.parent.parent.name == "perfiles"
        try:
            datos = leer_bytes(archivo.read_bytes()).data
        except ErrorDeLectura:
            pytest.fail(f"{caso.name}: YAML ilegible; si un formulario no puede producirlo, agréguelo a NO_EXPRESABLES")
        _, esperadas = leer_esperado(caso)
        casos.append({"nombre": ("perfiles/" if perfil else "") + caso.name, "datos": datos, "archivo": archivo.stem,
                      "esperadas": esperadas, "esquema": PERFIL.esquema_path.name if perfil else "ficha.schema.json"})
    return casos


def _formulario(casos) -> dict[str, list[dict]]:
    r = subprocess.run([NODE, "tests/js/casos.mjs"], cwd=ROOT, input=json.dumps(casos, ensure_ascii=False),
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return {c["nombre"]: c["problemas"] for c in json.loads(r.stdout)}


def _sin_lugar(linea: str) -> str:
    """«archivo:línea:columna: etiqueta: texto» → «etiqueta: texto», without the item number."""
    return N_MARCA.sub("", re.sub(r"^.*?:\d+:\d+: ", "", linea))


def test_el_formulario_marca_cada_caso_invalido_en_el_mismo_campo():
    casos = _expresables()
    assert len(casos) >= 30
    resultados = _formulario(casos)
    fallas = []
    for caso in casos:
        problemas = resultados[caso["nombre"]]
        marcadas = {N_MARCA.sub("", p["etiqueta"]) for p in problemas}
        if not problemas:
            fallas.append(f"{caso['nombre']}: el formulario no marca nada")
        for linea in caso["esperadas"]:
            etiqueta = _etiqueta(linea)
            # the same field, or one of its parts («Periodo de la experiencia — Año de fin»)
            if etiqueta and not any(m == etiqueta or m.startswith(etiqueta + " — ") for m in marcadas):
                fallas.append(f"{caso['nombre']}: el validador marca «{etiqueta}», el formulario {sorted(marcadas)}")
    assert fallas == [], "\n".join(fallas)


def test_el_formulario_dice_las_mismas_palabras_que_el_validador():
    """Every case a form can produce, ficha or profile: the same messages, label and text, word for word."""
    casos = [c for c in _expresables() if c["nombre"] not in SOLO_A_MANO]
    assert len(casos) >= 40 and sum(c["nombre"].startswith("perfiles/") for c in casos) >= 10
    resultados = _formulario(casos)
    fallas = []
    for caso in casos:
        validador = sorted({_sin_lugar(l) for l in caso["esperadas"]})
        formulario = sorted({N_MARCA.sub("", f"{p['etiqueta']}: {p['texto']}") for p in resultados[caso["nombre"]]})
        if validador != formulario:
            fallas.append(f"{caso['nombre']}:\n  validador:  {validador}\n  formulario: {formulario}")
    assert fallas == [], "\n".join(fallas)


def test_los_no_expresables_existen():
    """The lists above name real cases: a renamed case cannot hide from the form."""
    assert NO_EXPRESABLES <= {c.name for c in casos_invalidos()}
    assert SOLO_A_MANO <= {c.name for c in casos_invalidos()} - NO_EXPRESABLES
