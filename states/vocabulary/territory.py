"""The levels of administrative units, and the tiers a rulebook's local level names."""

from enum import StrEnum


class UnitLevel(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"  # huyện, thị xã, thành phố thuộc tỉnh (abolished 1/7/2025)
    COMMUNE = "commune"
    WARD = "ward"  # phường: commune level in towns and cities
    TOWN = "town"  # thị trấn: commune level, before 1/7/2025



LABELS: dict[type[StrEnum], dict[str, str]] = {
    UnitLevel: {
        UnitLevel.PROVINCE: "tỉnh",
        UnitLevel.DISTRICT: "cấp huyện",
        UnitLevel.COMMUNE: "xã",
        UnitLevel.WARD: "phường",
        UnitLevel.TOWN: "thị trấn",
    },
}


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
