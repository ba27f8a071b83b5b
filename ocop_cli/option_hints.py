"""The CLI's own name for an input an error is about: the domain names it in words and by its
code ("Cần ghi lý do trả lại.", `fields=("reason",)`), the person at the keyboard typed
`--reason`, so that is what the message shows: "Cần ghi lý do trả lại (--reason).". The options
are read from each command's own Typer parameters, by the parameter's name or the option's
(`expiring_before` is `--expiring-before`, `valid_from` is `--from`), so a renamed option
renames its hint and a code no option of this command takes adds nothing."""

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

from typer._click.core import Command

from states.errors import OcopError

# A quoted value the person typed ('Cty: ABC') is never where the sentence's clause ends.
_QUOTED = re.compile(r"'[^']*'")


def options_of(command: Command) -> dict[str, str]:
    """Field code -> the long option that gives it on this command."""
    names: dict[str, str] = {}
    for param in command.params:
        if param.param_type_name == "option" and param.opts:
            option = max(param.opts, key=len)  # "--reason" rather than "-r"
            for name in (param.name, option.lstrip("-").replace("-", "_")):
                if name:
                    names.setdefault(name, option)
    return names


def with_options(message: str, options: Sequence[str]) -> str:
    """The options after the sentence's first clause: before its first ": " (outside quotes),
    else before its final full stop ("Cần ghi lý do sửa (--reason): lịch sử …")."""
    if not options:
        return message
    hint = f" ({', '.join(options)})"
    colon = _QUOTED.sub(lambda quoted: "x" * len(quoted.group()), message).find(": ")
    if colon >= 0:
        return f"{message[:colon]}{hint}{message[colon:]}"
    sentence = message.rstrip(".")
    return f"{sentence}{hint}{message[len(sentence):]}"


def hinted(error: OcopError, command: Command) -> str:
    """The error's message as this command says it."""
    options = options_of(command)
    return with_options(error.message, list(dict.fromkeys(
        options[field] for field in error.fields if field in options)))


def hint_options(commands: list[Command]) -> None:
    """Every leaf command says the options an error names."""
    for command in commands:
        if command.callback is not None and not getattr(command, "commands", None):
            command.callback = _hinting(command, command.callback)


def _hinting(command: Command, callback: Callable[..., Any]) -> Callable[..., Any]:
    if getattr(callback, "ocop_hinting", False):
        return callback

    @functools.wraps(callback)
    def run_naming_options(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except OcopError as error:
            if error.fields:
                # The CLI's wording of the error it is about to print (OcopGroup.invoke).
                error.message = hinted(error, command)
            raise

    run_naming_options.ocop_hinting = True  # type: ignore[attr-defined]
    return run_naming_options
