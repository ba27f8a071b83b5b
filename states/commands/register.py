"""A new product enters the cycle: producer, product and dossier in the round of the day."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import Dossier, DossierEvent, EvaluationRound, Producer, Product
from states.errors import InvalidInput
from states.rules.contacts import valid_email
from states.rules.deadlines import due_at_for
from states.rules.folding import product_search_text
from states.rules.permissions import authorize
from states.rules.rulebooks import Rulebook
from states.runtime import Runtime
from states.views.dossiers import DossierView, dossier_view
from states.views.lookups import find_unit, find_user
from states.vocabulary import Action, ProducerType, State, parse_code


def round_code(today: date) -> str:
    return f"{today.year}-{1 if today.month <= 6 else 2}"


def rulebook_of_today(rt: Runtime, session: Session) -> Rulebook:
    """The rulebook a product registered today is judged by (its round's, once opened)."""
    today = rt.clock.today()
    found = session.scalar(select(EvaluationRound).where(EvaluationRound.code == round_code(today)))
    return rt.rules.get(found.rulebook_code) if found else rt.rulebook_for_round(today)


def round_for(rt: Runtime, session: Session) -> EvaluationRound:
    """The evaluation round of today's half-year, pinned to a rulebook when first opened."""
    today = rt.clock.today()
    code = round_code(today)
    found = session.scalar(select(EvaluationRound).where(EvaluationRound.code == code))
    if found is None:
        rulebook = rt.rulebook_for_round(today)
        found = EvaluationRound(code=code, rulebook_code=rulebook.code, opened_on=today)
        session.add(found)
        session.flush()
    return found


def register_product(rt: Runtime, session: Session, actor: str, *, unit: str, producer: str,
                     producer_type: str, product: str, group: str,
                     email: str | None = None) -> DossierView:
    kind = parse_code(ProducerType, producer_type, "Loại chủ thể")
    if not producer.strip() or not product.strip():
        raise InvalidInput("Tên chủ thể và tên sản phẩm không được để trống.")
    address = valid_email(email) if email else None
    unit_row = find_unit(session, unit)
    authorize(find_user(session, actor), Action.REGISTER, unit_row.id)
    evaluation_round = round_for(rt, session)
    rulebook = rt.rules.get(evaluation_round.rulebook_code)
    rulebook.group_name(group)
    producer_row = session.scalar(
        select(Producer).where(Producer.unit_id == unit_row.id, Producer.name == producer.strip()))
    if producer_row is None:
        producer_row = Producer(name=producer.strip(), kind=kind, unit_id=unit_row.id, email=address)
        session.add(producer_row)
    elif address:
        producer_row.email = address
    product_row = Product(name=product.strip(), group_code=group, producer=producer_row,
                          search_text=product_search_text(product, producer_row.name))
    now = rt.clock.now()
    dossier = Dossier(product=product_row, unit=unit_row, round=evaluation_round,
                      state=State.REGISTERED, entered_state_at=now, created_at=now,
                      due_at=due_at_for(rt.rules, rulebook, State.REGISTERED, now))
    session.add(dossier)
    session.flush()
    session.add(DossierEvent(dossier_id=dossier.id, from_state=None, to_state=State.REGISTERED,
                             trigger=Action.REGISTER, actor=actor, at=now,
                             details={"round": evaluation_round.code, "rulebook": rulebook.code}))
    session.flush()
    return dossier_view(dossier, now)
