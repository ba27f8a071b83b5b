"""Flows, schedules and the stuck list. Prefect is imported only by `run` and `serve`."""

import time
from typing import Annotated

import typer

from flows.catalog import FLOWS, TIMEZONE
from ocop_cli.context import state_of
from ocop_cli.files import OutOption, output_to, report_with_file
from ocop_cli.output import emit_json, listing, progress, say, table
from states.errors import InvalidInput, OcopError


def run(
    ctx: typer.Context,
    names: Annotated[list[str], typer.Argument(metavar="FLOW...", help="Tên luồng (xem 'ocop flows').")],
    no_dispatch: Annotated[bool, typer.Option("--no-dispatch", help="Không gửi thư sau khi chạy.")] = False,
) -> None:
    """Chạy một (hoặc vài) luồng một lần qua Prefect, tính như hôm nay là --today, rồi gửi thư."""
    from bootstrap.system import overriding
    from flows.runner import flow_names, run_flows

    known = flow_names()
    unknown = [n for n in names if n not in known]
    if unknown:
        raise InvalidInput(f"Không có luồng {', '.join(unknown)}. Các luồng: {', '.join(known)}.")
    from flows.run_summary import flow_sentence

    state = state_of(ctx)
    settings = state.system().settings
    started = time.monotonic()
    progress("Đang khởi động Prefect (lần đầu có thể mất 15–20 giây)…")
    # The flows read the database from this process's settings, not from a run parameter.
    with overriding(database_url=settings.database_url):
        results = run_flows(names, settings.today, dispatch=not no_dispatch,
                            starting=lambda name: progress(f"Đang chạy luồng {name}…"))
    if state.as_json:
        emit_json(results)
        return
    for name, result in results.items():
        say(flow_sentence(name, result))
    say(f"Xong sau {time.monotonic() - started:.0f} giây.")


def flows(ctx: typer.Context) -> None:
    """Liệt kê các luồng, lịch chạy (giờ Việt Nam) và việc kế tiếp của từng luồng (theo kế hoạch
    năm, hạn hồ sơ, ngày hết hạn giấy chứng nhận)."""
    from states.clock import format_date
    from use_cases.plans import upcoming

    state = state_of(ctx)
    try:
        work = upcoming(state.runtime())
        next_of = work.by_flow()
        unknown = None
    except OcopError as error:  # no database yet: the schedules are still worth listing
        next_of, unknown = {}, f"Việc kế tiếp: chưa xem được ({error.message})"
    if state.as_json:
        emit_json([{"name": f.name, "cron": f.cron, "description": f.description,
                    "next": next_of.get(f.name)} for f in FLOWS])
        return
    table(f"Luồng và lịch chạy ({TIMEZONE})", ["Luồng", "Cron", "Mô tả"],
          [(f.name, f.cron, f.description) for f in FLOWS], drop=("Cron",))
    if unknown:
        say(unknown)
        return
    table(f"Việc kế tiếp (hôm nay {format_date(state.runtime().clock.today())})",
          ["Luồng", "Ngày", "Việc"],
          [(f.name, *((a.on, a.what) if (a := next_of.get(f.name)) else ("", "—")))
           for f in FLOWS])


def serve(
    ctx: typer.Context,
    port: Annotated[int, typer.Option(help="Cổng máy chủ Prefect cục bộ (khi chưa đặt PREFECT_API_URL).")]
        = 4200,
    web_host: Annotated[str, typer.Option(help="Địa chỉ của ứng dụng web.")] = "127.0.0.1",
    web_port: Annotated[int, typer.Option(help="Cổng của ứng dụng web (0: không chạy web).")] = 8000,
) -> None:
    """Chạy ứng dụng web và mọi lịch trong một tiến trình, kèm máy chủ Prefect cục bộ nếu chưa đặt
    PREFECT_API_URL (giao diện Prefect: http://127.0.0.1:4200). Dừng bằng Ctrl+C."""
    from flows.serve import serve_all
    from ocop_cli.web_cli import start_in_background

    state = state_of(ctx)
    if web_port:
        web = start_in_background(ctx, web_host, web_port)
        say(f"Ứng dụng web: http://{web_host}:{web_port}/")
    try:
        serve_all(state.system().settings.database_url, port)
    finally:
        if web_port:
            web.should_exit = True


def stuck(ctx: typer.Context, out: OutOption = None) -> None:
    """Hồ sơ tồn đọng theo bước và đơn vị, lâu nhất trước (--out: từng hồ sơ ra tệp Excel).
    Cửa sổ hẹp: ẩn cột Việc cần làm."""
    from states.clock import format_date
    from use_cases.dashboard import stuck_file, stuck_list

    target = output_to(out, "ocop stuck")  # before anything is read or written
    state = state_of(ctx)
    rt = state.runtime()
    groups = stuck_list(rt, state.actor)  # read once, for the table and for the file
    content = stuck_file(rt, groups) if target is not None else b""
    result = [{"state": g.state, "unit": g.unit_name, "count": g.count,
               "longest_days": g.longest_days,
               "dossiers": [d.dossier_id for d in g.dossiers]} for g in groups]
    today = format_date(rt.clock.today())
    report_with_file(state.as_json, result, target, content, lambda: listing(
        False, groups, f"Hồ sơ tồn đọng ngày {today} ({sum(g.count for g in groups)} hồ sơ)",
        ["Đơn vị", "Đang ở bước", "Việc cần làm", "Số hồ sơ", "Lâu nhất (ngày)", "Hồ sơ"],
        lambda g: (g.unit_name, g.state_label, g.action, g.count, g.longest_days,
                   ", ".join(str(d.dossier_id) for d in g.dossiers[:8])
                   + (" …" if g.count > 8 else "")),
        empty=f"Không có hồ sơ nào quá hạn ngày {today}.", drop=("Việc cần làm",)))


def register(app: typer.Typer) -> None:
    app.command("run")(run)
    app.command("flows")(flows)
    app.command("serve")(serve)
    app.command("stuck")(stuck)
