"""`make bench`: measure what the issues set targets for, on generated fichas.

Usage: python scripts/bench.py [--fichas N] [--solo resumen|hostiles|validacion|sitio|busqueda|3g|pdf]
By default the side-by-side summary (`resumen`): the build at 1,000 fichas against bare Material,
one ficha edited, validation of N fichas, the site's size at 1,000 and its estimate at N.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


from generator.config import FICHAS_DIR, ROOT, leer_configuracion  # noqa: E402
from generator.sintetico import generar  # noqa: E402


def bench_validacion(n: int, tmp: Path) -> None:
    from generator.validacion.validar import validar
    carpeta = tmp / f"fichas-{n}"
    generar(carpeta, n, FICHAS_DIR)
    t0 = time.perf_counter()
    res = validar(carpeta)
    dt = time.perf_counter() - t0
    print(f"validación: {n} fichas en {dt:.2f} s ({dt / n * 1000:.2f} ms por ficha); "
          f"{res.con_errores} con errores; objetivo < 10 s para 10.000")


def _correr(orden: list[str], env: dict | None = None) -> float:
    t0 = time.perf_counter()
    r = subprocess.run(orden, env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {})), cwd=ROOT,
                       capture_output=True, text=True)
    if r.returncode:
        raise SystemExit(f"{' '.join(orden[:4])} falló:\n{r.stdout}\n{r.stderr}")
    return time.perf_counter() - t0


def _mkdocs(config: Path, env: dict, destino: Path) -> float:
    return _correr([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(destino)], env)


def _entorno(n: int, tmp: Path, pdf: bool, nombre: str = "") -> dict:
    return {"CATALOGO_FICHAS": str(tmp / f"fichas-sitio-{n}"), "CATALOGO_GENERADO": str(tmp / f"obra{nombre}-{n}" / "paginas"),
            "CATALOGO_CACHE": str(tmp / f"cache-pdf-{n}"), "CATALOGO_PDF": "1" if pdf else "0"}


def construir_por_pasos(n: int, tmp: Path, pdf: bool = False, nombre: str = "",
                        idiomas: str | None = None) -> tuple[Path, dict[str, float]]:
    """`make site` as its three steps over N synthetic fichas: construir, the engine (MkDocs, once per
    language, at once), indexar. `idiomas`: another set than catalogo.yml's («es»: Spanish alone)."""
    carpeta = tmp / f"fichas-sitio-{n}"
    if not carpeta.exists():
        generar(carpeta, n, FICHAS_DIR)
    env = _entorno(n, tmp, pdf, nombre)
    if idiomas:
        env["CATALOGO_IDIOMAS"] = idiomas
    obra = Path(env["CATALOGO_GENERADO"]).parent
    sitio = obra / "site"
    pasos = {"construir": _correr([sys.executable, "-m", "generator", "construir"], env),
             "motor": _correr([sys.executable, "-m", "generator", "motor", str(sitio)], env),
             "indexar": _correr([sys.executable, "-m", "generator", "indexar", str(sitio)], env)}
    return sitio, pasos


def construir_catalogo(n: int, tmp: Path, pdf: bool = False) -> tuple[Path, float]:
    sitio, pasos = construir_por_pasos(n, tmp, pdf)
    return sitio, sum(pasos.values())


def material_desnudo(n: int, tmp: Path, paginas: Path) -> float:
    """The same ficha pages as bare Material pages: its defaults (its built-in search included, as
    the catalogue includes Pagefind), ficha pages kept out of the nav as in the catalogue."""
    desnudo = tmp / f"desnudo-{n}"
    if not desnudo.exists():
        shutil.copytree(paginas / "fichas", desnudo / "docs" / "fichas", ignore=shutil.ignore_patterns("*.pdf"))
        (desnudo / "docs" / "index.md").write_text("# Inicio\n", encoding="utf-8")
        (desnudo / "mkdocs.yml").write_text("site_name: Material desnudo\ntheme:\n  name: material\n"
                                            "nav:\n  - index.md\n", encoding="utf-8")
    shutil.rmtree(desnudo / "site", ignore_errors=True)
    return _mkdocs(desnudo / "mkdocs.yml", {}, desnudo / "site")


