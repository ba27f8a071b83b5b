"""`ocop product register --subgroup`: typed as a code or a name, coded like the group, shown
in words by `dossier show`; one of another group or an unknown one is refused (exit 2) and
nothing is written."""

import json

import pytest

from states.errors import InvalidInput
from tests.cli.actors import invoke

REGISTER = ("product", "register", "--unit", "Huyện Lục Ngạn", "--producer", "HTX Chè Lục Ngạn",
            "--producer-type", "cooperative", "--name", "Chè búp khô", "--group", "thực phẩm")


@pytest.fixture
def ocop(sqlite_url: str):  # type: ignore[no-untyped-def]
    def call(*args: str):  # type: ignore[no-untyped-def]
        return invoke(sqlite_url, *args, today="2022-03-01")
    return call


def test_register_with_a_sub_group_typed_by_name(ocop) -> None:  # type: ignore[no-untyped-def]
    done = ocop("--json", *REGISTER, "--subgroup", "CHE TUOI, CHE BIEN")
    assert done.exit_code == 0, done.output
    dossier = str(json.loads(done.stdout)["id"])
    shown = json.loads(ocop("--json", "dossier", "show", dossier).stdout)
    assert (shown["group"], shown["subgroup"]) == ("food", "che")  # codes in --json
    human = ocop("dossier", "show", dossier).stdout
    assert "Thực phẩm, phân nhóm Chè tươi, chế biến" in " ".join(human.split())
    assert "che)" not in human


@pytest.mark.parametrize(("typed", "said"), [
    ("rượu trắng", "Phân nhóm 'Rượu trắng' thuộc nhóm Đồ uống, không thuộc nhóm Thực phẩm"),
    ("bánh kẹo", "Phân nhóm 'bánh kẹo' không có trong nhóm Thực phẩm theo QĐ 1048/QĐ-TTg"),
])
def test_a_sub_group_not_of_the_group_is_refused(ocop, typed: str, said: str) -> None:  # type: ignore[no-untyped-def]
    refused = ocop(*REGISTER, "--subgroup", typed)
    assert refused.exit_code == InvalidInput.exit_code
    message = " ".join(refused.stderr.split())
    assert said in message and "Traceback" not in refused.output
    assert json.loads(ocop("--json", "dossier", "list").stdout) == []  # nothing written
