"""Human-facing table cells show Vietnamese labels and dd/mm/yyyy; `--json` keeps the codes and
ISO dates (issue 12)."""

import json
from collections.abc import Callable

import pytest
from typer.testing import CliRunner

from ocop_cli.main import app
from ocop_cli.output import console

runner = CliRunner()
Ocop = Callable[..., str]


@pytest.fixture
def ocop(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Ocop:
    monkeypatch.setattr(console, "width", 250)  # whole cells on one line, to compare them

    def call(*args: str, today: str = "2022-03-01") -> str:
        result = runner.invoke(app, ["--db", sqlite_url, "--today", today, "--as", "admin", *args])
        assert result.exit_code == 0, result.output
        return result.stdout
    return call


def test_history_shows_steps_and_states_by_label(ocop: Ocop) -> None:
    dossier = str(json.loads(ocop("--json", "product", "register", "--unit", "Huyện Lục Ngạn",
                                  "--producer", "HTX A", "--producer-type", "cooperative",
                                  "--name", "Vải sấy", "--group", "food"))["id"])
    ocop("dossier", "inspect", dossier, "--on", "2022-03-01", "--inspectors", "An")
    shown = ocop("dossier", "history", dossier)
    assert "đăng ký sản phẩm" in shown and "Đã kiểm tra thực tế" in shown
    assert "01/03/2022" in shown
    for code in ("register", "inspect", "district_inspected", "registered"):
        assert code not in shown
    events = json.loads(ocop("--json", "dossier", "history", dossier))
    assert [e["trigger"] for e in events][-1] == "inspect"
    assert events[-1]["to"] == "district_inspected"


def test_unit_list_shows_levels_by_label(ocop: Ocop) -> None:
    shown = ocop("unit", "list")
    assert "cấp huyện" in shown and "tỉnh" in shown
    assert "district" not in shown and "province" not in shown
    assert {u["level"] for u in json.loads(ocop("--json", "unit", "list"))} == {"province",
                                                                                "district"}


def test_campaign_and_outbox_lists_show_labels_and_dates(ocop: Ocop) -> None:
    ocop("campaign", "open", "thu hồi", "--deadline", "2022-10-15", today="2022-09-05")
    campaigns = ocop("campaign", "list", today="2022-09-05")
    assert "thu hồi" in campaigns and "đang mở" in campaigns and "mở tay" in campaigns
    assert "05/09/2022" in campaigns and "15/10/2022" in campaigns
    for code in ("revocation", "open", "manual", "2022-10-15"):
        assert code not in campaigns
    listed = json.loads(ocop("--json", "campaign", "list", today="2022-09-05"))
    assert listed[0]["kind"] == "revocation" and listed[0]["deadline"] == "2022-10-15"
    outbox = ocop("outbox", "list", today="2022-09-05")
    assert "Chiến dịch thu hồi" in outbox and "chờ gửi" in outbox
    assert "revocation_campaign" not in outbox and "pending" not in outbox
    assert json.loads(ocop("--json", "outbox", "list", today="2022-09-05"))[0]["kind"] == \
        "revocation_campaign"