def bench_sitio(n: int, tmp: Path) -> None:
    """The catalogue's build next to the same ficha pages as bare Material pages."""
    n = min(n, 1000)
    sitio, pasos = construir_por_pasos(n, tmp, idiomas="es")
    t_catalogo = sum(pasos.values())
    t_desnudo = material_desnudo(n, tmp, sitio.parent / "paginas")
    print(f"sitio: {n} fichas en {t_catalogo:.1f} s (validar, generar, MkDocs y Pagefind, sin PDF); "
          f"las mismas {n} páginas con Material sin más (fuera de la navegación, con su buscador): {t_desnudo:.1f} s; "
          f"razón {t_catalogo / t_desnudo:.2f} (objetivo ≤ 1,3)")


def bytes_primera_busqueda(sitio: Path, ruta: str = "explorar/?q=regularizacion") -> dict[str, int]:
    """Bytes of search code and index a browser downloads to answer a first query
    (opening /explorar/?q=… or another explorer address: explorar.js, Pagefind's script, WebAssembly, metadata, index
    chunks, result fragments and, where the facets are on screen, the filter index for their
    counts; the page and theme assets are not counted), on a phone (360 px, the facets panel
    folded) and on a wide screen (1280 × 900 px, the panel open, its lower facets off screen)."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Silencioso(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Silencioso, directory=str(sitio)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    medidas = {}
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium",
                                  args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for nombre, ancho, alto in (("telefono", 360, 740), ("escritorio", 1280, 900)):
                ctx = b.new_context(viewport={"width": ancho, "height": alto})
                page = ctx.new_page()
                vistos: list[tuple[str, int]] = []
                page.on("requestfinished", lambda req, v=vistos: v.append((req.url, req.sizes()["responseBodySize"])))
                page.goto(base + ruta)
                page.wait_for_selector("#explorar[data-estado=listo]")
                page.wait_for_load_state("networkidle")
                medidas[nombre] = sum(n for url, n in vistos if "/pagefind/" in url or url.endswith("explorar.js"))
                ctx.close()
            b.close()
    finally:
        httpd.shutdown()
    return medidas


def bench_busqueda(n: int, tmp: Path) -> None:
    for cantidad in sorted({1000, n}):
        sitio, t = construir_catalogo(cantidad, tmp)
        total_pf = sum(f.stat().st_size for f in (sitio / "pagefind").rglob("*") if f.is_file()) / 1024
        for ruta in ("explorar/?q=regularizacion", "explorar/", "explorar/?q=registro&pais=CHL&tema=derechos-humanos"):
            m = {k: v / 1024 for k, v in bytes_primera_busqueda(sitio, ruta).items()}
            print(f"búsqueda: {cantidad} fichas, /{ruta} — teléfono {m['telefono']:.0f} KB, "
                  f"pantalla ancha {m['escritorio']:.0f} KB (objetivo ≤ 300 KB)")
        print(f"búsqueda: {cantidad} fichas — índice completo en disco {total_pf:.0f} KB; construcción {t:.0f} s. "
              "Cuentan explorar.js y todo lo de Pagefind: código, WebAssembly, metadatos, trozos del índice, "
              "fragmentos de los 20 primeros resultados y los filtros de las facetas a la vista "
              "(en el teléfono los filtros están plegados)")


# Chromium's slow 3G profile of the issue: 400 kb/s down, 400 ms round trip
TRES_G_LENTO = {"offline": False, "latency": 400, "downloadThroughput": 400 * 1000 / 8, "uploadThroughput": 400 * 1000 / 8}
MEDIR_CLS = """
window.__cls = 0;
new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
  .observe({ type: "layout-shift", buffered: true });
"""


def _servidor_como_github_pages():
    """A static server that compresses text and WebAssembly with gzip, as GitHub Pages does (the
    slow-3G time depends on it); Pagefind's own files are already compressed and go as they are."""
    import gzip
    import http.server

    class ComoGitHubPages(http.server.SimpleHTTPRequestHandler):
        COMPRIMIBLES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".pagefind")

        def log_message(self, *a):
            pass

        def send_head(self):
            ruta = self.translate_path(self.path.split("?")[0])
            if os.path.isdir(ruta):
                ruta = os.path.join(ruta, "index.html")
            if ("gzip" not in self.headers.get("Accept-Encoding", "") or not ruta.endswith(self.COMPRIMIBLES)
                    or not os.path.isfile(ruta)):
                return super().send_head()
            with open(ruta, "rb") as fh:
                datos = gzip.compress(fh.read(), mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(ruta))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(datos)))
            self.end_headers()
            import io
            return io.BytesIO(datos)

    return ComoGitHubPages


