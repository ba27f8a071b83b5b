"""Every command of `ocop`, with `--help` and with wrong input, speaks Vietnamese (issue 12)."""

import re
from collections.abc import Iterator

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from ocop_cli.main import app

runner = CliRunner()

# Words of English sentences that no Vietnamese sentence of ours contains.
ENGLISH = re.compile(
    r"\b(the|and|of|for|with|is|are|must|should|this|that|usage|options?|arguments?|commands?|"
    r"error|missing|invalid|input|such|try|message|value|required|default|did|you|mean|got|"
    r"unexpected|extra|shell|completion|install|current|parameter|does|requires|exist|aborted|"
    r"possible|cannot|could|unable|valid|please|expected|found|only|when|which|integer|"
    r"string|number|takes|kind|text|emails|course|flow)\b", re.IGNORECASE)


def command_paths() -> Iterator[tuple[list[str], object]]:
    def walk(command: object, path: list[str]) -> Iterator[tuple[list[str], object]]:
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, [*path, name])
    yield from walk(get_command(app), [])


PATHS = list(command_paths())
NAMES = {name for path, _ in PATHS for name in path}


def english_in(text: str) -> list[str]:
    """English words left once the names of commands and options (which stay) are taken out."""
    words = re.sub(r"--?[A-Za-z][\w-]*", " ", text)
    words = " ".join(w for w in re.split(r"(\s+)", words) if w.strip(".,:()'") not in NAMES)
    return ENGLISH.findall(words)


def test_the_walk_finds_every_command() -> None:
    assert len(PATHS) > 60
    assert ["dossier", "show"] in [path for path, _ in PATHS]


@pytest.mark.parametrize("path", [p for p, _ in PATHS], ids=lambda p: " ".join(p) or "ocop")
def test_help_is_vietnamese_and_needs_no_actor(path: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Cách dùng:" in result.output and "Tuỳ chọn:" in result.output
    assert english_in(result.output) == [], result.output


def wrong_calls(path: list[str], command: object) -> Iterator[list[str]]:
    if hasattr(command, "commands"):
        yield [*path, "khong-co-lenh"]
        return
    yield [*path, "--khong-co-tuy-chon"]
    params = getattr(command, "params", [])
    if any(p.required for p in params):
        yield path
    arguments = [p for p in params if p.param_type_name == "argument"]
    if any(str(p.name).lower().endswith("id") for p in arguments):
        yield [*path, *["abc"] * len(arguments)]


CASES = [call for path, command in PATHS for call in wrong_calls(path, command)]


@pytest.mark.parametrize("call", CASES, ids=lambda c: " ".join(c) or "ocop")
def test_wrong_input_is_one_vietnamese_sentence_and_exit_code_2(call: list[str],
                                                               tmp_path: object) -> None:
    result = runner.invoke(app, ["--db", f"sqlite:///{tmp_path}/none.db", "--as", "admin", *call])
    assert result.exit_code == 2, result.output
    assert "Lỗi" in result.stderr, result.output
    assert english_in(result.output) == [], result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("call", "sentence"), [
    (["dossier", "shw"], "Không có lệnh 'shw'. Có phải ý bạn là 'show'?"),
    (["dossier", "show", "abc"], "Giá trị của 'ID' không hợp lệ: cần một số nguyên."),
    (["dossier", "show", "1", "2"], "Thừa tham số: 2."),
    (["dossier", "list", "--stat", "x"], "Không có tuỳ chọn --stat. Có phải ý bạn là: --state?"),
    (["product", "register", "--unit", "x"], "Thiếu tuỳ chọn '--producer'."),
])
def test_usage_errors_say_what_is_wrong(call: list[str], sentence: str) -> None:
    result = runner.invoke(app, ["--as", "admin", *call])
    assert result.exit_code == 2
    assert sentence in result.stderr
    assert "Cách dùng: " in result.stderr


def test_usage_errors_in_json_mode_are_json() -> None:
    result = runner.invoke(app, ["--json", "--as", "admin", "dossier", "show", "abc"])
    assert result.exit_code == 2
    assert '"exit_code": 2' in result.stderr and "cần một số nguyên" in result.stderr
