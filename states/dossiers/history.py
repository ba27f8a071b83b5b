"""A dossier's history: the append-only audit rows every change writes, one statement for many."""

from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from states.clock import local_date
from states.db.models import DossierEvent
from states.territory.units import names_on


def record_events(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert audit rows in one statement; each names its unit as it was called that day."""
    if not rows:
        return
    names = names_on(session, {row["unit_id"] for row in rows}, local_date(rows[0]["at"]))
    session.execute(insert(DossierEvent),
                    [{**row, "unit_name": names[row["unit_id"]]} for row in rows])
