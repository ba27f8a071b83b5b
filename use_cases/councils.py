"""A council at work (issue 21), one transaction per act: set up, package, session, each
member's sheet criterion by criterion, the chair's reopenings and the closing."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from notices.councils import queue_package_reminder
from states.db.models import Council
from states.evaluation import (
    council_closing,
    council_publication,
    council_results,
    council_session,
    council_setup,
)
from states.evaluation import member_sheets as sheets
from states.evaluation.council_reads import CouncilView, agenda_item, load_council, membership
from states.evaluation.council_results import DossierResult, SheetView
from states.evaluation.member_sheets import may_see_council
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import CouncilLevel, CouncilRole

__all__ = ["Closed", "DossierResult", "SheetView"]


def _view(rt: Runtime, session: Session, council_id: int) -> CouncilView:
    return council_setup.council_view(rt, session, load_council(session, council_id))


def create(rt: Runtime, actor: str, *, name: str, level: CouncilLevel, round_code: str,
           unit: str | None = None) -> CouncilView:
    with rt.transaction() as session:
        council = council_setup.create_council(rt, session, actor, name=name, level=level,
                                               round_code=round_code, unit=unit)
        return council_setup.council_view(rt, session, council)


def add_members(rt: Runtime, actor: str, council_id: int,
                seats: list[tuple[str, CouncilRole]]) -> CouncilView:
    """Every seat or none."""
    with rt.transaction() as session:
        for user, role in seats:
            council_setup.add_member(rt, session, actor, council_id, user=user, role=role)
        return _view(rt, session, council_id)


def add_dossiers(rt: Runtime, actor: str, council_id: int, dossier_ids: list[int]) -> CouncilView:
    with rt.transaction() as session:
        for dossier_id in dossier_ids:
            council_setup.add_dossier(rt, session, actor, council_id, dossier_id)
        return _view(rt, session, council_id)


def set_up(rt: Runtime, actor: str, council_id: int, *, seats: list[tuple[str, CouncilRole]],
           dossiers: list[int], meeting_on: date | None,
           package_sent_on: date | None) -> CouncilView:
    """Members, dossiers, meeting day and package, in that order: all of it, or nothing."""
    with rt.transaction() as session:
        for user, role in seats:
            council_setup.add_member(rt, session, actor, council_id, user=user, role=role)
        for dossier_id in dossiers:
            council_setup.add_dossier(rt, session, actor, council_id, dossier_id)
        if meeting_on is not None:
            council_setup.set_meeting(rt, session, actor, council_id, on=meeting_on)
        if package_sent_on is not None:
            council_setup.record_package(rt, session, actor, council_id, on=package_sent_on)
        queue_package_reminder(rt, session, council_id)
        return _view(rt, session, council_id)


def set_meeting(rt: Runtime, actor: str, council_id: int, on: date) -> CouncilView:
    with rt.transaction() as session:
        council_setup.set_meeting(rt, session, actor, council_id, on=on)
        # The secretary hears by when the package must reach the members.
        queue_package_reminder(rt, session, council_id)
        return _view(rt, session, council_id)


def record_package(rt: Runtime, actor: str, council_id: int, on: date) -> CouncilView:
    with rt.transaction() as session:
        council_setup.record_package(rt, session, actor, council_id, on=on)
        return _view(rt, session, council_id)


def open_session(rt: Runtime, actor: str, council_id: int,
                 present: list[str] | None = None) -> CouncilView:
    with rt.transaction() as session:
        council_session.open_session(rt, session, actor, council_id, present=present)
        return _view(rt, session, council_id)


def declare_conflict(rt: Runtime, actor: str, council_id: int, dossier_id: int, reason: str,
                     member: str | None = None) -> CouncilView:
    with rt.transaction() as session:
        council_session.declare_conflict(rt, session, actor, council_id, dossier_id,
                                         reason=reason, member=member)
        return _view(rt, session, council_id)


def choose(rt: Runtime, actor: str, council_id: int, dossier_id: int,
           choices: list[tuple[str, str]], expected_version: int | None = None) -> SheetView:
    """Save criteria (code, option) in the actor's draft: all of them, or none on a bad one or
    when the draft was saved since `expected_version` (SheetView.version; Conflict)."""
    with rt.transaction() as session:
        return council_results.draft_view(sheets.save_choices(
            rt, session, actor, council_id, dossier_id, choices, expected_version))


def submit(rt: Runtime, actor: str, council_id: int, dossier_id: int,
           expected_version: int | None = None) -> SheetView:
    with rt.transaction() as session:
        sheets.submit(rt, session, actor, council_id, dossier_id, expected_version)
        return council_results.read_sheet(rt, session, actor, council_id, dossier_id)


def reopen(rt: Runtime, actor: str, council_id: int, dossier_id: int, member: str,
           reason: str, expected_version: int | None = None) -> SheetView:
    """Refused, nothing written, when the sheet changed since `expected_version` (Conflict)."""
    with rt.transaction() as session:
        sheets.reopen(rt, session, actor, council_id, dossier_id, member=member, reason=reason,
                      expected_version=expected_version)
        council = load_council(session, council_id)
        return council_results.member_sheet(
            rt, session, council, agenda_item(session, council, dossier_id),
            membership(session, council, find_user(session, member)))


def reopening_version(rt: Runtime, actor: str, council_id: int, dossier_id: int,
                      member: str) -> int:
    """The chair's If-Match on a reopening is checked against this (sheets.reopening_version)."""
    with rt.transaction() as session:
        return sheets.reopening_version(session, actor, council_id, dossier_id, member)


