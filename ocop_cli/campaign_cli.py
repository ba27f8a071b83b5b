"""Renewal and revocation campaigns: open, propose, close, decide, list."""

from pathlib import Path
from typing import Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.files import output_to, write_output
from ocop_cli.output import emit_json, listing, reply, say
from ocop_cli.parsing import choices_help, parse_day
from states.clock import format_date
from states.vocabulary import CampaignKind, RevocationReason

campaign_app = typer.Typer(help="Chiến dịch đánh giá lại và thu hồi.", no_args_is_help=True)
CampaignId = Annotated[int, typer.Argument(metavar="CAMPAIGN")]


@campaign_app.command("open")
def campaign_open(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help=choices_help(CampaignKind))],
    deadline: Annotated[str, typer.Option(help="Hạn các đơn vị gửi danh sách (YYYY-MM-DD).")],
    expiring_before: Annotated[str | None, typer.Option(
        help="renewal: chọn giấy chứng nhận hết hạn trước ngày này "
             "(mặc định hạn + 180 ngày, theo [campaigns] của tỉnh).")] = None,
) -> None:
    """Mở chiến dịch và gửi thông báo cho từng đơn vị (qua hộp thư đi)."""
    from states.vocabulary import CampaignKind, parse_code
    from use_cases.campaigns import open_campaign

    state = state_of(ctx)
    result = open_campaign(state.runtime(), state.actor,
                           parse_code(CampaignKind, kind, "Loại chiến dịch"),
                           parse_day(deadline, "--deadline"),
                           parse_day(expiring_before, "--expiring-before") if expiring_before else None)
    if state.as_json:
        emit_json(result)
    elif result.kind == CampaignKind.RENEWAL:
        say(f"Chiến dịch đánh giá lại số {result.campaign_id}: {result.products} sản phẩm chuyển sang "
            f"đánh giá lại, {result.units_notified} đơn vị được thông báo, hạn "
            f"{format_date(result.deadline)}.")
    else:
        say(f"Chiến dịch thu hồi số {result.campaign_id}: {result.units_notified} đơn vị được đề nghị "
            f"gửi danh sách trước {format_date(result.deadline)}.")


@campaign_app.command("propose-revocation")
def campaign_propose(
    ctx: typer.Context, campaign_id: CampaignId,
    dossier_id: Annotated[int, typer.Argument(metavar="DOSSIER")],
    reason: Annotated[str, typer.Option(help=choices_help(RevocationReason, "Lý do (khác: cần --note):"))],
    note: Annotated[str | None, typer.Option(help="Ghi chú.")] = None,
) -> None:
    """Ghi đề nghị thu hồi của đơn vị cho một sản phẩm."""
    from use_cases.campaigns import propose_revocation

    state = state_of(ctx)
    result = propose_revocation(state.runtime(), state.actor, campaign_id, dossier_id, reason, note)
    reply(state.as_json, result,
          f"Đã ghi đề nghị thu hồi hồ sơ {dossier_id} trong chiến dịch {campaign_id}.")


# Where a campaign's list is written: by `close`, and again by `sheet`.
SheetDirectory = Annotated[Path, typer.Option("--out", help="Thư mục (đã có) ghi tệp Excel; tệp cùng "
                                              "tên đã có được ghi đè.")]


@campaign_app.command("close")
def campaign_close(
    ctx: typer.Context, campaign_id: CampaignId,
    out_dir: SheetDirectory = Path("."),
) -> None:
    """Đóng chiến dịch và gửi Sở danh sách (.xlsx): thu hồi: các đề nghị trình UBND tỉnh; đánh giá
    lại: các sản phẩm chưa được gửi lại. Chiến dịch theo kế hoạch tự đóng ngày làm việc sau hạn."""
    from use_cases.campaigns import close_campaign

    state = state_of(ctx)
    result = close_campaign(state.runtime(), state.actor, campaign_id, out_dir)
    if state.as_json:
        emit_json(result)
    elif result.proposals is not None:
        say(f"Đã đóng chiến dịch {campaign_id}: {result.proposals} đề nghị, "
            f"danh sách tại {result.file}.")
    else:
        say(f"Đã đóng chiến dịch {campaign_id}: {result.unreturned}/{result.listed} sản phẩm chưa "
            f"được gửi lại, danh sách tại {result.file}.")


@campaign_app.command("sheet")
def campaign_sheet(
    ctx: typer.Context, campaign_id: CampaignId,
    out_dir: SheetDirectory = Path("."),
) -> None:
    """Ghi lại danh sách đề nghị thu hồi (.xlsx) của một chiến dịch thu hồi, như lúc đóng."""
    from use_cases.campaigns import revocation_list_download
    from use_cases.output_files import checked_directory

    state = state_of(ctx)
    checked_directory(out_dir)
    sheet = revocation_list_download(state.runtime(), state.actor, campaign_id)
    target = output_to(out_dir / sheet.filename, f"ocop campaign sheet {campaign_id}")
    assert target is not None
    write_output(target, sheet.content)
    reply(state.as_json, {"file": str(target.path)}, f"Đã ghi {target.path}.")


@campaign_app.command("decide")
def campaign_decide(
    ctx: typer.Context, campaign_id: CampaignId,
    decision: Annotated[str, typer.Option(help="Số quyết định thu hồi của UBND tỉnh.")],
    on: Annotated[str | None, typer.Option(
        help="Ngày ký quyết định (YYYY-MM-DD; mặc định hôm nay).")] = None,
) -> None:
    """Ghi quyết định của UBND tỉnh: thu hồi mọi sản phẩm trong danh sách."""
    from use_cases.campaigns import decide_revocation

    state = state_of(ctx)
    result = decide_revocation(state.runtime(), state.actor, campaign_id, decision,
                               parse_day(on, "--on") if on is not None else None)
    reply(state.as_json, result,
          f"Đã thu hồi {len(result.revoked)} sản phẩm theo quyết định {result.decision} ngày "
          f"{format_date(result.decided_on)}.")


@campaign_app.command("list")
def campaign_list(ctx: typer.Context) -> None:
    """Các chiến dịch."""
    from use_cases.queries import list_campaigns

    state = state_of(ctx)
    rows = list_campaigns(state.runtime())
    listing(state.as_json, rows, "Chiến dịch",
            ["Số", "Loại", "Mở ngày", "Hạn", "Trạng thái", "Nguồn", "Quyết định"],
            lambda r: (r.id, r.kind, r.opened_on, r.deadline, r.status, r.origin, r.decision),
            drop=("Nguồn", "Mở ngày", "Quyết định"))


def register(app: typer.Typer) -> None:
    app.add_typer(campaign_app, name="campaign")
