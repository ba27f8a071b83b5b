"""/api/v1/producer: what a producer's own token reads, its own dossiers only. Another
producer's dossier is 404 `not_found`, as a dossier that does not exist; a staff token here,
and a producer's token on the staff's /api/v1 routes, are 404 too."""

from typing import Any

from fastapi import APIRouter, Request

from states.jsonable import jsonable
from use_cases.producer_portal import own_dossier, own_dossiers
from web.auth import ProducerApiUser, rt_of

router = APIRouter(prefix="/api/v1/producer", tags=["Chủ thể"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Thiếu hoặc sai mã truy cập"},
    404: {"description": "Không có (hoặc là hồ sơ của chủ thể khác)"}}


@router.get("/dossiers", responses=ERRORS, summary="Các hồ sơ của chủ thể")
def producer_dossiers(request: Request, me: ProducerApiUser) -> Any:
    return {"items": jsonable(own_dossiers(rt_of(request), me))}


@router.get("/dossiers/{dossier_id}", responses=ERRORS, summary="Một hồ sơ của chủ thể")
def producer_dossier(request: Request, me: ProducerApiUser, dossier_id: int) -> Any:
    return jsonable(own_dossier(rt_of(request), me, dossier_id))
