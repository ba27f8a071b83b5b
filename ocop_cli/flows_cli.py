"""Flows, schedules, campaigns and the stuck list. Prefect is imported only by `run` and `serve`."""

from pathlib import Path
from typing import Annotated

import typer

from flows.catalog import FLOWS, TIMEZONE
from ocop_cli.context import state_of
from ocop_cli.output import emit_json, say, table
from ocop_cli.parsing import parse_day
from states.clock import format_date
from states.errors import InvalidInput

campaign_app = typer.Typer(help="Chiến dịch đánh giá lại và thu hồi.", no_args_is_help=True)


def run(
    ctx: typer.Context,
    names: Annotated[list[str], typer.Argument(metavar="FLOW...", help="Tên luồng (xem 'ocop flows').")],
    no_dispatch: Annotated[bool, typer.Option("--no-dispatch", help="Không gửi thư sau khi chạy.")] = False,
) -> None:
    """Chạy một (hoặc vài) luồng một lần qua Prefect, tính như hôm nay là --today, rồi gửi thư."""
    from flows.runner import flow_names, run_flows

    known = flow_names()
    unknown = [n for n in names if n not in known]
    if unknown:
        raise InvalidInput(f"Không có luồng {', '.join(unknown)}. Các luồng: {', '.join(known)}.")
    state = state_of(ctx)
    rt = state.runtime()
    results = run_flows(names, rt.settings.today, rt.settings.database_url, dispatch=not no_dispatch)
    if state.as_json:
        emit_json(results)
        return
    for name, result in results.items():
        say(f"{name}: {result}")


def flows() -> None:
    """Liệt kê các luồng và lịch chạy (giờ Việt Nam)."""
    table(f"Luồng và lịch chạy ({TIMEZONE})", ["Luồng", "Cron", "Mô tả"],
          [(f.name, f.cron, f.description) for f in FLOWS])


def serve(
    ctx: typer.Context,
    port: Annotated[int, typer.Option(help="Cổng máy chủ Prefect cục bộ (khi chưa đặt PREFECT_API_URL).")]
        = 4200,
) -> None:
    """Chạy mọi lịch trong một tiến trình, kèm máy chủ Prefect cục bộ nếu chưa đặt PREFECT_API_URL
    (giao diện: http://127.0.0.1:4200). Dừng bằng Ctrl+C."""
    from flows.serve import serve_all

    state = state_of(ctx)
    serve_all(state.runtime().settings.database_url, port)


def stuck(ctx: typer.Context) -> None:
    """Hồ sơ tồn đọng theo bước và đơn vị, lâu nhất trước."""
    from notifiers.campaign_mail import stuck_report

    state = state_of(ctx)
    rt = state.runtime()
    with rt.transaction() as session:
        groups = stuck_report(rt, session)
    if state.as_json:
        emit_json([{"state": g.state, "unit": g.unit_name, "count": g.count,
                    "longest_days": g.longest_days,
                    "dossiers": [d.dossier_id for d in g.dossiers]} for g in groups])
        return
    table(f"Hồ sơ tồn đọng ngày {format_date(rt.clock.today())} "
          f"({sum(g.count for g in groups)} hồ sơ)",
          ["Đơn vị", "Đang ở bước", "Việc cần làm", "Số hồ sơ", "Lâu nhất (ngày)", "Hồ sơ"],
          [(g.unit_name, g.state_label, g.action, g.count, g.longest_days,
            ", ".join(str(d.dossier_id) for d in g.dossiers[:8])
            + (" …" if g.count > 8 else "")) for g in groups])


