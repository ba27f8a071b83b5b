"""The products an import's rows name: one per producer and folded name (issue 25), found or
added, so that a product recognised twice (an expired certificate, then a new one) is one
product with two dossiers, as a registration would make it."""

from collections.abc import Sequence

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from states.db.models import Product
from states.db.tables import table_of
from states.folding import fold

ProductKey = tuple[int, str]


def product_ids_for(session: Session,
                    rows: Sequence[tuple[int, str, str, str | None]]) -> list[int]:
    """The product id of each (producer id, product name, group code, sub-group code), adding
    the missing ones (named as their first row writes them)."""
    wanted: dict[ProductKey, tuple[str, str, str | None]] = {}
    for producer_id, name, group, subgroup in rows:
        wanted.setdefault((producer_id, fold(name)), (name, group, subgroup))
    found = session.execute(select(Product.producer_id, Product.search_key, Product.id).where(
        Product.producer_id.in_({key[0] for key in wanted}),
        Product.search_key.in_({key[1] for key in wanted})))
    ids = {(producer, key): product for producer, key, product in found if (producer, key) in wanted}
    missing = [key for key in wanted if key not in ids]
    if missing:
        added = session.scalars(
            insert(table_of(Product)).returning(Product.id, sort_by_parameter_order=True),
            [{"name": wanted[key][0], "search_key": key[1], "group_code": wanted[key][1],
              "subgroup_code": wanted[key][2], "producer_id": key[0]} for key in missing]).all()
        ids.update(zip(missing, added, strict=True))
    return [ids[(producer_id, fold(name))] for producer_id, name, *_ in rows]
