"""Renewal and revocation campaigns: opened on demand, reminded as the deadline nears."""

from datetime import date
from typing import Any

from prefect import flow, task

from flows.context import flow_runtime
from notifiers.campaign_mail import open_campaign, queue_campaign_reminders


@task(retries=2, retry_delay_seconds=10)
def open_if_asked(kind: str, as_of: date | None, database_url: str | None, deadline: date | None,
                  expiring_before: date | None) -> dict[str, Any] | None:
    if deadline is None:
        return None
    with flow_runtime(as_of, database_url) as rt:
        result = open_campaign(rt, "admin", kind, deadline, expiring_before)
        return {"campaign": result.campaign_id, "products": result.products,
                "units_notified": result.units_notified}


@task(retries=2, retry_delay_seconds=10)
def remind(kind: str, as_of: date | None, database_url: str | None) -> dict[str, Any]:
    with flow_runtime(as_of, database_url) as rt:
        with rt.transaction() as session:
            report = queue_campaign_reminders(rt, session, kinds=(kind,))
        return {"queued": report.queued, "already_queued": report.already_queued}


@flow(name="renewal-campaign", retries=1, retry_delay_seconds=30)
def renewal_campaign(as_of: date | None = None, database_url: str | None = None,
                     deadline: date | None = None,
                     expiring_before: date | None = None) -> dict[str, Any]:
    """With `deadline`: open a renewal campaign. Always: remind units as deadlines near."""
    opened = open_if_asked("renewal", as_of, database_url, deadline, expiring_before)
    return {"opened": opened, "reminders": remind("renewal", as_of, database_url)}


@flow(name="revocation-campaign", retries=1, retry_delay_seconds=30)
def revocation_campaign(as_of: date | None = None, database_url: str | None = None,
                        deadline: date | None = None) -> dict[str, Any]:
    """With `deadline`: ask units for their revocation lists. Always: remind as it nears."""
    opened = open_if_asked("revocation", as_of, database_url, deadline, None)
    return {"opened": opened, "reminders": remind("revocation", as_of, database_url)}
