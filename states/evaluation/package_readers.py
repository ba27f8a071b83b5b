"""Who reads a council's dossier package (issue 25 over issue 21), and the audit row each read
leaves in the dossier's history under the reader's name.

A member who declared a conflict of interest on the dossier still reads it: the rules bar that
member from scoring it, not from the package, which reaches every member at least 2 working days
before the meeting (before any conflict is declared), and a member needs the dossier to see
that there is a conflict. Each read is audited like anyone's."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.ids import storable_id
from states.db.models import Council, CouncilDossier, CouncilMember, Dossier, User
from states.dossiers.sheet import load_dossier
from states.errors import NotFound
from states.evaluation.council_reads import record_on_dossier
from states.permissions import sees_dossier
from states.runtime import Runtime
from states.territory.lookups import dossier_not_found, find_user
from states.vocabulary import Action, Role


def _on_agenda(session: Session, council_id: int, dossier_id: int) -> bool:
    return session.scalar(select(CouncilDossier.id).where(
        CouncilDossier.council_id == council_id, CouncilDossier.dossier_id == dossier_id)) is not None


def _seated(session: Session, council_id: int, user: User) -> bool:
    return session.scalar(select(CouncilMember.id).where(
        CouncilMember.council_id == council_id, CouncilMember.user_id == user.id)) is not None


def package_reader(session: Session, actor: str, council_id: int,
                   dossier_id: int) -> tuple[User, Council, Dossier]:
    """The dossier on the council's agenda, for a member of that council or for staff who may
    see the dossier anyway. Anyone else (a producer, its own dossier too; another unit's
    officer; a member of another council) hears that there is no such dossier: 404, so that
    the answer says nothing of a dossier they may not see."""
    user = find_user(session, actor)
    council = session.get(Council, council_id) if storable_id(council_id) else None
    if council is None:
        raise NotFound(f"Không có hội đồng số {council_id}.")
    dossier = load_dossier(session, dossier_id)
    if (user.role == Role.PRODUCER or not _on_agenda(session, council.id, dossier.id)
            or not (_seated(session, council.id, user)
                    or sees_dossier(user, dossier.unit_id, dossier.product.producer_id))):
        raise dossier_not_found(dossier_id)
    return user, council, dossier


def record_reading(rt: Runtime, session: Session, actor: str, council: Council, dossier: Dossier,
                   trigger: Action, note: str, details: dict[str, Any]) -> None:
    """One row in the dossier's history: who read what of the council's package, and when."""
    record_on_dossier(rt, session, dossier.id, trigger, actor, note,
                      {"council_id": council.id, "council": council.name, **details})