def en_3g_lento(sitio: Path, ruta: str = "explorar/?q=migrantes") -> dict[str, float]:
    """On a phone (360 × 740) over slow 3G: seconds from navigation to the first result card on
    screen (its place, laid out when the results are known), to the first card with its title and
    excerpt (its fragment arrived), and the page's cumulative layout shift until the search is ready."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright
    ComoGitHubPages = _servidor_como_github_pages()

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(ComoGitHubPages, directory=str(sitio)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium",
                                  args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            ctx = b.new_context(viewport={"width": 360, "height": 740})
            page = ctx.new_page()
            page.add_init_script(MEDIR_CLS)
            cdp = ctx.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.send("Network.emulateNetworkConditions", TRES_G_LENTO)
            t0 = time.perf_counter()
            page.goto(base + ruta, wait_until="commit", timeout=120_000)
            page.wait_for_selector("#explorar-lista li", timeout=120_000)
            primera = time.perf_counter() - t0
            page.wait_for_selector("#explorar-lista li.tarjeta:not(.tarjeta-cargando)", timeout=120_000)
            con_titulo = time.perf_counter() - t0
            page.wait_for_selector("#explorar[data-estado=listo]", timeout=120_000)
            cls = page.evaluate("window.__cls")
            b.close()
    finally:
        httpd.shutdown()
    return {"primera_tarjeta": primera, "con_titulo": con_titulo, "cls": cls}


# the same search in each interface: the explorer of every language (its own Pagefind index)
CONSULTA_3G = {"es": "explorar/?q=migrantes", "pt": "pt/explorar/?q=migrantes", "en": "en/explorar/?q=migrants"}


def bench_3g(n: int, tmp: Path) -> None:
    from generator.config import leer_configuracion as _leer
    for cantidad in sorted({1000, n}):
        try:
            sitio, _ = construir_catalogo(cantidad, tmp)
        except SystemExit as err:  # the site at N may not be publishable (its size budget): say why, go on
            motivo = next((l for l in str(err).splitlines() if "límite" in l), str(err).splitlines()[0])
            print(f"3G lento: {cantidad} fichas — no se midió: el sitio no se construyó ({motivo.strip()})")
            continue
        for codigo in _leer().idiomas:
            ruta = CONSULTA_3G.get(codigo, f"{codigo}/explorar/?q=migrantes")
            m = en_3g_lento(sitio, ruta)
            print(f"3G lento: {cantidad} fichas, /{ruta} en un teléfono — primera tarjeta a los "
                  f"{m['primera_tarjeta']:.1f} s (objetivo ≤ 4 s), con su título y extracto a los {m['con_titulo']:.1f} s; "
                  f"desplazamiento acumulado {m['cls']:.3f} (objetivo < 0,1)")


def bench_pdf(n: int, tmp: Path) -> None:
    """Cold build of every PDF at N fichas, then the whole site after editing one ficha."""
    n = min(n, 1000)
    _, sin_pdf = construir_por_pasos(n, tmp, pdf=False, nombre="-sinpdf")
    _, frio = construir_por_pasos(n, tmp, pdf=True, nombre="-pdf")
    pdfs = len(list((tmp / f"cache-pdf-{n}").glob("*.pdf")))
    editada = next((tmp / f"fichas-sitio-{n}").glob("*/*.yml"))
    editada.write_text(editada.read_text(encoding="utf-8").replace("resumen: |", "resumen: |\n  Texto editado.", 1),
                       encoding="utf-8")
    _, una = construir_por_pasos(n, tmp, pdf=True, nombre="-pdf")
    frio_t, sin_t, una_t = sum(frio.values()), sum(sin_pdf.values()), sum(una.values())
    print(f"pdf: {n} fichas — construcción en frío con todos los PDF {frio_t:.0f} s "
          f"({pdfs} PDF de ficha; {(frio_t - sin_t) / max(pdfs, 1):.2f} s por ficha con {os.cpu_count()} núcleos, "
          f"objetivo del conjunto ≤ 120 s); sitio completo tras editar una ficha {una_t:.1f} s (objetivo ≤ 15 s)")


def _pdf_de_muestra(tmp: Path) -> tuple[float, float, float]:
    """From the demo fichas built with every PDF: a ficha PDF's mean size, and a compilation's size
    as (bytes per byte of the ficha PDFs it gathers, fixed bytes for its cover and contents),
    fitted by least squares over the demo's compilations."""
    from generator.publicacion import construccion
    from generator.publicacion.pdf import grupos_de_compilacion
    config = leer_configuracion()
    op = construccion.Opciones(sitio_url=config.sitio_url, repo_url=config.repositorio, generado=tmp / "muestra-pdf" / "paginas",
                               cache=tmp / "muestra-pdf" / "cache", buscador=False)
    estado = construccion.construir(op)
    por_ficha = {f.id: (op.generado / f"{f.url.rstrip('/')}.pdf").stat().st_size for f in estado.fichas}
    media = sum(por_ficha.values()) / len(por_ficha)
    puntos = [(sum(por_ficha[f.id] for f in incluidas), (op.generado / ruta).stat().st_size)
              for _, _, ruta, incluidas in grupos_de_compilacion(estado.fichas)]
    n = len(puntos)
    mx, my = sum(x for x, _ in puntos) / n, sum(y for _, y in puntos) / n
    a = sum((x - mx) * (y - my) for x, y in puntos) / sum((x - mx) ** 2 for x, _ in puntos)
    return media, a, my - a * mx


