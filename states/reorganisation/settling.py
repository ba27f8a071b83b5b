"""Settling by hand what a reorganisation left open: a dossier's unit, a producer's commune."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit, Producer
from states.dossiers.sheet import DossierView, dossier_view, load_dossier
from states.errors import InvalidInput, RuleRefused
from states.lifecycle.change import DossierChange
from states.permissions import authorize
from states.runtime import Runtime
from states.territory.lookups import find_unit, find_user
from states.territory.territory import CommuneFinder, is_commune_level
from states.vocabulary import Action, UnitLevel


def assign_unit(rt: Runtime, session: Session, actor: str, dossier_id: int,
                unit: str) -> DossierView:
    """Settle one dossier of the "chưa xác định xã" list: it goes to `unit`, and so does its
    producer when theirs is gone (with that commune as their address)."""
    change = DossierChange(rt, session, actor, dossier_id, Action.REASSIGN_UNIT)
    today = rt.clock.today()
    target = find_unit(session, unit, today)
    source = change.dossier.unit
    if not target.valid_on(today) or target.level == UnitLevel.PROVINCE:
        raise RuleRefused(f"{target.name} không phải đơn vị cấp huyện / xã đang có hiệu lực.")
    if target.id == source.id:
        raise InvalidInput(f"Hồ sơ số {dossier_id} đã ở {target.name}.")
    change.dossier.unit = target
    producer = change.dossier.product.producer
    if not source.valid_on(today) and session.scalar(select(Producer.id).where(
            Producer.unit_id == target.id, Producer.name == producer.name)) is None:
        producer.unit_id = target.id
        if is_commune_level(target):
            producer.commune_id = target.id
    state = change.dossier.state
    change.record(state, state, Action.REASSIGN_UNIT, f"Sở xác định đơn vị: {source.name} → "
                  f"{target.name}", {"from_unit": source.code, "from_unit_name": source.name,
                                     "to_unit": target.code, "via": "manual"})
    return dossier_view(change.dossier, rt.clock.now())


def set_producer_commune(rt: Runtime, session: Session, actor: str, dossier_id: int,
                         commune: str, finder: CommuneFinder | None = None) -> AdministrativeUnit:
    """The producer of `dossier_id` lives in `commune`, named as it was while the dossier's
    unit existed (a former commune of Lục Ngạn, say, after 1/7/2025)."""
    if finder is None:
        authorize(find_user(session, actor), Action.MANAGE_USERS)
    dossier = load_dossier(session, dossier_id)
    unit = dossier.unit
    day = min(rt.clock.today(), unit.valid_until or date.max)
    found = (finder or CommuneFinder(session)).find(commune, unit, day)
    dossier.product.producer.commune_id = found.id
    return found
