"""Product registration and every step of a dossier."""

from collections.abc import Callable
from typing import Annotated, Any

import typer

from ocop_cli import preparation_cli
from ocop_cli.context import state_of
from ocop_cli.output import emit_json, listing, say
from ocop_cli.parsing import (
    TYPED_EITHER_WAY,
    choices_help,
    parse_day,
    parse_points,
    split_codes,
    split_names,
)
from ocop_cli.preparation_cli import (
    ConsultantOption,
    ContractedOption,
    OfficerOption,
    PreparedByOption,
    preparation_input,
)
from ocop_cli.presenting import moved
from states.vocabulary import ProducerType, RevocationReason

product_app = typer.Typer(help="Sản phẩm.", no_args_is_help=True)
dossier_app = typer.Typer(help="Hồ sơ sản phẩm và từng bước đánh giá.", no_args_is_help=True)

DossierId = Annotated[int, typer.Argument(metavar="ID")]
PointsOption = Annotated[float | None, typer.Option("--points", help="Điểm trung bình của hội đồng.")]
# Lists: "a,b", the option repeated, or both; the same for --members, --add and --remove.
LIST_FORMS = "cách nhau bởi dấu phẩy, hoặc lặp lại tùy chọn"
MembersOption = Annotated[list[str] | None, typer.Option(
    "--members", help=f"Tổng điểm từng thành viên ({LIST_FORMS}: --members 62,58 --members 64; "
                      "số thập phân dùng dấu chấm: 62.5); lấy trung bình.")]
NoteOption = Annotated[str | None, typer.Option(help="Ghi chú.")]
FailedOption = Annotated[str | None, typer.Option(help="Tiêu chí bắt buộc không đạt (nếu có).")]


def _step(ctx: typer.Context, name: str, *args: Any, **kwargs: Any) -> Any:
    # The use cases pull in SQLAlchemy: load them only when a command runs, not for --help.
    from use_cases import dossiers

    state = state_of(ctx)
    command: Callable[..., Any] = getattr(dossiers, name)
    view = command(state.runtime(), state.actor, *args, **kwargs)
    moved(view, state.as_json)
    return view


@product_app.command("register")
def product_register(
    ctx: typer.Context,
    unit: Annotated[str, typer.Option(help="Đơn vị (tên như 'ocop unit list' hiển thị, hoặc mã).")],
    producer: Annotated[str, typer.Option(help="Tên chủ thể.")],
    producer_type: Annotated[str, typer.Option(help=choices_help(ProducerType))],
    name: Annotated[str, typer.Option(help="Tên sản phẩm.")],
    group: Annotated[str, typer.Option(help="Nhóm sản phẩm theo bộ quy định (vd. food "
                                            "hoặc 'thực phẩm'). " + TYPED_EITHER_WAY)],
    subgroup: Annotated[str | None, typer.Option(
        help="Phân nhóm của nhóm sản phẩm theo bộ quy định (vd. mat-ong hoặc 'mật ong'; danh "
             "sách tạm thời, chưa đối chiếu văn bản gốc; 'ocop sheet list' cho biết phân nhóm "
             "nào có phiếu đánh giá riêng). " + TYPED_EITHER_WAY)] = None,
    email: Annotated[str | None, typer.Option(help="Email của chủ thể.")] = None,
    prepared_by: PreparedByOption = None, officer: OfficerOption = None,
    consultant: ConsultantOption = None, contracted: ContractedOption = None,
    commune: Annotated[str | None, typer.Option(
        help="Xã / phường / thị trấn nơi chủ thể ở (khi đăng ký tại huyện).")] = None,
) -> None:
    """Đăng ký sản phẩm: tạo hồ sơ mới, ghi ai chuẩn bị hồ sơ, in số hồ sơ; chủ thể (hoặc đơn
    vị, khi chủ thể chưa có email) nhận thư những tài liệu bắt buộc còn thiếu."""
    from states.clock import format_date
    from use_cases.dossiers import register_product

    state = state_of(ctx)
    preparation = preparation_input(prepared_by, officer, consultant, contracted)
    view = register_product(state.runtime(), state.actor, unit=unit, producer=producer,
                            producer_type=producer_type, product=name, group=group,
                            subgroup=subgroup, email=email, preparation=preparation,
                            commune=commune)
    if state.as_json:
        emit_json({"id": view.id, "state": view.state, "due_on": view.due_on,
                   "round": view.round})
    else:
        # After a round's registration closes the dossier joins the next one: say which.
        joined = f"{view.round_name} ({view.round})" if view.round_name else f"đợt {view.round}"
        say(f"Hồ sơ số {view.id}: {view.product} ({view.producer}), thuộc {joined}, "
            f"hạn kiểm tra thực tế {format_date(view.due_on)}.")


