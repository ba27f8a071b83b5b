"""The dossier page: what it holds, the steps allowed now as forms, the history, the mail."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData
from starlette.responses import Response

from states.errors import Conflict, InvalidInput, NotFound, OcopError, RuleRefused
from states.vocabulary import Action, RevocationReason
from use_cases.campaigns import propose_revocation
from use_cases.document_files import list_files
from use_cases.dossier_page import dossier_page
from use_cases.dossiers import record_who_prepared
from use_cases.producer_accounts import dossier_accounts
from use_cases.queries import show_dossier
from use_cases.registry import dossier_certificate
from use_cases.steps import STEPS, StepSpec, step_spec, take_step
from web.auth import CheckedForm, PageUser, rt_of, system_of
from web.downloads import disposition
from web.forms import optional, text
from web.rendering import page

router = APIRouter()


def render_dossier(request: Request, actor: str, dossier_id: int, *, status: int = 200,
                   problem: dict[str, Any] | None = None, stale: bool = False) -> Response:
    rt = rt_of(request)
    data = dossier_page(rt, actor, dossier_id)
    files = list_files(rt, system_of(request).files, actor, dossier_id)  # issue 25
    return page(request, "dossier.html", {"files": files,
        "d": data, "v": data.view, "specs": STEPS, "today": rt.clock.today().isoformat(),
        "problem": problem or {}, "stale": stale, "reasons": list(RevocationReason),
        "done": request.query_params.get("done", ""),
        "accounts": dossier_accounts(rt, actor, dossier_id)}, status)


def marked(error: OcopError, form_fields: list[str]) -> dict[str, Any]:
    """The form's fields the error names (marked invalid), and the first of them on the form
    (the message is shown beside it; with none on this form, above the form)."""
    named = [name for name in form_fields if name in error.fields]
    return {"field": named[0] if named else None, "fields": named}


@router.get("/dossiers/{dossier_id}")
def dossier_view(request: Request, me: PageUser, dossier_id: int) -> Response:
    return render_dossier(request, me.name, dossier_id)


def _fields(spec: StepSpec, form: FormData) -> dict[str, Any]:
    if spec.trigger == Action.DOCUMENTS:
        ticked = [str(v) for v in form.getlist("present")]
        every = [str(v) for v in form.getlist("listed")]
        return {"add": ticked, "remove": [c for c in every if c not in ticked]}
    return {field.name: form.get(field.name) for field in spec.fields}


def _version(form: FormData) -> int | None:
    try:
        return int(text(form, "version"))
    except ValueError:
        return None


@router.post("/dossiers/{dossier_id}/steps/{trigger}")
def dossier_step(request: Request, me: PageUser, form: CheckedForm, dossier_id: int,
                 trigger: str) -> Response:
    spec = step_spec(trigger)
    fields = _fields(spec, form)
    try:
        take_step(rt_of(request), me.name, dossier_id, trigger, fields, _version(form))
    except Conflict:
        return render_dossier(request, me.name, dossier_id, status=409, stale=True)
    except (InvalidInput, RuleRefused) as error:
        status = 409 if isinstance(error, RuleRefused) else 422
        problem = {"trigger": trigger, "message": error.message, "values": fields,
                   **marked(error, [field.name for field in spec.fields])}
        return render_dossier(request, me.name, dossier_id, status=status, problem=problem)
    return RedirectResponse(f"/dossiers/{dossier_id}?done={trigger}", status_code=303)


@router.post("/dossiers/{dossier_id}/propose-revocation")
def dossier_propose(request: Request, me: PageUser, form: CheckedForm, dossier_id: int) -> Response:
    rt = rt_of(request)
    show_dossier(rt, me.name, dossier_id)  # another unit's dossier: "no such dossier"
    try:
        campaign = int(text(form, "campaign"))
    except ValueError:
        raise InvalidInput("Hãy chọn chiến dịch thu hồi.", fields=("campaign",)) from None
    try:
        propose_revocation(rt, me.name, campaign, dossier_id, text(form, "reason"),
                           optional(form, "note"))
    except (InvalidInput, RuleRefused) as error:
        problem = {"trigger": "propose", "field": None, "message": error.message, "values": form}
        return render_dossier(request, me.name, dossier_id, status=422, problem=problem)
    return RedirectResponse(f"/dossiers/{dossier_id}?done=propose_revocation", status_code=303)


@router.post("/dossiers/{dossier_id}/preparation")
def dossier_preparation(request: Request, me: PageUser, form: CheckedForm,
                        dossier_id: int) -> Response:
    fields = {name: optional(form, name) for name in ("prepared_by", "officer", "consultant")}
    contracted = [str(c) for c in form.getlist("contracted")]
    try:
        record_who_prepared(rt_of(request), me.name, dossier_id, **fields, contracted=contracted)
    except (InvalidInput, NotFound) as error:
        problem = {"trigger": "preparation", "field": None, "message": error.message,
                   "values": {**fields, "contracted": contracted}}
        return render_dossier(request, me.name, dossier_id, status=422, problem=problem)
    return RedirectResponse(f"/dossiers/{dossier_id}?done=preparation", status_code=303)


@router.get("/dossiers/{dossier_id}/certificate.pdf")
def dossier_certificate_pdf(request: Request, me: PageUser, dossier_id: int) -> Response:
    """"Tải giấy chứng nhận": the printed certificate, its QR code to the public page."""
    name, content = dossier_certificate(rt_of(request), me.name, dossier_id,
                                        system_of(request).settings.public_url)
    return Response(content, media_type="application/pdf",
                    headers={"Content-Disposition": disposition(name)})
