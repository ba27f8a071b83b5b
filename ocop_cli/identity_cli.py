"""Passwords and API tokens: `ocop user set-password|disable`, `ocop token create|revoke`, and
how `ocop user add` gets its password."""

from pathlib import Path
from typing import Annotated

import typer

from ocop_cli.admin_cli import user_app
from ocop_cli.context import state_of
from ocop_cli.output import emit_json, reply, say
from states.errors import InvalidInput
from states.file_problems import why_unreadable

token_app = typer.Typer(help="Mã truy cập cá nhân cho API /api/v1.", no_args_is_help=True)
PasswordFile = Annotated[Path | None, typer.Option(
    "--password-file", help="Đọc mật khẩu từ dòng đầu của tệp (không hiện trên màn hình).")]
Prompt = Annotated[bool, typer.Option("--prompt", help="Hỏi mật khẩu (gõ hai lần, không hiện).")]


def chosen_password(password_file: Path | None, prompt: bool) -> str | None:
    """The password from a file or typed at a prompt; None: the system generates one."""
    if password_file is not None and prompt:
        raise InvalidInput("Chỉ dùng một trong hai: --password-file hoặc --prompt.")
    if password_file is not None:
        try:
            lines = password_file.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise InvalidInput(f"Không đọc được tệp mật khẩu {password_file}: "
                               f"{why_unreadable(error)}.") from None
        if not lines or not lines[0]:
            raise InvalidInput(f"Tệp mật khẩu {password_file} trống.")
        return lines[0]
    if prompt:
        first = str(typer.prompt("Mật khẩu", hide_input=True))
        if str(typer.prompt("Nhập lại mật khẩu", hide_input=True)) != first:
            raise InvalidInput("Hai lần nhập mật khẩu không khớp; không có gì thay đổi.")
        return first
    return None


def show_generated(name: str, generated: str | None) -> None:
    if generated is not None:
        say(f"Mật khẩu dùng một lần của {name} (chỉ hiện lần này; phải đổi khi đăng nhập): "
            f"{generated}")


@user_app.command("set-password")
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


@user_app.command("disable")
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
    app.add_typer(token_app, name="token")
