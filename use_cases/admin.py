"""Setting the system up: schema and seed, users, units' contacts."""

from states.commands import admin
from use_cases.transaction import in_transaction

init = admin.init  # creates the schema first, then opens its own transaction
add_user = in_transaction(admin.add_user)
set_contacts = in_transaction(admin.set_contacts)
