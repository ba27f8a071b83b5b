"""Issue 22: every table of `ocop` fits an 80- and a 120-column terminal with long consultant,
unit, producer and product names: no line wider than the terminal, and each long name read
whole inside one cell of one row (rows that wrap are ruled apart, words fold, nothing is cut)."""

import json
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from rich.cells import cell_len

from ocop_cli import output
from tests.builders import advance
from tests.cli.actors import invoke
from tests.conftest import make_runtime

UNIT = "Xã Thượng Lan Hương Gián Đồng Tâm Quang Tiến"
CONSULTANT = "Công ty TNHH Tư vấn Phát triển Nông nghiệp Bền vững Kinh Bắc Miền Bắc"
PRODUCER = "Hợp tác xã Sản xuất Kinh doanh Dịch vụ Nông nghiệp Tổng hợp Thượng Lan"
PRODUCT = "Mật ong hoa vải thiều nguyên chất Thượng Lan loại đặc biệt (chai 500 ml)"
FULL_NAME = "Nguyễn Thị Phương Thảo Hoàng Bảo Ngọc"
PLACE = "Hội trường Trung tâm Khuyến nông và Phát triển Nông thôn tỉnh Bắc Giang"

Ocop = Callable[..., Result]


@pytest.fixture(scope="module")
def database(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("tables-fit") / "ocop.db"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    setup = caller(url)
    succeeded(setup("unit", "add", UNIT, "--code", "luc-ngan.thuong-lan-dai", "--level", "commune",
                 "--parent", "Lục Ngạn"))
    succeeded(setup("user", "add", "can-bo-thuong-lan", "--role", "district", "--unit", "Lục Ngạn",
                 "--full-name", FULL_NAME, "--email", "can-bo.thuong-lan@example.vn"))
    for name in (PRODUCT, PRODUCT.replace("Mật ong", "Rượu")):
        registered = setup("--json", "product", "register", "--unit", "Lục Ngạn", "--producer",
                           PRODUCER, "--producer-type", "cooperative", "--name", name, "--group",
                           "food", "--consultant", CONSULTANT, "--contracted", "business-plan",
                           today="2019-10-10")
        succeeded(registered)
    _certify(url, 1)
    succeeded(setup("training", "open", "--title", "Tập huấn nghiệp vụ OCOP cho cán bộ cấp xã",
                 "--organiser", "Sở NN&PTNT", "--from", "2022-03-15", "--place", PLACE,
                 "--unit", "Lục Ngạn", today="2022-03-01"))
    succeeded(setup("campaign", "open", "renewal", "--deadline", "2022-10-15",
                 today="2022-09-05"))
    succeeded(setup("plan", "add-round", "2022-2", "--name", "Đợt 2 năm 2022 đánh giá, phân hạng "
                 "sản phẩm OCOP tỉnh Bắc Giang", "--registration-opens", "2022-04-01",
                 "--registration-closes", "2022-09-15", "--local-deadline", "2022-10-15",
                 "--provincial-deadline", "2022-12-15", today="2022-03-01"))
    return url


def _certify(url: str, dossier_id: int) -> None:
    rt = make_runtime(url, today=date(2019, 10, 10))
    advance(rt, dossier_id, "certified")
    rt.db.dispose()


def succeeded(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def caller(url: str, monkeypatch: pytest.MonkeyPatch | None = None, columns: int = 200) -> Ocop:
    def call(*args: str, today: str = "2022-09-20", user: str = "admin") -> Result:
        if monkeypatch is not None:
            monkeypatch.setattr(output.console, "_width", columns)
        return invoke(url, *args, user=user, today=today)
    return call


# (command, the long names its table must show whole)
TABLE_COMMANDS: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("dossier", "list"), (PRODUCT, "Huyện Lục Ngạn")),
    (("dossier", "history", "1"), ("Huyện Lục Ngạn", "10/10/2019 09:00")),
    (("dossier", "show", "2"), (PRODUCT.replace("Mật ong", "Rượu"), PRODUCER, CONSULTANT)),
    (("dossier", "documents", "2"), ("Phương án / kế hoạch kinh doanh (mẫu 03)",)),
    (("stuck",), ("Huyện Lục Ngạn",)),
    (("registry", "search"), (PRODUCT,)),
    (("outbox", "list"), ()),
    (("user", "list"), (FULL_NAME,)),
    (("unit", "list", "--level", "commune"), (UNIT,)),
    (("campaign", "list"), ()),
    (("campaign", "show", "1"), (PRODUCT,)),
    (("consultant", "list"), (CONSULTANT,)),
    (("consultant", "report"), (CONSULTANT,)),
    (("training", "list"), ("Tập huấn nghiệp vụ OCOP cho cán bộ cấp xã",)),
    (("training", "coverage"), ()),
    (("flows",), ()),
    (("report", "year", "2019"), ("Huyện Lục Ngạn",)),
    (("report", "year", "2022"), ("Huyện Lục Ngạn", "19/09/2022 – 25/09/2022")),  # the charts
    (("files", "list", "2"), ("Phương án / kế hoạch kinh doanh (mẫu 03)",)),
    (("sheet", "list"), ()),
    (("sheet", "show", "qd148-2023", "food"), ()),
    (("plan", "show", "--year", "2022"), ("Đợt 2 năm 2022",)),
]


