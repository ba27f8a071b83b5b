"""The registry out: the printed certificate, and the public look-up and open data as the web
pages serve them (here for the Department, scripts and checks)."""

from pathlib import Path
from typing import Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.files import output_to, write_output
from ocop_cli.output import listing, reply, say

certificate_app = typer.Typer(help="Giấy chứng nhận OCOP.", no_args_is_help=True)
registry_app = typer.Typer(help="Tra cứu công khai sản phẩm OCOP đã công nhận, dữ liệu mở.",
                           no_args_is_help=True)


@certificate_app.command("pdf")
def certificate_pdf(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="ID", help="Số hồ sơ (giấy mới nhất của hồ sơ) "
                                                          "hoặc số giấy chứng nhận.")],
    out: Annotated[Path | None, typer.Option("--out", help="Tệp PDF (mặc định: "
                                             "giay-chung-nhan-<số>.pdf).")] = None,
) -> None:
    """In giấy chứng nhận (PDF, A4 ngang) có mã QR dẫn tới trang tra cứu công khai
    (OCOP_PUBLIC_URL)."""
    from use_cases.registry import printed_certificate

    state = state_of(ctx)
    command = f"ocop certificate pdf {ref}"
    target = output_to(out, command)  # before anything is read
    name, content = printed_certificate(state.runtime(), state.actor, ref,
                                        state.system().settings.public_url)
    target = target or output_to(Path(name), command)
    assert target is not None
    write_output(target, content)
    path = target.path
    reply(state.as_json, {"file": str(path), "bytes": len(content)}, f"Đã ghi {path}.")


@registry_app.command("search")
def registry_search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Tên sản phẩm hoặc chủ thể, có dấu hay không.")] = "",
    unit: Annotated[str | None, typer.Option(help="Đơn vị (tên hoặc mã).")] = None,
    stars: Annotated[int | None, typer.Option(min=1, max=5, help="Hạng sao.")] = None,
    page: Annotated[int, typer.Option(min=1, help="Trang (20 sản phẩm một trang).")] = 1,
) -> None:
    """Tìm sản phẩm OCOP đã công nhận, như trang /tra-cuu."""
    from use_cases.registry import search_registry

    state = state_of(ctx)
    found = search_registry(state.runtime(), text, unit=unit, stars=stars, offset=(page - 1) * 20)
    listing(state.as_json, found.items, f"Sản phẩm OCOP (trang {page}"
            + (", còn nữa" if found.has_more else "") + ")",
            ["Sản phẩm", "Chủ thể", "Đơn vị", "Sao", "Quyết định", "Hiệu lực", "Mã tra cứu"],
            lambda e: (e.product, e.producer, e.unit, e.stars,
                       f"{e.decision} ({e.decided_on:%d/%m/%Y})", e.validity_text, e.token),
            drop=("Mã tra cứu", "Quyết định", "Chủ thể"))


@registry_app.command("show")
def registry_show(ctx: typer.Context, token: str) -> None:
    """Trang công khai của một giấy chứng nhận (theo mã trong đường dẫn / mã QR)."""
    from use_cases.registry import public_certificate

    state = state_of(ctx)
    entry = public_certificate(state.runtime(), token)
    reply(state.as_json, entry,
          f"{entry.product} — {entry.producer} ({entry.unit}): {entry.stars} sao, Quyết định số "
          f"{entry.decision} ngày {entry.decided_on:%d/%m/%Y}. {entry.validity_text}.")


@registry_app.command("export")
def registry_export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="csv hoặc json.")] = "csv",
    out: Annotated[Path | None, typer.Option("--out", help="Tệp (mặc định: "
                                             "so-dang-ky-ocop-<ngày>.<định dạng>).")] = None,
) -> None:
    """Dữ liệu mở: toàn bộ sổ đăng ký sản phẩm OCOP (CSV hoặc JSON), kèm ngày tạo."""
    from states.errors import InvalidInput
    from use_cases.registry import open_data

    if fmt not in ("csv", "json"):
        raise InvalidInput(f"Định dạng '{fmt}' không hỗ trợ: chọn csv hoặc json.")
    state = state_of(ctx)
    command = f"ocop registry export --format {fmt}"
    target = output_to(out, command)  # before anything is read
    data = open_data(state.runtime(), fmt, state.system().settings.public_url)
    target = target or output_to(Path(data.filename), command)
    assert target is not None
    write_output(target, data.content)
    say(f"Đã ghi {target.path}.")


def register(app: typer.Typer) -> None:
    app.add_typer(certificate_app, name="certificate")
    app.add_typer(registry_app, name="registry")
