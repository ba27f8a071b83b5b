"""A member's score sheet printed (A4 portrait, Vietnamese): criterion by criterion with the
option chosen, the totals per part, the mandatory criteria failed; "TẠM THỜI" on every page of
a provisional sheet. The council's other papers (minutes, proposal) start their pages here."""

from fpdf import FPDF

from notices.pdf_fonts import FAMILY, embed_fonts
from states.evaluation.council_results import SheetView
from states.rules.points import format_points

WIDTH = 210
COLUMNS = ((12, "Mã"), (104, "Tiêu chí"), (24, "Lựa chọn"), (20, "Điểm"), (20, "Tối đa"))


class SheetPdf(FPDF):
    provisional = False

    def header(self) -> None:
        if self.provisional:
            self.set_font(FAMILY, "B", 9)
            self.set_text_color(180, 0, 0)
            self.cell(0, 5, "TẠM THỜI: phiếu chưa được đối chiếu với văn bản chính thức",
                      align="C", new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(0, 0, 0)


def council_paper(title: str, provisional: bool) -> SheetPdf:
    """A council's A4 portrait paper, its first page open: the certificate's fonts, and
    "TẠM THỜI" atop every page when a sheet it rests on is provisional."""
    pdf = SheetPdf(orientation="P", unit="mm", format="A4")
    pdf.provisional = provisional
    embed_fonts(pdf)
    pdf.set_title(title)
    pdf.add_page()
    return pdf


def say(pdf: FPDF, text: str, bold: bool = False, size: float = 10) -> None:
    """A paragraph across the page."""
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")


def _row(pdf: SheetPdf, cells: tuple[str, ...], bold: bool = False) -> None:
    pdf.set_font(FAMILY, "B" if bold else "", 9)
    for (width, _), text in zip(COLUMNS, cells, strict=True):
        pdf.cell(width, 6, text, border=1)
    pdf.ln()


def member_sheet_pdf(view: SheetView, council: str, product: str) -> bytes:
    pdf = council_paper(f"Phiếu đánh giá - hồ sơ {view.dossier_id} - {view.member_name}",
                        view.provisional)
    pdf.set_font(FAMILY, "B", 13)
    pdf.multi_cell(0, 7, "PHIẾU ĐÁNH GIÁ, CHẤM ĐIỂM SẢN PHẨM OCOP", align="C",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 10)
    for heading in (f"{view.sheet_title} ({view.sheet_code}){view.provisional_note}",
                 f"Hội đồng: {council}", f"Hồ sơ số {view.dossier_id}: {product}",
                 f"Thành viên: {view.member_name}; "
                 f"{'đã nộp' if view.status == 'submitted' else 'chưa nộp (nháp)'}"):
        pdf.multi_cell(0, 6, heading, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    _row(pdf, tuple(title for _, title in COLUMNS), bold=True)
    for part, points in view.parts.items():
        _row(pdf, (part, f"Phần {part}", "", format_points(points),
                   format_points(view.part_maxima[part])), bold=True)
        for line in (li for li in view.lines if li.part == part):
            text = line.text + (" (bắt buộc)" if line.mandatory else "")
            _row(pdf, (line.code, text[:70], line.option or "",
                       "" if line.points is None else format_points(line.points),
                       format_points(line.best)))
    _row(pdf, ("", "TỔNG ĐIỂM", "", format_points(view.total), "100"), bold=True)
    pdf.ln(3)
    pdf.set_font(FAMILY, "", 10)
    if view.failed_mandatory:
        pdf.multi_cell(0, 6, "Tiêu chí bắt buộc không đạt: " + ", ".join(view.failed_mandatory),
                       new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.cell(0, 6, "Người chấm (ký, ghi rõ họ tên)", align="R", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
