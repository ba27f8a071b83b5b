"""Certificates: the notice to producers before expiry, and expiry on the date."""

from dataclasses import asdict
from datetime import date
from typing import Any

from prefect import flow, task

from flows.context import flow_system
from flows.retrying import TASK_RETRIES
from flows.run_log import HOOKS
from use_cases.schedules import expire_certificates as expire_and_tell


@task(**TASK_RETRIES)
def expire_and_notify(as_of: date | None) -> dict[str, Any]:
    with flow_system(as_of) as system:
        return asdict(expire_and_tell(system.rt))


@flow(name="expire-certificates", retries=1, retry_delay_seconds=30, **HOOKS)
def expire_certificates(as_of: date | None = None) -> dict[str, Any]:
    return expire_and_notify(as_of)
