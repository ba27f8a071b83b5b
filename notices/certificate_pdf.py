"""The printed certificate: one A4 landscape page in Vietnamese (issuer, product, producer,
stars, the decision, the validity) with a QR code linking to its public page."""

import math
from io import BytesIO

import segno
from fpdf import FPDF

from notices.pdf_fonts import FAMILY, embed_fonts
from states.registry.printable import Printable
from states.rules.points import format_points

GREEN = (27, 94, 32)
GOLD = (212, 160, 23)
WIDTH, HEIGHT = 297, 210  # A4 landscape, millimetres
QR_SIZE = 38


def _page() -> FPDF:
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    embed_fonts(pdf)
    pdf.set_title("Giấy chứng nhận sản phẩm OCOP")
    pdf.add_page()
    pdf.set_draw_color(*GREEN)
    pdf.set_line_width(1.6)
    pdf.rect(8, 8, WIDTH - 16, HEIGHT - 16)
    pdf.set_line_width(0.4)
    pdf.rect(11, 11, WIDTH - 22, HEIGHT - 22)
    return pdf


def _line(pdf: FPDF, text: str, size: float, *, bold: bool = False, x: float = 20,
          width: float = WIDTH - 40, height: float = 8, align: str = "C") -> None:
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.set_x(x)
    # A long product or producer name wraps instead of running off the page.
    pdf.multi_cell(width, height, text, align=align, new_x="LMARGIN", new_y="NEXT")


def _header(pdf: FPDF, issuer: str) -> None:
    pdf.set_text_color(0, 0, 0)
    pdf.set_y(18)
    _line(pdf, issuer.upper(), 10.5, bold=True, x=16, width=120, height=6)
    pdf.set_y(18)
    _line(pdf, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 10.5, bold=True, x=WIDTH - 136, width=120,
          height=6)
    _line(pdf, "Độc lập - Tự do - Hạnh phúc", 10.5, bold=True, x=WIDTH - 136, width=120, height=6)


def _star(x: float, y: float, radius: float) -> list[tuple[float, float]]:
    """A five-pointed star, one point up (the page's y axis points down)."""
    return [(x + r * math.cos(a), y + r * math.sin(a))
            for i in range(10)
            for r, a in [(radius if i % 2 == 0 else radius * 0.382, math.radians(-90 + 36 * i))]]


def _stars(pdf: FPDF, count: int, y: float) -> None:
    pdf.set_fill_color(*GOLD)
    pdf.set_draw_color(*GOLD)
    left = WIDTH / 2 - (count - 1) * 7
    for index in range(count):
        pdf.polygon(_star(left + index * 14, y, 6), style="F")


def _qr(pdf: FPDF, url: str) -> None:
    image = BytesIO()
    segno.make_qr(url, error="m").save(image, kind="png", scale=8, border=2)
    image.seek(0)
    pdf.image(image, x=WIDTH - 20 - QR_SIZE, y=HEIGHT - 22 - QR_SIZE, w=QR_SIZE, h=QR_SIZE)
    pdf.set_y(HEIGHT - 22)
    _line(pdf, "Quét mã để tra cứu", 8, x=WIDTH - 26 - QR_SIZE, width=QR_SIZE + 12, height=4)


def formal(issuer: str) -> str:
    """A letter's "UBND tỉnh Bắc Giang" written out, as a certificate prints it."""
    return "Ủy ban nhân dân " + issuer.removeprefix("UBND ") if issuer.startswith("UBND ") else issuer


def certificate_pdf(paper: Printable, url: str) -> bytes:
    """The certificate, and the QR code of `url` (its public page)."""
    entry = paper.entry
    issuer = formal(paper.issuer)
    pdf = _page()
    _header(pdf, issuer)
    pdf.set_y(44)
    pdf.set_text_color(*GREEN)
    _line(pdf, "GIẤY CHỨNG NHẬN", 30, bold=True, height=14)
    _line(pdf, "SẢN PHẨM ĐẠT CHUẨN OCOP", 17, bold=True, height=9)
    pdf.set_text_color(0, 0, 0)
    _line(pdf, "Chương trình Mỗi xã một sản phẩm", 11, height=6)
    _stars(pdf, entry.stars, 90)
    pdf.set_y(98)
    _line(pdf, f"Hạng {entry.stars} sao ({format_points(paper.points)} điểm)", 13, bold=True)
    _line(pdf, f"Sản phẩm: {entry.product}", 15, bold=True, height=9)
    _line(pdf, f"Nhóm sản phẩm: {paper.group}", 11, height=7)
    _line(pdf, f"Chủ thể: {entry.producer}", 12, height=7)
    place = ", ".join(p for p in (paper.commune, entry.unit) if p)
    _line(pdf, f"Địa chỉ: {place}", 11, height=7)
    _line(pdf, f"Công nhận theo Quyết định số {entry.decision} ngày "
               f"{entry.decided_on:%d/%m/%Y} của {issuer}", 11, height=7)
    _line(pdf, f"Giấy chứng nhận có giá trị {paper.months} tháng, đến ngày "
               f"{entry.expires_on:%d/%m/%Y}", 11, bold=True, height=7)
    pdf.set_y(HEIGHT - 30)
    _line(pdf, f"Số: {entry.number}", 10, x=20, width=120, height=5, align="L")
    _qr(pdf, url)
    return bytes(pdf.output())
