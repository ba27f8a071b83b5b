"""Which consultants' dossiers fail: the report, per consultant and beside self-prepared and
officer-helped dossiers, and the consultants known so far."""

from notices.consultants import consultant_filename, consultant_workbook
from notices.spreadsheets import attachment
from notifiers.message import Attachment
from states.runtime import Runtime
from states.views.consultant_report import ConsultantReport, consultant_report
from states.views.consultant_report import consultants as known_consultants
from use_cases.transaction import reading


def report(rt: Runtime, year: int | None = None) -> ConsultantReport:
    with rt.transaction() as session:
        return consultant_report(session, rt.rules.calendar, year)


def report_spreadsheet(rt: Runtime, year: int | None = None) -> tuple[ConsultantReport, Attachment]:
    result = report(rt, year)
    return result, attachment(consultant_filename(result), consultant_workbook(result))


consultants = reading(known_consultants)
