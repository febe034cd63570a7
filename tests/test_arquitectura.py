"""The package's shape, read from the code: which package may import which (the flow of a record,
esquema ← validacion ← privacidad ← … ← cli), and the README's layout table against the tree."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

GENERATOR = ROOT / "generator"

_BASE = {"config", "archivos"}
# package → the packages it may import (besides itself). Lower layers never import upper ones.
PERMITIDAS: dict[str, set[str]] = {
    "config": set(),
    "archivos": set(),
    "esquema": _BASE,
    "sobre": _BASE,  # the envelope of a private block and its recipients: below validation and privacy
    "validacion": _BASE | {"esquema", "sobre"},
    "privacidad": _BASE | {"esquema", "sobre", "validacion"},
    "repositorio": _BASE | {"esquema", "sobre", "validacion", "privacidad"},
    "intercambio": _BASE | {"esquema", "sobre", "validacion", "privacidad", "repositorio"},
    "publicacion": _BASE | {"esquema", "sobre", "validacion", "privacidad", "repositorio", "intercambio"},
    "secretaria": _BASE | {"esquema", "sobre", "validacion", "privacidad", "repositorio", "intercambio", "publicacion"},
    "sintetico": _BASE | {"esquema"},
    "cli": _BASE | {"esquema", "sobre", "validacion", "privacidad", "repositorio", "intercambio", "publicacion",
                    "secretaria", "sintetico"},
    "__main__": {"cli"},
}
# Known imports against the flow, module → module, each with why it is still there. The test below
# also fails when one is gone, so the list only shrinks.
PENDIENTES = {
    # the Word form splits a long text into paragraphs as the page does (issue 22, part A: the type registry)
    ("generator.intercambio.word", "generator.publicacion.modelo"),
    # a ficha page shows its review state, computed by the Secretariat's freshness rules
    ("generator.publicacion.paginas", "generator.secretaria.frescura"),
}


def _modulo(ruta: Path) -> str:
    partes = ruta.relative_to(ROOT).with_suffix("").parts
    return ".".join(partes[:-1] if partes[-1] == "__init__" else partes)


def _paquete(modulo: str) -> str:
    return modulo.split(".")[1]


def _importaciones(ruta: Path) -> set[str]:
    """Every generator module `ruta` imports, at any level (top or inside a function)."""
    out = set()
    for nodo in ast.walk(ast.parse(ruta.read_text(encoding="utf-8"))):
        if isinstance(nodo, ast.ImportFrom) and nodo.level == 0 and nodo.module and nodo.module.startswith("generator"):
            if nodo.module == "generator":
                out |= {f"generator.{a.name}" for a in nodo.names}
            else:
                out.add(nodo.module)
        elif isinstance(nodo, ast.Import):
            out |= {a.name for a in nodo.names if a.name.startswith("generator.")}
    return out


def _todas() -> dict[str, set[str]]:
    return {_modulo(r): _importaciones(r) for r in sorted(GENERATOR.rglob("*.py"))}


def test_cada_paquete_importa_solo_los_de_abajo():
    contra, usadas = [], set()
    for origen, destinos in _todas().items():
        if origen == "generator":
            continue
        desde = _paquete(origen)
        assert desde in PERMITIDAS, f"{origen}: paquete nuevo; agréguelo a PERMITIDAS con lo que puede importar"
        for destino in destinos:
            hacia = _paquete(destino)
            if hacia == desde or hacia in PERMITIDAS[desde]:
                continue
            if (origen, destino) in PENDIENTES:
                usadas.add((origen, destino))
                continue
            contra.append(f"{origen} importa {destino} ({desde} no puede depender de {hacia})")
    assert contra == [], "\n".join(contra)
    assert usadas == PENDIENTES, f"ya no se usan; bórrelas de PENDIENTES: {PENDIENTES - usadas}"


def test_la_validacion_no_importa_la_privacidad():
    """The cycle the issue found: validation needed privacy's envelope check and recipients."""
    for origen, destinos in _todas().items():
        if origen.startswith("generator.validacion"):
            assert not any(d.startswith("generator.privacidad") for d in destinos), origen


