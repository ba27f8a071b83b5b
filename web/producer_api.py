"""/api/v1/producer: what a producer's own token reads, its own dossiers only. Another
producer's dossier is 404 `not_found`, as a dossier that does not exist; a staff token here,
and a producer's token on the staff's /api/v1 routes, are 404 too."""

from typing import Any

import anyio.to_thread
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from states.jsonable import jsonable
from use_cases.document_files import list_files, upload_file
from use_cases.producer_portal import own_dossier, own_dossiers
from web.auth import ProducerApiUser, rt_of, system_of
from web.files_api import streamed_body

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


@router.get("/dossiers/{dossier_id}/files", responses=ERRORS,
            summary="Các tệp tài liệu của một hồ sơ (tình trạng, lý do từ chối)")
def producer_files(request: Request, me: ProducerApiUser, dossier_id: int) -> Any:
    system = system_of(request)
    return jsonable(list_files(system.rt, system.files, me, dossier_id))


@router.post("/dossiers/{dossier_id}/documents/{document}/files", status_code=201,
             responses={**ERRORS, 409: {"description": "Hồ sơ đã rời tay chủ thể"},
                        413: {"description": "Quá dung lượng"},
                        422: {"description": "Tệp không hợp lệ"}},
             summary="Nộp một tệp (bản mới sau khi bị từ chối)",
             openapi_extra={"requestBody": {"content": {
                 "application/pdf": {}, "image/jpeg": {}, "image/png": {},
                 "application/octet-stream": {}}, "required": True}})
async def producer_upload(request: Request, me: ProducerApiUser, dossier_id: int, document: str,
                          name: str = Query(..., description="Tên tệp gốc (không có đường dẫn).")
                          ) -> JSONResponse:
    """The body is the file itself, streamed to the store as the officer's upload is."""
    system = system_of(request)
    chunks = streamed_body(request)
    view = await anyio.to_thread.run_sync(
        lambda: upload_file(system.rt, system.files, me, dossier_id, document, name, chunks))
    return JSONResponse(jsonable(view), status_code=201)
