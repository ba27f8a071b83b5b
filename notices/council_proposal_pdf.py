"""The draft proposal after a closed council: the province's decision for 3–4★ products, and a
separate request upwards for ≥ 90 points (the central council under QĐ 1048, the ministry
after) — never a provincial "QĐ-UBND" for 5 stars. A local council proposes to the province."""

from sqlalchemy.orm import Session

from notices.certificate_pdf import FAMILY, FONTS
from notices.council_sheet_pdf import SheetPdf
from states.db.models import Council, CouncilDossier, Dossier
from states.errors import RuleRefused
from states.evaluation.council_reads import agenda
from states.rules.points import format_points
from states.rules.rulebooks import Rulebook
from states.runtime import Runtime
from states.vocabulary import CouncilLevel, CouncilStatus


def upper_body(rulebook: Rulebook) -> str:
    """Who rates 5 stars: the central council under QĐ 1048, the ministry since QĐ 148/1489."""
    if rulebook.code.startswith("qd1048"):
        return "Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp trung ương"
    return "Bộ Nông nghiệp và Môi trường"


def _lines(session: Session, items: list[CouncilDossier]) -> list[str]:
    lines = []
    for item in items:
        dossier = session.get(Dossier, item.dossier_id)
        product = dossier.product.name if dossier is not None else ""
        lines.append(f"- Hồ sơ {item.dossier_id}, {product}: "
                     f"{format_points(item.average or 0)} điểm, {item.stars} sao")
    return lines or ["(không có)"]


def council_proposal_pdf(rt: Runtime, session: Session, council: Council) -> bytes:
    if council.status != CouncilStatus.CLOSED:
        raise RuleRefused(f"Hội đồng '{council.name}' chưa kết thúc phiên họp: chưa có dự thảo.")
    rulebook = rt.rules.get(council.round.rulebook_code)
    items = agenda(session, council.id)
    passed = [i for i in items if not i.failed_mandatory and i.average is not None]
    pdf = SheetPdf(orientation="P", unit="mm", format="A4")
    pdf.provisional = any(item.sheet_provisional for item in items)
    pdf.add_font(FAMILY, "", FONTS / "DejaVuSerif.ttf")
    pdf.add_font(FAMILY, "B", FONTS / "DejaVuSerif-Bold.ttf")
    pdf.set_title(f"Dự thảo đề nghị - {council.name}")
    pdf.add_page()
    sections: list[tuple[str, list[str]]]
    if council.level == CouncilLevel.LOCAL:
        up = [i for i in passed if (i.average or 0) >= rulebook.forwarding_threshold]
        sections = [(f"DỰ THẢO TỜ TRÌNH ĐỀ NGHỊ CẤP TỈNH ĐÁNH GIÁ, CÔNG NHẬN ({council.level_name}, "
                     f"từ {format_points(rulebook.forwarding_threshold)} điểm)", _lines(session, up))]
    else:
        top = [i for i in passed if (i.average or 0) >= rulebook.central_threshold]
        own = [i for i in passed if i not in top and (i.stars or 0) >= 3]
        sections = [("DỰ THẢO QUYẾT ĐỊNH CỦA UBND TỈNH CÔNG NHẬN SẢN PHẨM OCOP 3–4 SAO",
                     _lines(session, own)),
                    (f"DỰ THẢO TỜ TRÌNH ĐỀ NGHỊ {upper_body(rulebook).upper()} ĐÁNH GIÁ, CÔNG NHẬN "
                     "5 SAO (không công nhận bằng quyết định của UBND tỉnh)", _lines(session, top))]
    pdf.set_font(FAMILY, "", 10)
    pdf.multi_cell(0, 6, f"Theo kết quả {council.name}, theo {rulebook.title}.",
                   new_x="LMARGIN", new_y="NEXT")
    for title, lines in sections:
        pdf.ln(3)
        pdf.set_font(FAMILY, "B", 11)
        pdf.multi_cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", 10)
        for line in lines:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
