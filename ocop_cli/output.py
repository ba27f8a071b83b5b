"""How results reach the terminal: Rich tables for people, JSON for scripts."""

import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.console import Console
from rich.table import Table

from states.clock import format_date
from states.errors import OcopError

console = Console()
error_console = Console(stderr=True)


def say(text: str) -> None:
    """A message line: no wrapping inside words or numbers, no colour guessing."""
    console.print(text, highlight=False, soft_wrap=True)


def display_date(iso: str | None) -> str:
    return format_date(date.fromisoformat(iso)) if iso else ""


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def report_error(error: OcopError, as_json: bool) -> None:
    if as_json:
        sys.stderr.write(json.dumps({"error": type(error).__name__, "kind": error.kind,
                                     "message": error.message, "exit_code": error.exit_code},
                                    ensure_ascii=False) + "\n")
    else:
        error_console.print(f"[bold red]Lỗi ({error.kind}):[/] {error.message}", highlight=False,
                            soft_wrap=True)


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    grid = Table(title=title, title_justify="left")
    for column in columns:
        grid.add_column(column)
    for row in rows:
        grid.add_row(*("" if cell is None else str(cell) for cell in row))
    console.print(grid)


def show_dossier(view: dict[str, Any]) -> None:
    certificate = view.get("certificate")
    rows: list[tuple[str, Any]] = [
        ("Hồ sơ", view["id"]),
        ("Trạng thái", f"{view['state_label']} ({view['state']})"),
        ("Đơn vị", view["unit"]),
        ("Sản phẩm", view["product"]),
        ("Chủ thể", view["producer"]),
        ("Đợt / quy định", f"{view['round']} / {view['rulebook']}"),
        ("Hạn xử lý", display_date(view["due_on"]) + (" (quá hạn)" if view["overdue"] else "")),
        ("Điểm cấp huyện", view.get("district_points")),
        ("Điểm cấp tỉnh", view.get("provincial_points")),
    ]
    if certificate:
        rows.append(("Giấy chứng nhận", (
            f"{certificate['number']}: {certificate['stars']} sao, QĐ {certificate['decision']}, "
            f"cấp {display_date(certificate['issued_on'])}, "
            f"hết hạn {display_date(certificate['expires_on'])} ({certificate['status']})")))
    table(f"Hồ sơ số {view['id']}", ["Mục", "Nội dung"], rows)


def moved(view: dict[str, Any]) -> None:
    due = display_date(view["due_on"])
    say(
        f"Hồ sơ {view['id']} ({view['product']}): [bold]{view['state_label']}[/]"
        + (f", hạn {due}" if due else "") + ".")
