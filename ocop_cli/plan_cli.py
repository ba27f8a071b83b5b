"""The province's yearly plan: show the calendar, load plan files, import .xlsx, add entries."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.output import emit_json, reply, say, table
from ocop_cli.parsing import choices_help, parse_day
from states.vocabulary import CampaignKind

if TYPE_CHECKING:
    from states.programme.plan import PlanCalendar
    from states.programme.planning import PlanSaved

plan_app = typer.Typer(help="Kế hoạch năm của tỉnh: các đợt đánh giá và chiến dịch theo lịch.",
                       no_args_is_help=True)
DayOption = Annotated[str, typer.Option(help="Ngày (YYYY-MM-DD hoặc dd/mm/yyyy).")]
NO_PLAN = ("Chưa có kế hoạch năm {year}: thêm tệp plan-{year}.toml vào OCOP_RULES_DIR rồi chạy "
           "'ocop plan load', hoặc 'ocop plan import TỆP.xlsx', 'ocop plan add-round', "
           "'ocop plan add-campaign'.")


@plan_app.command("show")
def plan_show(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option(help="Năm (mặc định: năm của hôm nay).")] = None,
) -> None:
    """Lịch của năm: các mốc của từng đợt đánh giá và chiến dịch, đánh dấu đã qua / hôm nay /
    tiếp theo."""
    from use_cases.plans import calendar

    state = state_of(ctx)
    plan = calendar(state.runtime(), year)
    if state.as_json:
        emit_json(plan)
    elif not plan.events:
        say(NO_PLAN.format(year=plan.year))
    else:
        print_calendar(plan)


def print_calendar(plan: "PlanCalendar") -> None:
    from states.clock import format_date
    from states.vocabulary import Timing, label

    table(f"Kế hoạch OCOP năm {plan.year} (hôm nay {format_date(plan.today)})",
          ["Ngày", "Đợt / chiến dịch", "Mốc", ""],
          [(e.on, e.subject, e.event_label, "" if e.timing == Timing.LATER else label(e.timing))
           for e in plan.events])
    if plan.under_way:
        say("Đang diễn ra: " + "; ".join(plan.under_way))


def _saved(saved: "PlanSaved") -> str:
    parts = [(saved.rounds_added, "đợt mới"), (saved.rounds_updated, "đợt cập nhật"),
             (saved.campaigns_added, "chiến dịch mới"), (saved.campaigns_updated,
                                                         "chiến dịch cập nhật"),
             (saved.campaigns_removed, "chiến dịch bỏ khỏi kế hoạch"),
             (saved.campaigns_started, "chiến dịch đã mở (giữ nguyên)")]
    said = ", ".join(f"{count} {what}" for count, what in parts if count)
    return f"{saved.source}: {said or 'không có gì thay đổi'}."


@plan_app.command("load")
def plan_load(
    ctx: typer.Context,
    files: Annotated[list[Path] | None, typer.Argument(
        metavar="[plan-YYYY.toml]...", help="Mặc định: mọi plan-YYYY.toml trong OCOP_RULES_DIR.")]
        = None,
) -> None:
    """Nạp kế hoạch năm từ tệp TOML vào CSDL (chạy lại an toàn; các luồng chiến dịch cũng tự nạp
    mỗi ngày)."""
    from use_cases.plans import load_plan_files

    state = state_of(ctx)
    results = load_plan_files(state.runtime(), state.actor, files or None)
    if state.as_json:
        emit_json(results)
    elif not results:
        say("Không có tệp plan-YYYY.toml nào (đặt OCOP_RULES_DIR hoặc ghi tên tệp).")
    for saved in [] if state.as_json else results:
        say(_saved(saved))


@plan_app.command("import")
def plan_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE.xlsx")],
) -> None:
    """Nhập kế hoạch từ Excel: trang 'Đợt đánh giá' (Mã đợt, Tên đợt, Bộ quy định, Mở đăng ký,
    Hết hạn đăng ký, Hạn cấp huyện/xã, Hạn cấp tỉnh) và trang 'Chiến dịch' (Loại, Ngày mở,
    Hạn nộp, Hết hạn trước, Hết hạn trong (tháng))."""
    from use_cases.plans import import_workbook

    state = state_of(ctx)
    saved = import_workbook(state.runtime(), state.actor, file)
    reply(state.as_json, saved, _saved(saved))


@plan_app.command("add-round")
def plan_add_round(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="CODE", help="Mã đợt, vd. 2022-2.")],
    name: Annotated[str, typer.Option(help="Tên đợt, vd. 'Đợt 2 năm 2022'.")],
    registration_opens: DayOption,
    registration_closes: DayOption,
    local_deadline: Annotated[str, typer.Option(help="Hạn các bước cấp huyện / xã.")],
    provincial_deadline: Annotated[str, typer.Option(help="Hạn hội đồng cấp tỉnh.")],
    rulebook: Annotated[str | None, typer.Option(
        help="Bộ quy định (mặc định: bộ có hiệu lực ngày mở đăng ký).")] = None,
) -> None:
    """Thêm (hoặc sửa) một đợt đánh giá trong kế hoạch."""
    from states.programme.plans import RoundSpec, parse_spec
    from use_cases.plans import add_round

    state = state_of(ctx)
    spec = parse_spec(RoundSpec, {
        "code": code, "name": name, "rulebook": rulebook,
        "registration_opens": parse_day(registration_opens, "--registration-opens"),
        "registration_closes": parse_day(registration_closes, "--registration-closes"),
        "local_deadline": parse_day(local_deadline, "--local-deadline"),
        "provincial_deadline": parse_day(provincial_deadline, "--provincial-deadline")})
    reply(state.as_json, add_round(state.runtime(), state.actor, spec),
          f"Đã ghi đợt {spec.code} ({spec.name}) vào kế hoạch.")


@plan_app.command("add-campaign")
def plan_add_campaign(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help=choices_help(CampaignKind))],
    opens: Annotated[str, typer.Option(help="Ngày mở (luồng hằng ngày tự mở).")],
    deadline: Annotated[str, typer.Option(help="Hạn các đơn vị nộp.")],
    expiring_before: Annotated[str | None, typer.Option(
        help="renewal: giấy chứng nhận hết hạn trước ngày này.")] = None,
    expiring_within_months: Annotated[int | None, typer.Option(
        help="renewal: giấy chứng nhận hết hạn trong N tháng kể từ hạn nộp.")] = None,
) -> None:
    """Thêm một chiến dịch vào kế hoạch: luồng hằng ngày mở vào ngày mở, nhắc trước hạn, đóng
    ngày làm việc sau hạn và gửi Sở danh sách."""
    from states.clock import format_date
    from states.programme.plans import CampaignSpec, parse_spec
    from states.vocabulary import CampaignKind, label, parse_code
    from use_cases.plans import add_campaign

    state = state_of(ctx)
    spec = parse_spec(CampaignSpec, {
        "kind": parse_code(CampaignKind, kind, "Loại chiến dịch"),
        "opens_on": parse_day(opens, "--opens"), "deadline": parse_day(deadline, "--deadline"),
        "expiring_before": parse_day(expiring_before, "--expiring-before") if expiring_before
        else None, "expiring_within_months": expiring_within_months})
    reply(state.as_json, add_campaign(state.runtime(), state.actor, spec),
          f"Đã ghi chiến dịch {label(spec.kind)} vào kế hoạch: mở {format_date(spec.opens_on)}, "
          f"hạn {format_date(spec.deadline)}.")


def register(app: typer.Typer) -> None:
    app.add_typer(plan_app, name="plan")
