"""The outbox: what was decided to be sent, what was sent, what failed and why."""

from typing import Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.output import emit_json, say, table
from states.errors import DeliveryFailed, InvalidInput
from states.permissions import authorize

outbox_app = typer.Typer(help="Hộp thư đi: thư nhắc việc, tổng hợp, thông báo.", no_args_is_help=True)


@outbox_app.command("list")
def outbox_list(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="pending, sending, sent hoặc failed.")] = None,
    limit: Annotated[int, typer.Option(help="Số thư tối đa.")] = 200,
) -> None:
    """Liệt kê thư trong hộp thư đi (mới nhất trước)."""
    from notifiers.outbox import list_messages

    state = state_of(ctx)
    with state.runtime().transaction() as session:
        rows = list_messages(session, status, limit)
    if state.as_json:
        emit_json(rows)
        return
    table(f"Hộp thư đi ({len(rows)})", ["Số", "Trạng thái", "Loại", "Người nhận", "Tiêu đề", "Lần", "Lỗi"],
          [(r["id"], r["status"], r["kind"], ", ".join(r["recipients"]), r["subject"], r["attempts"],
            r["last_error"]) for r in rows])


@outbox_app.command("send")
def outbox_send(
    ctx: typer.Context,
    limit: Annotated[int | None, typer.Option(help="Gửi tối đa N thư.")] = None,
) -> None:
    """Gửi các thư đến lượt (theo OCOP_NOTIFIER: file, smtp hoặc sendgrid)."""
    from notifiers.sending import dispatch
    from states.runtime import find_user

    if limit is not None and limit < 1:
        raise InvalidInput("--limit phải lớn hơn 0.")
    state = state_of(ctx)
    rt = state.runtime()
    with rt.transaction() as session:
        authorize(find_user(session, state.actor), "outbox")
    report = dispatch(rt, limit=limit)
    result = {"claimed": report.claimed, "sent": report.sent, "retrying": report.retrying,
              "failed": report.failed, "errors": report.errors}
    if state.as_json:
        emit_json(result)
    else:
        say(f"Đã gửi {report.sent} thư; {report.retrying} thư sẽ thử lại; {report.failed} thư thất bại.")
        for error in report.errors:
            say(f"  - {error}")
    if report.failed:
        raise typer.Exit(DeliveryFailed.exit_code)


@outbox_app.command("retry")
def outbox_retry(ctx: typer.Context, message_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """Đưa một thư thất bại trở lại hàng đợi."""
    from notifiers.outbox import retry
    from states.runtime import find_user

    state = state_of(ctx)
    rt = state.runtime()
    with rt.transaction() as session:
        authorize(find_user(session, state.actor), "outbox")
        retry(session, message_id, rt.clock.now())
    if state.as_json:
        emit_json({"id": message_id, "status": "pending"})
    else:
        say(f"Thư số {message_id} đã được đưa lại hàng đợi.")


def register(app: typer.Typer) -> None:
    app.add_typer(outbox_app, name="outbox")
