"""`ocop producer invite|disable`: the officer's commands, one sentence and exit code each."""

import json

from sqlalchemy import select

from states.db.models import OutboxMessage
from tests.builders import register
from tests.cli.actors import invoke
from tests.conftest import make_runtime
from use_cases.identity import add_user_with_password

PASSWORD = "mat-khau-thu-nghiem"


def test_invite_queues_the_letter_without_showing_the_link(sqlite_url: str) -> None:
    rt = make_runtime(sqlite_url)
    add_user_with_password(rt, "admin", "can-bo-luc-ngan", "district", "luc-ngan", None, PASSWORD)
    add_user_with_password(rt, "admin", "can-bo-yen-the", "district", "yen-the", None, PASSWORD)
    dossier = register(rt)
    done = invoke(sqlite_url, "--json", "producer", "invite", str(dossier), "--email",
                  "a@example.vn", user="can-bo-luc-ngan")
    assert done.exit_code == 0, done.output
    sent = json.loads(done.output[:done.output.rindex("}") + 1])
    assert sent["login"] == "a@example.vn" and "token" not in done.output
    with rt.transaction() as session:
        body = session.scalars(select(OutboxMessage.text_body).where(
            OutboxMessage.dedupe_key == sent["outbox_key"])).one()
    link = body[body.index("/account/setup?token="):].split()[0]
    assert link not in done.output
    refused = invoke(sqlite_url, "producer", "invite", str(dossier), "--email", "x",
                     user="can-bo-luc-ngan")
    assert refused.exit_code == 2 and "không hợp lệ" in refused.output
    elsewhere = invoke(sqlite_url, "producer", "invite", str(dossier), user="can-bo-yen-the")
    assert elsewhere.exit_code == 5 and f"Không có hồ sơ số {dossier}." in elsewhere.output
    off = invoke(sqlite_url, "producer", "disable", "a@example.vn", "--reason", "ngừng hoạt động",
                 user="can-bo-luc-ngan")
    assert off.exit_code == 0 and "Đã khoá tài khoản chủ thể a@example.vn" in off.output
    as_producer = invoke(sqlite_url, "dossier", "list", user="a@example.vn")
    assert as_producer.exit_code == 4
    rt.db.dispose()
