"""The yearly report (issue 22): the figures a province sends the ministry, as PDF or .xlsx."""

from collections.abc import Callable
from dataclasses import dataclass

from notices.yearly_pdf import yearly_pdf
from notices.yearly_report import (
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

KINDS = ("pdf", "xlsx")


@dataclass(frozen=True)
class YearlyReport:
    figures: YearFigures
    sections: list[Section]


def yearly_report(rt: Runtime, actor: str, year: int) -> YearlyReport:
    checked_year(year)
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.DASHBOARD)
        figures = year_figures(session, year)
    return YearlyReport(figures, report_sections(figures, _group_name(rt)))


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
        content = yearly_pdf(figures.year, report.sections, report_charts(figures),
                             rt.clock.today())
    else:
        content = yearly_workbook(figures, report.sections)
    return report_filename(figures.year, kind), content
