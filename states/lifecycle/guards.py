"""The conditions of each step. A guard returns None when the step is allowed, else the
reason in Vietnamese ("điểm cấp huyện 45 < 50"), so a refusal always says why."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from states.rules.points import format_points

if TYPE_CHECKING:
    from states.rules.rulebooks import Rulebook


@dataclass
class GuardContext:
    """What a guard may look at: facts the command gathered before firing."""

    rulebook: "Rulebook"
    has_inspection: bool = False
    district_points: float | None = None
    district_failed_mandatory: str | None = None
    missing_documents: Sequence[str] = ()
    # Issue 25: a dossier of files, the required documents without an accepted file.
    unaccepted_documents: Sequence[str] = ()
    points: float | None = None
    failed_mandatory: str | None = None
    has_certificate: bool = False
    certificate_expired: bool = False
    # The points are about to be typed (the dossier page asks before the form is filled): a
    # guard on them cannot refuse yet; the step itself checks them when submitted.
    awaiting_input: bool = False
    details: dict[str, Any] = field(default_factory=dict)


Guard = Callable[[GuardContext], str | None]


def needs_inspection(ctx: GuardContext) -> str | None:
    if ctx.has_inspection:
        return None
    return "chưa có biên bản kiểm tra thực tế cơ sở sản xuất"


def documents_accepted(ctx: GuardContext) -> str | None:
    """Field inspection of a dossier of files waits for every required document accepted."""
    if not ctx.unaccepted_documents:
        return None
    return "tài liệu bắt buộc chưa được chấp nhận: " + ", ".join(ctx.unaccepted_documents)


def reaches_forwarding_threshold(ctx: GuardContext) -> str | None:
    threshold = ctx.rulebook.forwarding_threshold
    level = ctx.rulebook.local_level_name
    if ctx.district_points is None:
        return f"chưa có điểm {level}"
    if ctx.district_failed_mandatory:
        return f"không đạt tiêu chí bắt buộc: {ctx.district_failed_mandatory}"
    if ctx.district_points < threshold:
        return f"điểm {level} {format_points(ctx.district_points)} < {format_points(threshold)}"
    return None


def checklist_complete(ctx: GuardContext) -> str | None:
    if not ctx.missing_documents:
        return None
    return "hồ sơ còn thiếu: " + ", ".join(ctx.missing_documents)


def recognisable(ctx: GuardContext) -> str | None:
    if ctx.points is None:
        return None if ctx.awaiting_input else "chưa có điểm của hội đồng"
    if ctx.failed_mandatory:
        return f"không đạt tiêu chí bắt buộc: {ctx.failed_mandatory}"
    threshold = ctx.rulebook.recognition_threshold
    if ctx.points < threshold:
        return (f"điểm {format_points(ctx.points)} < {format_points(threshold)}, "
                "chỉ có thể không công nhận")
    return None


def recognised_locally(ctx: GuardContext) -> str | None:
    """QĐ 148: the district council recognises 3-star products itself; 4 and 5 go up."""
    rulebook = ctx.rulebook
    if rulebook.local_recognition_max_stars == 0:
        return (f"theo {rulebook.title}, {rulebook.local_level_name} không công nhận sản phẩm; "
                "hãy chuyển hồ sơ lên tỉnh")
    refused = recognisable(ctx)
    if refused is not None or ctx.points is None:
        return refused
    stars = rulebook.stars_for(ctx.points)
    if stars > rulebook.local_recognition_max_stars:
        return (f"điểm {format_points(ctx.points)} đạt {stars} sao, vượt thẩm quyền "
                f"{rulebook.local_level_name}; hãy chuyển hồ sơ lên tỉnh")
    return None


def qualifies_for_central(ctx: GuardContext) -> str | None:
    if ctx.points is not None and ctx.points >= ctx.rulebook.central_threshold:
        return None
    return "dưới ngưỡng đề nghị trung ương"


def has_no_certificate(ctx: GuardContext) -> str | None:
    if ctx.has_certificate:
        return "sản phẩm đã có giấy chứng nhận; hãy để hết hạn hoặc thu hồi"
    return None


def holds_certificate(ctx: GuardContext) -> str | None:
    return None if ctx.has_certificate else "sản phẩm không có giấy chứng nhận còn hiệu lực"


def certificate_lapsed(ctx: GuardContext) -> str | None:
    return None if ctx.certificate_expired else "giấy chứng nhận chưa đến ngày hết hạn"
