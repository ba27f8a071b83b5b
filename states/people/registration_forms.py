"""What a producer's account reaches (its own producer's dossiers, nothing else: another's is
"no such dossier") and the registration form it fills in online: drafts saved as typed, checked
when submitted, and the changes a resubmission makes while the dossier is still registered."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.clock import format_local_datetime
from states.contacts import valid_email
from states.db.ids import storable_id
from states.db.models import Dossier, Producer, Product, RegistrationForm, User
from states.db.stored_text import length_of
from states.dossiers.history import record_events
from states.errors import InvalidInput, NotFound, RuleRefused
from states.folding import fold
from states.runtime import Runtime
from states.tables.columns import CellError, phone
from states.territory.lookups import dossier_not_found
from states.typed_text import typed_name, typed_text
from states.vocabulary import Action, FormKind, FormStatus, ProducerType, Role, State, label, parse_code

# The form's fields, as the page names them. Provisional: the official mẫu 01 / 02 were not
# found in full; these are what the rest of the system needs, plus sub-group and standards.
TEXT_FIELDS = ("product", "group", "subgroup", "producer_type", "phone", "email", "commune",
               "address")
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
    for name in TEXT_FIELDS:
        value = str(values.get(name) or "").strip()
        fields[name] = typed_text(value, name, MAX_TEXT) if value else ""
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
    group = rt.rules.get(rulebook_code).group_code(fields["group"])
    if not fields.get("producer_type"):
        raise InvalidInput("Hãy chọn loại chủ thể.")
    kind = parse_code(ProducerType, fields["producer_type"], "Loại chủ thể")
    email = valid_email(fields["email"]) if fields.get("email") else None
    return Submission(row.form, product, group, kind, email, fields.get("commune") or None,
                      _phone(fields.get("phone") or ""), fields)


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
    """A resubmission while the dossier is still registered changes its product's name and
    group and the producer's kind: what changed, before and after."""
    assert row.dossier_id is not None
    dossier = own_dossier(session, user, row.dossier_id)
    if dossier.state != State.REGISTERED:
        raise RuleRefused(f"Hồ sơ số {dossier.id} đã qua bước đăng ký: phiếu đăng ký không "
                          "sửa được nữa, hãy liên hệ cán bộ OCOP.")
    product, producer = dossier.product, dossier.product.producer
    before = {"product": product.name, "group": product.group_code, "producer_type": producer.kind}
    product.name, product.group_code = wanted.product, wanted.group
    product.search_key = fold(wanted.product)
    producer.kind = wanted.producer_type
    after = {"product": product.name, "group": product.group_code, "producer_type": producer.kind}
    changed = {k: {"before": before[k], "after": after[k]} for k in before if before[k] != after[k]}
    return dossier, changed
