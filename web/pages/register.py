"""Registering a product: the unit preselected for a district officer."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from states.errors import InvalidInput, NotFound
from use_cases.dossiers import register_product
from use_cases.registration import registration_choices
from web.auth import CheckedForm, PageUser, rt_of
from web.forms import text
from web.rendering import page

router = APIRouter()
FIELDS = ("unit", "producer", "producer_type", "name", "group", "email")


def _form(request: Request, actor: str, values: dict[str, str], message: str | None = None,
          status: int = 200) -> Response:
    choices = registration_choices(rt_of(request), actor)
    values.setdefault("unit", choices.own_unit or "")
    return page(request, "register.html", {"c": choices, "values": values, "message": message},
                status)


@router.get("/register")
def register_page(request: Request, me: PageUser) -> Response:
    return _form(request, me.name, {})


@router.post("/register")
def register_submit(request: Request, me: PageUser, form: CheckedForm) -> Response:
    values = {name: text(form, name).strip() for name in FIELDS}
    try:
        view = register_product(rt_of(request), me.name, unit=values["unit"],
                                producer=values["producer"], producer_type=values["producer_type"],
                                product=values["name"], group=values["group"],
                                email=values["email"] or None)
    except (InvalidInput, NotFound) as error:
        return _form(request, me.name, values, error.message, 422)
    return RedirectResponse(f"/dossiers/{view.id}?done=register", status_code=303)
