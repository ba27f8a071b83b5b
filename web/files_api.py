"""/api/v1 for a dossier's files (issue 25): list, upload (the request body is the file,
streamed to the store as it arrives), accept, reject, read. Bytes that are not PDF, JPEG or
PNG, an empty file, a name the server's rules refuse: 409 conflicting_input (the request is
well formed, web/errors.py); over a limit: 413 too_large."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import Response

from states.documents.files import FileView
from states.documents.kinds import FILE_NAME_LIMIT, MAGIC
from states.jsonable import jsonable
from use_cases.document_files import (
    DossierFiles,
    accept_file,
    list_files,
    open_file,
    reject_file,
    upload_file,
)
from web.api_answers import answer
from web.api_contract import (
    BODY,
    FILE_BODY,
    FILE_REQUEST,
    JSON_BODY,
    DossierId,
    FileId,
    errors,
)
from web.api_schema import codes
from web.auth import ApiUser, rt_of, system_of
from web.file_responses import inline_file
from web.upload_body import with_body

router = APIRouter(prefix="/api/v1", tags=["OCOP"])
DocumentCode = Annotated[str, codes("documents", Path, description="Mã tài liệu")]
# A name, not a path (states.documents.kinds.checked_file_name has the rest of the rules).
FileName = Annotated[str, Query(min_length=1, max_length=FILE_NAME_LIMIT,
                                pattern=r"^[^/\\:.\x00-\x1f\x7f][^/\\:\x00-\x1f\x7f]*$",
                                description="Tên tệp gốc (không có đường dẫn).")]
LOCATION = {"Location": {"schema": {"type": "string"},
                         "description": "Nội dung của tệp mới (/api/v1/files/{id}/content)"}}
CONTENT = {kind: {"schema": {"type": "string", "format": "binary"}} for _, kind, _ in MAGIC}
FILE = answer(FileView)
FILES = answer(DossierFiles)
CONTENT_HEADERS = {name: {"schema": {"type": "string"}} for name in ("Content-Disposition",
                                                                       "Content-Length")}


class Rejection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, Field(min_length=1, max_length=2000, pattern=r"\S",
                                 description="Lý do từ chối (gửi cho chủ thể)")]


@router.get("/dossiers/{dossier_id}/files", operation_id="list_files", response_model=None,
            responses={200: {"model": FILES}, **errors(401, 404, 422)},
            summary="Các tệp của hồ sơ, theo tài liệu")
def get_files(request: Request, actor: ApiUser, dossier_id: DossierId) -> dict[str, Any]:
    system = system_of(request)
    listed: dict[str, Any] = jsonable(list_files(system.rt, system.files, actor, dossier_id))
    return listed


@router.post("/dossiers/{dossier_id}/documents/{document}/files", status_code=201,
             operation_id="upload_file", openapi_extra=FILE_REQUEST,
             responses={201: {"model": FILE, "headers": LOCATION},
                        **errors(401, 403, 404, 409, 413, 415, 422)},
             summary="Nộp một tệp cho tài liệu của hồ sơ")
async def post_file(request: Request, actor: ApiUser, _kind: Annotated[None, FILE_BODY],
                    dossier_id: DossierId, document: DocumentCode, name: FileName
                    ) -> JSONResponse:
    """The body is the file itself (PDF, JPEG or PNG, told by its bytes). Its Content-Type is
    checked after the token (a parameter, not a route dependency): 401 comes first."""
    system = system_of(request)
    # Over a limit: 413 (web/errors.py); the body stops being read there.
    view = await with_body(request, lambda chunks: upload_file(
        system.rt, system.files, actor, dossier_id, document, name, chunks))
    return JSONResponse(jsonable(view), status_code=201,
                        headers={"Location": f"/api/v1/files/{view.id}/content"})


@router.post("/files/{file_id}/accept", operation_id="accept_file", response_model=None,
             responses={200: {"model": FILE}, **errors(401, 403, 404, 409, 422)},
             summary="Chấp nhận một tệp đã nộp")
def post_accept(request: Request, actor: ApiUser, file_id: FileId) -> dict[str, Any]:
    accepted: dict[str, Any] = jsonable(accept_file(rt_of(request), actor, file_id))
    return accepted


@router.post("/files/{file_id}/reject", operation_id="reject_file", dependencies=[JSON_BODY],
             response_model=None,
             responses={200: {"model": FILE}, **errors(401, 403, 404, 409, 422, *BODY)},
             summary="Từ chối một tệp đã nộp, có lý do")
def post_reject(request: Request, actor: ApiUser, file_id: FileId,
                body: Rejection) -> dict[str, Any]:
    rejected: dict[str, Any] = jsonable(reject_file(
        rt_of(request), actor, file_id, body.reason,
        site_url=system_of(request).settings.public_url))
    return rejected


@router.get("/files/{file_id}/content", operation_id="get_file_content",
            response_class=Response,
            responses={200: {"content": CONTENT, "headers": CONTENT_HEADERS,
                             "description": "Chính tệp, với loại mà nội dung của nó cho thấy"},
                       **errors(401, 404, 422)}, summary="Nội dung một tệp")
def get_content(request: Request, actor: ApiUser, file_id: FileId) -> Response:
    system = system_of(request)
    view, chunks = open_file(system.rt, system.files, actor, file_id)
    return inline_file(view, chunks)
