"""The demo's council (demo/council_act.py) without the Prefect engine: five members score three
dossiers on the shipped sheets; its printouts in demo-output/hoi-dong/ say who abstained, which
mandatory criterion failed, and averages and stars that follow from the members' sheets."""

import random
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bootstrap.system import build_system
from demo.council_act import CONFLICTED, MEMBERS, council_act
from demo.replay import COUNCIL_FOLDER, Demo
from demo.summary import CouncilOutcome
from states.rules.points import format_points
from states.rules.score_sheets import PROVISIONAL_BANNER
from use_cases.queries import show_dossier

MEETING = date(2022, 6, 17)  # a Friday, after the local councils of March to May
NAMES = {login: name for login, _, name, _ in MEMBERS}


@dataclass(frozen=True)
class Run:
    demo: Demo
    outcome: CouncilOutcome
    folder: Path
    said: list[str]


@pytest.fixture(scope="module")
def run(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    folder = tmp_path_factory.mktemp("council-demo")
    shutil.copy(sqlite_template, folder / "ocop.db")
    system = build_system(database_url=f"sqlite:///{folder / 'ocop.db'}", today=date(2022, 3, 1))
    demo = Demo(system, random.Random(7))
    ids = demo.register(12, date(2022, 3, 1), 5)
    forwarded = demo.evaluate_locally(ids, date(2022, 3, 7))
    said: list[str] = []
    outcome = council_act(demo, forwarded, "bac-giang", MEETING, "55/QĐ-UBND", folder, said.append)
    yield Run(demo, outcome, folder / COUNCIL_FOLDER, said)
    system.close()


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def summary_rows(folder: Path) -> list[tuple[object, ...]]:
    sheet = load_workbook(folder / "tong-hop-hoi-dong.xlsx").active
    return [row for row in sheet.iter_rows(min_row=4, values_only=True) if row and row[0]]


def stars_for(points: float) -> int:
    """QĐ 1048's bands, as the official text gives them."""
    return next(stars for stars, least in ((5, 90), (4, 70), (3, 50), (2, 30), (1, 0))
                if points >= least)


def test_every_printout_is_in_the_councils_folder(run: Run) -> None:
    names = sorted(p.name for p in run.folder.iterdir())
    sheets = [n for n in names if n.startswith("phieu-danh-gia-ho-so-")]
    assert len(sheets) == 3 * len(MEMBERS) - 1  # one member abstained on one dossier
    assert {"tong-hop-hoi-dong.xlsx", "bien-ban-hop.pdf", "du-thao-de-nghi.pdf"} <= set(names)
    assert sorted(f.path.name for f in run.outcome.files) == names
    assert all(f.path.stat().st_size > 0 for f in run.outcome.files)
    assert any(f.what == f"Phiếu đánh giá hồ sơ {run.outcome.rows[0].dossier_id} của "
                          f"{NAMES['hd-chu-tich']}" for f in run.outcome.files)


def test_the_averages_and_stars_follow_from_the_members_sheets(run: Run) -> None:
    rows = summary_rows(run.folder)
    for outcome in run.outcome.rows:
        mine = [r for r in rows if r[0] == outcome.dossier_id]
        members, [average] = mine[:-1], mine[-1:]
        totals = [float(str(r[6])) for r in members]
        assert [float(str(r[3])) + float(str(r[4])) + float(str(r[5])) for r in members] == \
            pytest.approx(totals)
        assert average[2] == "Trung bình của hội đồng"
        assert average[6] == pytest.approx(round(sum(totals) / len(totals), 2))
        for row in members:  # each member's printed sheet gives the total the summary shows
            login = next(login for login, name in NAMES.items() if name == row[2])
            text = pdf_text(run.folder / f"phieu-danh-gia-ho-so-{outcome.dossier_id}-{login}.pdf")
            total = re.escape(format_points(float(str(row[6]))))
            assert re.search(rf"TỔNG ĐIỂM\s+{total}\s+100", text), text
            assert "TẠM THỜI" in text
        if outcome.failed is None:
            assert average[7] == stars_for(float(str(average[6]))) >= 3
            certificate = show_dossier(run.demo.rt, "admin", outcome.dossier_id).certificate
            assert certificate is not None and certificate.stars == average[7]


def test_a_high_total_fails_a_mandatory_criterion(run: Run) -> None:
    [failed] = [r for r in run.outcome.rows if r.failed]
    mine = [r for r in summary_rows(run.folder) if r[0] == failed.dossier_id]
    assert float(str(mine[-1][6])) >= 90 and mine[-1][7] is None  # 5 stars by points, none given
    assert failed.failed is not None
    code = failed.failed.split()[0]
    assert mine[-1][8] == failed.failed == f"{code} (4/5 thành viên)"
    assert [r[8] for r in mine[:-1]].count(code) == 4
    assert show_dossier(run.demo.rt, "admin", failed.dossier_id).state == "not_recognised"
    minutes = " ".join(pdf_text(run.folder / "bien-ban-hop.pdf").split())
    assert f"Hồ sơ {failed.dossier_id} ({failed.product}): " in minutes
    assert f"không đạt tiêu chí bắt buộc {failed.failed}" in minutes
    proposal = pdf_text(run.folder / "du-thao-de-nghi.pdf")
    assert f"Hồ sơ {failed.dossier_id}," not in proposal
    assert all(f"Hồ sơ {r.dossier_id}, {r.product}" in proposal
               for r in run.outcome.rows if not r.failed)


def test_the_member_with_a_conflict_does_not_score(run: Run) -> None:
    name = NAMES[CONFLICTED]
    abstained = int(run.outcome.abstention.split("hồ sơ ")[1].rstrip(")"))
    assert not (run.folder / f"phieu-danh-gia-ho-so-{abstained}-{CONFLICTED}.pdf").exists()
    rows = summary_rows(run.folder)
    assert name not in [r[2] for r in rows if r[0] == abstained][:-1]
    assert len([r for r in rows if r[0] == abstained]) == len(MEMBERS)  # 4 sheets + average
    assert all(name in [r[2] for r in rows if r[0] == other.dossier_id]
               for other in run.outcome.rows if other.dossier_id != abstained)
    minutes = " ".join(pdf_text(run.folder / "bien-ban-hop.pdf").split())
    assert f"Không chấm (xung đột lợi ích): {name}" in minutes
    assert f"{name} không chấm hồ sơ {abstained} (xung đột lợi ích)" in run.said[0]


def test_the_demos_summary_lists_the_printouts_and_says_provisional(
        run: Run, capsys: pytest.CaptureFixture[str]) -> None:
    from ocop_cli.demo_cli import print_council_outcome

    print_council_outcome(run.outcome)
    shown = " ".join(capsys.readouterr().out.split())
    assert PROVISIONAL_BANNER in shown
    assert "Biên bản họp hội đồng" in shown and "Bảng tổng hợp điểm" in shown
    assert "tong-hop-hoi-dong.xlsx" in shown and "du-thao-de-nghi.pdf" in shown
    assert "không đạt tiêu chí bắt buộc" in shown and NAMES[CONFLICTED] in shown
