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
from generator.archivos import escribir_atomico
from generator.validacion.informes import INFORMES


class ErrorDeUso(Exception):
    pass


_ARGPARSE = (  # argparse's own messages → cli.uso.argparse.<clave> with these names, in --idioma's language
    (r"the following arguments are required: (?P<datos>.*)", "requeridos"),
    (r"argument (?P<opcion>\S+): invalid choice: (?P<valor>.*?) \(choose from (?P<opciones>.*)\)", "opcion_invalida"),
    (r"argument (?P<opcion>\S+): expected one argument", "necesita_valor"),
    (r"unrecognized arguments: (?P<datos>.*)", "no_reconocido"),
)


class _Analizador(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print English and exit itself
        from generator.esquema import idiomas
        for patron, clave in _ARGPARSE:
            message = re.sub(patron, lambda m: idiomas.t(f"cli.uso.argparse.{clave}", **m.groupdict()), message)
        raise ErrorDeUso(message)


def _idioma_pedido(argv: list[str]) -> str | None:
    """--idioma X (or --idioma=X) as typed, before parsing: argparse's own errors speak it."""
    for i, a in enumerate(argv):
        if a == "--idioma" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--idioma="):
            return a.partition("=")[2]
    return None


def _opcion_idioma(p, ayuda: str = "el idioma de los mensajes: es, pt o en (por defecto, el «idioma» de cada ficha)") -> None:
    p.add_argument("--idioma", default=None, metavar="CÓDIGO", help=ayuda)


def _idioma(args) -> str | None:
    """--idioma, checked against the catalogue's languages (a usage error names them)."""
    from generator.esquema import idiomas
    codigo = getattr(args, "idioma", None)
    if codigo is None:
        return None
    if codigo not in idiomas.disponibles():
        raise ErrorDeUso(idiomas.t("cli.uso.idioma", idioma=codigo, idiomas=", ".join(idiomas.disponibles())))
    return codigo


def _parser() -> argparse.ArgumentParser:
    p = _Analizador(prog="python -m generator", description="Catálogo de buenas prácticas de la CSM.")
    sub = p.add_subparsers(dest="orden", metavar="ORDEN")
    v = sub.add_parser("validate", help="valida las fichas de una carpeta, de un país o un archivo (por defecto fichas/)")
    v.add_argument("carpeta", nargs="?", default=None, metavar="RUTA",
                   help="fichas/ (o otra carpeta con <país>/<slug>.yml), la carpeta de un país (fichas/arg) o un archivo")
    v.add_argument("--formato", choices=sorted(INFORMES), default="texto",
                   help="texto (por defecto) o github (anotaciones para GitHub Actions)")
    _opcion_idioma(v)
    n = sub.add_parser("nueva", help="crea una ficha nueva desde la plantilla: fichas/<país>/<slug>.yml")
    n.add_argument("--pais", required=True, metavar="PAÍS", help="código ISO de tres letras, por ejemplo ARG")
    n.add_argument("titulo", metavar="TÍTULO", help='título de la experiencia, entre comillas')
    n.add_argument("--carpeta", default=None, metavar="CARPETA", help="carpeta de fichas (por defecto fichas/)")
    n.add_argument("--fecha", default=None, metavar="AAAA-MM-DD", help="fecha de la ficha (por defecto, hoy)")
    for opcion, ayuda in (("--contacto-nombre", "nombre y apellido de la persona de contacto (1.12; se guarda cifrado)"),
                          ("--contacto-cargo", "cargo de la persona de contacto (se guarda cifrado)"),
                          ("--contacto-email", "correo de la persona de contacto (se guarda cifrado)")):
        n.add_argument(opcion, default=None, metavar="TEXTO", help=ayuda)
    _opcion_idioma(n, "el idioma de la plantilla y de los mensajes: es, pt o en (por defecto, es); fuera del español, el «idioma» de la ficha")
    np = sub.add_parser("nueva-perfil", help="crea un perfil de cooperación desde la plantilla: perfiles/<país>/<slug>.yml")
    np.add_argument("--pais", required=True, metavar="PAÍS", help="código ISO de tres letras, por ejemplo ARG")
    np.add_argument("institucion", metavar="INSTITUCIÓN", help="nombre de la institución, entre comillas")
    np.add_argument("--carpeta", default=None, metavar="CARPETA", help="carpeta de perfiles (por defecto perfiles/)")
    np.add_argument("--fecha", default=None, metavar="AAAA-MM-DD", help="fecha del perfil (por defecto, hoy)")
    _opcion_idioma(np, "el idioma de la plantilla y de los mensajes: es, pt o en (por defecto, es)")
    im = sub.add_parser("importar", help="convierte una ficha o un perfil recibido (Word .docx, o .yml del formulario) en su archivo")
    im.add_argument("archivo", metavar="ARCHIVO", help="el archivo recibido: .docx o .yml")
    im.add_argument("--pais", default=None, metavar="PAÍS", help="el país, si el documento no lo dice (código o nombre)")
    im.add_argument("--salida", default=None, metavar="RUTA", help="dónde escribir (por defecto fichas/<país>/<nombre>.yml)")
    im.add_argument("--reemplazar", action="store_true", help="actualiza un archivo que ya existe")
    im.add_argument("--clave", default=None, metavar="ARCHIVO",
                    help="clave privada de la Secretaría Técnica: comprueba que abre el contacto cifrado que queda en el archivo")
    im.add_argument("--repositorio", default=None, metavar="CARPETA",
                    help="carpeta que contiene fichas/ y perfiles/ (por defecto, este repositorio)")
    _opcion_idioma(im)
    rc = sub.add_parser("recibir", help="de lo recibido (Word, .yml o el correo .eml) a una rama, un commit y el pull request, con la respuesta para quien lo envió")
    rc.add_argument("archivo", metavar="ARCHIVO", help="el archivo recibido: .docx, .yml o el correo guardado como .eml")
    rc.add_argument("--pais", default=None, metavar="PAÍS", help="el país, si el documento no lo dice (código o nombre)")
    rc.add_argument("--reemplazar", action="store_true", help="actualiza una ficha o un perfil que ya existe")
    rc.add_argument("--adjunto", default=None, metavar="NOMBRE", help="cuál adjunto del correo, si trae varios")
    rc.add_argument("--sin-enviar", action="store_true", help="no envía la rama a GitHub ni abre el pull request")
    rc.add_argument("--repo", default=None, metavar="CARPETA", help="la copia del repositorio (por defecto, la carpeta actual)")
    _opcion_idioma(rc)
    en = sub.add_parser("enlaces", help="comprueba los enlaces de las fichas y los perfiles con LinkChecker y escribe un informe por país y registro")
    en.add_argument("--fichas", default=None, metavar="CARPETA", help="otra carpeta de fichas (con --perfiles)")
    en.add_argument("--perfiles", default="perfiles", metavar="CARPETA", help="otra carpeta de perfiles")
    en.add_argument("--salida", default="build/enlaces", metavar="CARPETA", help="dónde escribir el informe (por defecto build/enlaces)")
    en.add_argument("--cache", default=".cache/enlaces.json", metavar="ARCHIVO", help="la caché de enlaces vivos")
    en.add_argument("--cache-dias", type=int, default=28, metavar="DÍAS", help="cuántos días vale un enlace vivo de la caché (0: todos de nuevo)")
    en.add_argument("--espera", type=int, default=30, metavar="SEGUNDOS", help="cuánto esperar a cada servidor")
    en.add_argument("--por-segundo", type=float, default=1.0, metavar="N", help="pedidos por segundo a un mismo servidor")
    inf = sub.add_parser("informe", help="el informe de la Secretaría Técnica por país (Markdown y PDF): fechas, plazos vencidos, enlaces rotos, contactos, países sin registros")
    inf.add_argument("--fecha", default=None, metavar="AAAA-MM-DD", help="la fecha del informe (por defecto, hoy)")
    inf.add_argument("--clave", default=None, metavar="ARCHIVO", help="clave privada de la Secretaría Técnica: lista los contactos que no abre")
    inf.add_argument("--fichas", default=None, metavar="CARPETA", help="otra carpeta de fichas")
    inf.add_argument("--perfiles", default=None, metavar="CARPETA", help="otra carpeta de perfiles")
    inf.add_argument("--enlaces", default=None, metavar="ARCHIVO", help="el resultado de make enlaces (por defecto build/enlaces/enlaces.json)")
    inf.add_argument("--salida", default="build/informe", metavar="CARPETA", help="dónde escribirlo (por defecto build/informe)")
    inf.add_argument("--sin-pdf", action="store_true", help="solo el Markdown")
    ex = sub.add_parser("exportar", help="escribe una ficha o un perfil como formulario de Word (.docx) para enviarlo a actualizar")
    ex.add_argument("registro", metavar="ARCHIVO.yml", help="la ficha o el perfil")
    ex.add_argument("salida", metavar="SALIDA.docx", help="el documento que se crea")
    ex.add_argument("--clave", default=None, metavar="ARCHIVO",
                    help="clave privada de la Secretaría Técnica: con ella se completa la persona de contacto")
    ex.add_argument("--idioma", default=None, metavar="CÓDIGO",
                    help="el idioma del formulario: es, pt, en (por defecto, el de la ficha)")
    c = sub.add_parser("cifrar", help="cifra el contacto (1.12) de las fichas escritas a mano, sin tocar el resto del archivo")
    c.add_argument("rutas", nargs="*", metavar="RUTA", help="fichas o carpetas (por defecto fichas/)")
    c.add_argument("--recifrar", action="store_true",
                   help="vuelve a cifrar los contactos ya cifrados para las claves actuales de schema/destinatarios.txt")
    c.add_argument("--clave", default=None, metavar="ARCHIVO", help="clave privada de la Secretaría Técnica (para --recifrar)")
    _opcion_idioma(c, "el idioma de los mensajes: es, pt o en (por defecto, el «idioma» de cada ficha; el resumen, en español)")
    k = sub.add_parser("contactos", help="muestra los contactos descifrados, con la clave privada de la Secretaría Técnica")
    k.add_argument("carpeta", nargs="?", default=None, metavar="CARPETA", help="carpeta de fichas (por defecto fichas/)")
    k.add_argument("--clave", required=True, metavar="ARCHIVO", help="archivo de la clave privada (AGE-SECRET-KEY-…)")
    k.add_argument("--csv", action="store_true", help="en CSV, para una hoja de cálculo")
    k.add_argument("--salida", default=None, metavar="ARCHIVO", help="escribe en este archivo (fuera del repositorio)")
    g = sub.add_parser("clave-st", help="crea una clave de la Secretaría Técnica: la privada fuera del repositorio, la pública en schema/destinatarios.txt")
    g.add_argument("--archivo", default="~/.config/catalogo-csm/clave-st.txt", metavar="RUTA",
                   help="dónde guardar la clave privada (por defecto ~/.config/catalogo-csm/clave-st.txt)")
    g.add_argument("--nombre", required=True, metavar="TEXTO", help='de quién es la clave, por ejemplo "Secretaría Técnica — Ana Pérez"')
    s = sub.add_parser("schema", help="regenera schema/ficha.schema.json y el formulario de GitHub desde schema/*.yml")
    s.add_argument("--comprobar", action="store_true", help="solo comprueba que el esquema esté al día")
    b = sub.add_parser("construir", help="valida y escribe el sitio a medio hacer (build/paginas y build/mkdocs.yml) que construye el motor")
    b.add_argument("--sin-pdf", action="store_true", help="sin los PDF (vista previa rápida)")
    tr = sub.add_parser("traducciones", help="lo que falta traducir en cada idioma (schema/idiomas/): lo que se muestra en español, y lo copiado sin traducir")
    tr.add_argument("idioma", nargs="*", help="uno o más códigos (por defecto, todos menos el español)")
    tr.add_argument("--todo", action="store_true", help="cada clave, no solo la cuenta por archivo")
    tr.add_argument("--estricto", action="store_true", help="termina con error si algo falta")
    mo = sub.add_parser("motor", help="el motor (MkDocs o Zensical), una vez por idioma y a la vez, y el sitio armado en CARPETA")
    mo.add_argument("sitio", nargs="?", default="site", metavar="CARPETA", help="dónde queda el sitio (por defecto site/)")
    mo.add_argument("--motor", choices=("mkdocs", "zensical"), default="mkdocs", help="el motor (por defecto mkdocs)")
    mo.add_argument("--zensical", default="zensical", metavar="ORDEN", help="el ejecutable de Zensical (con --motor zensical)")
    ix = sub.add_parser("indexar", help="después del motor: copia los adjuntos, indexa con Pagefind y revisa el tamaño del sitio")
    ix.add_argument("sitio", nargs="?", default="site", metavar="CARPETA", help="el sitio construido (por defecto site/)")
    ix.add_argument("--sin-buscador", action="store_true", help="sin el índice de Pagefind")
    return p


def _fijar_epoca(epoca: int) -> None:
    """The build's date for what reads it from the environment (fontTools, in the PDFs): set
    here, in the command, not in the library; an explicit SOURCE_DATE_EPOCH wins."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(epoca))


def cmd_construir(args) -> int:
    from dataclasses import replace
    from generator.publicacion import construccion
    opciones = replace(construccion.opciones_desde_entorno(), fijar_epoca=_fijar_epoca)
    if args.sin_pdf:
        opciones = replace(opciones, pdf=False)
    try:
        estado = construccion.construir(opciones)
    except construccion.FichasInvalidas as err:
        print(err.reporte, file=sys.stderr)
        print(err, file=sys.stderr)
        return 1
    print(f"{len(estado.fichas)} fichas; {len(estado.renderizadas)} páginas de ficha renderizadas (las demás, de la caché); "
          f"{len(estado.cambiados)} archivos actualizados de {len(estado.escritos)} en {opciones.generado} "
          f"(configuración del motor: {opciones.configuracion}).")
    return 0


def cmd_traducciones(args) -> int:
    from generator.esquema import idiomas
    codigos = args.idioma or [c for c in idiomas.disponibles() if c != idiomas.BASE]
    desconocidos = [c for c in codigos if c not in idiomas.disponibles()]
    if desconocidos:
        print(f"No hay catálogo para {', '.join(desconocidos)}: cree schema/idiomas/<código>/idioma.yml "
              f"(hay: {', '.join(idiomas.disponibles())}).", file=sys.stderr)
        return 2
    falta_algo = False
    for codigo in codigos:
        faltan, iguales, sobran = idiomas.faltantes(codigo), idiomas.iguales(codigo), idiomas.sobrantes(codigo)
        total = sum(len(v) for v in idiomas.textos_fuente().values())
        n_faltan = sum(len(v) for v in faltan.values())
        falta_algo |= bool(n_faltan or sobran)
        print(f"{codigo} ({idiomas.idioma_info(codigo).get('nombre', codigo)}): {total - n_faltan} de {total} textos traducidos; "
              f"{n_faltan} se muestran en español.")
        for titulo, grupo in (("se muestran en español (faltan)", faltan), ("iguales al español (¿sin traducir?)", iguales),
                              ("claves que el español no tiene (¿un error de escritura?)", sobran)):
            for archivo, claves in grupo.items():
                print(f"  schema/idiomas/{codigo}/{archivo}.yml — {titulo}: {len(claves)}")
                if args.todo or grupo is sobran:
                    for clave in claves:
                        print(f"      {clave}")
    return 1 if args.estricto and falta_algo else 0


def cmd_motor(args) -> int:
    from generator.publicacion import construccion
    from generator.publicacion.motor import construir_idiomas
    opciones = construccion.opciones_desde_entorno()
    lugares = opciones.lugares()
    faltan = [str(opciones.configuracion_de(l)) for l in lugares if not opciones.configuracion_de(l).is_file()]
    if faltan:
        print(f"Falta {', '.join(faltan)}: ejecute antes «python -m generator construir» (o «make site»).", file=sys.stderr)
        return 1
    errores = construir_idiomas(opciones.generado.parent, lugares, Path(args.sitio).resolve(), args.motor, args.zensical)
    for error in errores:
        print(error, file=sys.stderr)
    if errores:
        print(f"El motor ({args.motor}) no construyó el sitio: vea arriba el mensaje de cada idioma.", file=sys.stderr)
        return 1
    return 0


def cmd_indexar(args) -> int:
    from dataclasses import replace
    from generator.publicacion import construccion
    opciones = construccion.opciones_desde_entorno()
    if args.sin_buscador:
        opciones = replace(opciones, buscador=False)
    try:
        tamano = construccion.despues_del_motor(opciones, Path(args.sitio))
    except construccion.ErrorDeConstruccion as err:
        print(err, file=sys.stderr)
        return 1
    print(tamano.informe())
    return 0


def cmd_validate(args) -> int:
    from generator.config import PERFILES_DIR
    from generator.esquema import idiomas
    from generator.esquema.campos import TIPOS_DE_REGISTRO
    from generator.validacion.resultado import Resultado
    from generator.validacion.validar import alcance, validar
    idioma = _idioma(args)
    if args.carpeta is None:  # every kind of record in its own folder: fichas/ and perfiles/
        res = Resultado(idioma=idioma)
        for tipo, carpeta in zip(TIPOS_DE_REGISTRO, (FICHAS_DIR, PERFILES_DIR)):
            if carpeta.is_dir():
                parcial = validar(carpeta, tipo, idioma=idioma)
                res.fichas += parcial.fichas
                res.generales += parcial.generales
    else:
        ruta = Path(args.carpeta)
        with idiomas.en(idioma):
            if not ruta.exists():
                raise ErrorDeUso(idiomas.t("cli.uso.no_existe", ruta=ruta))
            if ruta.is_file() and ruta.suffix.lower() not in (".yml", ".yaml"):
                raise ErrorDeUso(idiomas.t("cli.uso.no_es_yaml", ruta=ruta))
        raiz, solo = alcance(ruta)
        tipo = next((t for t in TIPOS_DE_REGISTRO if t.carpeta == raiz.name), TIPOS_DE_REGISTRO[0])
        res = validar(raiz, tipo, solo, idioma)
    INFORMES[args.formato](res, sys.stdout)
    return 0 if res.ok else 1


def _contacto_de(args) -> dict | None:
    """The contact from the options, or asked for when someone is at the keyboard."""
    valores = {"nombre": args.contacto_nombre, "cargo": args.contacto_cargo, "email": args.contacto_email}
    if all(v is None for v in valores.values()) and not sys.stdin.isatty():
        return None  # the template asks for it; «make cifrar» encrypts it
    from generator.esquema import idiomas
    for k, v in valores.items():
        if v is None:
            if not sys.stdin.isatty():
                raise ErrorDeUso(idiomas.t("plantilla.errores.falta_contacto", dato=k))
            valores[k] = input(idiomas.t(f"plantilla.preguntas.{k}") + idiomas.t("plantilla.preguntas.cifrado")).strip()
    return valores


def cmd_nueva(args) -> int:
    from generator.esquema import idiomas
    with idiomas.en(_idioma(args)):  # the template, its errors and the next steps in --idioma's language
        return _nueva(args)


def _nueva(args) -> int:
    from generator.esquema import idiomas
    from generator.privacidad.cifrado import ErrorDeCifrado
    from generator.repositorio.nueva import ErrorDeNueva, crear, pasos
    try:
        ruta = crear(args.pais, args.titulo, Path(args.carpeta) if args.carpeta else FICHAS_DIR, args.fecha,
                     _contacto_de(args))
    except (ErrorDeNueva, ErrorDeCifrado) as err:
        print(idiomas.t("plantilla.errores.no_se_creo_ficha", error=err), file=sys.stderr)
        return 1
    from generator.validacion.validar import mostrar
    print(pasos(Path(mostrar(ruta))))
    return 0


def _generados():
    """Files generated from schema/campos.yml, schema/vocabularios.yml and schema/mensajes.yml, with how to render each."""
    from generator.repositorio.codeowners import CODEOWNERS_PATH, texto_codeowners
    from generator.repositorio.formulario_github import (FORM_PERFIL_PATH, ISSUE_CONFIG_PATH, ISSUE_FORM_PATH,
                                                          texto_formulario_github, texto_selector_github)
    from generator.config import SCHEMA_PATH
    from generator.esquema.campos import PERFIL
    from generator.esquema.generar import texto_esquema, texto_js
    from generator.esquema.mensajes import MENSAJES_JS_PATH
    return ((SCHEMA_PATH, texto_esquema), (PERFIL.esquema_path, lambda: texto_esquema(PERFIL)), (MENSAJES_JS_PATH, texto_js),
            (ISSUE_FORM_PATH, texto_formulario_github), (FORM_PERFIL_PATH, lambda: texto_formulario_github(PERFIL)),
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
            escribir_atomico(ruta, texto)
            print(f"{nombre} actualizado.")
    for nombre in desfasados:
        print(f"{nombre} no está al día con schema/campos.yml y schema/vocabularios.yml. "
              "Ejecute «make schema» y confirme el cambio.")
    return 1 if desfasados else 0


def cmd_nueva_perfil(args) -> int:
    from generator.config import PERFILES_DIR
    from generator.esquema import idiomas
    from generator.esquema.campos import PERFIL
    from generator.repositorio.nueva import ErrorDeNueva, crear, pasos
    from generator.validacion.validar import mostrar
    with idiomas.en(_idioma(args)):
        try:
            ruta = crear(args.pais, args.institucion, Path(args.carpeta) if args.carpeta else PERFILES_DIR, args.fecha,
                         tipo=PERFIL)
        except ErrorDeNueva as err:
            print(idiomas.t("plantilla.errores.no_se_creo_perfil", error=err), file=sys.stderr)
            return 1
        print(pasos(Path(mostrar(ruta)), PERFIL))
    return 0


def cmd_importar(args) -> int:
    from generator.intercambio.importar import NoSeImporto, importar
    from generator.validacion.validar import mostrar
    archivo = Path(args.archivo)
    try:
        raices = None
        if args.repositorio:
            from generator.esquema.campos import FICHA, PERFIL
            raices = {FICHA: Path(args.repositorio) / FICHA.carpeta, PERFIL: Path(args.repositorio) / PERFIL.carpeta}
        hecho = importar(archivo, args.pais, Path(args.salida) if args.salida else None, args.reemplazar, raices,
                         idioma=_idioma(args))
    except NoSeImporto as err:
        from generator.esquema import idiomas
        with idiomas.en(_idioma(args)):
            print(idiomas.t("recepcion.no_se_importo", error=err), file=sys.stderr)
        return 1
    from generator.esquema import idiomas
    with idiomas.en(hecho.idioma):  # the language of its messages: --idioma, else the record's own
        t = idiomas.t
        print(t("cli.importar.escrito", ruta=mostrar(hecho.ruta), titulo=hecho.tipo.titulo))
        for aviso in hecho.avisos:
            print(t("cli.importar.aviso", aviso=aviso))
        ilegibles = _contactos_ilegibles(hecho.ruta, hecho.tipo, args.clave) if args.clave else []
        for texto in ilegibles:
            print(f"  {archivo.name}: {texto}")
        if ilegibles:
            return 1
        if hecho.problemas:
            n = len(hecho.problemas)
            print(t("cli.importar.corregir_uno") if n == 1 else t("cli.importar.corregir_varios", n=n))
            for p in hecho.problemas:
                print(f"  {archivo.name}: {p}")
            print(t("cli.importar.corrijalas", ruta=mostrar(hecho.ruta)))
            return 1
        print(t("cli.importar.sin_problemas"))
        return 0


def _contactos_ilegibles(ruta: Path, tipo, clave: str) -> list[str]:
    """Each encrypted block of the written record that the ST's key cannot open, said in the form's words."""
    from generator.privacidad.cifrado import ErrorDeCifrado, descifrar, leer_identidad
    from generator.validacion.lectura import leer_bytes
    try:
        identidad = leer_identidad(Path(clave).expanduser())
    except ErrorDeCifrado as err:
        return [str(err)]
    datos = leer_bytes(ruta.read_bytes()).data or {}
    salida = []
    for c in tipo.campos.values():
        bloque = (datos.get(c.clave) or {}).get(c.cifrado.clave) if c.cifrado and isinstance(datos.get(c.clave), dict) else None
        if bloque:
            try:
                descifrar(bloque, identidad)
            except ErrorDeCifrado as err:
                salida.append(f"{c.rotulo}: la clave {clave} no abre el contacto cifrado ({err}). Nadie con esa clave "
                              "podrá leerlo: pida el contacto de nuevo y vuelva a importar, o cífrelo con make cifrar.")
    return salida


def cmd_exportar(args) -> int:
    from generator.config import leer_configuracion
    from generator.esquema.campos import FICHA, TIPOS_DE_REGISTRO
    from generator.archivos import escribir_atomico
    from generator.intercambio.word import FormularioWord, docx_bytes
    from generator.privacidad.cifrado import ErrorDeCifrado, descifrar, leer_identidad
    from generator.validacion.lectura import ErrorDeLectura, leer_bytes
    origen, salida = Path(args.registro), Path(args.salida)
    if salida.suffix.lower() != ".docx":
        raise ErrorDeUso(f"«{salida}»: el documento de salida debe terminar en .docx")
    try:
        datos = leer_bytes(origen.read_bytes()).data
    except (OSError, ErrorDeLectura) as err:
        print(f"No se exportó: no se pudo leer «{origen}» ({getattr(err, 'mensaje', err)}).", file=sys.stderr)
        return 1
    tipo = next((t for t in TIPOS_DE_REGISTRO if t.carpeta in origen.resolve().parts), FICHA)
    privados = None
    if args.clave:
        try:
            campo = next(c for c in tipo.campos.values() if c.cifrado)
            bloque = (datos.get(campo.clave) or {}).get(campo.cifrado.clave)
            privados = descifrar(bloque, leer_identidad(Path(args.clave).expanduser())) if bloque else None
        except (ErrorDeCifrado, StopIteration) as err:
            print(f"No se exportó: {err}", file=sys.stderr)
            return 1
    config = leer_configuracion()
    partes = origen.resolve().parts
    ruta = "/".join(partes[-3:]) if len(partes) >= 3 and partes[-3] == tipo.carpeta else None  # the form's mark
    idioma = _idioma(args) or (datos.get("idioma") if isinstance(datos, dict) else None)  # the ficha's own language
    escribir_atomico(salida, docx_bytes(FormularioWord(tipo, datos, privados, config.correo_st, config.sitio_url, ruta=ruta,
                                                       demostracion=config.demostracion and tipo is FICHA,
                                                       idioma=idioma if isinstance(idioma, str) else None)))
    print(f"Escrito: {salida}" + ("" if privados or not args.clave else "")
          + ("" if privados else " (sin la persona de contacto: va cifrada; con --clave se completa)"))
    return 0


def _yml_bajo(rutas: list[Path]) -> list[Path]:
    from generator.config import FICHA_SUFFIXES
    out = []
    for r in rutas:
        if r.is_dir():
            out += sorted(p for p in r.rglob("*") if p.suffix.lower() in FICHA_SUFFIXES and len(p.relative_to(r).parts) <= 2)
        elif r.is_file():
            out.append(r)
        else:
            raise ErrorDeUso(f"«{r}» no existe. Indique fichas o carpetas, por ejemplo: python -m generator cifrar fichas/arg")
    return out


def cmd_cifrar(args) -> int:
    from generator.privacidad.cifrado import ErrorDeCifrado, leer_destinatarios, leer_identidad
    from generator.privacidad.reescritura import cifrar_archivo
    from generator.validacion.validar import mostrar, schema
    from generator.esquema import idiomas
    idioma = _idioma(args)
    try:
        destinatarios = leer_destinatarios()
        identidad = leer_identidad(Path(args.clave).expanduser()) if args.clave else None
    except ErrorDeCifrado as err:
        with idiomas.en(idioma):
            print(idiomas.t("cifrar.nada", error=err), file=sys.stderr)
        return 1
    if args.recifrar and identidad is None:
        raise ErrorDeUso("--recifrar necesita la clave privada de la Secretaría Técnica: --clave ARCHIVO")
    archivos = _yml_bajo([Path(r) for r in args.rutas] or [FICHAS_DIR])
    cambios = errores = 0
    for ruta in archivos:
        informe = cifrar_archivo(ruta, schema(), destinatarios, identidad, args.recifrar, idioma=idioma)
        for problema in informe.problemas:
            print(f"{mostrar(ruta)}:{problema}")
        if informe.problemas:
            errores += 1
        elif informe.cambio:
            cambios += 1
            print(f"{mostrar(ruta)}: {informe.cambio}.")
    claves = ", ".join(d.quien or d.clave[:16] + "…" for d in destinatarios)
    t = idiomas.t
    with idiomas.en(idioma):  # several records, several languages: the summary in --idioma's, or Spanish
        print(t("cifrar.resumen", cifradas=t("cifrar.cifradas_una" if cambios == 1 else "cifrar.cifradas_varias", n=cambios),
                claves=t("cifrar.claves_una" if len(destinatarios) == 1 else "cifrar.claves_varias", n=len(destinatarios)),
                quienes=claves, errores=errores, sin_cambios=len(archivos) - cambios - errores))
    return 1 if errores else 0


def cmd_contactos(args) -> int:
    from generator.privacidad.cifrado import ErrorDeCifrado, leer_identidad
    from generator.privacidad.contactos import como_csv, como_texto, leer_contactos, salida_permitida
    carpeta = Path(args.carpeta) if args.carpeta else FICHAS_DIR
    if not carpeta.is_dir():
        raise ErrorDeUso(f"la carpeta «{carpeta}» no existe.")
    if args.salida and not salida_permitida(Path(args.salida)):
        raise ErrorDeUso(f"«{args.salida}» está dentro del repositorio: los contactos descifrados no se guardan ahí "
                         "(podrían publicarse o confirmarse en git). Elija un archivo fuera del repositorio.")
    try:
        contactos = leer_contactos(carpeta, leer_identidad(Path(args.clave).expanduser()))
    except ErrorDeCifrado as err:
        print(f"No se leyeron los contactos: {err}", file=sys.stderr)
        return 1
    texto = como_csv(contactos) if args.csv else como_texto(contactos)
    ilegibles = [c for c in contactos if c.error]
    if ilegibles:
        print(f"{len(ilegibles)} de {len(contactos)} contactos no se pueden leer con esta clave: "
              + ", ".join(c.ficha for c in ilegibles) + ". Para los cifrados para otra clave, léalos con ella y vuelva a "
              "cifrar para la lista actual (make cifrar RECIFRAR=1 CLAVE=…); los demás, pídalos de nuevo.", file=sys.stderr)
    if args.salida:
        escribir_atomico(Path(args.salida), texto, modo=0o600)
        print(f"{len(contactos)} contactos en {args.salida}.")
    else:
        sys.stdout.write(texto)
    return 1 if any(c.error for c in contactos) else 0


def cmd_clave_st(args) -> int:
    from generator.privacidad.cifrado import ErrorDeCifrado, ruta_destinatarios
    from generator.privacidad.contactos import crear_clave
    try:
        publica = crear_clave(Path(args.archivo), args.nombre)
    except ErrorDeCifrado as err:
        print(f"No se creó la clave: {err}", file=sys.stderr)
        return 1
    print("\n".join([
        f"Clave privada guardada en {Path(args.archivo).expanduser()} (solo usted puede leerla).",
        f"Clave pública agregada a {ruta_destinatarios()}: {publica}",
        "",
        "Próximos pasos:",
        "  1. Guarde una copia de la clave privada en un lugar seguro fuera de esta computadora.",
        "     Sin ella, los contactos cifrados para esta clave no se pueden leer.",
        "  2. Vuelva a cifrar las fichas para la nueva lista de claves:",
        "     make cifrar RECIFRAR=1 CLAVE=<una clave privada que ya lea los contactos>",
        "  3. Confirme schema/destinatarios.txt y las fichas en un pull request.",
    ]))
    return 0


def cmd_enlaces(args) -> int:
    from generator.secretaria.enlaces import orden
    return orden(args)


def cmd_informe(args) -> int:
    from generator.secretaria.informe import orden
    return orden(args)


def cmd_recibir(args) -> int:
    from generator.secretaria.recibir import orden
    return orden(args)


COMMANDS = {"recibir": cmd_recibir, "enlaces": cmd_enlaces, "informe": cmd_informe, "importar": cmd_importar, "exportar": cmd_exportar, "validate": cmd_validate, "nueva": cmd_nueva, "nueva-perfil": cmd_nueva_perfil, "schema": cmd_schema, "cifrar": cmd_cifrar,
            "contactos": cmd_contactos, "clave-st": cmd_clave_st, "construir": cmd_construir, "indexar": cmd_indexar, "motor": cmd_motor,
            "traducciones": cmd_traducciones}


# a live catalogue with the demonstration key refuses these (generator.privacidad.demostracion)
ORDENES_QUE_CIFRAN_O_VALIDAN = {"validate", "importar", "nueva", "cifrar"}


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    from generator.esquema import idiomas
    pedido = _idioma_pedido(sys.argv[1:] if argv is None else argv)
    try:
        with idiomas.en(pedido if pedido in idiomas.disponibles() else None):
            args = parser.parse_args(argv)
        if not args.orden:
            raise ErrorDeUso("indique una orden: " + ", ".join(COMMANDS))
        if args.orden in ORDENES_QUE_CIFRAN_O_VALIDAN:
            from generator.privacidad.demostracion import problema_de_despliegue
            problema = problema_de_despliegue()
            if problema:
                print(f"No se puede {args.orden}: {problema}", file=sys.stderr)
                return 1
        return COMMANDS[args.orden](args)
    except ErrorDeUso as err:
        from generator.esquema import idiomas
        elegido = getattr(locals().get("args"), "idioma", None) or pedido
        with idiomas.en(elegido if elegido in idiomas.disponibles() else None):
            print(idiomas.t("cli.uso.error", error=err), file=sys.stderr)
            print(idiomas.t("cli.uso.ayuda"), file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader (`| head`) stopped listening: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("Interrumpido.", file=sys.stderr)
        return 130
