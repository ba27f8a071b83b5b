"""A web application over a migrated database, people of every role, logged-in clients."""

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select

from bootstrap.settings import EnvSettings
from bootstrap.system import System
from states.db.models import OutboxMessage
from states.documents.store import FileDesk, FileLimits
from states.runtime import Runtime
from storage.factory import build_store
from tests.conftest import make_runtime
from use_cases.dashboard import forget_dashboards
from use_cases.identity import add_user_with_password, set_password
from use_cases.producer_accounts import accept_invitation, invite_producer
from web.app import create_app

PASSWORD = "mat-khau-thu-nghiem"
# name → (role, unit): one of each role, and two districts to test that units stay apart.
PEOPLE = {
    "admin": ("department", None),
    "can-bo-yen-the": ("district", "yen-the"),
    "can-bo-luc-ngan": ("district", "luc-ngan"),
    "thu-ky": ("council-secretary", None),
}


class Wall:
    """The real clock of sessions and lockouts, set by the test."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Site:
    rt: Runtime
    wall: Wall
    system: System

    def client(self, https: bool = False, address: str = "testclient",
               app: FastAPI | None = None) -> TestClient:
        """A browser at `address`, on its own application or on `app` (shared with others)."""
        return TestClient(app or create_app(self.system, wall=self.wall, https=https),
                          base_url="https://testserver" if https else "http://testserver",
                          client=(address, 50000))

    def login(self, name: str, password: str = PASSWORD, https: bool = False) -> TestClient:
        client = self.client(https)
        reply = login(client, name, password)
        assert reply.status_code == 303, reply.text
        return client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def login(client: TestClient, name: str, password: str, next_path: str = "/") -> Response:
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"username": name, "password": password, "csrf": token,
                                       "next": next_path}, follow_redirects=False)


def invitation_token(rt: Runtime, outbox_key: str) -> str:
    """The one-time token of an invitation, as the producer reads it in the e-mail."""
    with rt.transaction() as session:
        body = session.scalars(select(OutboxMessage.text_body).where(
            OutboxMessage.dedupe_key == outbox_key)).one()
    found = re.search(r"/account/setup\?token=([\w-]+)", body)
    assert found, "no link in the invitation"
    return found.group(1)


def invite_and_set_password(site: "Site", dossier_id: int, email: str,
                            officer: str = "admin") -> str:
    """A producer's account for the dossier's producer, its password set to PASSWORD."""
    sent = invite_producer(site.rt, officer, dossier_id, email=email, site_url="http://testserver",
                           valid_for=timedelta(days=7), now=site.wall())
    accept_invitation(site.rt, invitation_token(site.rt, sent.outbox_key), PASSWORD, PASSWORD,
                      "testclient", site.wall())
    return sent.login


def people(rt: Runtime) -> None:
    set_password(rt, "admin", "admin", PASSWORD, must_change=False)
    for name, (role, unit) in PEOPLE.items():
        if name != "admin":
            add_user_with_password(rt, "admin", name, role, unit, None, PASSWORD)


def site_for(url: str) -> Iterator[Site]:
    forget_dashboards()  # PostgreSQL tests reuse one database, emptied between tests
    rt = make_runtime(url)
    people(rt)
    settings = EnvSettings(database_url=url)
    yield Site(rt, Wall(), System(rt, settings.notifier_settings(), settings))
    rt.db.dispose()


@pytest.fixture
def site(sqlite_url: str) -> Iterator[Site]:
    yield from site_for(sqlite_url)


@pytest.fixture
def any_site(db_url: str) -> Iterator[Site]:
    """The same test on SQLite and on PostgreSQL."""
    yield from site_for(db_url)


# Issue 25: small limits, so that a test can pass one without sending megabytes.
LIMITS = FileLimits(max_file_bytes=200_000, max_dossier_bytes=1_000_000)


@pytest.fixture
def files_site(site: Site, tmp_path: Path) -> Site:
    """The site with a local file store of its own (the officer's and the producers' tests)."""
    desk = FileDesk(build_store("local", tmp_path / "files"), LIMITS)
    return dataclasses.replace(site, system=dataclasses.replace(site.system, files=desk))
