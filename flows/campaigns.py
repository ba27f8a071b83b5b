"""Renewal and revocation campaigns run themselves: each working day the flow opens what the
yearly plan (or `auto_renewal`) set for the day, reminds units as deadlines near, and closes
what is past its deadline with the Department's list. Every step is safe to rerun."""

from datetime import date
from typing import Any

from prefect import flow, task

from flows.context import flow_system
from flows.retrying import TASK_RETRIES
from flows.run_log import HOOKS
from states.jsonable import jsonable
from states.vocabulary import CampaignKind
from use_cases import schedules


@task(**TASK_RETRIES)
def open_planned(kind: CampaignKind, as_of: date | None) -> dict[str, Any]:
    with flow_system(as_of) as system:
        return dict(jsonable(schedules.open_planned_campaigns(system.rt, kind)))


@task(**TASK_RETRIES)
def remind(kind: CampaignKind, as_of: date | None) -> dict[str, Any]:
    with flow_system(as_of) as system:
        report = schedules.campaign_reminders(system.rt, kind)
        return dict(jsonable(report))


@task(**TASK_RETRIES)
def close_due(kind: CampaignKind, as_of: date | None) -> list[Any]:
    with flow_system(as_of) as system:
        return list(jsonable(schedules.close_planned_campaigns(system.rt, kind)))


def campaign_day(kind: CampaignKind, as_of: date | None) -> dict[str, Any]:
    # Opening reads the plan files: a broken one fails the run only after the running campaigns
    # were reminded and closed; and a campaign opened today is not reminded on its first day.
    reminders = remind(kind, as_of)
    closed = close_due(kind, as_of)
    return {"opened": open_planned(kind, as_of), "reminders": reminders,
            "closed": closed}


@flow(name="renewal-campaign", retries=1, retry_delay_seconds=30, **HOOKS)
def renewal_campaign(as_of: date | None = None) -> dict[str, Any]:
    """Open the planned renewal campaigns of the day (and the quarter's, with auto_renewal),
    remind units as deadlines near, close those past their deadline."""
    return campaign_day(CampaignKind.RENEWAL, as_of)


@flow(name="revocation-campaign", retries=1, retry_delay_seconds=30, **HOOKS)
def revocation_campaign(as_of: date | None = None) -> dict[str, Any]:
    """The same for the revocation lists: open as planned, remind, close with the list."""
    return campaign_day(CampaignKind.REVOCATION, as_of)
