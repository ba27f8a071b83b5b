"""Looking at dossiers: one dossier, its history, lists."""

from typing import Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.dossier_cli import DossierId, dossier_app
from ocop_cli.dossier_sheet import show_sheet
from ocop_cli.files import OutOption, output_to, report_with_file
from ocop_cli.output import emit_json, label_of, listing
from ocop_cli.parsing import choices_help
from states.vocabulary import Action, State


def dossier_show(ctx: typer.Context, dossier_id: DossierId) -> None:
    """Xem một hồ sơ: kiểm tra thực tế, tài liệu, điểm từng thành viên, giấy chứng nhận, thu hồi
    và các bước làm được lúc này (hoặc lý do chưa làm được)."""
    from use_cases.dossier_sheet import dossier_sheet

    state = state_of(ctx)
    sheet = dossier_sheet(state.runtime(), state.actor, dossier_id)
    if state.as_json:
        emit_json(sheet)
    else:
        show_sheet(sheet)


def dossier_history(ctx: typer.Context, dossier_id: DossierId) -> None:
    """Lịch sử thay đổi của hồ sơ."""
    from states.dossiers.correction_labels import event_note
    from use_cases.queries import dossier_history as events_of

    state = state_of(ctx)
    events = events_of(state.runtime(), state.actor, dossier_id)
    listing(state.as_json, events, f"Lịch sử hồ sơ số {dossier_id}",
            ["Lúc", "Bước", "Từ", "Đến", "Đơn vị", "Người", "Ghi chú"],
            lambda e: (e.at_local, label_of(Action, e.trigger), label_of(State, e.from_state),
                       label_of(State, e.to_state), e.unit, e.actor, event_note(e)),
            drop=("Đơn vị", "Từ", "Người"))


def dossier_list(
    ctx: typer.Context,
    state_filter: Annotated[str | None, typer.Option(
        "--state", help=choices_help(State, "Lọc theo trạng thái:"))] = None,
    unit: Annotated[str | None, typer.Option(
        help="Lọc theo đơn vị (cán bộ cấp huyện / xã: mặc định đơn vị của mình).")] = None,
    overdue: Annotated[bool, typer.Option(
        "--overdue", help="Chỉ hồ sơ quá hạn, với số ngày làm việc trễ.")] = False,
    out: OutOption = None,
) -> None:
    """Danh sách hồ sơ (--out: ghi ra tệp Excel). Cửa sổ hẹp: ẩn cột Chủ thể, rồi Đơn vị."""
    from states.dossiers.sheet import parse_state
    from use_cases.queries import dossier_list_file, dossiers

    target = output_to(out, "ocop dossier list")  # before anything is read or written
    state = state_of(ctx)
    rt = state.runtime()
    rows = dossiers(rt, state.actor, unit=unit, overdue=overdue,
                    state=parse_state(state_filter) if state_filter else None)
    what = "Hồ sơ quá hạn" if overdue else "Hồ sơ"
    content = dossier_list_file(rt, rows, what) if target is not None else b""
    report_with_file(state.as_json, rows, target, content, lambda: listing(
        False, rows, f"{what} ({len(rows)})",
        ["Số", "Trạng thái", "Đơn vị", "Sản phẩm", "Chủ thể", "Hạn", "Trễ (ngày làm việc)"],
        lambda r: (r.id, r.state_label, r.unit, r.product, r.producer, r.due_on,
                   r.working_days_late or ""),
        empty=("Không có hồ sơ nào quá hạn." if overdue
               else "Không có hồ sơ nào khớp điều kiện đã chọn."),
        drop=("Chủ thể", "Đơn vị")))


def register() -> None:
    """The commands join `dossier`, which dossier_cli owns."""
    dossier_app.command("show")(dossier_show)
    dossier_app.command("history")(dossier_history)
    dossier_app.command("list")(dossier_list)
