"""Revoking one product, as the Provincial People's Committee decided: the unit and the
producer are told in the same transaction."""

from sqlalchemy.orm import Session

from notices.revocations import queue_revocation_decision
from states.dossiers.sheet import DossierView
from states.lifecycle import endings
from states.runtime import Runtime


def revoke_and_tell(rt: Runtime, session: Session, actor: str, dossier_id: int, *, reason: str,
                    decision: str, note: str | None = None) -> DossierView:
    view = endings.revoke(rt, session, actor, dossier_id, reason=reason, decision=decision,
                          note=note)
    # The letters say the number as it was recorded (checked and composed, not as typed).
    queue_revocation_decision(rt, session, [dossier_id], endings.check_decision(decision),
                              rt.clock.today(), f"dossier-{dossier_id}")
    return view
