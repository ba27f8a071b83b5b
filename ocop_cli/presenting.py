"""How a dossier reads on the terminal: the reply to a step and `dossier show`."""

from typing import Any

from ocop_cli.output import emit_json, say, styled, table
from states.clock import format_date
from states.views.dossiers import DossierView


def show_dossier(view: DossierView) -> None:
    certificate = view.certificate
    rows: list[tuple[str, Any]] = [
        ("Hồ sơ", view.id),
        ("Trạng thái", f"{view.state_label} ({view.state})"),
        ("Đơn vị", view.unit),
        ("Sản phẩm", view.product),
        ("Chủ thể", view.producer),
        ("Đợt / quy định", f"{view.round_name + ' - ' if view.round_name else ''}{view.round} / "
                           f"{view.rulebook}"),
        ("Hạn xử lý", format_date(view.due_on) + (" (quá hạn)" if view.overdue else "")),
        ("Điểm cấp huyện / xã", view.district_points),
        ("Điểm cấp tỉnh", view.provincial_points),
    ]
    rows += preparation_rows(view)
    if certificate:
        rows.append(("Giấy chứng nhận", (
            f"{certificate.number}: {certificate.stars} sao, QĐ {certificate.decision}, "
            f"cấp {format_date(certificate.issued_on)}, "
            f"hết hạn {format_date(certificate.expires_on)} ({certificate.status})"
            + (f"; {certificate.issuer} cấp cho sản phẩm của {certificate.unit}"
               if certificate.issuer and certificate.unit else ""))))
    table(f"Hồ sơ số {view.id}", ["Mục", "Nội dung"], rows)


def preparation_rows(view: DossierView) -> list[tuple[str, Any]]:
    """Who prepared the dossier, and which parts the producer and a consultant did."""
    preparation = view.preparation
    if preparation is None:
        return [("Chuẩn bị hồ sơ", "chưa ghi nhận")]
    who = preparation.consultant or preparation.officer_name
    rows: list[tuple[str, Any]] = [
        ("Chuẩn bị hồ sơ", preparation.prepared_by_label + (f": {who}" if who else ""))]
    if preparation.by_consultant:
        rows.append(("Phần tư vấn làm", ", ".join(preparation.by_consultant)))
        rows.append(("Phần chủ thể tự làm", ", ".join(preparation.by_producer) or "không"))
    return rows


def moved(view: DossierView, as_json: bool) -> None:
    if as_json:
        emit_json(view)
        return
    due = format_date(view.due_on)
    say(styled(f"Hồ sơ {view.id} ({view.product}): ", (view.state_label, "bold"),
               (f", hạn {due}" if due else "") + "."))
