"""How a council reads on the terminal: who sits on it, its dossiers, its sheets' progress."""

from typing import TYPE_CHECKING

from ocop_cli.output import say, table

if TYPE_CHECKING:
    from states.evaluation.council_reads import CouncilView


def print_council(view: "CouncilView") -> None:
    from states.clock import format_date

    say(f"Hội đồng {view.id}: {view.name} ({view.level_name}, {view.unit}), đợt {view.round} "
        f"theo {view.rulebook}. Trạng thái: {view.status_label}.")
    say(f"Ngày họp: {format_date(view.meeting_on) or 'chưa đặt'}; tài liệu gửi thành viên: "
        f"{format_date(view.package_sent_on) or 'chưa gửi'}"
        + (f" (hạn chậm nhất {format_date(view.package_due_on)})" if view.package_due_on else "")
        + f". Số lượng tối thiểu: {view.quorum}.")
    if view.status == "closed":
        say(view.complaint_window)
    if view.members:
        table("Thành viên", ["Người dùng", "Họ tên", "Vai trò", "Có mặt"],
              [(m.user, m.name, m.role_label, "có" if m.present else "") for m in view.members])
    if view.dossiers:
        table("Hồ sơ", ["Hồ sơ", "Sản phẩm", "Phiếu", "Đã nộp", "Điểm", "Sao", "Bắt buộc không đạt"],
              [(d.dossier_id, d.product, d.sheet_code + (" (tạm thời)" if d.sheet_provisional
                                                         else ""),
                f"{d.submitted}/{d.expected}", d.average, d.stars, d.failed_mandatory)
               for d in view.dossiers])
