"""A score sheet typed in Excel (`ocop sheet import FILE.xlsx`): one row per option (part,
criterion code, criterion text, mandatory, option code, option text, points), headings within
the first rows of the first sheet. Every row is checked, then the parts' sums; every problem is
listed with its row, and no sheet comes out of a file with one."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from states.choices import matching
from states.rules.rulebooks import Rulebook
from states.rules.score_sheets import PART_CODES, ScoreSheet
from states.tables.columns import CellError, Column, TableSpec, as_text, is_blank, number, text
from states.tables.headers import Row, find_layout
from states.validation_language import reason_of

PART_NAMES = {"A": "Sản phẩm và sức mạnh cộng đồng", "B": "Khả năng tiếp thị",
              "C": "Chất lượng sản phẩm"}
PART_CHOICES = {code: f"Phần {code} ({name})" for code, name in PART_NAMES.items()}
YES = frozenset({"co", "x", "bat buoc", "1", "true", "yes", "dung"})
NO = frozenset({"khong", "0", "false", "no", "sai", "-"})


def _part(value: Any) -> str:
    found = matching(as_text(value), PART_CHOICES)
    if len(found) != 1:
        raise CellError(f"'{as_text(value)}' không phải phần A, B hoặc C")
    return found[0]


def _yes_no(value: Any) -> bool:
    from states.folding import plain_words

    typed = plain_words(as_text(value))
    if typed in YES:
        return True
    if typed in NO:
        return False
    raise CellError(f"'{as_text(value)}' không rõ; ghi 'có' nếu bắt buộc, để trống nếu không")


def _code(value: Any) -> str:
    code = as_text(value)
    if not code or len(code) > 20 or " " in code:
        raise CellError(f"mã '{code}' không hợp lệ (tối đa 20 ký tự, không có khoảng trắng)")
    return code


SPEC = TableSpec("Phiếu đánh giá", (
    Column("part", "Phần", _part, ("Phan", "Part"), example="A",
           hint="A, B hoặc C (hoặc 'Phần A')"),
    Column("criterion", "Mã tiêu chí", _code, ("Ma tieu chi", "Tiêu chí số", "STT tiêu chí"),
           example="A1", hint="mã không trùng trong phiếu; mọi dòng của một tiêu chí ghi cùng mã"),
    Column("criterion_text", "Tiêu chí", text(500), ("Nội dung tiêu chí", "Tên tiêu chí"),
           required=False, example="Nguồn nguyên liệu",
           hint="ghi ở dòng đầu của tiêu chí; các dòng sau để trống hoặc ghi giống hệt"),
    Column("mandatory", "Bắt buộc", _yes_no, ("Tiêu chí bắt buộc", "Bat buoc"), required=False,
           example="không", hint="'có' nếu là tiêu chí bắt buộc (cần một lựa chọn 0 điểm)"),
    Column("option", "Mã lựa chọn", _code, ("Ma lua chon", "Lựa chọn số"), example="a",
           hint="không trùng trong một tiêu chí"),
    Column("option_text", "Lựa chọn", text(500), ("Nội dung lựa chọn", "Mức đánh giá"),
           example="Toàn bộ từ địa phương", hint="nội dung của lựa chọn"),
    Column("points", "Điểm", number(0, 100), ("Diem", "Số điểm"), example=4,
           hint="điểm của lựa chọn, 0–100"),
), template_command="ocop sheet template")


@dataclass(frozen=True)
class SheetProblem:
    row: int | None  # None: the whole sheet (a part that does not sum)
    reason: str


@dataclass
class _Criterion:
    part: str
    row: int
    text: str | None
    mandatory: bool
    options: list[dict[str, Any]] = field(default_factory=list)
    option_rows: dict[str, int] = field(default_factory=dict)


@dataclass
class SheetRows:
    """What the rows of a file make: the criteria in the file's order, and every problem."""

    criteria: dict[str, _Criterion] = field(default_factory=dict)
    problems: list[SheetProblem] = field(default_factory=list)

    def refuse(self, row: int | None, reason: str) -> None:
        self.problems.append(SheetProblem(row, reason))


def read_rows(rows: Iterator[Row], source: str) -> SheetRows:
    layout, _ = find_layout(SPEC, rows, source)
    found = SheetRows()
    for number_, cells in rows:
        if all(is_blank(cell) for cell in cells):
            continue
        values, problems = _cells(layout.columns(SPEC), layout.heading, cells)
        if problems:
            found.refuse(number_, "; ".join(problems))
        else:
            _add(found, number_, values)
    return found


