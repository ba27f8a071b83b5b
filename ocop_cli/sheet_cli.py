"""Score sheets (phiếu đánh giá): show one, list them, import a province's from .xlsx, the
blank template."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ocop_cli.context import state_of
from ocop_cli.files import open_input, output_to, write_output
from ocop_cli.output import emit_json, listing, say, styled, table

if TYPE_CHECKING:
    from use_cases.sheets import SheetImported, SheetView

sheet_app = typer.Typer(help="Phiếu đánh giá sản phẩm OCOP (tiêu chí, lựa chọn, điểm) theo bộ quy "
                             "định và nhóm sản phẩm.", no_args_is_help=True)
SubgroupOption = Annotated[str | None, typer.Option(
    "--subgroup", help="Mã phân nhóm (nếu tỉnh có phiếu riêng cho phân nhóm; không có thì dùng "
                       "phiếu của nhóm).")]


def sheet_json(view: "SheetView") -> dict[str, Any]:
    return {"sheet": view.sheet.model_dump(), "fingerprint": view.sheet.fingerprint(),
            "shipped": view.shipped, "file": view.file}


def print_sheet(view: "SheetView") -> None:
    from states.rules.score_sheets import PROVISIONAL_BANNER

    sheet = view.sheet
    say(styled((sheet.title, "bold")))
    if sheet.provisional:
        say(styled((f"⚠ {PROVISIONAL_BANNER}: phiếu này không phải văn bản pháp lý.", "bold red")))
    say(f"Bộ quy định: {view.rulebook_title}. Nhóm sản phẩm: {view.group_name}.")
    origin = "phiếu có sẵn của hệ thống" if view.shipped else f"phiếu của tỉnh, tệp {view.file}"
    say(f"Nguồn: {sheet.source} ({origin}).")
    for part in sheet.parts:
        table(f"Phần {part.code}. {part.name} (tối đa {part.maximum:g} điểm)",
              ["Mã", "Tiêu chí", "Lựa chọn (điểm)", "Tối đa", "Bắt buộc"],
              [(c.code, c.text,
                "\n".join(f"{o.code}) {o.text} ({o.points:g} điểm)" for o in c.options),
                f"{c.best:g}", "Có" if c.mandatory else "")
               for c in part.criteria], drop=["Bắt buộc", "Tối đa"])
    mandatory = sheet.mandatory_codes()
    if mandatory:
        say(f"Tiêu chí bắt buộc: {', '.join(mandatory)}. Chọn lựa chọn 0 điểm ở một tiêu chí bắt "
            "buộc là không đạt, dù tổng điểm bao nhiêu.")


@sheet_app.command("show")
def sheet_show(
    ctx: typer.Context,
    rulebook: Annotated[str, typer.Argument(metavar="RULEBOOK", help="Mã bộ quy định, vd. "
                                                                      "qd148-2023.")],
    group: Annotated[str, typer.Argument(metavar="GROUP", help="Nhóm sản phẩm: mã hoặc tên, vd. "
                                                                "food hoặc 'thực phẩm'.")],
    subgroup: SubgroupOption = None,
) -> None:
    """In phiếu đánh giá của một nhóm sản phẩm theo một bộ quy định: từng phần, tiêu chí, lựa
    chọn và điểm; tiêu chí bắt buộc; phiếu tạm thời được ghi rõ."""
    from use_cases.sheets import show_sheet

    state = state_of(ctx)
    view = show_sheet(state.runtime(), rulebook, group, subgroup)
    if state.as_json:
        emit_json(sheet_json(view))
        return
    if subgroup is not None and view.sheet.subgroup != subgroup:
        say(f"Phân nhóm '{subgroup}' không có phiếu riêng: dưới đây là phiếu của nhóm.")
    print_sheet(view)


@sheet_app.command("list")
def sheet_list(ctx: typer.Context) -> None:
    """Mọi phiếu đang dùng: bộ quy định, nhóm, tạm thời hay không, có sẵn hay của tỉnh."""
    from states.rules.score_sheets import PROVISIONAL_BANNER
    from use_cases.sheets import list_sheets

    state = state_of(ctx)
    views = list_sheets(state.runtime())
    rows = [sheet_json(v) for v in views] if state.as_json else views
    listing(state.as_json, rows, f"Phiếu đánh giá (cột 'Tạm thời': {PROVISIONAL_BANNER})",
            ["Bộ quy định", "Nhóm sản phẩm", "--subgroup", "Phiếu", "Tạm thời", "Nguồn"],
            lambda v: (v.rulebook_title, v.group_name, v.sheet.subgroup or "", v.sheet.title,
                       "có" if v.sheet.provisional else "không",
                       "có sẵn" if v.shipped else f"của tỉnh ({v.file})"),
            drop=["Phiếu"])


@sheet_app.command("import")
def sheet_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE.xlsx", help="Bảng tính theo mẫu "
                                                                    "'ocop sheet template'.")],
    rulebook: Annotated[str, typer.Option("--rulebook", help="Mã bộ quy định của phiếu.")],
    group: Annotated[str, typer.Option("--group", help="Nhóm sản phẩm (mã hoặc tên).")],
    subgroup: SubgroupOption = None,
    title: Annotated[str | None, typer.Option("--title", help="Tên phiếu (mặc định theo nhóm "
                                                               "và bộ quy định).")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Văn bản gốc của phiếu (mặc định: "
                                                                 "tệp, người nhập, ngày).")] = None,
    provisional: Annotated[bool, typer.Option("--provisional", help="Ghi phiếu là tạm thời (chưa "
                                                                     "đối chiếu văn bản gốc).")]
        = False,
    replace: Annotated[bool, typer.Option("--replace", help="Thay phiếu tỉnh đã nhập trước cho "
                                                             "cùng nhóm / phân nhóm.")] = False,
) -> None:
    """Nhập phiếu đánh giá của tỉnh từ Excel (mỗi dòng một lựa chọn: Phần, Mã tiêu chí, Tiêu
    chí, Bắt buộc, Mã lựa chọn, Lựa chọn, Điểm) vào OCOP_RULES_DIR/sheets. Có dòng lỗi thì
    không ghi gì; phiếu của tỉnh thay phiếu có sẵn cùng nhóm."""
    from use_cases.sheets import SheetHeading, import_sheet

    state = state_of(ctx)
    spec = SheetHeading(rulebook, group, subgroup, title, source, provisional, replace)
    with open_input(file) as stream:
        result = import_sheet(state.runtime(), state.actor, stream, file.name, spec)
    if state.as_json:
        emit_json({"source": result.source, "file": str(result.file) if result.file else None,
                   "code": result.sheet.code if result.sheet else None,
                   "replaced": result.replaced, "problems": result.problems})
    else:
        _imported(result)
    if result.refused:
        raise typer.Exit(2)


def _imported(result: "SheetImported") -> None:
    if result.refused:
        say(f"Tệp {result.source}: {len(result.problems)} lỗi; không ghi gì. Sửa rồi nhập lại.")
        table("Lỗi", ["Dòng", "Lý do"],
              [(p.row if p.row is not None else "cả phiếu", p.reason) for p in result.problems])
        return
    assert result.sheet is not None
    replaced = {"province": " (thay phiếu tỉnh đã nhập trước)",
                "shipped": " (thay phiếu có sẵn của hệ thống cho nhóm này)"}.get(
                    result.replaced or "", "")
    say(f"Đã ghi {result.sheet.title} vào {result.file}{replaced}.")


@sheet_app.command("template")
def sheet_template(
    ctx: typer.Context,
    rulebook: Annotated[str | None, typer.Option("--rulebook", help="Ghi phiếu đang dùng của bộ "
                                                                     "quy định này (cùng --group).")]
        = None,
    group: Annotated[str | None, typer.Option("--group", help="Nhóm sản phẩm của phiếu.")] = None,
    subgroup: SubgroupOption = None,
    out: Annotated[Path | None, typer.Option("--out", help="Tên tệp (mặc định: "
                                             "mau-phieu-danh-gia-ocop.xlsx, hoặc "
                                             "phieu-<mã phiếu>.xlsx).")] = None,
) -> None:
    """Ghi tệp .xlsx để soạn phiếu: mẫu trống (tiêu đề cột, một dòng ví dụ, trang hướng dẫn),
    hoặc với --rulebook và --group, phiếu đang dùng để sửa rồi nhập lại làm phiếu của tỉnh."""
    from states.errors import InvalidInput
    from use_cases.sheets import sheet_template as made

    if (rulebook is None) != (group is None):
        raise InvalidInput("Ghi cả --rulebook và --group (phiếu đang dùng), hoặc không ghi cả hai "
                           "(mẫu trống).")
    state = state_of(ctx)
    command = "ocop sheet template" + (f" --rulebook {rulebook} --group {group}" if rulebook else "")
    target = output_to(out, command)
    name, content = made(state.runtime(), rulebook, group, subgroup)
    target = target or output_to(Path(name), command)
    assert target is not None
    write_output(target, content)
    say(f"Đã ghi {target.path}.")


def register(app: typer.Typer) -> None:
    app.add_typer(sheet_app, name="sheet")
