"""The yearly plan's codes (issue 15): where a campaign came from, the calendar's events, and
the kinds and statuses of campaigns.

A module of the one vocabulary: `states.vocabulary` re-exports these codes and merges their
labels into its table; import them from there.
"""

from enum import StrEnum

LABELS: dict[type[StrEnum], dict[str, str]] = {}


class CampaignOrigin(StrEnum):
    MANUAL = "manual"  # `ocop campaign open`: opened and closed by a person
    PLAN = "plan"  # the yearly plan: opened and closed by the daily flows
    AUTO = "auto"  # planned by `[campaigns] auto_renewal`, run like the plan's


class PlanEvent(StrEnum):
    REGISTRATION_OPENS = "registration_opens"
    REGISTRATION_CLOSES = "registration_closes"
    LOCAL_DEADLINE = "local_deadline"
    PROVINCIAL_DEADLINE = "provincial_deadline"
    CAMPAIGN_OPENS = "campaign_opens"
    CAMPAIGN_DEADLINE = "campaign_deadline"
    CAMPAIGN_CLOSES = "campaign_closes"


class Timing(StrEnum):
    """Where a day of the calendar stands against today."""

    PAST = "past"
    TODAY = "today"
    NEXT = "next"
    LATER = "later"


LABELS[CampaignOrigin] = {
    CampaignOrigin.MANUAL: "mở tay",
    CampaignOrigin.PLAN: "theo kế hoạch",
    CampaignOrigin.AUTO: "tự động (auto_renewal)",
}
LABELS[PlanEvent] = {
    PlanEvent.REGISTRATION_OPENS: "mở đăng ký",
    PlanEvent.REGISTRATION_CLOSES: "hết hạn đăng ký",
    PlanEvent.LOCAL_DEADLINE: "hạn cấp huyện / xã",
    PlanEvent.PROVINCIAL_DEADLINE: "hạn cấp tỉnh",
    PlanEvent.CAMPAIGN_OPENS: "mở chiến dịch",
    PlanEvent.CAMPAIGN_DEADLINE: "hạn các đơn vị nộp",
    PlanEvent.CAMPAIGN_CLOSES: "đóng, báo cáo Sở",
}
LABELS[Timing] = {
    Timing.PAST: "đã qua",
    Timing.TODAY: "hôm nay",
    Timing.NEXT: "tiếp theo",
    Timing.LATER: "sắp tới",
}


class CampaignKind(StrEnum):
    RENEWAL = "renewal"
    REVOCATION = "revocation"


class CampaignStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    DECIDED = "decided"
    PLANNED = "planned"  # in the yearly plan, not yet opened


LABELS[CampaignKind] = {
    CampaignKind.RENEWAL: "đánh giá lại",
    CampaignKind.REVOCATION: "thu hồi",
}
LABELS[CampaignStatus] = {
    CampaignStatus.OPEN: "đang mở",
    CampaignStatus.CLOSED: "đã đóng",
    CampaignStatus.DECIDED: "đã có quyết định",
    CampaignStatus.PLANNED: "theo kế hoạch, chưa mở",
}
