"""What every command needs: the database, the rules and the clock, built once by the
composition root (bootstrap/) and passed down; nothing here reads the environment."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from states.clock import Clock
from states.db.database import Database
from states.errors import Conflict
from states.rules.rulebooks import Rulebook, RuleRegistry, load_rules
from states.rules.score_sheets import ScoreSheet
from states.rules.sheet_book import SheetBook, load_sheets

# The score sheet of a rulebook, product group and sub-group (issue 21): the shipped sheets'
# loader, or a test's own sheets. Raises InvalidInput / ConfigurationError when there is none.
SheetFinder = Callable[[Rulebook, str, str | None], ScoreSheet]

CONFLICT_MESSAGE = ("Hồ sơ vừa được người khác thay đổi trong lúc bạn thao tác. "
                    "Không có gì được ghi; hãy xem lại hồ sơ và thử lại.")


@dataclass
class Runtime:
    db: Database
    clock: Clock = field(default_factory=Clock)
    rules_dir: Path | None = None
    # Pins the rulebook of newly opened rounds; None: the rulebook in force on the opening day.
    rulebook_pin: str | None = None
    # A test's own sheets in place of the book's (issue 21 councils); None: the book.
    sheet_finder: SheetFinder | None = None
    _rules: RuleRegistry | None = None
    _sheets: SheetBook | None = None

    @property
    def rules(self) -> RuleRegistry:
        # Read-only views never need the rule files: load them on first use.
        if self._rules is None:
            self._rules = load_rules(self.rules_dir)
        return self._rules

    @property
    def sheets(self) -> SheetBook:
        """The score sheets (shipped, then the province's), checked against the rulebooks on
        first use: `rt.sheets.sheet_for("qd148-2023", "food")`."""
        if self._sheets is None:
            self._sheets = load_sheets(self.rules, self.rules_dir)
        return self._sheets

    def reload_sheets(self) -> SheetBook:
        """After `ocop sheet import` wrote a file: the book as it now is."""
        self._sheets = None
        return self.sheets

    def rulebook_for_round(self, opened_on: date) -> Rulebook:
        if self.rulebook_pin is not None:
            return self.rules.get(self.rulebook_pin)
        return self.rules.in_force(opened_on)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        try:
            with self.db.transaction() as session:
                yield session
        except StaleDataError:
            raise Conflict(CONFLICT_MESSAGE) from None
