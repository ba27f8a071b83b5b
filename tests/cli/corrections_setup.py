"""What the correction tests share: the CLI with an explicit actor, officers of two units, a
snapshot of every table a correction may touch (a refused command must leave it equal)."""

import json
from typing import Any

from sqlalchemy import create_engine, text
from typer.testing import Result

from tests.cli.actors import invoke

TABLES = ("dossiers", "dossier_events", "inspections", "score_sheets", "products", "producers",
          "users", "auth_events", "revocation_proposals", "campaigns", "certificates")


class Cli:
    def __init__(self, url: str) -> None:
        self.url = url

    def __call__(self, *args: str, user: str = "admin", today: str = "2022-03-01") -> Result:
        return invoke(self.url, *args, user=user, today=today)

    def json(self, *args: str, user: str = "admin", today: str = "2022-03-01") -> Any:
        result = self("--json", *args, user=user, today=today)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def snapshot(self) -> dict[str, list[tuple[Any, ...]]]:
        engine = create_engine(self.url)
        with engine.connect() as connection:
            taken = {t: [tuple(r) for r in connection.execute(text(f"SELECT * FROM {t} ORDER BY 1"))]
                     for t in TABLES}
        engine.dispose()
        return taken

    def refused(self, code: int, *args: str, user: str = "admin", today: str = "2022-03-01") -> str:
        """Run a command that must fail with `code`, one sentence and nothing written."""
        before = self.snapshot()
        result = self(*args, user=user, today=today)
        assert result.exit_code == code, result.output
        assert "Traceback" not in result.output
        assert self.snapshot() == before
        return result.output


def with_officers(ocop: Cli) -> None:
    for name, unit in (("can-bo-luc-ngan", "Huyện Lục Ngạn"), ("can-bo-yen-the", "Huyện Yên Thế")):
        result = ocop("user", "add", name, "--role", "district", "--unit", unit)
        assert result.exit_code == 0, result.output


def registered(ocop: Cli, unit: str = "Huyện Lục Ngạn", product: str = "Vải thiều sấy") -> int:
    return int(ocop.json("product", "register", "--unit", unit, "--producer",
                         "HTX Nông sản Lục Ngạn", "--producer-type", "cooperative",
                         "--name", product, "--group", "food", "--email", "htx@example.vn",
                         # before the inspection of 20/02 (an inspection never precedes it)
                         today="2022-02-15")["id"])


def scored(ocop: Cli) -> int:
    dossier = registered(ocop)
    assert ocop("dossier", "inspect", str(dossier), "--on", "2022-02-20", "--inspectors",
                "Nguyễn Văn An, Trần Thị Bình", "--minutes", "BB-12").exit_code == 0
    assert ocop("dossier", "score", str(dossier), "--sheets-ref", "P1",
                "--members", "40,44,45").exit_code == 0
    return dossier


def history_notes(url: str, dossier: int) -> list[str]:
    """The notes `dossier history` prints (its table wraps at 80 columns: read them whole)."""
    from states.dossiers.correction_labels import event_note
    from tests.conftest import make_runtime
    from use_cases.queries import dossier_history

    rt = make_runtime(url)
    try:
        return [event_note(e) or "" for e in dossier_history(rt, "admin", dossier)]
    finally:
        rt.db.dispose()
