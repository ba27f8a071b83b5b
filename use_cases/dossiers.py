"""A product's dossier, step by step: what officers and the Department do to it."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from notices.missing_documents import queue_missing_documents_letter
from states.dossiers.preparation import PreparationView
from states.dossiers.sheet import DossierView
from states.errors import InvalidInput
from states.evaluation import scoring_commands as evaluation
from states.lifecycle import endings, register
from states.permissions import authorize
from states.registry import recognition
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.training.preparation_commands import PreparationInput, parse_preparation
from states.training.preparation_commands import set_preparation as record_preparation
from states.vocabulary import Action
from use_cases.queries import visible_dossier
from use_cases.revocations import revoke_and_tell
from use_cases.transaction import in_transaction

inspect = in_transaction(evaluation.inspect)
score = in_transaction(evaluation.score)
update_documents = in_transaction(evaluation.update_documents)
forward = in_transaction(evaluation.forward)
certify = in_transaction(recognition.certify)
not_recognise = in_transaction(recognition.not_recognise)
withdraw = in_transaction(endings.withdraw)
open_renewal = in_transaction(endings.open_renewal)
expire = in_transaction(endings.expire)
set_preparation = in_transaction(record_preparation)
revoke = in_transaction(revoke_and_tell)


def register_product(rt: Runtime, actor: str, /, *,
                     preparation: PreparationInput | None = None, **product: Any) -> DossierView:
    """Register the product (`product`: the fields of `commands.register.register_product`),
    record who prepared the dossier, and queue the producer's letter of what is still missing,
    in one transaction."""
    with rt.transaction() as session:
        return register_in(rt, session, actor, preparation=preparation, **product)


def register_in(rt: Runtime, session: Session, actor: str, /, *,
                preparation: PreparationInput | None = None, **product: Any) -> DossierView:
    """`register_product` in the caller's transaction: the producer's online form submits
    through the very steps the officer's registration takes."""
    view = register.register_product(rt, session, actor, **product)
    if preparation is not None:
        view.preparation = record_preparation(rt, session, actor, view.id, preparation)
    queue_missing_documents_letter(rt, session, view.id)
    return view


def return_dossier(rt: Runtime, actor: str, dossier_id: int, *, reason: str) -> DossierView:
    """Return the dossier and queue the producer's letter of what is still missing."""
    with rt.transaction() as session:
        view = evaluation.return_dossier(rt, session, actor, dossier_id, reason=reason)
        queue_missing_documents_letter(rt, session, dossier_id)
        return view


def record_who_prepared(rt: Runtime, actor: str, dossier_id: int, *, prepared_by: str | None,
                        officer: str | None, consultant: str | None,
                        contracted: Sequence[str]) -> PreparationView:
    """The dossier page's form: who may see the dossier and record its preparation is checked
    before what they typed (another unit's dossier is "no such dossier")."""
    with rt.transaction() as session:
        user = find_user(session, actor)
        dossier = visible_dossier(session, user, dossier_id)
        authorize(user, Action.PREPARATION, dossier.unit_id)
        preparation = parse_preparation(prepared_by, officer, consultant, contracted)
        if preparation is None:
            raise InvalidInput("Hãy chọn ai chuẩn bị hồ sơ.")
        return record_preparation(rt, session, actor, dossier_id, preparation)

