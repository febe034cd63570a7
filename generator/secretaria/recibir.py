"""`recibir`: from what a country sent (a Word form, the site's .yml, or the e-mail that carries
either) to a branch, a commit and, with the GitHub CLI logged in, a pull request; then the reply
to the sender, ready to paste.

The importer does the reading (generator.intercambio.importar.importar, its public function);
this module only adds the repository's side. It never touches a work tree with changes of its
own, never writes the sender's name or address into the repository or the pull request (the
institution names the submission), and without a network it stops before the push and says so.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.config import leer_configuracion
from generator.validacion.lectura import leer_bytes
from generator.secretaria.correo import CorreoIlegible, leer_correo
from generator.repositorio.nueva import slug
from generator.intercambio.importar import NoSeImporto, importar
from generator.esquema.vocabularios import etiquetas
from generator.esquema.campos import FICHA, PERFIL

TIEMPO_GIT = 120  # seconds for a push or a GitHub call before it counts as no network


class NoSeRecibio(Exception):
    """Nothing was done; the text says why and what to do (Spanish)."""


@dataclass
class Recepcion:
    ruta: Path                  # the record, relative to the repository
    tipo: object                # TipoDeRegistro
    datos: dict
    rama: str
    base: str
    mensaje: str                # the commit message
    problemas: list[str]
    avisos: list[str]
    correo: object = None       # generator.secretaria.correo.Correo when it came by e-mail
    pasos: list[str] = field(default_factory=list)   # what happened after the commit, and what is left
    pr_url: str = ""
    idioma: str = "es"          # the language of `problemas` and of the reply to the sender


def _git(repo: Path, *args: str, comprobar: bool = True, tiempo: int | None = None,
         entrada: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", LC_ALL="C")
    r = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, timeout=tiempo,
                       input=entrada)
    if comprobar and r.returncode != 0:
        raise NoSeRecibio(f"git {' '.join(args)} falló: {(r.stderr or r.stdout).strip()}")
    return r


def raiz_del_repositorio(desde: Path) -> Path:
    try:
        r = _git(desde, "rev-parse", "--show-toplevel", comprobar=False)
    except FileNotFoundError:
        raise NoSeRecibio("No se encontró git. Instálelo (sudo apt-get install git) y repita.") from None
    if r.returncode != 0:
        raise NoSeRecibio(f"«{desde}» no es una copia del repositorio del catálogo (git clone …). Ejecute la orden dentro de ella.")
    return Path(r.stdout.strip())


def cambios_pendientes(repo: Path) -> list[str]:
    """Changes that a commit could carry by mistake: any tracked change, and new files under
    fichas/ or perfiles/ (other untracked files, such as a saved attachment, do not matter)."""
    lineas = _git(repo, "status", "--porcelain", "--untracked-files=all").stdout.splitlines()
    out = []
    for linea in lineas:
        estado, ruta = linea[:2], linea[3:]
        if estado == "??" and not ruta.startswith(("fichas/", "perfiles/")):
            continue
        out.append(ruta)
    return out


def _rama_libre(repo: Path, nombre: str) -> str:
    candidato, n = nombre, 1
    while _git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{candidato}", comprobar=False).returncode == 0:
        n += 1
        candidato = f"{nombre}-{n}"
    return candidato


def _pais(codigo: str) -> str:
    return etiquetas("paises").get(codigo, codigo)


def titulo_de(tipo, datos: dict) -> str:
    campo = next(c for c in tipo.campos.values() if c.cabecera and c.clase.es_texto)
    return str(datos.get(campo.clave) or "").strip()


def institucion_de(datos: dict) -> str:
    """Who sends it: the profile's institution, or the ficha's contact institution (public), or
    the responsible entity (1.7)."""
    contacto = datos.get("contacto") if isinstance(datos.get("contacto"), dict) else {}
    for valor in (datos.get("institucion"), contacto.get("institucion"), datos.get("entidad_responsable")):
        if isinstance(valor, str) and valor.strip():
            return valor.strip()
    return ""


def mensaje_de_commit(tipo, datos: dict, problemas: list[str], actualiza: bool) -> str:
    nombre = "Ficha" if tipo.nombre == "ficha" else "Perfil de cooperación"
    pais = _pais(str(datos.get("pais", "")))
    institucion = institucion_de(datos)
    titulo = titulo_de(tipo, datos)
    linea = f"{nombre} de {pais}: " + (f"“{titulo}”" if "«" in titulo else f"«{titulo}»") + (f" (enviad{'a' if tipo.femenino else 'o'} por {institucion})"
                                                                  if institucion else "")
    cuerpo = [("Actualiza" if actualiza else "Agrega") + f" {'la' if tipo.femenino else 'el'} {tipo.nombre} recibid"
              f"{'a' if tipo.femenino else 'o'} por la Secretaría Técnica (make recibir)."]
    if problemas:
        cuerpo += ["", f"Falta corregir antes de publicar ({len(problemas)}):"] + [f"- {p}" for p in problemas]
    return linea + "\n\n" + "\n".join(cuerpo) + "\n"


def cuerpo_del_pull_request(r: Recepcion) -> str:
    la = "la" if r.tipo.femenino else "el"
    lineas = [f"{la.capitalize()} {r.tipo.nombre} «{titulo_de(r.tipo, r.datos)}» ({_pais(str(r.datos.get('pais', '')))}), "
              f"recibid{'a' if r.tipo.femenino else 'o'} por la Secretaría Técnica"
              + (f" por correo el {r.correo.fecha}" if r.correo and r.correo.fecha else "")
              + (f", de {institucion_de(r.datos)}" if institucion_de(r.datos) else "") + ".", "",
              f"Archivo: `{r.ruta.as_posix()}`", ""]
    if r.problemas:
        lineas += [f"### Falta corregir antes de publicar ({len(r.problemas)})", "",
                   "Por campo del formulario (así los ve quien lo envió):", ""]
        lineas += [f"- [ ] {p}" for p in r.problemas] + [""]
    else:
        lineas += ["La validación no encontró problemas.", ""]
    if r.avisos:
        lineas += ["### Avisos de la importación", ""] + [f"- {a}" for a in r.avisos] + [""]
    lineas += ["### Antes de aprobar", "",
               "- [ ] Cumple los criterios de publicación de /contribuir/ (experiencia concreta, resultados, fuentes).",
               "- [ ] Los enlaces de (2.5) y (2.9) abren.",
               "- [ ] La persona de contacto (1.12) va cifrada: no aparece en este pull request.", ""]
    return "\n".join(lineas)


def _gh_con_sesion() -> tuple[bool, str]:
    gh = shutil.which("gh")
    if not gh:
        return False, "GitHub CLI (gh) no está instalado"
    try:
        r = subprocess.run([gh, "auth", "status"], capture_output=True, text=True, timeout=TIEMPO_GIT)
    except subprocess.TimeoutExpired:
        return False, "GitHub no respondió (¿sin conexión?)"
    if r.returncode != 0:
        return False, "GitHub CLI no tiene una sesión iniciada o no hay conexión (gh auth status)"
    return True, ""


def _leer_origen(archivo: Path, carpeta: Path, adjunto: str | None):
    sufijo = archivo.suffix.lower()
    if not archivo.is_file():
        raise NoSeRecibio(f"«{archivo}» no existe. Indique el archivo recibido: make recibir ARCHIVO=ruta/al/archivo.")
    if sufijo == ".eml":
        try:
            correo = leer_correo(archivo, carpeta, adjunto)
        except CorreoIlegible as err:
            raise NoSeRecibio(str(err)) from None
        return correo.archivo, correo
    if sufijo == ".msg":
        raise NoSeRecibio(f"«{archivo.name}» es un correo de Outlook (.msg). Guárdelo como .eml (Archivo › Guardar como) "
                          "o guarde el adjunto y ejecute make recibir ARCHIVO=<el adjunto>.")
    return archivo, None


def recibir(archivo: Path, repo: Path | None = None, pais: str | None = None, reemplazar: bool = False,
            enviar: bool = True, adjunto: str | None = None, idioma: str | None = None) -> Recepcion:
    """Import `archivo` into the repository at `repo` on a new branch, commit, and (with `gh`
    logged in and `enviar`) push and open the pull request. Raises NoSeRecibio before touching
    anything when it cannot."""
    repo = raiz_del_repositorio(repo or Path.cwd())
    pendientes = cambios_pendientes(repo)
    if pendientes:
        lista = ", ".join(pendientes[:5]) + (" …" if len(pendientes) > 5 else "")
        raise NoSeRecibio(f"El repositorio tiene cambios sin confirmar ({lista}). No se tocó nada: confírmelos "
                          "(git commit) o guárdelos aparte (git stash) y repita.")
    base = _git(repo, "symbolic-ref", "--quiet", "--short", "HEAD", comprobar=False).stdout.strip()
    if not base:
        raise NoSeRecibio("El repositorio no está en una rama (HEAD separado). Vuelva a la principal (git switch main) y repita.")
    with tempfile.TemporaryDirectory(prefix="recibir-") as tmp:
        origen, correo = _leer_origen(archivo, Path(tmp), adjunto)
        raices = {FICHA: repo / FICHA.carpeta, PERFIL: repo / PERFIL.carpeta}
        try:
            hecho = importar(origen, pais=pais, reemplazar=reemplazar, raices=raices, idioma=idioma)
        except NoSeImporto as err:  # its advice names «make importar»; here the same option is recibir's
            raise NoSeRecibio(str(err).replace("make importar", "make recibir")) from None
    ruta = hecho.ruta.resolve().relative_to(repo.resolve())
    tipo = next((t for t in (FICHA, PERFIL) if ruta.parts[0] == t.carpeta), FICHA)
    datos = leer_bytes((repo / ruta).read_bytes()).data or {}
    actualiza = _git(repo, "ls-files", "--error-unmatch", ruta.as_posix(), comprobar=False).returncode == 0
    rama = _rama_libre(repo, f"{tipo.nombre}/{str(datos.get('pais', '')).lower()}-{slug(ruta.stem)}")
    mensaje = mensaje_de_commit(tipo, datos, hecho.problemas, actualiza)
    if actualiza and _git(repo, "diff", "--quiet", "--", ruta.as_posix(), comprobar=False).returncode == 0:
        raise NoSeRecibio(f"Lo recibido es igual a {ruta.as_posix()}, que ya está en «{base}»: no hay nada que cambiar "
                          "ni que proponer.")
    try:
        _git(repo, "switch", "--quiet", "-c", rama)
        _git(repo, "add", "--", ruta.as_posix())
        _git(repo, "commit", "--quiet", "--no-verify", "-F", "-", entrada=mensaje)
    except NoSeRecibio as err:
        _deshacer(repo, ruta, base, rama, actualiza)
        raise NoSeRecibio(f"No se pudo confirmar el cambio; el repositorio quedó como estaba. {err}") from None
    # back to where the ST was, so the next e-mail starts from the same place
    _git(repo, "switch", "--quiet", base)
    r = Recepcion(ruta, tipo, datos, rama, base, mensaje, hecho.problemas, hecho.avisos, correo, idioma=hecho.idioma)
    r.pasos.append(f"Se creó la rama «{rama}» (desde «{base}») con el commit: {mensaje.splitlines()[0]}")
    if enviar:
        _enviar(repo, r)
    else:
        r.pasos.append("No se envió a GitHub (ENVIAR=0). " + _pendiente(r))
    return r


def _pendiente(r: Recepcion) -> str:
    return (f"Cuando quiera publicarla: git push -u origin {r.rama} y abra el pull request "
            f"(gh pr create --base {r.base} --head {r.rama}, o en {leer_configuracion().repositorio}/compare/"
            f"{r.base}...{r.rama}?expand=1).")


def _enviar(repo: Path, r: Recepcion) -> None:
    """Push and open the pull request when the GitHub CLI can; otherwise say what is left."""
    if _git(repo, "remote", "get-url", "origin", comprobar=False).returncode != 0:
        r.pasos.append("El repositorio no tiene el remoto «origin»: no se envió. " + _pendiente(r))
        return
    listo, motivo = _gh_con_sesion()
    if not listo:
        r.pasos.append(f"{motivo}: se detuvo antes de enviar la rama. " + _pendiente(r))
        return
    try:
        push = _git(repo, "push", "--quiet", "-u", "origin", f"{r.rama}:{r.rama}", comprobar=False, tiempo=TIEMPO_GIT)
    except subprocess.TimeoutExpired:
        push = None
    if push is None or push.returncode != 0:
        detalle = (push.stderr.strip().splitlines() or [""])[-1] if push is not None else "sin respuesta"
        r.pasos.append(f"No se pudo enviar la rama a GitHub (¿sin conexión?: {detalle}). La rama queda lista en esta "
                       "computadora. " + _pendiente(r))
        return
    r.pasos.append(f"Se envió la rama «{r.rama}» a origin.")
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".md", delete=False) as fh:
        fh.write(cuerpo_del_pull_request(r))
    args = ["gh", "pr", "create", "--base", r.base, "--head", r.rama, "--title", r.mensaje.splitlines()[0],
            "--body-file", fh.name]
    if r.problemas:
        args.append("--draft")  # not ready to merge until the problems are fixed
    try:
        pr = subprocess.run(args, cwd=repo, capture_output=True, text=True, timeout=TIEMPO_GIT)
    except subprocess.TimeoutExpired:
        pr = None
    finally:
        os.unlink(fh.name)
    if pr is None or pr.returncode != 0:
        detalle = (pr.stderr.strip() if pr is not None else "sin respuesta")
        r.pasos.append(f"No se pudo abrir el pull request ({detalle}). Ábralo con: gh pr create --base {r.base} --head {r.rama}")
        return
    r.pr_url = pr.stdout.strip().splitlines()[-1] if pr.stdout.strip() else ""
    r.pasos.append(f"Se abrió el pull request{' (borrador: hay problemas que corregir)' if r.problemas else ''}: {r.pr_url}")


def _deshacer(repo: Path, ruta: Path, base: str, rama: str, actualiza: bool) -> None:
    """Leave the work tree as it was: the record removed (or restored) and the branch gone."""
    _git(repo, "reset", "--quiet", "--", ruta.as_posix(), comprobar=False)
    if actualiza:
        _git(repo, "checkout", "--quiet", "--", ruta.as_posix(), comprobar=False)
    else:
        (repo / ruta).unlink(missing_ok=True)
    _git(repo, "switch", "--quiet", base, comprobar=False)
    _git(repo, "branch", "--quiet", "-D", rama, comprobar=False)


def orden(args) -> int:
    """`python -m generator recibir`: prints what was done, what is left, and the reply."""
    import sys
    from generator.secretaria.respuesta import texto_de_respuesta  # here, not at the top: respuesta imports this module: a cycle
    try:
        r = recibir(Path(args.archivo), Path(args.repo) if args.repo else None, args.pais, args.reemplazar,
                    not args.sin_enviar, args.adjunto, getattr(args, "idioma", None))
    except NoSeRecibio as err:
        print(f"No se recibió: {err}", file=sys.stderr)
        return 1
    nombre = r.tipo.nombre
    print(f"Importad{'a' if r.tipo.femenino else 'o'}: {r.ruta.as_posix()}")
    for aviso in r.avisos:
        print(f"Aviso: {aviso}")
    if r.problemas:
        print(f"Falta corregir {len(r.problemas)} {'cosa' if len(r.problemas) == 1 else 'cosas'} antes de publicar "
              f"(van en el pull request y en la respuesta):")
        for p in r.problemas:
            print(f"  {p}")
    else:
        print(f"La {nombre} no tiene problemas." if r.tipo.femenino else f"El {nombre} no tiene problemas.")
    for paso in r.pasos:
        print(paso)
    print(f"Para corregirl{'a' if r.tipo.femenino else 'o'} aquí: git switch {r.rama}, edite {r.ruta.as_posix()}, "
          f"make validate, git commit -a y git push.")
    print()
    print("──── Respuesta para quien lo envió (cópiela en su correo) ────")
    print(texto_de_respuesta(r))
    print("──────────────────────────────────────────────────────────────")
    return 0