@dossier_app.command("inspect")
def dossier_inspect(
    ctx: typer.Context, dossier_id: DossierId,
    on: Annotated[str, typer.Option(help="Ngày kiểm tra (YYYY-MM-DD).")],
    inspectors: Annotated[str, typer.Option(
        help="Người kiểm tra, cách nhau bởi dấu phẩy (không để mục trống).")],
    minutes: Annotated[str | None, typer.Option(help="Số biên bản kiểm tra.")] = None,
) -> None:
    """Ghi biên bản kiểm tra thực tế cơ sở sản xuất."""
    _step(ctx, "inspect", dossier_id, on=parse_day(on, "Ngày kiểm tra"),
          inspectors=split_names(inspectors), minutes_ref=minutes)


@dossier_app.command("score")
def dossier_score(
    ctx: typer.Context, dossier_id: DossierId,
    sheets_ref: Annotated[str, typer.Option(
        "--sheets-ref", help="Số hiệu bộ phiếu giấy của các thành viên (bắt buộc).")],
    points: PointsOption = None, members: MembersOption = None,
    failed_mandatory: FailedOption = None,
) -> None:
    """Ghi điểm hội đồng cấp huyện / xã chấm trên phiếu giấy (trung bình tổng điểm các thành
    viên). Hội đồng chấm trên hệ thống thì dùng 'ocop council'."""
    from states.rules.points import format_points

    totals = parse_points(points, members)
    view = _step(ctx, "score", dossier_id, totals=totals, failed_mandatory=failed_mandatory,
                 sheets_ref=sheets_ref)
    if not state_of(ctx).as_json and view.district_points is not None:
        say(f"Điểm hội đồng đã ghi: {format_points(view.district_points)}"
            + (f" (trung bình của {'; '.join(format_points(t) for t in totals)})"
               if len(totals) > 1 else "") + f", từ phiếu giấy {view.sheets_ref}.")


@dossier_app.command("documents")
def dossier_documents(
    ctx: typer.Context, dossier_id: DossierId,
    add: Annotated[list[str] | None, typer.Option(
        "--add", help=f"Mã tài liệu đã nhận ({LIST_FORMS}).")] = None,
    remove: Annotated[list[str] | None, typer.Option(
        "--remove", help=f"Mã tài liệu bỏ đánh dấu ({LIST_FORMS}).")] = None,
) -> None:
    """Xem danh mục hồ sơ theo bộ quy định và đánh dấu tài liệu đã nhận."""
    from use_cases.dossiers import update_documents

    state = state_of(ctx)
    rows = update_documents(state.runtime(), state.actor, dossier_id,
                            add=split_codes(add, "--add"), remove=split_codes(remove, "--remove"))
    listing(state.as_json, rows, f"Danh mục hồ sơ số {dossier_id}",
            ["Mã", "Tài liệu", "Bắt buộc", "Đã nhận"],
            lambda r: (r.code, r.name, "có" if r.required else "", "✓" if r.present else "—"))


