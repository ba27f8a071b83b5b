"""Who prepared a dossier: the options `product register` shares, and `dossier preparation`."""

from typing import TYPE_CHECKING, Annotated

import typer

from ocop_cli.context import state_of
from ocop_cli.output import reply
from ocop_cli.parsing import choices_help
from states.vocabulary import ContractedPart, PreparedBy

if TYPE_CHECKING:
    from states.training.preparation_commands import PreparationInput

PreparedByOption = Annotated[str | None, typer.Option(
    "--prepared-by", help=choices_help(PreparedBy, "Ai chuẩn bị hồ sơ (cán bộ hỗ trợ: cần "
                                                   "--officer; thuê tư vấn: cần --consultant):"))]
OfficerOption = Annotated[str | None, typer.Option(
    "--officer", help="Tên người dùng của cán bộ đã hỗ trợ chủ thể.")]
ConsultantOption = Annotated[str | None, typer.Option(
    "--consultant", help="Tên đơn vị tư vấn (viết thế nào cũng được: 'Cty TNHH ...' = "
                         "'Công ty TNHH ...').")]
ContractedOption = Annotated[list[str] | None, typer.Option(
    "--contracted", help=choices_help(ContractedPart, "Phần thuê tư vấn, lặp lại được:"))]


def preparation_input(prepared_by: str | None, officer: str | None, consultant: str | None,
                      contracted: list[str] | None) -> "PreparationInput | None":
    from states.training.preparation_commands import parse_preparation

    return parse_preparation(prepared_by, officer, consultant, contracted or [])


def dossier_preparation(
    ctx: typer.Context,
    dossier_id: Annotated[int, typer.Argument(metavar="ID")],
    prepared_by: PreparedByOption = None, officer: OfficerOption = None,
    consultant: ConsultantOption = None, contracted: ContractedOption = None,
) -> None:
    """Ghi (hoặc sửa) ai chuẩn bị hồ sơ và phần nào thuê tư vấn; lịch sử giữ trước / sau."""
    from states.errors import InvalidInput
    from use_cases.dossiers import set_preparation

    preparation = preparation_input(prepared_by, officer, consultant, contracted)
    if preparation is None:
        raise InvalidInput("Cần --prepared-by (producer, officer hoặc consultant).")
    state = state_of(ctx)
    view = set_preparation(state.runtime(), state.actor, dossier_id, preparation)
    who = view.consultant or view.officer_name or view.prepared_by_label
    reply(state.as_json, view, f"Hồ sơ {dossier_id}: {view.prepared_by_label.lower()}"
          + (f" ({who})" if who != view.prepared_by_label else "")
          + (f"; tư vấn làm: {', '.join(view.by_consultant)}" if view.by_consultant else "") + ".")


def register(dossier_app: typer.Typer) -> None:
    dossier_app.command("preparation")(dossier_preparation)
