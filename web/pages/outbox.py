"""The Department's outbox: messages by status, failed ones put back in the queue."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from states.vocabulary import OutboxStatus, parse_code
from use_cases.outbox import messages_for, retry_message
from web.auth import CheckedForm, PageUser, rt_of
from web.rendering import page

router = APIRouter()


@router.get("/outbox")
def outbox_page(request: Request, me: PageUser, status: str = "") -> Response:
    wanted = parse_code(OutboxStatus, status, "Trạng thái thư") if status else None
    rows = messages_for(rt_of(request), me.name, wanted)
    return page(request, "outbox.html", {"rows": rows, "status": status,
                                         "statuses": list(OutboxStatus)})


@router.post("/outbox/{message_id}/retry")
def outbox_retry(request: Request, me: PageUser, form: CheckedForm, message_id: int) -> Response:
    retry_message(rt_of(request), me.name, message_id)
    return RedirectResponse("/outbox?status=failed", status_code=303)
