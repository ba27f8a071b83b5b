"""A product's sub-groups (phân nhóm) as each rulebook lists them: provisional and saying why;
every sub-group with a shipped sheet is in its rulebook's list for the sheet's group; typed as a
code or a name; of another group or unknown, refused in one sentence; a rulebook file that lists
them wrong is refused naming the file."""

from pathlib import Path

import pytest

from states.errors import ConfigurationError, InvalidInput
from states.rules.rulebooks import BUILTIN_DIR, load_rules
from states.rules.sheet_book import load_sheets

RULES = load_rules()


def test_every_rulebook_lists_its_sub_groups_provisionally() -> None:
    for code in RULES.codes():
        rulebook = RULES.get(code)
        assert rulebook.subgroups_provisional and "chưa đối chiếu" in rulebook.subgroups_source
        assert set(rulebook.subgroups) <= set(rulebook.groups)
    qd1048 = RULES.get("qd1048-2019")
    assert sum(len(s) for s in qd1048.subgroups.values()) == 26  # the annex's 26 sub-groups
    assert qd1048.subgroups["food"]["tuong-nuoc-mam"] == "Tương, nước mắm, gia vị lỏng khác"
    assert "vai-may-mac" in RULES.get("qd148-2023").subgroups["handicraft"]


def test_every_sub_group_sheet_is_of_a_listed_sub_group() -> None:
    for entry in load_sheets(RULES).all():
        sheet = entry.sheet
        if sheet.subgroup is not None:
            listed = RULES.get(sheet.rulebook).subgroups.get(sheet.group, {})
            assert sheet.subgroup in listed, sheet.code


@pytest.mark.parametrize(("typed", "code"), [
    ("che", "che"), ("Chè tươi, chế biến", "che"), ("MAT ONG", "mat-ong"), ("  ", None),
    (None, None), ("Gạo, ngũ cốc", "gao-ngu-coc"),
])
def test_a_sub_group_is_typed_as_its_code_or_its_name(typed: str | None, code: str | None) -> None:
    assert RULES.get("qd1048-2019").subgroup_code("food", typed) == code


@pytest.mark.parametrize(("rulebook", "group", "typed", "said"), [
    ("qd1048-2019", "food", "my-pham",
     "Phân nhóm 'Mỹ phẩm' thuộc nhóm Thảo dược, không thuộc nhóm Thực phẩm theo QĐ 1048/QĐ-TTg"),
    ("qd148-2023", "food", "kẹo dừa", "Phân nhóm 'kẹo dừa' không có trong nhóm Thực phẩm theo "
                                      "QĐ 148/QĐ-TTg (2023). Chọn một trong: rau-qua-tuoi"),
    ("qd1489-2025", "tourism", "du-lich-cong-dong",
     "không chia phân nhóm theo QĐ 1489/QĐ-TTg (2025): hãy bỏ trống phân nhóm."),
])
def test_a_sub_group_not_of_the_group_is_one_sentence(rulebook: str, group: str, typed: str,
                                                      said: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        RULES.get(rulebook).subgroup_code(group, typed)
    assert said in refused.value.message and refused.value.exit_code == 2


@pytest.mark.parametrize(("listed", "said"), [
    ('[subgroups.textiles]\nvai = "Vải"', "phân nhóm (subgroups) của nhóm không có: textiles"),
    ('[subgroups.beverage]\nche = "Chè"', "phân nhóm 'che' có ở cả nhóm food và beverage"),
    ('[subgroups.beverage]\n"Rượu" = "Rượu"', "subgroups.beverage.Rượu"),
])
def test_a_rulebook_listing_sub_groups_wrong_is_refused(tmp_path: Path, listed: str,
                                                        said: str) -> None:
    text = (BUILTIN_DIR / "qd1048-2019.toml").read_text(encoding="utf-8").replace(
        'code = "qd1048-2019"', 'code = "bac-giang-2022"').replace("[subgroups.beverage]", listed)
    (tmp_path / "rieng.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError) as refused:
        load_rules(tmp_path)
    assert "rieng.toml" in refused.value.message and said in refused.value.message
