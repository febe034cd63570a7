"""`python -m generator nueva`: the template, both ways, and the path from `nueva` to the site."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, construir
from generator.esquema.mensajes import MARCA_PLANTILLA
from generator.validacion.lectura import leer_bytes
from generator.repositorio.nueva import slug
from generator.validacion.validar import schema


def run(args, cwd, env):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def nueva(tmp_path, env, pais="ARG", titulo="Programa Pátria Grande: regularización 2006"):
    return run(["nueva", "--pais", pais, titulo, "--carpeta", str(tmp_path / "fichas"),
                "--fecha", "2026-11-22"], ROOT, env)


def _valor_de_prueba(sub: dict, n: int) -> str:
    """What a person would write in place of a placeholder, per the schema."""
    if "enum" in sub:
        opciones = [o for o in sub["enum"] if o not in ("otro", "sin-documentacion")]
        return opciones[0]
    if sub.get("format") == "email":
        return f"contacto{n}@migraciones.gob.ar"
    if sub.get("format") in ("uri", "iri"):
        return f"https://www.argentina.gob.ar/documento-{n}"
    texto = f"Texto de prueba número {n}: con dos puntos, comillas \"y\" un # almohadilla"
    return " ".join(texto.split()[: sub.get("x-max-palabras", 100)])


def rellenar(texto: str) -> str:
    """Replace every placeholder of a template, line by line, keeping its comments and layout."""
    data = leer_bytes(texto.encode()).data
    from generator.validacion.mensajes import subschema
    reemplazos = []

    def recorrer(valor, path):
        if isinstance(valor, str) and valor.lstrip().startswith(MARCA_PLANTILLA):
            sub = subschema(schema(), path)
            if "x-cifrado-en" in sub:  # asked in plaintext, described by what its encrypted block holds
                sub = subschema(schema(), path[:-1])["properties"][sub["x-cifrado-en"]]["x-contenido"]["properties"][path[-1]]
            reemplazos.append(_valor_de_prueba(sub, len(reemplazos)))
        elif isinstance(valor, dict):
            for k, v in valor.items():
                recorrer(v, path + (k,))
        elif isinstance(valor, list):
            for i, v in enumerate(valor):
                recorrer(v, path + (i,))

    recorrer(data, ())
    salida, i = [], 0
    for linea in texto.splitlines():
        if not linea.lstrip().startswith("#") and MARCA_PLANTILLA in linea:
            previo, _, _ = linea.partition(MARCA_PLANTILLA)
            previo = previo.rstrip('"')
            linea = previo + yaml.safe_dump(reemplazos[i], allow_unicode=True, width=1000).splitlines()[0] \
                if not previo.strip() == "" else previo + reemplazos[i]
            i += 1
        salida.append(linea)
    assert i == len(reemplazos)
    return "\n".join(salida) + "\n"


def test_slug_sin_tildes_ni_signos():
    assert slug("Programa Pátria Grande: regularización 2006") == "programa-patria-grande-regularizacion-2006"
    assert slug("  ¿Qué?  ") == "que"
    largo = slug(" ".join(["palabra"] * 30))
    assert len(largo) <= 60 and not largo.endswith("-") and largo.endswith("palabra")


def test_nueva_escribe_la_plantilla_y_los_pasos(tmp_path, env_py):
    r = nueva(tmp_path, env_py)
    assert r.returncode == 0, r.stderr
    ruta = tmp_path / "fichas" / "arg" / "programa-patria-grande-regularizacion-2006.yml"
    assert ruta.exists()
    texto = ruta.read_text(encoding="utf-8")
    assert texto.startswith("# yaml-language-server: $schema=../../schema/ficha.schema.json\n")
    assert "Próximos pasos" in r.stdout and "make validate" in r.stdout and "/contribuir/" in r.stdout
    data = leer_bytes(texto.encode()).data
    assert data["pais"] == "ARG" and data["titulo"] == "Programa Pátria Grande: regularización 2006"
    assert data["fecha"] == "2026-11-22"
    # every key of the form, in the form's order, present or shown commented out
    claves = [m.group(1) for m in re.finditer(r"^(?:# )?([a-z_]+):", texto, re.M)]
    orden = [k for k, p in schema()["properties"].items() if not p.get("x-interno")]  # the ST writes those
    assert [k for k in claves if k in orden] == orden
    # each field has its instruction above it, with the form's number and the word limit
    assert "# (2.2) Resumen de la experiencia." in texto and "Máximo 200 palabras." in texto


def test_plantilla_sin_rellenar_es_rechazada_solo_por_sus_marcadores(tmp_path, env_py):
    assert nueva(tmp_path, env_py).returncode == 0
    r = run(["validate", str(tmp_path / "fichas")], ROOT, env_py)
    assert r.returncode == 1
    problemas = r.stdout.strip().splitlines()[:-1]
    assert problemas and all("todavía tiene el texto de la plantilla" in p for p in problemas), problemas
    assert any("(1.3) Temas (n.º 1)" in p and "registro-fronterizo" in p for p in problemas)
    # exactly one message per placeholder: no schema error repeats what the placeholder says
    ruta = next((tmp_path / "fichas").rglob("*.yml"))
    marcadores = [l for l in ruta.read_text().splitlines() if MARCA_PLANTILLA in l and not l.lstrip().startswith("#")]
    assert len(problemas) == len(marcadores)


@pytest.mark.sitio
def test_plantilla_rellenada_es_valida_y_llega_al_sitio(tmp_path, env_py, clave_de_prueba):
    """The hand-written route: template → filled in → the validator asks to encrypt the contact →
    «cifrar» → valid, published without it, and the ST reads it back with «contactos»."""
    assert nueva(tmp_path, env_py).returncode == 0
    ruta = next((tmp_path / "fichas").rglob("*.yml"))
    ruta.write_text(rellenar(ruta.read_text(encoding="utf-8")), encoding="utf-8")
    en_claro = leer_bytes(ruta.read_bytes()).data["contacto"]
    r = run(["validate", str(tmp_path / "fichas")], ROOT, env_py)
    assert r.returncode == 1 and r.stdout.count("make cifrar") == 3, r.stdout
    antes = ruta.read_text(encoding="utf-8")
    r = run(["cifrar", str(tmp_path / "fichas")], ROOT, env_py)
    assert r.returncode == 0 and "1 ficha cifrada" in r.stdout, r.stdout + r.stderr
    despues = ruta.read_text(encoding="utf-8")
    for privado in (en_claro["nombre"], en_claro["cargo"], en_claro["email"]):
        assert privado not in despues
    # everything else byte for byte: only the three plaintext lines left and the block came in
    quitadas = [l for l in antes.splitlines() if l not in despues.splitlines()]
    assert len(quitadas) == 3 and all(l.lstrip().startswith(("nombre:", "cargo:", "email:")) for l in quitadas)
    r = run(["validate", str(tmp_path / "fichas")], ROOT, env_py)
    assert r.returncode == 0, r.stdout
    r = run(["contactos", "--clave", str(clave_de_prueba.archivo), "--csv", str(tmp_path / "fichas")], ROOT, env_py)
    assert r.returncode == 0, r.stderr
    import csv
    filas = list(csv.reader(r.stdout.lstrip("\ufeff").splitlines()))
    assert filas == [["pais", "ficha", "nombre", "cargo", "email"],
                     ["ARG", f"arg/{ruta.stem}", en_claro["nombre"], en_claro["cargo"], en_claro["email"]]]
    b = construir(tmp_path / "fichas", tmp_path / "build", {"CATALOGO_PDF": "0"})
    assert b.returncode == 0, b.stdout + b.stderr
    pagina = tmp_path / "build" / "site" / "fichas" / "arg" / "programa-patria-grande-regularizacion-2006" / "index.html"
    html = pagina.read_text(encoding="utf-8")
    assert "Programa Pátria Grande: regularización 2006" in html
    c = leer_bytes(ruta.read_bytes()).data["contacto"]
    for privado in (en_claro["nombre"], en_claro["cargo"], en_claro["email"]):
        assert privado not in html
    assert c["email_institucional"] in html
    indice = (tmp_path / "build" / "site" / "paises" / "arg" / "index.html").read_text(encoding="utf-8")
    assert "programa-patria-grande-regularizacion-2006" in indice


def test_nueva_no_sobrescribe(tmp_path, env_py):
    assert nueva(tmp_path, env_py).returncode == 0
    ruta = next((tmp_path / "fichas").rglob("*.yml"))
    ruta.write_text("mi trabajo\n", encoding="utf-8")
    r = nueva(tmp_path, env_py)
    assert r.returncode == 1
    assert "Ya existe la ficha" in r.stderr and "No se sobrescribe" in r.stderr
    assert ruta.read_text(encoding="utf-8") == "mi trabajo\n"
    # nor beside a .yaml of the same name
    otra = tmp_path / "fichas" / "arg" / "otra-experiencia.yaml"
    otra.write_text("x\n", encoding="utf-8")
    assert nueva(tmp_path, env_py, titulo="Otra experiencia").returncode == 1


def test_nueva_comprueba_el_pais(tmp_path, env_py):
    r = nueva(tmp_path, env_py, pais="ARX")
    assert r.returncode == 1 and "¿Quiso decir Argentina (ARG)?" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "fichas").exists()
    r = nueva(tmp_path, env_py, pais="Brasil", titulo="Uma experiência")
    assert r.returncode == 0 and (tmp_path / "fichas" / "bra" / "uma-experiencia.yml").exists()
    r = run(["nueva", "Sin país"], ROOT, env_py)
    assert r.returncode == 2 and "faltan estos datos: --pais" in r.stderr


def test_nueva_con_contacto_lo_escribe_cifrado(tmp_path, env_py, clave_de_prueba):
    contacto = {"nombre": "Ana Pérez Reservada", "cargo": "Jefa: Cooperación «técnica»", "email": "ana.perez@migraciones.gob.ar"}
    r = run(["nueva", "--pais", "URY", "Ventanilla única", "--carpeta", str(tmp_path / "fichas"), "--fecha", "2026-11-22",
             "--contacto-nombre", contacto["nombre"], "--contacto-cargo", contacto["cargo"],
             "--contacto-email", contacto["email"]], ROOT, env_py)
    assert r.returncode == 0, r.stderr
    texto = (tmp_path / "fichas" / "ury" / "ventanilla-unica.yml").read_text(encoding="utf-8")
    assert "-----BEGIN AGE ENCRYPTED FILE-----" in texto
    assert not [v for v in contacto.values() if v in texto]
    from generator.privacidad.contactos import leer_contactos
    [c] = leer_contactos(tmp_path / "fichas", clave_de_prueba.identidad)
    assert (c.pais, c.ficha, c.datos, c.error) == ("URY", "ury/ventanilla-unica", contacto, "")


def test_nueva_rechaza_un_contacto_mal_escrito_sin_crear_nada(tmp_path, env_py):
    r = run(["nueva", "--pais", "URY", "Ventanilla única", "--carpeta", str(tmp_path / "fichas"),
             "--contacto-nombre", "Ana", "--contacto-cargo", "Jefa", "--contacto-email", "mailto:ana"], ROOT, env_py)
    assert r.returncode == 1
    assert "(1.12) Persona de contacto — Email: «mailto:ana» no es una dirección de correo válida" in r.stderr
    assert not (tmp_path / "fichas").exists() or not list((tmp_path / "fichas").rglob("*.yml"))
