"""The application factory: one FastAPI app over one System (built once by `ocop web` /
`ocop serve` from the environment; tests build it explicitly)."""

from collections.abc import Callable
from datetime import UTC, datetime

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.responses import PlainTextResponse

from bootstrap.system import System
from web import api, api_docs, council_api, files_api, producer_api, public_api
from web.api_schema import contract
from web.errors import HANDLERS
from web.pages import (
    account_setup,
    admin,
    auth_pages,
    campaigns,
    consultants,
    council_files,
    council_printouts,
    council_setup,
    councils,
    dashboard,
    dossier,
    files,
    outbox,
    producer_accounts,
    producer_files,
    producer_portal,
    register,
    registry,
    training,
    unit,
    unsettled,
    worklist,
)
from web.rate_limit import TokenBuckets
from web.rendering import HERE
from web.security import SecurityHeaders


def wall_clock() -> datetime:
    return datetime.now(UTC)


def create_app(system: System, *, wall: Callable[[], datetime] = wall_clock,
               https: bool = False, public_limit: TokenBuckets | None = None) -> FastAPI:
    """`wall` is the real clock of sessions, lockouts and the public pages' limit (tests set
    it); `https` marks the session cookie Secure and sends HSTS (behind a TLS proxy);
    `public_limit` the requests each address may make to the public pages (default: bursts of
    60, then one a second)."""
    app = FastAPI(title="OCOP Workflow API", version="1", docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Hồ sơ OCOP: danh sách, xem, đăng ký, từng bước, bảng điều hành; "
                              "tra cứu công khai sản phẩm đã công nhận.")
    app.state.system = system
    app.state.wall = wall
    app.state.https = https
    app.state.public_limit = public_limit if public_limit is not None else TokenBuckets()
    for error, handler in HANDLERS.items():
        app.add_exception_handler(error, handler)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (auth_pages, worklist, dossier, register, dashboard, campaigns, outbox, admin,
                   registry, training, consultants, unsettled, unit, api_docs, account_setup,
                   producer_portal, producer_accounts, files,
                   council_setup, councils, council_printouts,  # /councils/new before /{id}
                   producer_files, council_files):
        app.include_router(module.router, include_in_schema=False)
    app.include_router(api.router)
    app.include_router(producer_api.router)
    app.include_router(council_api.router)  # issue 21
    app.include_router(public_api.router)
    app.include_router(files_api.router)  # issue 25

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> PlainTextResponse:
        return PlainTextResponse("ok")

    # Served fresh: the groups offered follow the rulebook of the day's round.
    app.openapi = lambda: contract(app)  # type: ignore[method-assign]
    app.add_middleware(SecurityHeaders, https=https)
    return app
