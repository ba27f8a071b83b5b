"""Daily deadline reminders and the weekly stuck-dossier report."""

from datetime import date
from typing import Any

from prefect import flow, task

from flows.context import flow_system, queued_as_of
from flows.retrying import TASK_RETRIES
from flows.run_log import HOOKS
from use_cases import schedules


@task(**TASK_RETRIES)
def queue_reminders(as_of: date | None) -> dict[str, Any]:
    return queued_as_of(as_of, schedules.deadline_reminders)


@flow(name="deadline-reminders", retries=1, retry_delay_seconds=30, **HOOKS)
def deadline_reminders(as_of: date | None = None) -> dict[str, Any]:
    """Digests of what is due soon or late, one per unit per day; long-late dossiers go to the
    Department too (the province's `[notices]` settings say how soon and how late)."""
    return queue_reminders(as_of)


@task(**TASK_RETRIES)
def queue_stuck(as_of: date | None) -> dict[str, Any]:
    with flow_system(as_of) as system:
        report = schedules.stuck_report(system.rt)
        return {"as_of": system.rt.clock.today().isoformat(), "queued": report.queued}


@flow(name="stuck-dossiers", retries=1, retry_delay_seconds=30, **HOOKS)
def stuck_dossiers(as_of: date | None = None) -> dict[str, Any]:
    """The Department's weekly list of dossiers past their time limit, with an .xlsx."""
    return queue_stuck(as_of)
