"""Setting the system up: schema and seed, users, units' contacts."""

from states.commands import admin
from states.rules.permissions import authorize
from states.runtime import Runtime
from states.views.lookups import find_user
from states.views.units import UnitView, list_units
from states.vocabulary import Action
from use_cases.transaction import in_transaction

init = admin.init  # creates the schema first, then opens its own transaction
add_user = in_transaction(admin.add_user)
set_contacts = in_transaction(admin.set_contacts)


def units_for_admin(rt: Runtime, actor: str) -> list[UnitView]:
    """The units with their contacts, for the Department to edit."""
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.MANAGE_USERS)
        return list_units(session)