def sheet(rt: Runtime, actor: str, council_id: int, dossier_id: int,
          member: str | None = None) -> SheetView:
    with rt.transaction() as session:
        return council_results.read_sheet(rt, session, actor, council_id, dossier_id, member)


def sheet_pdf(rt: Runtime, actor: str, council_id: int, dossier_id: int,
              member: str | None = None) -> tuple[SheetView, bytes]:
    """The sheet as `sheet` shows it, printed (the same rules on whose sheet one may read)."""
    from notices.council_sheet_pdf import member_sheet_pdf
    from states.db.models import Dossier

    with rt.transaction() as session:
        view = council_results.read_sheet(rt, session, actor, council_id, dossier_id, member)
        dossier = session.get(Dossier, dossier_id)
        product = dossier.product.name if dossier is not None else ""
        name = load_council(session, council_id).name
    return view, member_sheet_pdf(view, name, product)


def summary(rt: Runtime, actor: str, council_id: int) -> bytes:
    """The closed council's summary workbook."""
    from notices.council_summary import council_summary_xlsx

    with rt.transaction() as session:
        council = load_council(session, council_id)
        may_see_council(session, find_user(session, actor), council)
        return council_summary_xlsx(rt, session, council)


def minutes(rt: Runtime, actor: str, council_id: int) -> bytes:
    """The closed session's minutes, as PDF."""
    from notices.council_minutes_pdf import council_minutes_pdf

    with rt.transaction() as session:
        council = load_council(session, council_id)
        may_see_council(session, find_user(session, actor), council)
        return council_minutes_pdf(rt, session, council)


def proposal(rt: Runtime, actor: str, council_id: int) -> bytes:
    """The draft proposal for the recognising body, as PDF."""
    from notices.council_proposal_pdf import council_proposal_pdf

    with rt.transaction() as session:
        council = load_council(session, council_id)
        may_see_council(session, find_user(session, actor), council)
        return council_proposal_pdf(rt, session, council)


def result(rt: Runtime, actor: str, council_id: int, dossier_id: int) -> DossierResult:
    with rt.transaction() as session:
        return council_results.result_for(rt, session, actor, council_id, dossier_id)


def acknowledge(rt: Runtime, actor: str, council_id: int, dossier_id: int) -> DossierResult:
    with rt.transaction() as session:
        return council_closing.acknowledge(rt, session, actor, council_id, dossier_id)


@dataclass(frozen=True)
class Closed:
    council: CouncilView
    results: list[DossierResult]


def close(rt: Runtime, actor: str, council_id: int) -> Closed:
    with rt.transaction() as session:
        results = council_closing.close(rt, session, actor, council_id)
        return Closed(_view(rt, session, council_id), results)


def publish(rt: Runtime, actor: str, council_id: int, on: date | None = None) -> CouncilView:
    """The closed council's results made public on `on` (default today): the complaint window
    starts."""
    with rt.transaction() as session:
        council_publication.publish(rt, session, actor, council_id, on)
        return _view(rt, session, council_id)


def show(rt: Runtime, actor: str, council_id: int) -> CouncilView:
    with rt.transaction() as session:
        council = load_council(session, council_id)
        may_see_council(session, find_user(session, actor), council)
        return council_setup.council_view(rt, session, council)


def list_councils(rt: Runtime, actor: str) -> list[CouncilView]:
    """The councils the actor sits on or may set up."""
    from states.errors import PermissionDenied

    with rt.transaction() as session:
        user = find_user(session, actor)
        views = []
        for council in session.scalars(select(Council).order_by(Council.id)):
            try:
                may_see_council(session, user, council)
            except PermissionDenied:
                continue
            views.append(council_setup.council_view(rt, session, council))
        return views
