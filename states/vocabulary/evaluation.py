"""The levels of evaluation councils, and the words of a council at work (issue 21)."""

from enum import StrEnum


class CouncilLevel(StrEnum):
    LOCAL = "local"
    PROVINCIAL = "provincial"
    CENTRAL = "central"


class CouncilRole(StrEnum):
    CHAIR = "chair"
    SECRETARY = "secretary"
    MEMBER = "member"


class CouncilStatus(StrEnum):
    FORMING = "forming"
    IN_SESSION = "in_session"
    CLOSED = "closed"


class SheetStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class ScoreSource(StrEnum):
    """Where a recorded score came from."""

    COUNCIL = "council"
    PAPER = "paper"


LABELS: dict[type[StrEnum], dict[str, str]] = {
    CouncilLevel: {
        CouncilLevel.LOCAL: "hội đồng cấp huyện / xã",
        CouncilLevel.PROVINCIAL: "hội đồng cấp tỉnh",
        CouncilLevel.CENTRAL: "hội đồng cấp trung ương",
    },
    CouncilRole: {
        CouncilRole.CHAIR: "Chủ tịch hội đồng",
        CouncilRole.SECRETARY: "Thư ký hội đồng",
        CouncilRole.MEMBER: "Thành viên",
    },
    CouncilStatus: {
        CouncilStatus.FORMING: "Đang chuẩn bị",
        CouncilStatus.IN_SESSION: "Đang họp",
        CouncilStatus.CLOSED: "Đã kết thúc",
    },
    SheetStatus: {
        SheetStatus.DRAFT: "Đang chấm (nháp)",
        SheetStatus.SUBMITTED: "Đã nộp",
    },
    ScoreSource: {
        ScoreSource.COUNCIL: "từ phiếu chấm của hội đồng trên hệ thống",
        ScoreSource.PAPER: "từ phiếu giấy",
    },
}
