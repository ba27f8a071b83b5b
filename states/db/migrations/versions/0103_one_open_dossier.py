"""One product per producer and folded name, and one open dossier per product (issue 25).

Existing duplicates are settled before the constraints are made, so that no history is lost:
1. Every product's `search_key` is folded again from its name (the constraint compares it).
2. Products of one producer with the same folded name ("Gà đồi", "GÀ ĐỒI", "Ga doi") become
   the oldest of them (lowest id, whose name is kept): their dossiers are moved onto it and the
   younger rows deleted. No dossier, certificate or event is deleted.
3. A product left with more than one open dossier (not returned, not recognised, expired,
   revoked or withdrawn) keeps one open: a certified or renewing one first (its certificate is
   in force), else the oldest. The others are closed as `withdrawn`, each with an audit event
   by "hệ thống" naming the dossier kept, so `ocop dossier history` shows why.
The downgrade drops the two constraints; merged products stay merged.

Revision ID: 0103_one_open_dossier
Revises: 0101_outbox_retry_window
"""

import unicodedata
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from states.db.types import UtcDateTime

revision = "0103_one_open_dossier"
down_revision = "0101_outbox_retry_window"
branch_labels = None
depends_on = None

# Frozen here, as this revision saw them: a later change of the vocabulary must not change
# what an old migration does.
TERMINAL = ("expired", "not_recognised", "returned", "revoked", "withdrawn")
IN_FORCE = ("certified", "renewal")
OPEN = sa.text("state NOT IN ({})".format(", ".join(f"'{s}'" for s in TERMINAL)))
ACTOR = "hệ thống"
DOSSIERS = sa.table("dossiers", sa.column("id", sa.Integer), sa.column("state", sa.String),
                    sa.column("version", sa.Integer), sa.column("entered_state_at", UtcDateTime()),
                    sa.column("due_at", UtcDateTime()))
EVENTS = sa.table("dossier_events", *(sa.column(name, sa.String) for name in (
    "from_state", "to_state", "trigger", "actor", "note")),
    sa.column("dossier_id", sa.Integer), sa.column("unit_id", sa.Integer),
    sa.column("at", UtcDateTime()), sa.column("recorded_at", UtcDateTime()),
    sa.column("details", sa.JSON))


def _fold(text: str) -> str:
    # states.folding.fold as of this revision.
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def _refold_products(connection: sa.Connection) -> dict[tuple[int, str], list[int]]:
    """Products by (producer, folded name), each list oldest first; stale keys rewritten."""
    groups: dict[tuple[int, str], list[int]] = {}
    stale = []
    for row in connection.execute(sa.text(
            "SELECT id, producer_id, name, search_key FROM products ORDER BY id")):
        key = _fold(row.name)
        if key != row.search_key:
            stale.append({"id": row.id, "key": key})
        groups.setdefault((row.producer_id, key), []).append(row.id)
    if stale:
        connection.execute(sa.text("UPDATE products SET search_key = :key WHERE id = :id"), stale)
    return groups


def _merge_products(connection: sa.Connection) -> None:
    for ids in _refold_products(connection).values():
        kept, younger = ids[0], ids[1:]
        if not younger:
            continue
        connection.execute(sa.text("UPDATE dossiers SET product_id = :kept "
                                   "WHERE product_id IN :younger")
                           .bindparams(sa.bindparam("younger", expanding=True)),
                           {"kept": kept, "younger": younger})
        connection.execute(sa.text("DELETE FROM products WHERE id IN :younger")
                           .bindparams(sa.bindparam("younger", expanding=True)),
                           {"younger": younger})


def _close_extra_open_dossiers(connection: sa.Connection) -> None:
    rows = connection.execute(sa.text(
        "SELECT id, product_id, state, version, unit_id FROM dossiers WHERE "
        f"{OPEN.text} ORDER BY product_id, id")).all()
    by_product: dict[int, list[Any]] = {}
    for row in rows:
        by_product.setdefault(row.product_id, []).append(row)
    now = datetime.now(UTC)
    for dossiers in by_product.values():
        if len(dossiers) < 2:
            continue
        dossiers.sort(key=lambda d: (d.state not in IN_FORCE, d.id))
        kept = dossiers[0]
        for extra in dossiers[1:]:
            connection.execute(sa.update(DOSSIERS).where(DOSSIERS.c.id == extra.id).values(
                state="withdrawn", version=DOSSIERS.c.version + 1, entered_state_at=now,
                due_at=None))
            connection.execute(sa.insert(EVENTS).values(
                dossier_id=extra.id, from_state=extra.state, to_state="withdrawn",
                trigger="withdraw", actor=ACTOR, at=now, recorded_at=now, unit_id=extra.unit_id,
                note=f"Trùng sản phẩm với hồ sơ số {kept.id}: mỗi sản phẩm chỉ một hồ sơ đang "
                     "mở, hồ sơ này được đóng khi nâng cấp cơ sở dữ liệu.",
                details={"migration": revision, "kept": kept.id}))


def upgrade() -> None:
    connection = op.get_bind()
    _merge_products(connection)
    _close_extra_open_dossiers(connection)
    with op.batch_alter_table("products") as batch:
        batch.create_unique_constraint("uq_products_producer_search_key",
                                       ["producer_id", "search_key"])
    op.create_index("uq_dossiers_one_open_per_product", "dossiers", ["product_id"], unique=True,
                    sqlite_where=OPEN, postgresql_where=OPEN)


def downgrade() -> None:
    op.drop_index("uq_dossiers_one_open_per_product", table_name="dossiers")
    with op.batch_alter_table("products") as batch:
        batch.drop_constraint("uq_products_producer_search_key", type_="unique")
