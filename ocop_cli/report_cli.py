"""`ocop report year YYYY`: the yearly report the province sends the ministry (issue 22)."""

from pathlib import Path
from typing import Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.files import output_to, report_with_file
from ocop_cli.output import table

report_app = typer.Typer(help="Báo cáo của Sở.", no_args_is_help=True)


@report_app.command("year")
def report_year(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(help="Năm báo cáo, ví dụ 2022.", metavar="NĂM")],
    out: Annotated[Path | None, typer.Option(
        "--out", help="Ghi báo cáo ra tệp: .pdf (để in, có biểu đồ) hoặc .xlsx (mỗi phần một "
                      "trang tính), theo đuôi tên tệp; tệp đã có được ghi đè.")] = None,
) -> None:
    """Báo cáo năm: sản phẩm được công nhận theo số sao, nhóm sản phẩm và đơn vị; đánh giá lại,
    hết hạn, thu hồi; và số liệu của bốn biểu đồ trên bảng điều hành (số sao theo năm, đơn vị
    theo trạng thái, lịch đến hạn, giấy chứng nhận hết hạn), mỗi biểu đồ ghi ngày số liệu.
    Chỉ Sở."""
    from notices.yearly_report import chart_section
    from use_cases.yearly_report import kind_of, report_file, yearly_report

    kind = kind_of(out.name) if out is not None else None  # before anything is read
    target = output_to(out, f"ocop report year {year} --out {out}")
    state = state_of(ctx)
    rt = state.runtime()
    report = yearly_report(rt, state.actor, year)
    content = report_file(rt, report, kind)[1] if kind is not None else b""

    def show() -> None:
        for section in report.sections:
            table(f"Năm {year}: {section.title}", section.headers, section.rows)
        for drawn in report.charts:
            shown = chart_section(drawn)
            table(f"{shown.title} ({drawn.as_of_text.lower()})", shown.headers, shown.rows)

    report_with_file(state.as_json, report.figures, target, content, show)


def register(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")
