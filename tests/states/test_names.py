"""Names as people write them: one consultant however its name is spelt, officers on a
sign-in sheet found whatever the case and diacritics."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from states.folding import fold, organisation_key

SAME_FIRM = [
    ("Cty TNHH Tư vấn ABC", "Công ty TNHH tư vấn ABC"),
    ("Công ty trách nhiệm hữu hạn Tư vấn ABC", "CTY TNHH TƯ VẤN ABC"),
    ("Cty.TNHH Tư vấn A.B.C.", "Công ty  TNHH   Tư vấn ABC"),
    ("CTCP Tư vấn Đồng Xanh", "Công ty cổ phần tư vấn đồng xanh"),
    ("Công ty CP Tư vấn Đồng Xanh", "Công ty Cổ Phần Tư Vấn Đồng Xanh"),
    ("HTX Dịch vụ Nông nghiệp Tân Yên", "Hợp tác xã dịch vụ nông nghiệp Tân Yên"),
    ("Công ty TNHH MTV Tư vấn Bắc Giang", "Cty trách nhiệm hữu hạn một thành viên tư vấn Bắc Giang"),
    ("Công ty TNHH Tư vấn - Thiết kế Xanh", "Cty TNHH Tư vấn Thiết kế Xanh"),
]
OTHER_FIRMS = [
    ("Cty TNHH Tư vấn ABC", "Cty CP Tư vấn ABC"),  # another legal form is another company
    ("Cty TNHH Tư vấn ABC", "Cty TNHH Tư vấn ABD"),
    ("Cty TNHH Tư vấn ABC", "Cty TNHH ABC"),
    ("HTX Nông sản Lục Ngạn", "Tổ hợp tác Nông sản Lục Ngạn"),
]


@pytest.mark.parametrize(("one", "other"), SAME_FIRM)
def test_spellings_of_one_firm_share_a_key(one: str, other: str) -> None:
    assert organisation_key(one) == organisation_key(other)


@pytest.mark.parametrize(("one", "other"), OTHER_FIRMS)
def test_different_firms_keep_different_keys(one: str, other: str) -> None:
    assert organisation_key(one) != organisation_key(other)


def test_the_key_reads_as_the_short_form() -> None:
    assert organisation_key("Công ty Cổ phần Tư vấn Đồng Xanh") == "cty cp tu van dong xanh"
    assert organisation_key("Hợp tác xã Cổ Phần") == "htx cp"


def test_abbreviations_match_whole_words_only() -> None:
    assert organisation_key("Cpanel Congtyx") == "cpanel congtyx"


def test_fold_drops_case_diacritics_and_extra_spaces() -> None:
    assert fold("  Nguyễn   Văn ĐẠT ") == "nguyen van dat"
    assert fold("Trần Thị Bình") == fold("TRAN THI BINH")


vietnamese = st.text(alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậ"
                                                    "ÀÁĐƠƯ .,-")), max_size=40)


@given(vietnamese)
def test_keys_are_stable(name: str) -> None:
    key = organisation_key(name)
    assert organisation_key(key) == key
    assert organisation_key(name.upper()) == key
    assert organisation_key(f"  {name}  ") == key


@given(vietnamese)
def test_fold_is_idempotent_and_plain(name: str) -> None:
    folded = fold(name)
    assert fold(folded) == folded
    assert folded == " ".join(folded.split())
    assert "đ" not in folded and folded == folded.casefold()
