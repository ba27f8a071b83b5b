"""Corrections (issue 12): `product edit`, `producer edit`, `dossier correct`, `user list|
set-role`, `campaign show|withdraw-proposal`. Each correction needs --reason; the audit keeps the
values before and after, and `dossier history` shows them."""

from typing import TYPE_CHECKING, Annotated

import typer

from ocop_cli.admin_cli import user_app
from ocop_cli.campaign_cli import CampaignId, campaign_app
from ocop_cli.context import state_of
from ocop_cli.dossier_cli import DossierId, dossier_app, product_app
from ocop_cli.output import emit_json, listing, say
from ocop_cli.parsing import (
    TYPED_EITHER_WAY,
    choices_help,
    parse_day,
    parse_points,
    split_names,
)
from ocop_cli.units_cli import producer_app
from states.vocabulary import ProducerType, Role

if TYPE_CHECKING:
    from states.dossiers.corrections import Corrected

ReasonOption = Annotated[str, typer.Option(
    "--reason", help="Lý do sửa (bắt buộc; lịch sử giữ lý do cùng giá trị cũ và mới).")]
RecordId = Annotated[int, typer.Argument(metavar="ID")]


def corrected(as_json: bool, done: "Corrected | list[Corrected]") -> None:
    """JSON: the correction (`dossier correct`: the list, one per record corrected); for
    people, one sentence each."""
    from states.dossiers.correction_labels import describe, subject

    if as_json:
        emit_json(done)
        return
    for one in done if isinstance(done, list) else [done]:
        say(f"{subject(one.what, one.id)}: {describe(one.what, one.before, one.after)}. "
            f"Lý do: {one.reason.rstrip('.')}.")


def product_edit(
    ctx: typer.Context, product_id: RecordId, reason: ReasonOption,
    name: Annotated[str | None, typer.Option(help="Tên sản phẩm mới.")] = None,
    group: Annotated[str | None, typer.Option(
        help="Nhóm sản phẩm theo bộ quy định (vd. food hoặc 'thực phẩm'). "
             + TYPED_EITHER_WAY)] = None,
) -> None:
    """Sửa tên, nhóm của sản phẩm số ID (khi hồ sơ còn ở cấp huyện / xã)."""
    from use_cases.corrections import edit_product

    state = state_of(ctx)
    done = edit_product(state.runtime(), state.actor, product_id, name=name, group=group,
                        reason=reason)
    corrected(state.as_json, done)


def producer_edit(
    ctx: typer.Context, producer_id: RecordId, reason: ReasonOption,
    name: Annotated[str | None, typer.Option(help="Tên chủ thể mới.")] = None,
    kind: Annotated[str | None, typer.Option(
        "--type", help=choices_help(ProducerType))] = None,
    email: Annotated[str | None, typer.Option(help="Email của chủ thể.")] = None,
    phone: Annotated[str | None, typer.Option(help="Số điện thoại.")] = None,
    commune: Annotated[str | None, typer.Option(
        help="Xã / phường / thị trấn nơi chủ thể ở (tên hoặc mã).")] = None,
) -> None:
    """Sửa thông tin chủ thể số ID: tên, loại, email, điện thoại, xã nơi ở."""
    from states.corrections.record_edits import ProducerCorrection
    from use_cases.corrections import edit_producer

    state = state_of(ctx)
    wanted = ProducerCorrection(name, kind, email, phone, commune)
    corrected(state.as_json, edit_producer(state.runtime(), state.actor, producer_id, wanted,
                                           reason))


def dossier_correct(
    ctx: typer.Context, dossier_id: DossierId, reason: ReasonOption,
    on: Annotated[str | None, typer.Option(help="Ngày kiểm tra đúng (YYYY-MM-DD).")] = None,
    inspectors: Annotated[str | None, typer.Option(
        help="Người kiểm tra, cách nhau bởi dấu phẩy (thay danh sách cũ).")] = None,
    minutes: Annotated[str | None, typer.Option(help="Số biên bản kiểm tra đúng.")] = None,
    members: Annotated[str | None, typer.Option(
        help="Tổng điểm từng thành viên hội đồng cấp huyện / xã, cách nhau bởi dấu phẩy.")] = None,
) -> None:
    """Sửa biên bản kiểm tra thực tế và điểm hội đồng cấp huyện / xã khi hồ sơ còn ở cấp
    huyện / xã (chưa chuyển lên tỉnh)."""
    from states.corrections.dossier_corrections import DossierCorrection
    from use_cases.corrections import correct_dossier

    state = state_of(ctx)
    wanted = DossierCorrection(
        parse_day(on, "--on") if on is not None else None,
        split_names(inspectors) if inspectors is not None else None, minutes,
        parse_points(None, members) if members is not None else None)
    corrected(state.as_json, correct_dossier(state.runtime(), state.actor, dossier_id, wanted,
                                             reason))


def user_list(ctx: typer.Context) -> None:
    """Người dùng: họ tên, vai trò, đơn vị, còn hoạt động hay đã khoá (chỉ Sở)."""
    from use_cases.identity import users

    state = state_of(ctx)
    rows = users(state.runtime(), state.actor)
    listing(state.as_json, rows, f"Người dùng ({len(rows)})",
            ["Tên đăng nhập", "Họ tên", "Vai trò", "Đơn vị", "Email", "Hoạt động"],
            lambda u: (u.name, u.full_name, u.role_label, u.unit, u.email,
                       "có" if u.active else "đã khoá"),
            drop=("Email", "Họ tên"))


def user_set_role(
    ctx: typer.Context, name: str, reason: ReasonOption,
    role: Annotated[str, typer.Option(help=choices_help(Role))],
    unit: Annotated[str | None, typer.Option(help="Đơn vị (tên hoặc mã).")] = None,
) -> None:
    """Đổi vai trò (và đơn vị) của người dùng; các phiên đăng nhập của họ kết thúc."""
    from use_cases.corrections import set_role

    state = state_of(ctx)
    done = set_role(state.runtime(), state.actor, name, role=role, unit=unit, reason=reason)
    corrected(state.as_json, done)


def campaign_withdraw_proposal(
    ctx: typer.Context, campaign_id: CampaignId,
    dossier_id: Annotated[int, typer.Argument(metavar="DOSSIER")], reason: ReasonOption,
) -> None:
    """Rút đề nghị thu hồi của hồ sơ DOSSIER khỏi chiến dịch (trước khi có quyết định)."""
    from use_cases.corrections import withdraw_proposal

    state = state_of(ctx)
    corrected(state.as_json, withdraw_proposal(state.runtime(), state.actor, campaign_id,
                                               dossier_id, reason))


def register() -> None:
    """The corrections join the groups they correct (each owned by its own module)."""
    product_app.command("edit")(product_edit)
    producer_app.command("edit")(producer_edit)
    dossier_app.command("correct")(dossier_correct)
    user_app.command("list")(user_list)
    user_app.command("set-role")(user_set_role)
    campaign_app.command("withdraw-proposal")(campaign_withdraw_proposal)
