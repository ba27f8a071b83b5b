"""Jinja2 templates: HTML autoescaped (no product name can inject markup), plain text beside it."""

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from notifiers.message import Attachment, OutgoingMessage
from states.clock import format_date
from states.rules.points import format_points

ENV = Environment(
    loader=PackageLoader("notices", "templates"),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.filters["ngay"] = format_date


def people_committee(unit_name: str) -> str:
    """How a letter addresses a local unit: "Huyện Sơn Động" → "UBND huyện Sơn Động"."""
    if not unit_name:
        return unit_name
    return "UBND " + unit_name[0].lower() + unit_name[1:]


ENV.filters["ubnd"] = people_committee
ENV.filters["diem"] = format_points


def render(name: str, **context: Any) -> tuple[str, str]:
    """The HTML and plain-text bodies of template `name`."""
    html = ENV.get_template(f"{name}.html").render(**context)
    text = ENV.get_template(f"{name}.txt").render(**context)
    return html, text


def letter(key: str, recipients: tuple[str, ...], subject: str, template: str,
           attachments: tuple[Attachment, ...] = (), **context: Any) -> OutgoingMessage:
    html, text = render(template, title=subject, **context)
    return OutgoingMessage(key=key, recipients=recipients, subject=subject, html=html, text=text,
                           attachments=attachments)
