"""What /api/v1 answers about a dossier: its view with the steps the caller may take."""

from typing import Any

from fastapi import Request

from states.jsonable import jsonable
from use_cases.dossier_page import dossier_with_steps
from web.auth import rt_of


def dossier_json(request: Request, actor: str, dossier_id: int) -> dict[str, Any]:
    found = dossier_with_steps(rt_of(request), actor, dossier_id)
    data: dict[str, Any] = jsonable(found.view)
    data["allowed_steps"] = [{"trigger": s.trigger.value, "allowed": s.allowed, "reason": s.reason}
                             for s in found.allowed_steps]
    return data
