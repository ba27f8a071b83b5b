"""The registry (issue 13): producers' phone and address commune from the province's lists,
names folded for the public look-up, and a random public token on every certificate.

Revision ID: 0100_registry
Revises: 0100_two_levels
"""

import secrets
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0100_registry"
down_revision = "0100_two_levels"
branch_labels = None
depends_on = None

BATCH = 5000


def _fold(text: str) -> str:
    # Frozen copy of states.folding.fold as it was when this migration was written.
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def _batches(table: str, columns: str):  # type: ignore[no-untyped-def]
    """Every row of `table` (`columns`, the first being id), a batch at a time."""
    bind = op.get_bind()
    last = 0
    while True:
        rows = bind.execute(sa.text(f"SELECT {columns} FROM {table} WHERE id > :last "
                                    "ORDER BY id LIMIT :batch"),
                            {"last": last, "batch": BATCH}).all()
        if not rows:
            return
        yield rows
        last = rows[-1].id


def _fill(table: str, column: str, columns: str, value) -> None:  # type: ignore[no-untyped-def]
    for rows in _batches(table, columns):
        op.get_bind().execute(sa.text(f"UPDATE {table} SET {column} = :value WHERE id = :id"),
                              [{"id": row.id, "value": value(row)} for row in rows])


def upgrade() -> None:
    with op.batch_alter_table("producers") as batch:
        batch.add_column(sa.Column("phone", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("address_commune", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("search_key", sa.String(length=300), nullable=True))
    with op.batch_alter_table("products") as batch:
        batch.add_column(sa.Column("search_key", sa.String(length=300), nullable=True))
    for table in ("producers", "products"):
        _fill(table, "search_key", "id, name", lambda row: _fold(row.name))
        with op.batch_alter_table(table) as batch:
            batch.alter_column("search_key", existing_type=sa.String(length=300), nullable=False)
            batch.create_index(f"ix_{table}_search_key", ["search_key"], unique=False)

    with op.batch_alter_table("certificates") as batch:
        batch.add_column(sa.Column("public_token", sa.String(length=32), nullable=True))
    # The certificates issued before this migration get their token now (the column's
    # default, states.db.models.base.new_token, gives it to every later one).
    _fill("certificates", "public_token", "id", lambda row: secrets.token_urlsafe(16))
    with op.batch_alter_table("certificates") as batch:
        batch.alter_column("public_token", existing_type=sa.String(length=32), nullable=False)
        batch.create_unique_constraint("uq_certificates_public_token", ["public_token"])


def downgrade() -> None:
    with op.batch_alter_table("certificates") as batch:
        batch.drop_constraint("uq_certificates_public_token", type_="unique")
        batch.drop_column("public_token")
    with op.batch_alter_table("products") as batch:
        batch.drop_index("ix_products_search_key")
        batch.drop_column("search_key")
    with op.batch_alter_table("producers") as batch:
        batch.drop_index("ix_producers_search_key")
        batch.drop_column("address_commune")
        batch.drop_column("phone")
        batch.drop_column("search_key")
