"""Who uses the system (roles) and who produces (the kinds of producer)."""

from enum import StrEnum


class Role(StrEnum):
    DEPARTMENT = "department"
    DISTRICT = "district"
    COUNCIL_SECRETARY = "council-secretary"
    # Issue 25: a producer's own account, made only by an officer's invitation.
    PRODUCER = "producer"


# The roles the Department gives when it adds a user (a producer's account comes by invitation).
STAFF_ROLES = (Role.DEPARTMENT, Role.DISTRICT, Role.COUNCIL_SECRETARY)



class ProducerType(StrEnum):
    COOPERATIVE = "cooperative"
    COOPERATIVE_GROUP = "cooperative-group"
    ENTERPRISE = "enterprise"
    HOUSEHOLD = "household"



class FormKind(StrEnum):
    """The registration form (phiếu đăng ký) of the rulebook: mẫu 01 or mẫu 02."""

    NEW_PRODUCT = "01"
    EXISTING_PRODUCT = "02"


class FormStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


LABELS: dict[type[StrEnum], dict[str, str]] = {
    Role: {
        Role.DEPARTMENT: "Sở Nông nghiệp (cấp tỉnh)",
        Role.DISTRICT: "Cán bộ OCOP cấp huyện / xã",
        Role.COUNCIL_SECRETARY: "Thư ký hội đồng",
        Role.PRODUCER: "Chủ thể sản phẩm",
    },
    ProducerType: {
        ProducerType.COOPERATIVE: "Hợp tác xã",
        ProducerType.COOPERATIVE_GROUP: "Tổ hợp tác",
        ProducerType.ENTERPRISE: "Doanh nghiệp",
        ProducerType.HOUSEHOLD: "Hộ kinh doanh / hộ sản xuất",
    },
    FormKind: {
        FormKind.NEW_PRODUCT: "Mẫu 01 - sản phẩm mới",
        FormKind.EXISTING_PRODUCT: "Mẫu 02 - sản phẩm đã có",
    },
    FormStatus: {
        FormStatus.DRAFT: "Bản nháp",
        FormStatus.SUBMITTED: "Đã nộp",
    },
}
