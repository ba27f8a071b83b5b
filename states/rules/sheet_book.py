"""The score sheets in use: the shipped ones (`rules/data/sheets/*.toml`) and the province's
(`OCOP_RULES_DIR/sheets/*.toml`, written by `ocop sheet import` or by hand), each checked
against its rulebook when loaded.

A province's sheet for the same rulebook, group and sub-group replaces the shipped one; a
sheet for a sub-group is used for that sub-group only, the group's sheet for the others.
"""

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from states.errors import ConfigurationError, InvalidInput
from states.rules.rulebooks import BUILTIN_DIR, RuleRegistry, _read_toml
from states.rules.score_sheets import ScoreSheet
from states.validation_language import reason_of

SHIPPED_DIR = BUILTIN_DIR / "sheets"
# Inside OCOP_RULES_DIR: a folder of its own, so that no sheet is read as a rulebook.
PROVINCE_SHEETS = "sheets"
SheetKey = tuple[str, str, str | None]  # rulebook, group, sub-group


def province_sheets_dir(rules_dir: Path) -> Path:
    return rules_dir / PROVINCE_SHEETS


def key_of(sheet: ScoreSheet) -> SheetKey:
    return sheet.rulebook, sheet.group, sheet.subgroup


@dataclass(frozen=True)
class LoadedSheet:
    sheet: ScoreSheet
    path: Path
    shipped: bool  # False: the province's own file


def problems_with(sheet: ScoreSheet, rules: RuleRegistry) -> list[str]:
    """What the sheet says that its rulebook does not (empty when it fits), in Vietnamese."""
    try:
        rulebook = rules.get(sheet.rulebook)
    except InvalidInput as error:
        return [error.message.rstrip(".")]
    problems = []
    if sheet.group not in rulebook.groups:
        problems.append(f"nhóm sản phẩm '{sheet.group}' không có trong {rulebook.title} (các "
                        f"nhóm: {', '.join(rulebook.groups)})")
    for part in sheet.parts:
        wanted = rulebook.part_maxima.get(part.code)
        if wanted is None or part.maximum != wanted:
            problems.append(f"phần {part.code} tối đa {part.maximum:g} điểm, nhưng {rulebook.title} "
                            f"quy định {'không có phần này' if wanted is None else f'{wanted} điểm'}")
    return problems


def read_sheet(path: Path, rules: RuleRegistry) -> ScoreSheet:
    """One sheet file, whole and fitting its rulebook, or ConfigurationError naming the file."""
    try:
        sheet = ScoreSheet.model_validate(_read_toml(path))
    except ValidationError as error:
        wrong = "; ".join(f"khoá '{'.'.join(str(p) for p in e['loc']) or 'cả tệp'}': {reason_of(e)}"
                          for e in error.errors())
        raise ConfigurationError(f"Tệp phiếu đánh giá {path} sai định dạng: {wrong}.") from None
    problems = problems_with(sheet, rules)
    if problems:
        raise ConfigurationError(f"Tệp phiếu đánh giá {path} không khớp bộ quy định: "
                                 f"{'; '.join(problems)}.")
    return sheet


class SheetBook:
    """Every sheet in use, found by rulebook, group and sub-group, or by its code."""

    def __init__(self, loaded: list[LoadedSheet], rules: RuleRegistry) -> None:
        self._rules = rules
        self._by_key: dict[SheetKey, LoadedSheet] = {}
        for entry in loaded:  # shipped first: the province's file of the same key wins
            self._by_key[key_of(entry.sheet)] = entry

    def sheet_for(self, rulebook: str, group: str, subgroup: str | None = None) -> ScoreSheet:
        return self.entry_for(rulebook, group, subgroup).sheet

    def entry_for(self, rulebook: str, group: str, subgroup: str | None = None) -> LoadedSheet:
        """The sub-group's own sheet if there is one, else the group's; InvalidInput (exit 2)
        for a rulebook or group that does not exist, or a group with no sheet."""
        book = self._rules.get(rulebook)
        name = book.group_name(group)
        found = (self._by_key.get((rulebook, group, subgroup)) if subgroup else None) \
            or self._by_key.get((rulebook, group, None))
        if found is None:
            raise InvalidInput(f"Chưa có phiếu đánh giá cho nhóm {name} theo {book.title}; "
                               "nhập phiếu bằng 'ocop sheet import'.")
        return found

    def by_code(self, code: str) -> ScoreSheet:
        for entry in self._by_key.values():
            if entry.sheet.code == code:
                return entry.sheet
        raise InvalidInput(f"Không có phiếu đánh giá mã '{code}'.")

    def all(self) -> list[LoadedSheet]:
        return sorted(self._by_key.values(), key=lambda e: (e.sheet.rulebook, e.sheet.group,
                                                              e.sheet.subgroup or ""))

    def sheets(self) -> list[ScoreSheet]:
        return [entry.sheet for entry in self.all()]

    def province_entry(self, key: SheetKey) -> LoadedSheet | None:
        entry = self._by_key.get(key)
        return entry if entry is not None and not entry.shipped else None


def _read_all(paths: list[Path], shipped: bool, rules: RuleRegistry) -> list[LoadedSheet]:
    """Sheets of one origin: no two for the same key, no two with one code."""
    loaded: list[LoadedSheet] = []
    for path in paths:
        sheet = read_sheet(path, rules)
        for other in loaded:
            if key_of(other.sheet) == key_of(sheet) or other.sheet.code == sheet.code:
                same = "mã phiếu" if other.sheet.code == sheet.code else "bộ quy định, nhóm và phân nhóm"
                raise ConfigurationError(f"Tệp phiếu đánh giá {path} trùng {same} với tệp "
                                         f"{other.path.name}; hãy bỏ một tệp.")
        loaded.append(LoadedSheet(sheet, path, shipped))
    return loaded


def load_sheets(rules: RuleRegistry, rules_dir: Path | None = None) -> SheetBook:
    loaded = _read_all(sorted(SHIPPED_DIR.glob("*.toml")), True, rules)
    if rules_dir is not None and province_sheets_dir(rules_dir).is_dir():
        province = _read_all(sorted(province_sheets_dir(rules_dir).glob("*.toml")), False, rules)
        replaced = {key_of(entry.sheet) for entry in province}
        codes = {entry.sheet.code: entry for entry in loaded if key_of(entry.sheet) not in replaced}
        for entry in province:
            if entry.sheet.code in codes:
                raise ConfigurationError(
                    f"Tệp phiếu đánh giá {entry.path}: mã '{entry.sheet.code}' đã là mã của phiếu "
                    f"có sẵn {codes[entry.sheet.code].path.name}; hãy đặt mã khác.")
        loaded += province
    return SheetBook(loaded, rules)
