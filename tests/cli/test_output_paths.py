"""Every file a command is told to write is checked before anything changes (issue 23): a bad
path is one Vietnamese sentence, exit 2, no traceback, no row changed; a write that fails after
the commit keeps the change and names the command that makes the file again."""

import errno
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from ocop_cli.main import app
from states.errors import InvalidInput
from tests.cli.corrections_setup import Cli, with_officers
from tests.cli.test_account_and_campaign_corrections_cli import SEPT, revocation_campaign
from tests.cli.test_cli_language import english_in
from tests.cli.test_damaged_database import immutable
from tests.conftest import make_runtime
from tests.registry.lists import BAC_GIANG, filled_template
from use_cases.output_files import checked_folder_to_make

FILE_COMMANDS = [
    ["dossier", "list", "--out"],
    ["stuck", "--out"],
    ["consultant", "report", "--out"],
    ["training", "coverage", "--out"],
    ["certificate", "pdf", "1", "--out"],
    ["registry", "export", "--out"],
    ["import", "template", "--out"],
    ["import", "products", "INPUT", "--report"],  # INPUT: a list with a bad row, in tmp_path
    ["import", "users", "INPUT", "--report"],
]
DIRECTORY_COMMANDS = [["campaign", "close", "1", "--out"], ["campaign", "sheet", "1", "--out"]]


def bad_file(kind: str, tmp: Path) -> tuple[str, str]:
    """A path no file can be written to, and what the sentence says about it."""
    return {
        "a directory": (str(tmp), "đây là một thư mục"),
        "under a missing directory": (str(tmp / "khong-co" / "x.xlsx"), "không có"),
        "under a file": ("/dev/null/x.xlsx", "/dev/null không phải thư mục"),
        "a device": ("/dev/null", "không phải tệp thường"),
    }[kind]


def bad_directory(kind: str, tmp: Path) -> tuple[str, str]:
    plain = tmp / "tep.txt"
    plain.write_text("x", encoding="utf-8")
    return {
        "a regular file": (str(plain), "đây là một tệp, không phải thư mục"),
        "a missing directory": (str(tmp / "khong-co"), "thư mục này không có"),
        "under a file": ("/dev/null/x", "/dev/null là một tệp, không phải thư mục"),
    }[kind]


@pytest.fixture
def ocop(sqlite_url: str) -> Cli:
    cli = Cli(sqlite_url)
    with_officers(cli)
    return cli


def campaign_status(url: str) -> str:
    engine = create_engine(url)
    with engine.connect() as connection:
        status = connection.execute(text("SELECT status FROM campaigns WHERE id = 1")).scalar_one()
    engine.dispose()
    return str(status)


def one_sentence(output: str) -> None:
    assert "Traceback" not in output and "Error" not in output
    assert english_in(output) == [], output
    assert len([line for line in output.splitlines() if line.strip()]) <= 2, output


@pytest.mark.parametrize("kind", ["a directory", "under a missing directory", "under a file",
                                  "a device"])
@pytest.mark.parametrize("command", FILE_COMMANDS, ids=" ".join)
def test_a_bad_output_file_is_refused_before_anything(ocop: Cli, tmp_path: Path,
                                                      command: list[str], kind: str) -> None:
    path, why = bad_file(kind, tmp_path)
    listed = tmp_path / "ds.csv"
    listed.write_text("a,b\n1,2\n", encoding="utf-8")
    command = [str(listed) if word == "INPUT" else word for word in command]
    output = ocop.refused(2, *command, path, today=SEPT)
    assert f"Không ghi được tệp {path}: " in output and why in output
    one_sentence(output)


@pytest.mark.parametrize("kind", ["a regular file", "a missing directory", "under a file"])
@pytest.mark.parametrize("command", DIRECTORY_COMMANDS, ids=" ".join)
def test_a_bad_output_directory_is_refused_and_the_campaign_stays_open(
        ocop: Cli, tmp_path: Path, command: list[str], kind: str) -> None:
    revocation_campaign(ocop)
    path, why = bad_directory(kind, tmp_path)
    output = ocop.refused(2, *command, path, today="2022-10-17")
    assert f"Không ghi được vào thư mục {path}: " in output and why in output
    one_sentence(output)
    assert campaign_status(ocop.url) == "open"


