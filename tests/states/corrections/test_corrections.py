"""Corrections in the domain, on SQLite and PostgreSQL: every field has its label, and a
correction made from a stale read loses to the step that moved first."""

import pytest
from sqlalchemy import select

from states.corrections.dossier_corrections import DossierCorrection, correct_dossier
from states.db.models import Dossier, DossierEvent, ScoreSheet
from states.errors import Conflict
from states.runtime import Runtime
from states.vocabulary import Correction, label
from states.vocabulary.corrections import CorrectedField
from tests.builders import advance, register
from use_cases import dossiers


@pytest.mark.parametrize("code", [*Correction, *CorrectedField])
def test_every_correction_code_has_a_label(code: Correction | CorrectedField) -> None:
    assert label(code).strip()


def test_a_correction_from_a_stale_read_is_refused_and_writes_nothing(any_rt: Runtime) -> None:
    dossier = register(any_rt)
    advance(any_rt, dossier, "district_scored", district=45)
    with pytest.raises(Conflict), any_rt.transaction() as session:
        stale = session.get(Dossier, dossier)  # read before the other step commits
        assert stale is not None and stale.state == "district_scored"
        dossiers.return_dossier(any_rt, "admin", dossier, reason="Dưới 50 điểm")
        correct_dossier(any_rt, session, "admin", dossier,
                        DossierCorrection(members=[60]), "Nhập nhầm điểm")
    with any_rt.transaction() as session:
        assert session.scalar(select(ScoreSheet.member_totals)) == [45]
        triggers = list(session.scalars(select(DossierEvent.trigger).order_by(DossierEvent.id)))
        assert triggers[-1] == "return" and "correct" not in triggers
