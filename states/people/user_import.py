"""The people who use the system, from the province's list: new users are added (without a
password: each sets one later); a name already in the system is left as it is."""

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from states.db.models import User
from states.people.user_rows import USERS
from states.permissions import authorize
from states.runtime import Runtime
from states.tables.checking import Candidate, identity
from states.territory.lookups import find_user
from states.territory.unit_index import UnitIndex
from states.vocabulary import Action, Role, RowOutcome


class UserImporter:
    spec = USERS

    def __init__(self, rt: Runtime, session: Session, actor: str, source: str) -> None:
        authorize(find_user(session, actor), Action.MANAGE_USERS)
        self.session = session
        self.today = rt.clock.today()
        self.units = UnitIndex.load(session, province=True)

    def check_row(self, candidate: Candidate) -> None:
        values = candidate.values
        if "unit" not in values:
            if values["role"] == Role.DISTRICT:
                candidate.refuse("unit", "cán bộ cấp huyện / xã cần có đơn vị")
            return
        unit = self.units.find(values["unit"], self.today)
        if isinstance(unit, str):
            candidate.refuse("unit", unit)
        else:
            values["unit_id"] = unit.id

    def check_batch(self, batch: list[Candidate]) -> None:
        wanted = {identity(c.values["name"]) for c in batch}
        taken = {identity(name) for name in self.session.scalars(
            select(User.name).where(func.lower(User.name).in_(wanted)))}
        for candidate in batch:
            if identity(candidate.values["name"]) in taken:
                candidate.outcome = RowOutcome.EXISTING

    def write_batch(self, batch: list[Candidate]) -> None:
        self.session.execute(insert(User), [
            {"name": c.values["name"], "full_name": c.values.get("full_name"),
             "role": c.values["role"], "unit_id": c.values.get("unit_id"),
             "email": c.values.get("email"), "active": True} for c in batch])
