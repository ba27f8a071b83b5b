"""The project's one vocabulary: every code stored or typed, and its Vietnamese label.

One module per list (lifecycle, certificates, people, territory, evaluation, plan, mail,
preparation, registry, corrections), each with its codes and labels; this index joins their
labels into one table and re-exports every code, so `from states.vocabulary import State`
works everywhere. Codes are what the database, `--json` and the API carry; labels are what
people read. Plain data, cheap to import: the CLI's help and read-only views use it without the
state machine.
"""

from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

from states.choices import choose
from states.vocabulary import (
    certificates,
    corrections,
    evaluation,
    lifecycle,
    mail,
    people,
    plan,
    preparation,
    registry,
    territory,
)

# Re-exported ("X as X"): import every code from here.
from states.vocabulary.certificates import CertificateStatus as CertificateStatus
from states.vocabulary.certificates import RevocationReason as RevocationReason
from states.vocabulary.corrections import Correction as Correction
from states.vocabulary.evaluation import CouncilLevel as CouncilLevel
from states.vocabulary.evaluation import CouncilRole as CouncilRole
from states.vocabulary.evaluation import CouncilStatus as CouncilStatus
from states.vocabulary.evaluation import ScoreSource as ScoreSource
from states.vocabulary.evaluation import SheetStatus as SheetStatus
from states.vocabulary.lifecycle import ACTION_STATES as ACTION_STATES
from states.vocabulary.lifecycle import EVALUATING_STATES as EVALUATING_STATES
from states.vocabulary.lifecycle import LOCAL_STATES as LOCAL_STATES
from states.vocabulary.lifecycle import NEXT_ACTION as NEXT_ACTION
from states.vocabulary.lifecycle import SYSTEM_ACTOR as SYSTEM_ACTOR
from states.vocabulary.lifecycle import TERMINAL_STATES as TERMINAL_STATES
from states.vocabulary.lifecycle import Action as Action
from states.vocabulary.lifecycle import State as State
from states.vocabulary.mail import MailKind as MailKind
from states.vocabulary.mail import OutboxStatus as OutboxStatus
from states.vocabulary.people import STAFF_ROLES as STAFF_ROLES
from states.vocabulary.people import FormKind as FormKind
from states.vocabulary.people import FormStatus as FormStatus
from states.vocabulary.people import ProducerType as ProducerType
from states.vocabulary.people import Role as Role
from states.vocabulary.plan import CampaignKind as CampaignKind
from states.vocabulary.plan import CampaignOrigin as CampaignOrigin
from states.vocabulary.plan import CampaignStatus as CampaignStatus
from states.vocabulary.plan import PlanEvent as PlanEvent
from states.vocabulary.plan import Timing as Timing
from states.vocabulary.preparation import AttendanceSource as AttendanceSource
from states.vocabulary.preparation import ContractedPart as ContractedPart
from states.vocabulary.preparation import PreparedBy as PreparedBy
from states.vocabulary.registry import ImportKind as ImportKind
from states.vocabulary.registry import RegistryEvent as RegistryEvent
from states.vocabulary.registry import RowOutcome as RowOutcome
from states.vocabulary.registry import Validity as Validity
from states.vocabulary.territory import LEVELS_OF_TIER as LEVELS_OF_TIER
from states.vocabulary.territory import UnitLevel as UnitLevel
from states.vocabulary.territory import tier_of as tier_of

TIMEZONE_NAME = "Asia/Ho_Chi_Minh"
LOCAL_TZ = ZoneInfo(TIMEZONE_NAME)

# One table of labels, one section per list: the same code ("expired", "renewal") names
# different things in different lists.
LABELS: dict[type[StrEnum], dict[str, str]] = {}
for _list in (lifecycle, certificates, people, territory, evaluation, plan, mail, preparation,
              registry, corrections):
    LABELS.update(_list.LABELS)


def label(code: StrEnum) -> str:
    return LABELS[type(code)][code]


CodeT = TypeVar("CodeT", bound=StrEnum)


def parse_code(kind: type[CodeT], text: str, what: str) -> CodeT:
    """The member of `kind` that a person typed as its code or its label (any case, with or
    without diacritics), or a sentence listing the choices."""
    return kind(choose(text, LABELS.get(kind) or {code: code for code in kind}, what))
