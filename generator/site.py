"""Write the generated Markdown pages (and attached files) to a folder MkDocs reads.

The folder is git-ignored and rewritten on every build; pages are plain
Markdown with front matter, so another engine could render them.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from .model import Ficha
from .pages import DIMENSIONES, Paginas


def paginas(fichas: list[Ficha], pdf=lambda destino: None) -> dict[str, str]:
    """Every generated page: its path under the docs folder → its Markdown."""
    p = Paginas(fichas, pdf)
    out = {
        "index.md": p.inicio(),
        "explorar/index.md": p.explorar(),
        "contribuir.md": p.contribuir(),
    }
    for dim in DIMENSIONES:
        out[f"{dim.carpeta}/index.md"] = p.resumen_indices(dim)
        por = p.por_termino(dim)
        for t in dim.terminos():
            out[f"{dim.carpeta}/{dim.slug(t)}.md"] = p.indice(dim, t, por[t.slug])
    for f in p.fichas:
        out[f"{f.url.rstrip('/')}.md"] = p.ficha(f)
    return out


def escribir(fichas: list[Ficha], destino: Path, fichas_dir: Path, pdf=lambda destino: None) -> list[str]:
    """Rewrite `destino` with the pages and the fichas' attached files; return their paths."""
    if destino.exists():
        shutil.rmtree(destino)
    escritos = []
    for rel, texto in sorted(paginas(fichas, pdf).items()):
        ruta = destino / rel
        ruta.parent.mkdir(parents=True, exist_ok=True)
        ruta.write_text(texto, encoding="utf-8")
        escritos.append(rel)
    for f in fichas:
        for publicado in f.archivos:  # fichas/ury/anexos/nota.txt
            origen = fichas_dir / Path(publicado).relative_to("fichas")
            ruta = destino / publicado
            ruta.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origen, ruta)
            escritos.append(publicado)
    return sorted(set(escritos))
