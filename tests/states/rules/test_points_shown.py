"""Points read one way everywhere: decimal comma, at most two decimals, never rounded up to a
threshold they do not reach (issue 12)."""

import json

import pytest
from typer.testing import CliRunner

from notices.rendering import ENV
from ocop_cli.main import app
from states.rules.points import format_points, points_number


@pytest.mark.parametrize(("value", "shown"), [
    (61.333333, "61,33"), (76.0, "76"), (76, "76"), (61.5, "61,5"), (184 / 3, "61,33"),
    (49.9966, "49,99"), (0.0, "0"), (100.0, "100"),
])
def test_format_points(value: float, shown: str) -> None:
    assert format_points(value) == shown
    assert ENV.filters["diem"](value) == shown  # e-mails and web pages use the same filter


def test_spreadsheets_keep_numbers_with_two_decimals() -> None:
    assert points_number(184 / 3) == 61.33
    assert isinstance(points_number(76), float)


def test_a_refused_forward_shows_the_average_with_a_comma(sqlite_url: str) -> None:
    runner = CliRunner()

    def ocop(*args: str) -> tuple[int, str]:
        result = runner.invoke(app, ["--db", sqlite_url, "--today", "2022-03-01", "--as", "admin",
                                     *args])
        return result.exit_code, result.stdout + result.stderr

    code, out = ocop("--json", "product", "register", "--unit", "Huyện Lục Ngạn", "--producer",
                     "HTX A", "--producer-type", "cooperative", "--name", "Mật ong", "--group", "food")
    dossier = str(json.loads(out)["id"])
    assert ocop("dossier", "inspect", dossier, "--on", "2022-03-01", "--inspectors", "An")[0] == 0
    assert ocop("dossier", "score", dossier, "--sheets-ref", "P1", "--members", "45,46,46")[0] == 0
    code, out = ocop("dossier", "forward", dossier)
    assert code == 3
    assert "45,67 < 50" in out  # the average is recorded with two decimals
