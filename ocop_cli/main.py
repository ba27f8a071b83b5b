"""The `ocop` command. Nothing imported here at start-up may import Prefect."""

import gc
from typing import Annotated, Any

import typer
from typer._click.exceptions import UsageError
from typer.core import TyperGroup

from ocop_cli import (
    admin_cli,
    backup_cli,
    campaign_cli,
    campaign_show_cli,
    consultant_cli,
    corrections_cli,
    council_cli,
    demo_cli,
    dossier_cli,
    dossier_read_cli,
    files_cli,
    flows_cli,
    identity_cli,
    import_cli,
    outbox_cli,
    plan_cli,
    producer_accounts_cli,
    registry_cli,
    report_cli,
    sheet_cli,
    training_cli,
    units_cli,
    web_cli,
)
from ocop_cli.acting import guard_commands
from ocop_cli.context import state_of
from ocop_cli.option_hints import hint_options
from ocop_cli.output import WIDE, error_console, report_error, tell_queued_mail
from ocop_cli.parser_language import commands_under, speak_vietnamese, translated
from ocop_cli.parsing import parse_day
from states.errors import EXIT_CODES, OcopError

EXIT_CODE_HELP = "Mã thoát: " + "; ".join(f"{code} = {label}" for code, label in EXIT_CODES) + "."


# Servers: the mail their requests queued was announced on the page that queued it, and goes
# out on the schedule; nothing to say when they stop.
LONG_RUNNING = frozenset({"web", "serve"})


class OcopGroup(TyperGroup):
    """Turns every user-facing error into a Vietnamese message and its exit code (naming the
    options it is about), and makes the whole command tree write its help and usage errors in
    Vietnamese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        speak_vietnamese(self)
        guard_commands(list(commands_under(self)))
        hint_options(list(commands_under(self)))

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except UsageError as error:
            raise translated(error) from error

    def invoke(self, ctx: Any) -> Any:  # typer's vendored click.Context
        try:
            result = super().invoke(ctx)
            if ctx.invoked_subcommand not in LONG_RUNNING:
                tell_queued_mail(ctx.obj)
            return result
        except UsageError as error:
            raise translated(error) from error
        except typer.Abort:  # end of input or Ctrl+C at a prompt
            error_console.print("Đã huỷ; không có gì thay đổi.", highlight=False)
            raise typer.Exit(1) from None
        except OcopError as error:
            state = ctx.obj
            report_error(error, bool(getattr(state, "as_json", False)))
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    cls=OcopGroup,
    help="OCOP Workflow: theo dõi hồ sơ sản phẩm OCOP qua từng bước đánh giá.\n\n"
         "Dòng lệnh này là công cụ của người quản trị máy chủ: mọi lệnh (trừ init lần đầu, demo, "
         "--help) cần người thực hiện là một người dùng đang hoạt động, ghi bằng --as TÊN hoặc "
         "export OCOP_USER=TÊN. Cán bộ làm việc hằng ngày trên ứng dụng web, đăng nhập bằng "
         "mật khẩu của mình.\n\n" + EXIT_CODE_HELP,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


@app.callback()
def global_options(
    ctx: typer.Context,
    db: Annotated[str | None, typer.Option("--db", help="Địa chỉ CSDL (mặc định OCOP_DATABASE_URL, "
                                           "hoặc sqlite:///ocop.db).")] = None,
    today: Annotated[str | None, typer.Option(
        "--today", help="Làm như thể hôm nay là ngày này (YYYY-MM-DD); mặc định OCOP_TODAY.")] = None,
    user: Annotated[str | None, typer.Option(
        "--as", help="Người thực hiện: một người dùng đang hoạt động (mặc định OCOP_USER; "
                     "không có thì lệnh bị từ chối).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")] = False,
    wide: Annotated[bool, typer.Option(
        "--wide", help="Bảng in đủ mọi cột, mỗi ô trên một dòng, dù rộng hơn cửa sổ (mặc định: "
                       "bảng vừa cửa sổ, ô dài xuống dòng, cửa sổ hẹp ẩn bớt cột ít cần).")] = False,
) -> None:
    WIDE["on"] = wide
    state = state_of(ctx)
    state.db = db
    state.user = user
    state.as_json = as_json
    if today is not None:
        try:
            state.today = parse_day(today, "--today")
        except OcopError as error:
            report_error(error, as_json)
            raise typer.Exit(error.exit_code) from None


# Commands that join a group another module owns; they add nothing at the top level. Called
# first, in this order, so that each group's --help lists its commands as it always has.
campaign_show_cli.register()
corrections_cli.register()  # issue 12: corrections with an audit trail
dossier_read_cli.register()
producer_accounts_cli.register()  # issue 25: producers' own accounts

admin_cli.register(app)
dossier_cli.register(app)
outbox_cli.register(app)
flows_cli.register(app)
campaign_cli.register(app)
demo_cli.register(app)
plan_cli.register(app)
# Issue 14: training courses and consultants.
training_cli.register(app)
consultant_cli.register(app)
units_cli.register(app)
# Issue 13: the registry in and out (imports, the printable certificate, the public look-up).
import_cli.register(app)
registry_cli.register(app)
# The web application and its identities (issue 10)
identity_cli.register(app)
web_cli.register(app)
# Issue 21: score sheets as data (show, import a province's .xlsx, the template).
sheet_cli.register(app)
# Issue 25: the database and the document files in one archive, and back.
backup_cli.register(app)
# Issue 25: the dossiers' document files.
files_cli.register(app)
report_cli.register(app)  # issue 22: the yearly report
# Issue 21: councils that score criterion by criterion.
council_cli.register(app)


def run() -> None:
    try:
        app()
    finally:
        # SQLAlchemy leaves ~10^5 tracked objects; the collection Python runs at exit would
        # walk them all (~0.3 s, more than the command itself). Frozen objects are skipped.
        gc.freeze()
