"""A province's own settings are files, not code."""

from datetime import date
from pathlib import Path

import pytest

from states.errors import ConfigurationError
from states.lifecycle.diagram import mermaid
from states.lifecycle.machine import MACHINE, STEPS
from states.rules.rulebooks import load_rules
from states.vocabulary import State
from tests.builders import register
from tests.conftest import make_runtime
from use_cases.queries import show_dossier


def test_builtin_rulebooks_follow_the_regulations() -> None:
    rules = load_rules()
    assert rules.codes() == ["qd1048-2019", "qd148-2023", "qd1489-2025"]
    r1048, r148, r1489 = (rules.get(code) for code in rules.codes())
    assert (r1048.forwarding_threshold, r148.forwarding_threshold) == (50, 70)
    assert r1048.part_maxima == {"A": 35, "B": 25, "C": 40}
    assert r148.part_maxima == {"A": 40, "B": 25, "C": 35}
    assert r1489.local_level == "commune"
    assert [r1048.stars_for(p) for p in (100, 90, 89.99, 70, 69.9, 50, 49.9, 30, 0)] == [
        5, 5, 4, 4, 3, 3, 2, 2, 1]
    for rulebook in (r1048, r148, r1489):
        assert {"food", "beverage"} <= set(rulebook.groups)


def test_province_file_overrides_time_limits_and_adds_rulebooks(tmp_path: Path,
                                                                sqlite_url: str) -> None:
    (tmp_path / "province.toml").write_text(
        "extra_days_off = [2022-03-03]\n[time_limits]\nregistered = 3\n", encoding="utf-8")
    own = (Path(__file__).parents[3] / "states/rules/data/qd1048-2019.toml").read_text("utf-8")
    (tmp_path / "bg-2022.toml").write_text(
        own.replace('code = "qd1048-2019"', 'code = "bac-giang-2022"')
           .replace("forwarding_threshold = 50", "forwarding_threshold = 55"), encoding="utf-8")
    rt = make_runtime(sqlite_url, rules_dir=tmp_path, rulebook="bac-giang-2022")
    dossier_id = register(rt)
    view = show_dossier(rt, "admin", dossier_id)
    # Tue 1/3 + 3 working days with Thu 3/3 off: Wed 2, Fri 4, Mon 7.
    assert (view.rulebook, view.due_on) == ("bac-giang-2022", date(2022, 3, 7))
    rt.db.dispose()


def test_broken_rule_file_is_a_clear_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text('code = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigurationError, match="sai định dạng"):
        load_rules(tmp_path)


def test_one_machine_for_all_dossiers_and_diagram_from_the_same_table() -> None:
    assert set(MACHINE.states) == {s.value for s in State}
    assert not MACHINE.models  # dossiers are never added as models
    diagram = mermaid()
    for step in STEPS:
        for source in step.sources:
            assert f"{source} --> {step.dest}: {step.trigger}" in diagram
