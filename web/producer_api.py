"""/api/v1/producer: what a producer's own token reads, its own dossiers only. Another
producer's dossier is 404 `not_found`, as a dossier that does not exist; a staff token here,
and a producer's token on the staff's /api/v1 routes, are 404 too."""

from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from states.dossiers.sheet import DossierView
from states.jsonable import jsonable
from states.people.registration_forms import OwnDossier
from use_cases.document_files import list_files, upload_file
from use_cases.producer_portal import own_dossier, own_dossiers
from web.api_answers import answer, listed
from web.api_contract import FILE_BODY, FILE_REQUEST, DossierId, errors
from web.auth import ProducerApiUser, rt_of, system_of
from web.files_api import FILE, FILES, DocumentCode, FileName
from web.upload_body import with_body

router = APIRouter(prefix="/api/v1/producer", tags=["Chủ thể"])
OWN_DOSSIERS = listed(answer(OwnDossier), "OwnDossiers")


# 404 also for a staff token: this part of the API is the producers' only.
@router.get("/dossiers", response_model=None, operation_id="producer_list_dossiers",
            responses={200: {"model": OWN_DOSSIERS}, **errors(401, 404)},
            summary="Các hồ sơ của chủ thể")
def producer_dossiers(request: Request, me: ProducerApiUser) -> Any:
    return {"items": jsonable(own_dossiers(rt_of(request), me))}


@router.get("/dossiers/{dossier_id}", response_model=None,
            responses={200: {"model": answer(DossierView)}, **errors(401, 404, 422)},
            operation_id="producer_get_dossier", summary="Một hồ sơ của chủ thể")
def producer_dossier(request: Request, me: ProducerApiUser, dossier_id: DossierId) -> Any:
    return jsonable(own_dossier(rt_of(request), me, dossier_id))


@router.get("/dossiers/{dossier_id}/files", response_model=None,
            responses={200: {"model": FILES}, **errors(401, 404, 422)},
            operation_id="producer_list_files",
            summary="Các tệp tài liệu của một hồ sơ (tình trạng, lý do từ chối)")
def producer_files(request: Request, me: ProducerApiUser, dossier_id: DossierId) -> Any:
    system = system_of(request)
    return jsonable(list_files(system.rt, system.files, me, dossier_id))


# The officer's upload's contract (web/files_api.py): the body is the file, told by its bytes.
@router.post("/dossiers/{dossier_id}/documents/{document}/files", status_code=201,
             operation_id="producer_upload_file", openapi_extra=FILE_REQUEST,
             responses={201: {"model": FILE}, **errors(401, 404, 409, 413, 415, 422)},
             summary="Nộp một tệp (bản mới sau khi bị từ chối)")
async def producer_upload(request: Request, me: ProducerApiUser, _kind: Annotated[None, FILE_BODY],
                          dossier_id: DossierId, document: DocumentCode, name: FileName
                          ) -> JSONResponse:
    """The body is the file itself, streamed to the store as the officer's upload is."""
    system = system_of(request)
    view = await with_body(request, lambda chunks: upload_file(
        system.rt, system.files, me, dossier_id, document, name, chunks))
    return JSONResponse(jsonable(view), status_code=201)
