"""The serif family every printed paper uses (DejaVu Serif, regular and bold: Vietnamese
throughout), read and measured once per process. fpdf2's add_font parses the whole font file
for each document (some 40 ms a style, most of a short paper's cost); each document gets a copy
of the parsed font instead, with the parts fpdf2 changes while it writes one of its own."""

import copy
from functools import cache
from io import BytesIO
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

FONTS = Path(__file__).parent / "fonts"
FAMILY = "DejaVuSerif"
STYLES = {"": "DejaVuSerif.ttf", "B": "DejaVuSerif-Bold.ttf"}


@cache
def _parsed(style: str) -> TTFFont:
    """The font as fpdf2's add_font makes it; never given to a document itself, so that no
    document (nor thread) sees another's. A first call made twice at once by two threads only
    parses it twice."""
    return TTFFont(FPDF(), FONTS / STYLES[style], f"{FAMILY.lower()}{style}", style)


@cache
def _font_file(style: str) -> bytes:
    return (FONTS / STYLES[style]).read_bytes()


def _for_document(pdf: FPDF, style: str) -> TTFFont:
    parsed = _parsed(style)
    font = copy.copy(parsed)  # the measures (cmap, glyph ids, descriptor) shared: only read
    font.i = len(pdf.fonts) + 1
    # Writing the PDF cuts the font file down to the glyphs used, in place: each document
    # has its own, opened lazily from the bytes read once.
    font.ttfont = TTFont(BytesIO(_font_file(style)), recalcTimestamp=False, lazy=True)
    # What the document fills in as it is written: widths looked up (a defaultdict adds each
    # missing character), glyphs used, missing, the largest size.
    font.cw = copy.copy(parsed.cw)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.subset = SubsetMap(font)
    return font


def embed_fonts(pdf: FPDF) -> None:
    """The family, regular and bold, made available to `pdf` (as pdf.add_font would)."""
    for style in STYLES:
        font = _for_document(pdf, style)
        pdf.fonts[font.fontkey] = font
