"""What a producer does with its own account: its dossiers, the registration form (drafts,
then submission through the officer's own registration), one of its dossiers in full."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit, User
from states.dossiers.sheet import DossierView, full_view
from states.lifecycle.register import rulebook_of_today
from states.people import registration_forms as forms
from states.people.registration_forms import FormView, OwnDossier
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.territory.units import UnitView, list_units
from states.vocabulary import FormKind, ProducerType, UnitLevel, label
from use_cases.dossiers import register_in
from use_cases.registration import communes_of


@dataclass(frozen=True)
class Portal:
    producer: str
    unit: str
    dossiers: list[OwnDossier]
    forms: list[FormView]


def portal(rt: Runtime, actor: str) -> Portal:
    with rt.transaction() as session:
        user = find_user(session, actor)
        producer = forms.producer_of(session, user)
        unit = session.get(AdministrativeUnit, producer.unit_id)
        assert unit is not None  # a foreign key
        return Portal(producer.name, unit.name, forms.own_dossiers(session, user),
                      forms.list_forms(session, user))


@dataclass(frozen=True)
class FormChoices:
    kinds: list[tuple[str, str]]
    rulebook: str
    groups: dict[str, str]
    producer_types: list[tuple[str, str]]
    communes: list[UnitView]  # empty when the round registers at the commune itself
    # The rulebook's sub-groups, group → code → name: what the form suggests (typed text is
    # coded when the form is submitted, as the group is).
    subgroups: dict[str, dict[str, str]]


def _unit_views(session: Session, unit_id: int, rt: Runtime) -> list[UnitView]:
    unit = session.get(AdministrativeUnit, unit_id)
    return [u for u in list_units(session, rt.clock.today()) if unit and u.code == unit.code]


def form_choices(rt: Runtime, actor: str) -> FormChoices:
    with rt.transaction() as session:
        producer = forms.producer_of(session, find_user(session, actor))
        rulebook = rulebook_of_today(rt, session)
        units = _unit_views(session, producer.unit_id, rt)
        communes = (communes_of(session, units, rt.clock.today())
                    if rulebook.local_level == UnitLevel.DISTRICT else {})
        return FormChoices([(k.value, label(k)) for k in FormKind], rulebook.title,
                           dict(rulebook.groups), [(t.value, label(t)) for t in ProducerType],
                           [c for rows in communes.values() for c in rows],
                           {group: dict(subs) for group, subs in rulebook.subgroups.items()})


def blank_fields(rt: Runtime, actor: str) -> dict[str, Any]:
    """A new form starts from what the system knows of the producer."""
    with rt.transaction() as session:
        producer = forms.producer_of(session, find_user(session, actor))
        commune = session.get(AdministrativeUnit, producer.commune_id) if producer.commune_id else None
        return {"producer_type": producer.kind, "phone": producer.phone or "",
                "email": producer.email or "", "commune": commune.code if commune else "",
                "address": producer.address_commune or "", "standards": []}


def open_form(rt: Runtime, actor: str, form_id: int) -> FormView:
    with rt.transaction() as session:
        user = find_user(session, actor)
        row = forms.own_form(session, user, form_id)
        state = forms.own_dossier(session, user, row.dossier_id).state if row.dossier_id else None
        return forms.form_view(row, state)


def save_draft(rt: Runtime, actor: str, form_id: int | None, kind: str,
               values: dict[str, Any]) -> FormView:
    with rt.transaction() as session:
        return forms.save_draft(session, find_user(session, actor), form_id, kind, values,
                                rt.clock.now())


def submit_form(rt: Runtime, actor: str, form_id: int) -> int:
    """Submit the saved form: the first time it registers the product through the officer's
    own registration (the same checks, the same letter of missing documents); again, while
    the dossier is still registered, it updates it. Returns the dossier's number."""
    with rt.transaction() as session:
        user = find_user(session, actor)
        producer = forms.producer_of(session, user)
        row = forms.own_form(session, user, form_id)
        if row.dossier_id is None:
            wanted = forms.checked_submission(rt, row, rulebook_of_today(rt, session).code)
            forms.claim_first_submission(session, row, rt.clock.now())
            dossier_id = _register(rt, session, user, wanted)
            dossier, changed = forms.own_dossier(session, user, dossier_id), None
            # The producer uploads its documents itself: a dossier of files, not of paper
            # (a new dossier has no ticks to remove; the officer can still switch it back).
            dossier.paper_originals = False
        else:
            current = forms.own_dossier(session, user, row.dossier_id)
            wanted = forms.checked_submission(rt, row, current.round.rulebook_code)
            dossier, changed = forms.update_registered(session, user, row, wanted)
        producer.kind = wanted.producer_type
        producer.email = wanted.email or producer.email
        producer.phone = wanted.phone or producer.phone
        producer.address_commune = row.fields.get("address") or producer.address_commune
        forms.record_submission(session, row, dossier, actor, rt.clock.now(), changed)
        return dossier.id


def _register(rt: Runtime, session: Session, user: User, wanted: forms.Submission) -> int:
    producer = forms.producer_of(session, user)
    unit = forms.registration_unit(session, producer, rt.clock.today())
    # The account answers to its producer's unit, which a reorganisation (or an officer
    # settling it) may have moved since the invitation.
    user.unit_id = unit.id
    view = register_in(rt, session, user.name, unit=unit.code, producer=producer.name,
                       producer_type=wanted.producer_type, product=wanted.product,
                       group=wanted.group, subgroup=wanted.subgroup, email=wanted.email,
                       commune=wanted.commune)
    return view.id


def own_dossier(rt: Runtime, actor: str, dossier_id: int) -> DossierView:
    """One of the producer's dossiers in full; another producer's is "no such dossier"."""
    with rt.transaction() as session:
        dossier = forms.own_dossier(session, find_user(session, actor), dossier_id)
        return full_view(session, dossier, rt.clock.now())


@dataclass(frozen=True)
class ProductKind:
    """A dossier's rulebook, group and sub-group in words ("Thực phẩm", "Mật ong, …")."""

    rulebook: str
    group: str
    subgroup: str | None


def product_kind(rt: Runtime, view: DossierView) -> ProductKind:
    rulebook = rt.rules.get(view.rulebook)
    return ProductKind(rulebook.title, rulebook.groups.get(view.group, view.group),
                       rulebook.subgroup_name(view.group, view.subgroup))


def own_dossiers(rt: Runtime, actor: str) -> list[OwnDossier]:
    with rt.transaction() as session:
        return forms.own_dossiers(session, find_user(session, actor))