def test_las_importaciones_dentro_de_funciones_dicen_por_que():
    """A function-level import of a third-party package is there to avoid loading a heavy or
    optional dependency; a comment on its line or the line above says so. (Imports of the
    project's own modules inside functions are counted by the direction test above.)"""
    sin_motivo = []
    for ruta in sorted(GENERATOR.rglob("*.py")):
        lineas = ruta.read_text(encoding="utf-8").splitlines()
        for nodo in ast.walk(ast.parse("\n".join(lineas))):
            if not isinstance(nodo, ast.FunctionDef):
                continue
            for hijo in ast.walk(nodo):
                if isinstance(hijo, ast.Import) or (isinstance(hijo, ast.ImportFrom) and hijo.level == 0):
                    nombre = hijo.module if isinstance(hijo, ast.ImportFrom) else hijo.names[0].name
                    if nombre.split(".")[0] not in PESADAS:
                        continue
                    cerca = lineas[hijo.lineno - 1] + lineas[hijo.lineno - 2]
                    if "#" not in cerca:
                        sin_motivo.append(f"{ruta.relative_to(ROOT)}:{hijo.lineno}: {nombre}")
    assert sin_motivo == [], "\n".join(sin_motivo)


# third-party packages loaded only where used, because they are heavy or optional (jsonschema: only an
# invalid record needs the Python validator; `validate` of a valid catalogue starts without it)
PESADAS = {"weasyprint", "pikepdf", "pyrage", "jsonschema_rs", "jsonschema"}


# --- the README's layout table -------------------------------------------------------------
def _tabla_de_lugares() -> list[tuple[str, str]]:
    texto = (ROOT / "README.md").read_text(encoding="utf-8")
    bloque = texto.split("| lugar | qué contiene |", 1)[1].split("\n\n", 1)[0]
    filas = []
    for linea in bloque.splitlines()[2:]:
        celdas = [c.strip() for c in linea.strip().strip("|").split("|")]
        filas.append((celdas[0], " | ".join(celdas[1:])))
    return filas


def _nombrados(celda: str) -> list[str]:
    return re.findall(r"`([^`]+)`", celda)


