"""A real uvicorn server on a free port and Debian's Chromium driven by Playwright (no browser
download: `playwright install` is never run)."""

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from states.documents.store import FileDesk, FileLimits
from storage.factory import build_store
from tests.fakes.s3_server import s3_bucket, s3_server  # noqa: F401  (fixtures)
from tests.web.conftest import Site, site_for
from web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTEFACTS = Path(__file__).parents[2] / "test-artefacts" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    def __init__(self, site: Site) -> None:
        self.site = site
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # Printed certificates' QR codes lead to this server's public pages.
        site.system.settings = site.system.settings.model_copy(update={"public_url": self.url})
        self.server = uvicorn.Server(uvicorn.Config(create_app(site.system), host="127.0.0.1",
                                                    port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "Server":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def server(sqlite_url: str) -> Iterator[Server]:
    for site in site_for(sqlite_url):
        with Server(site) as running:
            yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium (make test does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Path:
    folder = ARTEFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(params=["local", "s3"])
def files_server(request: pytest.FixtureRequest, sqlite_url: str, tmp_path: Path) -> Iterator[Server]:
    if request.param == "local":
        store = build_store("local", tmp_path / "files")
    else:
        store = build_store("s3", tmp_path / "files", s3_bucket=request.getfixturevalue("s3_bucket"),
                            s3_endpoint=request.getfixturevalue("s3_server"))
    for site in site_for(sqlite_url):
        site.system.files = FileDesk(store, FileLimits())
        with Server(site) as running:
            yield running
