"""Training courses for OCOP officers: open, attendance, coverage."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.files import OutOption, output_to, read_input, report_with_file
from ocop_cli.output import emit_json, listing, reply, say, table
from ocop_cli.parsing import parse_day
from states.clock import format_date

if TYPE_CHECKING:
    from states.training.training import Coverage

training_app = typer.Typer(help="Tập huấn cán bộ OCOP: lớp học, danh sách tham dự, độ phủ.",
                           no_args_is_help=True)
CourseId = Annotated[int, typer.Argument(metavar="COURSE", help="Số lớp (xem 'ocop training list').")]


@training_app.command("open")
def training_open(
    ctx: typer.Context,
    title: Annotated[str, typer.Option(help="Tên lớp tập huấn.")],
    organiser: Annotated[str, typer.Option(help="Đơn vị tổ chức.")],
    starts: Annotated[str, typer.Option("--from", help="Ngày bắt đầu (YYYY-MM-DD).")],
    place: Annotated[str, typer.Option(help="Địa điểm.")],
    ends: Annotated[str | None, typer.Option("--to", help="Ngày kết thúc (mặc định: ngày bắt đầu).")]
        = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", help="Nội dung (lặp lại được).")] = None,
    unit: Annotated[list[str] | None, typer.Option(
        "--unit", help="Đơn vị được mời (lặp lại được; mặc định: mọi đơn vị cấp huyện / xã).")] = None,
) -> None:
    """Mở lớp tập huấn và gửi giấy mời cho các đơn vị được mời (qua hộp thư đi)."""
    from states.training.training_commands import CourseInput
    from use_cases.training import open_course

    state = state_of(ctx)
    first = parse_day(starts, "--from")
    course = CourseInput(title, organiser, first, parse_day(ends, "--to") if ends else first, place,
                         topic or [], unit or [])
    result = open_course(state.runtime(), state.actor, course)
    reply(state.as_json, result,
          f"Lớp tập huấn số {result.course_id}: {result.title}, {format_date(result.starts_on)} tại "
          f"{result.place}; mời {result.units_invited} đơn vị, {result.invitations_queued} giấy mời "
          "vào hộp thư đi.")


@training_app.command("list")
def training_list(ctx: typer.Context) -> None:
    """Các lớp tập huấn, mới nhất trước."""
    from use_cases.training import courses

    state = state_of(ctx)
    listing(state.as_json, courses(state.runtime()), "Lớp tập huấn",
            ["Số", "Lớp", "Ngày", "Địa điểm", "Đơn vị mời", "Người dự"],
            lambda c: (c.id, c.title, format_date(c.starts_on) + (
                "" if c.ends_on == c.starts_on else f" - {format_date(c.ends_on)}"),
                       c.place, c.units_invited, c.attended),
            drop=("Địa điểm", "Đơn vị mời"))


@training_app.command("attend")
def training_attend(
    ctx: typer.Context, course_id: CourseId,
    users: Annotated[list[str], typer.Argument(metavar="USER...", help="Tên người dùng đã dự.")],
) -> None:
    """Ghi tay những cán bộ đã dự lớp."""
    from use_cases.training import attend

    state = state_of(ctx)
    result = attend(state.runtime(), state.actor, course_id, users)
    reply(state.as_json, result,
          f"Lớp {course_id}: ghi thêm {len(result.recorded)} người"
          + (f", {len(result.already_recorded)} người đã có trước" if result.already_recorded
             else "") + ".")


@training_app.command("import")
def training_import(
    ctx: typer.Context, course_id: CourseId,
    sheet: Annotated[Path, typer.Argument(metavar="FILE.xlsx", help="Danh sách điểm danh đã ký.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Chỉ kiểm tra, không ghi.")] = False,
) -> None:
    """Nhập danh sách điểm danh (.xlsx có cột Họ và tên, Đơn vị, Ký tên): ghi người đã ký,
    báo những dòng không khớp cán bộ nào."""
    from use_cases.training import import_attendance

    state = state_of(ctx)
    result = import_attendance(state.runtime(), state.actor, course_id, read_input(sheet),
                               sheet.name, dry_run)
    if state.as_json:
        emit_json(result)
        return
    verb = "Sẽ ghi" if dry_run else "Đã ghi"
    say(f"Lớp {course_id}: {verb} {len(result.recorded)} người; {len(result.already_recorded)} "
        f"người đã có trước; {result.unsigned} dòng không ký; {len(result.unmatched)} dòng "
        "không khớp.")
    if result.unmatched:
        table("Dòng không khớp cán bộ nào (thêm người dùng hoặc sửa tên rồi nhập lại)",
              ["Dòng", "Họ và tên", "Đơn vị", "Lý do"],
              [(r.line, r.name, r.unit, r.reason) for r in result.unmatched])


def print_gaps(report: "Coverage") -> None:
    """One sentence: which units have no officer trained recently."""
    gaps = [u.unit_name for u in report.units if u.gap]
    # 99 communes since 1/7/2025: name a dozen, count the rest.
    names = ", ".join(gaps[:12]) + (f" và {len(gaps) - 12} đơn vị khác" if len(gaps) > 12 else "")
    say(f"Tập huấn: {report.units_with_gap}/{len(report.units)} đơn vị không có cán bộ OCOP được "
        f"tập huấn từ {format_date(report.trained_since)}" + (f": {names}." if names else "."))


@training_app.command("coverage")
def training_coverage(ctx: typer.Context, out: OutOption = None) -> None:
    """Độ phủ tập huấn: mỗi đơn vị, cán bộ OCOP và ngày tập huấn gần nhất; đơn vị thiếu
    khi không cán bộ nào được tập huấn trong [training] gap_months tháng (mặc định 12)."""
    from use_cases.training import coverage_spreadsheet

    target = output_to(out, "ocop training coverage")  # before anything is read or written
    state = state_of(ctx)
    report, spreadsheet = coverage_spreadsheet(state.runtime())
    report_with_file(state.as_json, report, target, spreadsheet.content,
                     lambda: print_coverage(report))


def print_coverage(report: "Coverage") -> None:
    table(f"Tập huấn cán bộ OCOP ngày {format_date(report.as_of)}: {report.units_with_gap}/"
          f"{len(report.units)} đơn vị không có cán bộ được tập huấn từ "
          f"{format_date(report.trained_since)}",
          ["Đơn vị", "Tình trạng", "Cán bộ OCOP (tập huấn gần nhất)"],
          [(u.unit_name, "THIẾU" if u.gap else "đủ",
            "; ".join(f"{o.name} ({format_date(o.last_trained_on) or 'chưa'})" for o in u.officers)
            or "chưa có cán bộ trong hệ thống") for u in report.units])


def register(app: typer.Typer) -> None:
    app.add_typer(training_app, name="training")
