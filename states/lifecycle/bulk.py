"""Moving many dossiers at once (campaigns, expiry sweeps): set-based SQL, one audit row each.

A Machine per row would cost a round trip and a Python object per dossier; here the machine
is asked once whether the step is allowed from the batch's state, and SQL applies it with
the same conditional-version rule as a single command.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from states.db.models import Dossier
from states.dossiers.history import record_events
from states.lifecycle.machine import bulk_destination
from states.vocabulary import Action, State

CHUNK = 5000


def move_many(session: Session, ids: Sequence[int], *, trigger: Action, source: State, actor: str,
              now: datetime, due_at: datetime | None, details: dict[str, Any] | None = None,
              extra_values: dict[str, Any] | None = None) -> list[int]:
    """Fire `trigger` on every dossier in `ids` still in `source`. Returns the ids moved."""
    dest = bulk_destination(trigger, source)
    moved: list[tuple[int, int]] = []
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start:start + CHUNK])
        values: dict[str, Any] = {"state": dest, "version": Dossier.version + 1,
                                  "entered_state_at": now, "due_at": due_at}
        values.update(extra_values or {})
        moved.extend((dossier_id, unit_id) for dossier_id, unit_id in session.execute(
            update(Dossier)
            .where(Dossier.id.in_(chunk), Dossier.state == source)
            .values(values)
            .returning(Dossier.id, Dossier.unit_id)
            .execution_options(synchronize_session=False)))
    record_events(session, [
        {"dossier_id": dossier_id, "unit_id": unit_id, "from_state": source, "to_state": dest,
         "trigger": trigger, "actor": actor, "at": now, "note": None, "details": details or {}}
        for dossier_id, unit_id in moved])
    return [dossier_id for dossier_id, _ in moved]
