"""What validation found: problems by file, and the data of the valid fichas."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.esquema.campos import FICHA, TipoDeRegistro
from generator.esquema import idiomas
from generator.esquema.idiomas import t


@dataclass(frozen=True, order=True)
class Problema:
    archivo: str
    linea: int
    columna: int
    campo: str  # the form's label, "(2.2) Resumen de la experiencia", or "" for the file itself
    texto: str  # what is wrong and what to do
    nivel: str = "error"  # "error" stops publication; "aviso" is shown and does not
    idioma: str = field(default_factory=idiomas.actual, compare=False)  # the language it was written in

    @property
    def es_aviso(self) -> bool:
        return self.nivel == "aviso"

    @property
    def mensaje(self) -> str:
        return f"{self.campo}: {self.texto}" if self.campo else self.texto

    def __str__(self) -> str:
        aviso = idiomas.texto("cli.aviso", self.idioma) if self.es_aviso else ""
        return f"{self.archivo}:{self.linea}:{self.columna}: {aviso}{self.mensaje}"


@dataclass
class RegistroLeido:
    ruta: Path          # absolute path of the YAML file
    archivo: str        # path as shown to people
    pais_dir: str       # the folder it lives in ("arg")
    slug: str           # the file name without suffix
    tipo: TipoDeRegistro = FICHA
    data: Any = None    # loaded mapping, None when unreadable
    idioma: str = idiomas.BASE  # the language its messages are written in
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
    idioma: str | None = None  # the language chosen for every message (--idioma), if any

    @property
    def idioma_del_resumen(self) -> str:
        """The chosen language; else the records' own when they all share one; else Spanish."""
        if self.idioma:
            return self.idioma
        propios = {f.idioma for f in self.fichas}
        return propios.pop() if len(propios) == 1 else idiomas.BASE

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
        """The closing line (schema/idiomas/<código>/cli.yml), in `idioma_del_resumen`."""
        with idiomas.en(self.idioma_del_resumen):
            return self._resumen()

    def _resumen(self) -> str:
        texto = self._resumen_errores()
        n = len(self.avisos)
        if n:
            texto += t("cli.resumen.avisos_uno") if n == 1 else t("cli.resumen.avisos_varios", n=n)
        return texto

    def _resumen_errores(self) -> str:
        tipos = list(dict.fromkeys(f.tipo for f in self.fichas)) or [FICHA]
        n = len(self.errores)
        problemas = t("cli.resumen.problema_uno") if n == 1 else t("cli.resumen.problema_varios", n=n)
        if len(tipos) == 1:
            tipo, total, malas = tipos[0], len(self.fichas), self.con_errores
            if self.ok:
                if total == 1:
                    return t("cli.resumen.uno_sin_errores", registros=tipo.contar(1, valido=True))
                return t("cli.resumen.todos_sin_errores", registros=tipo.contar(total, valido=True),
                         ninguno=tipo.con_articulo("ninguno"))
            return t("cli.resumen.con_errores", registros=tipo.contar(malas), total=total, problemas=problemas)
        partes = []
        for tipo in tipos:
            de_tipo = [f for f in self.fichas if f.tipo == tipo]
            partes.append((tipo, len(de_tipo), sum(1 for f in de_tipo if f.errores)))
        y = t("cli.resumen.y")
        if self.ok:
            return t("cli.resumen.varios_tipos_sin_errores", registros=y.join(t_.contar(total) for t_, total, _ in partes))
        malas = y.join(t("cli.resumen.de", malas=malas, registros=t_.contar(total)) for t_, total, malas in partes)
        return t("cli.resumen.varios_tipos_con_errores", registros=malas, problemas=problemas)