@pytest.fixture(params=[80, 120], ids=lambda columns: f"{columns}-columns")
def narrow(request: pytest.FixtureRequest, database: str,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[int, Ocop]]:
    yield request.param, caller(database, monkeypatch, request.param)


@pytest.mark.parametrize(("command", "names"), TABLE_COMMANDS,
                         ids=[" ".join(c) for c, _ in TABLE_COMMANDS])
def test_every_table_fits_and_keeps_each_name_in_one_cell(
        narrow: tuple[int, Ocop], command: tuple[str, ...], names: tuple[str, ...]) -> None:
    columns, ocop = narrow
    fits(columns, succeeded(ocop(*command)).stdout, names)


def fits(columns: int, stdout: str, names: tuple[str, ...]) -> None:
    lines = stdout.splitlines()
    assert "│" in stdout, stdout  # a table, not the sentence for no rows
    # Sentences (say) are left to the terminal to wrap; the tables' own lines must fit.
    too_wide = [line for line in lines if cell_len(line) > columns and line[:1] in "┏┃┡│├└"]
    assert not too_wide, "\n".join(too_wide)
    assert "…" not in stdout.replace(" …\n", "\n")  # folded, never cut
    cells = whole_cells(lines)
    for name in names:
        assert any(squeezed(name) in cell for cell in cells), (name, stdout)


def test_wide_keeps_every_column_and_each_cell_on_one_line(database: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    ocop = caller(database, monkeypatch, 80)
    narrow = succeeded(ocop("registry", "search")).stdout
    assert "(Cửa sổ hẹp: ẩn cột Mã tra cứu" in narrow and "--wide" in narrow
    wide = succeeded(ocop("--wide", "registry", "search")).stdout
    assert "Cửa sổ hẹp" not in wide and "Mã tra cứu" in wide
    assert any(PRODUCT in line for line in wide.splitlines())  # one line, not folded
    assert max(cell_len(line) for line in wide.splitlines()) > 80
    as_json = json.loads(succeeded(ocop("--json", "--wide", "registry", "search")).stdout)
    assert as_json == json.loads(succeeded(ocop("--json", "registry", "search")).stdout)


@pytest.mark.parametrize(("command", "names"), TABLE_COMMANDS,
                         ids=[" ".join(c) for c, _ in TABLE_COMMANDS])
def test_wide_puts_each_name_on_one_line_and_json_is_unchanged(
        database: str, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...],
        names: tuple[str, ...]) -> None:
    wide_and_json_hold(caller(database, monkeypatch, 80), command, names)


def wide_and_json_hold(ocop: Ocop, command: tuple[str, ...], names: tuple[str, ...],
                       exit_code: int = 0) -> None:
    """`--wide` hides no column and puts each name on one line; `--json` is the same with it."""
    wide = ocop("--wide", *command)
    assert wide.exit_code == exit_code, wide.output
    assert "Cửa sổ hẹp" not in wide.stdout and "…" not in wide.stdout.replace(" …\n", "\n")
    for name in names:
        assert any(name in line for line in wide.stdout.splitlines()), (name, wide.stdout)
    as_json, narrow_json = ocop("--json", "--wide", *command), ocop("--json", *command)
    assert as_json.exit_code == narrow_json.exit_code == exit_code, as_json.output
    assert as_json.stdout == narrow_json.stdout


def squeezed(text: str) -> str:
    return "".join(text.split())


def whole_cells(lines: list[str]) -> list[str]:
    """Each cell of each row, its wrapped pieces joined (whitespace dropped, since folding
    moves it): rows end at a rule (├, ┡, └) when they wrap, at each line when none does."""
    cells: list[str] = []
    pieces: list[list[str]] = []
    for line in [*lines, "└"]:
        stripped = line.strip()
        if stripped.startswith("│"):
            parts = stripped.strip("│").split("│")
            pieces = pieces or [[] for _ in parts]
            for column, part in enumerate(parts[:len(pieces)]):
                pieces[column].append(part)
        elif pieces:
            cells.extend(squeezed("".join(column)) for column in pieces)
            pieces = []
    # A table none of whose rows wrapped has no rules between rows: its lines are rows.
    cells.extend(squeezed(part) for line in lines if line.strip().startswith("│")
                 for part in line.strip().strip("│").split("│"))
    return cells