def _cells(columns: list[tuple[int, Column]], heading: Any,
           cells: tuple[Any, ...]) -> tuple[dict[str, Any], list[str]]:
    values: dict[str, Any] = {}
    problems: list[str] = []
    for index, column in columns:
        value = cells[index] if index < len(cells) else None
        if is_blank(value):
            if column.required:
                problems.append(f"cột '{heading(column.key)}' bỏ trống")
            continue
        try:
            values[column.key] = column.read(value)
        except CellError as error:
            problems.append(f"cột '{heading(column.key)}': {error}")
    return values, problems


def _add(found: SheetRows, row: int, values: dict[str, Any]) -> None:
    code = values["criterion"]
    criterion = found.criteria.get(code)
    if criterion is None:
        criterion = found.criteria[code] = _Criterion(values["part"], row,
                                                      values.get("criterion_text"),
                                                      values.get("mandatory", False))
        if criterion.text is None:
            found.refuse(row, f"tiêu chí {code}: dòng đầu của tiêu chí phải ghi nội dung tiêu chí")
    elif criterion.part != values["part"]:
        return found.refuse(row, f"tiêu chí {code} đã thuộc phần {criterion.part} ở dòng "
                                 f"{criterion.row}, không thể thuộc phần {values['part']}")
    elif values.get("criterion_text") not in (None, criterion.text):
        return found.refuse(row, f"tiêu chí {code} đã ghi nội dung khác ở dòng {criterion.row}")
    elif "mandatory" in values and values["mandatory"] != criterion.mandatory:
        return found.refuse(row, f"tiêu chí {code}: cột bắt buộc khác với dòng {criterion.row}")
    option = values["option"]
    if option in criterion.option_rows:
        return found.refuse(row, f"mã lựa chọn '{option}' của tiêu chí {code} trùng với dòng "
                                 f"{criterion.option_rows[option]}")
    criterion.option_rows[option] = row
    criterion.options.append({"code": option, "text": values["option_text"],
                              "points": values["points"]})
    return None


def _check_parts(found: SheetRows, rulebook: Rulebook) -> None:
    """Each part present and reaching the rulebook's maximum; each mandatory criterion able to
    fail (a 0-point option): said with the rows, before the model says it without them."""
    for part in PART_CODES:
        criteria = [c for c in found.criteria.values() if c.part == part]
        wanted = rulebook.part_maxima.get(part, 0)
        if not criteria:
            found.refuse(None, f"phần {part} không có tiêu chí nào (phải đạt tối đa {wanted} điểm)")
            continue
        reachable = round(sum(max(o["points"] for o in c.options) for c in criteria), 2)
        if reachable != wanted:
            rows = sorted(row for c in criteria for row in c.option_rows.values())
            found.refuse(None, f"phần {part} (dòng {rows[0]}–{rows[-1]}): các tiêu chí cộng tối "
                               f"đa được {reachable:g} điểm, {rulebook.title} quy định {wanted}")
    for code, criterion in found.criteria.items():
        if criterion.mandatory and all(o["points"] > 0 for o in criterion.options):
            found.refuse(criterion.row, f"tiêu chí bắt buộc {code} cần một lựa chọn 0 điểm "
                                        "(không đạt)")


def sheet_from_rows(found: SheetRows, rulebook: Rulebook, heading: dict[str, Any]) -> ScoreSheet | None:
    """The sheet the rows make, with `heading` (code, group, subgroup, title, provisional,
    source); None when any problem was found (all listed in `found.problems`)."""
    if not found.problems:
        _check_parts(found, rulebook)
    if found.problems:
        return None
    parts = [{"code": part, "name": PART_NAMES[part], "maximum": rulebook.part_maxima[part],
              "criteria": [{"code": code, "text": c.text, "mandatory": c.mandatory,
                            "options": c.options}
                           for code, c in found.criteria.items() if c.part == part]}
             for part in PART_CODES]
    try:
        return ScoreSheet.model_validate({**heading, "rulebook": rulebook.code, "parts": parts})
    except ValidationError as error:
        for problem in error.errors():
            found.refuse(None, reason_of(problem))
        return None
