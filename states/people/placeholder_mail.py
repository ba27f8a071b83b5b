"""Mail queued to a seed's placeholder addresses (…@example.invalid): found before a real
transport sends anything, and re-addressed when the unit's real contacts are set."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.contacts import is_placeholder
from states.db.models import OutboxMessage
from states.vocabulary import OutboxStatus

WAITING = (OutboxStatus.PENDING, OutboxStatus.SENDING)


def placeholder_recipients(session: Session) -> dict[str, int]:
    """Each placeholder address that mail still waiting is addressed to, with how many letters."""
    found: dict[str, int] = {}
    for recipients in session.scalars(select(OutboxMessage.recipients)
                                      .where(OutboxMessage.status.in_(WAITING))):
        for address in recipients:
            if is_placeholder(address):
                found[address] = found.get(address, 0) + 1
    return found


def readdress_waiting_mail(session: Session, old: list[str], new: list[str]) -> int:
    """Mail still waiting for `old` (a unit's placeholders) goes to `new` instead; how many."""
    replaced = set(old)
    changed = 0
    for message in session.scalars(select(OutboxMessage)
                                   .where(OutboxMessage.status == OutboxStatus.PENDING)):
        if replaced.isdisjoint(message.recipients):
            continue
        kept = [a for a in message.recipients if a not in replaced]
        message.recipients = list(dict.fromkeys([*kept, *new]))
        changed += 1
    return changed
