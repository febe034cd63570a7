"""`python -m generator …`: a thin command line over the library.

Exit status: 0 all well, 1 invalid fichas (or a refused action), 2 usage error.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from generator.config import FICHAS_DIR
from generator.validacion.informes import INFORMES


class UsageError(Exception):
    pass


_ARGPARSE_ES = (  # argparse's own messages, in the site's language
    (r"the following arguments are required: (.*)", r"faltan estos datos: \1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"\1: \2 no es válido; use uno de \3"),
    (r"argument (\S+): expected one argument", r"\1 necesita un valor"),
    (r"unrecognized arguments: (.*)", r"no se reconoce: \1"),
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print English and exit itself
        for patron, es in _ARGPARSE_ES:
            message = re.sub(patron, es, message)
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m generator", description="Catálogo de buenas prácticas de la CSM.")
    sub = p.add_subparsers(dest="orden", metavar="ORDEN")
    v = sub.add_parser("validate", help="valida las fichas de una carpeta (por defecto fichas/)")
    v.add_argument("carpeta", nargs="?", default=None, metavar="CARPETA",
                   help="carpeta con fichas como <país>/<slug>.yml (por defecto fichas/)")
    v.add_argument("--formato", choices=sorted(INFORMES), default="texto",
                   help="texto (por defecto) o github (anotaciones para GitHub Actions)")
    n = sub.add_parser("nueva", help="crea una ficha nueva desde la plantilla: fichas/<país>/<slug>.yml")
    n.add_argument("--pais", required=True, metavar="PAÍS", help="código ISO de tres letras, por ejemplo ARG")
    n.add_argument("titulo", metavar="TÍTULO", help='título de la experiencia, entre comillas')
    n.add_argument("--carpeta", default=None, metavar="CARPETA", help="carpeta de fichas (por defecto fichas/)")
    n.add_argument("--fecha", default=None, metavar="AAAA-MM-DD", help="fecha de la ficha (por defecto, hoy)")
    s = sub.add_parser("schema", help="regenera schema/ficha.schema.json y el formulario de GitHub desde schema/*.yml")
    s.add_argument("--comprobar", action="store_true", help="solo comprueba que el esquema esté al día")
    return p


def cmd_validate(args) -> int:
    from generator.validacion.validar import validar
    carpeta = Path(args.carpeta) if args.carpeta else FICHAS_DIR
    if not carpeta.is_dir():
        raise UsageError(f"la carpeta «{carpeta}» no existe. Indique la carpeta de fichas, por ejemplo: python -m generator validate fichas")
    res = validar(carpeta)
    INFORMES[args.formato](res, sys.stdout)
    return 0 if res.ok else 1


def cmd_nueva(args) -> int:
    from generator.repositorio.nueva import NuevaError, crear, pasos
    try:
        ruta = crear(args.pais, args.titulo, Path(args.carpeta) if args.carpeta else FICHAS_DIR, args.fecha)
    except NuevaError as err:
        print(f"No se creó la ficha: {err}", file=sys.stderr)
        return 1
    from generator.validacion.validar import mostrar
    print(pasos(Path(mostrar(ruta))))
    return 0


def _generados():
    """Files generated from schema/campos.yml and schema/vocabularios.yml, with how to render each."""
    from generator.repositorio.codeowners import CODEOWNERS_PATH, texto_codeowners
    from generator.repositorio.formulario_github import ISSUE_CONFIG_PATH, ISSUE_FORM_PATH, texto_selector_github, texto_formulario_github
    from generator.config import SCHEMA_PATH
    from generator.esquema.generar import texto_esquema
    return ((SCHEMA_PATH, texto_esquema), (ISSUE_FORM_PATH, texto_formulario_github),
            (ISSUE_CONFIG_PATH, texto_selector_github), (CODEOWNERS_PATH, texto_codeowners))


def cmd_schema(args) -> int:
    from generator.config import ROOT
    desfasados = []
    for ruta, render in _generados():
        nombre = ruta.relative_to(ROOT).as_posix() if ruta.is_relative_to(ROOT) else str(ruta)
        texto = render()
        actual = ruta.read_text(encoding="utf-8") if ruta.exists() else ""
        if actual == texto:
            print(f"{nombre} está al día.")
        elif args.comprobar:
            desfasados.append(nombre)
        else:
            ruta.parent.mkdir(parents=True, exist_ok=True)
            ruta.write_text(texto, encoding="utf-8")
            print(f"{nombre} actualizado.")
    for nombre in desfasados:
        print(f"{nombre} no está al día con schema/campos.yml y schema/vocabularios.yml. "
              "Ejecute «make schema» y confirme el cambio.")
    return 1 if desfasados else 0


COMMANDS = {"validate": cmd_validate, "nueva": cmd_nueva, "schema": cmd_schema}


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        if not args.orden:
            raise UsageError("indique una orden: " + ", ".join(COMMANDS))
        return COMMANDS[args.orden](args)
    except UsageError as err:
        print(f"Error de uso: {err}", file=sys.stderr)
        print("Ayuda: python -m generator --help", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader (`| head`) stopped listening: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("Interrumpido.", file=sys.stderr)
        return 130
