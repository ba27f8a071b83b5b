"""One producer completes its own dossier (issue 25), through the real use cases: the commune's
officer invites it, it sets its password from the e-mail's link, fills in and submits the
registration form, uploads every document of the checklist; the officer rejects one with a
reason (the letter links to the producer's page), the producer replaces it, the officer
accepts them all and records the field inspection."""

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from demo.replay import ADMIN, Demo
from states.db.models import OutboxMessage
from use_cases import dossiers
from use_cases.document_files import accept_file, list_files, reject_file, upload_file
from use_cases.producer_accounts import accept_invitation, invite_producer
from use_cases.producer_portal import save_draft, submit_form

EMAIL = "htx.demo.tu.nop@example.vn"
PASSWORD = "Mat-khau-demo-2026"
REASON = "Kế hoạch kinh doanh chưa có chữ ký và dấu của hợp tác xã"
# Small but real files: what the store checks is the content, not the name.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _token(demo: Demo, key: str) -> str:
    with demo.rt.transaction() as session:
        body = session.scalars(select(OutboxMessage.text_body).where(
            OutboxMessage.dedupe_key == key)).one()
    found = re.search(r"/account/setup\?token=([\w-]+)", body)
    assert found, "the invitation carries its link"
    return found.group(1)


def _signed_up(demo: Demo, invited_from: int) -> None:
    # Links expire on the wall clock; the demo's business date is in the past.
    now = datetime.now(UTC)
    url = demo.system.settings.public_url
    sent = invite_producer(demo.rt, ADMIN, invited_from, email=EMAIL, site_url=url,
                           valid_for=timedelta(days=7), now=now)
    accept_invitation(demo.rt, _token(demo, sent.outbox_key), PASSWORD, PASSWORD, "demo", now)


def _submitted(demo: Demo) -> int:
    form = save_draft(demo.rt, EMAIL, None, "01", {
        "product": "Mật ong hoa nhãn tự nộp", "group": "food", "subgroup": "Mật ong",
        "standards": "TCCS 02:2026/HTX", "producer_type": "cooperative", "phone": "0912000111",
        "email": EMAIL, "commune": "", "address": "Thôn Trung"})
    return submit_form(demo.rt, EMAIL, form.id)


def producer_completes_its_dossier(demo: Demo, invited_from: int, day: date,
                                   say: Callable[[str], None]) -> int:
    demo.on(day)
    _signed_up(demo, invited_from)
    number = _submitted(demo)
    desk, url = demo.system.files, demo.system.settings.public_url
    documents = [d for d in list_files(demo.rt, desk, EMAIL, number).documents if not d.physical]
    uploaded = {d.code: upload_file(demo.rt, desk, EMAIL, number, d.code, f"{d.code}.pdf",
                                    [PDF + d.code.encode()]) for d in documents}
    demo.on(day + timedelta(days=2))
    reject_file(demo.rt, ADMIN, uploaded["business-plan"].id, REASON, site_url=url)
    demo.on(day + timedelta(days=4))
    uploaded["business-plan"] = upload_file(demo.rt, desk, EMAIL, number, "business-plan",
                                            "ke-hoach-ban-2.png", [PNG])
    demo.on(day + timedelta(days=5))
    for view in uploaded.values():
        accept_file(demo.rt, ADMIN, view.id)
    physical = [d.code for d in list_files(demo.rt, desk, ADMIN, number).documents if d.physical]
    dossiers.update_documents(demo.rt, ADMIN, number, add=physical, remove=[])
    demo.on(day + timedelta(days=9))
    dossiers.inspect(demo.rt, ADMIN, number, on=day + timedelta(days=9),
                     inspectors=["Nguyễn Văn An", "Trần Thị Bình"], minutes_ref=f"BB-{number:04d}")
    demo.last_step[number] = day + timedelta(days=9)
    say(f"   Chủ thể {EMAIL} tự lập hồ sơ số {number}: {len(uploaded)} tài liệu đã nộp, "
        "1 bị từ chối rồi nộp lại, tất cả được chấp nhận, đã kiểm tra thực tế")
    return number