@dossier_app.command("forward")
def dossier_forward(ctx: typer.Context, dossier_id: DossierId) -> None:
    """Chuyển hồ sơ lên tỉnh (đủ điểm và đủ tài liệu bắt buộc)."""
    from states.errors import RuleRefused
    from states.lifecycle.machine import RefusedWithWayOut

    try:
        _step(ctx, "forward", dossier_id)
    except RefusedWithWayOut as refused:
        # The rules named the way out (returning it); the CLI adds the command that takes it.
        raise RuleRefused(f"{refused.message.removesuffix('.')}: ocop dossier return {dossier_id} "
                          "--reason \"…\".") from None


@dossier_app.command("return")
def dossier_return(ctx: typer.Context, dossier_id: DossierId,
                   reason: Annotated[str, typer.Option(help="Lý do trả lại.")]) -> None:
    """Trả lại hồ sơ cho chủ thể (không chuyển lên tỉnh); chủ thể nhận thư những gì cần bổ sung."""
    _step(ctx, "return_dossier", dossier_id, reason=reason)


@dossier_app.command("certify")
def dossier_certify(
    ctx: typer.Context, dossier_id: DossierId, points: PointsOption = None,
    members: MembersOption = None,
    decision: Annotated[str | None, typer.Option(help="Số quyết định công nhận.")] = None,
    on: Annotated[str | None, typer.Option(help="Ngày quyết định (YYYY-MM-DD).")] = None,
    failed_mandatory: FailedOption = None,
) -> None:
    """Ghi điểm hội đồng và công nhận: cấp tỉnh (≥ 90 điểm: đề nghị trung ương trước), hoặc theo
    QĐ 148 cấp huyện công nhận 3 sao cho hồ sơ đã chấm điểm. Không nhập --points / --members:
    lấy kết quả hội đồng đã kết luận trên hệ thống (ocop council close)."""
    totals = parse_points(points, members) if points is not None or members else None
    _step(ctx, "certify", dossier_id, totals=totals, decision=decision,
          on=parse_day(on, "Ngày quyết định") if on else None, failed_mandatory=failed_mandatory)


@dossier_app.command("not-recognise")
def dossier_not_recognise(ctx: typer.Context, dossier_id: DossierId,
                          note: NoteOption = None) -> None:
    """Không công nhận sản phẩm."""
    _step(ctx, "not_recognise", dossier_id, note=note)


@dossier_app.command("withdraw")
def dossier_withdraw(ctx: typer.Context, dossier_id: DossierId, note: NoteOption = None) -> None:
    """Ghi nhận chủ thể rút hồ sơ (trước khi được công nhận)."""
    _step(ctx, "withdraw", dossier_id, note=note)


@dossier_app.command("renew")
def dossier_renew(ctx: typer.Context, dossier_id: DossierId, note: NoteOption = None) -> None:
    """Mở đánh giá lại cho một sản phẩm đã công nhận."""
    _step(ctx, "open_renewal", dossier_id, note=note)


@dossier_app.command("expire")
def dossier_expire(ctx: typer.Context, dossier_id: DossierId) -> None:
    """Cho giấy chứng nhận đã quá hạn hết hiệu lực."""
    _step(ctx, "expire", dossier_id)


@dossier_app.command("revoke")
def dossier_revoke(
    ctx: typer.Context, dossier_id: DossierId,
    reason: Annotated[str, typer.Option(help=choices_help(RevocationReason, "Lý do (khác: cần --note):"))],
    decision: Annotated[str, typer.Option(help="Số quyết định thu hồi.")],
    note: Annotated[str | None, typer.Option(help="Ghi chú / nội dung lý do khác.")] = None,
) -> None:
    """Thu hồi công nhận và giấy chứng nhận."""
    _step(ctx, "revoke", dossier_id, reason=reason, decision=decision, note=note)


def register(app: typer.Typer) -> None:
    # preparation_cli is below this module (it holds the options `product register` shares), so
    # it is handed the group; the modules that import this one add their commands themselves.
    preparation_cli.register(dossier_app)
    app.add_typer(product_app, name="product")
    app.add_typer(dossier_app, name="dossier")
