"""Bringing a province's existing lists in: recognised products, users; the templates."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.files import open_input, output_to, write_output
from ocop_cli.output import emit_json, say, table

if TYPE_CHECKING:
    from use_cases.imports import ImportResult

import_app = typer.Typer(help="Nhập danh sách có sẵn của tỉnh từ Excel (.xlsx) hoặc CSV.",
                         no_args_is_help=True)
FileArgument = Annotated[Path, typer.Argument(metavar="FILE.xlsx|FILE.csv",
                                              help="Bảng tính, dòng tiêu đề theo mẫu.")]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Chỉ kiểm tra, không ghi gì.")]
SkipInvalid = Annotated[bool, typer.Option(
    "--skip-invalid", help="Ghi các dòng đúng, bỏ qua dòng lỗi (mặc định: có dòng lỗi thì không "
                           "ghi gì).")]
ReportOption = Annotated[Path | None, typer.Option(
    "--report", help="Nơi ghi báo cáo kiểm tra .xlsx khi có dòng lỗi (mặc định: cạnh tệp nhập, "
                     "tên <tệp>-kiem-tra.xlsx).")]
SHOWN = 20  # problems listed on screen; the report has every one


def _run(ctx: typer.Context, kind: str, file: Path, dry_run: bool, skip_invalid: bool,
         report: Path | None) -> None:
    from states.vocabulary import ImportKind
    from use_cases.imports import import_table

    state = state_of(ctx)
    command = f"ocop import {kind} {file} --dry-run --report TỆP"
    target = output_to(report, command)  # before anything is read or written
    with open_input(file) as stream:
        result, content = import_table(state.runtime(), state.actor, ImportKind(kind), stream,
                                       file.name, dry_run=dry_run, skip_invalid=skip_invalid)
    written_to = None
    if content is not None and result.report_name is not None:
        target = target or output_to(file.with_name(result.report_name), command)
        assert target is not None
        written_to = target.path
        write_output(target, content, committed=bool(result.written))
    if state.as_json:
        emit_json(result)
    else:
        _summary(result, written_to)
    if result.refused:
        raise typer.Exit(2)


def _summary(result: "ImportResult", report: Path | None) -> None:
    from states.vocabulary import label

    say(f"Tệp {result.source}: {result.rows} dòng; {result.new} mới, {result.existing} đã có, "
        f"{result.invalid} dòng lỗi.")
    if result.refused:
        say("Không ghi gì vì có dòng lỗi. Sửa rồi nhập lại, hoặc thêm --skip-invalid để chỉ ghi "
            "các dòng đúng.")
    elif result.dry_run:
        say(f"Chạy thử (--dry-run): không ghi gì; sẽ ghi {result.new} {label(result.kind)} mới.")
    elif result.written == 0:
        say("Không có gì mới để ghi: mọi dòng đúng đều đã có trong hệ thống.")
    else:
        say(f"Đã ghi {result.written} {label(result.kind)} mới"
            + (f", bỏ qua {result.invalid} dòng lỗi." if result.invalid else "."))
    if result.problems:
        table(f"Dòng lỗi ({min(SHOWN, len(result.problems))} đầu tiên)", ["Dòng", "Cột", "Lý do"],
              [(p.row, p.column, p.reason) for p in result.problems[:SHOWN]])
        say(f"Báo cáo kiểm tra (tệp nhập thêm cột 'Lỗi'): {report}")


@import_app.command("products")
def import_products(ctx: typer.Context, file: FileArgument, dry_run: DryRun = False,
                    skip_invalid: SkipInvalid = False, report: ReportOption = None) -> None:
    """Nhập các sản phẩm OCOP đã được công nhận (mỗi dòng: đơn vị, chủ thể, sản phẩm, hạng sao,
    điểm, quyết định, giấy chứng nhận). Kiểm tra mọi dòng trước; nhập lại cùng tệp không thay
    đổi gì."""
    _run(ctx, "products", file, dry_run, skip_invalid, report)


@import_app.command("users")
def import_users(ctx: typer.Context, file: FileArgument, dry_run: DryRun = False,
                 skip_invalid: SkipInvalid = False, report: ReportOption = None) -> None:
    """Nhập người dùng (tên đăng nhập, họ và tên, vai trò, đơn vị, email); người đã có giữ
    nguyên."""
    _run(ctx, "users", file, dry_run, skip_invalid, report)


@import_app.command("template")
def import_template(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help="products (mặc định) hoặc users.")] = "products",
    out: Annotated[Path | None, typer.Option("--out", help="Tên tệp (mặc định: "
                                             "mau-nhap-san-pham-ocop.xlsx).")] = None,
) -> None:
    """Ghi tệp mẫu .xlsx: tiêu đề cột tiếng Việt, một dòng ví dụ và trang hướng dẫn."""
    from states.vocabulary import ImportKind, parse_code
    from use_cases.imports import import_template as made

    state = state_of(ctx)
    target = output_to(out, f"ocop import template {kind}")
    name, content = made(state.runtime(), parse_code(ImportKind, kind, "Loại danh sách"))
    target = target or output_to(Path(name), f"ocop import template {kind}")
    assert target is not None
    write_output(target, content)
    say(f"Đã ghi mẫu {target.path}.")


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
