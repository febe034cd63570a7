"""One copy of each typeface in a compilation.

Each ficha's PDF carries its own subset of the typefaces it uses (WeasyPrint embeds only the glyphs
a ficha needs): joined into a compilation, the book held one subset per ficha and face, half of its
bytes. WeasyPrint's subsets keep each glyph the text uses at its index in the typeface (the text
names glyphs by index: /CIDToGIDMap /Identity), so the fichas' subsets of one face can become one
font program: every glyph any ficha's text uses, at its own index. The parts of a composite glyph
(the tilde of «ñ») are not at their index in a subset — they are appended after the last glyph the
text uses, at a place that differs between fichas — so they are copied after all the others, under
names of their own. Each ficha keeps its own font dictionary (its widths, its text-to-Unicode map);
only the embedded font program is shared.

Which glyphs a ficha's text uses is read from its font's widths (/W), not guessed from the subset.
Anything unexpected — another kind of font, one fontTools cannot read — leaves that face as it was:
the book is then larger, never wrong.
"""
from __future__ import annotations

import io
import struct
from collections import defaultdict

# Part of the compilations' cache key: a change here rebuilds them.
VERSION = "3"

# Tables of a subset that name glyphs (and would name glyphs the union renames) or that a PDF viewer
# does not read from an embedded CID font: the union leaves them out.
_SIN_USO = ("GDEF", "GSUB", "GPOS", "MATH", "BASE", "JSTF", "kern", "morx", "DSIG")


def _nombre(descriptor) -> str:
    """The face's name without its subset tag (ABCDEF+DejaVu-Sans → DejaVu-Sans)."""
    return str(descriptor.get("/FontName", "")).lstrip("/").split("+", 1)[-1]


def glifos_usados(ancho) -> set[int]:
    """The glyph indices a CID font's /W array gives widths for: `c [w1 w2 …]` and `c1 c2 w`."""
    usados, i, w = set(), 0, list(ancho)
    while i < len(w):
        primero = int(w[i])
        if i + 1 < len(w) and not isinstance(w[i + 1], (int, float)) and hasattr(w[i + 1], "__len__"):
            usados.update(range(primero, primero + len(w[i + 1])))
            i += 2
        else:
            usados.update(range(primero, int(w[i + 1]) + 1))
            i += 3
    return usados


class _Subconjunto:
    """One ficha's subset of a face, read table by table (struct, not fontTools: a book opens
    hundreds of them): its glyphs by index and their horizontal metrics."""

    def __init__(self, programa: bytes, usados: set[int]):
        tablas = {}
        for i in range(struct.unpack(">H", programa[4:6])[0]):
            etiqueta, _, desde, largo = struct.unpack(">4sIII", programa[12 + 16 * i:28 + 16 * i])
            tablas[etiqueta.decode("latin-1")] = programa[desde:desde + largo]
        self.glyf, hmtx = tablas["glyf"], tablas["hmtx"]
        cantidad = struct.unpack(">H", tablas["maxp"][4:6])[0]
        largo = struct.unpack(">h", tablas["head"][50:52])[0]  # offsets as 32-bit bytes, or 16-bit halves
        self.escala = 1 if largo else 2
        self.loca = struct.unpack(f">{cantidad + 1}{'I' if largo else 'H'}", tablas["loca"][:(4 if largo else 2) * (cantidad + 1)])
        metricas = struct.unpack(">H", tablas["hhea"][34:36])[0]
        self.avances = struct.unpack(f">{2 * metricas}h", hmtx[:4 * metricas])
        self.resto = hmtx[4 * metricas:]
        self.metricas, self.cantidad = metricas, cantidad
        # the glyphs at their index in the typeface: those the text uses and everything before the
        # last of them; after it, the parts of composite glyphs, renumbered by the subsetter
        self.retenidos = max(usados, default=0) + 1

    def glifo(self, i: int) -> bytes:
        return self.glyf[self.escala * self.loca[i]:self.escala * self.loca[i + 1]] if i < self.cantidad else b""

    def metrica(self, i: int) -> tuple[int, int]:
        if i < self.metricas:
            return self.avances[2 * i] & 0xFFFF, self.avances[2 * i + 1]
        j = 2 * (i - self.metricas)
        lsb = struct.unpack(">h", self.resto[j:j + 2])[0] if j + 2 <= len(self.resto) else 0
        return self.avances[-2] & 0xFFFF, lsb


# A composite glyph's component record: flags, glyph index, then arguments and scale by its flags.
_PALABRAS, _ESCALA, _MAS, _ESCALA_XY, _DOS_POR_DOS = 0x0001, 0x0008, 0x0020, 0x0040, 0x0080


def _partes(datos: bytes):
    """The offsets of the component indices in a composite glyph's data (none in a simple one)."""
    if len(datos) < 10 or struct.unpack(">h", datos[:2])[0] >= 0:
        return
    i = 10
    while True:
        banderas = struct.unpack(">H", datos[i:i + 2])[0]
        yield i + 2
        i += 4 + (4 if banderas & _PALABRAS else 2)
        i += 2 if banderas & _ESCALA else 4 if banderas & _ESCALA_XY else 8 if banderas & _DOS_POR_DOS else 0
        if not banderas & _MAS:
            return


