"""Every number of notice policy comes from the province's settings: change one, see the
behaviour change (the default is checked beside it)."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from states.db.models import OutboxMessage
from states.runtime import Runtime
from tests.builders import advance, register
from tests.conftest import at, make_runtime
from use_cases import schedules
from use_cases.campaigns import open_campaign
from use_cases.queries import show_dossier


@pytest.fixture
def province(tmp_path: Path, sqlite_url: str) -> Iterator[tuple[Runtime, Runtime]]:
    """A runtime with the national defaults and one reading `province.toml` from a folder."""
    folder = tmp_path / "rules"
    folder.mkdir()
    default = make_runtime(sqlite_url)
    custom = make_runtime(sqlite_url, rules_dir=folder)
    yield default, custom
    default.db.dispose()
    custom.db.dispose()


def write_province(rt: Runtime, text: str) -> None:
    assert rt.rules_dir is not None
    (rt.rules_dir / "province.toml").write_text(text, encoding="utf-8")


def keys(rt: Runtime) -> list[str]:
    with rt.transaction() as session:
        return sorted(session.scalars(select(OutboxMessage.dedupe_key)))


def test_expiry_notice_days(province: tuple[Runtime, Runtime]) -> None:
    default, custom = province
    write_province(custom, "[notices]\nexpiry_notice_days = 45\n")
    at(default, date(2019, 10, 1))
    advance(default, register(default), "certified")  # expires 01/10/2022
    for rt in (default, custom):
        at(rt, date(2022, 8, 16))  # 46 days before
        assert schedules.expire_certificates(rt).notices_queued == 0
    at(default, date(2022, 8, 17))  # 45 days before: the province's notice, not the national one
    assert schedules.expire_certificates(default).notices_queued == 0
    at(custom, date(2022, 8, 17))
    assert schedules.expire_certificates(custom).notices_queued == 1


def test_due_soon_and_escalation_working_days(province: tuple[Runtime, Runtime]) -> None:
    default, custom = province
    write_province(custom, "[notices]\ndue_soon_working_days = 1\n"
                           "escalate_after_working_days = 20\n")
    at(default, date(2022, 9, 5))
    register(default, unit="Sơn Động", name="Mật ong rừng")  # due 26/09
    at(default, date(2022, 9, 21))  # due in 3 working days
    register(default, unit="Yên Thế", name="Gà đồi")  # due 12/10
    for rt in (default, custom):
        at(rt, date(2022, 10, 7))  # Mật ong 9 working days late; Gà đồi due in 3
    custom_report = schedules.deadline_reminders(custom)
    with custom.transaction() as session:
        department = session.scalar(select(OutboxMessage).where(
            OutboxMessage.kind == "department_digest"))
        assert department is not None and "Mật ong rừng" not in department.text_body
    assert "digest:yen-the:2022-10-07" not in keys(custom)  # not due within 1 working day
    assert custom_report.queued == 2  # Sơn Động's digest and the Department's
    at(default, date(2022, 10, 10))
    schedules.deadline_reminders(default)
    assert "digest:yen-the:2022-10-10" in keys(default)  # due within 3 working days
    with default.transaction() as session:
        digest = session.scalar(select(OutboxMessage).where(
            OutboxMessage.dedupe_key == "department-digest:2022-10-10"))
        assert digest is not None and "Mật ong rừng" in digest.text_body  # escalated after 5


def test_campaign_reminder_days_and_renewal_window(province: tuple[Runtime, Runtime]) -> None:
    default, custom = province
    write_province(custom, "[notices]\ncampaign_reminder_working_days = [3]\n"
                           "[campaigns]\nrenewal_window_days = 30\n")
    at(default, date(2019, 10, 10))
    soon = register(default, name="Vải thiều sấy")
    advance(default, soon, "certified")  # expires 10/10/2022
    at(default, date(2020, 3, 2))
    later = register(default, name="Gà đồi")
    advance(default, later, "certified")  # expires 02/03/2023: outside deadline + 30 days
    at(custom, date(2022, 9, 5))
    opened = open_campaign(custom, "admin", "renewal", date(2022, 10, 15))
    assert opened.products == 1
    assert show_dossier(custom, "admin", later).state == "certified"
    reminded = []
    for day in (date(2022, 9, 30), date(2022, 10, 7), date(2022, 10, 11), date(2022, 10, 13)):
        at(custom, day)
        if schedules.campaign_reminders(custom, opened.kind).queued:
            reminded.append(day.day)
    # 15/10/2022 is a Saturday: 3 working days are left on Tue 11/10; not 10, 5 or 1.
    assert reminded == [11]
