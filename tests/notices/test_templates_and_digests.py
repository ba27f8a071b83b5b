"""Templates escape hostile text; digests go to the right units, once per day."""

from datetime import date

from sqlalchemy import select

from notices.digests import queue_deadline_reminders
from notices.expiry import queue_expiry_notices
from notices.rendering import render
from states.db.models import OutboxMessage
from states.oversight.sweeps import DueItem
from states.runtime import Runtime
from states.territory.departments import DepartmentView
from tests.builders import advance, register
from tests.conftest import at
from use_cases import admin

HOSTILE = '<script>alert("x")</script> "Bánh chưng" & \'Giò lụa\' ' + "Đặc sản Yên Thế " * 40


def item(**overrides: object) -> DueItem:
    values: dict[str, object] = dict(
        dossier_id=7, unit_id=1, unit_code="yen-the", unit_name="Huyện Yên Thế", product=HOSTILE,
        producer="HTX <b>Gà đồi</b>", state="registered", state_label="Đã đăng ký",
        action="Kiểm tra thực tế", due_on=date(2022, 10, 14), overdue_working_days=3)
    values.update(overrides)
    return DueItem(**values)  # type: ignore[arg-type]


def test_hostile_product_name_cannot_inject_markup() -> None:
    html, text = render("unit_digest", title="t", unit_name="Huyện Yên Thế", today=date(2022, 10, 19),
                        overdue=[item()], soon=[], soon_days=3,
                        department=DepartmentView("Sở <i>", "Sở", ("UBND TỈNH",), ("SỞ",), None,
                                                  "UBND tỉnh"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "&#34;Bánh chưng&#34;" in html
    assert "HTX &lt;b&gt;Gà đồi&lt;/b&gt;" in html
    assert "Đặc sản Yên Thế " * 40 in html
    # The plain-text part is not HTML: it keeps the text as typed.
    assert '<script>alert("x")</script>' in text
    assert "14/10/2022" in html and "quá 3 ngày làm việc" in text


def outbox(rt: Runtime) -> list[OutboxMessage]:
    # Registering a product also writes the producer's letter (tests/notices/test_producer_letters.py).
    with rt.transaction() as session:
        return list(session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind != "missing_documents").order_by(OutboxMessage.id)))


def test_digest_per_unit_once_per_day_with_escalation(rt: Runtime) -> None:
    admin.add_user(rt, "admin", "can-bo-son-dong", "district", "Sơn Động", "canbo.sondong@gmail.com")
    at(rt, date(2022, 9, 5))
    late = register(rt, unit="Sơn Động", name="Mật ong rừng")  # due 26/09 (15 working days)
    at(rt, date(2022, 9, 26))
    soon = register(rt, unit="Yên Thế", name="Gà đồi")  # due later
    at(rt, date(2022, 10, 14))  # late is 14 working days overdue; soon is due 17/10
    quiet = register(rt, unit="Lục Ngạn", name="Vải thiều")
    advance(rt, quiet, "district_inspected")  # due in 10 working days: not soon
    with rt.transaction() as session:
        report = queue_deadline_reminders(rt, session)
    messages = outbox(rt)
    keys = [m.dedupe_key for m in messages]
    assert sorted(keys) == ["department-digest:2022-10-14", "digest:son-dong:2022-10-14",
                            "digest:yen-the:2022-10-14"]
    assert report.queued == 3
    son_dong = next(m for m in messages if m.dedupe_key.startswith("digest:son-dong"))
    assert son_dong.recipients == ["ocop.sondong@example.invalid", "canbo.sondong@gmail.com"]
    assert f"#{late}" in son_dong.text_body and "quá 14 ngày làm việc" in son_dong.text_body
    # The letterhead and signature are the Department's of that day (the seed's, not a template's).
    assert son_dong.text_body.startswith("UBND TỈNH BẮC GIANG\nSỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG "
                                         "THÔN\n\nKính gửi UBND huyện Sơn Động,")
    assert "SỞ NÔNG NGHIỆP VÀ PTNT BẮC GIANG\n" in son_dong.text_body
    yen_the = next(m for m in messages if m.dedupe_key.startswith("digest:yen-the"))
    assert f"#{soon}" in yen_the.text_body and "Hạn 17/10/2022" in yen_the.text_body
    department = next(m for m in messages if m.kind == "department_digest")
    assert department.recipients == ["ocop.snn-bacgiang@example.invalid"]
    assert "Mật ong rừng" in department.text_body  # escalated: > 5 working days late
    assert "Gà đồi (Huyện Yên Thế)" not in department.text_body
    with rt.transaction() as session:
        again = queue_deadline_reminders(rt, session)
    assert (again.queued, again.already_queued) == (0, 3)
    assert len(outbox(rt)) == 3


def test_expiry_notice_thirty_days_before_once_per_certificate(rt: Runtime) -> None:
    at(rt, date(2019, 10, 1))
    dossier_id = register(rt)
    advance(rt, dossier_id, "certified")  # expires 01/10/2022
    at(rt, date(2022, 8, 31))
    with rt.transaction() as session:
        assert queue_expiry_notices(rt, session).queued == 0
    at(rt, date(2022, 9, 1))
    with rt.transaction() as session:
        assert queue_expiry_notices(rt, session).queued == 1
    at(rt, date(2022, 9, 2))
    with rt.transaction() as session:
        assert queue_expiry_notices(rt, session).queued == 0
    [notice] = outbox(rt)
    assert notice.recipients == ["htx.vaithieu@example.vn"]
    assert "01/10/2022" in notice.subject and "Vải thiều sấy khô" in notice.html_body
