"""Score sheets for people: showing one, importing a province's from .xlsx into OCOP_RULES_DIR,
and the blank template to fill."""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from states.errors import ConfigurationError, InvalidInput
from states.rules.score_sheets import ScoreSheet
from states.rules.sheet_book import LoadedSheet, province_sheets_dir
from states.rules.sheet_rows import SPEC, SheetProblem, read_rows, sheet_from_rows
from states.rules.sheet_toml import sheet_toml
from states.runtime import Runtime
from states.tables.reading import table_rows
from use_cases.output_files import checked_directory, checked_output, write_checked

TEMPLATE_NAME = "mau-phieu-danh-gia-ocop.xlsx"
SUBGROUP = re.compile(r"[a-z0-9][a-z0-9-]{0,19}")


@dataclass(frozen=True)
class SheetView:
    """A sheet and the Vietnamese names it is shown with (the group's, the rulebook's)."""

    sheet: ScoreSheet
    group_name: str
    rulebook_title: str
    shipped: bool
    file: str


def _view(rt: Runtime, entry: LoadedSheet) -> SheetView:
    rulebook = rt.rules.get(entry.sheet.rulebook)
    return SheetView(entry.sheet, rulebook.group_name(entry.sheet.group), rulebook.title,
                     entry.shipped, entry.path.name)


def show_sheet(rt: Runtime, rulebook: str, group: str, subgroup: str | None = None) -> SheetView:
    """The sheet a council of `rulebook` scores `group` (typed as its code or its name) on."""
    code = rt.rules.get(rulebook).group_code(group)
    return _view(rt, rt.sheets.entry_for(rulebook, code, subgroup))


def list_sheets(rt: Runtime) -> list[SheetView]:
    return [_view(rt, entry) for entry in rt.sheets.all()]


@dataclass(frozen=True)
class SheetHeading:
    """What the command line says of the imported sheet (the rows hold its criteria)."""

    rulebook: str
    group: str
    subgroup: str | None = None
    title: str | None = None
    source: str | None = None
    provisional: bool = False
    replace: bool = False


@dataclass
class SheetImported:
    source: str
    problems: list[SheetProblem] = field(default_factory=list)
    sheet: ScoreSheet | None = None
    file: Path | None = None
    replaced: str | None = None  # "province" (its earlier file) or "shipped" (the national one)

    @property
    def refused(self) -> bool:
        return bool(self.problems)


def _heading(rt: Runtime, spec: SheetHeading, source: str, actor: str) -> dict[str, object]:
    rulebook = rt.rules.get(spec.rulebook)
    group = rulebook.group_code(spec.group)
    if spec.subgroup is not None and not SUBGROUP.fullmatch(spec.subgroup):
        raise InvalidInput(f"Mã phân nhóm '{spec.subgroup}' không hợp lệ: chữ thường không dấu, "
                           "số và '-', tối đa 20 ký tự.")
    code = "-".join(p for p in (rulebook.code, group, spec.subgroup, "tinh") if p)
    title = spec.title or (f"Phiếu đánh giá sản phẩm OCOP nhóm {rulebook.groups[group]} theo "
                           f"{rulebook.title}, phiếu của tỉnh")
    today = rt.clock.today()
    said = spec.source or f"Nhập từ tệp {source} bởi {actor} ngày {today:%d/%m/%Y}"
    return {"code": code, "group": group, "subgroup": spec.subgroup, "title": title,
            "provisional": spec.provisional, "source": said}


def _target(rt: Runtime, sheet: ScoreSheet, replace: bool) -> tuple[Path, str | None]:
    if rt.rules_dir is None:
        raise ConfigurationError("Chưa đặt OCOP_RULES_DIR: phiếu của tỉnh được ghi vào thư mục "
                                 "quy định của tỉnh (OCOP_RULES_DIR/sheets); không có gì thay đổi.")
    key = (sheet.rulebook, sheet.group, sheet.subgroup)
    earlier = rt.sheets.province_entry(key)
    if earlier is not None and not replace:
        raise InvalidInput(f"Tỉnh đã có phiếu này ({earlier.path}); thêm --replace để thay phiếu "
                           "cũ. Không có gì thay đổi.")
    path = earlier.path if earlier else province_sheets_dir(rt.rules_dir) / f"{sheet.code}.toml"
    shipped = key in {(s.rulebook, s.group, s.subgroup) for s in rt.sheets.sheets()}
    return path, "province" if earlier else "shipped" if shipped else None


def _make_folder(folder: Path) -> None:
    checked_directory(folder.parent)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise InvalidInput(f"Không tạo được thư mục {folder} (lỗi hệ điều hành, mã "
                           f"{error.errno}); không có gì thay đổi.") from None


def import_sheet(rt: Runtime, actor: str, stream: BinaryIO, source: str,
                 spec: SheetHeading) -> SheetImported:
    """Every row checked, then the parts' sums; the file written only when all is right,
    atomically, in OCOP_RULES_DIR/sheets (replacing the province's earlier file only with
    `replace`)."""
    heading = _heading(rt, spec, source, actor)
    rulebook = rt.rules.get(spec.rulebook)
    found = read_rows(table_rows(stream, source), source)
    result = SheetImported(source, found.problems, sheet_from_rows(found, rulebook, heading))
    if result.sheet is None:
        return result
    path, result.replaced = _target(rt, result.sheet, spec.replace)
    result.file = path
    command = f"ocop sheet import {source} --rulebook {spec.rulebook} --group {spec.group}"
    _make_folder(path.parent)
    write_checked(checked_output(path, replaces=spec.replace, regenerate=command),
                  sheet_toml(result.sheet).encode())
    rt.reload_sheets()  # the file as written is what every later command reads
    return result


def _rows(sheet: ScoreSheet) -> list[tuple[object, ...]]:
    """One row per option; the criterion's text and mark on its first row only."""
    return [(part.code, criterion.code, criterion.text if first else None,
             ("có" if criterion.mandatory else "không") if first else None,
             option.code, option.text, option.points)
            for part in sheet.parts for criterion in part.criteria
            for first, option in ((i == 0, o) for i, o in enumerate(criterion.options))]


def sheet_template(rt: Runtime, rulebook: str | None = None, group: str | None = None,
                   subgroup: str | None = None) -> tuple[str, bytes]:
    """The blank template, or (with a rulebook and a group) the sheet in use as rows to edit
    and import again as the province's."""
    from notices.import_workbooks import template

    guide: list[tuple[str, ...]] = [
        ("Mỗi dòng là một lựa chọn của một tiêu chí; các phần A, B, C phải đạt đúng điểm tối đa "
         "của bộ quy định (điểm cao nhất của mỗi tiêu chí cộng lại).",),
        ("Nhập bằng: ocop sheet import TỆP.xlsx --rulebook MÃ --group NHÓM",)]
    if rulebook is None or group is None:
        return TEMPLATE_NAME, template(SPEC, guide)
    view = show_sheet(rt, rulebook, group, subgroup)
    guide.insert(0, (f"Phiếu đang dùng: {view.sheet.title} ({view.rulebook_title}, nhóm "
                     f"{view.group_name}).",))
    if view.sheet.provisional:
        guide.insert(1, ("Phiếu này TẠM THỜI, chưa đối chiếu văn bản gốc: hãy sửa theo văn bản "
                         "chính thức trước khi nhập.",))
    return f"phieu-{view.sheet.code}.xlsx", template(SPEC, guide, _rows(view.sheet))