def test_closing_writes_the_list_by_renaming_and_sheet_writes_it_again(ocop: Cli,
                                                                       tmp_path: Path) -> None:
    tmp_path = tmp_path / "danh-sach"
    tmp_path.mkdir()
    revocation_campaign(ocop)
    assert ocop("campaign", "close", "1", "--out", str(tmp_path), today="2022-10-17").exit_code == 0
    written = tmp_path / "danh-sach-thu-hoi-OCOP-1.xlsx"
    first = written.read_bytes()
    written.unlink()
    result = ocop("campaign", "sheet", "1", "--out", str(tmp_path), today="2022-10-17")
    assert result.exit_code == 0, result.output
    assert written.read_bytes()[:2] == first[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == [written.name]  # no temporary left


def test_a_write_failing_after_the_commit_keeps_the_change_and_names_the_command(
        ocop: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tmp_path = tmp_path / "danh-sach"
    tmp_path.mkdir()
    revocation_campaign(ocop)

    def disk_full(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("use_cases.output_files.tempfile.mkstemp", disk_full)
    result = ocop("campaign", "close", "1", "--out", str(tmp_path), today="2022-10-17")
    assert result.exit_code == 2
    assert campaign_status(ocop.url) == "closed"
    assert (f"Thay đổi đã được ghi vào cơ sở dữ liệu nhưng không ghi được tệp "
            f"{tmp_path / 'danh-sach-thu-hoi-OCOP-1.xlsx'}") in result.output
    assert f"chạy `ocop campaign sheet 1 --out {tmp_path}` để tạo lại tệp." in result.output
    one_sentence(result.output)
    assert list(tmp_path.iterdir()) == []


def disk_full(*args: object, **kwargs: object) -> tuple[int, str]:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_an_import_whose_report_fails_after_the_commit_keeps_the_rows_and_names_the_command(
        ocop: Cli, sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rt = make_runtime(sqlite_url)
    rows = list(BAC_GIANG)
    rows[2] = (*rows[2][:11], "31/02/2022", *rows[2][12:])  # one bad row, six good ones
    listed = filled_template(rt, rows, tmp_path / "ds-ocop.xlsx")
    rt.db.dispose()
    monkeypatch.setattr("use_cases.output_files.tempfile.mkstemp", disk_full)
    result = ocop("import", "products", str(listed), "--skip-invalid", today="2023-01-10")
    assert result.exit_code == 2, result.output
    report = tmp_path / "ds-ocop-kiem-tra.xlsx"
    assert (f"Thay đổi đã được ghi vào cơ sở dữ liệu nhưng không ghi được tệp {report}"
            in " ".join(result.output.split())), result.output
    assert f"ocop import products {listed} --dry-run --report TỆP" in result.output
    assert "Traceback" not in result.output
    assert ocop.json("dossier", "list", today="2023-01-10") != []  # the six rows stay
    left = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("ocop.db"))
    assert left == ["ds-ocop.xlsx"]  # no report, no temporary


@pytest.mark.parametrize("kind", ["a regular file", "under a file"])
def test_the_demo_checks_its_folder_before_the_replay(tmp_path: Path, kind: str) -> None:
    path, why = bad_directory(kind, tmp_path)
    result = CliRunner().invoke(app, ["demo", "--dir", path])
    assert result.exit_code == 2, result.output
    assert f"Không ghi được vào thư mục {path}: " in result.output and why in result.output
    one_sentence(result.output)


def test_a_folder_to_make_is_checked_at_the_nearest_folder_that_exists(
        tmp_path: Path, request: pytest.FixtureRequest) -> None:
    wanted = tmp_path / "khong-co" / "demo"
    assert checked_folder_to_make(wanted) == wanted and not wanted.parent.exists()  # made later
    request.addfinalizer(immutable(tmp_path))
    with pytest.raises(InvalidInput, match=f"Không tạo được thư mục {wanted}: không có quyền ghi "
                                           f"vào thư mục {tmp_path};"):
        checked_folder_to_make(wanted)
