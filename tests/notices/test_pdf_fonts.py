"""The printed papers' fonts are parsed once per process, and a paper made with them is the very
file fpdf2's own add_font gives, whatever was printed before it and in however many threads."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import pytest
from fpdf import FPDF
from fpdf.fonts import TTFFont

from notices import pdf_fonts
from notices.council_sheet_pdf import SheetPdf, council_paper, say
from notices.pdf_fonts import FAMILY, FONTS, STYLES

# Each uses other letters (Vietnamese diacritics, bold and regular): a font's subset made for
# one paper must not leak into the next.
TEXTS = ["Biên bản họp hội đồng đánh giá sản phẩm OCOP tỉnh Bắc Giang",
         "Vải thiều Lục Ngạn sấy khô — HTX Phượng Sơn, 78,5 điểm, hạng 4 sao",
         "ĐỘC LẬP - TỰ DO - HẠNH PHÚC; Mật ong rừng Yên Thế: ỹ ữ ặ ẳ ổ ợ ự",
         "Gà đồi Yên Thế (PDF, JPEG hoặc PNG): 0123456789 ½ № €"]
AT = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)


def paper(text: str, pdf: FPDF | None = None) -> bytes:
    """A council paper holding `text` twice, regular then bold; `pdf` given: that one, its
    fonts already added."""
    pdf = pdf or council_paper("Biên bản", provisional=True)
    say(pdf, text)
    say(pdf, text[::-1], bold=True, size=12)
    pdf.set_creation_date(AT)
    return bytes(pdf.output())


def with_add_font(text: str) -> bytes:
    """The same paper with the fonts added by fpdf2 itself, as before."""
    plain = SheetPdf(orientation="P", unit="mm", format="A4")
    plain.provisional = True
    for style, name in STYLES.items():
        plain.add_font(FAMILY, style, FONTS / name)
    plain.set_title("Biên bản")
    plain.add_page()
    return paper(text, plain)


def test_a_paper_is_the_file_fpdf2s_own_add_font_makes() -> None:
    expected = [with_add_font(text) for text in TEXTS]
    assert [paper(text) for text in TEXTS] == expected
    assert [paper(text) for text in reversed(TEXTS)] == expected[::-1]  # in another order too
    assert len(set(expected)) == len(TEXTS)


def test_each_font_is_parsed_once_however_many_papers(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    init = TTFFont.__init__

    def counted(self: TTFFont, *args: Any, **kwargs: Any) -> None:
        parsed.append(str(args[1]))
        init(self, *args, **kwargs)

    monkeypatch.setattr(TTFFont, "__init__", counted)
    pdf_fonts._parsed.cache_clear()
    for text in TEXTS * 3:
        paper(text)
    assert sorted(parsed) == sorted(str(FONTS / name) for name in STYLES.values())


def test_papers_made_at_once_in_threads_are_each_right() -> None:
    pdf_fonts._parsed.cache_clear()  # the first parse raced too
    expected = {text: with_add_font(text) for text in TEXTS}
    with ThreadPoolExecutor(8) as pool:
        made = list(pool.map(paper, TEXTS * 6))
    assert made == [expected[text] for text in TEXTS * 6]
