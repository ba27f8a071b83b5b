"""How a dossier reads on the terminal: the reply to a step and `dossier show`."""

from typing import TYPE_CHECKING, Any

from ocop_cli.output import emit_json, say, styled
from states.clock import format_date

if TYPE_CHECKING:  # the ORM costs ~0.25 s to import: not for `ocop --help`
    from states.dossiers.sheet import DossierView


def preparation_rows(view: "DossierView") -> list[tuple[str, Any]]:
    """Who prepared the dossier, and which parts the producer and a consultant did."""
    preparation = view.preparation
    if preparation is None:
        return [("Chuẩn bị hồ sơ", "chưa ghi nhận")]
    who = preparation.consultant or preparation.officer_name
    rows: list[tuple[str, Any]] = [
        ("Chuẩn bị hồ sơ", preparation.prepared_by_label + (f": {who}" if who else ""))]
    if preparation.by_consultant:
        rows.append(("Phần tư vấn làm", ", ".join(preparation.by_consultant)))
        rows.append(("Phần chủ thể tự làm", ", ".join(preparation.by_producer) or "không"))
    return rows


def moved(view: "DossierView", as_json: bool) -> None:
    if as_json:
        emit_json(view)
        return
    due = format_date(view.due_on)
    say(styled(f"Hồ sơ {view.id} ({view.product}): ", (view.state_label, "bold"),
               (f", hạn {due}" if due else "") + "."))
