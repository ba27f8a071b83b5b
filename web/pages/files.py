"""A dossier's files on its page (issue 25): upload (staff), the officer's accept / reject,
paper originals, reading a file inline and the dossier's .zip, all behind the login."""

from collections.abc import Iterator

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import UploadFile
from starlette.responses import Response

from states.documents.store import FileTooLarge
from states.errors import InvalidInput, NotFound, OcopError, RuleRefused
from use_cases.document_files import accept_file, mark_paper, open_file, reject_file, upload_file
from use_cases.dossier_package import package_name, write_package
from web.auth import CheckedForm, PageUser, rt_of, system_of
from web.file_responses import inline_file, new_spool, spooled_zip
from web.forms import optional, text
from web.pages.dossier import render_dossier

router = APIRouter()
READ_BYTES = 1024 * 1024


def upload_chunks(upload: UploadFile) -> Iterator[bytes]:
    # Starlette spooled the part (in memory up to 1 MB, then on disk): read it back in chunks.
    while chunk := upload.file.read(READ_BYTES):
        yield chunk


def _problem(request: Request, actor: str, dossier_id: int, error: OcopError) -> Response:
    status = (413 if isinstance(error, FileTooLarge) else 409 if isinstance(error, RuleRefused)
              else 422)
    return render_dossier(request, actor, dossier_id, status=status,
                          problem={"trigger": "files", "field": None, "message": error.message,
                                   "values": {}})


@router.post("/dossiers/{dossier_id}/files")
def dossier_upload(request: Request, me: PageUser, form: CheckedForm, dossier_id: int) -> Response:
    system = system_of(request)
    uploads = [f for f in form.getlist("file") if isinstance(f, UploadFile) and f.filename]
    try:
        if not uploads:
            # Asked as an upload without a name, so that who may not upload hears that first.
            upload_file(system.rt, system.files, me.name, dossier_id, text(form, "document"),
                        "", iter(()))
        for upload in uploads:
            upload_file(system.rt, system.files, me.name, dossier_id, text(form, "document"),
                        upload.filename or "", upload_chunks(upload))
    except (InvalidInput, RuleRefused) as error:
        return _problem(request, me.name, dossier_id, error)
    return RedirectResponse(f"/dossiers/{dossier_id}?done=upload_file#tai-lieu", status_code=303)


@router.post("/files/{file_id}/check")
def file_check(request: Request, me: PageUser, form: CheckedForm, file_id: int) -> Response:
    rt = rt_of(request)
    given = text(form, "dossier")
    dossier_id = int(given) if given.isdigit() else 0
    try:
        if text(form, "verdict") == "accept":
            accept_file(rt, me.name, file_id)
        else:
            reject_file(rt, me.name, file_id, optional(form, "reason") or "",
                        site_url=system_of(request).settings.public_url)
    except (InvalidInput, RuleRefused) as error:
        return _problem(request, me.name, dossier_id, error)
    return RedirectResponse(f"/dossiers/{dossier_id}?done=check_file#tai-lieu", status_code=303)


@router.post("/dossiers/{dossier_id}/paper")
def dossier_paper(request: Request, me: PageUser, form: CheckedForm, dossier_id: int) -> Response:
    mark_paper(rt_of(request), me.name, dossier_id, text(form, "paper") == "yes")
    return RedirectResponse(f"/dossiers/{dossier_id}?done=paper_originals#tai-lieu", status_code=303)


@router.get("/files/{file_id}")
def file_inline(request: Request, me: PageUser, file_id: int) -> Response:
    system = system_of(request)
    view, chunks = open_file(system.rt, system.files, me.name, file_id)
    return inline_file(view, chunks)


@router.get("/dossiers/{dossier_id}/files.zip")
def dossier_zip(request: Request, me: PageUser, dossier_id: int) -> Response:
    system = system_of(request)
    spool = new_spool()
    try:
        write_package(system.rt, system.files, me.name, dossier_id, spool)
    except (RuleRefused, NotFound):
        spool.close()
        raise
    return spooled_zip(package_name(dossier_id), spool)
