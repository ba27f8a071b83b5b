"""The project's one vocabulary: every code stored or typed, and its Vietnamese label.

Codes are what the database, `--json` and the API carry; labels are what people read. Plain
data, cheap to import: the CLI's help and read-only views use it without the state machine.
"""

from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

from states import vocabulary_corrections as corrections_section
from states import vocabulary_plan as plan_section
from states import vocabulary_preparation as preparation_section
from states import vocabulary_registry as registry_section
from states.choices import choose

# Re-exported ("X as X"): import every code from here.
from states.vocabulary_corrections import Correction as Correction
from states.vocabulary_mail import LABELS as MAIL_LABELS
from states.vocabulary_mail import MailKind as MailKind
from states.vocabulary_plan import CampaignOrigin as CampaignOrigin
from states.vocabulary_plan import PlanEvent as PlanEvent
from states.vocabulary_plan import Timing as Timing
from states.vocabulary_preparation import AttendanceSource as AttendanceSource
from states.vocabulary_preparation import ContractedPart as ContractedPart
from states.vocabulary_preparation import PreparedBy as PreparedBy
from states.vocabulary_registry import ImportKind as ImportKind
from states.vocabulary_registry import RegistryEvent as RegistryEvent
from states.vocabulary_registry import RowOutcome as RowOutcome
from states.vocabulary_registry import Validity as Validity

TIMEZONE_NAME = "Asia/Ho_Chi_Minh"
LOCAL_TZ = ZoneInfo(TIMEZONE_NAME)

# Who acts when a schedule does something (expiry, campaigns opened by plan).
SYSTEM_ACTOR = "hệ thống"


class State(StrEnum):
    REGISTERED = "registered"
    DISTRICT_INSPECTED = "district_inspected"
    DISTRICT_SCORED = "district_scored"
    RETURNED = "returned"
    PROVINCIAL_REVIEW = "provincial_review"
    CENTRAL_REVIEW = "central_review"
    CERTIFIED = "certified"
    NOT_RECOGNISED = "not_recognised"
    RENEWAL = "renewal"
    EXPIRED = "expired"
    REVOKED = "revoked"
    WITHDRAWN = "withdrawn"


class Action(StrEnum):
    """What a person does: the machine's triggers (inspect … revoke), the other changes an audit
    event records (register, documents), and what permissions name (manage_users …)."""

    REGISTER = "register"
    INSPECT = "inspect"
    SCORE = "score"
    DOCUMENTS = "documents"
    FORWARD = "forward"
    RETURN = "return"
    CERTIFY = "certify"
    CERTIFY_LOCALLY = "certify_locally"
    NOT_RECOGNISE = "not_recognise"
    WITHDRAW = "withdraw"
    OPEN_RENEWAL = "open_renewal"
    EXPIRE = "expire"
    REVOKE = "revoke"
    MANAGE_USERS = "manage_users"
    CAMPAIGN = "campaign"
    PROPOSE_REVOCATION = "propose_revocation"
    OUTBOX = "outbox"
    PLAN = "plan"
    PREPARATION = "preparation"  # issue 14: who prepared a dossier, and training courses
    TRAINING = "training"
    # Two-level government (1/7/2025): a dossier follows its unit's successor.
    REASSIGN_UNIT = "reassign_unit"
    DASHBOARD = "dashboard"
    CORRECT = "correct"  # issue 12: a correction, audited with before, after and the reason


class CertificateStatus(StrEnum):
    VALID = "valid"
    SUPERSEDED = "superseded"  # replaced by the certificate of a renewal
    EXPIRED = "expired"
    REVOKED = "revoked"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class CampaignKind(StrEnum):
    RENEWAL = "renewal"
    REVOCATION = "revocation"


class CampaignStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    DECIDED = "decided"
    PLANNED = "planned"  # in the yearly plan, not yet opened


class Role(StrEnum):
    DEPARTMENT = "department"
    DISTRICT = "district"
    COUNCIL_SECRETARY = "council-secretary"


