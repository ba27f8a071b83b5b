"""The dossier's files for its council (issue 25, step 6): the list by document (the scoring
screen's slot loads it through htmx; without script, the same list as a page), one accepted file
opened in the browser, and the dossier as one .zip with its index; all behind the login, each
read audited (use_cases/council_files.py)."""

from fastapi import APIRouter, Request
from starlette.responses import Response

from use_cases.council_files import council_files, council_package, open_council_file
from web.auth import PageUser, rt_of, system_of
from web.file_responses import inline_file, streamed_zip
from web.rendering import page

router = APIRouter()
BASE = "/councils/{council_id}/dossiers/{dossier_id}/files"


@router.get(BASE)
def files_list(request: Request, me: PageUser, council_id: int, dossier_id: int) -> Response:
    listing = council_files(rt_of(request), me.name, council_id, dossier_id)
    fragment = bool(request.headers.get("HX-Request"))
    return page(request, "council/_files.html" if fragment else "council/files.html",
                {"f": listing})


@router.get(BASE + "/{file_id}")
def file_inline(request: Request, me: PageUser, council_id: int, dossier_id: int,
                file_id: int) -> Response:
    system = system_of(request)
    view, chunks = open_council_file(system.rt, system.files, me.name, council_id, dossier_id,
                                     file_id)
    return inline_file(view, chunks)


@router.get(BASE + ".zip")
def package_zip(request: Request, me: PageUser, council_id: int, dossier_id: int) -> Response:
    system = system_of(request)
    package = council_package(system.rt, system.files, me.name, council_id, dossier_id)
    return streamed_zip(package.file_name, package.chunks)
