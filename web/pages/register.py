"""Registering a product: the unit preselected for a district officer, the producer's commune,
and who prepared the dossier."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData
from starlette.responses import Response

from states.errors import InvalidInput, NotFound, RuleRefused
from states.training.preparation_commands import PreparationInput, parse_preparation
from use_cases.dossiers import register_product
from use_cases.registration import registration_choices
from web.auth import CheckedForm, PageUser, rt_of
from web.forms import optional, text
from web.rendering import page

router = APIRouter()
FIELDS = ("unit", "producer", "producer_type", "name", "group", "subgroup", "email", "commune")
PREPARATION_FIELDS = ("prepared_by", "officer", "consultant")


def _form(request: Request, actor: str, values: dict[str, object], message: str | None = None,
          status: int = 200) -> Response:
    choices = registration_choices(rt_of(request), actor)
    values.setdefault("unit", choices.own_unit or "")
    return page(request, "register.html", {"c": choices, "values": values, "message": message},
                status)


@router.get("/register")
def register_page(request: Request, me: PageUser) -> Response:
    return _form(request, me.name, {})


def preparation_of(form: FormData) -> PreparationInput | None:
    """Who prepared the dossier, as the form's fieldset says (nothing chosen: not recorded)."""
    return parse_preparation(optional(form, "prepared_by"), optional(form, "officer"),
                             optional(form, "consultant"), [str(c) for c in form.getlist("contracted")])


@router.post("/register")
def register_submit(request: Request, me: PageUser, form: CheckedForm) -> Response:
    values: dict[str, object] = {name: text(form, name).strip()
                                 for name in (*FIELDS, *PREPARATION_FIELDS)}
    values["contracted"] = [str(c) for c in form.getlist("contracted")]
    try:
        view = register_product(rt_of(request), me.name, unit=str(values["unit"]),
                                producer=str(values["producer"]),
                                producer_type=str(values["producer_type"]),
                                product=str(values["name"]), group=str(values["group"]),
                                subgroup=optional(form, "subgroup"), email=optional(form, "email"),
                                commune=optional(form, "commune"),
                                preparation=preparation_of(form))
    except (InvalidInput, NotFound, RuleRefused) as error:
        return _form(request, me.name, values, error.message,
                     409 if isinstance(error, RuleRefused) else 422)
    return RedirectResponse(f"/dossiers/{view.id}?done=register", status_code=303)
