"""Training (the Department): courses, opening one for the units it invites, attendance by hand
or from the signed sheet, and the coverage of each unit with its .xlsx."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.responses import Response

from states.errors import InvalidInput, NotFound
from states.training.training_commands import CourseInput
from use_cases.inputs import parse_day, split_names
from use_cases.queries import list_units
from use_cases.training import (
    SheetImport,
    attend,
    course_page,
    courses_for,
    coverage_download,
    coverage_for,
    import_attendance,
    open_course,
)
from web.auth import CheckedForm, PageUser, rt_of
from web.downloads import download
from web.forms import optional, text
from web.rendering import page

router = APIRouter()
COURSE_FIELDS = ("title", "organiser", "starts_on", "ends_on", "place", "topics")
# A signed sheet is a page or two of names: far below this.
MAX_SHEET_BYTES = 5 * 1024 * 1024


def _courses(request: Request, actor: str, values: dict[str, Any] | None = None,
             message: str | None = None, status: int = 200) -> Response:
    rt = rt_of(request)
    rows = courses_for(rt, actor)  # authorises first: the Department's
    units = [u for u in list_units(rt) if u.level != "province"]
    return page(request, "training.html", {"courses": rows, "units": units,
                                           "values": values or {}, "message": message}, status)


@router.get("/training")
def training_page(request: Request, me: PageUser) -> Response:
    return _courses(request, me.name)


def _course_input(form: FormData) -> CourseInput:
    starts = parse_day(text(form, "starts_on"), "Ngày bắt đầu")
    ends = parse_day(text(form, "ends_on"), "Ngày kết thúc") if optional(form, "ends_on") else starts
    return CourseInput(text(form, "title"), text(form, "organiser"), starts, ends,
                       text(form, "place"), text(form, "topics").splitlines(),
                       [str(u) for u in form.getlist("unit")])


@router.post("/training")
def training_open(request: Request, me: PageUser, form: CheckedForm) -> Response:
    try:
        opened = open_course(rt_of(request), me.name, _course_input(form))
    except (InvalidInput, NotFound) as error:
        values: dict[str, Any] = {name: text(form, name) for name in COURSE_FIELDS}
        values["units"] = [str(u) for u in form.getlist("unit")]
        return _courses(request, me.name, values, error.message, 422)
    return RedirectResponse(f"/training/{opened.course_id}?done=open&queued="
                            f"{opened.invitations_queued}", status_code=303)


@router.get("/training/coverage")
def coverage_page(request: Request, me: PageUser) -> Response:
    return page(request, "coverage.html", {"c": coverage_for(rt_of(request), me.name)})


@router.get("/training/coverage.xlsx")
def coverage_xlsx(request: Request, me: PageUser) -> Response:
    return download(coverage_download(rt_of(request), me.name))


def _course(request: Request, actor: str, course_id: int, *, sheet: SheetImport | None = None,
            message: str | None = None, status: int = 200) -> Response:
    detail = course_page(rt_of(request), actor, course_id)
    query = request.query_params
    return page(request, "course.html", {
        "d": detail, "sheet": sheet, "message": message, "done": query.get("done", ""),
        "queued": query.get("queued", ""), "today": rt_of(request).clock.today()}, status)


@router.get("/training/{course_id}")
def course_view(request: Request, me: PageUser, course_id: int) -> Response:
    return _course(request, me.name, course_id)


@router.post("/training/{course_id}/attendance")
def course_attend(request: Request, me: PageUser, form: CheckedForm, course_id: int) -> Response:
    names = [str(n) for n in form.getlist("officer")] + split_names(text(form, "others"))
    try:
        attend(rt_of(request), me.name, course_id, names)
    except (InvalidInput, NotFound) as error:
        return _course(request, me.name, course_id, message=error.message, status=422)
    return RedirectResponse(f"/training/{course_id}?done=attend", status_code=303)


async def _sheet_bytes(form: FormData) -> tuple[bytes, str]:
    upload = form.get("sheet")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InvalidInput("Hãy chọn tệp danh sách điểm danh (.xlsx).")
    data = await upload.read(MAX_SHEET_BYTES + 1)
    if len(data) > MAX_SHEET_BYTES:
        raise InvalidInput(f"Tệp '{upload.filename}' quá lớn (tối đa 5 MB).")
    return data, upload.filename


@router.post("/training/{course_id}/sheet")
async def course_sheet(request: Request, me: PageUser, form: CheckedForm,
                       course_id: int) -> Response:
    # The upload is read here; the import and the page use the database synchronously, in the
    # thread pool as the other routes do.
    try:
        data, filename = await _sheet_bytes(form)
        result = await run_in_threadpool(import_attendance, rt_of(request), me.name, course_id,
                                         data, filename, bool(optional(form, "dry_run")))
    except (InvalidInput, NotFound) as error:
        return await run_in_threadpool(_course, request, me.name, course_id,
                                       message=error.message, status=422)
    return await run_in_threadpool(_course, request, me.name, course_id, sheet=result)
