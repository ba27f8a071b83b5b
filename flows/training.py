"""Training: before each course, a reminder to the invited units that lack a trained officer."""

from datetime import date
from typing import Any

from prefect import flow, task

from flows.context import queued_as_of
from flows.retrying import TASK_RETRIES
from flows.run_log import HOOKS
from use_cases import schedules


@task(**TASK_RETRIES)
def queue_training_reminders(as_of: date | None) -> dict[str, Any]:
    return queued_as_of(as_of, schedules.training_reminders)


@flow(name="training-reminders", retries=1, retry_delay_seconds=30, **HOOKS)
def training_reminders(as_of: date | None = None) -> dict[str, Any]:
    """Units invited to a course starting within `[training] reminder_days_before` days, and
    with no officer trained within `gap_months`, are reminded once per course."""
    return queue_training_reminders(as_of)
