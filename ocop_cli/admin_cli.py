"""Set-up commands: init, users, units, the lifecycle diagram."""

import shutil
import subprocess
from pathlib import Path
from typing import Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.output import emit_json, listing, reply, say
from ocop_cli.parsing import choices_help
from states.errors import ConfigurationError, InvalidInput
from states.vocabulary import Role, UnitLevel

user_app = typer.Typer(help="Người dùng.", no_args_is_help=True)
unit_app = typer.Typer(help="Đơn vị hành chính và địa chỉ liên hệ OCOP.", no_args_is_help=True)


def init(
    ctx: typer.Context,
    province: Annotated[str | None, typer.Option(help="Tên tỉnh hiển thị.")] = None,
    rename_province: Annotated[bool, typer.Option(
        "--rename-province", help="Cho phép --province đổi tên tỉnh của một CSDL đã khởi tạo.")]
        = False,
    seed: Annotated[str, typer.Option(help=(
        "Bộ dữ liệu đơn vị ban đầu: bac-ninh-2025 (mặc định: tỉnh Bắc Ninh từ 01/07/2025, kèm "
        "lịch sử tỉnh Bắc Giang) hoặc bac-giang-2022 (chỉ Bắc Giang năm 2022)."))] = "bac-ninh-2025",
) -> None:
    """Tạo hoặc nâng cấp CSDL, nạp các đơn vị của tỉnh và người dùng admin (lần đầu: in mật khẩu
    dùng một lần để đăng nhập web; chạy lại an toàn). Trên CSDL đã có: chỉ người dùng của Sở
    (--as)."""
    from use_cases.admin import init as initialise
    from use_cases.operator import is_initialised

    state = state_of(ctx)
    rt = state.unchecked_system().rt
    if is_initialised(rt):
        state.department("Khởi tạo lại CSDL đã có (ocop init)")
    result = initialise(rt, seed=seed, province=province, rename_province=rename_province)
    reply(state.as_json, result, f"Đã khởi tạo CSDL {result.database}: {result.province}, "
                                 f"{result.units} đơn vị trực thuộc, người dùng 'admin'.")
    if result.admin_password and not state.as_json:
        say(f"Mật khẩu dùng một lần của 'admin' (chỉ hiện lần này; phải đổi khi đăng nhập web): "
            f"{result.admin_password}")


def diagram(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="mermaid hoặc svg (cần graphviz).")] = "mermaid",
) -> None:
    """In sơ đồ trạng thái hồ sơ, sinh từ chính bảng quy tắc (--json: các trạng thái và bước)."""
    from states.lifecycle.diagram import graphviz_dot, mermaid, transitions

    if state_of(ctx).as_json:
        emit_json(transitions())
        return
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
    role: Annotated[str, typer.Option(help=choices_help(Role))],
    unit: Annotated[str | None, typer.Option(help="Đơn vị (tên hoặc mã).")] = None,
    email: Annotated[str | None, typer.Option(help="Email nhận nhắc việc.")] = None,
    full_name: Annotated[str | None, typer.Option(help="Họ tên hiển thị.")] = None,
    password_file: Annotated[Path | None, typer.Option(
        help="Mật khẩu ở dòng đầu tệp; không có: hỏi (--prompt) hoặc sinh mật khẩu dùng một lần.")]
        = None,
    prompt: Annotated[bool, typer.Option("--prompt", help="Hỏi mật khẩu.")] = False,
) -> None:
    """Thêm người dùng (đăng nhập web bằng mật khẩu; mật khẩu sinh ra chỉ in một lần)."""
    from ocop_cli.passwords import chosen_password, show_generated
    from states.vocabulary import label
    from use_cases.identity import add_user_with_password

    state = state_of(ctx)
    result = add_user_with_password(state.runtime(), state.actor, name, role, unit, email,
                                    chosen_password(password_file, prompt), full_name)
    reply(state.as_json, result.user, f"Đã thêm người dùng {name} ({label(result.user.role)}).")
    if not state.as_json:
        show_generated(name, result.password.generated)


@unit_app.command("list")
def unit_list(
    ctx: typer.Context,
    on: Annotated[str | None, typer.Option(
        help="Các đơn vị có hiệu lực ngày này (mặc định: hôm nay, theo --today).")] = None,
    level: Annotated[str | None, typer.Option(
        help=choices_help(UnitLevel, "Chỉ một cấp (mặc định: tỉnh và các đơn vị trực thuộc "
                                     "tỉnh):"))] = None,
) -> None:
    """Liệt kê các đơn vị có hiệu lực trong ngày và email liên hệ."""
    from ocop_cli.parsing import parse_day
    from states.vocabulary import UnitLevel, parse_code
    from use_cases.queries import list_units

    state = state_of(ctx)
    day = parse_day(on, "--on") if on else None
    units = list_units(state.runtime(), day, parse_code(UnitLevel, level, "Cấp") if level else None)
    shown = day or state.runtime().clock.today()
    listing(state.as_json, units, f"Đơn vị ngày {shown:%d/%m/%Y} ({len(units)})",
            ["Mã", "Tên", "Cấp", "Trực thuộc", "Email liên hệ"],
            lambda u: (u.code, u.name, u.level, u.parent, ", ".join(u.contacts)),
            drop=("Email liên hệ", "Trực thuộc", "Cấp"))


@unit_app.command("set-contacts")
def unit_set_contacts(ctx: typer.Context, unit: str, emails: list[str]) -> None:
    """Đặt địa chỉ email OCOP của một đơn vị (thay thế danh sách cũ)."""
    from use_cases.admin import set_contacts

    state = state_of(ctx)
    result = set_contacts(state.runtime(), state.actor, unit, emails)
    reply(state.as_json, result, f"{result.name}: {', '.join(result.contacts)}")


def doctor(ctx: typer.Context) -> None:
    """Kiểm tra cơ sở dữ liệu đọc được trọn vẹn: SQLite chạy PRAGMA quick_check trên mọi trang và
    xem tệp có ghi được không; PostgreSQL kiểm tra kết nối, bảng phiên bản lược đồ và đọc thử từng
    bảng. Có vấn đề thì in từng vấn đề và thoát mã 7: sửa theo từng dòng, hoặc khôi phục từ bản
    sao lưu gần nhất."""
    # Imported here: the ORM would slow every `ocop --help` by ~0.3 s.
    from states.db.connection_problems import shown_url
    from states.db.doctor import check

    state = state_of(ctx)
    database = state.unchecked_system().rt.db
    problems = check(database)
    if state.as_json:
        emit_json({"database": shown_url(database.url), "problems": problems})
    elif not problems:
        say(f"Cơ sở dữ liệu {shown_url(database.url)} đọc được trọn vẹn, không thấy hỏng.")
    for problem in [] if state.as_json else problems:
        say(problem)
    if problems:
        raise ConfigurationError(f"Cơ sở dữ liệu {shown_url(database.url)} có {len(problems)} vấn "
                                 "đề (ở trên): sửa theo từng dòng, hoặc khôi phục từ bản sao lưu "
                                 "gần nhất.")


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("doctor")(doctor)
    app.command("diagram")(diagram)
    app.add_typer(user_app, name="user")
    app.add_typer(unit_app, name="unit")
