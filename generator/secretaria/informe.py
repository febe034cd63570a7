"""`informe`: the Technical Secretariat's report, per country — fichas and profiles with the date
of their last review, what is past its interval, broken links (from `make enlaces`), encrypted
contacts the ST's key cannot open (when the key is given), and countries with no ficha or no
profile. As Markdown (to read in the weekly workflow's artifact) and as a PDF with the
catalogue's print look (the same WeasyPrint pipeline and stylesheet), for a CSM meeting.

The report's date is given (--fecha) or is the day it is made: it is a report «as of» that day."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from generator.archivos import escribir_atomico
from generator.config import FICHAS_DIR, PERFILES_DIR, ROOT
from generator.secretaria.recorrido import registros
from generator.secretaria.recibir import titulo_de
from generator.secretaria.frescura import fecha_de_revision, intervalos, revision
from generator.publicacion.pdf import IMPRESION, _documento, _entorno
from generator.publicacion.modelo import fecha_larga
from generator.privacidad.cifrado import ErrorDeCifrado, descifrar, leer_identidad
from generator.esquema.vocabularios import vocabulario
from generator.esquema.campos import FICHA, PERFIL

SALIDA = ROOT / "build" / "informe"
ENLACES = ROOT / "build" / "enlaces" / "enlaces.json"
PLANTILLA = Path(__file__).resolve().parent / "plantillas" / "informe.html"


@dataclass
class Fila:
    titulo: str
    ruta: str
    fecha: str | None           # last review
    origen: str                 # "registro" or "git"
    vence: str | None
    vencida: bool
    rotos: list[dict] = field(default_factory=list)
    contacto: str = ""          # "" (fine or not checked), "ilegible", "sin-contacto"


@dataclass
class Pais:
    codigo: str
    nombre: str
    miembro: bool
    fichas: list[Fila] = field(default_factory=list)
    perfiles: list[Fila] = field(default_factory=list)


@dataclass
class Informe:
    fecha: str
    paises: list[Pais]
    intervalos: dict
    enlaces_fecha: str | None
    clave: bool                 # whether contacts were checked with a key

    def todas(self, que: str) -> list[tuple[Pais, Fila]]:
        return [(p, f) for p in self.paises for f in getattr(p, que)]

    @property
    def vencidas(self):
        return [(p, f) for p in self.paises for f in [*p.fichas, *p.perfiles] if f.vencida]

    @property
    def con_rotos(self):
        return [(p, f) for p in self.paises for f in [*p.fichas, *p.perfiles] if f.rotos]

    @property
    def ilegibles(self):
        return [(p, f) for p in self.paises for f in p.fichas if f.contacto == "ilegible"]

    @property
    def sin_fichas(self):
        return [p for p in self.paises if p.miembro and not p.fichas]

    @property
    def sin_perfil(self):
        return [p for p in self.paises if p.miembro and not p.perfiles]


def _fecha_larga(iso: str | None) -> str:
    return fecha_larga(iso) if iso else "sin fecha"


def preparar(fecha: str, fichas: Path = FICHAS_DIR, perfiles: Path = PERFILES_DIR, enlaces: Path | None = ENLACES,
             identidad=None) -> Informe:
    anios = intervalos()
    rotos, enlaces_fecha = {}, None
    if enlaces is not None and enlaces.is_file():
        datos_enlaces = json.loads(enlaces.read_text(encoding="utf-8"))
        enlaces_fecha = datos_enlaces.get("fecha")
        for e in datos_enlaces.get("enlaces", []):
            if e.get("estado") in ("roto", "sin-respuesta"):
                rotos.setdefault(e["ruta"], []).append(e)
    paises = {t.slug: Pais(t.slug, t.etiqueta, bool(t.extra.get("csm"))) for t in vocabulario("paises")}
    for tipo, ruta, rel, datos in registros(fichas, perfiles):
        datos = datos or {}
        cuando, origen = fecha_de_revision(datos, ruta)
        rev = revision(cuando, tipo.carpeta, fecha, anios) if cuando else None
        fila = Fila(titulo_de(tipo, datos) or ruta.stem, rel, cuando, origen, rev.vence if rev else None,
                    rev.vencida if rev else True, rotos.get(rel, []))
        if tipo is FICHA and identidad is not None:
            bloque = (datos.get("contacto") or {}).get("privado") if isinstance(datos.get("contacto"), dict) else None
            if not bloque:
                fila.contacto = "sin-contacto"
            else:
                try:
                    descifrar(bloque, identidad)
                except ErrorDeCifrado:
                    fila.contacto = "ilegible"
        codigo = str(datos.get("pais") or ruta.parent.name.upper())
        pais = paises.setdefault(codigo, Pais(codigo, codigo, False))
        (pais.fichas if tipo is FICHA else pais.perfiles).append(fila)
    orden = sorted(paises.values(), key=lambda p: (not p.miembro, p.nombre))
    return Informe(fecha, [p for p in orden if p.miembro or p.fichas or p.perfiles], anios, enlaces_fecha,
               identidad is not None)


def texto_markdown(inf: Informe) -> str:
    L = [f"# Informe de la Secretaría Técnica — {_fecha_larga(inf.fecha)}", "",
         f"- Fichas: {len(inf.todas('fichas'))}; perfiles de cooperación: {len(inf.todas('perfiles'))}.",
         f"- Registros pasados su plazo de revisión (fichas cada {inf.intervalos['fichas']} años, perfiles cada "
         f"{inf.intervalos['perfiles']} año{'s' if inf.intervalos['perfiles'] > 1 else ''}): {len(inf.vencidas)}.",
         "- Registros con enlaces que no funcionan: " + (f"{len(inf.con_rotos)} (comprobados el {_fecha_larga(inf.enlaces_fecha)})."
                                                         if inf.enlaces_fecha else "no se comprobaron (make enlaces)."),
         "- Contactos cifrados que la clave no abre: " + (f"{len(inf.ilegibles)}." if inf.clave else
                                                          "no se comprobó (make informe CLAVE=…)."),
         "- Países miembros sin fichas: " + (", ".join(p.nombre for p in inf.sin_fichas) or "ninguno") + ".",
         "- Países miembros sin perfil de cooperación: " + (", ".join(p.nombre for p in inf.sin_perfil) or "ninguno") + ".", ""]
    for p in inf.paises:
        L += [f"## {p.nombre}", ""]
        for nombre, filas in (("Fichas", p.fichas), ("Perfiles de cooperación", p.perfiles)):
            if not filas:
                L += [f"{nombre}: ninguno." if nombre.startswith("P") else f"{nombre}: ninguna.", ""]
                continue
            L += [f"{nombre}:", ""]
            for f in filas:
                notas = []
                if f.vencida:
                    notas.append(f"**revisión pendiente** desde el {_fecha_larga(f.vence)}" if f.vence else "**sin fecha**")
                if f.rotos:
                    notas.append(f"**{len(f.rotos)} enlace{'s' if len(f.rotos) > 1 else ''} roto{'s' if len(f.rotos) > 1 else ''}**: "
                                 + ", ".join(f"{e['campo'].split(')')[0]})  <{e['url']}>" for e in f.rotos))
                if f.contacto == "ilegible":
                    notas.append("**la clave no abre el contacto**")
                elif f.contacto == "sin-contacto":
                    notas.append("**sin contacto cifrado**")
                origen = " (según git)" if f.origen == "git" and f.fecha else ""
                L.append(f"- {f.titulo} (`{f.ruta}`) — actualizad{'a' if nombre == 'Fichas' else 'o'} el {_fecha_larga(f.fecha)}{origen}"
                         + ("; " + "; ".join(notas) if notas else ""))
            L.append("")
    return "\n".join(L)


def pdf(inf: Informe) -> bytes:
    from markupsafe import Markup
    css = Markup((IMPRESION / "impresion.css").read_text(encoding="utf-8"))
    html = _entorno().from_string(PLANTILLA.read_text(encoding="utf-8")).render(
        inf=inf, css=css, fecha_larga=_fecha_larga, pie=f"Informe de la Secretaría Técnica · {_fecha_larga(inf.fecha)}")
    return _documento(html).write_pdf()


def orden(args) -> int:
    """`python -m generator informe`."""
    from datetime import date
    try:
        fecha = date.fromisoformat(args.fecha).isoformat() if args.fecha else datetime.now(timezone.utc).date().isoformat()
    except ValueError:
        print(f"Error de uso: --fecha {args.fecha!r}: escriba una fecha AAAA-MM-DD.", file=sys.stderr)
        return 2
    identidad = None
    if args.clave:
        try:
            identidad = leer_identidad(Path(args.clave).expanduser())
        except ErrorDeCifrado as err:
            print(f"No se hizo el informe: {err}", file=sys.stderr)
            return 1
    inf = preparar(fecha, Path(args.fichas) if args.fichas else FICHAS_DIR,
                   Path(args.perfiles) if args.perfiles else PERFILES_DIR,
                   Path(args.enlaces) if args.enlaces else ENLACES, identidad)
    salida = Path(args.salida)
    salida.mkdir(parents=True, exist_ok=True)
    escribir_atomico(salida / "informe.md", texto_markdown(inf))
    print(f"Escrito: {salida / 'informe.md'}")
    if not args.sin_pdf:
        escribir_atomico(salida / "informe.pdf", pdf(inf))
        print(f"Escrito: {salida / 'informe.pdf'} (para imprimir)")
    print(f"{len(inf.vencidas)} registros pasados su plazo de revisión, {len(inf.con_rotos)} con enlaces rotos"
          + (f", {len(inf.ilegibles)} contactos que la clave no abre" if inf.clave else "") + ".")
    return 0
