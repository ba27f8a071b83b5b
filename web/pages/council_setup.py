"""Setting a council up on the web (issue 21), for whoever may do it in the CLI (`ocop council
create / add-member / add-dossier / meeting / package-sent / open`, and the chair's
`acknowledge` and `close`): the same use cases, the same permission checks. Each form posts
through htmx (the page's part is swapped in, a refusal too) or plainly; a refusal shows its one
sentence beside the form, with the status of web/errors.py."""

import re
from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData
from starlette.responses import Response

from states.errors import InvalidInput, NotFound, OcopError
from states.runtime import Runtime
from states.vocabulary import CouncilLevel, CouncilRole, parse_code
from use_cases import councils as uc
from use_cases.council_pages import chair_screen
from use_cases.council_setup_page import creation_choices, setup_choices
from use_cases.inputs import parse_day
from web.auth import CheckedForm, PageUser, rt_of
from web.errors import status_of
from web.forms import optional, text
from web.rendering import page

router = APIRouter()
NEW_FIELDS = ("name", "level", "unit")
# A dossier's number as a person types it: digits, and not more than the database holds.
DOSSIER_NUMBER = re.compile(r"\d{1,9}")


def _problem(error: OcopError, act: str, form: FormData | None) -> dict[str, object]:
    values = {key: text(form, key) for key in form} if form is not None else {}
    return {"trigger": act, "message": error.message, "values": values}


def _new_form(request: Request, actor: str, problem: dict[str, object] | None = None,
              status: int = 200) -> Response:
    choices = creation_choices(rt_of(request), actor)
    return page(request, "council/new.html", {"c": choices, "problem": problem or {}}, status)


@router.get("/councils/new")
def new_council_page(request: Request, me: PageUser) -> Response:
    return _new_form(request, me.name)


def _level(value: str) -> tuple[str, CouncilLevel]:
    round_code, _, level = value.partition("|")
    if not round_code or not level:
        raise InvalidInput("Hãy chọn đợt đánh giá và cấp của hội đồng.")
    return round_code, parse_code(CouncilLevel, level, "Cấp hội đồng")


@router.post("/councils/new")
def create_council(request: Request, me: PageUser, form: CheckedForm) -> Response:
    try:
        round_code, level = _level(text(form, "level"))
        view = uc.create(rt_of(request), me.name, name=text(form, "name"), level=level,
                         round_code=round_code, unit=optional(form, "unit"))
    except (InvalidInput, NotFound) as error:
        return _new_form(request, me.name, _problem(error, "create", form), status_of(error)[0])
    return RedirectResponse(f"/councils/{view.id}/setup?done=created", status_code=303)


def _setup_page(request: Request, actor: str, council_id: int,
                problem: dict[str, object] | None = None, status: int = 200) -> Response:
    rt = rt_of(request)
    choices = setup_choices(rt, actor, council_id)  # 404, or 403 for who may not set it up
    return page(request, "council/setup.html", {
        "s": choices, "h": chair_screen(rt, actor, council_id), "problem": problem or {},
        "done": request.query_params.get("done"), "today": rt.clock.today().isoformat()},
        status)


@router.get("/councils/{council_id}/setup")
def setup_page(request: Request, me: PageUser, council_id: int) -> Response:
    return _setup_page(request, me.name, council_id)


def _add_member(rt: Runtime, actor: str, council_id: int, form: FormData) -> None:
    user = text(form, "user").strip()
    if not user:
        raise InvalidInput("Hãy chọn người dùng cần thêm vào hội đồng.")
    role = parse_code(CouncilRole, text(form, "role") or CouncilRole.MEMBER, "Vai trò")
    uc.add_members(rt, actor, council_id, [(user, role)])


def _add_dossiers(rt: Runtime, actor: str, council_id: int, form: FormData) -> None:
    """The dossiers ticked in the list and those typed by number ("12, 15 17")."""
    numbers = [str(v) for v in form.getlist("dossier")]
    numbers += [n for n in re.split(r"[\s,;]+", text(form, "more")) if n]
    if not numbers:
        raise InvalidInput("Hãy chọn hoặc nhập số của ít nhất một hồ sơ.")
    wrong = [n for n in numbers if not DOSSIER_NUMBER.fullmatch(n)]
    if wrong:
        raise InvalidInput(f"Số hồ sơ '{wrong[0]}' không hợp lệ: chỉ gồm chữ số.")
    uc.add_dossiers(rt, actor, council_id, list(dict.fromkeys(int(n) for n in numbers)))


def _meeting(rt: Runtime, actor: str, council_id: int, form: FormData) -> None:
    uc.set_meeting(rt, actor, council_id, parse_day(text(form, "on"), "Ngày họp"))


def _package(rt: Runtime, actor: str, council_id: int, form: FormData) -> None:
    uc.record_package(rt, actor, council_id, parse_day(text(form, "sent_on"), "Ngày gửi tài liệu"))


def _open(rt: Runtime, actor: str, council_id: int, form: FormData) -> None:
    """The members ticked present (none ticked: nobody is there, and the quorum refuses)."""
    uc.open_session(rt, actor, council_id, [str(v) for v in form.getlist("present")])


def _acknowledge(rt: Runtime, actor: str, council_id: int, form: FormData) -> None:
    dossier = text(form, "dossier")
    if not DOSSIER_NUMBER.fullmatch(dossier):
        raise InvalidInput("Hãy chọn hồ sơ có điểm lệch đã thảo luận.")
    uc.acknowledge(rt, actor, council_id, int(dossier))


def _close(rt: Runtime, actor: str, council_id: int, form: FormData) -> None:
    if text(form, "confirm") != "yes":
        raise InvalidInput("Hãy đánh dấu ô xác nhận trước khi kết thúc phiên họp.")
    uc.close(rt, actor, council_id)


ACTS: dict[str, Callable[[Runtime, str, int, FormData], None]] = {
    "members": _add_member, "dossiers": _add_dossiers, "meeting": _meeting, "package": _package,
    "open": _open, "acknowledge": _acknowledge, "close": _close}


@router.post("/councils/{council_id}/setup/{act}")
def setup_act(request: Request, me: PageUser, form: CheckedForm, council_id: int,
              act: str) -> Response:
    if act not in ACTS:
        raise NotFound("Không có trang này.")
    try:
        ACTS[act](rt_of(request), me.name, council_id, form)
    except OcopError as error:
        # Shown beside its form; a council one may not see answers 403/404 as any page does.
        return _setup_page(request, me.name, council_id, _problem(error, act, form),
                           status_of(error)[0])
    return RedirectResponse(f"/councils/{council_id}/setup?done={act}", status_code=303)
