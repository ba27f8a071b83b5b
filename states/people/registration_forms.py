"""What a producer's account reaches (its own producer's dossiers, nothing else: another's is
"no such dossier") and the registration form it fills in online: drafts saved as typed, checked
when submitted, and the changes a resubmission makes while the dossier is still registered."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from states.clock import format_local_datetime
from states.contacts import valid_email
from states.db.ids import storable_id
from states.db.models import AdministrativeUnit, Dossier, Producer, Product, RegistrationForm, User
from states.db.stored_text import length_of
from states.dossiers.history import record_events
from states.errors import Conflict, InvalidInput, NotFound, RuleRefused
from states.folding import fold
from states.runtime import Runtime
from states.tables.columns import CellError, phone
from states.territory.lookups import dossier_not_found
from states.typed_text import typed_name, typed_text
from states.vocabulary import Action, FormKind, FormStatus, ProducerType, Role, State, label, parse_code

# The form's fields, as the page names them. Provisional: the official mẫu 01 / 02 were not
# found in full; these are what the rest of the system needs, plus sub-group and standards.
# Each field with the name its sentences give it (the page's label).
TEXT_FIELDS = {"product": "Tên sản phẩm", "group": "Nhóm sản phẩm", "subgroup": "Phân nhóm",
               "producer_type": "Loại chủ thể", "phone": "Điện thoại", "email": "Email",
               "commune": "Xã, phường, thị trấn", "address": "Địa chỉ"}
MAX_TEXT = 300
MAX_STANDARDS = 20


@dataclass(frozen=True)
class OwnDossier:
    id: int
    product: str
    state: str
    state_label: str


@dataclass(frozen=True)
class FormView:
    id: int
    form: str
    status: str
    fields: dict[str, Any]
    dossier_id: int | None
    updated_at: str  # dd/mm/yyyy hh:mm, local time
    editable: bool


def producer_of(session: Session, user: User) -> Producer:
    """The producer a producer's account belongs to (a staff account has none: not found)."""
    producer = (session.get(Producer, user.producer_id)
                if user.role == Role.PRODUCER and user.producer_id is not None else None)
    if producer is None:
        raise NotFound("Không có trang này.")
    return producer


def own_dossier(session: Session, user: User, dossier_id: int) -> Dossier:
    """The dossier when it is the account's producer's; any other is "no such dossier"."""
    producer = producer_of(session, user)
    dossier = session.get(Dossier, dossier_id) if storable_id(dossier_id) else None
    if dossier is None or dossier.product.producer_id != producer.id:
        raise dossier_not_found(dossier_id)
    return dossier


def own_dossiers(session: Session, user: User) -> list[OwnDossier]:
    producer = producer_of(session, user)
    rows = session.execute(select(Dossier.id, Product.name, Dossier.state)
                           .join(Product, Product.id == Dossier.product_id)
                           .where(Product.producer_id == producer.id).order_by(Dossier.id))
    return [OwnDossier(i, name, state, label(State(state))) for i, name, state in rows]


def form_view(row: RegistrationForm, dossier_state: str | None) -> FormView:
    editable = row.dossier_id is None or dossier_state == State.REGISTERED
    return FormView(row.id, row.form, row.status, dict(row.fields), row.dossier_id,
                    format_local_datetime(row.updated_at), editable)


def own_form(session: Session, user: User, form_id: int) -> RegistrationForm:
    producer = producer_of(session, user)
    row = session.get(RegistrationForm, form_id) if storable_id(form_id) else None
    if row is None or row.producer_id != producer.id:
        raise NotFound(f"Không có phiếu đăng ký số {form_id}.")
    return row


def list_forms(session: Session, user: User) -> list[FormView]:
    producer = producer_of(session, user)
    rows = session.scalars(select(RegistrationForm).where(
        RegistrationForm.producer_id == producer.id).order_by(RegistrationForm.id.desc()))
    return [form_view(r, _state(session, r.dossier_id) if r.dossier_id else None) for r in rows]


def _state(session: Session, dossier_id: int) -> str | None:
    return session.scalar(select(Dossier.state).where(Dossier.id == dossier_id))


def typed_fields(values: dict[str, Any]) -> dict[str, Any]:
    """The form as typed, made safe to keep (a draft may be incomplete, never unreadable)."""
    fields: dict[str, Any] = {}
    for name, what in TEXT_FIELDS.items():
        value = str(values.get(name) or "").strip()
        fields[name] = typed_text(value, what, MAX_TEXT) if value else ""
    lines = [line.strip() for line in str(values.get("standards") or "").splitlines()]
    standards = [typed_text(line, "Tiêu chuẩn", MAX_TEXT) for line in lines if line]
    if len(standards) > MAX_STANDARDS:
        raise InvalidInput(f"Ghi tối đa {MAX_STANDARDS} tiêu chuẩn công bố, mỗi dòng một.")
    fields["standards"] = standards
    return fields


def save_draft(session: Session, user: User, form_id: int | None, kind: str,
               values: dict[str, Any], now: datetime) -> FormView:
    """Keep the form as typed; a form already submitted stays editable while its dossier is
    still registered (the changes count when submitted again)."""
    producer = producer_of(session, user)
    form = parse_code(FormKind, kind or FormKind.NEW_PRODUCT, "Mẫu phiếu")
    row = own_form(session, user, form_id) if form_id is not None else None
    state = _state(session, row.dossier_id) if row is not None and row.dossier_id else None
    if row is not None and row.dossier_id is not None and state != State.REGISTERED:
        raise RuleRefused(f"Hồ sơ số {row.dossier_id} đã qua bước đăng ký: phiếu đăng ký không "
                          "sửa được nữa, hãy liên hệ cán bộ OCOP.")
    if row is None:
        row = RegistrationForm(producer_id=producer.id, status=FormStatus.DRAFT,
                               created_by=user.name, fields={})
        session.add(row)
    row.form, row.fields = form, typed_fields(values)
    row.status, row.updated_by, row.updated_at = FormStatus.DRAFT, user.name, now
    session.flush()
    return form_view(row, state)


