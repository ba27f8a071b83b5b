"""Consultants who prepare dossiers, and whose dossiers fail."""

from typing import TYPE_CHECKING, Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.files import OutOption, output_to, report_with_file
from ocop_cli.output import listing, say, table

if TYPE_CHECKING:
    from states.training.consultant_report import ConsultantReport

consultant_app = typer.Typer(help="Đơn vị tư vấn làm hồ sơ OCOP và kết quả hồ sơ của họ.",
                             no_args_is_help=True)

# Column headings narrow enough for a terminal; the legend spells them out.
REPORT_COLUMNS = ("Người chuẩn bị", "Hồ sơ", "Có KQ", "<Ngưỡng", "Thiếu TL", "KCN", "Trượt",
                  "Điểm H/T", "Ngày LV")
LEGEND = ("Có KQ = đã có kết quả (công nhận, không công nhận hoặc trả lại); <Ngưỡng = trả lại vì "
          "dưới ngưỡng điểm chuyển tỉnh (hoặc không đạt tiêu chí bắt buộc); Thiếu TL = trả lại khi "
          "còn thiếu tài liệu bắt buộc (một hồ sơ có thể thuộc cả hai); KCN = không công nhận; "
          "Trượt = (trả lại + không công nhận) / có kết quả; Điểm H/T = điểm trung bình cấp huyện / "
          "cấp tỉnh; Ngày LV = số ngày làm việc trung bình từ đăng ký đến kết quả. "
          "Chi tiết (cả số được công nhận) trong --out TỆP.xlsx hoặc --json.")


@consultant_app.command("list")
def consultant_list(ctx: typer.Context) -> None:
    """Các đơn vị tư vấn đã ghi nhận (tên viết khác nhau của một đơn vị được gộp làm một)."""
    from use_cases.consultants import consultants

    state = state_of(ctx)
    listing(state.as_json, consultants(state.runtime()), "Đơn vị tư vấn", ["Số", "Tên", "Hồ sơ"],
            lambda c: (c.id, c.name, c.dossiers))


def print_report(report: "ConsultantReport") -> None:
    from notices.consultants import report_scope

    table(f"Kết quả hồ sơ theo người chuẩn bị, {report_scope(report)}", REPORT_COLUMNS,
          [(r.who, r.prepared, r.decided, r.returned_below_threshold,
            r.returned_missing_documents, r.not_recognised,
            "" if r.failed_share is None else f"{100 * r.failed_share:.0f}%",
            f"{_points(r.avg_district_points)} / {_points(r.avg_provincial_points)}",
            _points(r.avg_working_days_to_decision)) for r in report.rows],
          drop=("Điểm H/T", "Ngày LV", "Thiếu TL", "<Ngưỡng"))
    say(LEGEND)


def _points(value: float | None) -> str:
    """Averages (points, working days) with the decimal comma points are read with."""
    from states.rules.points import format_points

    return "–" if value is None else format_points(value)


@consultant_app.command("report")
def consultant_report(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option(
        help="Chỉ các hồ sơ đăng ký (hoặc mở đánh giá lại) trong năm này; mặc định mọi năm.")] = None,
    out: OutOption = None,
) -> None:
    """Theo từng đơn vị tư vấn, và chủ thể tự làm, cán bộ hỗ trợ cạnh nhau: số hồ sơ, trả lại
    dưới ngưỡng, trả lại thiếu tài liệu, không công nhận, điểm trung bình, số ngày làm việc."""
    from use_cases.consultants import report_spreadsheet

    target = output_to(out, "ocop consultant report")  # before anything is read or written
    state = state_of(ctx)
    report, spreadsheet = report_spreadsheet(state.runtime(), year)
    report_with_file(state.as_json, report, target, spreadsheet.content, lambda: print_report(report))


def register(app: typer.Typer) -> None:
    app.add_typer(consultant_app, name="consultant")
