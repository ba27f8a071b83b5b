"""The draft proposal after a closed council: the province's decision for 3–4★ products, and a
separate request upwards for ≥ 90 points (the central council under QĐ 1048, the ministry
after) — never a provincial "QĐ-UBND" for 5 stars. A local council proposes to the province."""

from sqlalchemy.orm import Session

from notices.council_sheet_pdf import council_paper, say
from states.db.models import Council, CouncilDossier
from states.errors import RuleRefused
from states.evaluation.council_reads import agenda, product_names
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
    products = product_names(session, [item.dossier_id for item in items])
    lines = [f"- Hồ sơ {item.dossier_id}, {products.get(item.dossier_id, '')}: "
             f"{format_points(item.average or 0)} điểm, {item.stars} sao" for item in items]
    return lines or ["(không có)"]


def council_proposal_pdf(rt: Runtime, session: Session, council: Council) -> bytes:
    if council.status != CouncilStatus.CLOSED:
        raise RuleRefused(f"Hội đồng '{council.name}' chưa kết thúc phiên họp: chưa có dự thảo.")
    rulebook = rt.rules.get(council.round.rulebook_code)
    items = agenda(session, council.id)
    passed = [i for i in items if not i.failed_mandatory and i.average is not None]
    pdf = council_paper(f"Dự thảo đề nghị - {council.name}",
                        any(item.sheet_provisional for item in items))
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
    say(pdf, f"Theo kết quả {council.name}, theo {rulebook.title}.")
    for title, lines in sections:
        pdf.ln(3)
        say(pdf, title, bold=True, size=11)
        for line in lines:
            say(pdf, line)
    return bytes(pdf.output())
