"""The e-mail that invites a producer to its own account: the one-time link, until when it
works, the login name. The link is the only copy of the token outside the database's hash."""

from sqlalchemy.orm import Session

from notices.queueing import QueueReport
from notices.recipients import UnitDirectory
from notices.rendering import letter
from states.clock import format_local_datetime
from states.people.producer_accounts import Invitation
from states.runtime import Runtime

KIND = "producer_invitation"
SETUP_PATH = "/account/setup"


def setup_link(site_url: str, token: str) -> str:
    return f"{site_url.rstrip('/')}{SETUP_PATH}?token={token}"


def queue_invitation(rt: Runtime, session: Session, invitation: Invitation,
                     site_url: str) -> str:
    """Queue the invitation (one letter per invitation); returns its outbox key."""
    directory = UnitDirectory.load(session, rt.clock.today())
    key = f"producer-invitation:{invitation.id}"
    subject = f"[OCOP] Mời {invitation.producer} dùng tài khoản trên hệ thống OCOP"
    QueueReport().add(session, letter(
        key, (invitation.email,), subject, KIND, invitation=invitation,
        link=setup_link(site_url, invitation.token),
        expires=format_local_datetime(invitation.expires_at),
        unit_name=directory.name(invitation.unit_id), department=directory.department),
        KIND, rt.clock.now())
    return key
