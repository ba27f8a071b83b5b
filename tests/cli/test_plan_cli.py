"""`ocop plan …`, the round named in a registration's reply, and `ocop flows`' next actions."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ocop_cli.main import app
from tests.cli.actors import invoke
from tests.use_cases.test_campaigns_run_themselves import PLAN_2022

runner = CliRunner()


@pytest.fixture
def ocop(sqlite_url: str):  # type: ignore[no-untyped-def]
    def call(*args: str, today: str = "2022-03-01"):  # type: ignore[no-untyped-def]
        return invoke(sqlite_url, *args, today=today)
    return call


def add_rounds(ocop) -> None:  # type: ignore[no-untyped-def]
    for code, dates in (("2022-1", ("07/02/2022", "31/03/2022", "31/05/2022", "31/08/2022")),
                        ("2022-2", ("2022-04-15", "2022-09-15", "2022-10-15", "2022-12-15"))):
        result = ocop("plan", "add-round", code, "--name", f"Đợt {code[-1]} năm 2022",
                      "--registration-opens", dates[0], "--registration-closes", dates[1],
                      "--local-deadline", dates[2], "--provincial-deadline", dates[3])
        assert result.exit_code == 0, result.output
        assert f"Đã ghi đợt {code}" in result.stdout


def test_registration_after_a_round_closes_says_which_round(ocop) -> None:  # type: ignore[no-untyped-def]
    add_rounds(ocop)
    result = ocop("product", "register", "--unit", "Lục Ngạn", "--producer", "HTX Lục Ngạn",
                  "--producer-type", "cooperative", "--name", "Vải thiều sấy", "--group", "food",
                  today="2022-04-05")
    assert result.exit_code == 0, result.output
    assert "thuộc Đợt 2 năm 2022 (2022-2)" in result.stdout
    assert "hạn kiểm tra thực tế 27/04/2022" in result.stdout  # 15 working days, 11/04 off


def test_plan_show_marks_the_calendar(ocop) -> None:  # type: ignore[no-untyped-def]
    assert "Chưa có kế hoạch năm 2022" in ocop("plan", "show").stdout
    add_rounds(ocop)
    added = ocop("plan", "add-campaign", "renewal", "--opens", "05/09/2022", "--deadline",
                 "15/10/2022", "--expiring-within-months", "6")
    assert "mở 05/09/2022, hạn 15/10/2022" in added.stdout, added.output
    shown = ocop("plan", "show", today="2022-04-20").stdout
    assert "Kế hoạch OCOP năm 2022 (hôm nay 20/04/2022)" in shown
    lines = [line for line in shown.splitlines() if "/2022" in line]
    assert "07/02/2022" in lines[1] and "đã qua" in lines[1]
    assert "31/05/2022" in lines[4] and "tiếp theo" in lines[4]
    assert "Đang diễn ra: Đợt 1 năm 2022 (2022-1); Đợt 2 năm 2022 (2022-2)" in shown
    data = json.loads(ocop("--json", "plan", "show", "--year", "2022").stdout)
    assert data["events"][0] == {
        "on": "2022-02-07", "event": "registration_opens", "event_label": "mở đăng ký",
        "subject": "Đợt 1 năm 2022 (2022-1)", "round_code": "2022-1", "campaign_id": None,
        "timing": "past"}


def test_plan_load_from_the_rules_dir(ocop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("OCOP_RULES_DIR", str(tmp_path))
    (tmp_path / "plan-2022.toml").write_text(PLAN_2022, encoding="utf-8")
    first = ocop("plan", "load")
    assert first.stdout.strip() == "plan-2022.toml: 2 chiến dịch mới."
    assert ocop("plan", "load").stdout.strip() == "plan-2022.toml: không có gì thay đổi."
    (tmp_path / "plan-2022.toml").write_text(PLAN_2022.replace("opens_on = 2022-09-05",
                                                               "opens_on = []", 1))
    broken = ocop("plan", "load")
    assert broken.exit_code == 7
    assert "plan-2022.toml" in broken.output and "[[campaigns]] thứ 1, khoá 'opens_on'" in broken.output


def test_plan_entries_are_checked(ocop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    late = ocop("plan", "add-campaign", "revocation", "--opens", "2022-01-03", "--deadline",
                "2022-02-01", "--expiring-within-months", "6")
    assert late.exit_code == 2 and "thu hồi không có phạm vi" in late.output
    assert ocop("plan", "add-campaign", "renewal", "--opens", "2022-01-03", "--deadline",
                "2022-02-28", today="2022-03-01").exit_code == 2  # the deadline has passed
    assert ocop("plan", "import", str(tmp_path / "khong-co.xlsx")).exit_code == 2
    assert ocop("--as", "nobody", "plan", "load").exit_code == 4  # no such user acts


def test_flows_show_the_next_planned_action(ocop, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    ocop("plan", "add-campaign", "revocation", "--opens", "2022-09-05", "--deadline", "2022-10-15")
    listed = json.loads(ocop("--json", "flows", today="2022-09-01").stdout)
    by_name = {f["name"]: f["next"] for f in listed}
    assert by_name["revocation-campaign"] == {
        "on": "2022-09-05", "what": "mở chiến dịch thu hồi (dự kiến), hạn 15/10/2022"}
    assert by_name["renewal-campaign"] is None
    human = ocop("flows", today="2022-09-01").stdout
    assert "Việc kế tiếp (hôm nay 01/09/2022)" in human
    assert "│ revocation-campaign    │ 05/09/2022 │ mở chiến dịch thu hồi" in human


def test_flows_list_even_without_a_database(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--db", f"sqlite:///{tmp_path / 'none.db'}", "flows"])
    assert result.exit_code == 0
    assert "renewal-campaign" in result.stdout and "chưa xem được" in result.stdout
    assert not (tmp_path / "none.db").exists()  # no empty database left behind
