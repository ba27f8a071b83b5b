"""The facts each step's guards look at, gathered in one place: the commands fire with them and
the dossier page asks the same question before anyone clicks."""

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import Certificate, Dossier, Inspection, ScoreSheet
from states.documents.files import unaccepted_required
from states.dossiers.checklist import missing_required, present_documents
from states.lifecycle.guards import GuardContext
from states.rules.rulebooks import DocumentSpec, Rulebook
from states.vocabulary import Action, CertificateStatus, CouncilLevel


class DossierFacts:
    """Reads about one dossier's current cycle: inspections, score sheets, documents, certificates."""

    def __init__(self, session: Session, dossier: Dossier, rulebook: Rulebook, today: date) -> None:
        self.session = session
        self.dossier = dossier
        self.rulebook = rulebook
        self.today = today

    def sheet(self, level: CouncilLevel) -> ScoreSheet | None:
        return self.session.scalar(
            select(ScoreSheet).where(ScoreSheet.dossier_id == self.dossier.id,
                                     ScoreSheet.cycle == self.dossier.cycle,
                                     ScoreSheet.level == level)
            .order_by(ScoreSheet.id.desc()).limit(1))

    def certificate(self, *statuses: CertificateStatus) -> Certificate | None:
        """The dossier's newest certificate in one of `statuses` (default: valid)."""
        return self.session.scalar(
            select(Certificate).where(Certificate.dossier_id == self.dossier.id,
                                      Certificate.status.in_(statuses or (CertificateStatus.VALID,)))
            .order_by(Certificate.id.desc()).limit(1))

    def present_documents(self) -> set[str]:
        return present_documents(self.session, self.dossier.id, self.dossier.cycle)

    def missing_required(self) -> list[DocumentSpec]:
        return missing_required(self.rulebook, self.present_documents())

    def has_inspection(self) -> bool:
        return self.session.scalar(
            select(Inspection.id).where(Inspection.dossier_id == self.dossier.id,
                                        Inspection.cycle == self.dossier.cycle).limit(1)) is not None

    def context_for(self, trigger: Action, **inputs: Any) -> GuardContext:
        """What `trigger`'s guards need: the stored facts, plus what the person typed."""
        gather = FACTS_OF.get(trigger)
        facts = gather(self) if gather is not None else {}
        return GuardContext(rulebook=self.rulebook, **facts, **inputs)


def _district_result(facts: DossierFacts) -> dict[str, Any]:
    sheet = facts.sheet(CouncilLevel.LOCAL)
    return {"district_points": sheet.average if sheet else None,
            "district_failed_mandatory": sheet.failed_mandatory if sheet else None,
            "missing_documents": [d.name for d in facts.missing_required()]}


def _valid_certificate(facts: DossierFacts) -> dict[str, Any]:
    return {"has_certificate": facts.certificate() is not None}


def _lapsed_certificate(facts: DossierFacts) -> dict[str, Any]:
    certificate = facts.certificate()
    return {"has_certificate": certificate is not None,
            "certificate_expired": certificate is not None and certificate.expires_on < facts.today}


def _revocable_certificate(facts: DossierFacts) -> dict[str, Any]:
    return {"has_certificate": facts.certificate(CertificateStatus.VALID,
                                                 CertificateStatus.EXPIRED) is not None}


# Which stored facts each trigger's guards read (a trigger not listed reads none). Certify's
# points are typed in the step itself: they come as inputs.
FACTS_OF: dict[Action, Callable[[DossierFacts], dict[str, Any]]] = {
    Action.INSPECT: lambda facts: {"unaccepted_documents": [
        d.name for d in unaccepted_required(facts.session, facts.dossier, facts.rulebook)]},
    Action.SCORE: lambda facts: {"has_inspection": facts.has_inspection()},
    Action.FORWARD: _district_result,
    Action.WITHDRAW: _valid_certificate,
    Action.OPEN_RENEWAL: _valid_certificate,
    Action.EXPIRE: _lapsed_certificate,
    Action.REVOKE: _revocable_certificate,
}
