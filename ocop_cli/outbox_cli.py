"""The outbox: what was decided to be sent, what was sent, what failed and why."""

from typing import TYPE_CHECKING, Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.output import emit_json, listing, reply, say
from ocop_cli.parsing import choices_help
from states.errors import DeliveryFailed, InvalidInput
from states.vocabulary import MailKind, OutboxStatus, label_or_code

if TYPE_CHECKING:
    from notifiers.outbox import OutboxRow

outbox_app = typer.Typer(help="Hộp thư đi: thư nhắc việc, tổng hợp, thông báo.", no_args_is_help=True)


@outbox_app.command("list")
def outbox_list(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help=choices_help(OutboxStatus))] = None,
    limit: Annotated[int, typer.Option(help="Số thư tối đa.")] = 200,
) -> None:
    """Liệt kê thư trong hộp thư đi (mới nhất trước)."""
    from states.vocabulary import OutboxStatus, parse_code
    from use_cases.outbox import messages_for

    state = state_of(ctx)
    wanted = parse_code(OutboxStatus, status, "Trạng thái thư") if status else None
    rows = messages_for(state.runtime(), state.actor, wanted, limit)
    listing(state.as_json, rows, f"Hộp thư đi ({len(rows)})",
            ["Số", "Trạng thái", "Loại", "Người nhận", "Tiêu đề", "Lần", "Gửi / thử lại lúc", "Lỗi"],
            lambda r: (r.id, r.status, label_or_code(MailKind, r.kind), ", ".join(r.recipients),
                       r.subject, r.attempts, next_try(r), r.last_error),
            drop=("Tiêu đề", "Loại", "Lần"))


def next_try(row: "OutboxRow") -> str:
    """When the dispatcher next takes a waiting letter (after a failure: the backoff's time)."""
    from states.clock import format_local_datetime
    from states.vocabulary import OutboxStatus

    return format_local_datetime(row.next_attempt_at) if row.status == OutboxStatus.PENDING else ""


@outbox_app.command("send")
def outbox_send(
    ctx: typer.Context,
    limit: Annotated[int | None, typer.Option(help="Gửi tối đa N thư.")] = None,
) -> None:
    """Gửi các thư đến lượt (theo OCOP_NOTIFIER: file, smtp hoặc sendgrid)."""
    from use_cases.outbox import send

    if limit is not None and limit < 1:
        raise InvalidInput("--limit phải lớn hơn 0.")
    state = state_of(ctx)
    system = state.system()
    report = send(system.rt, state.actor, system.mail, limit)
    reply(state.as_json, report, f"Đã gửi {report.sent} thư; {report.retrying} thư sẽ thử lại; "
                                 f"{report.failed} thư thất bại.")
    if not state.as_json:
        for error in report.errors:
            say(f"  - {error}")
    if report.failed:
        raise typer.Exit(DeliveryFailed.exit_code)


@outbox_app.command("retry")
def outbox_retry(
    ctx: typer.Context,
    message_id: Annotated[int | None, typer.Argument(metavar="ID",
                                                     help="Số của một thư thất bại.")] = None,
    all_failed: Annotated[bool, typer.Option("--all-failed",
                                             help="Mọi thư thất bại (sau một sự cố).")] = False,
    since: Annotated[str | None, typer.Option(
        help="Cùng --all-failed: chỉ thư thất bại từ ngày này (YYYY-MM-DD).")] = None,
) -> None:
    """Đưa một thư thất bại, hoặc mọi thư thất bại, trở lại hàng đợi."""
    from ocop_cli.parsing import parse_day
    from use_cases.outbox import retry_failed, retry_message

    if (message_id is None) == (not all_failed):
        raise InvalidInput("Cho biết số thư, hoặc --all-failed (không dùng cả hai).")
    if since is not None and not all_failed:
        raise InvalidInput("--since chỉ dùng cùng --all-failed.")
    day = parse_day(since, "--since") if since is not None else None
    state = state_of(ctx)
    if message_id is None:
        count = retry_failed(state.runtime(), state.actor, day)
        reply(state.as_json, {"requeued": count},
              f"Đã đưa {count} thư thất bại trở lại hàng đợi.")
        return
    retry_message(state.runtime(), state.actor, message_id)
    if state.as_json:
        emit_json({"id": message_id, "status": "pending"})
    else:
        say(f"Thư số {message_id} đã được đưa lại hàng đợi.")


def register(app: typer.Typer) -> None:
    app.add_typer(outbox_app, name="outbox")
