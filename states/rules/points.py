"""Council points as people read them."""


def format_points(value: float) -> str:
    return f"{value:g}"
