"""/api/v1/producer: what a producer's own token reads, its own dossiers only. Another
producer's dossier is 404 `not_found`, as a dossier that does not exist; a staff token here,
and a producer's token on the staff's /api/v1 routes, are 404 too."""

from typing import Any

from fastapi import APIRouter, Request

from states.jsonable import jsonable
from use_cases.producer_portal import own_dossier, own_dossiers
from web.api_contract import DossierId, errors
from web.auth import ProducerApiUser, rt_of

router = APIRouter(prefix="/api/v1/producer", tags=["Chủ thể"])


# 404 also for a staff token: this part of the API is the producers' only.
@router.get("/dossiers", responses=errors(401, 404), operation_id="producer_list_dossiers",
            summary="Các hồ sơ của chủ thể")
def producer_dossiers(request: Request, me: ProducerApiUser) -> Any:
    return {"items": jsonable(own_dossiers(rt_of(request), me))}


@router.get("/dossiers/{dossier_id}", responses=errors(401, 404, 422),
            operation_id="producer_get_dossier", summary="Một hồ sơ của chủ thể")
def producer_dossier(request: Request, me: ProducerApiUser, dossier_id: DossierId) -> Any:
    return jsonable(own_dossier(rt_of(request), me, dossier_id))
