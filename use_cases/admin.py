"""Setting the system up: schema and seed, users, units' contacts."""

from states.people import admin
from states.territory.units import list_units
from states.vocabulary import Action
from use_cases.transaction import allowed_to, in_transaction

init = admin.init  # creates the schema first, then opens its own transaction
add_user = in_transaction(admin.add_user)
set_contacts = in_transaction(admin.set_contacts)
# The units with their contacts, for the Department to edit.
units_for_admin = allowed_to(Action.MANAGE_USERS, list_units)
