"""The Department's changes to an account (disabled; role and unit set), each written to the
account audit (auth_events) with who made it, the values before and after, and the reason."""

from datetime import datetime

from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit, AuthEvent, User
from states.dossiers.corrections import Corrected, changes, required_reason
from states.errors import InvalidInput, RuleRefused
from states.people.sessions import AuthEventKind, end_sessions
from states.permissions import authorize
from states.runtime import Runtime
from states.territory.lookups import find_unit, find_user
from states.vocabulary import Action, Correction, Role, parse_code

# The account audit records an address for logins; a change made through a command has none.
NO_ADDRESS = "-"


def record_account_change(session: Session, kind: AuthEventKind, user: User, actor: str,
                          now: datetime, correction: Corrected) -> None:
    session.add(AuthEvent(at=now, kind=kind, username=user.name, user_id=user.id,
                          address=NO_ADDRESS, actor=actor, detail=correction.reason,
                          changes={"before": correction.before, "after": correction.after,
                                   "reason": correction.reason}))


def _unit_name(user: User) -> str | None:
    return user.unit.name if user.unit is not None else None


def staff_role(role: str) -> Role:
    """A role the Department may give; a producer's account comes only by invitation."""
    parsed = parse_code(Role, role, "Vai trò")
    if parsed == Role.PRODUCER:
        raise InvalidInput("Tài khoản chủ thể chỉ tạo được bằng lời mời của cán bộ: "
                           "ocop producer invite SỐ_HỒ_SƠ.")
    return parsed


def role_and_unit(rt: Runtime, session: Session, actor: str, user: User, role: str,
                  unit: str | None) -> tuple[Role, AdministrativeUnit | None]:
    """The one rule for a user's role and unit, whichever face changes them (the CLI's
    `user set-role`, the web's users page): the unit as of today, an officer needs one, nobody
    demotes themselves, a disabled account keeps what it had."""
    if user.role == Role.PRODUCER:
        # Its producer ties it to one producer's dossiers: a staff role would untie it.
        raise RuleRefused(f"'{user.name}' là tài khoản chủ thể: không đổi vai trò hay đơn vị; "
                          "khoá tài khoản nếu cần.")
    parsed = staff_role(role)
    unit_row = find_unit(session, unit, rt.clock.today()) if unit else user.unit
    if parsed == Role.DISTRICT and unit_row is None:
        raise InvalidInput("Cán bộ cấp huyện / xã cần có đơn vị.", fields=("unit",))
    if user.name == actor and parsed != Role.DEPARTMENT:
        raise RuleRefused("Không thể tự bỏ vai trò Sở của chính mình: nhờ một người dùng khác "
                          "của Sở.")
    if not user.active:
        raise RuleRefused(f"Người dùng '{user.name}' đã bị khoá: không đổi vai trò.")
    return parsed, unit_row


def set_role(rt: Runtime, session: Session, actor: str, name: str, *, role: str,
             unit: str | None, reason: str | None) -> Corrected:
    """Give `name` a role (and a unit); their sessions end, so the next request sees it."""
    why = required_reason(reason)
    authorize(find_user(session, actor), Action.MANAGE_USERS)
    user = find_user(session, name)
    parsed, unit_row = role_and_unit(rt, session, actor, user, role, unit)
    before, after = changes({"role": user.role, "unit": _unit_name(user)},
                            {"role": parsed.value,
                             "unit": unit_row.name if unit_row is not None else None})
    user.role = parsed
    user.unit_id = unit_row.id if unit_row is not None else None
    end_sessions(session, user.id)
    done = Corrected(Correction.USER, user.name, before, after, why)
    record_account_change(session, AuthEventKind.USER_CHANGED, user, actor, rt.clock.now(), done)
    return done
