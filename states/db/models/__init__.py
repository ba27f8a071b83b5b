"""SQLAlchemy 2.0 models: the whole schema of the project database, one module per area."""

from states.db.models.base import Base
from states.db.models.certificates import Campaign, Certificate, RevocationProposal
from states.db.models.dossiers import (
    DocumentReceipt,
    Dossier,
    DossierEvent,
    EvaluationRound,
    Inspection,
    Producer,
    Product,
    ScoreSheet,
)
from states.db.models.outbox import OutboxMessage
from states.db.models.territory import Department, UnitFormerName, UnitSuccession
from states.db.models.units import AdministrativeUnit, User

__all__ = ["AdministrativeUnit", "Base", "Campaign", "Certificate", "DocumentReceipt", "Dossier",
           "DossierEvent", "EvaluationRound", "Inspection", "OutboxMessage", "Producer", "Product",
           "RevocationProposal", "ScoreSheet", "User"]
__all__ += ["Department", "UnitFormerName", "UnitSuccession"]
