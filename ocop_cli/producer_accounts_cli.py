"""Producers' own accounts (issue 25): `ocop producer invite|disable`."""

from typing import Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.dossier_cli import DossierId
from ocop_cli.output import reply
from ocop_cli.units_cli import producer_app


def producer_invite(ctx: typer.Context, dossier_id: DossierId, email: Annotated[
        str | None, typer.Option("--email", help="Email của chủ thể (mặc định: email đã ghi "
                                                 "của chủ thể); cũng là tên đăng nhập.")] = None,
                    ) -> None:
    """Mời chủ thể của hồ sơ dùng tài khoản riêng: gửi email có liên kết đặt mật khẩu dùng một
    lần (hạn OCOP_INVITATION_DAYS ngày, mặc định 7). Lời mời cũ chưa dùng hết hiệu lực."""
    from datetime import timedelta

    from states.clock import format_local_datetime, real_now
    from use_cases.producer_accounts import invite_producer

    state = state_of(ctx)
    settings = state.system().settings
    sent = invite_producer(state.runtime(), state.actor, dossier_id, email=email,
                           site_url=settings.public_url,
                           valid_for=timedelta(days=settings.invitation_days), now=real_now())
    reply(state.as_json, sent,
          f"Đã xếp thư mời {sent.producer} ({sent.email}) vào hộp thư đi; tên đăng nhập "
          f"{sent.login}, liên kết dùng được đến {format_local_datetime(sent.expires_at)}.")


def producer_disable(ctx: typer.Context, name: Annotated[str, typer.Argument(
        metavar="TÊN_ĐĂNG_NHẬP")], reason: Annotated[str, typer.Option(
        "--reason", help="Lý do khoá (bắt buộc; ghi vào nhật ký tài khoản).")]) -> None:
    """Khoá tài khoản của chủ thể: không đăng nhập được nữa (lịch sử vẫn giữ)."""
    from use_cases.producer_accounts import disable_producer_account

    state = state_of(ctx)
    done = disable_producer_account(state.runtime(), state.actor, name, reason)
    reply(state.as_json, done, f"Đã khoá tài khoản chủ thể {name}. Lý do: "
                               f"{done.reason.rstrip('.')}.")


def register() -> None:
    producer_app.command("invite")(producer_invite)
    producer_app.command("disable")(producer_disable)
