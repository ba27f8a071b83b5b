"""Who prepares the replay's dossiers (producers themselves, officers helping, three consultants,
one of them spelt two ways), and what that does to their evaluation: consultants without the
expertise bring lower council points and more missing documents, officers a little better.

The replay asks its preparer at each registration and evaluation; demo/preparation.py sets one
up with each unit's officers.
"""

import random
from dataclasses import dataclass, field

from states.training.preparation_commands import PreparationInput
from states.vocabulary import ContractedPart, PreparedBy

# (spellings as officers type them, points shift, extra chance of missing documents, share)
CONSULTANTS: tuple[tuple[tuple[str, ...], float, float, float], ...] = (
    (("Công ty TNHH Tư vấn Nông nghiệp Xanh", "Cty TNHH tư vấn nông nghiệp Xanh"), -2.0, 0.05, 0.08),
    (("Công ty Cổ phần Thiết kế và Tư vấn Bao bì Việt", "CTCP Thiết kế và Tư vấn Bao bì Việt"),
     -9.0, 0.30, 0.10),
    (("Cty TNHH Tư vấn OCOP Miền Bắc",), -7.0, 0.25, 0.07),
)
OFFICER_HELPED_SHARE = 0.30
OFFICER_SHIFT = 3.0
PARTS = [p for p in ContractedPart if p != ContractedPart.WHOLE_DOSSIER]


@dataclass
class Preparer:
    """Who prepares the demo's dossiers, and what that does to their evaluation."""

    rng: random.Random
    officers: dict[str, list[str]]  # each unit's officers (user names)
    names: dict[str, str]  # each officer's full name
    shift: dict[int, float] = field(default_factory=dict)
    missing: dict[int, float] = field(default_factory=dict)
    _pending: tuple[float, float] = (0.0, 0.0)

    def plan(self, unit: str) -> PreparationInput:
        """Who prepares the next dossier of `unit` (kept until `remember` names the dossier)."""
        draw = self.rng.random()
        for spellings, shift, missing, share in CONSULTANTS:
            if draw < share:
                self._pending = (shift, missing)
                parts = ((ContractedPart.WHOLE_DOSSIER,) if self.rng.random() < 0.4 else
                         tuple(self.rng.sample(PARTS, self.rng.randint(1, 3))))
                return PreparationInput(PreparedBy.CONSULTANT, consultant=self.rng.choice(spellings),
                                        contracted=parts)
            draw -= share
        if draw < OFFICER_HELPED_SHARE:
            self._pending = (OFFICER_SHIFT, 0.0)
            return PreparationInput(PreparedBy.OFFICER, officer=self.rng.choice(self.officers[unit]))
        self._pending = (0.0, 0.0)
        return PreparationInput(PreparedBy.PRODUCER)

    def remember(self, dossier_id: int) -> None:
        self.shift[dossier_id], self.missing[dossier_id] = self._pending

    def points(self, dossier_id: int, points: float) -> float:
        return round(max(20.0, min(99.0, points + self.shift.get(dossier_id, 0.0))), 1)

    def documents(self, dossier_id: int, documents: list[str]) -> list[str]:
        """The documents a dossier arrives with: a poorly made one lacks some required ones."""
        if self.rng.random() < self.missing.get(dossier_id, 0.0):
            return documents[:3]
        return documents