class UnitLevel(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"  # huyện, thị xã, thành phố thuộc tỉnh (abolished 1/7/2025)
    COMMUNE = "commune"
    WARD = "ward"  # phường: commune level in towns and cities
    TOWN = "town"  # thị trấn: commune level, before 1/7/2025


class ProducerType(StrEnum):
    COOPERATIVE = "cooperative"
    COOPERATIVE_GROUP = "cooperative-group"
    ENTERPRISE = "enterprise"
    HOUSEHOLD = "household"


class RevocationReason(StrEnum):
    CEASED = "ceased"
    DISSOLVED = "dissolved"
    VIOLATION = "violation"
    FAILED_MANDATORY = "failed-mandatory"
    NOT_REEVALUATED = "not-reevaluated"
    OTHER = "other"


class CouncilLevel(StrEnum):
    LOCAL = "local"
    PROVINCIAL = "provincial"
    CENTRAL = "central"


# One table of labels, one section per vocabulary: the same code ("expired", "renewal")
# names different things in different vocabularies.
LABELS: dict[type[StrEnum], dict[str, str]] = {
    State: {
        State.REGISTERED: "Đã đăng ký",
        State.DISTRICT_INSPECTED: "Đã kiểm tra thực tế",
        State.DISTRICT_SCORED: "Đã chấm điểm cấp huyện / xã",
        State.RETURNED: "Trả lại (không đủ điểm chuyển tỉnh)",
        State.PROVINCIAL_REVIEW: "Đang đánh giá cấp tỉnh",
        State.CENTRAL_REVIEW: "Đang đánh giá cấp trung ương (5 sao)",
        State.CERTIFIED: "Đã công nhận",
        State.NOT_RECOGNISED: "Không được công nhận",
        State.RENEWAL: "Đang đánh giá lại",
        State.EXPIRED: "Hết hiệu lực",
        State.REVOKED: "Đã thu hồi",
        State.WITHDRAWN: "Chủ thể rút hồ sơ",
    },
    Action: {
        Action.REGISTER: "đăng ký sản phẩm",
        Action.INSPECT: "ghi biên bản kiểm tra thực tế",
        Action.SCORE: "ghi điểm hội đồng cấp huyện / xã",
        Action.DOCUMENTS: "cập nhật danh mục hồ sơ",
        Action.FORWARD: "chuyển hồ sơ lên tỉnh",
        Action.RETURN: "trả lại hồ sơ",
        Action.CERTIFY: "công nhận sản phẩm",
        Action.CERTIFY_LOCALLY: "công nhận sản phẩm 3 sao cấp huyện (QĐ 148)",
        Action.NOT_RECOGNISE: "quyết định không công nhận",
        Action.WITHDRAW: "ghi nhận rút hồ sơ",
        Action.OPEN_RENEWAL: "mở đánh giá lại",
        Action.EXPIRE: "cho hết hiệu lực",
        Action.REVOKE: "thu hồi công nhận",
        Action.MANAGE_USERS: "quản lý người dùng và đơn vị",
        Action.CAMPAIGN: "mở / đóng chiến dịch",
        Action.PROPOSE_REVOCATION: "đề nghị thu hồi",
        Action.OUTBOX: "quản lý hộp thư đi",
        Action.PLAN: "lập kế hoạch năm (đợt đánh giá, chiến dịch)",
        Action.PREPARATION: "ghi nhận người chuẩn bị hồ sơ",
        Action.TRAINING: "quản lý lớp tập huấn",
        Action.REASSIGN_UNIT: "chuyển hồ sơ sang đơn vị kế thừa",
        Action.DASHBOARD: "xem bảng điều hành của Sở",
        Action.CORRECT: "sửa thông tin đã ghi",
    },
    CertificateStatus: {
        CertificateStatus.VALID: "còn hiệu lực",
        CertificateStatus.SUPERSEDED: "đã thay bằng giấy mới",
        CertificateStatus.EXPIRED: "hết hiệu lực",
        CertificateStatus.REVOKED: "đã thu hồi",
    },
    OutboxStatus: {
        OutboxStatus.PENDING: "chờ gửi",
        OutboxStatus.SENDING: "đang gửi",
        OutboxStatus.SENT: "đã gửi",
        OutboxStatus.FAILED: "thất bại",
    },
    CampaignKind: {
        CampaignKind.RENEWAL: "đánh giá lại",
        CampaignKind.REVOCATION: "thu hồi",
    },
    CampaignStatus: {
        CampaignStatus.OPEN: "đang mở",
        CampaignStatus.CLOSED: "đã đóng",
        CampaignStatus.DECIDED: "đã có quyết định",
        CampaignStatus.PLANNED: "theo kế hoạch, chưa mở",
    },
    Role: {
        Role.DEPARTMENT: "Sở Nông nghiệp (cấp tỉnh)",
        Role.DISTRICT: "Cán bộ OCOP cấp huyện / xã",
        Role.COUNCIL_SECRETARY: "Thư ký hội đồng",
    },
    UnitLevel: {
        UnitLevel.PROVINCE: "tỉnh",
        UnitLevel.DISTRICT: "cấp huyện",
        UnitLevel.COMMUNE: "xã",
        UnitLevel.WARD: "phường",
        UnitLevel.TOWN: "thị trấn",
    },
    ProducerType: {
        ProducerType.COOPERATIVE: "Hợp tác xã",
        ProducerType.COOPERATIVE_GROUP: "Tổ hợp tác",
        ProducerType.ENTERPRISE: "Doanh nghiệp",
        ProducerType.HOUSEHOLD: "Hộ kinh doanh / hộ sản xuất",
    },
    CouncilLevel: {
        CouncilLevel.LOCAL: "hội đồng cấp huyện / xã",
        CouncilLevel.PROVINCIAL: "hội đồng cấp tỉnh",
        CouncilLevel.CENTRAL: "hội đồng cấp trung ương",
    },
    RevocationReason: {
        RevocationReason.CEASED: "Ngừng hoạt động sản xuất, kinh doanh",
        RevocationReason.DISSOLVED: "Giải thể",
        RevocationReason.VIOLATION: "Vi phạm điều kiện sản xuất / an toàn thực phẩm",
        RevocationReason.FAILED_MANDATORY: "Không đạt tiêu chí bắt buộc khi đánh giá lại",
        RevocationReason.NOT_REEVALUATED: "Không đánh giá lại trong 36 tháng",
        RevocationReason.OTHER: "Lý do khác",
    },
}
# Areas with vocabularies of their own keep them in a section module (this one stays under the
# size limit); their codes are re-exported here and their labels join this one table.
LABELS.update(plan_section.LABELS)  # the yearly plan (issue 15)
LABELS.update(preparation_section.LABELS)  # task 2 of the seed letter (issue 14)
LABELS.update(registry_section.LABELS)  # the registry: imports, public look-up (issue 13)
LABELS.update(corrections_section.LABELS)  # corrections with an audit trail (issue 12)
LABELS.update(MAIL_LABELS)  # the kinds of letter in the outbox (issue 12)


def label(code: StrEnum) -> str:
    return LABELS[type(code)][code]


CodeT = TypeVar("CodeT", bound=StrEnum)


def parse_code(kind: type[CodeT], text: str, what: str) -> CodeT:
    """The member of `kind` that a person typed as its code or its label (any case, with or
    without diacritics), or a sentence listing the choices."""
    return kind(choose(text, LABELS.get(kind) or {code: code for code in kind}, what))


# States whose dossier ended its cycle: nothing more is expected of anyone.
TERMINAL_STATES = frozenset({State.RETURNED, State.NOT_RECOGNISED, State.EXPIRED, State.REVOKED,
                             State.WITHDRAWN})
# States whose deadline is someone's next action (a certificate's expiry is not a task).
ACTION_STATES: tuple[State, ...] = tuple(
    s for s in State if s not in TERMINAL_STATES and s != State.CERTIFIED)
# Whose move it is: the local unit's officers (these) or the Department (the rest).
LOCAL_STATES = frozenset({State.REGISTERED, State.RENEWAL, State.DISTRICT_INSPECTED,
                          State.DISTRICT_SCORED})
# Dossiers that were evaluated once and may go round again.
EVALUATING_STATES = (State.REGISTERED, State.DISTRICT_INSPECTED, State.DISTRICT_SCORED,
                     State.PROVINCIAL_REVIEW, State.CENTRAL_REVIEW)

# The levels a rulebook's `local_level` ("district" or "commune") names: the commune level is
# xã, phường and thị trấn alike.
LEVELS_OF_TIER: dict[UnitLevel, frozenset[UnitLevel]] = {
    UnitLevel.PROVINCE: frozenset({UnitLevel.PROVINCE}),
    UnitLevel.DISTRICT: frozenset({UnitLevel.DISTRICT}),
    UnitLevel.COMMUNE: frozenset({UnitLevel.COMMUNE, UnitLevel.WARD, UnitLevel.TOWN}),
}


def tier_of(level: str) -> UnitLevel:
    """The tier ("province", "district" or "commune") that a unit's level belongs to."""
    return next(tier for tier, levels in LEVELS_OF_TIER.items() if level in levels)


# What the person responsible must do next, shown in reminders and the stuck list.
NEXT_ACTION: dict[State, str] = {
    State.REGISTERED: "Kiểm tra thực tế cơ sở sản xuất và lập biên bản",
    State.RENEWAL: "Tiếp nhận hồ sơ đánh giá lại, kiểm tra thực tế cơ sở",
    State.DISTRICT_INSPECTED: "Tổ chức hội đồng chấm điểm",
    State.DISTRICT_SCORED: "Chuyển hồ sơ lên tỉnh (đủ điểm, đủ tài liệu) hoặc trả lại",
    State.PROVINCIAL_REVIEW: "Hội đồng tỉnh đánh giá, ra quyết định công nhận",
    State.CENTRAL_REVIEW: "Theo dõi kết quả đánh giá cấp trung ương",
}
