"""Recognised products already in the database, as an import matches its rows against them:
by certificate number, else by unit + producer + product + decision (names compared folded)."""

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from states.db.models import Certificate, Dossier, Producer, Product
from states.dossiers.joins import with_names


@dataclass(frozen=True)
class Registered:
    dossier_id: int
    unit_id: int
    producer: str
    product: str
    decision: str
    number: str


def _registered(session: Session, *conditions: ColumnElement[bool]) -> list[Registered]:
    query = with_names(select(Dossier.id, Dossier.unit_id, Producer.name, Product.name,
                              Certificate.decision_no, Certificate.number)
                       .select_from(Certificate)
                       .join(Dossier, Certificate.dossier_id == Dossier.id))
    return [Registered(*row) for row in session.execute(query.where(*conditions))]


def by_numbers(session: Session, numbers: Collection[str]) -> dict[str, Registered]:
    """The certificates carrying these numbers, by number."""
    if not numbers:
        return {}
    return {r.number: r for r in _registered(session, Certificate.number.in_(list(numbers)))}


def by_products(session: Session, unit_ids: Collection[int],
                product_keys: Collection[str]) -> list[Registered]:
    """Every certificate of the products of these units whose folded names are these (the
    caller compares producer, product and decision exactly)."""
    if not product_keys:
        return []
    return _registered(session, Dossier.unit_id.in_(list(unit_ids)),
                       Product.search_key.in_(list(product_keys)))
