"""What validation found: problems by file, and the data of the valid fichas."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.esquema.campos import FICHA, TipoDeRegistro


@dataclass(frozen=True, order=True)
class Problema:
    archivo: str
    line: int
    col: int
    campo: str  # the form's label, "(2.2) Resumen de la experiencia", or "" for the file itself
    texto: str  # what is wrong and what to do

    @property
    def mensaje(self) -> str:
        return f"{self.campo}: {self.texto}" if self.campo else self.texto

    def __str__(self) -> str:
        return f"{self.archivo}:{self.line}:{self.col}: {self.mensaje}"


@dataclass
class RegistroLeido:
    ruta: Path          # absolute path of the YAML file
    archivo: str        # path as shown to people
    pais_dir: str       # the folder it lives in ("arg")
    slug: str           # the file name without suffix
    tipo: TipoDeRegistro = FICHA
    data: Any = None    # loaded mapping, None when unreadable
    problemas: list[Problema] = field(default_factory=list)

    @property
    def valida(self) -> bool:
        return self.data is not None and not self.problemas


@dataclass
class Resultado:
    fichas: list[RegistroLeido] = field(default_factory=list)
    generales: list[Problema] = field(default_factory=list)  # not tied to one ficha

    @property
    def problemas(self) -> list[Problema]:
        todos = list(self.generales)
        for f in self.fichas:
            todos.extend(f.problemas)
        return sorted(todos)

    @property
    def con_errores(self) -> int:
        return sum(1 for f in self.fichas if f.problemas)

    @property
    def ok(self) -> bool:
        return not self.generales and self.con_errores == 0

    def resumen(self) -> str:
        total, malas = len(self.fichas), self.con_errores
        if self.ok:
            return f"{total} fichas válidas, ninguna con errores." if total != 1 else "1 ficha válida, sin errores."
        n = len(self.problemas)
        fichas = "ficha" if malas == 1 else "fichas"
        problemas = "problema" if n == 1 else "problemas"
        return f"{malas} {fichas} con errores de {total} ({n} {problemas} en total)."
