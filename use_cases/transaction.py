"""Turning a domain command (which works in the caller's session) into a use case (which is
one transaction of its own)."""

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy.orm import Session

from states.permissions import authorize
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import Action

P = ParamSpec("P")
R = TypeVar("R")


def in_transaction(command: Callable[Concatenate[Runtime, Session, P], R]
                   ) -> Callable[Concatenate[Runtime, P], R]:
    """`command(rt, session, ...)` as `use_case(rt, ...)`: commits together, or not at all."""

    @functools.wraps(command)
    def use_case(rt: Runtime, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with rt.transaction() as session:
            return command(rt, session, *args, **kwargs)

    return use_case


def reading(query: Callable[Concatenate[Session, P], R]) -> Callable[Concatenate[Runtime, P], R]:
    """A read-only view `query(session, ...)` as `view(rt, ...)`."""

    @functools.wraps(query)
    def view(rt: Runtime, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with rt.transaction() as session:
            return query(session, *args, **kwargs)

    return view


def allowed_to(action: Action, query: Callable[Concatenate[Session, P], R]
               ) -> Callable[Concatenate[Runtime, str, P], R]:
    """A read-only view `query(session, ...)` as `view(rt, actor, ...)` for those who may `action`."""

    @functools.wraps(query)
    def view(rt: Runtime, actor: str, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with rt.transaction() as session:
            authorize(find_user(session, actor), action)
            return query(session, *args, **kwargs)

    return view