def _union(partes: list[tuple[bytes, set[int]]]) -> bytes | None:
    """One TrueType font program with every glyph each subset's text uses at its own index, and the
    parts of composite glyphs after them."""
    from fontTools.ttLib import TTFont, newTable  # function-level: fontTools (through WeasyPrint) loads only for compilations
    from fontTools.ttLib.tables._c_m_a_p import cmap_classes
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    subconjuntos = [_Subconjunto(p, u) for p, u in partes]
    tope = max(s.retenidos for s in subconjuntos)
    glifos: dict[int, bytes] = {}
    metricas: dict[int, tuple[int, int]] = {}
    agregados: dict[tuple[int, int], int] = {}

    def poner(n: int, i: int, destino: int) -> None:
        s = subconjuntos[n]
        glifos[destino] = b""  # taken before its parts are placed (a part never refers back)
        datos = bytearray(s.glifo(i))
        for donde in list(_partes(bytes(datos))):
            parte = struct.unpack(">H", datos[donde:donde + 2])[0]
            datos[donde:donde + 2] = struct.pack(">H", indice(n, parte))
        glifos[destino], metricas[destino] = bytes(datos), s.metrica(i)

    def indice(n: int, i: int) -> int:
        """Where glyph i of subset n goes in the union."""
        if i < subconjuntos[n].retenidos:
            if i not in glifos:
                poner(n, i, i)
            return i
        if (n, i) not in agregados:
            agregados[n, i] = tope + len(agregados)
            poner(n, i, agregados[n, i])
        return agregados[n, i]

    for n, (_, usados) in enumerate(partes):
        for i in sorted(usados):
            if i >= subconjuntos[n].cantidad:
                return None
            indice(n, i)
    total = tope + len(agregados)
    orden = [".notdef"] + [f"g{i:05d}" for i in range(1, total)]
    fuente = TTFont(io.BytesIO(partes[0][0]), recalcTimestamp=False)  # the same book, byte for byte
    fuente.setGlyphOrder(orden)
    for tabla in (*_SIN_USO, "glyf", "loca", "hmtx", "cmap", "post", "hdmx", "VDMX", "LTSH"):
        if tabla in fuente:
            del fuente[tabla]
    glyf = newTable("glyf")
    glyf.glyphOrder = orden
    glyf.glyphs = {nombre: Glyph(glifos.get(i, b"")) for i, nombre in enumerate(orden)}
    fuente["glyf"], fuente["loca"] = glyf, newTable("loca")
    hmtx = newTable("hmtx")
    hmtx.metrics = {nombre: metricas.get(i, (0, 0)) for i, nombre in enumerate(orden)}
    fuente["hmtx"] = hmtx
    mapa = cmap_classes[4](4)  # the text names glyphs by index: no character map is read
    mapa.platformID, mapa.platEncID, mapa.language, mapa.cmap = 3, 1, 0, {}
    fuente["cmap"] = newTable("cmap")
    fuente["cmap"].tableVersion, fuente["cmap"].tables = 0, [mapa]
    post = newTable("post")
    post.formatType, post.italicAngle, post.underlinePosition, post.underlineThickness = 3.0, 0, -100, 50
    post.isFixedPitch = post.minMemType42 = post.maxMemType42 = post.minMemType1 = post.maxMemType1 = 0
    fuente["post"] = post
    salida = io.BytesIO()
    fuente.save(salida)
    return salida.getvalue()


def unir_fuentes(pdf) -> int:
    """Share one font program per TrueType face among the fichas of a compilation (a pikepdf.Pdf).
    Returns how many faces were joined."""
    import pikepdf  # function-level: pikepdf (native) loads only when a PDF is post-processed

    por_cara: dict[str, list] = defaultdict(list)
    for objeto in pdf.objects:
        if isinstance(objeto, pikepdf.Dictionary) and objeto.get("/Subtype") == pikepdf.Name.CIDFontType2:
            descriptor = objeto.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor and "/W" in objeto \
                    and objeto.get("/CIDToGIDMap") == pikepdf.Name.Identity:
                por_cara[_nombre(descriptor)].append((descriptor, objeto.W))
    unidas = 0
    for cara in sorted(por_cara):
        descriptores = por_cara[cara]
        if len({d.FontFile2.objgen for d, _ in descriptores}) < 2:
            continue
        try:
            union = _union([(bytes(d.FontFile2.read_bytes()), glifos_usados(w)) for d, w in descriptores])
        except Exception:  # a font fontTools cannot read or write: this face stays as WeasyPrint wrote it
            union = None
        if union is None:
            continue
        compartido = pikepdf.Stream(pdf, union)
        compartido.Length1 = len(union)
        for d, _ in descriptores:
            d.FontFile2 = compartido
        unidas += 1
    return unidas
