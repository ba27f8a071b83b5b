"""Coded options take the Vietnamese label as well as the code, in any case, with or without
diacritics, and their help lists both (issue 12)."""

import json

import pytest
from typer.testing import CliRunner

from ocop_cli.main import app
from states.errors import InvalidInput
from states.vocabulary import ProducerType, RevocationReason, State, parse_code

runner = CliRunner()


def ocop(url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", url, "--today", "2022-03-01", "--as", "admin", *args])
    return result.exit_code, result.stdout, result.stderr


def test_register_and_list_with_labels(sqlite_url: str) -> None:
    code, out, err = ocop(sqlite_url, "--json", "product", "register", "--unit", "Huyện Lục Ngạn",
                          "--producer", "Hộ Nguyễn Văn A", "--producer-type", "hộ kinh doanh",
                          "--name", "Vải thiều sấy", "--group", "THỰC PHẨM")
    assert code == 0, err
    dossier_id = json.loads(out)["id"]
    for typed in ("Đã đăng ký", "da dang ky", "registered"):
        code, out, err = ocop(sqlite_url, "--json", "dossier", "list", "--state", typed)
        assert code == 0, err
        assert [row["id"] for row in json.loads(out)] == [dossier_id]
    code, out, _ = ocop(sqlite_url, "--json", "dossier", "list", "--state", "Đã công nhận")
    assert json.loads(out) == []


def test_an_unknown_or_ambiguous_label_lists_codes_and_labels(sqlite_url: str) -> None:
    code, _, err = ocop(sqlite_url, "dossier", "list", "--state", "đã")
    assert code == 2
    assert "khớp nhiều lựa chọn" in err and "certified (Đã công nhận)" in err
    assert "returned" not in err
    code, _, err = ocop(sqlite_url, "product", "register", "--unit", "Huyện Lục Ngạn",
                        "--producer", "X", "--producer-type", "hợp tác", "--name", "Y",
                        "--group", "đồ gỗ")
    assert code == 2
    assert "Nhóm sản phẩm 'đồ gỗ' không có trong" in err and "food (Thực phẩm)" in err


@pytest.mark.parametrize(("kind", "typed", "code"), [
    (RevocationReason, "ngừng hoạt động", RevocationReason.CEASED),
    (RevocationReason, "Ngung hoat dong san xuat, kinh doanh", RevocationReason.CEASED),
    (RevocationReason, "failed-mandatory", RevocationReason.FAILED_MANDATORY),
    (ProducerType, "Hợp tác xã", ProducerType.COOPERATIVE),
    (ProducerType, "hộ sản xuất", ProducerType.HOUSEHOLD),
    (State, "ĐÃ CÔNG NHẬN", State.CERTIFIED),
])
def test_one_parser_for_every_coded_value(kind: type, typed: str, code: object) -> None:
    assert parse_code(kind, typed, "Giá trị") == code


def test_a_typo_is_refused() -> None:
    with pytest.raises(InvalidInput, match="Lý do 'hoạt động' không hợp lệ"):
        parse_code(RevocationReason, "hoạt động", "Lý do")  # words inside a label are not enough
    with pytest.raises(InvalidInput, match="không hợp lệ"):
        parse_code(State, "cong nhan", "Trạng thái")


@pytest.mark.parametrize(("command", "shown"), [
    (["product", "register"], "household (Hộ kinh doanh / hộ sản xuất)"),
    (["dossier", "revoke"], "ceased (Ngừng hoạt động sản xuất, kinh doanh)"),
    (["dossier", "list"], "certified (Đã công nhận)"),
    (["outbox", "list"], "pending (chờ gửi)"),
])
def test_help_lists_codes_with_labels(command: list[str], shown: str) -> None:
    result = runner.invoke(app, [*command, "--help"], terminal_width=400)
    assert " ".join(shown.split()) in " ".join(result.stdout.split())
