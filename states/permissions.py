"""Who may do what: district officers act on their own unit's district steps only."""

from typing import TYPE_CHECKING

from states.errors import PermissionDenied
from states.vocabulary import Action, Role, State, label, label_or_code

if TYPE_CHECKING:
    from states.db.models import User

# Actions a non-department role may take. Everything else is the Department's.
LOCAL_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.DISTRICT: frozenset({Action.REGISTER, Action.INSPECT, Action.SCORE, Action.DOCUMENTS,
                              Action.FORWARD, Action.RETURN, Action.WITHDRAW,
                              Action.PROPOSE_REVOCATION, Action.CERTIFY_LOCALLY}),
    Role.COUNCIL_SECRETARY: frozenset({Action.SCORE, Action.DOCUMENTS}),
}
# Issue 14: the unit's officers record who prepared their dossiers (training is the Department's).
LOCAL_ACTIONS[Role.DISTRICT] |= {Action.PREPARATION}
# Issue 12: and correct what their unit recorded (inspection, score, product, producer).
LOCAL_ACTIONS[Role.DISTRICT] |= {Action.CORRECT}
# Issue 25: the unit's officers invite their producers (and disable those accounts); a producer
# registers its own products, only ever for itself (states/people/producer_accounts.py).
LOCAL_ACTIONS[Role.DISTRICT] |= {Action.INVITE_PRODUCER}
LOCAL_ACTIONS[Role.PRODUCER] = frozenset({Action.REGISTER})
# Issue 25: and upload their dossiers' files, check each, keep a dossier on paper.
LOCAL_ACTIONS[Role.DISTRICT] |= {Action.UPLOAD_FILE, Action.CHECK_FILE, Action.PAPER_ORIGINALS}
# Issue 21: and set up their own unit's council (members score as members, whatever their role).
LOCAL_ACTIONS[Role.DISTRICT] |= {Action.COUNCIL}
# Issue 25: a producer uploads its own dossiers' files (which dossiers: sees_dossier).
LOCAL_ACTIONS[Role.PRODUCER] |= {Action.UPLOAD_FILE}


def role_label(role: str) -> str:
    return label_or_code(Role, role)


def authorize(user: "User", action: Action, unit_id: int | None = None) -> None:
    if user.role == Role.DEPARTMENT:
        return
    what = label(action)
    if action not in LOCAL_ACTIONS.get(Role(user.role), frozenset()):
        raise PermissionDenied(
            f"Người dùng '{user.name}' ({role_label(user.role)}) không có quyền {what}; "
            "việc này do Sở Nông nghiệp thực hiện."
        )
    if unit_id is not None and user.unit_id is not None and user.unit_id != unit_id:
        raise PermissionDenied(f"Người dùng '{user.name}' chỉ được {what} cho hồ sơ của đơn vị mình.")
    if unit_id is not None and user.unit_id is None and user.role in (Role.DISTRICT, Role.PRODUCER):
        raise PermissionDenied(f"Người dùng '{user.name}' chưa được gán đơn vị nên không thể {what}.")


def sees_unit(user: "User", unit_id: int) -> bool:
    """A district officer sees only their own unit's dossiers; a producer none by unit (only its
    own, by producer: states/people/producer_accounts.py); others see the province."""
    if user.role == Role.PRODUCER:
        return False
    return user.role != Role.DISTRICT or user.unit_id == unit_id


def sees_dossier(user: "User", unit_id: int, producer_id: int) -> bool:
    """sees_unit, and a producer's account sees its own producer's dossiers (of any unit)."""
    if user.role == Role.PRODUCER:
        return user.producer_id is not None and user.producer_id == producer_id
    return sees_unit(user, unit_id)


def acting_as(trigger: Action, state: str) -> Action:
    """The permission a trigger needs where the dossier stands: recognising from the district
    council's score (QĐ 148, 3 stars) is the district's act; every other recognition is the
    Department's."""
    if trigger == Action.CERTIFY and state == State.DISTRICT_SCORED:
        return Action.CERTIFY_LOCALLY
    return trigger


def may(user: "User", action: Action, unit_id: int | None = None) -> bool:
    """Whether `authorize` would let the user: for what a page offers, not for acting."""
    try:
        authorize(user, action, unit_id)
    except PermissionDenied:
        return False
    return True
