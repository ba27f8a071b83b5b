"""The demo's second act without the Prefect engine: the Department's spreadsheet of producers'
communes (imported as an officer would) lets the switch place almost every 2022 dossier."""

import random
from datetime import date
from pathlib import Path

from bootstrap.system import build_system
from demo.replay import Demo
from demo.second_act import UNKNOWN_SHARE, collect_communes
from use_cases.units import reorganise


def test_the_communes_spreadsheet_places_the_2022_dossiers(sqlite_url: str, tmp_path: Path) -> None:
    system = build_system(database_url=sqlite_url, today=date(2022, 3, 1))
    demo = Demo(system, random.Random(7))
    ids = demo.register(40, date(2022, 3, 1), 5)
    demo.evaluate_locally(ids[:30], date(2022, 3, 7))
    sheet = collect_communes(demo, tmp_path)
    rows = sheet.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "dossier,commune" and len(rows) > 1
    demo.on(date(2025, 7, 1))
    report = reorganise(demo.rt, "admin", plan="bac-ninh-2025", on=date(2025, 7, 1), dry_run=True)
    placed = sum(s.dossiers for s in report.per_successor)
    assert placed == len(rows) - 1  # every commune in the sheet names a successor
    assert len(report.unsettled) <= 40 * UNKNOWN_SHARE * 3
    system.close()
