"""The producers an import's rows name: found by unit and name (case aside), or added; what the
list says of an existing producer fills only what the system did not know (an e-mail address,
a phone, the address commune), so importing the same list again changes nothing."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from states.db.models import Producer
from states.db.tables import table_of
from states.folding import fold
from states.tables.checking import identity

ProducerKey = tuple[int, str]
CONTACT_FIELDS = {"email": "email", "phone": "phone", "address_commune": "commune"}


def producer_key(unit_id: int, name: str) -> ProducerKey:
    return unit_id, identity(name)


class ProducerBook:
    def __init__(self, session: Session) -> None:
        self.session = session

    def ids_for(self, rows: Sequence[dict[str, Any]]) -> list[int]:
        """The producer id of each row (values with unit_id, producer, producer_type and the
        optional email, phone, commune), adding the producers not yet known."""
        wanted = {producer_key(r["unit_id"], r["producer"]): r for r in reversed(rows)}
        known = self._known(wanted)
        self._fill_blanks(known, wanted)
        missing = [key for key in wanted if key not in known]
        added = self.session.scalars(
            insert(table_of(Producer)).returning(Producer.id, sort_by_parameter_order=True),
            [_new_producer(wanted[key]) for key in missing]).all() if missing else []
        ids = {key: row["id"] for key, row in known.items()} | dict(zip(missing, added, strict=True))
        return [ids[producer_key(r["unit_id"], r["producer"])] for r in rows]

    def _known(self, wanted: dict[ProducerKey, dict[str, Any]]) -> dict[ProducerKey, dict[str, Any]]:
        found = self.session.execute(
            select(Producer.id, Producer.unit_id, Producer.name, Producer.email, Producer.phone,
                   Producer.address_commune)
            .where(Producer.search_key.in_({fold(row["producer"]) for row in wanted.values()}))
            .order_by(Producer.id))
        known: dict[ProducerKey, dict[str, Any]] = {}
        for row in found.mappings():
            known.setdefault(producer_key(row["unit_id"], row["name"]), dict(row))
        return {key: row for key, row in known.items() if key in wanted}

    def _fill_blanks(self, known: dict[ProducerKey, dict[str, Any]],
                     wanted: dict[ProducerKey, dict[str, Any]]) -> None:
        changes = []
        for key, row in known.items():
            blanks = {column: wanted[key][field] for column, field in CONTACT_FIELDS.items()
                      if row[column] is None and wanted[key].get(field)}
            if blanks:
                changes.append({"id": row["id"], **blanks})
        if changes:
            self.session.execute(update(Producer), changes)


def _new_producer(row: dict[str, Any]) -> dict[str, Any]:
    return {"name": row["producer"], "search_key": fold(row["producer"]), "unit_id": row["unit_id"],
            "kind": row["producer_type"], "email": row.get("email"), "phone": row.get("phone"),
            "address_commune": row.get("commune"), "commune_id": row.get("commune_id")}
