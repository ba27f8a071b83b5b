"""Passwords and API tokens: `ocop user set-password|disable`, `ocop token create|revoke`."""

from typing import Annotated

import typer

from ocop_cli.admin_cli import user_app
from ocop_cli.context import state_of
from ocop_cli.output import emit_json, reply, say
from ocop_cli.passwords import PasswordFile, Prompt, chosen_password, show_generated

token_app = typer.Typer(help="Mã truy cập cá nhân cho API /api/v1.", no_args_is_help=True)


def user_set_password(ctx: typer.Context, name: str, password_file: PasswordFile = None,
                      prompt: Prompt = False) -> None:
    """Đặt mật khẩu (từ tệp, gõ vào, hoặc sinh mật khẩu dùng một lần); kết thúc các phiên đăng nhập."""
    from use_cases.identity import set_password

    state = state_of(ctx)
    result = set_password(state.runtime(), state.actor, name, chosen_password(password_file, prompt))
    if state.as_json:
        emit_json(result)
        return
    say(f"Đã đặt mật khẩu cho {name}.")
    show_generated(name, result.generated)


def user_disable(ctx: typer.Context, name: str, reason: Annotated[str, typer.Option(
        "--reason", help="Lý do khoá (bắt buộc; ghi vào nhật ký tài khoản).")]) -> None:
    """Khoá người dùng: không đăng nhập, không dùng API được nữa (lịch sử vẫn giữ)."""
    from use_cases.identity import disable_user

    state = state_of(ctx)
    done = disable_user(state.runtime(), state.actor, name, reason)
    if state.as_json:
        emit_json(done)
    else:
        say(f"Đã khoá người dùng {name}. Lý do: {done.reason.rstrip('.')}.")


@token_app.command("create")
def token_create(ctx: typer.Context, user: str,
                 name: Annotated[str | None, typer.Option("--name", help="Tên gợi nhớ.")] = None) -> None:
    """Tạo mã truy cập API cho USER; mã chỉ hiện một lần (chỉ lưu bản băm)."""
    from use_cases.identity import create_token

    state = state_of(ctx)
    created = create_token(state.runtime(), state.actor, user, name)
    reply(state.as_json, created, f"Mã truy cập số {created.id} của {created.user} (chỉ hiện lần này): "
                                  f"{created.token}")


@token_app.command("revoke")
def token_revoke(ctx: typer.Context, token_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """Thu hồi mã truy cập số ID."""
    from use_cases.identity import revoke_token

    state = state_of(ctx)
    revoke_token(state.runtime(), state.actor, token_id)
    reply(state.as_json, {"id": token_id, "revoked": True}, f"Đã thu hồi mã truy cập số {token_id}.")


def register(app: typer.Typer) -> None:
    user_app.command("set-password")(user_set_password)
    user_app.command("disable")(user_disable)
    app.add_typer(token_app, name="token")
