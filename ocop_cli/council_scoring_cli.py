"""`ocop council score / submit / sheet / reopen / conflict / result / acknowledge`: a member's
sheet criterion by criterion, and what the chair does with the sheets."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.output import emit_json, say, table
from states.errors import InvalidInput

if TYPE_CHECKING:
    from states.evaluation.council_results import DossierResult, SheetView

CouncilId = Annotated[int, typer.Argument(metavar="HỘI_ĐỒNG", help="Số hội đồng.")]
DossierId = Annotated[int, typer.Argument(metavar="HỒ_SƠ", help="Số hồ sơ.")]


def print_sheet(view: "SheetView") -> None:
    from states.rules.points import format_points

    say(f"Phiếu {view.sheet_code} ({view.sheet_title}){view.provisional_note}: hồ sơ "
        f"{view.dossier_id}, {view.member_name}, {'đã nộp' if view.status == 'submitted' else 'nháp'}"
        f", phiên bản {view.version}.")
    table("Tiêu chí", ["Phần", "Mã", "Tiêu chí", "Bắt buộc", "Lựa chọn", "Điểm", "Tối đa"],
          [(line.part, line.code, line.text, "có" if line.mandatory else "", line.option,
            "" if line.points is None else format_points(line.points), format_points(line.best))
           for line in view.lines])
    say("; ".join(f"Phần {part}: {format_points(points)}/{format_points(view.part_maxima[part])}"
                  for part, points in view.parts.items())
        + f". Tổng: {format_points(view.total)}."
        + (f" Không đạt tiêu chí bắt buộc: {', '.join(view.failed_mandatory)}."
           if view.failed_mandatory else ""))


def _show(ctx: typer.Context, view: "SheetView") -> None:
    if state_of(ctx).as_json:
        emit_json(view)
    else:
        print_sheet(view)


def parse_choices(typed: list[str]) -> list[tuple[str, str]]:
    choices = []
    for item in typed:
        criterion, equals, option = item.partition("=")
        if not equals or not criterion.strip() or not option.strip():
            raise InvalidInput(f"'{item}' không đúng dạng TIÊU_CHÍ=LỰA_CHỌN (ví dụ A1=2).")
        choices.append((criterion.strip(), option.strip()))
    return choices


# The sheet's version as last read (`ocop council sheet`): refused (exit 6) if saved since.
SheetVersion = Annotated[int | None, typer.Option(
    "--version", min=0, help="Phiên bản phiếu đã xem (ocop council sheet): lưu ở nơi khác từ "
                             "đó thì không ghi gì (mã thoát 6).")]


def score(ctx: typer.Context, council_id: CouncilId, dossier_id: DossierId,
          choices: Annotated[list[str], typer.Argument(
              metavar="TIÊU_CHÍ=LỰA_CHỌN...", help="Ví dụ: A1=2 B3=1 (mã trên phiếu).")],
          version: SheetVersion = None) -> None:
    """Chấm các tiêu chí trên phiếu của mình (lưu nháp ngay; chấm lại thì thay lựa chọn cũ)."""
    from use_cases import councils

    state = state_of(ctx)
    _show(ctx, councils.choose(state.runtime(), state.actor, council_id, dossier_id,
                               parse_choices(choices), version))


def submit(ctx: typer.Context, council_id: CouncilId, dossier_id: DossierId,
           version: SheetVersion = None) -> None:
    """Nộp phiếu (khoá phiếu; chỉ chủ tịch mở lại được)."""
    from use_cases import councils

    state = state_of(ctx)
    _show(ctx, councils.submit(state.runtime(), state.actor, council_id, dossier_id, version))


MemberOption = Annotated[str | None, typer.Option(help="Thành viên (tên người dùng).")]


def sheet(ctx: typer.Context, council_id: CouncilId, dossier_id: DossierId,
          member: MemberOption = None,
          out: Annotated[Path | None, typer.Option(
              "--out", help="In phiếu ra tệp PDF (ghi 'tạm thời' nếu phiếu tạm thời).")] = None,
          ) -> None:
    """Xem phiếu của mình, hoặc của thành viên khác khi mọi thành viên đã nộp."""
    from ocop_cli.files import output_to, write_output
    from use_cases import councils

    state = state_of(ctx)
    if out is None:
        _show(ctx, councils.sheet(state.runtime(), state.actor, council_id, dossier_id, member))
        return
    target = output_to(out, f"ocop council sheet {council_id} {dossier_id} --out")
    assert target is not None
    view, content = councils.sheet_pdf(state.runtime(), state.actor, council_id, dossier_id,
                                       member)
    write_output(target, content)
    _show(ctx, view)
    say(f"Đã ghi {target.path}.")


def reopen(ctx: typer.Context, council_id: CouncilId, dossier_id: DossierId,
           member: Annotated[str, typer.Option(help="Thành viên có phiếu cần mở lại.")],
           reason: Annotated[str, typer.Option(help="Lý do (ghi vào lịch sử hồ sơ).")]) -> None:
    """Chủ tịch mở lại phiếu đã nộp của một thành viên, có lý do."""
    from use_cases import councils

    state = state_of(ctx)
    _show(ctx, councils.reopen(state.runtime(), state.actor, council_id, dossier_id, member, reason))


def conflict(ctx: typer.Context, council_id: CouncilId, dossier_id: DossierId,
             reason: Annotated[str, typer.Option(help="Lý do xung đột lợi ích.")],
             member: MemberOption = None) -> None:
    """Khai xung đột lợi ích: thành viên không chấm hồ sơ này (chủ tịch / thư ký ghi thay được)."""
    from ocop_cli.council_printing import print_council
    from use_cases import councils

    state = state_of(ctx)
    view = councils.declare_conflict(state.runtime(), state.actor, council_id, dossier_id,
                                     reason, member)
    emit_json(view) if state.as_json else print_council(view)


def print_result(result: "DossierResult") -> None:
    from states.rules.points import format_points

    table(f"Hồ sơ {result.dossier_id}", ["Thành viên", "Tổng", "Lệch TB", "Lệch nhiều"],
          [(m.name, format_points(m.total), f"{m.off_mean:+g}", "có" if m.discrepant else "")
           for m in result.members])
    failed = result.failed_text()
    say(f"Trung bình {format_points(result.average)}: "
        + (f"không đạt tiêu chí bắt buộc {failed}." if failed else f"{result.stars} sao.")
        + (f" Điểm lệch quá {format_points(result.discrepancy_points)}: "
           + ("chủ tịch đã xác nhận thảo luận." if result.discrepancy_acknowledged_by
              else "chủ tịch cần xác nhận đã thảo luận (ocop council acknowledge).")
           if result.discrepant else "")
        + (" (Phiếu tạm thời.)" if result.provisional else ""))


def result(ctx: typer.Context, council_id: CouncilId, dossier_id: DossierId) -> None:
    """Kết quả của một hồ sơ khi mọi thành viên đã nộp: trung bình, sao, tiêu chí bắt buộc, lệch."""
    from use_cases import councils

    state = state_of(ctx)
    found = councils.result(state.runtime(), state.actor, council_id, dossier_id)
    emit_json(found) if state.as_json else print_result(found)


def acknowledge(ctx: typer.Context, council_id: CouncilId, dossier_id: DossierId) -> None:
    """Chủ tịch xác nhận hội đồng đã thảo luận điểm lệch của hồ sơ."""
    from use_cases import councils

    state = state_of(ctx)
    found = councils.acknowledge(state.runtime(), state.actor, council_id, dossier_id)
    emit_json(found) if state.as_json else print_result(found)


def register(council_app: typer.Typer) -> None:
    for name, command in (("score", score), ("submit", submit), ("sheet", sheet),
                          ("reopen", reopen), ("conflict", conflict), ("result", result),
                          ("acknowledge", acknowledge)):
        council_app.command(name)(command)
