"""What validation found: problems by file, and the data of the valid fichas."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.esquema.campos import FICHA, TipoDeRegistro


@dataclass(frozen=True, order=True)
class Problema:
    archivo: str
    linea: int
    columna: int
    campo: str  # the form's label, "(2.2) Resumen de la experiencia", or "" for the file itself
    texto: str  # what is wrong and what to do
    nivel: str = "error"  # "error" stops publication; "aviso" is shown and does not

    @property
    def es_aviso(self) -> bool:
        return self.nivel == "aviso"

    @property
    def mensaje(self) -> str:
        return f"{self.campo}: {self.texto}" if self.campo else self.texto

    def __str__(self) -> str:
        aviso = "aviso: " if self.es_aviso else ""
        return f"{self.archivo}:{self.linea}:{self.columna}: {aviso}{self.mensaje}"


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
    def errores(self) -> list[Problema]:
        return [p for p in self.problemas if not p.es_aviso]

    @property
    def valida(self) -> bool:
        return self.data is not None and not self.errores


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
    def errores(self) -> list[Problema]:
        return [p for p in self.problemas if not p.es_aviso]

    @property
    def avisos(self) -> list[Problema]:
        return [p for p in self.problemas if p.es_aviso]

    @property
    def con_errores(self) -> int:
        return sum(1 for f in self.fichas if f.errores)

    @property
    def ok(self) -> bool:
        return not self.generales and self.con_errores == 0

    def resumen(self) -> str:
        texto = self._resumen_errores()
        n = len(self.avisos)
        if n:
            texto += f" {n} {'aviso' if n == 1 else 'avisos'} para revisar (no {'impide' if n == 1 else 'impiden'} publicar)."
        return texto

    def _resumen_errores(self) -> str:
        tipos = list(dict.fromkeys(f.tipo for f in self.fichas)) or [FICHA]
        n = len(self.errores)
        problemas = "problema" if n == 1 else "problemas"
        if len(tipos) == 1:
            tipo, total, malas = tipos[0], len(self.fichas), self.con_errores
            if self.ok:
                if total == 1:
                    return f"{tipo.contar(1, 'válid')}, sin errores."
                return f"{tipo.contar(total, 'válid')}, {'ninguna' if tipo.femenino else 'ninguno'} con errores."
            return f"{tipo.contar(malas)} con errores de {total} ({n} {problemas} en total)."
        partes = []
        for tipo in tipos:
            de_tipo = [f for f in self.fichas if f.tipo == tipo]
            partes.append((tipo, len(de_tipo), sum(1 for f in de_tipo if f.errores)))
        todos = " y ".join(t.contar(total) for t, total, _ in partes)
        if self.ok:
            return f"{todos} válidos, ninguno con errores."
        malas = " y ".join(f"{malas} de {t.contar(total)}" for t, total, malas in partes)
        return f"Con errores: {malas} ({n} {problemas} en total)."
