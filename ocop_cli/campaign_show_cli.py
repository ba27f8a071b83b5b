"""`ocop campaign show ID`: one campaign with its units, dossiers and proposals."""

import typer

from ocop_cli.campaign_cli import CampaignId, campaign_app
from ocop_cli.context import state_of
from ocop_cli.output import emit_json, say, table


def campaign_show(ctx: typer.Context, campaign_id: CampaignId) -> None:
    """Xem một chiến dịch: đánh giá lại: các đơn vị và sản phẩm chưa gửi lại; thu hồi: các đề
    nghị của từng đơn vị."""
    from states.clock import format_date
    from states.vocabulary import CampaignKind, label
    from use_cases.campaigns import campaign_detail

    state = state_of(ctx)
    detail = campaign_detail(state.runtime(), state.actor, campaign_id)
    if state.as_json:
        emit_json(detail)
        return
    c = detail.campaign
    decided = (f"; quyết định {c.decision} ngày {format_date(c.decided_on)}"
               if c.decision else "")
    say(f"Chiến dịch {label(c.kind)} số {c.id}: {label(c.status)}, mở ngày "
        f"{format_date(c.opened_on)}, hạn {format_date(c.deadline)}{decided}.")
    if c.kind == CampaignKind.RENEWAL:
        waiting = [(unit, i) for unit, items in detail.renewals.items() for i in items]
        say(f"{len(detail.renewals)} đơn vị còn {len(waiting)} sản phẩm chưa gửi lại.")
        if waiting:
            table("Sản phẩm chưa gửi lại", ["Đơn vị", "Hồ sơ", "Sản phẩm", "Chủ thể", "Giấy CN",
                                            "Hết hạn"],
                  [(unit, i.dossier_id, i.product, i.producer, i.certificate, i.expires_on)
                   for unit, i in waiting], drop=("Chủ thể", "Giấy CN"))
        return
    units = {p.unit for p in detail.proposals}
    say(f"{len(detail.proposals)} đề nghị thu hồi của {len(units)} đơn vị.")
    if detail.proposals:
        table("Đề nghị thu hồi", ["Đơn vị", "Hồ sơ", "Sản phẩm", "Chủ thể", "Giấy CN", "Lý do",
                                  "Người đề nghị"],
              [(p.unit, p.dossier_id, p.product, p.producer, p.certificate,
                p.reason_label + (f" ({p.note})" if p.note else ""), p.proposed_by)
               for p in detail.proposals], drop=("Người đề nghị", "Chủ thể", "Giấy CN"))


def register() -> None:
    """The command joins `campaign`, which campaign_cli owns."""
    campaign_app.command("show")(campaign_show)
