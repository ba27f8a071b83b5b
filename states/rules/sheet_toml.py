"""A score sheet written as the TOML file it is loaded from (the shipped files' layout), and
read back before it is handed out: a file this module writes always loads."""

import json
import tomllib

from states.rules.score_sheets import ScoreSheet


def _text(value: str) -> str:
    # A JSON string is a TOML basic string: the same escapes (quote, backslash, newline,
    # \u and four hex digits).
    return json.dumps(value, ensure_ascii=False)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _heading(sheet: ScoreSheet) -> list[str]:
    lines = [f"code = {_text(sheet.code)}", f"rulebook = {_text(sheet.rulebook)}",
             f"group = {_text(sheet.group)}"]
    if sheet.subgroup is not None:
        lines.append(f"subgroup = {_text(sheet.subgroup)}")
    return [*lines, f"title = {_text(sheet.title)}",
            f"provisional = {'true' if sheet.provisional else 'false'}",
            f"source = {_text(sheet.source)}", ""]


def sheet_toml(sheet: ScoreSheet) -> str:
    lines = _heading(sheet)
    for part in sheet.parts:
        lines += ["[[parts]]", f"code = {_text(part.code)}", f"name = {_text(part.name)}",
                  f"maximum = {_number(part.maximum)}", ""]
        for criterion in part.criteria:
            lines += ["[[parts.criteria]]", f"code = {_text(criterion.code)}",
                      f"text = {_text(criterion.text)}"]
            if criterion.mandatory:
                lines.append("mandatory = true")
            lines.append("options = [")
            lines += [f"  {{ code = {_text(o.code)}, text = {_text(o.text)}, "
                      f"points = {_number(o.points)} }}," for o in criterion.options]
            lines += ["]", ""]
    written = "\n".join(lines).rstrip() + "\n"
    if ScoreSheet.model_validate(tomllib.loads(written)) != sheet:
        raise AssertionError("a sheet written as TOML must read back as the same sheet")
    return written
