"""The flows through the real Prefect engine (a temporary local server): few tests, whole paths."""

from collections.abc import Iterator
from datetime import date
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tests.builders import advance, register
from tests.cli.test_placeholder_contacts import queue_digests
from tests.conftest import at, make_runtime
from tests.fakes.s3_server import s3_bucket, s3_server  # noqa: F401  (fixtures)
from tests.notifiers.test_smtp import Recorder, smtp_server  # noqa: F401  (the fixture)
from use_cases.queries import show_dossier

pytestmark = [pytest.mark.engine, pytest.mark.xdist_group("prefect-engine")]


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    from flows import prefect_env

    prefect_env.configure(tmp_path_factory.mktemp("prefect-home"))
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def test_replayed_days_write_exactly_the_expected_digests_once(
        harness: None, sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.runner import run_flows

    monkeypatch.setenv("OCOP_DATABASE_URL", sqlite_url)  # the runtime's environment names it

    monkeypatch.setenv("OCOP_NOTIFIER", "file")
    monkeypatch.setenv("OCOP_OUTBOX_DIR", str(tmp_path / "outbox"))
    rt = make_runtime(sqlite_url, today=date(2022, 3, 1))
    late = register(rt, unit="Sơn Động", name="Mật ong rừng")  # due 22/03
    at(rt, date(2022, 3, 18))
    fresh = register(rt, unit="Yên Thế", name="Gà đồi")  # due 08/04: not soon on 25/03
    results = run_flows(["deadline-reminders"], date(2022, 3, 25))
    assert results["deadline-reminders"]["queued"] == 2
    # The two digests, and the producers' letters written when the products were registered.
    assert results["dispatch-notifications"]["sent"] == 4
    files = sorted(p.name for p in (tmp_path / "outbox").iterdir()
                   if not p.name.startswith("missing-documents"))
    assert files == ["department-digest_2022-03-25.eml", "digest_son-dong_2022-03-25.eml"]
    digest = message_from_bytes((tmp_path / "outbox" / files[1]).read_bytes(), policy=policy.default)
    body = digest.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert f"#{late} Mật ong rừng" in text and f"#{fresh}" not in text
    again = run_flows(["deadline-reminders"], date(2022, 3, 25))
    assert again["deadline-reminders"] == {"as_of": "2022-03-25", "queued": 0, "already_queued": 2}
    assert again["dispatch-notifications"]["sent"] == 0
    assert len(list((tmp_path / "outbox").iterdir())) == 4


def test_campaign_flow_runs_the_plan_file_and_expiry_flow_expires(
        harness: None, sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.runner import run_flows

    monkeypatch.setenv("OCOP_DATABASE_URL", sqlite_url)  # the runtime's environment names it
    from tests.use_cases.test_campaigns_run_themselves import PLAN_2022

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "plan-2022.toml").write_text(PLAN_2022, encoding="utf-8")
    monkeypatch.setenv("OCOP_RULES_DIR", str(rules))
    monkeypatch.setenv("OCOP_OUTBOX_DIR", str(tmp_path / "outbox"))
    rt = make_runtime(sqlite_url, today=date(2019, 10, 10))
    dossier_id = register(rt)
    advance(rt, dossier_id, "certified")
    opened = run_flows(["renewal-campaign"], date(2022, 9, 5), dispatch=False)
    assert [o["products"] for o in opened["renewal-campaign"]["opened"]["opened"]] == [1]
    assert show_dossier(rt, "admin", dossier_id).state == "renewal"
    expired = run_flows(["expire-certificates"], date(2022, 10, 11), dispatch=False)
    assert expired["expire-certificates"]["dossiers_expired"] == 1
    assert show_dossier(rt, "admin", dossier_id).state == "expired"
    closed = run_flows(["renewal-campaign"], date(2022, 10, 17))
    assert [(c["unreturned"], c["listed"]) for c in closed["renewal-campaign"]["closed"]] == [(1, 1)]
    [report] = (tmp_path / "outbox").glob("renewal-report_*.eml")
    mail = message_from_bytes(report.read_bytes(), policy=policy.default)
    assert [a.get_filename() for a in mail.iter_attachments()] == ["chua-danh-gia-lai-OCOP-1.xlsx"]


def test_training_reminder_flow_reminds_a_unit_without_a_trained_officer(
        harness: None, sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.runner import run_flows

    monkeypatch.setenv("OCOP_DATABASE_URL", sqlite_url)  # the runtime's environment names it
    from states.training.training_commands import CourseInput
    from use_cases.training import open_course

    monkeypatch.setenv("OCOP_OUTBOX_DIR", str(tmp_path / "outbox"))
    rt = make_runtime(sqlite_url, today=date(2022, 6, 1))
    open_course(rt, "admin", CourseInput("Tập huấn OCOP", "Sở NN&PTNT", date(2022, 6, 20),
                                         date(2022, 6, 20), "Hội trường Sở", [], ["Yên Thế"]))
    results = run_flows(["training-reminders"], date(2022, 6, 13), dispatch=False)
    assert results["training-reminders"] == {"as_of": "2022-06-13", "queued": 1,
                                             "already_queued": 0}


def test_ocop_run_says_what_each_flow_did_in_vietnamese(
        harness: None, sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from ocop_cli.main import app

    monkeypatch.setenv("OCOP_NOTIFIER", "file")
    monkeypatch.setenv("OCOP_OUTBOX_DIR", str(tmp_path / "outbox"))
    register(make_runtime(sqlite_url, today=date(2022, 3, 1)), unit="Sơn Động", name="Mật ong")
    result = CliRunner().invoke(app, ["--db", sqlite_url, "--today", "2022-03-25", "--as", "admin",
                                      "run", "deadline-reminders"])
    assert result.exit_code == 0, result.output
    assert "Đang khởi động Prefect" in result.stderr
    assert "Đang chạy luồng deadline-reminders…" in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "deadline-reminders: 2 thư mới vào hộp thư đi (ngày 25/03/2022)."
    assert lines[1] == ("dispatch-notifications: đã gửi 3 thư, 0 thư sẽ thử lại, "
                        "0 thư thất bại.")
    assert "{" not in result.stdout  # not a Python dict


def test_ocop_run_keeps_the_database_password_out_of_prefect_and_the_terminal(
        harness: None, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`ocop --db URL run`: the flows find the database in the process, not in their run
    parameters (which the Prefect UI shows to anyone). The local server trusts any password."""
    from prefect.client.orchestration import get_client
    from typer.testing import CliRunner

    from ocop_cli.main import app

    password = "S3cretDbPW"
    url = pg_url.replace("postgres@", f"postgres:{password}@", 1)
    assert password in url
    monkeypatch.delenv("OCOP_DATABASE_URL", raising=False)
    monkeypatch.setenv("OCOP_NOTIFIER", "file")
    monkeypatch.setenv("OCOP_OUTBOX_DIR", str(tmp_path / "outbox"))
    register(make_runtime(url, today=date(2022, 3, 1)), unit="Sơn Động", name="Mật ong rừng")
    result = CliRunner().invoke(app, ["--db", url, "--as", "admin", "--today", "2022-03-25",
                                      "--json", "run", "deadline-reminders"])
    assert result.exit_code == 0, result.output
    assert password not in result.output
    assert '"queued": 2' in result.stdout  # it did work on that database
    with get_client(sync_client=True) as client:
        params = [run.parameters for run in client.read_flow_runs()]
    assert len(params) >= 2 and all("as_of" in p for p in params)  # the flow and the dispatcher
    shown = repr(params)
    assert password not in shown and "postgresql" not in shown and "database_url" not in shown


def test_a_refusal_is_not_retried_and_reaches_the_operator_at_once(
        harness: None, sqlite_url: str, smtp_server: tuple[Recorder, int],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    """SMTP with mail waiting for a seed's placeholder address: `ocop run` ends with the
    configuration sentence (exit 7) after one try of the task and of the flow; a retry could
    only read the same refusal again."""
    from prefect.client.orchestration import get_client
    from typer.testing import CliRunner

    from ocop_cli.main import app

    _, port = smtp_server
    for name, value in {"NOTIFIER": "smtp", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port),
                        "SMTP_SECURITY": "none"}.items():
        monkeypatch.setenv(f"OCOP_{name}", value)
    queue_digests(sqlite_url)
    result = CliRunner().invoke(app, ["--db", sqlite_url, "--as", "admin",
                                      "run", "dispatch-notifications"])
    assert result.exit_code == 7, result.output
    assert "ocop unit set-contacts" in result.output and "Traceback" not in result.output
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs()
        failed = [r for r in runs if r.state and r.state.is_failed()]
        tasks = client.read_task_runs()
    assert failed and all(r.run_count == 1 for r in failed)
    sends = [t for t in tasks if t.name.startswith("send_due") and t.flow_run_id == failed[-1].id]
    assert sends and all(t.run_count == 1 for t in sends)


def test_the_nightly_backup_flow_writes_archives_and_keeps_the_newest(
        harness: None, sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib

    from flows.runner import run_flows
    from storage.layout import object_key
    from use_cases.backup_archive import open_checked

    content = b"%PDF-1.7 ..."
    files = tmp_path / "files"
    stored = files / object_key(hashlib.sha256(content).hexdigest())
    stored.parent.mkdir(parents=True)
    stored.write_bytes(content)  # a stored object, laid out as the store keeps it
    old = tmp_path / "backups" / "ocop-sao-luu-2020-01-01-013000.tar"
    old.parent.mkdir()
    old.write_bytes(b"an older archive")
    for name, value in (("DATABASE_URL", sqlite_url), ("FILES_DIR", str(files)),
                        ("BACKUP_DIR", str(old.parent)), ("BACKUP_KEEP", "1")):
        monkeypatch.setenv(f"OCOP_{name}", value)
    result = run_flows(["nightly-backup"], None, dispatch=False)["nightly-backup"]
    archive = Path(result["archive"])
    assert result["files"] == 1 and archive.parent == old.parent and not old.exists()
    with open_checked(archive).tar as tar:
        assert f"files/{stored.relative_to(files)}" in tar.getnames()


def test_with_the_s3_store_the_nightly_backup_archives_the_bucket(
        harness: None, sqlite_url: str, tmp_path: Path, request: pytest.FixtureRequest,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.runner import run_flows
    from states.documents.store import Received
    from storage.factory import build_store
    from use_cases.backup_archive import open_checked

    bucket, endpoint = request.getfixturevalue("s3_bucket"), request.getfixturevalue("s3_server")
    store = build_store("s3", tmp_path / "files", s3_bucket=bucket, s3_endpoint=endpoint)
    received: Received = store.receive([b"%PDF-1.7 in the bucket"], 1000)
    store.keep(received)
    store.discard(received)
    for name, value in (("DATABASE_URL", sqlite_url), ("FILES_STORE", "s3"), ("FILES_S3_BUCKET", bucket),
                        ("FILES_S3_ENDPOINT", endpoint), ("FILES_DIR", str(tmp_path / "files")),
                        ("BACKUP_DIR", str(tmp_path / "backups"))):
        monkeypatch.setenv(f"OCOP_{name}", value)
    result = run_flows(["nightly-backup"], None, dispatch=False)["nightly-backup"]
    checked = open_checked(Path(result["archive"]))  # every member matches its SHA-256
    checked.tar.close()
    key = f"files/objects/{received.sha256[:2]}/{received.sha256[2:4]}/{received.sha256}"
    assert result["files"] == 1 and checked.files == [key]
