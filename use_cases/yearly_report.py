"""The yearly report (issue 22): the figures a province sends the ministry, as PDF or .xlsx."""

from collections.abc import Callable
from dataclasses import dataclass

from notices.charts.svg import chart_svg
from notices.yearly_pdf import yearly_pdf
from notices.yearly_report import (
    ReportChart,
    Section,
    report_charts,
    report_filename,
    report_sections,
    yearly_workbook,
)
from states.clock import checked_year
from states.errors import InvalidInput
from states.oversight.yearly import YearFigures, year_figures
from states.permissions import authorize
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import Action
from use_cases.dashboard import DrawnChart, department_dashboard

KINDS = ("pdf", "xlsx")


@dataclass(frozen=True)
class YearlyReport:
    figures: YearFigures
    sections: list[Section]
    # The dashboard's four charts, drawn from the dashboard's own (kept) reading of its counts.
    charts: list[ReportChart]


def yearly_report(rt: Runtime, actor: str, year: int) -> YearlyReport:
    checked_year(year)
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.DASHBOARD)
        figures = year_figures(session, year)
    charts = report_charts(year, department_dashboard(rt, actor), rt.clock.today())
    return YearlyReport(figures, report_sections(figures, _group_name(rt)), charts)


def drawn_charts(report: YearlyReport) -> list[DrawnChart]:
    """The report's charts as its web page shows them, each with its day."""
    return [DrawnChart(c.chart, chart_svg(c.chart), c.as_of) for c in report.charts]


def _group_name(rt: Runtime) -> Callable[[str], str]:
    """A product group's name in any rulebook that knows its code (they agree where they share)."""
    names: dict[str, str] = {}
    for code in rt.rules.codes():
        names.update({k: v for k, v in rt.rules.get(code).groups.items() if k not in names})
    return lambda group: names.get(group, group)


def kind_of(name: str) -> str:
    """The file's kind from its name: .pdf or .xlsx."""
    kind = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind not in KINDS:
        raise InvalidInput(f"Tệp báo cáo phải có đuôi .pdf hoặc .xlsx (không phải '{name}').")
    return kind


def report_file(rt: Runtime, report: YearlyReport, kind: str) -> tuple[str, bytes]:
    """The report as a file of `kind` (pdf | xlsx): its usual name and its bytes."""
    figures = report.figures
    if kind == "pdf":
        content = yearly_pdf(figures.year, report.sections, report.charts, rt.clock.today())
    else:
        content = yearly_workbook(figures, report.sections, report.charts)
    return report_filename(figures.year, kind), content
