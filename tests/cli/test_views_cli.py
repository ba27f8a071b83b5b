"""Issue 12's complete views on the terminal: what was queued, when a letter is retried, the
dossier as a whole, lists by unit and their spreadsheets."""

import json
import re

import pytest
from typer.testing import CliRunner

from ocop_cli.main import app
from tests.conftest import make_runtime
from tests.fakes.sendgrid_server import API_KEY, Answer, running_fake_sendgrid
from tests.notifiers.conftest import queue

runner = CliRunner()
QUEUED = re.compile(r"Đã xếp (\d+) thư vào hộp thư đi; gửi bằng `ocop outbox send` hoặc chờ lịch gửi\.")


@pytest.fixture
def ocop(sqlite_url: str):  # type: ignore[no-untyped-def]
    def call(*args: str, today: str = "2022-03-01", user: str = "admin"):  # type: ignore[no-untyped-def]
        return runner.invoke(app, ["--db", sqlite_url, "--today", today, "--as", user, *args],
                             env={"COLUMNS": "80"})
    return call


def register(ocop, email: str | None = None) -> int:  # type: ignore[no-untyped-def]
    extra = ["--email", email] if email else []
    result = ocop("--json", "product", "register", "--unit", "Huyện Lục Ngạn",
                  "--producer", "HTX Nông sản Lục Ngạn", "--producer-type", "cooperative",
                  "--name", "Vải thiều sấy", "--group", "food", *extra)
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)["id"])


def test_a_command_that_queues_mail_says_how_many_and_how_they_leave(ocop) -> None:  # type: ignore[no-untyped-def]
    result = ocop("product", "register", "--unit", "Huyện Lục Ngạn", "--producer", "HTX A",
                  "--producer-type", "cooperative", "--name", "Vải", "--group", "food")
    assert result.exit_code == 0, result.output
    assert [int(n) for n in QUEUED.findall(result.stdout)] == [1]
    # Nothing queued: nothing said; --json stays pure JSON.
    inspected = ocop("dossier", "inspect", "1", "--on", "2022-03-01", "--inspectors", "An")
    assert inspected.exit_code == 0 and not QUEUED.search(inspected.stdout)
    listed = ocop("--json", "outbox", "list")
    assert json.loads(listed.stdout)[0]["kind"] == "missing_documents"


def test_outbox_list_shows_when_a_failed_attempt_is_retried(sqlite_url: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    with running_fake_sendgrid() as server:
        monkeypatch.setenv("OCOP_NOTIFIER", "sendgrid")
        monkeypatch.setenv("OCOP_SENDGRID_API_KEY", API_KEY)
        monkeypatch.setenv("OCOP_SENDGRID_HOST", server.url)
        queue(make_runtime(sqlite_url), 1)
        server.answers.append(Answer(500, {"errors": [{"message": "try later"}]}))
        runner.invoke(app, ["--db", sqlite_url, "--as", "admin", "outbox", "send"])
    rows = json.loads(runner.invoke(app, ["--db", sqlite_url, "--as", "admin", "--json",
                                          "outbox", "list"]).stdout)
    assert rows[0]["status"] == "pending" and rows[0]["attempts"] == 1
    listed = runner.invoke(app, ["--db", sqlite_url, "--as", "admin", "outbox", "list"],
                           env={"COLUMNS": "200"})
    assert "Gửi / thử lại lúc" in listed.stdout
    when = rows[0]["next_attempt_at"]  # ISO, UTC; the table shows it in Vietnamese time
    hour = (int(when[11:13]) + 7) % 24
    assert re.search(rf"\d\d/\d\d/\d{{4}} {hour:02d}:{when[14:16]}", listed.stdout), listed.stdout
