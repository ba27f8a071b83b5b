"""Pages from Jinja2 templates: autoescaped, Vietnamese dates, codes shown by their labels."""

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from states.clock import format_date, format_local_datetime
from states.documents.store import megabytes
from states.dossiers.correction_labels import event_note
from states.oversight.worklist import COUNT_CAP
from states.rules.points import format_points
from states.vocabulary import LABELS, State, label_or_code

HERE = Path(__file__).parent
ENV = Environment(loader=FileSystemLoader(HERE / "templates"),
                  autoescape=select_autoescape(default=True, default_for_string=True),
                  undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def label_of(code: object, kind: str = "State") -> str:
    """A code's Vietnamese label: `{{ row.state | nhan }}`, `{{ c.kind | nhan('CampaignKind') }}`."""
    vocabulary = next((v for v in LABELS if v.__name__ == kind), None)
    return str(code) if vocabulary is None else label_or_code(vocabulary, str(code))


def sentence_case(text: str) -> str:
    """Capitalised first letter only ("công nhận … (QĐ 148)" keeps its "QĐ")."""
    return text[:1].upper() + text[1:]


def count_text(count: int) -> str:
    """A count as the worklist gives it: exact up to COUNT_CAP, then "1000+"."""
    return f"{COUNT_CAP}+" if count > COUNT_CAP else str(count)


ENV.filters.update(dem=count_text, ngay=format_date, luc=format_local_datetime,
                   diem=format_points, nhan=label_of, hoa=sentence_case)
ENV.globals.update(STATES=list(State), label_of=label_of)
ENV.filters.update(dung_luong=megabytes)  # issue 25: a file's size, "1,5 MB"
ENV.globals.update(ghi_chu=event_note)  # a correction's note: before → after, and the reason
TEMPLATES = Jinja2Templates(env=ENV)


def page(request: Request, name: str, context: dict[str, Any] | None = None,
         status_code: int = 200) -> Response:
    """A whole page; the layout reads the person and the navigation counts from request.state."""
    context = dict(context or {})
    context.setdefault("me", getattr(request.state, "user", None))
    counts = getattr(request.state, "counts", None)
    if counts is None and hasattr(request.state, "count_work"):
        counts = request.state.count_work()
    context.setdefault("counts", counts)
    context.setdefault("csrf", getattr(request.state, "csrf", ""))
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status_code)
