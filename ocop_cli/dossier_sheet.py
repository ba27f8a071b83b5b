"""`ocop dossier show` on the terminal: one table of labels and dd/mm/yyyy, no codes."""

from typing import TYPE_CHECKING, Any

from ocop_cli.output import table
from ocop_cli.presenting import preparation_rows
from states.clock import format_date
from states.rules.points import format_points
from states.vocabulary import label

if TYPE_CHECKING:
    from states.dossiers.sheet import CertificateView
    from states.lifecycle.steps import StepOption
    from use_cases.dossier_sheet import DossierSheet

Rows = list[tuple[str, Any]]


def show_sheet(sheet: "DossierSheet") -> None:
    rows: Rows = [
        ("Hồ sơ", sheet.id),
        ("Trạng thái", sheet.state_label),
        ("Đơn vị", sheet.unit),
        ("Sản phẩm", f"{sheet.product} ({product_kind(sheet)})"),
        ("Chủ thể", sheet.producer),
        ("Đợt / quy định", f"{sheet.round_name or 'Đợt ' + sheet.round} / {sheet.rulebook_title}"),
        ("Hạn xử lý", _due(sheet)),
    ]
    rows += _evaluation_rows(sheet)
    rows += preparation_rows(sheet)
    if sheet.certificate:
        rows += _certificate_rows(sheet.certificate, sheet)
    rows.append(("Bước tiếp theo", "\n".join(_step(s) for s in sheet.allowed_steps)
                 or "không còn bước nào"))
    table(f"Hồ sơ số {sheet.id}", ["Mục", "Nội dung"], rows)


def product_kind(sheet: "DossierSheet") -> str:
    """"Thực phẩm, phân nhóm Mật ong, …": the group, and the sub-group when declared."""
    return sheet.group_name + (f", phân nhóm {sheet.subgroup_name}" if sheet.subgroup_name else "")


def _step(step: "StepOption") -> str:
    """"✓ Mở đánh giá lại", or "✗ Cho hết hiệu lực: giấy chứng nhận chưa đến ngày hết hạn."."""
    name = step.label[:1].upper() + step.label[1:]
    if step.allowed:
        return f"✓ {name}"
    # The guard's sentence repeats the step ("Không thể cho hết hiệu lực: …"): keep the why.
    return f"✗ {name}: {(step.reason or '').removeprefix(f'Không thể {step.label}: ')}"


def _due(sheet: "DossierSheet") -> str:
    due = format_date(sheet.due_on) or "không có"
    if sheet.working_days_late:
        return f"{due} (trễ {sheet.working_days_late} ngày làm việc)"
    return due + (" (quá hạn)" if sheet.overdue else "")


def _evaluation_rows(sheet: "DossierSheet") -> Rows:
    rows: Rows = []
    for inspection in sheet.inspections:
        rows.append(("Kiểm tra thực tế", "; ".join(filter(None, [
            format_date(inspection.on), ", ".join(inspection.inspectors),
            f"biên bản số {inspection.minutes_ref}" if inspection.minutes_ref else None]))))
    if not sheet.inspections:
        rows.append(("Kiểm tra thực tế", "chưa kiểm tra"))
    for council in sheet.score_sheets:
        members = "; ".join(format_points(p) for p in council.members)
        points = (f"thành viên: {members}; trung bình {format_points(council.average)}"
                  if len(council.members) > 1 else format_points(council.average))
        rows.append((f"Điểm {council.level_label.lower()}", points
                     + (f"; không đạt tiêu chí bắt buộc: {council.failed_mandatory}"
                        if council.failed_mandatory else "")))
    rows.append(("Tài liệu", "\n".join(
        f"{'✓' if d.present else '✗'} {d.name}{' (bắt buộc)' if d.required else ''}"
        for d in sheet.documents)))
    return rows


def _certificate_rows(certificate: "CertificateView", sheet: "DossierSheet") -> Rows:
    rows: Rows = [("Giấy chứng nhận", (
        f"số {certificate.number}: {certificate.stars} sao, "
        f"{format_points(certificate.points)} điểm; quyết định số {certificate.decision} ngày "
        f"{format_date(certificate.issued_on)}; hết hạn {format_date(certificate.expires_on)}; "
        f"{label(certificate.status).lower()}"
        + (f"; {certificate.issuer} cấp cho sản phẩm của {certificate.unit}"
           if certificate.issuer and certificate.unit else "")))]
    if certificate.revocation_decision:
        rows.append(("Quyết định thu hồi", "; ".join(filter(None, [
            f"số {certificate.revocation_decision}",
            f"ghi nhận ngày {format_date(sheet.revoked_on)}" if sheet.revoked_on else None,
            f"lý do: {label(certificate.revoked_reason)}" if certificate.revoked_reason else None]))))
    return rows
