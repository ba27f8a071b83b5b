"""Units over time (add, rename, import, the switch of a reorganisation), the dossiers it could
not place, and producers' communes."""

from pathlib import Path
from typing import Annotated

import typer

from ocop_cli.admin_cli import unit_app
from ocop_cli.context import state_of
from ocop_cli.dossier_cli import DossierId, dossier_app
from ocop_cli.output import emit_json, listing, reply, say, table
from ocop_cli.parsing import choices_help, parse_day, split_names
from states.vocabulary import UnitLevel

producer_app = typer.Typer(help="Chủ thể sản phẩm: xã nơi chủ thể ở, tài khoản riêng của chủ thể.",
                            no_args_is_help=True)
DateOption = Annotated[str | None, typer.Option(help="Ngày (YYYY-MM-DD hoặc dd/mm/yyyy).")]


def unit_add(
    ctx: typer.Context, name: str,
    code: Annotated[str, typer.Option(help="Mã đơn vị (mã thống kê nếu có, vd. 07603).")],
    level: Annotated[str, typer.Option(help=choices_help(UnitLevel))],
    parent: Annotated[str | None, typer.Option(help="Đơn vị cấp trên (tên hoặc mã).")] = None,
    valid_from: Annotated[str | None, typer.Option("--from", help="Có hiệu lực từ ngày.")] = None,
    valid_until: Annotated[str | None, typer.Option("--until", help="Hết hiệu lực sau ngày.")] = None,
    contacts: Annotated[str | None, typer.Option(help="Email OCOP, cách nhau bởi dấu phẩy.")] = None,
    succeeds: Annotated[list[str] | None, typer.Option(
        "--succeeds", help="Đơn vị mà đơn vị mới kế thừa (lặp lại cho mỗi đơn vị); đơn vị cũ "
                           "hết hiệu lực từ ngày --from.")] = None,
    split: Annotated[bool, typer.Option(
        "--split", help="Đơn vị cũ bị chia cho nhiều đơn vị: hồ sơ theo xã của chủ thể.")] = False,
    basis: Annotated[str | None, typer.Option(help="Căn cứ (số nghị quyết).")] = None,
    plan: Annotated[str | None, typer.Option(help="Tên phương án sắp xếp (cho unit reorganise).")] = None,
) -> None:
    """Thêm một đơn vị hành chính, có thể kế thừa đơn vị khác."""
    from states.vocabulary import parse_code
    from use_cases.units import add_unit

    state = state_of(ctx)
    result = add_unit(
        state.runtime(), state.actor, code=code, name=name, level=parse_code(UnitLevel, level, "Cấp"),
        parent=parent, valid_from=parse_day(valid_from, "--from") if valid_from else None,
        valid_until=parse_day(valid_until, "--until") if valid_until else None,
        contacts=split_names(contacts or ""), succeeds=succeeds or [], split=split, basis=basis,
        plan=plan)
    reply(state.as_json, result, f"Đã thêm {result.name} (mã {result.code})"
                                 + (f", thuộc {result.parent}" if result.parent else "") + ".")


def unit_rename(ctx: typer.Context, unit: str, new_name: str, on: DateOption = None,
                basis: Annotated[str | None, typer.Option(help="Căn cứ (số nghị quyết).")] = None,
                ) -> None:
    """Đổi tên đơn vị từ một ngày (giữ mã và hồ sơ; tên cũ vẫn dùng cho lịch sử)."""
    from use_cases.units import rename_unit

    state = state_of(ctx)
    result = rename_unit(state.runtime(), state.actor, unit, new_name,
                         on=parse_day(on, "--on") if on else None, basis=basis)
    reply(state.as_json, result, f"Đã đổi tên: {result.name} (mã {result.code}).")


def unit_import(ctx: typer.Context, file: Path) -> None:
    """Nhập đơn vị từ tệp .xlsx / .csv (cột code, name, level, parent, valid_from, contacts)."""
    from use_cases.units import import_units

    state = state_of(ctx)
    result = import_units(state.runtime(), state.actor, file)
    reply(state.as_json, result, f"{result.source}: thêm {result.added}, cập nhật "
                                 f"{result.updated} đơn vị.")


