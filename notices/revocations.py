"""The revocation decision told to those it concerns: each unit (its products, and the letter
to hand over to a producer without e-mail) and each producer, with the decision's number and
date."""

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from notices.queueing import QueueReport
from notices.recipients import UnitDirectory
from notices.rendering import letter
from states.registry.revocations import RevokedProduct, revoked_products
from states.runtime import Runtime

KIND = "revocation_decision"


def queue_revocation_decision(rt: Runtime, session: Session, dossier_ids: list[int],
                              decision: str, decided_on: date, scope: str) -> QueueReport:
    """Letters for the revoked `dossier_ids`; `scope` ("campaign-2", "dossier-57") keeps the
    keys of one decision apart from another's, so a rerun queues nothing new."""
    report = QueueReport()
    directory = UnitDirectory.load(session, rt.clock.today())
    by_unit: dict[int, list[RevokedProduct]] = {}
    for item in revoked_products(session, dossier_ids):
        by_unit.setdefault(item.unit_id, []).append(item)
    context: dict[str, Any] = {"decision": decision, "decided_on": decided_on,
               "department": directory.department}
    for unit_id, items in by_unit.items():
        name = directory.name(unit_id)
        for item in items:
            if item.producer_email:
                report.add(session, letter(
                    f"revocation-decision:{scope}:producer:{item.dossier_id}",
                    (item.producer_email,), _subject(decision, item.product), KIND,
                    items=[item], unit_name=name, to_producer=True, **context),
                    KIND, rt.clock.now())
        recipients = (directory.recipients(unit_id) if directory.is_current(unit_id)
                      else directory.department_addresses)
        report.add(session, letter(
            f"revocation-decision:{scope}:{directory.unit(unit_id).code}", recipients,
            _subject(decision, f"{len(items)} sản phẩm của {name}"), KIND, items=items,
            unit_name=name, to_producer=False, **context), KIND, rt.clock.now())
    return report


def _subject(decision: str, what: str) -> str:
    return f"[OCOP] Quyết định thu hồi số {decision}: {what}"
