"""What a person may do to a dossier now: every step from its state, allowed or refused with
the guard's or the permission's reason, asked the same way the step itself will ask."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from states.db.models import Dossier, User
from states.errors import PermissionDenied
from states.lifecycle.facts import DossierFacts
from states.lifecycle.machine import STEPS, TRIGGERS, refusal
from states.permissions import acting_as, authorize
from states.rules.rulebooks import Rulebook
from states.vocabulary import Action, label


@dataclass(frozen=True)
class StepOption:
    trigger: Action
    label: str
    allowed: bool
    reason: str | None
    # False when the user may not take this step at all (the page hides it; the API lists it).
    permitted: bool = True


def triggers_from(state: str) -> list[Action]:
    return [t for t in TRIGGERS if any(s.trigger == t and state in s.sources for s in STEPS)]


def allowed_steps(session: Session, user: User, dossier: Dossier, rulebook: Rulebook,
                  today: date) -> list[StepOption]:
    facts = DossierFacts(session, dossier, rulebook, today)
    options = []
    for trigger in triggers_from(dossier.state):
        try:
            authorize(user, acting_as(trigger, dossier.state), dossier.unit_id)
        except PermissionDenied as denied:
            options.append(StepOption(trigger, label(trigger), False, denied.message, False))
            continue
        reason = refusal(trigger, dossier.state, facts.context_for(trigger, awaiting_input=True))
        options.append(StepOption(trigger, label(trigger), reason is None, reason))
    return options
