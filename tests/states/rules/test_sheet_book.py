"""Issue 21: score sheets are data, checked when loaded. Every rulebook's every group has a
shipped sheet that fits the rulebook; a province's file replaces or adds one; a file that does
not sum, repeats a code or names a rulebook or group that does not exist is refused with the
file named."""

import tomllib
from pathlib import Path

import pytest

from states.errors import ConfigurationError, InvalidInput
from states.rules.rulebooks import load_rules
from states.rules.score_sheets import ScoreSheet
from states.rules.sheet_book import SHIPPED_DIR, load_sheets
from states.rules.sheet_toml import sheet_toml

RULES = load_rules()
FOOD_148 = (SHIPPED_DIR / "qd148-2023-food.toml").read_text(encoding="utf-8")


def province(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "sheets"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_every_group_of_every_rulebook_has_a_shipped_sheet_that_fits_it() -> None:
    book = load_sheets(RULES)
    for code in RULES.codes():
        rulebook = RULES.get(code)
        for group in rulebook.groups:
            sheet = book.sheet_for(code, group)
            assert (sheet.rulebook, sheet.group, sheet.subgroup) == (code, group, None)
            assert {p.code: p.maximum for p in sheet.parts} == rulebook.part_maxima
            assert sum(c.best for p in sheet.parts for c in p.criteria) == 100
            # Nothing here was checked against Annex III: every sheet says so.
            assert sheet.provisional and "chưa đối chiếu" in sheet.source
            assert sheet.mandatory_codes(), "each group keeps its legal conditions mandatory"
    groups = sum(len(RULES.get(c).groups) for c in RULES.codes())
    assert len([e for e in book.all() if e.sheet.subgroup is None]) == groups == 18
    # Every sheet, the sub-groups' too: provisional and saying why.
    assert all(e.sheet.provisional and "chưa đối chiếu" in e.sheet.source for e in book.all())


def test_qd1048_sub_groups_come_from_the_public_transcription() -> None:
    """22 of the 26 sub-groups of QĐ 1048 (as amended by QĐ 781) from a public transcription
    whose points sum; a sub-group without a sheet of its own takes its group's."""
    book = load_sheets(RULES)
    subgroups = [e.sheet for e in book.all() if e.sheet.subgroup is not None]
    assert len(subgroups) == 22 and {s.rulebook for s in subgroups} == {"qd1048-2019"}
    fresh = book.sheet_for("qd1048-2019", "food", "rau-qua-tuoi")
    assert fresh.code == "qd1048-2019-food-rau-qua-tuoi" and "ommani_ocop" in fresh.source
    assert [c.code for c in fresh.parts[0].criteria][:3] == ["1.1", "1.2", "1.3"]
    # Fresh produce need not declare its quality (the annex encourages it); processed food must.
    assert fresh.mandatory_codes() == []
    assert book.sheet_for("qd1048-2019", "food", "che-bien-rau-qua").mandatory_codes() == ["8.1"]
    assert book.sheet_for("qd1048-2019", "food", "tuong-nuoc-mam").code == "qd1048-2019-food"
    assert book.sheet_for("qd1048-2019", "textile", "vai-may-mac").parts[2].maximum == 40


def test_part_maxima_follow_the_rulebook() -> None:
    book = load_sheets(RULES)
    assert [p.maximum for p in book.sheet_for("qd1048-2019", "textile").parts] == [35, 25, 40]
    assert [p.maximum for p in book.sheet_for("qd148-2023", "ornamental").parts] == [40, 25, 35]


@pytest.mark.parametrize("path", sorted(SHIPPED_DIR.glob("*.toml")), ids=lambda p: p.stem)
def test_a_shipped_file_is_what_the_writer_writes(path: Path) -> None:
    """The import writes province files in the shipped files' own layout."""
    text = path.read_text(encoding="utf-8")
    sheet = ScoreSheet.model_validate(tomllib.loads(text))
    assert sheet_toml(sheet) == text.split("\n", 1)[1]  # the first line is a comment


def test_a_sub_group_takes_its_own_sheet_else_its_groups(tmp_path: Path) -> None:
    own = FOOD_148.replace('group = "food"', 'group = "food"\nsubgroup = "tuoi-song"').replace(
        'code = "qd148-2023-food"', 'code = "tinh-tuoi-song"')
    book = load_sheets(RULES, province(tmp_path, "tuoi-song.toml", own))
    assert book.sheet_for("qd148-2023", "food", "tuoi-song").code == "tinh-tuoi-song"
    assert book.sheet_for("qd148-2023", "food", "che-bien").code == "qd148-2023-food"
    assert book.sheet_for("qd148-2023", "food").code == "qd148-2023-food"


def test_a_province_sheet_replaces_the_shipped_one_of_its_group(tmp_path: Path) -> None:
    own = FOOD_148.replace("provisional = true", "provisional = false").replace(
        'code = "qd148-2023-food"', 'code = "qd148-2023-food-tinh"')
    book = load_sheets(RULES, province(tmp_path, "food.toml", own))
    entry = book.entry_for("qd148-2023", "food")
    assert entry.sheet.code == "qd148-2023-food-tinh" and not entry.shipped
    assert not entry.sheet.provisional
    assert len(book.all()) == 40
    assert book.by_code("qd148-2023-food-tinh") is entry.sheet


def test_the_fingerprint_changes_with_the_content() -> None:
    book = load_sheets(RULES)
    food = book.sheet_for("qd148-2023", "food")
    again = ScoreSheet.model_validate(tomllib.loads(FOOD_148))
    assert food.fingerprint() == again.fingerprint()
    changed = ScoreSheet.model_validate(tomllib.loads(FOOD_148.replace(
        "Nguồn nguyên liệu", "Nguồn nguyên liệu chính")))
    assert changed.fingerprint() != food.fingerprint()


BAD = [
    # Option d of A1 worth 3 instead of 4: part A reaches 39 of 40.
    ('text = "Toàn bộ từ địa phương, vùng nguyên liệu được chứng nhận", points = 4',
     'text = "Toàn bộ từ địa phương, vùng nguyên liệu được chứng nhận", points = 3',
     "phần A: các tiêu chí cộng tối đa được 39 điểm, phải đúng 40"),
    # A's maximum 40 → 45 and its best option 4 → 9: every part sums, the whole is 105.
    ("maximum = 40\n\n[[parts.criteria]]\ncode = \"A1\"",
     "maximum = 45\n\n[[parts.criteria]]\ncode = \"A1\"",
     "tổng điểm tối đa của phiếu là 105, phải đúng 100"),
    ('code = "A2"', 'code = "A1"', "mã tiêu chí bị trùng"),
    ('{ code = "b", text = "Từ một nửa', '{ code = "a", text = "Từ một nửa', "mã lựa chọn bị trùng"),
    ('rulebook = "qd148-2023"', 'rulebook = "qd999"', "Không có bộ quy định 'qd999'"),
    ('group = "food"', 'group = "textile"', "nhóm sản phẩm 'textile' không có trong"),
    ('{ code = "a", text = "Chưa công bố", points = 0 }',
     '{ code = "a", text = "Chưa công bố", points = 1 }',
     "tiêu chí bắt buộc C3 cần một lựa chọn 0 điểm"),
    ('provisional = true', 'provisonal = true', "khoá 'provisonal'"),
]


@pytest.mark.parametrize(("old", "new", "said"), BAD, ids=[b[2][:30] for b in BAD])
def test_a_bad_sheet_file_is_refused_naming_the_file(tmp_path: Path, old: str, new: str,
                                                     said: str) -> None:
    assert old in FOOD_148
    text = FOOD_148.replace(old, new, 1).replace('code = "qd148-2023-food"', 'code = "x"')
    if "maximum = 45" in new:
        text = text.replace("được chứng nhận\", points = 4", "được chứng nhận\", points = 9")
    with pytest.raises(ConfigurationError) as refused:
        load_sheets(RULES, province(tmp_path, "hong.toml", text))
    assert "hong.toml" in refused.value.message
    assert said in refused.value.message, refused.value.message


def test_part_maxima_other_than_the_rulebooks_are_refused(tmp_path: Path) -> None:
    """A 1048 sheet (35/25/40) filed under QĐ 148 (40/25/35) sums to 100 but is not its sheet."""
    text = (SHIPPED_DIR / "qd1048-2019-food.toml").read_text(encoding="utf-8").replace(
        'rulebook = "qd1048-2019"', 'rulebook = "qd148-2023"').replace(
        'code = "qd1048-2019-food"', 'code = "x"')
    with pytest.raises(ConfigurationError) as refused:
        load_sheets(RULES, province(tmp_path, "lech.toml", text))
    assert "phần A tối đa 35 điểm, nhưng QĐ 148/QĐ-TTg (2023) quy định 40 điểm" in \
        refused.value.message


def test_two_province_files_for_one_group_are_refused(tmp_path: Path) -> None:
    province(tmp_path, "a.toml", FOOD_148.replace('code = "qd148-2023-food"', 'code = "a"'))
    province(tmp_path, "b.toml", FOOD_148.replace('code = "qd148-2023-food"', 'code = "b"'))
    with pytest.raises(ConfigurationError, match=r"b\.toml trùng bộ quy định, nhóm và phân nhóm "
                                                 r"với tệp a\.toml"):
        load_sheets(RULES, tmp_path)


def test_a_province_code_may_not_take_another_shipped_sheets_code(tmp_path: Path) -> None:
    text = FOOD_148.replace('group = "food"', 'group = "beverage"')  # keeps qd148-2023-food
    with pytest.raises(ConfigurationError, match="đã là mã của phiếu có sẵn"):
        load_sheets(RULES, province(tmp_path, "do-uong.toml", text))


def test_unknown_rulebook_or_group_is_bad_input() -> None:
    book = load_sheets(RULES)
    with pytest.raises(InvalidInput, match="Không có bộ quy định 'qd2030'"):
        book.sheet_for("qd2030", "food")
    with pytest.raises(InvalidInput, match="Nhóm sản phẩm 'textile' không có trong QĐ 148"):
        book.sheet_for("qd148-2023", "textile")


def test_rulebook_files_in_the_rules_dir_are_not_read_as_sheets(tmp_path: Path) -> None:
    """Sheets live in their own folder: the rulebook loader never sees them."""
    province(tmp_path, "food.toml", FOOD_148.replace('code = "qd148-2023-food"', 'code = "t"'))
    assert load_rules(tmp_path).codes() == RULES.codes()
