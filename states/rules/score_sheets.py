"""Score sheets (phiếu đánh giá) as data: parts, criteria and the points of each option.

One sheet per rulebook and product group (and sub-group where the rules differ). A sheet is
checked when it is built: each part's best options reach exactly the part's maximum, the parts
the rulebook's maxima, and the whole sheet 100. A sheet whose annex text could not be confirmed
says so (`provisional`), and every screen and printout that shows it must say so too.

This module holds the shape and its checks; loading the shipped sheets, importing a
province's .xlsx and printing a sheet are built on it.
"""

import hashlib

from pydantic import Field, model_validator

from states.rules.rulebooks import Strict

PART_CODES = ("A", "B", "C")
# Shown on every screen and printout of a provisional sheet (issue 21), word for word.
PROVISIONAL_BANNER = "TẠM THỜI / chưa đối chiếu văn bản gốc"


class SheetOption(Strict):
    code: str = Field(min_length=1, max_length=20)
    text: str = Field(min_length=1)
    points: float = Field(ge=0, le=100)


class SheetCriterion(Strict):
    code: str = Field(min_length=1, max_length=20)
    text: str = Field(min_length=1)
    # A mandatory criterion ("tiêu chí bắt buộc") failed fails the product whatever its total:
    # failing means the member chose an option worth 0 points.
    mandatory: bool = False
    options: list[SheetOption] = Field(min_length=1)

    @property
    def best(self) -> float:
        return max(option.points for option in self.options)

    def option(self, code: str) -> SheetOption | None:
        return next((option for option in self.options if option.code == code), None)

    @model_validator(mode="after")
    def _options_unique(self) -> "SheetCriterion":
        codes = [option.code for option in self.options]
        if len(set(codes)) != len(codes):
            raise ValueError(f"tiêu chí {self.code}: mã lựa chọn bị trùng")
        return self

    @model_validator(mode="after")
    def _mandatory_can_fail(self) -> "SheetCriterion":
        # Failing a mandatory criterion is choosing its 0-point option: without one, a product
        # could never fail it.
        if self.mandatory and all(option.points > 0 for option in self.options):
            raise ValueError(f"tiêu chí bắt buộc {self.code} cần một lựa chọn 0 điểm (không đạt)")
        return self


class SheetPart(Strict):
    code: str = Field(pattern="^[ABC]$")
    name: str = Field(min_length=1)
    maximum: float = Field(gt=0, le=100)
    criteria: list[SheetCriterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _reaches_its_maximum(self) -> "SheetPart":
        reachable = round(sum(criterion.best for criterion in self.criteria), 2)
        if reachable != self.maximum:
            raise ValueError(f"phần {self.code}: các tiêu chí cộng tối đa được {reachable:g} "
                             f"điểm, phải đúng {self.maximum:g}")
        return self


class ScoreSheet(Strict):
    code: str = Field(min_length=1, max_length=60)
    rulebook: str
    group: str
    subgroup: str | None = None
    title: str = Field(min_length=1)
    # True where the annex's exact text could not be confirmed: shown on every screen and
    # printout, never presented as the law.
    provisional: bool
    source: str = Field(min_length=1)
    parts: list[SheetPart]

    @model_validator(mode="after")
    def _whole_sheet(self) -> "ScoreSheet":
        codes = [part.code for part in self.parts]
        if tuple(codes) != PART_CODES:
            raise ValueError("phiếu phải có đúng ba phần A, B, C theo thứ tự")
        total = round(sum(part.maximum for part in self.parts), 2)
        if total != 100:
            raise ValueError(f"tổng điểm tối đa của phiếu là {total:g}, phải đúng 100")
        criteria = [criterion.code for part in self.parts for criterion in part.criteria]
        if len(set(criteria)) != len(criteria):
            raise ValueError("mã tiêu chí bị trùng trong phiếu")
        return self

    def fingerprint(self) -> str:
        """A digest of the whole sheet (the same content, the same digest): a council's result
        can record exactly which sheet it was scored on, whatever later replaces the file."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]

    def mandatory_codes(self) -> list[str]:
        return [criterion.code for part in self.parts for criterion in part.criteria
                if criterion.mandatory]

    def criterion(self, code: str) -> SheetCriterion | None:
        return next((criterion for part in self.parts for criterion in part.criteria
                     if criterion.code == code), None)

    def part_of(self, criterion_code: str) -> str | None:
        return next((part.code for part in self.parts
                     for criterion in part.criteria if criterion.code == criterion_code), None)
