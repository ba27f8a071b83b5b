"""`ocop outbox list | send | retry` and `ocop unit set-contacts`."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ocop_cli.main import app
from states.errors import DeliveryFailed, InvalidInput, NotFound, PermissionDenied
from tests.cli.actors import invoke
from tests.conftest import make_runtime
from tests.fakes.sendgrid_server import API_KEY, Answer, running_fake_sendgrid, sendgrid_settings
from tests.notifiers.conftest import queue

runner = CliRunner()


def test_send_to_file_outbox_then_list(sqlite_url: str, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCOP_NOTIFIER", "file")
    monkeypatch.setenv("OCOP_OUTBOX_DIR", str(tmp_path / "outbox"))
    queue(make_runtime(sqlite_url), 2)
    sent = invoke(sqlite_url, "--json", "outbox", "send")
    assert sent.exit_code == 0, sent.output
    assert json.loads(sent.stdout)["sent"] == 2
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 2
    listed = json.loads(invoke(sqlite_url, "--json", "outbox", "list",
                                            "--status", "sent").stdout)
    assert [m["key"] for m in listed] == ["test:1", "test:0"]
    bad = invoke(sqlite_url, "outbox", "list", "--status", "lost")
    assert bad.exit_code == InvalidInput.exit_code


def test_failed_send_exit_code_and_retry(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with running_fake_sendgrid() as server:
        for name, value in sendgrid_settings(server).items():
            monkeypatch.setenv(name, value)
        queue(make_runtime(sqlite_url), 1)
        server.answers.append(Answer(413, {"errors": [{"message": "payload too large"}]}))
        failed = invoke(sqlite_url, "outbox", "send")
        assert failed.exit_code == DeliveryFailed.exit_code
        assert "payload too large" in failed.stdout
        assert API_KEY not in failed.output
        again = invoke(sqlite_url, "outbox", "retry", "1")
        assert again.exit_code == 0
        assert invoke(sqlite_url, "outbox", "send").exit_code == 0
        assert server.keys() == ["test:0"]
        missing = invoke(sqlite_url, "outbox", "retry", "99")
        assert missing.exit_code == NotFound.exit_code


def test_sendgrid_without_key_is_a_configuration_error(sqlite_url: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCOP_NOTIFIER", "sendgrid")
    monkeypatch.delenv("OCOP_SENDGRID_API_KEY", raising=False)
    result = invoke(sqlite_url, "outbox", "send")
    assert result.exit_code == 7
    assert "OCOP_SENDGRID_API_KEY" in result.stderr


def test_set_contacts_refuses_bad_addresses(sqlite_url: str) -> None:
    bad = invoke(sqlite_url, "unit", "set-contacts", "Yên Thế", "ocop@")
    assert bad.exit_code == InvalidInput.exit_code
    good = invoke(sqlite_url, "--json", "unit", "set-contacts", "Yên Thế",
                               "ocop.yenthe@bacgiang.gov.vn", "vp.yenthe@bacgiang.gov.vn")
    assert json.loads(good.stdout)["contacts"] == ["ocop.yenthe@bacgiang.gov.vn",
                                                   "vp.yenthe@bacgiang.gov.vn"]


def test_retry_all_failed_puts_back_every_failed_message_or_those_since_a_day(
        sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import timedelta

    from sqlalchemy import update

    from notifiers.outbox import WALL_CLOCK
    from states.clock import local_date
    from states.db.models import OutboxMessage

    with running_fake_sendgrid() as server:
        for name, value in sendgrid_settings(server).items():
            monkeypatch.setenv(name, value)
        rt = make_runtime(sqlite_url)
        queue(rt, 3)
        server.answers.extend(Answer(413) for _ in range(3))
        send = ["--db", sqlite_url, "--as", "admin", "outbox", "send"]
        assert runner.invoke(app, send).exit_code == DeliveryFailed.exit_code
        # One of them failed long ago: `--since` today leaves it alone.
        with rt.transaction() as session:
            session.execute(update(OutboxMessage).where(OutboxMessage.id == 1).values(
                last_attempt_at=WALL_CLOCK.now() - timedelta(days=3)))
        today = local_date(WALL_CLOCK.now()).isoformat()  # the real day: retries ignore --today
        retry = ["--db", sqlite_url, "--as", "admin", "--json", "outbox", "retry"]
        since = runner.invoke(app, [*retry, "--all-failed", "--since", today])
        assert since.exit_code == 0, since.output
        assert json.loads(since.stdout) == {"requeued": 2}
        assert runner.invoke(app, send).exit_code == 0
        assert sorted(server.keys()) == ["test:1", "test:2"]
        rest = runner.invoke(app, [*retry, "--all-failed"])
        assert json.loads(rest.stdout) == {"requeued": 1}
        assert runner.invoke(app, send).exit_code == 0
        assert sorted(server.keys()) == ["test:0", "test:1", "test:2"]
        for wrong in (["1", "--all-failed"], [], ["1", "--since", today],
                      ["--all-failed", "--since", "hôm qua"]):
            refused = runner.invoke(app, [*retry, *wrong])
            assert refused.exit_code == InvalidInput.exit_code, (wrong, refused.output)
            assert "Traceback" not in refused.output
        # The Department's: a district officer may not.
        assert runner.invoke(app, ["--db", sqlite_url, "--as", "admin", "user", "add", "ln-1",
                                   "--role", "district", "--unit", "Lục Ngạn"]).exit_code == 0
        district = runner.invoke(app, ["--db", sqlite_url, "--as", "ln-1", "outbox", "retry",
                                       "--all-failed"])
        assert district.exit_code == PermissionDenied.exit_code, district.output
