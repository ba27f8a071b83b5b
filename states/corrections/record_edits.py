"""Correcting a product (name, group) and its producer (name, type, e-mail, phone, address
commune). Each correction is one audit event on every dossier of the product or producer, so
each dossier's history shows it."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from states.contacts import valid_email
from states.db.models import AdministrativeUnit, Dossier, Producer, Product
from states.db.stored_text import length_of
from states.dossiers.corrections import (
    Corrected,
    changes,
    nothing_given,
    record_on_dossiers,
    required_reason,
)
from states.errors import InvalidInput, NotFound, RuleRefused
from states.folding import fold
from states.lifecycle.placing import producer_commune
from states.lifecycle.register import same_producer
from states.permissions import authorize
from states.runtime import Runtime
from states.tables.columns import CellError, phone
from states.territory.lookups import find_user
from states.typed_text import optional_name
from states.vocabulary import (
    LOCAL_STATES,
    Action,
    Correction,
    ProducerType,
    State,
    label,
    parse_code,
)

DossierRef = tuple[int, int, str]  # id, unit id, state

# How each database names the products' unique key in its refusal (PostgreSQL, SQLite).
SAME_NAME = ("uq_products_producer_search_key", "products.producer_id, products.search_key")


@dataclass(frozen=True)
class ProducerCorrection:
    """The new values as typed (None: unchanged)."""

    name: str | None = None
    kind: str | None = None
    email: str | None = None
    phone: str | None = None
    commune: str | None = None


def _dossiers(session: Session, condition: ColumnElement[bool]) -> list[DossierRef]:
    rows = session.execute(select(Dossier.id, Dossier.unit_id, Dossier.state)
                           .join(Product, Product.id == Dossier.product_id)
                           .where(condition).order_by(Dossier.id))
    return [(dossier_id, unit_id, state) for dossier_id, unit_id, state in rows]


def edit_product(rt: Runtime, session: Session, actor: str, product_id: int, *,
                 name: str | None = None, group: str | None = None,
                 reason: str | None) -> Corrected:
    why = required_reason(reason)
    new_name = optional_name(name, "Tên sản phẩm", length_of(Product.name))
    if new_name is None and group is None:
        raise nothing_given("tên hoặc nhóm sản phẩm", ("name", "group"))
    product = session.get(Product, product_id)
    if product is None:
        raise NotFound(f"Không có sản phẩm số {product_id}.")
    dossiers = _dossiers(session, Dossier.product_id == product_id)
    current = session.get(Dossier, dossiers[-1][0])  # every product has its dossier
    assert current is not None
    authorize(find_user(session, actor), Action.CORRECT, current.unit_id)
    # The group as registration takes it: its code or its name ("thực phẩm").
    group_code = rt.rules.get(current.round.rulebook_code).group_code(group) if group is not None else None
    if current.state not in LOCAL_STATES:
        raise RuleRefused(
            f"Hồ sơ số {current.id} của sản phẩm đang ở bước '{label(State(current.state))}': tên "
            "và nhóm sản phẩm chỉ sửa được khi hồ sơ ở cấp huyện / xã (kể cả khi đánh giá lại), "
            "vì hội đồng và giấy chứng nhận đã dùng chúng.")
    before, after = changes({"name": product.name, "group": product.group_code},
                            {"name": new_name, "group": group_code})
    with _one_of_a_name(session, product):
        product.name = after.get("name", product.name)
        product.search_key = fold(product.name)
        product.group_code = after.get("group", product.group_code)
    done = Corrected(Correction.PRODUCT, product_id, before, after, why)
    record_on_dossiers(session, dossiers, actor, rt.clock.now(), done)
    return done


@contextmanager
def _one_of_a_name(session: Session, product: Product) -> Iterator[None]:
    """The product's change, which may not make two products of one producer alike (issue 25):
    the unique key decides, in a savepoint, and the refusal names the other product."""
    producer_id, wanted = product.producer_id, dict[str, str]()
    try:
        with session.begin_nested():
            yield
            wanted = {"name": product.name, "key": product.search_key}
            session.flush()
    except IntegrityError as error:
        if not wanted or not any(words in str(error.orig) for words in SAME_NAME):
            raise
        other = session.scalar(select(Product).where(Product.producer_id == producer_id,
                                                     Product.search_key == wanted["key"]))
        raise RuleRefused(f"Không đổi tên được thành '{wanted['name']}': chủ thể đã có sản phẩm "
                          f"'{other.name if other else wanted['name']}' (sản phẩm số "
                          f"{other.id if other else '?'}) cùng tên khi bỏ qua hoa thường và "
                          "dấu; mỗi sản phẩm chỉ ghi một lần.") from None


def _phone(typed: str | None) -> str | None:
    try:
        return None if typed is None else phone(typed.strip())
    except CellError as error:
        raise InvalidInput(f"Điện thoại: {error}.") from None


def edit_producer(rt: Runtime, session: Session, actor: str, producer_id: int,
                  wanted: ProducerCorrection, reason: str | None) -> Corrected:
    why = required_reason(reason)
    if wanted == ProducerCorrection():
        raise nothing_given("tên, loại, email, điện thoại hoặc xã",
                            ("name", "kind", "email", "phone", "commune"))
    name = optional_name(wanted.name, "Tên chủ thể", length_of(Producer.name))
    kind = parse_code(ProducerType, wanted.kind, "Loại chủ thể") if wanted.kind else None
    email = valid_email(wanted.email) if wanted.email is not None else None
    number = _phone(wanted.phone)
    producer = session.get(Producer, producer_id)
    if producer is None:
        raise NotFound(f"Không có chủ thể số {producer_id}.")
    dossiers = _dossiers(session, Product.producer_id == producer_id)
    unit = session.get(AdministrativeUnit, dossiers[-1][1] if dossiers else producer.unit_id)
    assert unit is not None
    authorize(find_user(session, actor), Action.CORRECT, unit.id)
    # A unit gone since (a 2022 district) is asked for its communes as they were then.
    day = min(rt.clock.today(), unit.valid_until or date.max)
    commune = producer_commune(session, wanted.commune, unit, day) if wanted.commune else None
    if name is not None:
        _refuse_taken_name(session, producer, name)
    before, after = changes(_producer_record(session, producer), {
        "name": name, "kind": kind.value if kind else None, "email": email, "phone": number,
        "commune": commune.name if commune else None})
    _apply(producer, after, commune)
    done = Corrected(Correction.PRODUCER, producer_id, before, after, why)
    record_on_dossiers(session, dossiers, actor, rt.clock.now(), done)
    return done


def _producer_record(session: Session, producer: Producer) -> dict[str, str | None]:
    commune = session.get(AdministrativeUnit, producer.commune_id) if producer.commune_id else None
    return {"name": producer.name, "kind": producer.kind, "email": producer.email,
            "phone": producer.phone,
            "commune": commune.name if commune else producer.address_commune}


def _refuse_taken_name(session: Session, producer: Producer, name: str) -> None:
    # "The same producer" as registration decides it: whatever the case or accent encoding.
    other = same_producer(session, producer.unit_id, name)
    if other is not None and other.id != producer.id:
        raise RuleRefused(f"Đơn vị đã có chủ thể '{other.name}' (số {other.id}): hai chủ thể "
                          "không trùng tên trong một đơn vị.")


def _apply(producer: Producer, after: dict[str, str | None],
           commune: AdministrativeUnit | None) -> None:
    if "name" in after:
        producer.name = str(after["name"])
        producer.search_key = fold(producer.name)
    producer.kind = after.get("kind") or producer.kind
    producer.email = after.get("email", producer.email)
    producer.phone = after.get("phone", producer.phone)
    if commune is not None and "commune" in after:
        producer.commune_id, producer.address_commune = commune.id, commune.name
