"""The 2xx bodies of /api/v1 as pydantic models, made from the dataclasses the server writes
with states.jsonable, so that the schema says what each answer holds and Schemathesis'
response_schema_conformance checks it: every field required (jsonable writes them all), null
only where the type allows None, a vocabulary StrEnum as its enum, date and datetime as
format date and date-time, a field renamed by its `json` metadata under that name, no other
key (additionalProperties false).

An operation says `response_model=None, responses={200: {"model": answer(View)}, …}`: the
model describes, the server keeps writing jsonable(view) (no second conversion). Keys added
next to a view's fields are `answer(View, name=..., key=(type, ...))`."""

import dataclasses
import types
import typing
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, create_model

from states.dossiers.sheet import DossierView
from states.oversight.worklist import WorkPage
from states.vocabulary import Action, State


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")


_made: dict[tuple[type, str], type[BaseModel]] = {}
_names: dict[str, type] = {}


def _model_name(view: type) -> str:
    """The class's name; a second class of that name (two SheetViews) adds its module's."""
    name = view.__name__
    if _names.setdefault(name, view) is not view:
        name = view.__module__.rsplit(".", 1)[-1].title().replace("_", "") + name
        _names.setdefault(name, view)
    return name


def _key(kind: Any) -> Any:
    """jsonable writes a key as str(key): an enum's value, anything else as text."""
    return kind if isinstance(kind, type) and issubclass(kind, Enum) else str


def typed(kind: Any) -> Any:
    """A field's type as jsonable writes it: dataclasses as answers, tuples and sets as lists."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        return answer(kind)
    if origin is Annotated:
        return typed(args[0])
    if origin in (Union, types.UnionType):
        return Union[tuple(typed(arg) for arg in args)]  # noqa: UP007 (built at run time)
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        return tuple[tuple(typed(arg) for arg in args)] if args else list[Any]  # type: ignore[misc]
    if origin in (list, set, frozenset, tuple) or origin is Sequence:
        return list[typed(args[0])] if args else list[Any]  # type: ignore[misc]
    if origin in (dict, Mapping):
        return dict[_key(args[0]), typed(args[1])] if args else dict[str, Any]  # type: ignore[misc]
    if origin is Literal:
        return kind
    return kind


def answer(view: type, name: str | None = None, **more: Any) -> type[BaseModel]:
    """The model of jsonable(view) for a dataclass `view`, with `more` keys after its fields
    (or instead of one of them, written otherwise)."""
    made_as = name or _model_name(view)
    if (view, made_as) in _made:
        return _made[(view, made_as)]
    hints = typing.get_type_hints(view)
    fields: dict[str, Any] = {}
    for field in dataclasses.fields(view):
        written = field.metadata.get("json", field.name)
        fields[written] = (typed(hints[field.name]), ...)
    # A dataclass without a docstring has its signature as one: no description then.
    written_doc = view.__doc__ if not (view.__doc__ or "").startswith(f"{view.__name__}(") else None
    model: type[BaseModel] = create_model(made_as, __base__=Answer, __doc__=written_doc,
                                          **(fields | more))
    _made[(view, made_as)] = model
    return model


class AllowedStep(Answer):
    trigger: Action
    allowed: bool
    reason: str | None


def listed(item: type[BaseModel], name: str, **more: Any) -> type[BaseModel]:
    """`{"items": [...], ...more}`: a page of one kind of answer."""
    model: type[BaseModel] = create_model(name, __base__=Answer, items=(list[item], ...), **more)  # type: ignore[valid-type]
    return model


Count = Annotated[int, Field(ge=0)]


class Tally(Answer):
    count: Count
    overdue: Count


class UnitTally(Answer):
    unit: str
    name: str
    states: dict[State, Tally]


class DashboardAnswer(Answer):
    """Dossiers by unit and state, and by state over the units one sees."""

    units: list[UnitTally]
    states: dict[State, Tally]


# A dossier as /api/v1 answers it (web.api_views.dossier_json): its view and the steps.
DossierAnswer = answer(DossierView, name="DossierAnswer", allowed_steps=(list[AllowedStep], ...))
DossierPage = answer(WorkPage, name="DossierPage")
