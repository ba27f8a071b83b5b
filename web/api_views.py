"""What /api/v1 answers about a dossier: its view with the steps the caller may take."""

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from states.jsonable import jsonable
from use_cases.dossier_page import dossier_with_steps
from web.api_contract import etag, etag_headers
from web.auth import rt_of


def dossier_json(request: Request, actor: str, dossier_id: int) -> dict[str, Any]:
    found = dossier_with_steps(rt_of(request), actor, dossier_id)
    data: dict[str, Any] = jsonable(found.view)
    data["allowed_steps"] = [{"trigger": s.trigger.value, "allowed": s.allowed, "reason": s.reason}
                             for s in found.allowed_steps]
    return data


# A dossier's version as an HTTP validator: the ETag of every answer about a dossier. A step
# takes it back as If-Match (412 when the dossier moved on) or as the body's `version` (409).
ETAG_HEADERS = etag_headers("version của hồ sơ (gửi lại trong If-Match, hoặc version của bước)")


def dossier_answer(request: Request, actor: str, dossier_id: int,
                   status: int = 200) -> JSONResponse:
    data = dossier_json(request, actor, dossier_id)
    return JSONResponse(data, status_code=status, headers={"ETag": etag(data["version"])})
