"""Certificates: the 30-day notice to producers, and expiry on the date."""

from datetime import date
from typing import Any

from prefect import flow, task

from flows.context import flow_runtime
from notifiers.digests import queue_expiry_notices
from states.expiry import expire_lapsed


@task(retries=2, retry_delay_seconds=10)
def expire_and_notify(as_of: date | None, database_url: str | None,
                      notice_days: int) -> dict[str, Any]:
    with flow_runtime(as_of, database_url) as rt:
        with rt.transaction() as session:
            expired = expire_lapsed(rt, session)
            notices = queue_expiry_notices(rt, session, notice_days)
        return {"certificates_expired": expired.certificates, "dossiers_expired": expired.dossiers,
                "notices_queued": notices.queued}


@flow(name="expire-certificates", retries=1, retry_delay_seconds=30)
def expire_certificates(as_of: date | None = None, database_url: str | None = None,
                        notice_days: int = 30) -> dict[str, Any]:
    return expire_and_notify(as_of, database_url, notice_days)
