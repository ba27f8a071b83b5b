"""Rulebooks as data: one TOML file per regulation, plus the province's own settings.

A province adds or overrides rules by dropping TOML files in `OCOP_RULES_DIR`
(a rulebook of its own, or a `province.toml` with time limits and extra days off):
no code change.
"""

import tomllib
from datetime import date
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from states.choices import choose, matching
from states.errors import ConfigurationError, InvalidInput
from states.file_problems import why_unreadable
from states.rules.council_policy import CouncilPolicy
from states.rules.working_days import WorkingCalendar
from states.validation_language import reason_of

BUILTIN_DIR = Path(__file__).parent / "data"
PROVINCE_FILE_NAME = "province.toml"
ModelT = TypeVar("ModelT", bound=BaseModel)
# A sub-group's code, as a score sheet's file names it ("che-bien-rau-qua").
SUBGROUP_CODE = r"^[a-z0-9][a-z0-9-]{0,31}$"


# A yearly plan is kept in the rules directory too, as plan-YYYY.toml: not a rulebook.
PLAN_PREFIX = "plan-"


def is_plan_file(path: Path) -> bool:
    return path.name.startswith(PLAN_PREFIX) and path.suffix == ".toml"


def _known_states(limits: dict[str, int]) -> dict[str, int]:
    from states.vocabulary import State

    unknown = sorted(set(limits) - {state.value for state in State})
    if unknown:
        raise ValueError(f"trạng thái không có: {', '.join(unknown)} (có: "
                         f"{', '.join(state.value for state in State)})")
    return limits


# Working days a state may last: a year of working days at most (a typo like 1500 or -3 is
# refused, not obeyed).
TimeLimits = Annotated[dict[str, Annotated[int, Field(ge=1, le=250)]], AfterValidator(_known_states)]


class Strict(BaseModel):
    """A file's key that nothing reads is a typo: refused, not ignored."""

    model_config = ConfigDict(extra="forbid")


class StarBand(Strict):
    stars: int = Field(ge=1, le=5)
    min_points: float = Field(ge=0, le=100)


class DocumentSpec(Strict):
    code: str
    name: str
    required: bool
    # Issue 25: handed over in person (the product samples), never a file: ticked on receipt,
    # in a dossier of files too.
    physical: bool = False


