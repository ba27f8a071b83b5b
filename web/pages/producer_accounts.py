"""The officer's side of producers' accounts, on the dossier page: invite, disable."""

from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from states.errors import InvalidInput, NotFound, RuleRefused
from states.vocabulary import Action
from use_cases.producer_accounts import disable_producer_account, invite_producer
from use_cases.queries import show_dossier
from web.auth import CheckedForm, PageUser, now_of, rt_of, system_of
from web.forms import optional, text
from web.pages.dossier import render_dossier

router = APIRouter()


def _refused(request: Request, actor: str, dossier_id: int, error: InvalidInput | RuleRefused
             | NotFound) -> Response:
    problem = {"trigger": "producer_account", "field": None, "message": error.message}
    return render_dossier(request, actor, dossier_id, problem=problem,
                          status=409 if isinstance(error, RuleRefused)
                          else 404 if isinstance(error, NotFound) else 422)


@router.post("/dossiers/{dossier_id}/producer-invitation")
def invite(request: Request, me: PageUser, form: CheckedForm, dossier_id: int) -> Response:
    settings = system_of(request).settings
    try:
        invite_producer(rt_of(request), me.name, dossier_id, email=optional(form, "email"),
                        site_url=settings.public_url,
                        valid_for=timedelta(days=settings.invitation_days), now=now_of(request))
    except (InvalidInput, RuleRefused) as error:
        return _refused(request, me.name, dossier_id, error)
    return RedirectResponse(f"/dossiers/{dossier_id}?done={Action.INVITE_PRODUCER}",
                            status_code=303)


@router.post("/dossiers/{dossier_id}/producer-accounts/disable")
def disable(request: Request, me: PageUser, form: CheckedForm, dossier_id: int) -> Response:
    show_dossier(rt_of(request), me.name, dossier_id)  # another unit's dossier: not found
    try:
        disable_producer_account(rt_of(request), me.name, text(form, "name"),
                                 optional(form, "reason"))
    except (InvalidInput, RuleRefused, NotFound) as error:
        return _refused(request, me.name, dossier_id, error)
    return RedirectResponse(f"/dossiers/{dossier_id}?account=disabled", status_code=303)
