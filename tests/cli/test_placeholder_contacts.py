"""Issue 9: the seeds' contacts are placeholders (…@example.invalid). The file outbox takes them;
SMTP (a real aiosmtpd server here) sends nothing while mail waits for one, and says how to set
the real address; setting it re-addresses the waiting mail."""

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from states.db.models import OutboxMessage
from tests.builders import register
from tests.cli.actors import invoke
from tests.conftest import at, make_runtime
from tests.notifiers.test_smtp import Recorder, smtp_server  # noqa: F401  (the fixture)
from use_cases.schedules import deadline_reminders


def queue_digests(url: str) -> None:
    """A late dossier in Sơn Động: the digests to the unit and to the Department (both seeded
    with placeholders), beside the producer's letter (a real-looking address of the test's)."""
    rt = make_runtime(url)
    register(rt, unit="Sơn Động", name="Mật ong rừng")
    assert deadline_reminders(at(rt, date(2022, 3, 25))).queued == 2
    rt.db.dispose()


def waiting(url: str) -> dict[str, tuple[str, list[str]]]:
    rt = make_runtime(url)
    with rt.transaction() as session:
        rows = {m.dedupe_key.split(":")[0]: (m.status, list(m.recipients))
                for m in session.scalars(select(OutboxMessage))}
    rt.db.dispose()
    return rows


def test_the_seed_has_no_real_looking_address(sqlite_url: str) -> None:
    units = json.loads(invoke(sqlite_url, "--json", "unit", "list", today="2022-03-01").stdout)
    contacts = [a for unit in units for a in unit["contacts"]]
    assert contacts and all(a.endswith("@example.invalid") for a in contacts)


def test_smtp_refuses_placeholders_until_set_contacts(
        sqlite_url: str, smtp_server: tuple[Recorder, int],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    recorder, port = smtp_server
    for name, value in {"NOTIFIER": "smtp", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port),
                        "SMTP_SECURITY": "none"}.items():
        monkeypatch.setenv(f"OCOP_{name}", value)
    queue_digests(sqlite_url)
    assert waiting(sqlite_url)["digest"][1] == ["ocop.sondong@example.invalid"]
    refused = invoke(sqlite_url, "outbox", "send")
    assert refused.exit_code == 7
    assert "ocop unit set-contacts" in refused.stderr and "ocop.sondong@example.invalid" in refused.stderr
    assert "Traceback" not in refused.output
    # The whole command refused: not even the producer's letter (a real address) went.
    assert recorder.envelopes == [] and {s for s, _ in waiting(sqlite_url).values()} == {"pending"}
    for unit, address in (("Sơn Động", "ocop@sondong.bacgiang.vn"), ("bac-giang", "ocop@snn.vn")):
        assert invoke(sqlite_url, "unit", "set-contacts", unit, address,
                      today="2022-03-01").exit_code == 0
    rows = waiting(sqlite_url)
    assert rows["digest"][1] == ["ocop@sondong.bacgiang.vn"]  # the waiting mail re-addressed
    assert rows["department-digest"][1] == ["ocop@snn.vn"]
    sent = invoke(sqlite_url, "outbox", "send")
    assert sent.exit_code == 0, sent.output
    delivered = sorted(a for _, to in recorder.envelopes for a in to)
    assert delivered == ["htx.vaithieu@example.vn", "ocop@snn.vn", "ocop@sondong.bacgiang.vn"]
    assert {s for s, _ in waiting(sqlite_url).values()} == {"sent"}


def test_the_file_outbox_takes_placeholders(sqlite_url: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCOP_NOTIFIER", "file")
    monkeypatch.setenv("OCOP_OUTBOX_DIR", str(tmp_path / "outbox"))
    queue_digests(sqlite_url)
    sent = invoke(sqlite_url, "--json", "outbox", "send")
    assert sent.exit_code == 0 and json.loads(sent.stdout)["sent"] == 3
    written = (tmp_path / "outbox" / "digest_son-dong_2022-03-25.eml").read_text(encoding="utf-8")
    assert "ocop.sondong@example.invalid" in written
