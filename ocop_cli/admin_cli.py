"""Set-up commands: init, users, units, the lifecycle diagram."""

import shutil
import subprocess
from typing import Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.output import emit_json, say, table
from states.errors import ConfigurationError, InvalidInput
from states.permissions import ROLES

user_app = typer.Typer(help="Người dùng.", no_args_is_help=True)
unit_app = typer.Typer(help="Đơn vị hành chính và địa chỉ liên hệ OCOP.", no_args_is_help=True)


def init(
    ctx: typer.Context,
    province: Annotated[str | None, typer.Option(help="Tên tỉnh hiển thị.")] = None,
    seed: Annotated[str, typer.Option(help="Bộ dữ liệu đơn vị ban đầu.")] = "bac-giang-2022",
) -> None:
    """Tạo hoặc nâng cấp CSDL, nạp các đơn vị của tỉnh và người dùng admin (chạy lại an toàn)."""
    from states import admin_commands

    state = state_of(ctx)
    result = admin_commands.init(state.runtime(), seed=seed, province=province)
    if state.as_json:
        emit_json(result)
    else:
        say(f"Đã khởi tạo CSDL {result['database']}: {result['province']}, "
                      f"{result['units']} đơn vị cấp huyện, người dùng 'admin'.")


def diagram(
    fmt: Annotated[str, typer.Option("--format", help="mermaid hoặc svg (cần graphviz).")] = "mermaid",
) -> None:
    """In sơ đồ trạng thái hồ sơ, sinh từ chính bảng quy tắc."""
    from states.lifecycle import graphviz_dot, mermaid

    if fmt == "mermaid":
        typer.echo(mermaid(), nl=False)
        return
    if fmt != "svg":
        raise InvalidInput(f"Định dạng '{fmt}' không hỗ trợ: chọn mermaid hoặc svg.")
    dot = shutil.which("dot")
    if dot is None:
        raise ConfigurationError("Chưa cài graphviz (lệnh 'dot'): apt-get install graphviz, "
                                 "hoặc dùng --format mermaid.")
    svg = subprocess.run([dot, "-Tsvg"], input=graphviz_dot(), capture_output=True, text=True,
                         check=True).stdout
    typer.echo(svg, nl=False)


@user_app.command("add")
def user_add(
    ctx: typer.Context,
    name: str,
    role: Annotated[str, typer.Option(help="department, district hoặc council-secretary.")],
    unit: Annotated[str | None, typer.Option(help="Đơn vị (tên hoặc mã).")] = None,
    email: Annotated[str | None, typer.Option(help="Email nhận nhắc việc.")] = None,
) -> None:
    """Thêm người dùng."""
    from states import admin_commands

    state = state_of(ctx)
    result = admin_commands.add_user(state.runtime(), state.actor, name, role, unit, email)
    if state.as_json:
        emit_json(result)
    else:
        say(f"Đã thêm người dùng {name} ({ROLES[role]}).")


@unit_app.command("list")
def unit_list(ctx: typer.Context) -> None:
    """Liệt kê các đơn vị và email liên hệ."""
    from states import admin_commands

    state = state_of(ctx)
    units = admin_commands.list_units(state.runtime())
    if state.as_json:
        emit_json(units)
        return
    table("Đơn vị", ["Mã", "Tên", "Cấp", "Email liên hệ"],
          [(u["code"], u["name"], u["level"], ", ".join(u["contacts"])) for u in units])


@unit_app.command("set-contacts")
def unit_set_contacts(ctx: typer.Context, unit: str, emails: list[str]) -> None:
    """Đặt địa chỉ email OCOP của một đơn vị (thay thế danh sách cũ)."""
    from states import admin_commands

    state = state_of(ctx)
    result = admin_commands.set_contacts(state.runtime(), state.actor, unit, emails)
    if state.as_json:
        emit_json(result)
    else:
        say(f"{result['name']}: {', '.join(result['contacts'])}")


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("diagram")(diagram)
    app.add_typer(user_app, name="user")
    app.add_typer(unit_app, name="unit")
