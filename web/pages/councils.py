"""Council scoring on the web (issue 21): a member's list of dossiers, one screen per dossier
(sheet, documents, running totals through htmx or a plain submit), and the chair's and
secretary's page. Every act is a use case of use_cases/councils.py; a refused one raises and
web/errors.py shows its one sentence with its status."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData
from starlette.responses import Response

from states.errors import Conflict, InvalidInput
from use_cases import councils as uc
from use_cases.council_pages import chair_screen, member_agenda, scoring_screen
from use_cases.council_setup_page import printouts
from use_cases.inputs import parse_day
from web.auth import CheckedForm, PageUser, rt_of
from web.forms import optional, text
from web.rendering import page

router = APIRouter()
CHOICE_PREFIX = "c:"  # a criterion's radio group is named "c:<criterion code>"


def _back(path: str, done: str | None = None) -> Response:
    return RedirectResponse(f"{path}?done={done}" if done else path, status_code=303)


def _screen_path(council_id: int, dossier_id: int) -> str:
    return f"/councils/{council_id}/dossiers/{dossier_id}"


@router.get("/councils")
def councils_page(request: Request, me: PageUser) -> Response:
    return page(request, "council/list.html", {"councils": uc.list_councils(rt_of(request),
                                                                             me.name)})


@router.get("/councils/{council_id}")
def council_page(request: Request, me: PageUser, council_id: int) -> Response:
    rt = rt_of(request)
    agenda = member_agenda(rt, me.name, council_id)
    return page(request, "council/council.html", {
        "a": agenda, "chair": chair_screen(rt, me.name, council_id),
        "p": printouts(rt, me.name, council_id),  # the downloads of web/pages/council_printouts.py
        "done": request.query_params.get("done"), "today": rt.clock.today().isoformat()})


@router.get("/councils/{council_id}/dossiers/{dossier_id}")
def scoring_page(request: Request, me: PageUser, council_id: int, dossier_id: int) -> Response:
    screen = scoring_screen(rt_of(request), me.name, council_id, dossier_id)
    return page(request, "council/scoring.html", {"s": screen,
                                                 "done": request.query_params.get("done")})


def _choices(form: FormData) -> list[tuple[str, str]]:
    return [(key[len(CHOICE_PREFIX):], value) for key, value in form.multi_items()
            if key.startswith(CHOICE_PREFIX) and isinstance(value, str) and value]


@router.post("/councils/{council_id}/dossiers/{dossier_id}/draft")
def save_draft(request: Request, me: PageUser, form: CheckedForm, council_id: int,
               dossier_id: int) -> Response:
    """Saved on each change (htmx answers with the totals) or by the plain submit button; the
    save-and-next button goes on to the next dossier still to score."""
    rt = rt_of(request)
    shown = text(form, "version").strip()
    # The version the page showed: a save from another tab since then writes nothing.
    version = int(shown) if shown.isdigit() and len(shown) < 10 else None
    try:
        mine = uc.choose(rt, me.name, council_id, dossier_id, _choices(form), version)
    except Conflict as stale:
        if not request.headers.get("HX-Request"):
            raise  # the error page, 409
        # htmx swaps no 4xx answer: the totals say it (and keep the page's version).
        mine = uc.sheet(rt, me.name, council_id, dossier_id)
        return page(request, "council/_totals.html", {"mine": mine, "stale": stale.message})
    if request.headers.get("HX-Request"):
        return page(request, "council/_totals.html", {"mine": mine, "saved_version": True})
    screen = scoring_screen(rt, me.name, council_id, dossier_id)
    if text(form, "then") == "next" and screen.next_id is not None:
        return _back(_screen_path(council_id, screen.next_id), "saved")
    return _back(_screen_path(council_id, dossier_id), "saved")


@router.post("/councils/{council_id}/dossiers/{dossier_id}/submit")
def submit_sheet(request: Request, me: PageUser, form: CheckedForm, council_id: int,
                 dossier_id: int) -> Response:
    if text(form, "confirm") != "yes":
        raise InvalidInput("Hãy đánh dấu ô xác nhận trước khi nộp phiếu: phiếu đã nộp bị khoá.")
    rt = rt_of(request)
    uc.choose(rt, me.name, council_id, dossier_id, _choices(form))
    uc.submit(rt, me.name, council_id, dossier_id)
    return _back(_screen_path(council_id, dossier_id), "submitted")


@router.post("/councils/{council_id}/dossiers/{dossier_id}/conflict")
def declare_conflict(request: Request, me: PageUser, form: CheckedForm, council_id: int,
                     dossier_id: int) -> Response:
    uc.declare_conflict(rt_of(request), me.name, council_id, dossier_id, text(form, "reason"))
    return _back(_screen_path(council_id, dossier_id), "conflict")


@router.post("/councils/{council_id}/package")
def record_package(request: Request, me: PageUser, form: CheckedForm,
                   council_id: int) -> Response:
    on = parse_day(text(form, "sent_on"), "Ngày gửi tài liệu")
    uc.record_package(rt_of(request), me.name, council_id, on)
    return _back(f"/councils/{council_id}", "package")


@router.post("/councils/{council_id}/open")
def open_session(request: Request, me: PageUser, form: CheckedForm, council_id: int) -> Response:
    present = [str(v) for v in form.getlist("present")] or None
    uc.open_session(rt_of(request), me.name, council_id, present)
    return _back(f"/councils/{council_id}", "open")


@router.post("/councils/{council_id}/reopen")
def reopen_sheet(request: Request, me: PageUser, form: CheckedForm, council_id: int) -> Response:
    dossier = text(form, "dossier")
    if not dossier.isdigit():
        raise InvalidInput("Hãy chọn hồ sơ có phiếu cần mở lại.")
    uc.reopen(rt_of(request), me.name, council_id, int(dossier), text(form, "member"),
              text(form, "reason"))
    return _back(f"/councils/{council_id}", "reopen")


@router.post("/councils/{council_id}/dossiers/{dossier_id}/acknowledge")
def acknowledge(request: Request, me: PageUser, form: CheckedForm, council_id: int,
                dossier_id: int) -> Response:
    uc.acknowledge(rt_of(request), me.name, council_id, dossier_id)
    return _back(f"/councils/{council_id}", "acknowledge")


@router.post("/councils/{council_id}/close")
def close(request: Request, me: PageUser, form: CheckedForm, council_id: int) -> Response:
    if optional(form, "confirm") != "yes":
        raise InvalidInput("Hãy đánh dấu ô xác nhận trước khi kết thúc phiên họp.")
    uc.close(rt_of(request), me.name, council_id)
    return _back(f"/councils/{council_id}", "close")


@router.post("/councils/{council_id}/publish")
def publish(request: Request, me: PageUser, form: CheckedForm, council_id: int) -> Response:
    if optional(form, "confirm") != "yes":
        raise InvalidInput("Hãy đánh dấu ô xác nhận trước khi công bố kết quả.")
    on = optional(form, "published_on")  # left empty: today
    uc.publish(rt_of(request), me.name, council_id,
               parse_day(on, "Ngày công bố kết quả") if on else None)
    return _back(f"/councils/{council_id}", "publish")
