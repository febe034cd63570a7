"""The built pages without the engine's indentation (generator/publicacion/compactar.py): what a
browser shows is unchanged, and what keeps its blank space as written keeps it byte for byte."""
import re

from generator.publicacion.compactar import compactar


def test_cada_tramo_en_blanco_con_salto_queda_en_un_salto():
    html = "<ul>\n      <li>\n\n        <a href='x'>Uno</a>\n   \t  </li>\n    </ul>"
    assert compactar(html) == "<ul>\n<li>\n<a href='x'>Uno</a>\n</li>\n</ul>"


def test_un_espacio_que_no_se_corta_es_texto():
    assert compactar("<p>\n\u00a0Cifra:\u00a0\n  25</p>") == "<p>\n\u00a0Cifra:\u00a0\n25</p>"


def test_los_bordes_de_un_elemento_conservado_guardan_su_salto():
    assert compactar("a  \n <script>x\n  y</script>\n   b") == "a\n<script>x\n  y</script>\nb"
    assert compactar("<pre> x </pre>  c") == "<pre> x </pre>  c"


def test_el_blanco_sin_salto_no_cambia():
    html = "<p>Dos  espacios y\tun tabulador</p>"
    assert compactar(html) == html


def test_pre_textarea_script_y_style_quedan_como_estan():
    bloques = ["<pre class='c'>  linea 1\n\n    linea 2\n</pre>",
               "<TEXTAREA name=t>\n  texto\n\n  del usuario\n</TEXTAREA>",
               "<script>\n  var a = 1;\n\n  var b = 2;\n</script>",
               "<style>\n  .a { color: red; }\n\n</style>",
               '<script type="application/json">{\n  "a": 1\n}</script >']
    html = "<div>\n    " + "\n    ".join(bloques) + "\n  </div>"
    salida = compactar(html)
    for b in bloques:
        assert b in salida
    assert salida.startswith("<div>\n<pre")


def test_un_elemento_que_empieza_igual_no_es_pre():
    assert compactar("<preludio>\n   a\n</preludio>") == "<preludio>\na\n</preludio>"


def test_en_el_sitio_ninguna_pagina_tiene_sangria_y_los_scripts_siguen_permitidos(sitio):
    from generator.publicacion.seguridad import MARCA, politica
    paginas = sorted(sitio.rglob("*.html"))
    assert len(paginas) > 50
    for ruta in paginas:
        html = ruta.read_text(encoding="utf-8")
        fuera = re.sub(r"<(pre|textarea|script|style)\b.*?</\1\s*>", "<x>", html, flags=re.IGNORECASE | re.DOTALL)
        assert not re.search(r"\n[ \t]|\n\n", fuera), f"{ruta.relative_to(sitio)} conserva sangría o líneas en blanco"
        assert compactar(html) == html
        meta = re.search(rf"<meta {MARCA} content=\"[^\"]*\">", html).group(0)
        assert f'content="{politica(html.replace(meta, "", 1))}"' in meta


def test_la_configuracion_del_tema_recortada_nombra_el_script_de_busqueda_de_material():
    """overrides/main.html writes the theme's settings without its unused texts, and names its search
    worker as Material's own template does: after an upgrade of Material this fails until it is updated."""
    import re
    from pathlib import Path

    import material
    propio = (Path(__file__).parents[1] / "overrides" / "main.html").read_text(encoding="utf-8")
    tema = (Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")
    ruta = re.search(r'"(assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)"', tema).group(1)
    assert f'"{ruta}"' in propio
