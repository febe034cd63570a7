"""`enlaces`: every web address of the records (fichas' (2.5) and (2.9), and any «url» field of
the profiles) checked with LinkChecker (PyPI), politely: one request per second to each host,
few threads, robots.txt respected, a user agent that says who asks and how to reach them, and a
cache so a live link is not asked again for weeks. The report goes by country and record.

Nothing here runs on pull requests: a dead ministry page is never a contributor's failure."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from generator.archivos import escribir_atomico
from generator.config import FICHAS_DIR, PERFILES_DIR, ROOT, leer_configuracion
from generator.secretaria.recorrido import registros
from generator.secretaria.recibir import titulo_de
from generator.esquema.vocabularios import etiquetas

CACHE = ROOT / ".cache" / "enlaces.json"
SALIDA = ROOT / "build" / "enlaces"
CACHE_DIAS = 28          # a live link is asked again after four weeks; a broken one on every run
POR_SEGUNDO = 1.0        # requests per second to one host
HILOS = 4
ESPERA = 30              # seconds before a link counts as not answering


class NoSeComprobo(Exception):
    pass


@dataclass(frozen=True)
class Enlace:
    pais: str            # ISO code
    ruta: str            # fichas/arg/x.yml
    titulo: str
    campo: str           # «(2.9) Documentación sobre la práctica»
    url: str


@dataclass
class Resultado:
    url: str
    estado: str          # vivo, redirigido, roto, sin-respuesta
    detalle: str         # what the server said
    final: str = ""      # where a redirect ends
    comprobado: str = ""  # ISO date and time of the check


def agente_de_usuario() -> str:
    config = leer_configuracion()
    return f"CatalogoCSM-enlaces/1.0 (+{config.repositorio}; {config.correo_st})"


def enlaces_de(carpetas: list[Path] | None = None) -> list[Enlace]:
    """Every url field of every record under the folders, in order of country, file and field."""
    out = []
    for tipo, ruta, rel, datos in registros(*(carpetas or (FICHAS_DIR, PERFILES_DIR))):
        if datos is None:
            continue  # the validator says why
        for campo in tipo.campos.values():
            for url in _urls(campo, datos.get(campo.clave)):
                out.append(Enlace(str(datos.get("pais") or ruta.parent.name.upper()), rel,
                                  titulo_de(tipo, datos) or ruta.stem, campo.rotulo, url))
    return out


def _urls(campo, valor) -> list[str]:
    if campo.clase.es_url:
        return [valor.strip()] if isinstance(valor, str) and valor.strip().lower().startswith(("http://", "https://")) else []
    out = []
    elementos = valor if isinstance(valor, list) else [valor] if isinstance(valor, dict) else []
    for e in elementos:
        if isinstance(e, dict):
            for s in campo.subcampos:
                out += _urls(s, e.get(s.clave))
    return out


def _clasificar(fila: dict, espera: int = ESPERA) -> Resultado:
    resultado, aviso = fila.get("result", ""), fila.get("warningstring", "")
    if fila.get("valid") == "True":
        if "Redirected to" in aviso:
            m = re.search(r"status: (\d{3}[^.]*)", aviso)
            return Resultado(fila["urlname"], "redirigido", m.group(1) if m else resultado, fila.get("url", ""))
        return Resultado(fila["urlname"], "vivo", resultado)
    if "Timeout" in resultado or "timed out" in resultado:
        return Resultado(fila["urlname"], "sin-respuesta", f"más de {espera} s sin respuesta")
    if "ConnectionError" in resultado or "NameResolution" in resultado:
        detalle = "el servidor no existe (DNS)" if ("NameResolution" in resultado or "Name or service" in resultado) \
            else "no se pudo conectar con el servidor"
        return Resultado(fila["urlname"], "roto", detalle)
    return Resultado(fila["urlname"], "roto", resultado[:200])


def comprobar(urls: list[str], espera: int = ESPERA, por_segundo: float = POR_SEGUNDO, hilos: int = HILOS) -> dict[str, Resultado]:
    """Ask LinkChecker about `urls` (no recursion into the pages)."""
    if not urls:
        return {}
    ejecutable = Path(sys.executable).parent / "linkchecker"
    if not ejecutable.exists():
        raise NoSeComprobo("LinkChecker no está instalado. Ejecute make enlaces (lo instala requirements-dev.txt en .venv).")
    with tempfile.TemporaryDirectory(prefix="enlaces-") as tmp:
        os.chmod(tmp, 0o755)  # LinkChecker run as root drops to «nobody», who must read its configuration
        config = Path(tmp) / "linkcheckerrc"
        escribir_atomico(config, f"[checking]\nmaxrequestspersecond={por_segundo}\ntimeout={espera}\nthreads={hilos}\n"
                         "recursionlevel=0\n[filtering]\ncheckextern=1\n[output]\nstatus=0\n")
        os.chmod(config, 0o644)
        cmd = [str(ejecutable), "--config", str(config), "--stdin", "-r0", "--check-extern", "-o", "csv/utf-8",
               "--no-status", "--verbose", "--timeout", str(espera), "-t", str(hilos), "--user-agent", agente_de_usuario()]
        env = dict(os.environ, HOME=tmp, XDG_CONFIG_HOME=tmp, XDG_DATA_HOME=tmp, LC_ALL="C.UTF-8")
        r = subprocess.run(cmd, input="\n".join(urls) + "\n", capture_output=True, text=True, env=env,
                           timeout=max(600, len(urls) * (espera + 2)))
    if r.returncode not in (0, 1):  # 1: some link is broken
        raise NoSeComprobo(f"LinkChecker falló (código {r.returncode}): {r.stderr.strip()[-500:]}")
    lineas = [x for x in r.stdout.splitlines() if x and not x.startswith("#")]
    ahora = datetime.now(timezone.utc).isoformat(timespec="seconds")
    out = {}
    for fila in csv.DictReader(io.StringIO("\n".join(lineas)), delimiter=";"):
        if fila.get("urlname") in urls:
            res = _clasificar(fila, espera)
            res.comprobado = ahora
            out[res.url] = res
    for url in urls:  # LinkChecker said nothing: count it as not checked rather than live
        out.setdefault(url, Resultado(url, "sin-respuesta", "LinkChecker no informó nada sobre este enlace", "", ahora))
    return out


def leer_memoria(ruta: Path) -> dict[str, Resultado]:
    try:
        datos = json.loads(ruta.read_text(encoding="utf-8"))
        return {u: Resultado(**r) for u, r in datos.items()}
    except (OSError, ValueError, TypeError):
        return {}


def revisar(enlaces: list[Enlace], cache: Path = CACHE, cache_dias: int = CACHE_DIAS, **opciones) -> dict[str, Resultado]:
    """The state of every link: from the cache when it worked (live or redirected) and was checked less than `cache_dias`
    ago, otherwise asked now. The cache is rewritten with what was learnt."""
    anteriores = leer_memoria(cache)
    limite = datetime.now(timezone.utc) - timedelta(days=cache_dias)
    resultados, pedir = {}, []
    for url in sorted({e.url for e in enlaces}):
        previo = anteriores.get(url)
        if previo and previo.estado in ("vivo", "redirigido") and previo.comprobado and datetime.fromisoformat(previo.comprobado) > limite:
            resultados[url] = previo
        else:
            pedir.append(url)
    resultados.update(comprobar(pedir, **opciones))
    cache.parent.mkdir(parents=True, exist_ok=True)
    escribir_atomico(cache, json.dumps({u: asdict(r) for u, r in sorted({**anteriores, **resultados}.items())},
                                       ensure_ascii=False, indent=1) + "\n")
    return resultados


ESTADOS = {"roto": "no funciona", "sin-respuesta": "no respondió", "redirigido": "redirige a otra dirección"}


def informe_markdown(enlaces: list[Enlace], resultados: dict[str, Resultado], fecha: str) -> str:
    """By country and record: the links that do not work, then the ones that moved."""
    paises = etiquetas("paises")
    malos = [e for e in enlaces if resultados[e.url].estado in ("roto", "sin-respuesta")]
    movidos = [e for e in enlaces if resultados[e.url].estado == "redirigido"]
    lineas = [f"# Enlaces del catálogo — {fecha}", "",
              f"{len({e.url for e in enlaces})} enlaces comprobados en {len({e.ruta for e in enlaces})} registros: "
              f"{len({e.url for e in malos})} no funcionan, {len({e.url for e in movidos})} "
              f"{'redirige' if len({e.url for e in movidos}) == 1 else 'redirigen'} a otra dirección.", ""]
    for titulo, grupo, consejo in (
            ("Enlaces que no funcionan", malos, "Pida al país la dirección nueva (o el archivo) y corrija el campo."),
            ("Enlaces que redirigen", movidos, "Funcionan, pero conviene poner la dirección final.")):
        if not grupo:
            continue
        lineas += [f"## {titulo}", "", consejo, ""]
        for pais in sorted({e.pais for e in grupo}, key=lambda p: paises.get(p, p)):
            lineas += [f"### {paises.get(pais, pais)}", ""]
            for ruta in sorted({e.ruta for e in grupo if e.pais == pais}):
                del_registro = [e for e in grupo if e.ruta == ruta]
                lineas.append(f"- **{del_registro[0].titulo}** (`{ruta}`)")
                for e in del_registro:
                    r = resultados[e.url]
                    extra = f" → {r.final}" if r.final else ""
                    lineas.append(f"  - {e.campo}: <{e.url}> — {ESTADOS[r.estado]} ({r.detalle}){extra}")
            lineas.append("")
    if not malos and not movidos:
        lineas += ["Todos los enlaces funcionan.", ""]
    return "\n".join(lineas)


def orden(args) -> int:
    """`python -m generator enlaces`."""
    carpetas = [Path(args.fichas), Path(args.perfiles)] if args.fichas else None
    enlaces = enlaces_de(carpetas)
    try:
        resultados = revisar(enlaces, Path(args.cache), args.cache_dias, espera=args.espera, por_segundo=args.por_segundo)
    except NoSeComprobo as err:
        print(f"No se comprobaron los enlaces: {err}", file=sys.stderr)
        return 1
    salida = Path(args.salida)
    salida.mkdir(parents=True, exist_ok=True)
    fecha = datetime.now(timezone.utc).date().isoformat()
    escribir_atomico(salida / "informe.md", informe_markdown(enlaces, resultados, fecha))
    escribir_atomico(salida / "enlaces.json", json.dumps(
        {"fecha": fecha, "enlaces": [dict(asdict(e), **{k: v for k, v in asdict(resultados[e.url]).items() if k != "url"})
                                     for e in enlaces]}, ensure_ascii=False, indent=1) + "\n")
    malos = sorted({e.url for e in enlaces if resultados[e.url].estado in ("roto", "sin-respuesta")})
    print(f"{len({e.url for e in enlaces})} enlaces comprobados; {len(malos)} no funcionan. "
          f"Informe: {salida / 'informe.md'} (por país y registro).")
    escribir_atomico(salida / "rotos.txt", "".join(u + "\n" for u in malos))
    return 0
