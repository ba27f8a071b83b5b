"""Sending what the outbox holds. Safe to rerun at any time: rows are claimed, never resent.
`as_of` changes nothing here: leases and retries run on the real clock."""

from datetime import date
from typing import Any

from prefect import flow, task

from flows.context import flow_system
from flows.retrying import TASK_RETRIES
from flows.run_log import HOOKS
from notifiers.settings import NotifierSettings
from use_cases.outbox import deliver_due

SENDGRID_SECRET_BLOCK = "ocop-sendgrid-api-key"


def sendgrid_key_from_block(settings: NotifierSettings) -> str | None:
    """A deployment may keep the SendGrid key in a Prefect Secret block instead of the env."""
    if settings.notifier != "sendgrid" or settings.sendgrid_api_key is not None:
        return None
    from prefect.blocks.system import Secret

    try:
        value = Secret.load(SENDGRID_SECRET_BLOCK).get()  # type: ignore[union-attr]
    except ValueError:
        return None
    return str(value)


@task(**TASK_RETRIES)
def send_due(as_of: date | None, limit: int | None) -> dict[str, Any]:
    with flow_system(as_of) as system:
        report = deliver_due(system.rt, system.mail, limit, sendgrid_key_from_block(system.mail))
        return {"sent": report.sent, "retrying": report.retrying, "failed": report.failed,
                "errors": report.errors[:20]}


@flow(name="dispatch-notifications", retries=1, retry_delay_seconds=30, **HOOKS)
def dispatch_notifications(as_of: date | None = None, limit: int | None = None) -> dict[str, Any]:
    return send_due(as_of, limit)