def test_la_tabla_del_readme_nombra_cada_modulo_de_generator():
    faltan = []
    nombrados_en: dict[str, set[str]] = {}
    for lugar, contenido in _tabla_de_lugares():
        for ruta in _nombrados(lugar):
            nombrados_en.setdefault(ruta, set()).update(_nombrados(contenido) + _nombrados(lugar))
    todos = " ".join(" ".join(sorted(v)) for v in nombrados_en.values()) + " " + " ".join(nombrados_en)
    for paquete in sorted(p for p in GENERATOR.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        fila = nombrados_en.get(f"generator/{paquete.name}/")
        if fila is None:
            faltan.append(f"generator/{paquete.name}/ no tiene fila")
            continue
        for hijo in sorted(paquete.iterdir()):
            if hijo.name in ("__init__.py", "__pycache__"):
                continue
            nombre = hijo.name + ("/" if hijo.is_dir() else "")
            if hijo.suffix == ".py" or hijo.is_dir():
                if nombre not in fila:
                    faltan.append(f"generator/{paquete.name}/{nombre} no está en su fila")
    for modulo in sorted(GENERATOR.glob("*.py")):
        if modulo.name in ("__init__.py",):
            continue
        if modulo.name not in todos and f"generator/{modulo.name}" not in todos:
            faltan.append(f"generator/{modulo.name} no está en la tabla")
    assert faltan == [], "\n".join(faltan)


def test_cada_lugar_que_nombra_la_tabla_existe():
    inexistentes = []
    for lugar, contenido in _tabla_de_lugares():
        rutas = _nombrados(lugar)
        base = ROOT / rutas[0]
        for ruta in rutas:  # «`generator/config.py`, `cli.py`»: the next ones beside the first
            destino = ROOT / ruta if "/" in ruta.rstrip("/") else base.parent / ruta
            if not destino.exists():
                inexistentes.append(ruta)
        if not base.is_dir():
            continue
        for nombre in _nombrados(contenido):
            if re.fullmatch(r"[\w-]+(\.py|\.html|/)", nombre) and not (base / nombre).exists() \
                    and not (ROOT / nombre).exists() and not (base / "plantillas" / nombre).exists():
                inexistentes.append(f"{rutas[0]}{nombre}")
    assert inexistentes == [], "\n".join(inexistentes)


def test_la_direccion_del_sitio_se_pasa_siempre():
    """No page-writing entry point has a default site or repository address read at import time:
    a forgotten argument is a TypeError, never a site built for another address."""
    import dataclasses
    import inspect

    import generator.config as config
    from generator.publicacion.construccion import Opciones
    from generator.publicacion.escritura import contenidos, escribir
    from generator.publicacion.paginas import Paginas
    for funcion in (contenidos, escribir, Paginas.__init__):
        parametros = inspect.signature(funcion).parameters
        for nombre in ("sitio_url", "repo_url"):
            assert parametros[nombre].default is inspect.Parameter.empty, f"{funcion.__qualname__}({nombre}=…)"
    campos = {c.name: c for c in dataclasses.fields(Opciones)}
    assert all(campos[n].default is dataclasses.MISSING for n in ("sitio_url", "repo_url"))
    assert not hasattr(config, "SITIO_URL") and not hasattr(config, "REPO_URL")
    assert not hasattr(config, "CONFIG")  # catalogo.yml is read when used, never at import


def test_la_biblioteca_no_cambia_el_entorno_del_proceso():
    """Library code reads the environment and never writes it: the build's date for the PDF fonts
    (fontTools reads SOURCE_DATE_EPOCH only from the environment) is set by the command line
    (cli.py, an entry point), which `construir` calls back with the date of the records."""
    escrituras = []
    for ruta in sorted(GENERATOR.rglob("*.py")):
        if ruta.name in ("cli.py", "__main__.py"):
            continue
        for linea in ruta.read_text(encoding="utf-8").splitlines():
            if re.search(r"os\.environ(\[[^]]+\]\s*=(?!=)|\.setdefault\(|\.update\(|\.pop\()|os\.putenv\(", linea):
                escrituras.append((ruta.relative_to(ROOT).as_posix(), linea.strip()))
    assert escrituras == [], escrituras


def test_la_validacion_y_la_privacidad_importan_arriba():
    """Validation, the envelope check and privacy import at module level; inside a function only a heavy
    or optional package (PESADAS). The other packages still have function-level imports of the
    project's own modules (issue 22), counted by the direction test."""
    dentro = []
    for ruta in sorted([*(GENERATOR / "validacion").glob("*.py"), *(GENERATOR / "sobre").glob("*.py"),
                        *(GENERATOR / "privacidad").glob("*.py"),
                        GENERATOR / "esquema" / "mensajes.py"]):
        for nodo in ast.walk(ast.parse(ruta.read_text(encoding="utf-8"))):
            if isinstance(nodo, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for hijo in ast.walk(nodo):
                    if isinstance(hijo, ast.Import):
                        nombres = [a.name for a in hijo.names]
                    elif isinstance(hijo, ast.ImportFrom):
                        nombres = [hijo.module or ""]
                    else:
                        continue
                    dentro += [f"{ruta.name}:{hijo.lineno}: {n}" for n in nombres if n.split(".")[0] not in PESADAS]
    assert dentro == [], "\n".join(dentro)


def test_las_importaciones_propias_van_arriba_salvo_un_ciclo_dicho():
    """The project's own modules are imported at the top of a module; one imported inside a
    function says why on its line (a cycle between two modules that call each other)."""
    sin_motivo = []
    for ruta in sorted(GENERATOR.rglob("*.py")):
        if ruta.name == "cli.py":  # each command loads only what it runs: the CLI starts fast
            continue
        lineas = ruta.read_text(encoding="utf-8").splitlines()
        for nodo in ast.walk(ast.parse("\n".join(lineas))):
            if not isinstance(nodo, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for hijo in ast.walk(nodo):
                if isinstance(hijo, ast.ImportFrom) and hijo.level == 0 and (hijo.module or "").startswith("generator"):
                    if "#" not in " ".join(lineas[hijo.lineno - 1:hijo.end_lineno]) + lineas[hijo.lineno - 2]:
                        sin_motivo.append(f"{ruta.relative_to(ROOT)}:{hijo.lineno}: {hijo.module}")
    assert sin_motivo == [], "\n".join(sin_motivo)


def test_la_validacion_conoce_las_rutas_que_la_publicacion_escribe():
    """validacion/reglas.py names the paths the build writes for a record (an attachment there would
    replace them) without importing publicacion (it sits above): both must say the same."""
    from generator.publicacion import rutas
    from generator.validacion.reglas import rutas_generadas
    url = rutas.registro("fichas", "arg", "patria-grande")
    publicadas = {rutas.pdf_registro(url), rutas.pagina(url), url + "index.html"}
    # and «patria-grande.md», which an engine would also publish at that page's address
    assert publicadas <= set(rutas_generadas("fichas", "arg", "patria-grande"))
