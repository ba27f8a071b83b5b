"""Looking at dossiers: one dossier, its history, lists."""

from typing import Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.dossier_cli import DossierId
from ocop_cli.output import emit_json, label_of, listing
from ocop_cli.parsing import choices_help
from ocop_cli.presenting import show_dossier
from states.vocabulary import Action, State


def dossier_show(ctx: typer.Context, dossier_id: DossierId) -> None:
    """Xem một hồ sơ."""
    from use_cases.queries import show_dossier as shown

    state = state_of(ctx)
    view = shown(state.runtime(), state.actor, dossier_id)
    if state.as_json:
        emit_json(view)
    else:
        show_dossier(view)


def dossier_history(ctx: typer.Context, dossier_id: DossierId) -> None:
    """Lịch sử thay đổi của hồ sơ."""
    from states.views.corrections import event_note
    from use_cases.queries import dossier_history as events_of

    state = state_of(ctx)
    events = events_of(state.runtime(), state.actor, dossier_id)
    listing(state.as_json, events, f"Lịch sử hồ sơ số {dossier_id}",
            ["Lúc", "Bước", "Từ", "Đến", "Đơn vị", "Người", "Ghi chú"],
            lambda e: (e.at_local, label_of(Action, e.trigger), label_of(State, e.from_state),
                       label_of(State, e.to_state), e.unit, e.actor, event_note(e)))


def dossier_list(
    ctx: typer.Context,
    state_filter: Annotated[str | None, typer.Option(
        "--state", help=choices_help(State, "Lọc theo trạng thái:"))] = None,
    unit: Annotated[str | None, typer.Option(help="Lọc theo đơn vị.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Chỉ hồ sơ quá hạn.")] = False,
) -> None:
    """Danh sách hồ sơ."""
    from states.views.dossiers import parse_state
    from use_cases.queries import dossiers

    state = state_of(ctx)
    rows = dossiers(state.runtime(), state.actor, unit=unit, overdue=overdue,
                    state=parse_state(state_filter) if state_filter else None)
    listing(state.as_json, rows, f"Hồ sơ ({len(rows)})",
            ["Số", "Trạng thái", "Đơn vị", "Sản phẩm", "Chủ thể", "Hạn"],
            lambda r: (r.id, r.state_label, r.unit, r.product, r.producer, r.due_on))


def register(app: typer.Typer) -> None:
    app.command("show")(dossier_show)
    app.command("history")(dossier_history)
    app.command("list")(dossier_list)
