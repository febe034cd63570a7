"""`python -m generator …`: a thin command line over the library.

Exit status: 0 all well, 1 invalid fichas (or a refused action), 2 usage error.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .paths import FICHAS_DIR
from .reporters import REPORTERS


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print English and exit itself
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m generator", description="Catálogo de buenas prácticas de la CSM.")
    sub = p.add_subparsers(dest="orden", metavar="ORDEN")
    v = sub.add_parser("validate", help="valida las fichas de una carpeta (por defecto fichas/)")
    v.add_argument("carpeta", nargs="?", default=None, metavar="CARPETA",
                   help="carpeta con fichas como <país>/<slug>.yml (por defecto fichas/)")
    v.add_argument("--formato", choices=sorted(REPORTERS), default="texto",
                   help="texto (por defecto) o github (anotaciones para GitHub Actions)")
    s = sub.add_parser("schema", help="regenera schema/ficha.schema.json desde schema/*.yml")
    s.add_argument("--comprobar", action="store_true", help="solo comprueba que el esquema esté al día")
    return p


def cmd_validate(args) -> int:
    from .validate import validar
    carpeta = Path(args.carpeta) if args.carpeta else FICHAS_DIR
    if not carpeta.is_dir():
        raise UsageError(f"la carpeta «{carpeta}» no existe. Indique la carpeta de fichas, por ejemplo: python -m generator validate fichas")
    res = validar(carpeta)
    REPORTERS[args.formato](res, sys.stdout)
    return 0 if res.ok else 1


def cmd_schema(args) -> int:
    from .schemagen import render_schema, write_schema
    from .paths import SCHEMA_PATH
    if args.comprobar:
        actual = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
        if actual != render_schema():
            print("schema/ficha.schema.json no está al día con schema/campos.yml y schema/vocabularios.yml. Ejecute «make schema» y confirme el cambio.")
            return 1
        print("schema/ficha.schema.json está al día.")
        return 0
    print("schema/ficha.schema.json actualizado." if write_schema() else "schema/ficha.schema.json ya estaba al día.")
    return 0


COMMANDS = {"validate": cmd_validate, "schema": cmd_schema}


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
