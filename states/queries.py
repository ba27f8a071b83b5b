"""Read-only views of dossiers, shaped for the CLI's tables and its --json output."""

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from states.clock import format_date, format_local_datetime, last_local_day_before
from states.errors import InvalidInput, NotFound
from states.models import (
    AdministrativeUnit,
    Certificate,
    Dossier,
    DossierEvent,
    Producer,
    Product,
    ScoreSheet,
)
from states.runtime import Runtime
from states.state_names import STATE_LABELS, TERMINAL_STATES
from states.units import find_unit

# One query for a dossier and everything its view names (round, unit, product, producer).
DOSSIER_WITH_NAMES = (joinedload(Dossier.round), joinedload(Dossier.unit),
                      joinedload(Dossier.product).joinedload(Product.producer))

# States whose deadline is someone's next action (a certificate's expiry is not a task).
ACTION_STATES: tuple[str, ...] = tuple(
    s for s in STATE_LABELS if s not in TERMINAL_STATES and s != "certified")


def _due_on(due_at: datetime | None) -> str | None:
    return last_local_day_before(due_at).isoformat() if due_at else None


def certificate_view(certificate: Certificate | None) -> dict[str, Any] | None:
    if certificate is None:
        return None
    return {
        "number": certificate.number,
        "stars": certificate.stars,
        "points": certificate.points,
        "decision": certificate.decision_no,
        "issued_on": certificate.recognised_on.isoformat(),
        "expires_on": certificate.expires_on.isoformat(),
        "status": certificate.status,
    }


def dossier_view(session: Session, rt: Runtime, dossier: Dossier,
                 with_scores: bool = True) -> dict[str, Any]:
    """The dossier as people read it. A step's own reply leaves out the certificate and the
    councils' points (two more queries per command); `dossier show` has them."""
    now = rt.clock.now()
    view = {
        "id": dossier.id,
        "state": dossier.state,
        "state_label": STATE_LABELS[dossier.state],
        "unit": dossier.unit.name,
        "unit_code": dossier.unit.code,
        "product": dossier.product.name,
        "group": dossier.product.group_code,
        "producer": dossier.product.producer.name,
        "producer_type": dossier.product.producer.kind,
        "round": dossier.round.code,
        "rulebook": dossier.round.rulebook_code,
        "cycle": dossier.cycle,
        "version": dossier.version,
        "entered_state_at": dossier.entered_state_at.isoformat(),
        "due_on": _due_on(dossier.due_at),
        "overdue": bool(dossier.due_at and dossier.due_at <= now
                        and dossier.state in ACTION_STATES),
    }
    if with_scores:
        certificate = session.scalar(
            select(Certificate).where(Certificate.dossier_id == dossier.id)
            .order_by(Certificate.id.desc()).limit(1))
        sheets = {s.level: s.average for s in session.scalars(
            select(ScoreSheet).where(ScoreSheet.dossier_id == dossier.id,
                                     ScoreSheet.cycle == dossier.cycle).order_by(ScoreSheet.id))}
        view["district_points"] = sheets.get("local")
        view["provincial_points"] = sheets.get("provincial")
        view["certificate"] = certificate_view(certificate)
    return view


def show_dossier(rt: Runtime, dossier_id: int) -> dict[str, Any]:
    with rt.transaction() as session:
        dossier = session.get(Dossier, dossier_id, options=DOSSIER_WITH_NAMES)
        if dossier is None:
            raise NotFound(f"Không có hồ sơ số {dossier_id}.")
        return dossier_view(session, rt, dossier)


def history(rt: Runtime, dossier_id: int) -> list[dict[str, Any]]:
    with rt.transaction() as session:
        if session.get(Dossier, dossier_id) is None:
            raise NotFound(f"Không có hồ sơ số {dossier_id}.")
        events = session.scalars(select(DossierEvent).where(DossierEvent.dossier_id == dossier_id)
                                 .order_by(DossierEvent.id))
        return [{
            "at": e.at.isoformat(), "at_local": format_local_datetime(e.at),
            "from": e.from_state, "to": e.to_state, "trigger": e.trigger, "actor": e.actor,
            "note": e.note, "details": e.details,
        } for e in events]


def list_dossiers(rt: Runtime, *, state: str | None = None, unit: str | None = None,
                  overdue: bool = False, limit: int | None = None) -> list[dict[str, Any]]:
    if state is not None and state not in STATE_LABELS:
        raise InvalidInput(f"Trạng thái '{state}' không có. Các trạng thái: {', '.join(STATE_LABELS)}.")
    with rt.transaction() as session:
        query = (
            select(Dossier, Product, Producer, AdministrativeUnit)
            .join(Product, Dossier.product_id == Product.id)
            .join(Producer, Product.producer_id == Producer.id)
            .join(AdministrativeUnit, Dossier.unit_id == AdministrativeUnit.id))
        if state is not None:
            query = query.where(Dossier.state == state)
        if unit is not None:
            query = query.where(Dossier.unit_id == find_unit(session, unit).id)
        if overdue:
            query = query.where(Dossier.state.in_(ACTION_STATES),
                                Dossier.due_at <= rt.clock.now())
            query = query.order_by(Dossier.due_at, Dossier.id)
        else:
            query = query.order_by(Dossier.id)
        if limit is not None:
            query = query.limit(limit)
        return [{
            "id": d.id, "state": d.state, "state_label": STATE_LABELS[d.state],
            "unit": u.name, "product": p.name, "producer": pr.name,
            "due_on": _due_on(d.due_at),
            "due_on_display": format_date(last_local_day_before(d.due_at)) if d.due_at else "",
        } for d, p, pr, u in session.execute(query)]
