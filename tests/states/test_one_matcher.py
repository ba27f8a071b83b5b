"""Spreadsheets and the command line turn typed text into a code through one matcher."""

import pytest

from states.choices import choose
from states.errors import InvalidInput
from states.people.user_rows import ROLE_WORDS
from states.registry.product_rows import TYPE_WORDS
from states.tables.columns import CellError, choice
from states.vocabulary import LABELS, ProducerType, Role


@pytest.mark.parametrize(("typed", "code"), [
    ("htx", ProducerType.COOPERATIVE),  # a spreadsheet's alias
    ("Hộ kinh doanh", ProducerType.HOUSEHOLD),  # a label's leading words, as the CLI takes them
    ("doanh nghiep", ProducerType.ENTERPRISE),
    ("cooperative-group", ProducerType.COOPERATIVE_GROUP),  # the code
])
def test_a_spreadsheet_cell_reads_codes_labels_and_aliases(typed: str, code: str) -> None:
    assert choice(ProducerType, TYPE_WORDS)(typed) == code


def test_the_command_line_reads_the_same_label_words_as_a_spreadsheet() -> None:
    typed = "hộ kinh doanh"
    assert choose(typed, LABELS[ProducerType], "Loại") == choice(ProducerType, TYPE_WORDS)(typed)


def test_an_unknown_word_is_refused_with_the_labels() -> None:
    with pytest.raises(CellError, match="Thư ký hội đồng"):
        choice(Role, ROLE_WORDS)("giám đốc")
    with pytest.raises(InvalidInput):
        choose("giám đốc", LABELS[Role], "Vai trò")
