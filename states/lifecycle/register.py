"""A new product enters the cycle: producer, product and dossier in the round of the day."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from states.contacts import valid_email
from states.db.inserts import insert_unless_taken
from states.db.models import Dossier, DossierEvent, EvaluationRound, Producer, Product
from states.db.stored_text import length_of
from states.dossiers.open_dossier import holds_one_open, open_dossier, refusal
from states.dossiers.sheet import DossierView, dossier_view
from states.errors import InvalidInput
from states.folding import fold
from states.lifecycle.deadlines import due_at_for
from states.lifecycle.placing import check_registration_unit, planned_rounds, producer_commune
from states.permissions import authorize
from states.rules.rulebooks import Rulebook
from states.runtime import Runtime
from states.territory.lookups import find_unit, find_user
from states.territory.units import name_on
from states.typed_text import name_key, typed_name
from states.vocabulary import Action, ProducerType, State, parse_code


def _round_wanted(rt: Runtime, session: Session) -> EvaluationRound | tuple[str, date]:
    """The round a dossier entering the cycle today joins, or the code and starting day of the
    automatic round still to be opened for it. In a year with a plan: the planned round whose
    registration is open, else the next one (registration closed: next round); without a plan:
    today's automatic half-year round, pinned to a rulebook when first opened."""
    today = rt.clock.today()
    planned = planned_rounds(session)
    if any(r.registration_opens is not None and r.registration_opens.year == today.year
           for r in planned):
        upcoming = next((r for r in planned
                         if r.registration_closes is not None and r.registration_closes >= today),
                        None)
        if upcoming is not None:
            return upcoming
        # The year's last planned round has closed and no later plan exists yet.
        code, starts = f"{today.year + 1}-1", date(today.year + 1, 1, 1)
    else:
        code, starts = f"{today.year}-{1 if today.month <= 6 else 2}", today
    found = session.scalar(select(EvaluationRound).where(EvaluationRound.code == code))
    return found if found is not None else (code, starts)


def round_for(rt: Runtime, session: Session) -> EvaluationRound:
    wanted = _round_wanted(rt, session)
    if isinstance(wanted, EvaluationRound):
        return wanted
    code, starts = wanted
    # The first dossiers of a half-year open its round together: the first INSERT wins.
    insert_unless_taken(session, EvaluationRound, {
        "code": code, "rulebook_code": rt.rulebook_for_round(starts).code,
        "opened_on": rt.clock.today()}, ("code",))
    return session.scalars(select(EvaluationRound).where(EvaluationRound.code == code)).one()


def rulebook_of_today(rt: Runtime, session: Session) -> Rulebook:
    """The rulebook a product registered today is judged by, without opening its round."""
    wanted = _round_wanted(rt, session)
    if isinstance(wanted, EvaluationRound):
        return rt.rules.get(wanted.rulebook_code)
    return rt.rulebook_for_round(wanted[1])


def same_producer(session: Session, unit_id: int, name: str) -> Producer | None:
    """The unit's producer of that name, whatever its case or composed/decomposed accents
    ("HTX Gà đồi" typed twice is one producer, not two that look alike)."""
    wanted = name_key(name)
    alike = session.scalars(select(Producer).where(Producer.unit_id == unit_id,
                                                   Producer.search_key == fold(name))
                            .order_by(Producer.id))
    return next((row for row in alike if name_key(row.name) == wanted), None)


def same_product(session: Session, producer_id: int, name: str, group: str,
                 subgroup: str | None = None) -> Product:
    """The producer's product of that name, case and accents aside ("GÀ ĐỒI" is "Gà đồi"),
    added if new. Two registrations at the same moment add it once: the unique key
    (producer, folded name) takes the first INSERT, the other finds its row."""
    key = fold(name)
    insert_unless_taken(session, Product, {"name": name, "search_key": key, "group_code": group,
                                           "subgroup_code": subgroup, "producer_id": producer_id},
                        ("producer_id", "search_key"))
    row = session.scalars(select(Product).where(Product.producer_id == producer_id,
                                                Product.search_key == key)).one()
    # Registered again after its last dossier ended: judged in the group declared now.
    row.group_code, row.subgroup_code = group, subgroup
    return row


def _add_open_dossier(session: Session, dossier: Dossier, product_id: int) -> None:
    """Write the dossier, unless its product already has an open one: the database's unique
    index decides (a check before the insert would let two submissions at once both pass)."""
    try:
        with session.begin_nested():
            session.add(dossier)
            session.flush()
    except IntegrityError as error:
        held = open_dossier(session, product_id) if holds_one_open(error) else None
        if held is None:
            raise
        raise refusal(held) from None


def register_product(rt: Runtime, session: Session, actor: str, *, unit: str, producer: str,
                     producer_type: str, product: str, group: str, subgroup: str | None = None,
                     email: str | None = None, commune: str | None = None) -> DossierView:
    kind = parse_code(ProducerType, producer_type, "Loại chủ thể")
    if not producer.strip() or not product.strip():
        raise InvalidInput("Tên chủ thể và tên sản phẩm không được để trống.")
    producer = typed_name(producer, "Tên chủ thể", length_of(Producer.name))
    product = typed_name(product, "Tên sản phẩm", length_of(Product.name))
    address = valid_email(email) if email else None
    today = rt.clock.today()
    unit_row = find_unit(session, unit, today)
    authorize(find_user(session, actor), Action.REGISTER, unit_row.id)
    evaluation_round = round_for(rt, session)
    rulebook = rt.rules.get(evaluation_round.rulebook_code)
    check_registration_unit(session, unit_row, today, rulebook, evaluation_round.code)
    group = rulebook.group_code(group)
    subgroup = rulebook.subgroup_code(group, subgroup)
    commune_row = producer_commune(session, commune, unit_row, today)
    producer_row = same_producer(session, unit_row.id, producer)
    if producer_row is None:
        # A producer's first dossiers may be registered at the same moment: one INSERT adds
        # it, the others reuse it (never a unique-constraint failure).
        insert_unless_taken(session, Producer, {"name": producer, "kind": kind,
                                                "unit_id": unit_row.id, "email": address},
                            ("unit_id", "name"))
        producer_row = session.scalars(select(Producer).where(
            Producer.unit_id == unit_row.id, Producer.name == producer)).one()
    if address:
        producer_row.email = address
    if commune_row is not None:
        producer_row.commune_id = commune_row.id
    product_row = same_product(session, producer_row.id, product, group, subgroup)
    now = rt.clock.now()
    dossier = Dossier(product=product_row, unit=unit_row, round=evaluation_round,
                      state=State.REGISTERED, entered_state_at=now, created_at=now,
                      due_at=due_at_for(rt.rules, rulebook, State.REGISTERED, now, evaluation_round))
    _add_open_dossier(session, dossier, product_row.id)
    session.add(DossierEvent(dossier_id=dossier.id, from_state=None, to_state=State.REGISTERED,
                             trigger=Action.REGISTER, actor=actor, at=now,
                             details={"round": evaluation_round.code, "rulebook": rulebook.code},
                             unit_id=unit_row.id, unit_name=name_on(session, unit_row, today)))
    session.flush()
    return dossier_view(dossier, now)
