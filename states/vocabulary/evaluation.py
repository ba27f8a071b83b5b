"""The levels of evaluation councils."""

from enum import StrEnum


class CouncilLevel(StrEnum):
    LOCAL = "local"
    PROVINCIAL = "provincial"
    CENTRAL = "central"



LABELS: dict[type[StrEnum], dict[str, str]] = {
    CouncilLevel: {
        CouncilLevel.LOCAL: "hội đồng cấp huyện / xã",
        CouncilLevel.PROVINCIAL: "hội đồng cấp tỉnh",
        CouncilLevel.CENTRAL: "hội đồng cấp trung ương",
    },
}
