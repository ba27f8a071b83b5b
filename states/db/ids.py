"""Which numbers can name a row: ids are 32-bit on PostgreSQL, so a number outside 1..2³¹−1
names nothing on either database (rather than overflowing the driver)."""

MAX_ID = 2**31 - 1


def storable_id(value: int) -> bool:
    return 1 <= value <= MAX_ID
