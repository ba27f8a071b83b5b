"""Daily deadline reminders and the weekly stuck-dossier report."""

from datetime import date
from typing import Any

from prefect import flow, task

from flows.context import flow_runtime
from notifiers.campaign_mail import queue_stuck_report
from notifiers.digests import queue_deadline_reminders


@task(retries=2, retry_delay_seconds=10)
def queue_reminders(as_of: date | None, database_url: str | None, soon_days: int,
                    escalate_days: int) -> dict[str, Any]:
    with flow_runtime(as_of, database_url) as rt:
        with rt.transaction() as session:
            report = queue_deadline_reminders(rt, session, soon_days=soon_days,
                                              escalate_days=escalate_days)
        return {"as_of": rt.clock.today().isoformat(), "queued": report.queued,
                "already_queued": report.already_queued}


@flow(name="deadline-reminders", retries=1, retry_delay_seconds=30)
def deadline_reminders(as_of: date | None = None, database_url: str | None = None,
                       soon_days: int = 3, escalate_days: int = 5) -> dict[str, Any]:
    """Digests of what is due within `soon_days` working days or late, one per unit per day;
    more than `escalate_days` working days late goes to the Department too."""
    return queue_reminders(as_of, database_url, soon_days, escalate_days)


@task(retries=2, retry_delay_seconds=10)
def queue_stuck(as_of: date | None, database_url: str | None) -> dict[str, Any]:
    with flow_runtime(as_of, database_url) as rt:
        with rt.transaction() as session:
            report = queue_stuck_report(rt, session)
        return {"as_of": rt.clock.today().isoformat(), "queued": report.queued}


@flow(name="stuck-dossiers", retries=1, retry_delay_seconds=30)
def stuck_dossiers(as_of: date | None = None, database_url: str | None = None) -> dict[str, Any]:
    """The Department's weekly list of dossiers past their time limit, with an .xlsx."""
    return queue_stuck(as_of, database_url)
