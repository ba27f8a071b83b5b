"""The one join every list needs: dossier → product → producer → unit."""

from typing import Any, TypeVarTuple

from sqlalchemy import Select

from states.db.models import AdministrativeUnit, Dossier, Producer, Product

Columns = TypeVarTuple("Columns")


def with_names(query: Select[*Columns],
               unit_key: Any = Dossier.unit_id) -> Select[*Columns]:
    """`query` (which already selects from Dossier, or joins it) joined to the names people read.
    `unit_key` says which unit column names the unit (a proposal keeps its own)."""
    return (query.join(Product, Dossier.product_id == Product.id)
            .join(Producer, Product.producer_id == Producer.id)
            .join(AdministrativeUnit, unit_key == AdministrativeUnit.id))