@campaign_app.command("open")
def campaign_open(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help="renewal (đánh giá lại) hoặc revocation (thu hồi).")],
    deadline: Annotated[str, typer.Option(help="Hạn các đơn vị gửi danh sách (YYYY-MM-DD).")],
    expiring_before: Annotated[str | None, typer.Option(
        help="renewal: chọn giấy chứng nhận hết hạn trước ngày này (mặc định hạn + 180 ngày).")] = None,
) -> None:
    """Mở chiến dịch và gửi thông báo cho từng đơn vị (qua hộp thư đi)."""
    from notifiers.campaign_mail import open_campaign

    if kind not in ("renewal", "revocation"):
        raise InvalidInput("Loại chiến dịch phải là renewal hoặc revocation.")
    state = state_of(ctx)
    result = open_campaign(state.runtime(), state.actor, kind, parse_day(deadline, "--deadline"),
                           parse_day(expiring_before, "--expiring-before") if expiring_before else None)
    if state.as_json:
        emit_json(result.__dict__)
    elif kind == "renewal":
        say(f"Chiến dịch đánh giá lại số {result.campaign_id}: {result.products} sản phẩm chuyển sang "
            f"đánh giá lại, {result.units_notified} đơn vị được thông báo, hạn "
            f"{format_date(result.deadline)}.")
    else:
        say(f"Chiến dịch thu hồi số {result.campaign_id}: {result.units_notified} đơn vị được đề nghị "
            f"gửi danh sách trước {format_date(result.deadline)}.")


@campaign_app.command("propose-revocation")
def campaign_propose(
    ctx: typer.Context,
    campaign_id: Annotated[int, typer.Argument(metavar="CAMPAIGN")],
    dossier_id: Annotated[int, typer.Argument(metavar="DOSSIER")],
    reason: Annotated[str, typer.Option(help="ceased, dissolved, violation, failed-mandatory, "
                                             "not-reevaluated hoặc other (cần --note).")],
    note: Annotated[str | None, typer.Option(help="Ghi chú.")] = None,
) -> None:
    """Ghi đề nghị thu hồi của đơn vị cho một sản phẩm."""
    from states.campaigns import propose_revocation

    state = state_of(ctx)
    result = propose_revocation(state.runtime(), state.actor, campaign_id, dossier_id, reason, note)
    if state.as_json:
        emit_json(result)
    else:
        say(f"Đã ghi đề nghị thu hồi hồ sơ {dossier_id} trong chiến dịch {campaign_id}.")


@campaign_app.command("close")
def campaign_close(
    ctx: typer.Context, campaign_id: Annotated[int, typer.Argument(metavar="CAMPAIGN")],
    out_dir: Annotated[Path, typer.Option("--out", help="Thư mục ghi tệp Excel.")] = Path("."),
) -> None:
    """Đóng chiến dịch; thu hồi: lập danh sách trình UBND tỉnh (.xlsx) và gửi cho Sở."""
    from notifiers.campaign_mail import close_campaign

    state = state_of(ctx)
    result = close_campaign(state.runtime(), state.actor, campaign_id, out_dir)
    if state.as_json:
        emit_json(result)
    elif "file" in result:
        say(f"Đã đóng chiến dịch {campaign_id}: {result['proposals']} đề nghị, "
            f"danh sách tại {result['file']}.")
    else:
        say(f"Đã đóng chiến dịch {campaign_id}.")


@campaign_app.command("decide")
def campaign_decide(
    ctx: typer.Context, campaign_id: Annotated[int, typer.Argument(metavar="CAMPAIGN")],
    decision: Annotated[str, typer.Option(help="Số quyết định thu hồi của UBND tỉnh.")],
) -> None:
    """Ghi quyết định của UBND tỉnh: thu hồi mọi sản phẩm trong danh sách."""
    from states.campaigns import decide_revocation

    state = state_of(ctx)
    revoked = decide_revocation(state.runtime(), state.actor, campaign_id, decision)
    if state.as_json:
        emit_json({"campaign": campaign_id, "revoked": revoked})
    else:
        say(f"Đã thu hồi {len(revoked)} sản phẩm theo quyết định {decision}.")


@campaign_app.command("list")
def campaign_list(ctx: typer.Context) -> None:
    """Các chiến dịch."""
    from states.campaigns import list_campaigns

    state = state_of(ctx)
    with state.runtime().transaction() as session:
        rows = list_campaigns(session)
    if state.as_json:
        emit_json(rows)
        return
    table("Chiến dịch", ["Số", "Loại", "Mở ngày", "Hạn", "Trạng thái", "Quyết định"],
          [(r["id"], r["kind"], r["opened_on"], r["deadline"], r["status"], r["decision"] or "")
           for r in rows])


def register(app: typer.Typer) -> None:
    app.command("run")(run)
    app.command("flows")(flows)
    app.command("serve")(serve)
    app.command("stuck")(stuck)
    app.add_typer(campaign_app, name="campaign")
