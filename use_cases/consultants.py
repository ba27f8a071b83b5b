"""Which consultants' dossiers fail: the report, per consultant and beside self-prepared and
officer-helped dossiers, and the consultants known so far."""

from notices.consultants import consultant_filename, consultant_workbook
from notices.spreadsheets import attachment
from notifiers.message import Attachment
from states.permissions import authorize
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.training.consultant_report import ConsultantReport, consultant_report
from states.training.consultant_report import consultants as known_consultants
from states.vocabulary import Action
from use_cases.transaction import reading


def report(rt: Runtime, year: int | None = None) -> ConsultantReport:
    with rt.transaction() as session:
        return consultant_report(session, rt.rules.calendar, year)


def report_spreadsheet(rt: Runtime, year: int | None = None) -> tuple[ConsultantReport, Attachment]:
    result = report(rt, year)
    return result, _spreadsheet(result)


def _spreadsheet(result: ConsultantReport) -> Attachment:
    return attachment(consultant_filename(result), consultant_workbook(result))


consultants = reading(known_consultants)


def report_for(rt: Runtime, actor: str, year: int | None = None) -> ConsultantReport:
    """The report page: the Department's, as its dashboard is."""
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.DASHBOARD)
        return consultant_report(session, rt.rules.calendar, year)


def report_download(rt: Runtime, actor: str, year: int | None = None) -> Attachment:
    return _spreadsheet(report_for(rt, actor, year))
