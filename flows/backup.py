"""The nightly backup: the database and the document files (the local folder, or the S3 store's
bucket) in one archive (use_cases.backup)."""

from datetime import date
from typing import Any

from prefect import flow, task

from flows.context import flow_system
from flows.retrying import TASK_RETRIES
from flows.run_log import HOOKS
from storage.factory import bucket_of
from use_cases.backup import nightly_backup as write_backup


@task(**TASK_RETRIES)
def back_up() -> dict[str, Any]:
    with flow_system(None) as system:
        settings = system.settings
        # OCOP_FILES_STORE=s3: the bucket's objects, listed from it (no setting of its own).
        return write_backup(system.rt, settings.backup_dir, settings.files_dir,
                            settings.backup_keep, bucket_of(system.files.store))


@flow(name="nightly-backup", retries=1, retry_delay_seconds=30, **HOOKS)
def nightly_backup(as_of: date | None = None) -> dict[str, Any]:
    """A backup is of the data as it is now, whatever day a replay says (`as_of` is ignored)."""
    return back_up()
