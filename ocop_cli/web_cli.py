"""`ocop web`: the web application with uvicorn, over the system built from the environment."""

import threading
from typing import TYPE_CHECKING, Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.output import say

if TYPE_CHECKING:
    from uvicorn import Server

Host = Annotated[str, typer.Option(help="Địa chỉ lắng nghe.")]
Port = Annotated[int, typer.Option(help="Cổng của ứng dụng web.")]
Https = Annotated[bool, typer.Option("--https", help="Chạy sau một proxy HTTPS: cookie Secure, HSTS.")]


def web_server(ctx: typer.Context, host: str, port: int, https: bool) -> "Server":
    import uvicorn

    from web.app import create_app

    app = create_app(state_of(ctx).system(), https=https)
    return uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning",
                                         proxy_headers=https))


def web(ctx: typer.Context, host: Host = "127.0.0.1", port: Port = 8000, https: Https = False) -> None:
    """Chạy ứng dụng web (trang cho cán bộ và Sở, API /api/v1). Dừng bằng Ctrl+C."""
    server = web_server(ctx, host, port, https)
    say(f"Ứng dụng web: http://{host}:{port}/ (API: http://{host}:{port}/api/docs)")
    server.run()


def start_in_background(ctx: typer.Context, host: str, port: int) -> "Server":
    """For `ocop serve`: the web application in a thread beside the schedules."""
    server = web_server(ctx, host, port, False)
    threading.Thread(target=server.run, name="ocop-web", daemon=True).start()
    return server


def register(app: typer.Typer) -> None:
    app.command("web")(web)
