"""A producer's uploads of its own dossier's documents (issue 25), through the officer's own
upload_file: the same checks, and another producer's dossier is "not found"."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import UploadFile
from starlette.responses import Response

from states.documents.store import FileTooLarge
from states.errors import InvalidInput, RuleRefused
from use_cases.document_files import open_file, upload_file
from web.auth import CheckedForm, ProducerUser, system_of
from web.file_responses import inline_file
from web.forms import text
from web.pages.files import upload_chunks
from web.pages.producer_portal import producer_dossier_page

router = APIRouter()


@router.post("/producer/dossiers/{dossier_id}/files")
def producer_upload(request: Request, me: ProducerUser, form: CheckedForm,
                    dossier_id: int) -> Response:
    system = system_of(request)
    uploads = [f for f in form.getlist("file") if isinstance(f, UploadFile) and f.filename]
    document = text(form, "document")
    try:
        if not uploads:
            # Asked as an upload without a name: a dossier past the producer's hands says so.
            upload_file(system.rt, system.files, me.name, dossier_id, document, "", iter(()))
        for upload in uploads:
            upload_file(system.rt, system.files, me.name, dossier_id, document,
                        upload.filename or "", upload_chunks(upload))
    except (InvalidInput, RuleRefused) as error:
        status = (413 if isinstance(error, FileTooLarge) else 409
                  if isinstance(error, RuleRefused) else 422)
        return producer_dossier_page(request, me.name, dossier_id, error.message, status)
    return RedirectResponse(f"/producer/dossiers/{dossier_id}?done=uploaded#tai-lieu",
                            status_code=303)


@router.get("/producer/files/{file_id}")
def producer_file(request: Request, me: ProducerUser, file_id: int) -> Response:
    """One of its own files, inline (another producer's: not found)."""
    system = system_of(request)
    view, chunks = open_file(system.rt, system.files, me.name, file_id)
    return inline_file(view, chunks)
