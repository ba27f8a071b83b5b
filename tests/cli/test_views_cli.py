"""Issue 12's complete views on the terminal: what was queued, when a letter is retried, the
dossier as a whole, lists by unit and their spreadsheets."""

import json
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ocop_cli import output
from ocop_cli.main import app
from states.vocabulary import CampaignKind
from tests.cli.actors import invoke
from tests.conftest import at, make_runtime
from tests.fakes.sendgrid_server import Answer, running_fake_sendgrid, sendgrid_settings
from tests.notifiers.conftest import queue

runner = CliRunner()
QUEUED = re.compile(r"Đã xếp (\d+) thư vào hộp thư đi; gửi bằng `ocop outbox send` hoặc chờ lịch gửi\.")


def terminal(monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    """A terminal `columns` wide (the console's width is fixed when set, whatever COLUMNS says:
    pytest-xdist workers start with their own)."""
    monkeypatch.setattr(output.console, "_width", columns)


@pytest.fixture
def ocop(sqlite_url: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def call(*args: str, today: str = "2022-03-01", user: str = "admin",  # type: ignore[no-untyped-def]
             columns: int = 200):
        terminal(monkeypatch, columns)
        return invoke(sqlite_url, *args, user=user, today=today)
    return call


def register(ocop, email: str | None = None,  # type: ignore[no-untyped-def]
             name: str = "Vải thiều sấy") -> int:
    extra = ["--email", email] if email else []
    result = ocop("--json", "product", "register", "--unit", "Huyện Lục Ngạn",
                  "--producer", "HTX Nông sản Lục Ngạn", "--producer-type", "cooperative",
                  "--name", name, "--group", "food", *extra)
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
        for name, value in sendgrid_settings(server).items():
            monkeypatch.setenv(name, value)
        queue(make_runtime(sqlite_url), 1)
        server.answers.append(Answer(500, {"errors": [{"message": "try later"}]}))
        runner.invoke(app, ["--db", sqlite_url, "--as", "admin", "outbox", "send"])
    rows = json.loads(runner.invoke(app, ["--db", sqlite_url, "--as", "admin", "--json",
                                          "outbox", "list"]).stdout)
    assert rows[0]["status"] == "pending" and rows[0]["attempts"] == 1
    terminal(monkeypatch, 200)
    listed = runner.invoke(app, ["--db", sqlite_url, "--as", "admin", "outbox", "list"])
    assert "Gửi / thử lại lúc" in listed.stdout
    when = rows[0]["next_attempt_at"]  # ISO, UTC; the table shows it in Vietnamese time
    hour = (int(when[11:13]) + 7) % 24
    assert re.search(rf"\d\d/\d\d/\d{{4}} {hour:02d}:{when[14:16]}", listed.stdout), listed.stdout


def evaluated(ocop, name: str = "Vải thiều sấy") -> int:  # type: ignore[no-untyped-def]
    dossier_id = register(ocop, email="htx.vaithieu@example.vn", name=name)
    ocop("dossier", "inspect", str(dossier_id), "--on", "2022-03-01",
         "--inspectors", "Nguyễn Văn An, Trần Thị Bình", "--minutes", "BB-12")
    ocop("dossier", "score", str(dossier_id), "--sheets-ref", "P1", "--members", "62,58,64")
    return dossier_id


def test_dossier_show_is_the_whole_dossier_in_labels(ocop) -> None:  # type: ignore[no-untyped-def]
    dossier_id = evaluated(ocop)
    shown = ocop("dossier", "show", str(dossier_id))
    assert shown.exit_code == 0, shown.output
    text = shown.stdout
    assert "01/03/2022; Nguyễn Văn An, Trần Thị Bình; biên bản số BB-12" in text
    assert "thành viên: 62; 58; 64" in text and "trung bình 61" in text
    assert "✗ Phiếu đăng ký sản phẩm" in text
    # The steps: forwarding is refused with the guard's reason; returning is allowed.
    assert "✗ Chuyển hồ sơ lên tỉnh" in text or "✗ Chuyển lên tỉnh" in text
    assert "hồ sơ còn thiếu" in text
    assert "✓ Trả lại hồ sơ" in text
    assert "district_scored" not in text
    narrow = ocop("dossier", "show", str(dossier_id), columns=80).stdout
    assert max(len(line) for line in narrow.splitlines()) <= 80


def test_dossier_show_json_has_codes_iso_dates_and_the_steps(ocop) -> None:  # type: ignore[no-untyped-def]
    dossier_id = evaluated(ocop)
    data = json.loads(ocop("--json", "dossier", "show", str(dossier_id)).stdout)
    assert data["state"] == "district_scored"
    assert data["inspections"] == [{"on": "2022-03-01", "inspectors": ["Nguyễn Văn An", "Trần Thị Bình"],
                                    "minutes_ref": "BB-12"}]
    [council] = data["score_sheets"]
    assert council["members"] == [62, 58, 64] and council["level"] == "local"
    steps = {s["trigger"]: s for s in data["allowed_steps"]}
    assert steps["forward"]["allowed"] is False and "thiếu" in steps["forward"]["reason"]
    assert steps["return"]["allowed"] is True
    assert {d["code"]: d["present"] for d in data["documents"]}["registration-form"] is False


def test_dossier_show_names_the_revocation_decision(ocop) -> None:  # type: ignore[no-untyped-def]
    dossier_id = evaluated(ocop)
    ocop("dossier", "documents", str(dossier_id), "--add", "registration-form", "--add",
         "business-plan", "--add", "organisation", "--add", "business-registration", "--add", "samples")
    ocop("dossier", "forward", str(dossier_id))
    assert ocop("dossier", "certify", str(dossier_id), "--points", "78", "--decision", "1234/QĐ-UBND",
                "--on", "2022-03-01").exit_code == 0
    revoked = ocop("dossier", "revoke", str(dossier_id), "--reason", "violation",
                   "--decision", "2011/QĐ-UBND", today="2022-11-02")
    assert revoked.exit_code == 0, revoked.output
    assert [int(n) for n in QUEUED.findall(revoked.stdout)] == [2]  # the unit and the producer
    text = ocop("dossier", "show", str(dossier_id), today="2022-11-02").stdout
    assert "Quyết định thu hồi" in text and "2011/QĐ-UBND" in text and "02/11/2022" in text
    assert "đã thu hồi" in text and "(revoked)" not in text


def test_score_prints_the_average_and_a_refused_forward_suggests_return(ocop) -> None:  # type: ignore[no-untyped-def]
    dossier_id = register(ocop)
    ocop("dossier", "inspect", str(dossier_id), "--on", "2022-03-01", "--inspectors", "An")
    scored = ocop("dossier", "score", str(dossier_id), "--sheets-ref", "P1", "--members", "40,44,50")
    assert scored.exit_code == 0, scored.output
    assert "Điểm hội đồng đã ghi: 44.67" in scored.stdout or "Điểm hội đồng đã ghi: 44,67" in scored.stdout
    assert "40; 44; 50" in scored.stdout
    refused = ocop("dossier", "forward", str(dossier_id))
    assert refused.exit_code == 3
    assert "< 50" in refused.stderr
    assert f"ocop dossier return {dossier_id} --reason" in refused.stderr
    # Already forwarded: returning is no longer possible, so it is not suggested.
    other = evaluated(ocop, "Vải thiều tươi")
    ocop("dossier", "documents", str(other), "--add", "registration-form", "--add", "business-plan",
         "--add", "organisation", "--add", "business-registration", "--add", "samples")
    assert ocop("dossier", "forward", str(other)).exit_code == 0
    again = ocop("dossier", "forward", str(other))
    assert again.exit_code == 3 and "dossier return" not in again.stderr


def sheet_of(path: Path):  # type: ignore[no-untyped-def]
    sheet = load_workbook(path).active
    assert sheet is not None
    return sheet


def test_overdue_list_working_days_late_spreadsheet_and_empty_sentence(ocop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dossier_id = register(ocop)  # due for inspection on 22/03/2022
    empty = ocop("dossier", "list", "--overdue")
    assert empty.stdout.strip() == "Không có hồ sơ nào quá hạn."
    late = json.loads(ocop("--json", "dossier", "list", "--overdue", today="2022-03-29").stdout)
    [row] = late
    due = date.fromisoformat(row["due_on"])
    assert due == date(2022, 3, 22)
    assert row["id"] == dossier_id and row["working_days_late"] == 5, row  # 23–29/03: 5 working days
    out = tmp_path / "qua-han.xlsx"
    listed = ocop("dossier", "list", "--overdue", "--out", str(out), today="2022-03-29")
    assert listed.exit_code == 0, listed.output
    assert "Trễ (ngày làm việc)" in listed.stdout and f"Đã ghi {out}" in listed.stdout
    sheet = sheet_of(out)
    assert [c.value for c in sheet[3]] == ["Hồ sơ", "Trạng thái", "Đơn vị", "Sản phẩm", "Chủ thể",
                                           "Hạn", "Trễ (ngày làm việc)"]
    due_cell = sheet.cell(row=4, column=6)
    assert due_cell.is_date and due_cell.value.date() == due
    assert due_cell.number_format == "DD/MM/YYYY"
    assert sheet.cell(row=4, column=7).value == 5
    assert sheet.auto_filter.ref == "A3:G4" and sheet.freeze_panes == "A4"


def test_stuck_out_writes_the_spreadsheet(ocop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    register(ocop)
    assert ocop("stuck").stdout.strip() == "Không có hồ sơ nào quá hạn ngày 01/03/2022."
    out = tmp_path / "ton-dong.xlsx"
    result = ocop("stuck", "--out", str(out), today="2022-03-29")
    assert result.exit_code == 0, result.output
    sheet = sheet_of(out)
    headers = [c.value for c in sheet[3]]
    entered = sheet.cell(row=4, column=headers.index("Vào trạng thái") + 1)
    assert entered.is_date and entered.value.date() == date(2022, 3, 1)
    assert sheet.cell(row=4, column=headers.index("Quá hạn (ngày làm việc)") + 1).value == 5
    assert sheet.auto_filter.ref is not None and sheet.freeze_panes == "A4"


def test_a_district_officer_lists_their_own_unit(ocop) -> None:  # type: ignore[no-untyped-def]
    added = ocop("user", "add", "can-bo-luc-ngan", "--role", "district", "--unit", "Lục Ngạn")
    assert added.exit_code == 0, added.output
    mine = register(ocop)
    ocop("product", "register", "--unit", "Huyện Yên Thế", "--producer", "HTX Gà đồi",
         "--producer-type", "cooperative", "--name", "Gà đồi", "--group", "food")
    rows = json.loads(ocop("--json", "dossier", "list", user="can-bo-luc-ngan").stdout)
    assert [r["id"] for r in rows] == [mine]
    assert len(json.loads(ocop("--json", "dossier", "list").stdout)) == 2


def test_a_narrow_terminal_drops_columns_in_the_stated_order(ocop) -> None:  # type: ignore[no-untyped-def]
    register(ocop)
    wide = ocop("dossier", "list")
    assert "Chủ thể" in wide.stdout and "Cửa sổ hẹp" not in wide.stdout
    narrow = ocop("dossier", "list", columns=50)
    assert "Chủ thể" not in narrow.stdout.split("(Cửa sổ hẹp")[0]
    assert "(Cửa sổ hẹp: ẩn cột Chủ thể" in narrow.stdout
    assert "…" not in narrow.stdout
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 80


def test_revocation_list_names_the_proposer_by_full_name(sqlite_url: str, tmp_path: Path) -> None:
    from tests.use_cases.test_campaigns import certified_on
    from use_cases.campaigns import close_campaign, open_campaign, propose_revocation
    from use_cases.identity import add_user_with_password

    rt = make_runtime(sqlite_url)
    dossier_id = certified_on(rt, date(2020, 3, 2), "Yên Thế", "Gà đồi")
    add_user_with_password(rt, "admin", "chuyen-vien", "department", None, None, None,
                           full_name="Lê Thị Hoa")
    at(rt, date(2022, 9, 5))
    campaign = open_campaign(rt, "admin", CampaignKind.REVOCATION, date(2022, 10, 15)).campaign_id
    propose_revocation(rt, "chuyen-vien", campaign, dossier_id, "ceased")
    closed = close_campaign(rt, "admin", campaign, tmp_path)
    assert closed.file is not None
    sheet = sheet_of(closed.file)
    assert sheet.cell(row=4, column=10).value == "Lê Thị Hoa"
