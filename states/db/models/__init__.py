"""SQLAlchemy 2.0 models: the whole schema of the project database, one module per area."""

from states.db.models.base import Base
from states.db.models.certificates import Campaign, Certificate, RevocationProposal
from states.db.models.councils import (
    Council,
    CouncilConflict,
    CouncilDossier,
    CouncilMember,
    MemberSheet,
    SheetChoice,
    SheetReopening,
)
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
from states.db.models.identity import ApiToken, AuthEvent, WebSession
from states.db.models.outbox import OutboxMessage
from states.db.models.preparation import Consultant, DossierPreparation
from states.db.models.producers import ProducerInvitation, RegistrationForm
from states.db.models.territory import Department, UnitFormerName, UnitSuccession
from states.db.models.training import TrainingAttendance, TrainingCourse, TrainingInvitation
from states.db.models.units import AdministrativeUnit, User

__all__ = ["AdministrativeUnit", "Base", "Campaign", "Certificate", "DocumentReceipt", "Dossier",
           "DossierEvent", "EvaluationRound", "Inspection", "OutboxMessage", "Producer", "Product",
           "RevocationProposal", "ScoreSheet", "User"]
# Issue 14: training and who prepared a dossier.
__all__ += ["Consultant", "DossierPreparation", "TrainingAttendance", "TrainingCourse",
            "TrainingInvitation"]
__all__ += ["Department", "UnitFormerName", "UnitSuccession"]
__all__ += ["ApiToken", "AuthEvent", "WebSession"]
# Issue 21: councils that score, criterion by criterion.
__all__ += ["Council", "CouncilConflict", "CouncilDossier", "CouncilMember", "MemberSheet",
            "SheetChoice", "SheetReopening"]
__all__ += ["ProducerInvitation", "RegistrationForm"]
