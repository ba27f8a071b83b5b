"""Who uses the system (roles) and who produces (the kinds of producer)."""

from enum import StrEnum


class Role(StrEnum):
    DEPARTMENT = "department"
    DISTRICT = "district"
    COUNCIL_SECRETARY = "council-secretary"



class ProducerType(StrEnum):
    COOPERATIVE = "cooperative"
    COOPERATIVE_GROUP = "cooperative-group"
    ENTERPRISE = "enterprise"
    HOUSEHOLD = "household"



LABELS: dict[type[StrEnum], dict[str, str]] = {
    Role: {
        Role.DEPARTMENT: "Sở Nông nghiệp (cấp tỉnh)",
        Role.DISTRICT: "Cán bộ OCOP cấp huyện / xã",
        Role.COUNCIL_SECRETARY: "Thư ký hội đồng",
    },
    ProducerType: {
        ProducerType.COOPERATIVE: "Hợp tác xã",
        ProducerType.COOPERATIVE_GROUP: "Tổ hợp tác",
        ProducerType.ENTERPRISE: "Doanh nghiệp",
        ProducerType.HOUSEHOLD: "Hộ kinh doanh / hộ sản xuất",
    },
}