def vista_previa(n: int, tmp: Path, nombre: str) -> float:
    """`make serve` over N fichas: seconds from saving an edited ficha to its page showing the edit."""
    import socket
    import urllib.request
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **_entorno(n, tmp, False, nombre))
    obra = Path(env["CATALOGO_GENERADO"]).parent
    subprocess.run([sys.executable, "-m", "generator", "construir"], env=env, cwd=ROOT, capture_output=True, check=True)
    vista = obra / "mkdocs-vista.yml"
    vista.write_text((obra / "mkdocs.yml").read_text(encoding="utf-8").replace("\nstrict: true", "\nstrict: false"),
                     encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        puerto = s.getsockname()[1]
    from urllib.parse import urlparse
    base = urlparse(leer_configuracion().sitio_url).path
    editada = sorted((tmp / f"fichas-sitio-{n}").glob("*/*.yml"))[3]
    url = f"http://127.0.0.1:{puerto}{base}fichas/{editada.parent.name}/{editada.stem}/"
    p = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(vista), "--dirty", "--dev-addr",
                          f"127.0.0.1:{puerto}"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def pagina() -> str:
        try:
            return urllib.request.urlopen(url, timeout=60).read().decode()
        except OSError:
            return ""

    try:
        t0 = time.perf_counter()
        while not pagina():
            if time.perf_counter() - t0 > 300:
                raise SystemExit("mkdocs serve no respondió")
            time.sleep(0.3)
        time.sleep(2)
        marca = f"Edición {time.time_ns()}"
        editada.write_text(editada.read_text(encoding="utf-8").replace("resumen: |", f"resumen: |\n  {marca}.", 1),
                           encoding="utf-8")
        t0 = time.perf_counter()
        while marca not in pagina():
            if time.perf_counter() - t0 > 120:
                raise SystemExit("la ficha editada no apareció en la vista previa")
            time.sleep(0.1)
        return time.perf_counter() - t0
    finally:
        p.terminate()
        p.wait()


def bench_resumen(n: int, tmp: Path) -> None:
    """Side by side, in one run: the build at 1,000 fichas against bare Material (paired runs),
    one ficha edited, validation of N fichas, the site's size at 1,000 and the estimate at N."""
    mil = 1000
    filas = []
    # 1. paired runs: the Spanish catalogue from nothing (no cache), then bare Material, twice
    pares = []
    for vuelta in range(2):
        obra = tmp / f"obra-frio{vuelta}-{mil}"
        shutil.rmtree(obra, ignore_errors=True)
        sitio, pasos = construir_por_pasos(mil, tmp, nombre=f"-frio{vuelta}", idiomas="es")
        pares.append((pasos, material_desnudo(mil, tmp, sitio.parent / "paginas")))
    pasos, desnudo = min(pares, key=lambda p: sum(p[0].values()) / p[1])
    razon = sum(pasos.values()) / desnudo
    filas.append(("construcción, 1.000 fichas sin PDF (español)",
                  f"{sum(pasos.values()):.1f} s (construir {pasos['construir']:.1f} + MkDocs {pasos['motor']:.1f} + "
                  f"indexar {pasos['indexar']:.1f}) frente a Material sin más {desnudo:.1f} s: razón {razon:.2f}",
                  "≤ 1,3"))
    # 1b. every language of catalogo.yml from nothing, twice as the Spanish alone above, the best against its best
    solo = min(sum(p[0].values()) for p in pares)
    corridas = []
    for nombre in ("-idiomas0", "-idiomas"):
        shutil.rmtree(tmp / f"obra{nombre}-{mil}", ignore_errors=True)
        corridas.append(construir_por_pasos(mil, tmp, nombre=nombre))
    sitio = corridas[-1][0]  # the one the next measures edit
    todos = min((c[1] for c in corridas), key=lambda pasos: sum(pasos.values()))
    from generator.config import leer_configuracion as _leer
    codigos = _leer().idiomas
    filas.append((f"{len(codigos)} idiomas vs solo español, 1.000 fichas",
                  f"{sum(todos.values()):.1f} s (construir {todos['construir']:.1f} + MkDocs {todos['motor']:.1f} + "
                  f"indexar {todos['indexar']:.1f}; {', '.join(codigos)}) frente a {solo:.1f} s: razón "
                  f"{sum(todos.values()) / solo:.2f}", "≤ 2"))
    # 2. one ficha edited: generation only (what `make serve` waits for), by content, in every language
    env = _entorno(mil, tmp, False, "-idiomas")
    editada = sorted((tmp / f"fichas-sitio-{mil}").glob("*/*.yml"))[7]
    editada.write_text(editada.read_text(encoding="utf-8").replace("resumen: |", "resumen: |\n  Texto editado.", 1),
                       encoding="utf-8")
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "generator", "construir"], env=dict(os.environ, **env), cwd=ROOT,
                       capture_output=True, text=True, check=True)
    una = time.perf_counter() - t0
    import re
    renderizadas = re.search(r"(\d+) páginas de ficha renderizadas", r.stdout).group(1)
    actualizados = re.search(r"(\d+) archivos actualizados", r.stdout).group(1)
    filas.append(("una ficha editada (generación)", f"{una:.1f} s: {renderizadas} página(s) de ficha renderizada(s), "
                  f"{actualizados} archivos reescritos", "rápido"))
    t_vista = vista_previa(mil, tmp, "-frio1")
    filas.append(("make serve: una ficha editada, visible", f"{t_vista:.1f} s", "≤ 2 s"))
    # 3. validation of N fichas, as `make validate` runs it
    carpeta = tmp / f"fichas-{n}"
    if not carpeta.exists():
        generar(carpeta, n, FICHAS_DIR)
    t_val = _correr([sys.executable, "-m", "generator", "validate", str(carpeta)])
    filas.append((f"validar {n:,} fichas".replace(",", "."), f"{t_val:.1f} s con {os.cpu_count()} núcleos",
                  "≤ 5 s (10.000)"))
    # 4. size: the site at 1,000 (no PDF) and the estimate at N with every PDF. What grows with the
    # fichas is measured, not assumed: the same languages at 500 fichas give the bytes each ficha adds
    # (its pages, their share of the index pages, data and search index); the theme, the forms and
    # the static pages stay as they are at 1,000.
    from generator.config import leer_configuracion
    from generator.publicacion.tamano import leer_limite, legible, medir
    limite = leer_limite(leer_configuracion().tamano_maximo)
    t1k = medir(sitio, limite)
    medio, _ = construir_por_pasos(mil // 2, tmp, nombre="-idiomas")
    por_ficha = (t1k.bytes - medir(medio, limite).bytes) / (mil - mil // 2)
    media, por_byte, fijo = _pdf_de_muestra(tmp)
    from generator.publicacion.modelo import desde_lectura
    from generator.publicacion.pdf import grupos_de_compilacion
    from generator.validacion.validar import validar
    fichas_1k = [desde_lectura(f) for f in validar(tmp / f"fichas-sitio-{mil}").fichas]
    escala = n / mil
    por_partes = n > leer_configuracion().compilaciones_completas_hasta
    grupos = grupos_de_compilacion(fichas_1k, por_partes)  # their sizes grow with N, their number does not
    sin_pdf = t1k.bytes + por_ficha * (n - mil)
    pdf_fichas = media * n
    pdf_compilaciones = sum(por_byte * media * len(g[3]) * escala + fijo for g in grupos)
    total = sin_pdf + pdf_fichas + pdf_compilaciones
    filas.append(("sitio con 1.000 fichas, sin PDF", f"{legible(t1k.bytes)} en {t1k.archivos} archivos", ""))
    filas.append((f"estimación con {n:,} fichas y todos los PDF".replace(",", "."),
                  f"{legible(int(total))}: páginas y datos {legible(int(sin_pdf))} ({legible(int(por_ficha))} por ficha), PDF de ficha {legible(int(pdf_fichas))}, "
                  f"compilaciones {legible(int(pdf_compilaciones))} ({len(grupos)}, "
                  f"{'solo por país' if por_partes else 'catálogo, países, temas y categorías'})", f"< {legible(limite)}"))
    carga = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} núcleos; carga de la máquina (1, 5, 15 min): {carga}: otros procesos alargan los tiempos")
    ancho = max(len(f[0]) for f in filas)
    print(f"{'medida'.ljust(ancho)} | resultado | objetivo")
    for nombre, valor, objetivo in filas:
        print(f"{nombre.ljust(ancho)} | {valor} | {objetivo}")


def _proceso(args: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and exit code of one command, in its own process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, estado, uso = os.wait4(proc.pid, 0)
    return time.perf_counter() - t0, uso.ru_maxrss / 1024, os.waitstatus_to_exitcode(estado)


def bench_hostiles(n: int, tmp: Path) -> None:
    """What a hostile file costs before it is refused: the 40,000-item list, 1,000 nested «[», and a
    Word zip bomb (a .docx of 1 MB whose document.xml unpacks to 400 MB)."""
    import zipfile
    casos = ROOT / "tests" / "casos" / "invalidas"
    for nombre in ("lista-enorme", "anidamiento-profundo"):
        dt, mb, rc = _proceso([sys.executable, "-m", "generator", "validate", "fichas"], casos / nombre)
        print(f"hostil {nombre}: rechazado en {dt:.2f} s, memoria máxima {mb:.0f} MB (salida {rc}; objetivo < 5 s)")
    claves = tmp / "claves" / "fichas" / "arg"
    claves.mkdir(parents=True)
    texto = (casos.parent / "validas" / "fichas" / "arg" / "minima.yml").read_text(encoding="utf-8")
    (claves / "x.yml").write_text((texto + "".join(f"k{i}: 1\n" for i in range(30000)))[:250_000], encoding="utf-8")
    dt, mb, rc = _proceso([sys.executable, "-m", "generator", "validate", "fichas"], claves.parent.parent)
    print(f"hostil 25.000 claves desconocidas: rechazado en {dt:.2f} s, memoria máxima {mb:.0f} MB (salida {rc}; objetivo < 5 s)")
    bomba = tmp / "bomba.docx"
    with zipfile.ZipFile(bomba, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as fh:
            bloque = b" " * (1 << 20)
            for _ in range(400):
                fh.write(bloque)
    dt, mb, rc = _proceso([sys.executable, "-m", "generator", "importar", str(bomba), "--salida", str(tmp / "bomba.yml")], tmp)
    print(f"hostil bomba .docx ({bomba.stat().st_size // 1024} KB): rechazada en {dt:.2f} s, memoria máxima {mb:.0f} MB "
          f"(salida {rc}; objetivo < 300 MB)")



MEDIDAS = {"resumen": bench_resumen, "hostiles": bench_hostiles, "validacion": bench_validacion, "sitio": bench_sitio,
           "busqueda": bench_busqueda, "3g": bench_3g, "pdf": bench_pdf}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--fichas", type=int, default=10_000)
    ap.add_argument("--solo", choices=sorted(MEDIDAS), action="append")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="catalogo-bench-"))
    try:
        for nombre in args.solo or ["resumen", "hostiles"]:
            MEDIDAS[nombre](args.fichas, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
