"""Renewal and revocation campaigns: opened on demand, reminded as the deadline nears."""

from datetime import date
from typing import Any

from prefect import flow, task

from flows.context import flow_system
from states.views.jsonable import jsonable
from states.vocabulary import CampaignKind
from use_cases import campaigns, schedules


@task(retries=2, retry_delay_seconds=10)
def open_if_asked(kind: CampaignKind, as_of: date | None, database_url: str | None,
                  deadline: date | None, expiring_before: date | None) -> dict[str, Any] | None:
    if deadline is None:
        return None
    with flow_system(as_of, database_url) as system:
        opened = campaigns.open_campaign(system.rt, system.default_actor, kind, deadline,
                                         expiring_before)
        return {"campaign": opened.campaign_id, "products": opened.products,
                "units_notified": opened.units_notified}


@task(retries=2, retry_delay_seconds=10)
def remind(kind: CampaignKind, as_of: date | None, database_url: str | None) -> dict[str, Any]:
    with flow_system(as_of, database_url) as system:
        report = schedules.campaign_reminders(system.rt, kind)
        return dict(jsonable(report))


@flow(name="renewal-campaign", retries=1, retry_delay_seconds=30)
def renewal_campaign(as_of: date | None = None, database_url: str | None = None,
                     deadline: date | None = None,
                     expiring_before: date | None = None) -> dict[str, Any]:
    """With `deadline`: open a renewal campaign. Always: remind units as deadlines near."""
    kind = CampaignKind.RENEWAL
    opened = open_if_asked(kind, as_of, database_url, deadline, expiring_before)
    return {"opened": opened, "reminders": remind(kind, as_of, database_url)}


@flow(name="revocation-campaign", retries=1, retry_delay_seconds=30)
def revocation_campaign(as_of: date | None = None, database_url: str | None = None,
                        deadline: date | None = None) -> dict[str, Any]:
    """With `deadline`: ask units for their revocation lists. Always: remind as it nears."""
    kind = CampaignKind.REVOCATION
    opened = open_if_asked(kind, as_of, database_url, deadline, None)
    return {"opened": opened, "reminders": remind(kind, as_of, database_url)}
