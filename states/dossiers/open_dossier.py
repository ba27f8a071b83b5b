"""One product, one open dossier (issue 25): the database holds the rule (a partial unique index,
models/dossiers.py); this finds the dossier that holds a product and says so in one sentence."""

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from states.db.database import ONE_OPEN_REFUSALS
from states.db.models import Dossier, Producer, Product
from states.errors import RuleRefused
from states.vocabulary import TERMINAL_STATES, State, label


@dataclass(frozen=True)
class OpenDossier:
    dossier_id: int
    state: State
    product: str
    producer: str


def holds_one_open(error: IntegrityError) -> bool:
    """Whether `error` is the database refusing a second open dossier of a product."""
    return any(words in str(error.orig) for words in ONE_OPEN_REFUSALS)


def _open() -> Select[int, str, str, str, int, str]:
    return (select(Dossier.id, Dossier.state, Product.name, Producer.name, Product.producer_id,
                   Product.search_key)
            .join(Product, Dossier.product_id == Product.id)
            .join(Producer, Product.producer_id == Producer.id)
            .where(Dossier.state.not_in(list(TERMINAL_STATES))))


def open_dossier(session: Session, product_id: int) -> OpenDossier | None:
    row = session.execute(_open().where(Dossier.product_id == product_id)).first()
    return None if row is None else OpenDossier(row[0], State(row[1]), row[2], row[3])


def open_in_units(session: Session, unit_ids: Collection[int], product_keys: Collection[str]
                  ) -> list[tuple[int, str, str, OpenDossier]]:
    """The open dossiers of these units' producers' products whose folded names are these: the
    producer's unit, its name, the product's folded name and the dossier (the caller compares
    the producer's name as it compares producers)."""
    if not unit_ids or not product_keys:
        return []
    rows = session.execute(_open().add_columns(Producer.unit_id).where(
        Producer.unit_id.in_(list(unit_ids)), Product.search_key.in_(list(product_keys))))
    return [(row[6], row[3], row[5], OpenDossier(row[0], State(row[1]), row[2], row[3]))
            for row in rows]


def reason(held: OpenDossier) -> str:
    """Why the product cannot be registered again (no final stop: an import puts it in a row)."""
    if held.state == State.CERTIFIED:
        return (f"sản phẩm '{held.product}' của {held.producer} đã được công nhận, giấy chứng nhận "
                f"còn hiệu lực (hồ sơ số {held.dossier_id}): sản phẩm này được đánh giá lại "
                f"(`ocop dossier renew {held.dossier_id}`), không đăng ký mới")
    return (f"sản phẩm '{held.product}' của {held.producer} đã có hồ sơ số {held.dossier_id} "
            f"đang mở ({label(held.state)}): mỗi sản phẩm chỉ có một hồ sơ đang mở, hãy tiếp "
            "tục hồ sơ đó")


def refusal(held: OpenDossier) -> RuleRefused:
    text = reason(held)
    return RuleRefused(f"Không đăng ký được: {text}.")
