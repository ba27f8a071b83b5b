"""What every command needs: the database, the rules, the clock, and who is acting."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from states.clock import Clock
from states.database import Database
from states.errors import Conflict, NotFound
from states.models import User
from states.rulebooks import RuleRegistry, load_rules
from states.settings import Settings


@dataclass
class Runtime:
    settings: Settings
    db: Database
    clock: Clock = field(default_factory=Clock)
    _rules: RuleRegistry | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> "Runtime":
        return cls(settings=settings, db=Database(settings.database_url),
                   clock=Clock(settings.today))

    @property
    def rules(self) -> RuleRegistry:
        # Read-only views never need the rule files: load them on first use.
        if self._rules is None:
            self._rules = load_rules(self.settings.rules_dir)
        return self._rules

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        try:
            with self.db.transaction() as session:
                yield session
        except StaleDataError:
            raise Conflict(
                "Hồ sơ vừa được người khác thay đổi trong lúc bạn thao tác. "
                "Không có gì được ghi; hãy xem lại hồ sơ và thử lại."
            ) from None


def find_user(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound(f"Không có người dùng '{name}'. Thêm bằng: ocop user add {name} --role ...")
    return user
