"""Units over time: adding and renaming them, imports, the switch of a reorganisation, the
Department's "chưa xác định xã" list and settling one dossier of it."""

from datetime import date
from pathlib import Path

from states.permissions import authorize
from states.reorganisation import reorganise as switch
from states.reorganisation import settling, unit_import
from states.reorganisation.reorganisation import UnsettledRow, plan_moves
from states.runtime import Runtime
from states.territory import unit_commands as units
from states.territory.lookups import find_user
from states.vocabulary import Action
from use_cases.tables import read_table
from use_cases.transaction import in_transaction

add_unit = in_transaction(units.add_unit)
rename_unit = in_transaction(units.rename_unit)
assign_unit = in_transaction(settling.assign_unit)
set_producer_commune = in_transaction(settling.set_producer_commune)


def import_units(rt: Runtime, actor: str, path: Path) -> unit_import.ImportResult:
    rows = read_table(path)
    with rt.transaction() as session:
        return unit_import.import_units(rt, session, actor, path.name, rows)


def import_producer_communes(rt: Runtime, actor: str, path: Path) -> unit_import.ImportResult:
    rows = read_table(path)
    with rt.transaction() as session:
        return unit_import.import_producer_communes(rt, session, actor, path.name, rows)


def reorganise(rt: Runtime, actor: str, *, plan: str, on: date,
               dry_run: bool = False) -> switch.ReorganisationReport:
    """The switch (or, with `dry_run`, its plan: nothing is written)."""
    with rt.transaction() as session:
        return switch.reorganise(rt, session, actor, plan=plan, on=on, dry_run=dry_run)


def unsettled(rt: Runtime, actor: str) -> list[UnsettledRow]:
    """The Department's "chưa xác định xã" list: open dossiers still in a unit that is gone,
    whose successor cannot be told (a page of the web application can show the same)."""
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.REASSIGN_UNIT)
        return plan_moves(session, rt.clock.today()).unsettled
