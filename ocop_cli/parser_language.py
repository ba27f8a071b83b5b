"""The argument parser in Vietnamese: help pages and usage errors, translated in one place.

Typer vendors Click without its gettext catalogue (the messages are f-strings), so the words are
translated where they are written: a help formatter for pages and usage lines, and one function
that turns each usage error into a Vietnamese sentence. The exit code stays 2.
"""

import re
from collections.abc import Iterator, Sequence
from typing import IO, Any

from typer._click import Command, Context, HelpFormatter
from typer._click.exceptions import (
    BadArgumentUsage,
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer._click.utils import echo

from states.errors import InvalidInput

HEADINGS = {"Usage": "Cách dùng", "Options": "Tuỳ chọn", "Arguments": "Tham số",
            "Commands": "Lệnh"}
# Help texts Typer writes by itself, for the options it adds to every command.
PHRASES = {
    "Show this message and exit.": "Xem hướng dẫn này rồi thoát.",
    "Install completion for the current shell.": "Cài gợi ý lệnh (phím Tab) cho cửa sổ dòng lệnh đang dùng.",
    "Show completion for the current shell, to copy it or customize the installation.":
        "In đoạn mã gợi ý lệnh cho cửa sổ dòng lệnh đang dùng, để chép hoặc tự cài.",
}
# Placeholders of usage lines and option values.
WORDS = {"[OPTIONS]": "[TUỲ CHỌN]", "COMMAND [ARGS]...": "LỆNH [THAM SỐ]...",
         "<str>": "<chữ>", "<int>": "<số>", "<float>": "<số>", "<path>": "<tệp>",
         "<file>": "<tệp>", "<directory>": "<thư mục>", "<bool>": "<có/không>",
         "<list[str]>": "<chữ>", "<list[int]>": "<số>", "<list[path]>": "<tệp>",
         "<list[Path]>": "<tệp>", "<int range>": "<số>"}
NOTES = {"required": "bắt buộc", "default": "mặc định", "env var": "biến môi trường"}
NOTE_TAIL = re.compile(r"\[([^\[\]]*)\]\s*$")
WORD = re.compile("|".join(re.escape(w) for w in WORDS))


def placeholders(text: str) -> str:
    return WORD.sub(lambda m: WORDS[m.group(0)], text)


def note(part: str) -> str:
    """"default: 8000" → "mặc định: 8000"; "required" → "bắt buộc"."""
    key, colon, rest = part.partition(":")
    return NOTES[key] + colon + rest if key in NOTES else part


def help_text(text: str) -> str:
    text = PHRASES.get(text, text)
    return NOTE_TAIL.sub(lambda m: "[" + "; ".join(note(p) for p in m.group(1).split("; ")) + "]",
                         text)


class VietnameseHelpFormatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, placeholders(args), f"{HEADINGS['Usage']}: ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(HEADINGS.get(heading, heading))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        super().write_dl([(placeholders(term), help_text(text)) for term, text in rows],
                         col_max, col_spacing)


class VietnameseContext(Context):
    formatter_class = VietnameseHelpFormatter


def commands_under(command: Command) -> Iterator[Command]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from commands_under(sub)


# What an argument is called in usage lines, help and errors: by its metavar, else its name.
ARGUMENT_NAMES = {
    "CAMPAIGN": "CHIẾN_DỊCH", "CODE": "MÃ", "COURSE": "LỚP", "DOSSIER": "HỒ_SƠ",
    "FILE.xlsx": "TỆP.xlsx", "FILE.xlsx|FILE.csv": "TỆP.xlsx|TỆP.csv", "FLOW...": "LUỒNG",
    "USER...": "NGƯỜI_DÙNG", "[plan-YYYY.toml]...": "plan-YYYY.toml",
    "emails": "EMAIL", "file": "TỆP", "kind": "LOẠI", "name": "TÊN", "new_name": "TÊN_MỚI",
    "text": "TỪ_KHOÁ", "token": "MÃ", "unit": "ĐƠN_VỊ", "user": "NGƯỜI_DÙNG",
}


