"""`ocop council`: setting a council up (members, dossiers, meeting, package), opening its
session and closing it; scoring is in council_scoring_cli."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.council_printing import print_council
from ocop_cli.output import emit_json, listing, say
from ocop_cli.parsing import choices_help, parse_day, split_names
from states.vocabulary import CouncilLevel, CouncilRole

if TYPE_CHECKING:
    from states.evaluation.council_reads import CouncilView
    from use_cases.councils import Closed

council_app = typer.Typer(
    help="Hội đồng đánh giá: thành viên, hồ sơ, ngày họp, gửi tài liệu, phiên họp, chấm điểm "
         "từng tiêu chí trên phiếu, kết luận.", no_args_is_help=True)

CouncilId = Annotated[int, typer.Argument(metavar="HỘI_ĐỒNG", help="Số hội đồng.")]
DayOption = Annotated[str, typer.Option("--on", help="Ngày (YYYY-MM-DD hoặc dd/mm/yyyy).")]


def _done(ctx: typer.Context, view: "CouncilView") -> None:
    if state_of(ctx).as_json:
        emit_json(view)
    else:
        print_council(view)


@council_app.command("create")
def council_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="Tên hội đồng.")],
    level: Annotated[str, typer.Option(help=choices_help(CouncilLevel, "Cấp hội đồng:"))],
    round_code: Annotated[str, typer.Option("--round", help="Mã đợt đánh giá.")],
    unit: Annotated[str | None, typer.Option(
        help="Đơn vị lập hội đồng (mặc định: đơn vị của người thực hiện).")] = None,
) -> None:
    """Lập hội đồng của một cấp cho một đợt (tên cấp theo bộ quy định của đợt)."""
    from states.vocabulary import parse_code
    from use_cases import councils

    state = state_of(ctx)
    _done(ctx, councils.create(state.runtime(), state.actor, name=name,
                          level=parse_code(CouncilLevel, level, "Cấp hội đồng"),
                          round_code=round_code, unit=unit))


@council_app.command("list")
def council_list(ctx: typer.Context) -> None:
    """Các hội đồng bạn là thành viên hoặc được quản lý."""
    from use_cases import councils

    state = state_of(ctx)
    listing(state.as_json, councils.list_councils(state.runtime(), state.actor), "Hội đồng",
            ["Số", "Tên", "Cấp", "Đợt", "Ngày họp", "Trạng thái"],
            lambda v: (v.id, v.name, v.level_name, v.round, v.meeting_on, v.status_label))


@council_app.command("show")
def council_show(ctx: typer.Context, council_id: CouncilId) -> None:
    """Một hội đồng: thành viên, hồ sơ, số phiếu đã nộp, kết quả."""
    from use_cases import councils

    state = state_of(ctx)
    _done(ctx, councils.show(state.runtime(), state.actor, council_id))


@council_app.command("add-member")
def council_add_member(
    ctx: typer.Context, council_id: CouncilId,
    user: Annotated[str, typer.Argument(metavar="NGƯỜI_DÙNG", help="Tên người dùng.")],
    role: Annotated[str, typer.Option(help=choices_help(CouncilRole, "Vai trò:"))] = "member",
) -> None:
    """Thêm một thành viên (người dùng của hệ thống): một chủ tịch, một thư ký, các thành viên."""
    from states.vocabulary import parse_code
    from use_cases import councils

    state = state_of(ctx)
    _done(ctx, councils.add_members(state.runtime(), state.actor, council_id,
                               [(user, parse_code(CouncilRole, role, "Vai trò"))]))


@council_app.command("add-dossier")
def council_add_dossier(
    ctx: typer.Context, council_id: CouncilId,
    dossiers: Annotated[list[int], typer.Argument(metavar="HỒ_SƠ...", help="Số hồ sơ.")],
) -> None:
    """Đưa hồ sơ vào danh sách chấm (cấp huyện / xã: hồ sơ đã kiểm tra thực tế; cấp tỉnh: hồ sơ
    đã chuyển lên tỉnh). Phiếu đánh giá theo nhóm sản phẩm."""
    from use_cases import councils

    state = state_of(ctx)
    _done(ctx, councils.add_dossiers(state.runtime(), state.actor, council_id, dossiers))


@council_app.command("meeting")
def council_meeting(ctx: typer.Context, council_id: CouncilId, on: DayOption) -> None:
    """Đặt ngày họp; tài liệu phải đến thành viên ít nhất 2 ngày làm việc trước đó."""
    from use_cases import councils

    state = state_of(ctx)
    _done(ctx, councils.set_meeting(state.runtime(), state.actor, council_id,
                               parse_day(on, "Ngày họp")))


@council_app.command("package-sent")
def council_package_sent(ctx: typer.Context, council_id: CouncilId, on: DayOption) -> None:
    """Ghi ngày thành viên nhận hồ sơ và mẫu; gửi muộn thì không mở được phiên họp."""
    from use_cases import councils

    state = state_of(ctx)
    _done(ctx, councils.record_package(state.runtime(), state.actor, council_id,
                                  parse_day(on, "Ngày gửi tài liệu")))


@council_app.command("open")
def council_open(
    ctx: typer.Context, council_id: CouncilId,
    present: Annotated[str | None, typer.Option(
        help="Thành viên có mặt (tên người dùng, cách nhau bởi dấu phẩy); mặc định: tất cả.")] = None,
) -> None:
    """Mở phiên họp: đúng ngày họp, tài liệu gửi đúng hạn, đủ số lượng thành viên."""
    from use_cases import councils

    state = state_of(ctx)
    _done(ctx, councils.open_session(state.runtime(), state.actor, council_id,
                                split_names(present) if present else None))


def print_closed(closed: "Closed") -> None:
    from states.rules.points import format_points

    print_council(closed.council)
    for result in closed.results:
        failed = result.failed_text()
        say(f"Hồ sơ {result.dossier_id}: {format_points(result.average)} điểm, "
            + (f"không đạt tiêu chí bắt buộc {failed}." if failed else f"{result.stars} sao.")
            + (" (Phiếu tạm thời.)" if result.provisional else ""))


@council_app.command("close")
def council_close(ctx: typer.Context, council_id: CouncilId) -> None:
    """Chủ tịch kết thúc phiên họp: mọi phiếu đã nộp, điểm lệch đã thảo luận. Kết quả được ghi
    cho bước tiếp theo của hồ sơ (cấp huyện / xã: ghi điểm; cấp tỉnh: công nhận đọc kết quả)."""
    from use_cases import councils

    state = state_of(ctx)
    closed = councils.close(state.runtime(), state.actor, council_id)
    if state.as_json:
        emit_json(closed)
    else:
        print_closed(closed)


@council_app.command("publish")
def council_publish(
    ctx: typer.Context, council_id: CouncilId,
    on: Annotated[str | None, typer.Option("--on", help=(
        "Ngày công bố (YYYY-MM-DD hoặc dd/mm/yyyy; mặc định hôm nay): không ở tương lai, không "
        "trước ngày hội đồng kết thúc phiên họp."))] = None,
) -> None:
    """Công bố kết quả của hội đồng đã kết thúc (một lần): thời hạn khiếu nại bắt đầu; chỉ
    công nhận hồ sơ của hội đồng khi hết thời hạn ([councils] complaint_days ngày làm việc sau
    ngày công bố, không tính thứ bảy, chủ nhật, ngày lễ; tạm thời)."""
    from use_cases import councils

    state = state_of(ctx)
    view = councils.publish(state.runtime(), state.actor, council_id,
                            parse_day(on, "Ngày công bố kết quả") if on is not None else None)
    if state.as_json:
        emit_json(view)
    else:
        say(f"Đã công bố kết quả của hội đồng {view.id}. {view.complaint_window}")


def _write(ctx: typer.Context, out: Path, command: str, make: str, council_id: int) -> None:
    from ocop_cli.files import output_to, write_output
    from use_cases import councils

    target = output_to(out, command)  # before anything is read
    assert target is not None
    state = state_of(ctx)
    write_output(target, getattr(councils, make)(state.runtime(), state.actor, council_id))
    if state.as_json:
        emit_json({"file": str(target.path)})
    else:
        say(f"Đã ghi {target.path}.")


OutOption = Annotated[Path, typer.Option("--out", help="Tệp cần ghi.")]


@council_app.command("summary")
def council_summary(ctx: typer.Context, council_id: CouncilId, out: OutOption) -> None:
    """Bảng tổng hợp của hội đồng đã kết thúc (.xlsx): hồ sơ × thành viên × phần, trung bình,
    hạng sao, tiêu chí bắt buộc không đạt."""
    _write(ctx, out, f"ocop council summary {council_id} --out", "summary", council_id)


@council_app.command("minutes")
def council_minutes(ctx: typer.Context, council_id: CouncilId, out: OutOption) -> None:
    """Biên bản họp (PDF) của hội đồng đã kết thúc: thành viên có mặt, không chấm vì xung đột
    lợi ích, kết quả từng hồ sơ."""
    _write(ctx, out, f"ocop council minutes {council_id} --out", "minutes", council_id)


@council_app.command("proposal")
def council_proposal(ctx: typer.Context, council_id: CouncilId, out: OutOption) -> None:
    """Dự thảo đề nghị (PDF): quyết định của tỉnh cho 3–4 sao; tờ trình lên trung ương / Bộ cho
    5 sao (không bao giờ là quyết định của UBND tỉnh); cấp huyện / xã: đề nghị lên tỉnh."""
    _write(ctx, out, f"ocop council proposal {council_id} --out", "proposal", council_id)


def register(app: typer.Typer) -> None:
    from ocop_cli import council_scoring_cli

    council_scoring_cli.register(council_app)
    app.add_typer(council_app, name="council")