def unit_reorganise(
    ctx: typer.Context,
    plan: Annotated[str, typer.Option(help="Phương án sắp xếp, vd. bac-ninh-2025.")],
    on: Annotated[str, typer.Option(help="Ngày các đơn vị mới hoạt động, vd. 2025-07-01.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Chỉ in kế hoạch, không ghi gì.")] = False,
) -> None:
    """Chuyển mọi hồ sơ đang mở và giấy chứng nhận còn hiệu lực của đơn vị đã giải thể sang
    đơn vị kế thừa (theo xã của chủ thể khi đơn vị bị chia); chạy lại không thay đổi gì."""
    from use_cases.units import reorganise

    state = state_of(ctx)
    report = reorganise(state.runtime(), state.actor, plan=plan, on=parse_day(on, "--on"),
                        dry_run=dry_run)
    if state.as_json:
        emit_json(report)
        return
    total = sum(row.dossiers for row in report.per_successor)
    done = "Kế hoạch" if dry_run else "Đã chuyển"
    if not report.per_successor:  # a rerun: a sentence, not an empty frame
        say(f"{done}: không có hồ sơ nào cần chuyển sang đơn vị kế thừa.")
    else:
        table(f"{done}: {total} hồ sơ sang {len(report.per_successor)} đơn vị kế thừa",
              ["Mã", "Đơn vị kế thừa", "Số hồ sơ"],
              [(row.code, row.name, row.dossiers) for row in report.per_successor])
    say(f"Chưa xác định xã: {len(report.unsettled)} hồ sơ (xem: ocop dossier unassigned)."
        + (" Chạy thử: không ghi gì." if dry_run else ""))


def dossier_unassigned(ctx: typer.Context) -> None:
    """Hồ sơ chưa xác định xã: còn ở đơn vị đã giải thể, chưa biết đơn vị kế thừa."""
    from use_cases.units import unsettled

    state = state_of(ctx)
    rows = unsettled(state.runtime(), state.actor)
    listing(state.as_json, rows, f"Hồ sơ chưa xác định xã ({len(rows)})",
            ["Số", "Trạng thái", "Đơn vị cũ", "Sản phẩm", "Chủ thể", "Lý do", "Có thể sang"],
            lambda r: (r.dossier_id, r.state_label, r.unit, r.product, r.producer, r.reason,
                       "; ".join(r.candidates)),
            drop=("Chủ thể", "Đơn vị cũ"))


def dossier_assign_unit(ctx: typer.Context, dossier_id: DossierId,
                        unit: Annotated[str, typer.Option(help="Đơn vị mới (tên hoặc mã).")]) -> None:
    """Sở xác định đơn vị cho một hồ sơ chưa xác định xã."""
    from use_cases.units import assign_unit

    state = state_of(ctx)
    view = assign_unit(state.runtime(), state.actor, dossier_id, unit)
    if state.as_json:
        emit_json(view)
    else:
        say(f"Hồ sơ {view.id} ({view.product}) nay thuộc {view.unit}.")


def producer_set_commune(ctx: typer.Context, dossier_id: DossierId,
                         commune: Annotated[str, typer.Option(help="Xã / phường / thị trấn.")]) -> None:
    """Ghi xã nơi chủ thể của hồ sơ ở (tên xã lúc đơn vị của hồ sơ còn hiệu lực)."""
    from use_cases.units import set_producer_commune

    state = state_of(ctx)
    found = set_producer_commune(state.runtime(), state.actor, dossier_id, commune)
    reply(state.as_json, {"dossier": dossier_id, "commune": found.code},
          f"Chủ thể của hồ sơ {dossier_id} ở {found.name}.")


def producer_import_communes(ctx: typer.Context, file: Path) -> None:
    """Nhập xã của chủ thể từ tệp .xlsx / .csv (cột dossier, commune)."""
    from use_cases.units import import_producer_communes

    state = state_of(ctx)
    result = import_producer_communes(state.runtime(), state.actor, file)
    reply(state.as_json, result, f"{result.source}: ghi xã cho {result.updated} hồ sơ.")


def register(app: typer.Typer) -> None:
    unit_app.command("add")(unit_add)
    unit_app.command("rename")(unit_rename)
    unit_app.command("import")(unit_import)
    unit_app.command("reorganise")(unit_reorganise)
    dossier_app.command("unassigned")(dossier_unassigned)
    dossier_app.command("assign-unit")(dossier_assign_unit)
    producer_app.command("set-commune")(producer_set_commune)
    producer_app.command("import-communes")(producer_import_communes)
    app.add_typer(producer_app, name="producer")
