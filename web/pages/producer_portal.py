"""A producer's own pages: its dossiers, the registration form (save a draft, submit), one
dossier. Every route depends on ProducerUser: staff get "not found", as do other producers."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData
from starlette.responses import Response

from states.errors import InvalidInput, NotFound, RuleRefused
from states.people.registration_forms import TEXT_FIELDS, FormView
from use_cases.document_files import list_files
from use_cases.producer_portal import (
    blank_fields,
    form_choices,
    open_form,
    own_dossier,
    portal,
    product_kind,
    save_draft,
    submit_form,
)
from web.auth import CheckedForm, ProducerUser, rt_of, system_of
from web.forms import text
from web.rendering import page

router = APIRouter()
DONE = {"saved": "Đã lưu bản nháp.",
        "submitted": "Đã nộp phiếu đăng ký. Hãy nộp tệp các tài liệu dưới đây.",
        "uploaded": "Đã nộp tệp: cán bộ OCOP sẽ kiểm tra."}


@router.get("/producer")
def producer_home(request: Request, me: ProducerUser) -> Response:
    return page(request, "producer_home.html", {"p": portal(rt_of(request), me.name),
                                                "done": DONE.get(request.query_params.get("done", ""))})


def _form_page(request: Request, actor: str, form: FormView | None, values: dict[str, Any],
               kind: str, message: str | None = None, status: int = 200) -> Response:
    standards = values.get("standards") or ""
    values = {**values, "standards": "\n".join(standards) if isinstance(standards, list)
              else standards}
    return page(request, "producer_form.html", {
        "c": form_choices(rt_of(request), actor), "form": form, "values": values, "kind": kind,
        "message": message, "done": DONE.get(request.query_params.get("done", ""))}, status)


@router.get("/producer/forms/new")
def new_form(request: Request, me: ProducerUser) -> Response:
    return _form_page(request, me.name, None, blank_fields(rt_of(request), me.name), "01")


@router.get("/producer/forms/{form_id}")
def show_form(request: Request, me: ProducerUser, form_id: int) -> Response:
    form = open_form(rt_of(request), me.name, form_id)
    return _form_page(request, me.name, form, form.fields, form.form)


def _values(form: FormData) -> dict[str, Any]:
    return {name: text(form, name) for name in (*TEXT_FIELDS, "standards")}


def _save_or_submit(request: Request, actor: str, form_id: int | None,
                    form: FormData) -> Response:
    """The draft is saved first, so that a refused submission loses nothing typed."""
    rt, values, kind = rt_of(request), _values(form), text(form, "form") or "01"
    try:
        saved = save_draft(rt, actor, form_id, kind, values)
    except (InvalidInput, RuleRefused) as error:
        current = open_form(rt, actor, form_id) if form_id is not None else None
        return _form_page(request, actor, current, values, kind, error.message,
                          409 if isinstance(error, RuleRefused) else 422)
    if text(form, "action") != "submit":
        return RedirectResponse(f"/producer/forms/{saved.id}?done=saved", status_code=303)
    try:
        dossier_id = submit_form(rt, actor, saved.id)
    except (InvalidInput, RuleRefused, NotFound) as error:
        status = 409 if isinstance(error, RuleRefused) else 422
        return _form_page(request, actor, saved, saved.fields, saved.form, error.message, status)
    return RedirectResponse(f"/producer/dossiers/{dossier_id}?done=submitted", status_code=303)


@router.post("/producer/forms")
def create_form(request: Request, me: ProducerUser, form: CheckedForm) -> Response:
    return _save_or_submit(request, me.name, None, form)


@router.post("/producer/forms/{form_id}")
def update_form(request: Request, me: ProducerUser, form: CheckedForm, form_id: int) -> Response:
    open_form(rt_of(request), me.name, form_id)  # another producer's form: not found
    return _save_or_submit(request, me.name, form_id, form)


def producer_dossier_page(request: Request, actor: str, dossier_id: int,
                          message: str | None = None, status: int = 200) -> Response:
    """The producer's dossier with its documents' files (a refused upload: `message`)."""
    system = system_of(request)
    view = own_dossier(system.rt, actor, dossier_id)
    forms = [f for f in portal(system.rt, actor).forms if f.dossier_id == dossier_id]
    return page(request, "producer_dossier.html", {
        "v": view, "kind": product_kind(system.rt, view), "forms": forms,
        "files": list_files(system.rt, system.files, actor, dossier_id),
        "message": message, "done": DONE.get(request.query_params.get("done", ""))}, status)


@router.get("/producer/dossiers/{dossier_id}")
def producer_dossier(request: Request, me: ProducerUser, dossier_id: int) -> Response:
    return producer_dossier_page(request, me.name, dossier_id)
