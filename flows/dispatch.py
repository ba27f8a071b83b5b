"""Sending what the outbox holds. Safe to rerun at any time: rows are claimed, never resent."""

import os
from datetime import date
from typing import Any

from prefect import flow, task

from flows.context import flow_runtime
from notifiers.sending import dispatch
from notifiers.settings import NotifierSettings
from states.settings import load_settings

SENDGRID_SECRET_BLOCK = "ocop-sendgrid-api-key"


def sendgrid_key_from_block(settings: NotifierSettings) -> str | None:
    """A deployment may keep the SendGrid key in a Prefect Secret block instead of the env."""
    if settings.notifier != "sendgrid" or os.environ.get("OCOP_SENDGRID_API_KEY"):
        return None
    from prefect.blocks.system import Secret

    try:
        value = Secret.load(SENDGRID_SECRET_BLOCK).get()  # type: ignore[union-attr]
    except ValueError:
        return None
    return str(value)


@task(retries=2, retry_delay_seconds=10)
def send_due(as_of: date | None, database_url: str | None, limit: int | None) -> dict[str, Any]:
    settings = load_settings(NotifierSettings)
    with flow_runtime(as_of, database_url) as rt:
        report = dispatch(rt, settings, limit, sendgrid_key_from_block(settings))
        return {"sent": report.sent, "retrying": report.retrying, "failed": report.failed,
                "errors": report.errors[:20]}


@flow(name="dispatch-notifications", retries=1, retry_delay_seconds=30)
def dispatch_notifications(as_of: date | None = None, database_url: str | None = None,
                           limit: int | None = None) -> dict[str, Any]:
    return send_due(as_of, database_url, limit)
