"""The province's yearly plan as data: evaluation rounds with their deadlines, campaigns with
their dates (Bắc Giang's Kế hoạch 959/KH-UBND of 10/3/2022 is such a plan).

A plan is written as `plan-YYYY.toml` in OCOP_RULES_DIR, imported from .xlsx
(states/programme/plan_workbook.py) or added one entry at a time; every way in ends as rows in the
database (states/programme/planning.py), which the flows and the faces read.
"""

import itertools
import re
import tomllib
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from states.clock import meant_day
from states.errors import ConfigurationError, InvalidInput
from states.file_problems import why_unreadable
from states.rules.certificates import expiry_date
from states.rules.rulebooks import is_plan_file
from states.validation_language import reason_of
from states.vocabulary import CampaignKind

PLAN_FILE = re.compile(r"^plan-(\d{4})\.toml$")
SpecT = TypeVar("SpecT", bound=BaseModel)


def _day(value: Any) -> Any:
    """Dates as a Vietnamese officer writes them (dd/mm/yyyy) or as Excel stores them."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,2}/\d{1,2}/\d{4}\s*", value):
        try:
            return datetime.strptime(value.strip(), "%d/%m/%Y").date()
        except ValueError:
            raise ValueError(f"ngày '{value.strip()}' không có thật") from None
    return value


Day = Annotated[date, BeforeValidator(_day), AfterValidator(meant_day)]


class RoundSpec(BaseModel):
    """One evaluation round (đợt đánh giá) of the plan."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1, max_length=32, pattern=r"^[\w.-]+$")
    name: str = Field(min_length=1, max_length=200)
    # None: the rulebook in force on the day registration opens.
    rulebook: str | None = None
    registration_opens: Day
    registration_closes: Day
    local_deadline: Day
    provincial_deadline: Day

    @model_validator(mode="after")
    def _in_order(self) -> "RoundSpec":
        if not (self.registration_opens <= self.registration_closes <= self.local_deadline
                <= self.provincial_deadline):
            raise ValueError("các mốc phải theo thứ tự: registration_opens ≤ registration_closes "
                             "≤ local_deadline ≤ provincial_deadline")
        return self


class CampaignSpec(BaseModel):
    """One renewal or revocation campaign of the plan."""

    model_config = ConfigDict(extra="forbid")

    kind: CampaignKind
    opens_on: Day
    deadline: Day
    # Renewal only: which certificates; neither means the province's renewal_window_days.
    expiring_before: Day | None = None
    expiring_within_months: int | None = Field(default=None, ge=1, le=60)

    @model_validator(mode="after")
    def _consistent(self) -> "CampaignSpec":
        if self.deadline <= self.opens_on:
            raise ValueError("hạn nộp (deadline) phải sau ngày mở (opens_on)")
        scoped = self.expiring_before is not None or self.expiring_within_months is not None
        if self.kind == CampaignKind.REVOCATION and scoped:
            raise ValueError("chiến dịch thu hồi không có phạm vi giấy chứng nhận")
        if self.expiring_before is not None and self.expiring_within_months is not None:
            raise ValueError("chỉ ghi một trong hai: expiring_before hoặc expiring_within_months")
        return self

    @property
    def key(self) -> str:
        """What identifies this campaign when the plan is loaded again."""
        return f"{self.kind}:{self.opens_on.isoformat()}"

    def window_end(self) -> date | None:
        """Certificates expiring before this day are in scope (None: decided when it opens)."""
        if self.expiring_within_months is not None:
            return expiry_date(self.deadline, self.expiring_within_months)
        return self.expiring_before


class YearPlan(BaseModel):
    model_config = ConfigDict(extra="forbid")

    year: int = Field(ge=2000, le=2100)
    rounds: list[RoundSpec] = []
    campaigns: list[CampaignSpec] = []

    @model_validator(mode="after")
    def _of_its_year(self) -> "YearPlan":
        for spec in self.rounds:
            if spec.registration_opens.year != self.year:
                raise ValueError(f"đợt {spec.code} mở đăng ký năm {spec.registration_opens.year}, "
                                 f"không thuộc kế hoạch năm {self.year}")
        for campaign in self.campaigns:
            if campaign.opens_on.year != self.year:
                raise ValueError(f"chiến dịch mở ngày {campaign.opens_on:%d/%m/%Y} không thuộc "
                                 f"kế hoạch năm {self.year}")
        _unique((r.code for r in self.rounds), "mã đợt")
        _unique((c.key for c in self.campaigns), "chiến dịch (loại và ngày mở)")
        ordered = sorted(self.rounds, key=lambda r: r.registration_opens)
        for first, second in itertools.pairwise(ordered):
            if second.registration_opens <= first.registration_closes:
                raise ValueError(f"thời gian đăng ký của đợt {first.code} và {second.code} "
                                 "chồng lên nhau")
        return self


def _unique(values: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{what} '{value}' xuất hiện hai lần")
        seen.add(value)


def plan_files(rules_dir: Path | None) -> list[Path]:
    if rules_dir is None or not rules_dir.is_dir():
        return []
    return sorted(p for p in rules_dir.glob("*.toml") if is_plan_file(p))


def where(loc: tuple[int | str, ...]) -> str:
    """A pydantic location as a person finds it in the file: `[[rounds]] thứ 2, khoá 'code'`."""
    parts: list[str] = []
    for index, part in enumerate(loc):
        if isinstance(part, int):
            continue
        following = loc[index + 1] if index + 1 < len(loc) else None
        parts.append(f"[[{part}]] thứ {following + 1}" if isinstance(following, int)
                     else f"khoá '{part}'")
    return ", ".join(parts) or "toàn tệp"


def validation_message(error: ValidationError) -> str:
    return "; ".join(f"{where(e['loc'])}: {reason_of(e)}" for e in error.errors())


def read_plan_file(path: Path) -> YearPlan:
    """A `plan-YYYY.toml`, validated; errors name the file and the key."""
    match = PLAN_FILE.match(path.name)
    if match is None:
        raise ConfigurationError(f"Tệp kế hoạch {path}: tên tệp phải có dạng plan-YYYY.toml.")
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigurationError(f"Không đọc được tệp kế hoạch {path}: "
                                 f"{why_unreadable(error)}.") from None
    year = int(match.group(1))
    if data.setdefault("year", year) != year:
        raise ConfigurationError(f"Tệp kế hoạch {path}: khoá 'year' = {data['year']} khác năm "
                                 f"trong tên tệp ({year}).")
    try:
        return YearPlan.model_validate(data)
    except ValidationError as error:
        raise ConfigurationError(f"Tệp kế hoạch {path} sai: {validation_message(error)}") from None


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def next_quarter_start(day: date) -> date:
    return expiry_date(quarter_start(day), 3)


def quarter_key(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def parse_spec(model: type[SpecT], values: dict[str, Any]) -> SpecT:
    """A plan entry typed on the command line (None: not given), or one Vietnamese sentence."""
    try:
        return model.model_validate({k: v for k, v in values.items() if v is not None})
    except ValidationError as error:
        raise InvalidInput(f"Mục kế hoạch không hợp lệ: {validation_message(error)}.") from None
