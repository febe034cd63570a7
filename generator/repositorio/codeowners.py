"""`.github/CODEOWNERS`, generated from the country list: each member country's folder
goes to its focal point's team, everything else to the Technical Secretariat (ST).

The team names are placeholders until the CSM creates the GitHub organisation; they are
declared here once (see /contribuir/ and docs for how to replace them)."""
from __future__ import annotations

from generator.config import ROOT
from generator.esquema.vocabularios import vocabulario

CODEOWNERS_PATH = ROOT / ".github" / "CODEOWNERS"
ORGANIZACION = "csm-catalogo"
EQUIPO_ST = f"@{ORGANIZACION}/secretaria-tecnica"


def equipo_pais(codigo: str) -> str:
    return f"@{ORGANIZACION}/punto-focal-{codigo.lower()}"


def texto_codeowners() -> str:
    lineas = [
        "# Generado por «python -m generator schema» desde schema/vocabularios.yml. No lo edite a mano.",
        "#",
        "# Quién revisa cada cambio. GitHub aplica la última regla que coincide.",
        f"# Los equipos son provisionales: cree en la organización «{ORGANIZACION}» un equipo",
        "# «secretaria-tecnica» y uno «punto-focal-<código>» por país, o cambie ORGANIZACION",
        "# en generator/repositorio/codeowners.py y ejecute «make schema».",
        "",
        "# Todo lo demás (esquema, generador, sitio, flujos de trabajo): la Secretaría Técnica.",
        f"*  {EQUIPO_ST}",
        "",
        "# Las fichas y los perfiles de cooperación de cada país: su punto focal, con la Secretaría Técnica.",
    ]
    for pais in vocabulario("paises"):
        if pais.extra.get("csm"):
            lineas += [f"# {pais.etiqueta}", f"/fichas/{pais.slug.lower()}/  {equipo_pais(pais.slug)} {EQUIPO_ST}",
                       f"/perfiles/{pais.slug.lower()}/  {equipo_pais(pais.slug)} {EQUIPO_ST}"]
    return "\n".join(lineas) + "\n"