class Rulebook(Strict):
    code: str
    title: str
    in_force_from: date
    in_force_until: date | None = None
    local_level: str
    local_level_name: str
    forwarding_threshold: float = Field(ge=0, le=100)
    recognition_threshold: float = Field(ge=0, le=100)
    central_threshold: float = Field(ge=0, le=100)
    local_recognition_max_stars: int = Field(default=0, ge=0, le=5)
    certificate_months: int = Field(default=36, ge=1, le=120)
    expiry_notice_days: int = Field(default=30, ge=1, le=365)
    part_maxima: dict[str, Annotated[int, Field(ge=0, le=100)]]
    star_bands: list[StarBand]
    groups: dict[str, str]
    # A product's sub-group (phân nhóm), per group: code → name. A sub-group with a sheet of
    # its own is scored on it (rules/data/sheets/). Provisional until checked against the text.
    subgroups: dict[str, dict[Annotated[str, Field(pattern=SUBGROUP_CODE)], str]] = {}
    subgroups_provisional: bool = True
    subgroups_source: str = ""
    documents: list[DocumentSpec]
    time_limits: TimeLimits

    @model_validator(mode="after")
    def _parts_make_100(self) -> "Rulebook":
        if sum(self.part_maxima.values()) != 100:
            raise ValueError("điểm tối đa của các phần (part_maxima) phải cộng lại đúng 100")
        self.star_bands.sort(key=lambda band: band.min_points, reverse=True)
        return self

    @model_validator(mode="after")
    def _subgroups_of_groups(self) -> "Rulebook":
        unknown = sorted(set(self.subgroups) - set(self.groups))
        if unknown:
            raise ValueError(f"phân nhóm (subgroups) của nhóm không có: {', '.join(unknown)}")
        seen: dict[str, str] = {}
        for group, code in ((g, c) for g, subgroups in self.subgroups.items() for c in subgroups):
            if seen.setdefault(code, group) != group:
                raise ValueError(f"phân nhóm '{code}' có ở cả nhóm {seen[code]} và {group}")
        return self

    def stars_for(self, points: float) -> int:
        for band in self.star_bands:
            if points >= band.min_points:
                return band.stars
        return 0

    def group_code(self, text: str) -> str:
        """The product group typed as its code or its name ("thực phẩm" for food)."""
        return choose(text, self.groups, "Nhóm sản phẩm", self.title)

    def group_name(self, code: str) -> str:
        try:
            return self.groups[code]
        except KeyError:
            known = ", ".join(self.groups)
            raise InvalidInput(
                f"Nhóm sản phẩm '{code}' không có trong {self.title}. Các nhóm: {known}."
            ) from None

    def subgroup_code(self, group: str, text: str | None) -> str | None:
        """The group's sub-group typed as its code or its name ("mật ong" for mat-ong), None
        when blank; one of another group is refused naming the group it belongs to."""
        if text is None or not text.strip():
            return None
        own = self.subgroups.get(group, {})
        name = self.group_name(group)
        if not matching(text, own):
            for other, subgroups in self.subgroups.items():
                found = matching(text, subgroups) if other != group else []
                if len(found) == 1:
                    raise InvalidInput(
                        f"Phân nhóm '{subgroups[found[0]]}' thuộc nhóm {self.groups[other]}, không "
                        f"thuộc nhóm {name} theo {self.title}.")
            if not own:
                raise InvalidInput(f"Nhóm {name} không chia phân nhóm theo {self.title}: hãy bỏ "
                                   "trống phân nhóm.")
        return choose(text, own, "Phân nhóm", f"nhóm {name} theo {self.title}")

    def subgroup_name(self, group: str, code: str | None) -> str | None:
        """The sub-group's name, or its code if the rulebook no longer lists it."""
        return self.subgroups.get(group, {}).get(code, code) if code else None

    def document(self, code: str) -> DocumentSpec:
        for doc in self.documents:
            if doc.code == code:
                return doc
        known = ", ".join(doc.code for doc in self.documents)
        raise InvalidInput(f"Mã tài liệu '{code}' không có trong danh mục. Các mã: {known}.")

    def in_force_on(self, day: date) -> bool:
        return self.in_force_from <= day and (self.in_force_until is None
                                              or day < self.in_force_until)


class NoticePolicy(Strict):
    """When people are told: `[notices]` in province.toml."""

    # None: each certificate's own rulebook decides (30 days under every national text).
    expiry_notice_days: int | None = Field(default=None, ge=1, le=365)
    due_soon_working_days: int = Field(default=3, ge=0, le=60)
    escalate_after_working_days: int = Field(default=5, ge=0, le=250)
    campaign_reminder_working_days: list[Annotated[int, Field(ge=0, le=250)]] = [10, 5, 1]


class AutoRenewal(Strict):
    """Yearly renewal without a plan: every quarter the system plans a renewal campaign for the
    certificates whose campaign should open (this many months before expiry) before the next
    quarter, so that no certificate expires because nobody opened a campaign."""

    open_months_before_expiry: int = Field(default=6, ge=1, le=36)
    deadline_days: int = Field(default=45, ge=1, le=365)


class CampaignPolicy(Strict):
    """`[campaigns]` in province.toml."""

    # A renewal campaign takes certificates expiring before its deadline + this many days.
    renewal_window_days: int = Field(default=180, ge=0, le=1100)
    # `auto_renewal = { open_months_before_expiry = 6, deadline_days = 45 }`; None: off.
    auto_renewal: AutoRenewal | None = None


class TrainingPolicy(Strict):
    """`[training]` in province.toml."""

    # A unit has a gap when none of its officers was trained within this many months.
    gap_months: int = Field(default=12, ge=1, le=120)
    # Units with a gap are reminded of a course this many days before it starts.
    reminder_days_before: int = Field(default=7, ge=1, le=90)