def registration_unit(session: Session, producer: Producer, day: date) -> AdministrativeUnit:
    """The unit a producer's form registers at: its own, while that exists. The officer's
    refusal names the successors to register at, which a producer cannot choose (the switch of
    1/7/2025 left it unplaced), so this sentence says who settles it."""
    unit = session.get(AdministrativeUnit, producer.unit_id)
    assert unit is not None  # a foreign key
    if unit.valid_until is not None and day > unit.valid_until:
        raise RuleRefused(f"{unit.name}, nơi chủ thể đăng ký, không còn từ ngày "
                          f"{unit.valid_until + timedelta(days=1):%d/%m/%Y}: hãy nhờ cán bộ OCOP "
                          "của xã, phường mới hoặc Sở chuyển chủ thể về đơn vị kế thừa, rồi nộp "
                          "lại (phiếu đã được lưu).")
    return unit


def _phone(typed: str) -> str | None:
    try:
        return phone(typed) if typed else None
    except CellError as error:
        raise InvalidInput(f"Điện thoại: {error}.") from None


@dataclass(frozen=True)
class Submission:
    """The form checked for submission: what the registration command takes."""

    form: str
    product: str
    group: str
    subgroup: str | None  # a code of the rulebook's list for the group
    producer_type: str
    email: str | None
    commune: str | None
    phone: str | None
    fields: dict[str, Any]


def checked_submission(rt: Runtime, row: RegistrationForm, rulebook_code: str) -> Submission:
    """The fields a submission needs, each refused in one sentence when missing or wrong."""
    fields = row.fields
    product = typed_name(fields.get("product") or "", "Tên sản phẩm", length_of(Product.name))
    if not fields.get("group"):
        raise InvalidInput("Hãy chọn nhóm sản phẩm.")
    rulebook = rt.rules.get(rulebook_code)
    group = rulebook.group_code(fields["group"])
    subgroup = rulebook.subgroup_code(group, fields.get("subgroup"))
    if not fields.get("producer_type"):
        raise InvalidInput("Hãy chọn loại chủ thể.")
    kind = parse_code(ProducerType, fields["producer_type"], "Loại chủ thể")
    email = valid_email(fields["email"]) if fields.get("email") else None
    return Submission(row.form, product, group, subgroup, kind, email, fields.get("commune") or None,
                      _phone(fields.get("phone") or ""), fields)


def claim_first_submission(session: Session, row: RegistrationForm, now: datetime) -> None:
    """A form submitted twice at once (a double click) would register two dossiers: the
    conditional update is the lock, so the first to tie the form to a dossier wins and the
    other writes nothing."""
    claimed = session.execute(
        update(RegistrationForm)
        .where(RegistrationForm.id == row.id, RegistrationForm.dossier_id.is_(None))
        .values(updated_at=now).execution_options(synchronize_session=False))
    if getattr(claimed, "rowcount", 0) != 1:
        raise Conflict(f"Phiếu đăng ký số {row.id} vừa được nộp cùng lúc: không có gì được ghi "
                       "thêm, hãy mở lại trang Hồ sơ của tôi.")


def record_submission(session: Session, row: RegistrationForm, dossier: Dossier, actor: str,
                      now: datetime, changed: dict[str, Any] | None = None) -> None:
    """The form is submitted for the dossier: its history keeps what was submitted, by whom."""
    row.dossier_id, row.status, row.submitted_at = dossier.id, FormStatus.SUBMITTED, now
    row.updated_by, row.updated_at = actor, now
    details: dict[str, Any] = {"form": row.form, "form_id": row.id, "fields": dict(row.fields)}
    if changed:
        details["changes"] = changed
    record_events(session, [{"dossier_id": dossier.id, "unit_id": dossier.unit_id,
                             "from_state": dossier.state, "to_state": dossier.state,
                             "trigger": Action.REGISTRATION_FORM, "actor": actor, "at": now,
                             "note": label(FormKind(row.form)), "details": details}])


def update_registered(session: Session, user: User, row: RegistrationForm,
                      wanted: Submission) -> tuple[Dossier, dict[str, Any]]:
    """A resubmission while the dossier is still registered changes its product's name, group
    and sub-group and the producer's kind: what changed, before and after."""
    assert row.dossier_id is not None
    dossier = own_dossier(session, user, row.dossier_id)
    if dossier.state != State.REGISTERED:
        raise RuleRefused(f"Hồ sơ số {dossier.id} đã qua bước đăng ký: phiếu đăng ký không "
                          "sửa được nữa, hãy liên hệ cán bộ OCOP.")
    product, producer = dossier.product, dossier.product.producer
    before = _product_fields(product, producer)
    product.name, product.group_code = wanted.product, wanted.group
    product.subgroup_code = wanted.subgroup
    product.search_key = fold(wanted.product)
    producer.kind = wanted.producer_type
    after = _product_fields(product, producer)
    changed = {k: {"before": before[k], "after": after[k]} for k in before if before[k] != after[k]}
    return dossier, changed


def _product_fields(product: Product, producer: Producer) -> dict[str, Any]:
    return {"product": product.name, "group": product.group_code,
            "subgroup": product.subgroup_code, "producer_type": producer.kind}
