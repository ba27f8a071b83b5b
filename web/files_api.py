"""/api/v1 for a dossier's files (issue 25): list, upload (the request body is the file,
streamed to the store as it arrives), accept, reject, read."""

from collections.abc import AsyncIterator, Iterator
from typing import Annotated, Any

import anyio
import anyio.from_thread
import anyio.to_thread
from fastapi import APIRouter, Body, Query, Request
from fastapi.responses import JSONResponse
from starlette.requests import ClientDisconnect
from starlette.responses import Response

from states.errors import InvalidInput
from states.jsonable import jsonable
from use_cases.document_files import accept_file, list_files, open_file, reject_file, upload_file
from web.auth import ApiUser, rt_of, system_of
from web.file_responses import inline_file

router = APIRouter(prefix="/api/v1", tags=["OCOP"])
# Uvicorn hands the body over in pieces of ~64 kB: gathered to 1 MiB before each hop to the
# worker thread, the hops cost nothing next to hashing and writing.
GATHER_BYTES = 1024 * 1024
CUT_OFF = "Việc tải lên bị ngắt giữa chừng: không có gì được lưu."


async def _gathered(request: Request) -> AsyncIterator[bytes]:
    buffer = bytearray()
    async for piece in request.stream():
        buffer += piece
        if len(buffer) >= GATHER_BYTES:
            yield bytes(buffer)
            buffer.clear()
    if buffer:
        yield bytes(buffer)


def _pulled(source: AsyncIterator[bytes]) -> Iterator[bytes]:
    """The async body as a plain iterator, for the use case running in a worker thread."""
    async def following() -> bytes:
        return await source.__anext__()

    while True:
        try:
            yield anyio.from_thread.run(following)
        except StopAsyncIteration:
            return
        except ClientDisconnect:
            raise InvalidInput(CUT_OFF) from None


def streamed_body(request: Request) -> Iterator[bytes]:
    """The request body, gathered, as the worker thread's iterator (the producer's API too)."""
    return _pulled(_gathered(request))


@router.get("/dossiers/{dossier_id}/files")
def get_files(request: Request, actor: ApiUser, dossier_id: int) -> dict[str, Any]:
    system = system_of(request)
    listed: dict[str, Any] = jsonable(list_files(system.rt, system.files, actor, dossier_id))
    return listed


@router.post("/dossiers/{dossier_id}/documents/{document}/files", status_code=201,
             openapi_extra={"requestBody": {"content": {
                 "application/pdf": {}, "image/jpeg": {}, "image/png": {},
                 "application/octet-stream": {}}, "required": True}})
async def post_file(request: Request, actor: ApiUser, dossier_id: int, document: str,
                    name: str = Query(..., description="Tên tệp gốc (không có đường dẫn).")
                    ) -> JSONResponse:
    """The body is the file itself (PDF, JPEG or PNG, told by its bytes)."""
    system = system_of(request)
    chunks = streamed_body(request)
    # Over a limit: 413 (web/errors.py); the body stops being read there.
    view = await anyio.to_thread.run_sync(
        lambda: upload_file(system.rt, system.files, actor, dossier_id, document, name, chunks))
    return JSONResponse(jsonable(view), status_code=201)


@router.post("/files/{file_id}/accept")
def post_accept(request: Request, actor: ApiUser, file_id: int) -> dict[str, Any]:
    accepted: dict[str, Any] = jsonable(accept_file(rt_of(request), actor, file_id))
    return accepted


@router.post("/files/{file_id}/reject")
def post_reject(request: Request, actor: ApiUser, file_id: int,
                body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    rejected: dict[str, Any] = jsonable(reject_file(
        rt_of(request), actor, file_id, str(body.get("reason") or ""),
        site_url=system_of(request).settings.public_url))
    return rejected


@router.get("/files/{file_id}/content")
def get_content(request: Request, actor: ApiUser, file_id: int) -> Response:
    system = system_of(request)
    view, chunks = open_file(system.rt, system.files, actor, file_id)
    return inline_file(view, chunks)