class ProvinceSettings(Strict):
    """What a province's annual plan decides: time limits, the year's extra days off, when
    people are told, which certificates a campaign takes."""

    time_limits: TimeLimits = {}
    extra_days_off: list[date] = []
    extra_working_days: list[date] = []
    notices: NoticePolicy = NoticePolicy()
    campaigns: CampaignPolicy = CampaignPolicy()
    training: TrainingPolicy = TrainingPolicy()
    councils: CouncilPolicy = CouncilPolicy()


class RuleRegistry:
    def __init__(self, rulebooks: dict[str, Rulebook], province: ProvinceSettings) -> None:
        self._rulebooks = rulebooks
        self.province = province
        self.calendar = WorkingCalendar(province.extra_days_off, province.extra_working_days)

    def get(self, code: str) -> Rulebook:
        try:
            return self._rulebooks[code]
        except KeyError:
            known = ", ".join(sorted(self._rulebooks))
            raise InvalidInput(f"Không có bộ quy định '{code}'. Hiện có: {known}.") from None

    def codes(self) -> list[str]:
        return sorted(self._rulebooks)

    def in_force(self, day: date) -> Rulebook:
        """The rulebook in force on `day` (a new round is pinned to it)."""
        for rulebook in sorted(self._rulebooks.values(), key=lambda r: r.in_force_from,
                               reverse=True):
            if rulebook.in_force_on(day):
                return rulebook
        raise InvalidInput(f"Không có bộ quy định nào có hiệu lực ngày {day:%d/%m/%Y}.")

    @property
    def notices(self) -> NoticePolicy:
        return self.province.notices

    def expiry_notice_days(self, rulebook: Rulebook) -> int:
        return self.province.notices.expiry_notice_days or rulebook.expiry_notice_days

    def longest_expiry_notice_days(self) -> int:
        return max(self.expiry_notice_days(r) for r in self._rulebooks.values())

    def time_limit(self, rulebook: Rulebook, state: str) -> int | None:
        if state in self.province.time_limits:
            return self.province.time_limits[state]
        return rulebook.time_limits.get(state)


def _read_toml(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigurationError(f"Không đọc được tệp quy định {path}: "
                                 f"{why_unreadable(error)}.") from None


def load_rules(extra_dir: Path | None = None) -> RuleRegistry:
    paths = sorted(BUILTIN_DIR.glob("*.toml"))
    province = ProvinceSettings()
    if extra_dir is not None:
        if not extra_dir.is_dir():
            raise ConfigurationError(f"Thư mục quy định OCOP_RULES_DIR={extra_dir} không tồn tại.")
        province_path = extra_dir / PROVINCE_FILE_NAME
        if province_path.exists():
            province = _validated(ProvinceSettings, province_path)
        # plan-YYYY.toml files are the yearly plan (states/programme/plans.py), not rulebooks.
        paths += sorted(p for p in extra_dir.glob("*.toml")
                        if p.name != PROVINCE_FILE_NAME and not is_plan_file(p))
    rulebooks: dict[str, Rulebook] = {}
    read_from: dict[str, Path] = {}
    for path in paths:
        rulebook = _validated(Rulebook, path)
        if rulebook.code in read_from:
            # A province's file named like a national text would silently change its rules.
            raise ConfigurationError(
                f"Tệp quy định {path}: khoá 'code' = '{rulebook.code}' đã là mã của "
                f"{read_from[rulebook.code].name}; hãy đặt mã khác cho bộ quy định của tỉnh.")
        rulebooks[rulebook.code] = rulebook
        read_from[rulebook.code] = path
    return RuleRegistry(rulebooks, province)


def _validated(model: type[ModelT], path: Path) -> ModelT:
    try:
        return model.model_validate(_read_toml(path))
    except ValidationError as error:
        wrong = "; ".join(f"khoá '{'.'.join(str(p) for p in e['loc']) or 'cả tệp'}': {reason_of(e)}"
                          for e in error.errors())
        raise ConfigurationError(f"Tệp quy định {path} sai định dạng: {wrong}.") from None