def speak_vietnamese(root: Command) -> None:
    """Every command of the tree writes its help and usage through the Vietnamese formatter,
    and names its arguments in Vietnamese."""
    for command in commands_under(root):
        command.context_class = VietnameseContext
        for param in command.params:
            if param.param_type_name == "argument":
                shown = param.metavar or param.name or ""
                param.metavar = ARGUMENT_NAMES.get(shown, param.metavar)


class VietnameseUsageError(UsageError):
    """A usage error already translated: shown as usage line, hint, and one sentence."""

    def show(self, file: IO[Any] | None = None) -> None:
        from ocop_cli.output import report_error

        as_json = bool(getattr(self.ctx.find_root().obj, "as_json", False)) if self.ctx else False
        if self.ctx is not None and not as_json:
            echo(f"{self.ctx.get_usage()}\nXem '{self.ctx.command_path} --help' để biết "
                 "cách dùng.\n", file=file, err=file is None)
        report_error(InvalidInput(self.message), as_json)


def translated(error: UsageError) -> UsageError:
    """The same error in Vietnamese; the help page that `no_args_is_help` raises goes through."""
    if isinstance(error, (NoArgsIsHelpError, VietnameseUsageError)):
        return error
    return VietnameseUsageError(sentence(error), error.ctx)


def hint_of(error: BadParameter) -> str:
    if error.param_hint is not None:
        hint = error.param_hint
        return hint if isinstance(hint, str) else " / ".join(repr(h) for h in hint)
    if error.param is not None:
        return str(error.param.get_error_hint())
    return ""


def sentence(error: UsageError) -> str:
    """One Vietnamese sentence for any usage error Typer or Click raises."""
    if isinstance(error, MissingParameter):
        kind = {"option": "tuỳ chọn", "argument": "tham số"}.get(
            error.param_type or (error.param.param_type_name if error.param else ""), "giá trị")
        return f"Thiếu {kind} {hint_of(error)}.".replace("  ", " ")
    if isinstance(error, NoSuchOption):
        guesses = ", ".join(sorted(error.possibilities or ()))
        return (f"Không có tuỳ chọn {error.option_name}."
                + (f" Có phải ý bạn là: {guesses}?" if guesses else ""))
    if isinstance(error, BadOptionUsage):
        wants = "không nhận giá trị" if "does not take" in error.message else "cần giá trị"
        return f"Tuỳ chọn {error.option_name} {wants}."
    if isinstance(error, BadArgumentUsage):
        count = re.search(r"takes (\d+) values", error.message)
        return f"Tham số cần {count.group(1) if count else 'đủ'} giá trị."
    if isinstance(error, BadParameter):
        hint = hint_of(error)
        return (f"Giá trị của {hint} không hợp lệ" if hint else "Giá trị không hợp lệ") \
            + f": {reason(error)}."
    return general_sentence(error)


def general_sentence(error: UsageError) -> str:
    message = error.message
    unknown = re.match(r"No such command '(.*?)'\.(?: Did you mean (.*)\?)?", message)
    if unknown:
        return (f"Không có lệnh '{unknown.group(1)}'."
                + (f" Có phải ý bạn là {unknown.group(2).replace(', ', ' hoặc ')}?"
                   if unknown.group(2) else ""))
    if message.startswith("Missing command"):
        return "Thiếu lệnh: gõ tên một lệnh (xem danh sách bằng --help)."
    extra = re.match(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)", message)
    if extra:
        return f"Thừa tham số: {extra.group(1)}."
    return reason(error).capitalize() + "."


def reason(error: UsageError) -> str:
    """Why a value was refused, from the validation error behind it when there is one."""
    from pydantic import ValidationError

    from states.validation_language import reason_of

    cause = error.__cause__
    if isinstance(cause, ValidationError) and cause.errors():
        return reason_of(cause.errors()[0])
    missing_path = re.match(r"(?:File|Directory|Path) '(.*)' does not exist", error.message)
    if missing_path:
        return f"không có tệp hoặc thư mục '{missing_path.group(1)}'"
    if re.search(r"is a (file|directory)|is not (readable|writable)", error.message):
        return "không dùng được đường dẫn này (sai loại, hoặc không có quyền đọc/ghi)"
    return "giá trị gõ vào không đúng dạng"
