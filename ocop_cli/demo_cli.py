"""`ocop demo`: the whole system on the embedded default, in about a minute."""

import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from demo.summary import CouncilOutcome, DemoSummary
    from states.runtime import Runtime

from ocop_cli.output import say, table
from ocop_cli.plan_cli import print_calendar

# Column headings narrow enough for an 80-column terminal; the legend spells them out.
SHORT: dict[str, str] = {
    "registered": "ĐK", "district_inspected": "KT", "district_scored": "CĐ", "returned": "Trả",
    "provincial_review": "Tỉnh", "central_review": "TW", "certified": "CN",
    "not_recognised": "KCN", "renewal": "ĐGL", "expired": "HH", "revoked": "TH",
    "withdrawn": "Rút",
}


def demo(
    folder: Annotated[Path, typer.Option("--dir", help="Thư mục kết quả (xoá và làm lại).")] =
        Path("demo-output"),
    year: Annotated[int, typer.Option(
        "--year", help="2022: chỉ năm 2022; 2025 (mặc định): thêm chuyển đổi 01/07/2025 và đợt "
                       "2026 cấp xã.")] = 2025,
) -> None:
    """Chạy thử: tỉnh Bắc Giang năm 2022 phát lại trên SQLite, rồi (--year 2025) các giấy chứng
    nhận 2022 qua ngày 01/07/2025 sang tỉnh Bắc Ninh mới; thư ghi vào demo-output/outbox."""
    from demo.acts import replay
    from demo.summary import summary
    from use_cases.output_files import checked_folder_to_make

    checked_folder_to_make(folder)  # before the replay's minutes of work, not after
    started = time.monotonic()
    result = replay(folder, say, year=year)
    data = summary(result.rt, result.council)
    print_summary(data, result.rt.clock.today())
    # Issue 14: consultants beside self-prepared dossiers, and the units lacking training.
    from ocop_cli.consultant_cli import print_report
    from ocop_cli.training_cli import print_gaps
    from use_cases import consultants, training

    print_report(consultants.report(result.rt))
    print_gaps(training.coverage(result.rt))
    if data.council is not None:
        print_council_outcome(data.council)
    say(f"Xong sau {time.monotonic() - started:.0f} giây: {result.flow_runs} lượt chạy luồng Prefect. "
        f"CSDL: {folder / 'ocop-demo.db'}; thư: {folder / 'outbox'}/*.eml")
    browse_hint(folder, result.rt)


def print_summary(data: "DemoSummary", today: date) -> None:
    """The demo's last tables: dossiers by unit and state, the mail written, the stuck list."""
    from states.vocabulary import MailKind, State, label, label_or_code

    states = [s for s in State if any(row[1] == s for row in data.by_unit_state)]
    grid: dict[str, dict[str, int]] = defaultdict(dict)
    for unit, state, count in data.by_unit_state:
        grid[unit][state] = count
    shown = busiest(grid)
    table(f"Hồ sơ theo đơn vị và trạng thái ({len(shown)}/{len(grid)} đơn vị)",
          ["Đơn vị", *(SHORT[s] for s in states), "Tổng"],
          [(unit.removeprefix("Huyện "), *(row.get(s, "") for s in states), sum(row.values()))
           for unit, row in shown])
    say("  " + "; ".join(f"{SHORT[s]} = {label(s)}" for s in states))
    print_calendar(data.plan)
    table("Thư đã ghi vào hộp thư đi (.eml)", ["Loại", "Số thư"],
          sorted((label_or_code(MailKind, kind), count) for kind, count in data.emails.items()))
    stuck = data.stuck
    table(f"Hồ sơ tồn đọng ngày {today:%d/%m/%Y} "
          f"({sum(g.count for g in stuck)} hồ sơ, 5 nhóm lâu nhất)",
          ["Đơn vị", "Đang ở bước", "Số hồ sơ", "Lâu nhất (ngày)"],
          [(g.unit_name, g.state_label, g.count, g.longest_days) for g in stuck[:5]])


def print_council_outcome(outcome: "CouncilOutcome") -> None:
    """Issue 21: the council's results from the members' sheets, and its printouts."""
    from ocop_cli.output import styled
    from states.rules.points import format_points
    from states.rules.score_sheets import PROVISIONAL_BANNER

    say(f"{outcome.name}: kết quả là trung bình tổng điểm các phiếu của thành viên")
    for row in outcome.rows:
        verdict = f"không đạt tiêu chí bắt buộc {row.failed}" if row.failed else f"{row.stars} sao"
        say(f"  Hồ sơ {row.dossier_id} ({row.product}): phiếu "
            f"{'; '.join(format_points(t) for t in row.totals)} → trung bình "
            f"{format_points(row.average)}, {verdict}. Tỉnh: {row.state_label.lower()}.")
    say(f"  Không chấm vì xung đột lợi ích: {outcome.abstention}")
    if outcome.provisional:
        say(styled((f"⚠ {PROVISIONAL_BANNER}: phiếu đánh giá là dữ liệu tạm thời, không phải văn "
                    "bản pháp lý; mọi bản in đều ghi như vậy.", "bold red")))
    say(f"Bản in của hội đồng trong {outcome.folder}/:")
    for printed in outcome.files:
        say(f"  {printed.path.name}: {printed.what}")


def browse_hint(folder: Path, rt: "Runtime") -> None:
    """The last lines: how to look at the demo in a browser, as of its last day, and as whom."""
    from demo.users import add_demo_users

    users = add_demo_users(rt)
    say(f"Xem bằng trình duyệt: ocop --db sqlite:///{folder / 'ocop-demo.db'} --as admin "
        f"--today {rt.clock.today().isoformat()} web → http://127.0.0.1:8000/")
    say("Người dùng demo (mật khẩu chỉ dùng cho demo): " + "; ".join(
        f"{u.login} / {u.password} ({u.who})" for u in users))


def busiest(grid: dict[str, dict[str, int]], rows: int = 12) -> list[tuple[str, dict[str, int]]]:
    """After the switch there are some 60 units: the busiest ones, then the rest in one row."""
    ranked = sorted(grid.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    if len(ranked) <= rows:
        return sorted(grid.items())
    rest: dict[str, int] = defaultdict(int)
    for _, counts in ranked[rows - 1:]:
        for state, count in counts.items():
            rest[state] += count
    return [*ranked[:rows - 1], (f"{len(ranked) - rows + 1} đơn vị khác", dict(rest))]


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
