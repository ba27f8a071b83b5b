"""Reading what a form posted: text fields as strings, blanks as absent."""

from starlette.datastructures import FormData


def text(form: FormData, name: str) -> str:
    """The field as typed (a file upload or a missing field reads as empty)."""
    value = form.get(name)
    return value if isinstance(value, str) else ""


def optional(form: FormData, name: str) -> str | None:
    return text(form, name).strip() or None


def year(text: str) -> int | None:
    """A year a person chose (a query parameter); blank or not a year: none."""
    text = text.strip()
    return int(text) if text.isdigit() and len(text) == 4 else None
