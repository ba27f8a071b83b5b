"""One vocabulary: every code has its Vietnamese label, and codes shared between vocabularies
keep their own meaning."""

from enum import StrEnum

import pytest

from states import vocabulary
from states.vocabulary import Action, CampaignKind, CertificateStatus, State, label

VOCABULARIES = [v for v in vars(vocabulary).values()
                if isinstance(v, type) and issubclass(v, StrEnum) and v is not StrEnum]


@pytest.mark.parametrize("kind", VOCABULARIES, ids=lambda k: k.__name__)
def test_every_code_has_a_label(kind: type[StrEnum]) -> None:
    for member in kind:
        assert label(member).strip(), member


def test_the_same_code_in_two_vocabularies_keeps_two_labels() -> None:
    assert label(State.EXPIRED) == "Hết hiệu lực"
    assert label(CertificateStatus.EXPIRED) == "hết hiệu lực"
    assert label(State.RENEWAL) == "Đang đánh giá lại"
    assert label(CampaignKind.RENEWAL) == "đánh giá lại"


def test_a_history_step_reads_as_the_action_taken() -> None:
    assert label(Action.FORWARD) == "chuyển hồ sơ lên tỉnh"
