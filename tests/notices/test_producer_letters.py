"""The producer's letter of what is still missing, at registration and at return: exactly the
unticked required documents of the dossier's own rulebook, the next step, whom to ask."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from states.db.models import OutboxMessage
from states.errors import RuleRefused
from states.rules.rulebooks import BUILTIN_DIR
from states.runtime import Runtime
from tests.conftest import at, make_runtime
from use_cases import admin
from use_cases import dossiers as c

# A province's own rulebook whose checklist differs from every national one.
PILOT_DOCUMENTS = """
[[documents]]
code = "registration-form"
name = "Phiếu đăng ký sản phẩm"
required = true
[[documents]]
code = "story"
name = "Câu chuyện sản phẩm"
required = false
[[documents]]
code = "trace-plan"
name = "Kế hoạch truy xuất nguồn gốc"
required = true
[[documents]]
code = "business-plan"
name = "Phương án kinh doanh"
required = true

"""


@pytest.fixture
def pilot(tmp_path: Path, sqlite_url: str) -> Iterator[Runtime]:
    text = (BUILTIN_DIR / "qd1048-2019.toml").read_text(encoding="utf-8")
    head, tail = text.split("[[documents]]", 1)
    head = head.replace('code = "qd1048-2019"', 'code = "pilot-2022"')
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "pilot.toml").write_text(
        head + PILOT_DOCUMENTS + "[time_limits]" + tail.split("[time_limits]", 1)[1],
        encoding="utf-8")
    rt = make_runtime(sqlite_url, rulebook="pilot-2022", rules_dir=folder)
    yield rt
    rt.db.dispose()


def letters(rt: Runtime) -> dict[str, OutboxMessage]:
    with rt.transaction() as session:
        return {m.dedupe_key: m for m in session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "missing_documents"))}


def register(rt: Runtime, email: str | None = "htx@example.vn", actor: str = "admin",
             officer: str | None = None, product: str = "Gà đồi") -> int:
    from states.training.preparation_commands import parse_preparation

    return c.register_product(
        rt, actor, unit="Yên Thế", producer="HTX Gà đồi", producer_type="cooperative",
        product=product, group="food", email=email,
        preparation=parse_preparation(None, officer, None, []) if officer else None).id


def numbered(text: str) -> list[str]:
    """The numbered lines of the letter's list of missing documents."""
    return [line.split(". ", 1)[1] for line in text.splitlines() if line[:2] in {"1.", "2.", "3."}]


def test_registration_letter_names_the_rulebooks_required_documents(pilot: Runtime) -> None:
    dossier_id = register(pilot)
    letter = letters(pilot)[f"missing-documents:{dossier_id}:1:registered"]
    assert letter.recipients == ["htx@example.vn"]
    assert numbered(letter.text_body) == ["Phiếu đăng ký sản phẩm", "Kế hoạch truy xuất nguồn gốc",
                                          "Phương án kinh doanh"]
    assert "Câu chuyện sản phẩm" not in letter.text_body  # not required
    assert "chậm nhất ngày 22/03/2022" in letter.text_body  # 15 working days after 01/03
    assert "vui lòng chuyển" not in letter.text_body
    assert "<li>Kế hoạch truy xuất nguồn gốc</li>" in letter.html_body


def test_return_letter_names_what_is_still_missing(pilot: Runtime) -> None:
    dossier_id = register(pilot)
    c.inspect(pilot, "admin", dossier_id, on=date(2022, 3, 1), inspectors=["Nguyễn Văn An"])
    c.score(pilot, "admin", dossier_id, totals=[40, 44])
    c.update_documents(pilot, "admin", dossier_id, add=["trace-plan", "story"], remove=[])
    at(pilot, date(2022, 3, 3))
    c.return_dossier(pilot, "admin", dossier_id, reason="Dưới 50 điểm")
    letter = letters(pilot)[f"missing-documents:{dossier_id}:1:returned"]
    assert numbered(letter.text_body) == ["Phiếu đăng ký sản phẩm", "Phương án kinh doanh"]
    assert "Lý do: Dưới 50 điểm." in letter.text_body
    assert "Điểm hội đồng: 42 (cần từ 50 điểm)." in letter.text_body
    assert "đăng ký lại ở đợt đánh giá tiếp theo, từ ngày 01/07/2022" in letter.text_body
    assert len(letters(pilot)) == 2


def test_a_refused_return_writes_no_letter(rt: Runtime) -> None:
    dossier_id = register(rt)
    with pytest.raises(RuleRefused):
        c.return_dossier(rt, "admin", dossier_id, reason="thiếu hồ sơ")
    assert list(letters(rt)) == [f"missing-documents:{dossier_id}:1:registered"]


def test_without_an_address_the_unit_hands_the_letter_over(rt: Runtime) -> None:
    admin.add_user(rt, "admin", "can-bo-yen-the", "district", "Yên Thế", "canbo@yenthe.vn")
    dossier_id = register(rt, email=None)
    letter = letters(rt)[f"missing-documents:{dossier_id}:1:registered"]
    assert letter.recipients == ["ocop.yenthe@example.invalid", "canbo@yenthe.vn"]
    # Under the Department's letterhead (issue 11: from the seed, dated).
    assert letter.text_body.startswith(
        "UBND TỈNH BẮC GIANG\nSỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN\n\n"
        "Kính gửi UBND huyện Yên Thế: chủ thể HTX Gà đồi chưa có địa chỉ email, "
        "vui lòng chuyển thư này cho chủ thể.")
    assert numbered(letter.text_body)[0] == "Phiếu đăng ký sản phẩm (mẫu 01 hoặc 02)"


def test_the_letter_names_the_officer_to_ask(rt: Runtime) -> None:
    for name in ("first", "registrar", "helper"):
        admin.add_user(rt, "admin", f"can-bo-{name}", "district", "Yên Thế", f"{name}@yenthe.vn")
    by_admin = register(rt)
    by_registrar = register(rt, actor="can-bo-registrar", product="Gà đồi thả vườn")
    helped = register(rt, actor="can-bo-registrar", officer="can-bo-helper", product="Gà ri")
    found = letters(rt)
    for dossier_id, email in ((by_admin, "first"), (by_registrar, "registrar"),
                              (helped, "helper")):
        text = found[f"missing-documents:{dossier_id}:1:registered"].text_body
        assert f"can-bo-{email} ({email}@yenthe.vn), cán bộ OCOP của Huyện Yên Thế." in text
