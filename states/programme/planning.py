"""Writing the yearly plan into the database, from whichever way it came in (a plan-YYYY.toml,
an .xlsx, one `ocop plan add-…`). Loading the same plan again changes nothing; loading an edited
one changes what has not started yet."""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from states.db.models import Campaign, Dossier, EvaluationRound
from states.errors import InvalidInput, RuleRefused
from states.lifecycle.placing import planned_rounds
from states.programme.plans import CampaignSpec, RoundSpec, YearPlan
from states.runtime import Runtime
from states.vocabulary import CampaignOrigin, CampaignStatus


@dataclass(frozen=True)
class PlanSaved:
    source: str
    rounds_added: int = 0
    rounds_updated: int = 0
    campaigns_added: int = 0
    campaigns_updated: int = 0
    campaigns_removed: int = 0
    campaigns_started: int = 0  # already opened: the plan no longer changes them

    def __add__(self, other: "PlanSaved") -> "PlanSaved":
        return PlanSaved(self.source, *(getattr(self, f) + getattr(other, f) for f in COUNTS))

    @property
    def changed(self) -> bool:
        return any(getattr(self, f) for f in COUNTS if f != "campaigns_started")


COUNTS = ("rounds_added", "rounds_updated", "campaigns_added", "campaigns_updated",
          "campaigns_removed", "campaigns_started")


def save_plans(rt: Runtime, session: Session, plans: Sequence[YearPlan], source: str, *,
               replace: bool) -> PlanSaved:
    """Upsert every round (by code) and campaign (by kind and opening day) of `plans`. With
    `replace`, planned campaigns that came from `source` and are no longer in it go."""
    saved = PlanSaved(source)
    for plan in plans:
        for round_spec in plan.rounds:
            saved += save_round(rt, session, round_spec, source)
        for campaign_spec in plan.campaigns:
            saved += save_campaign(session, campaign_spec, source)
    if replace:
        keys = [plan_key(c) for plan in plans for c in plan.campaigns]
        removed = session.execute(delete(Campaign).where(
            Campaign.plan_source == source, Campaign.status == CampaignStatus.PLANNED,
            Campaign.plan_key.not_in(keys)).execution_options(synchronize_session=False))
        saved += PlanSaved(source, campaigns_removed=int(getattr(removed, "rowcount", 0)))
    check_registration_windows(session)
    return saved


def save_round(rt: Runtime, session: Session, spec: RoundSpec, source: str) -> PlanSaved:
    try:
        rulebook = (rt.rules.get(spec.rulebook) if spec.rulebook
                    else rt.rulebook_for_round(spec.registration_opens))
    except InvalidInput as error:
        raise InvalidInput(f"{source}: đợt {spec.code}, khoá 'rulebook': {error.message}") from None
    found = session.scalar(select(EvaluationRound).where(EvaluationRound.code == spec.code))
    values = {"name": spec.name, "rulebook_code": rulebook.code,
              "registration_opens": spec.registration_opens,
              "registration_closes": spec.registration_closes,
              "local_deadline": spec.local_deadline,
              "provincial_deadline": spec.provincial_deadline}
    if found is None:
        session.add(EvaluationRound(code=spec.code, opened_on=spec.registration_opens,
                                    plan_source=source, **values))
        session.flush()
        return PlanSaved(source, rounds_added=1)
    if all(getattr(found, k) == v for k, v in values.items()):
        return PlanSaved(source)
    if found.rulebook_code != rulebook.code and session.scalar(
            select(Dossier.id).where(Dossier.round_id == found.id).limit(1)) is not None:
        # A round is pinned to its rulebook: its dossiers are judged by the rules they began with.
        raise RuleRefused(f"{source}: đợt {spec.code} đã có hồ sơ theo {found.rulebook_code}, "
                          f"không thể đổi sang {rulebook.code}.")
    for key, value in values.items():
        setattr(found, key, value)
    found.plan_source = source
    session.flush()
    return PlanSaved(source, rounds_updated=1)


def plan_key(spec: CampaignSpec) -> str:
    return f"plan:{spec.key}"


def save_campaign(session: Session, spec: CampaignSpec, source: str) -> PlanSaved:
    found = session.scalar(select(Campaign).where(Campaign.plan_key == plan_key(spec)))
    values = {"deadline": spec.deadline, "window_end": spec.window_end(),
              "scope_months": spec.expiring_within_months}
    if found is None:
        session.add(Campaign(kind=spec.kind, opened_on=spec.opens_on, status=CampaignStatus.PLANNED,
                             origin=CampaignOrigin.PLAN, plan_key=plan_key(spec),
                             plan_source=source, **values))
        session.flush()
        return PlanSaved(source, campaigns_added=1)
    if found.status != CampaignStatus.PLANNED:
        return PlanSaved(source, campaigns_started=1)
    if all(getattr(found, k) == v for k, v in values.items()) and found.plan_source == source:
        return PlanSaved(source)
    for key, value in values.items():
        setattr(found, key, value)
    found.plan_source = source
    return PlanSaved(source, campaigns_updated=1)


def check_registration_windows(session: Session) -> None:
    """Two planned rounds open for registration on the same day would make a dossier's round
    ambiguous."""
    rounds = planned_rounds(session)
    for first, second in itertools.pairwise(rounds):
        if (second.registration_opens and first.registration_closes
                and second.registration_opens <= first.registration_closes):
            raise InvalidInput(f"Thời gian đăng ký của đợt {first.code} "
                               f"({first.registration_opens:%d/%m/%Y}–"
                               f"{first.registration_closes:%d/%m/%Y}) và đợt {second.code} "
                               f"({second.registration_opens:%d/%m/%Y}–…) chồng lên nhau.")
