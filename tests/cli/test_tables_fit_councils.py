"""Issue 22: a council's tables fit an 80- and a 120-column terminal: its members and dossiers
(`council show`, `council list`), a member's sheet with its long criteria (`council sheet`)
and the members' totals (`council result`)."""

import pytest
from click.testing import Result

from ocop_cli import output
from tests.cli.actors import invoke
from tests.cli.test_council_cli import MEETING, council_in_session, db, score
from tests.cli.test_tables_fit import fits
from tests.states.evaluation.councils_setup import EIGHTY, MEMBERS

__all__ = ["db"]  # the fixture: the councils' fixture sheet


def shown(db: str, columns: int, monkeypatch: pytest.MonkeyPatch, *args: str,
          user: str = "admin") -> Result:
    monkeypatch.setattr(output.console, "_width", columns)
    done = invoke(db, *args, user=user, today=MEETING)
    assert done.exit_code == 0, done.output
    return done


@pytest.mark.parametrize("columns", [80, 120])
def test_a_councils_tables_fit(db: str, columns: int, monkeypatch: pytest.MonkeyPatch) -> None:
    _, council, [dossier] = council_in_session(db)
    for member in MEMBERS:
        score(db, council, dossier, member, EIGHTY)
    commands = [(("council", "show", council), ("Sản phẩm 0",)),
                (("council", "list"), ("Hội đồng tỉnh",)),
                (("council", "sheet", council, str(dossier)), ()),
                (("council", "result", council, str(dossier)), ())]
    for command, names in commands:
        fits(columns, shown(db, columns, monkeypatch, *command, user=MEMBERS[0]).stdout, names)
