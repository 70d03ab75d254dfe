"""What is wrong in a file that YAML cannot read, said on the line the officer must change.

libyaml notices most mistakes at the token after them, often on the next line: `hosting on-premises`
(no colon) is reported where the next stack entry starts. So when a file fails to parse, we look at the
line the mistake is on and recognise the shapes officers make: a field with no colon, or no space after
it; an odd space (a non-breaking space pasted from a document) after a colon or in the indentation; a line
of text not indented under its field; a field not lined up with the one above; text containing ': ';
an '@' before a GitHub name; a list or quote left open. A mistake of no known shape keeps libyaml's own
words. None of this runs for a file that parses, except `odd_space_in_structure`, and that only for a file
holding an odd space.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Any, Iterable

import yaml

from .models import MODELS, GitHubAccount

Location = tuple[int, int]
Explained = tuple[Location, str, str]  # where, message, hint

# Spaces that look like a space but that YAML reads as text: pasted from word processors and web pages.
ODD_SPACES = "\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff"
ODD_SPACE = re.compile(f"[{ODD_SPACES}]")
_LEAD = re.compile(f"(?:[ {ODD_SPACES}]|-(?=[ {ODD_SPACES}]|$))*")  # indentation and list dashes
_KEY_THEN_ODD_SPACE = re.compile(rf"([A-Za-z_]\w*):[{ODD_SPACES}]")
_FIELD = re.compile(r"(?P<key>[A-Za-z_]\w*):(?: +(?P<value>.*?))? *$")  # `key: value` or `key:`
_NO_SPACE_AFTER_COLON = re.compile(r"(?P<key>[A-Za-z_]\w*):(?P<value>[^\s:].*?) *$")
_WORD_THEN_VALUE = re.compile(r"(?P<key>[A-Za-z_]\w*)(?: +(?P<value>.*?))? *$")
_BLOCK_TEXT = re.compile(r"[|>][-+0-9]*$")  # `summary: >-`: the text follows on indented lines
_COMMENT = re.compile(r"(?:^| +)#.*$")


def explain_syntax_error(text: str, error: yaml.MarkedYAMLError) -> Explained | None:
    """The line to change and what is wrong there, or None when the mistake has no known shape."""
    lines = text.split("\n")
    opened, at = error.context_mark, error.problem_mark
    context, problem = error.context or "", error.problem or ""
    if opened and context == "while scanning a simple key":
        # The line was read as the start of 'field: value', and no colon came: the mistake is on it.
        return _not_a_field(lines, opened.line)
    if opened and context.startswith("while parsing a flow ") and problem.startswith("did not find expected ','"):
        return _unclosed_bracket(lines, opened)
    if opened and context == "while scanning a quoted scalar" and problem == "found unexpected end of stream":
        quote = _line(lines, opened.line)[opened.column:opened.column + 1]
        return (opened.line + 1, opened.column + 1), f"the text starting with {quote} here has no closing {quote}.", \
            f"Add {quote} at the end of the text."
    if at is None or at.line >= len(lines):
        return None
    if problem == "found character that cannot start any token":
        return _at_sign(lines, at)
    if problem == "mapping values are not allowed in this context":
        return _odd_space(lines, at.line) or _colon_in_text(lines, at) or _text_ran_on(lines, at.line)
    if problem.startswith(("did not find expected '-' indicator", "did not find expected key", "expected <block end>")):
        return _odd_space(lines, at.line) or _dash_without_space(lines, at.line) or _misaligned(lines, at.line)
    return None


def odd_space_in_structure(text: str, lines_read: Iterable[int]) -> Explained | None:
    """An odd space where YAML reads structure (indentation, list dashes, right after 'field:'), on a line
    where the parsed file starts a field or a value; text that merely contains one is left alone."""
    lines = text.split("\n")
    for number in sorted(lines_read):
        if ODD_SPACE.search(_line(lines, number - 1)):
            found = _odd_space(lines, number - 1)
            if found:
                return found
    return None


# ----------------------------------------------------------------------------------------------
# The shapes


def _not_a_field(lines: list[str], index: int) -> Explained | None:
    """A line where a 'field: value' was expected."""
    return (_odd_space(lines, index) or _no_space_after_colon(lines, index)
            or _missing_colon(lines, index, known_fields_only=True) or _continues_text(lines, index)
            or _missing_colon(lines, index, known_fields_only=False))


def _odd_space(lines: list[str], index: int) -> Explained | None:
    line = _line(lines, index)
    lead = _LEAD.match(line).group()
    rest = line[len(lead):]
    odd = ODD_SPACE.search(lead)
    if odd:
        column = odd.start()
        name = _space_name(odd.group())
        if line[:column].rstrip(" ").endswith("-"):
            return (index + 1, column + 1), f"there is {name} after '-' instead of an ordinary space.", \
                f"Delete it and type an ordinary space: '- {_strip(rest)}'."
        word = rest.split(":", 1)[0].split(" ", 1)[0]
        return (index + 1, column + 1), f"this line is indented with {name}, which YAML does not read as a space.", \
            f"Delete the spaces before '{word}' and type them again with the space bar."
    key = _KEY_THEN_ODD_SPACE.match(rest)
    if key:
        column = len(lead) + key.end() - 1
        value = _strip(rest[key.end():])
        return (index + 1, column + 1), \
            f"there is {_space_name(line[column])} after '{key.group(1)}:' instead of an ordinary space.", \
            f"Delete it and type an ordinary space: '{key.group(1)}: {value}'."
    return None


def _no_space_after_colon(lines: list[str], index: int) -> Explained | None:
    lead, body = _split(_line(lines, index))
    found = _NO_SPACE_AFTER_COLON.fullmatch(body)
    if not found:
        return None
    key, value = found.group("key", "value")
    return (index + 1, len(lead) + len(key) + 2), f"'{key}:{value}' has no space after the colon.", \
        f"Write '{key}: {value}'."


def _missing_colon(lines: list[str], index: int, known_fields_only: bool) -> Explained | None:
    lead, body = _split(_line(lines, index))
    found = _WORD_THEN_VALUE.fullmatch(body)
    if not found or (known_fields_only and found.group("key") not in _field_names()):
        return None
    key, value = found.group("key", "value")
    if value and (": " in value or value.endswith(":")):
        return None
    where = (index + 1, len(lead) + len(key) + 1)  # where the colon belongs
    if not value:
        return where, f"'{key}' has no colon after it.", f"Write '{key}:'."
    return where, f"'{key} {value}' has no colon after '{key}'.", f"Write '{key}: {value}'."


def _continues_text(lines: list[str], index: int) -> Explained | None:
    """A line of a field's text (`summary: >-` and the lines under it) that is not indented under the field."""
    indent = _indent(_line(lines, index))
    text_lines = []
    for above in _lines_above(lines, index):
        lead, body = _split(_line(lines, above))
        field = _FIELD.fullmatch(body)
        if field is None:
            if "-" in lead or _indent(_line(lines, above)) <= indent:
                return None
            text_lines.append(above)
            continue
        key, value = field.group("key", "value")
        value = _COMMENT.sub("", value or "")
        is_text = _BLOCK_TEXT.match(value) or (value and value[0] not in "[{'\"" and (text_lines or " " in value))
        if not is_text or indent > len(lead):
            return None
        spaces = _indent(_line(lines, text_lines[0])) if text_lines else len(lead) + 2
        return (index + 1, 1), f"this line continues {key}, but it is not indented under '{key}:'.", \
            f"Start the line with {spaces} spaces, so that it is part of {key}."
    return None


def _colon_in_text(lines: list[str], at: Any) -> Explained | None:
    """`summary: Our aims: fewer PDFs`: the second ': ' would start a field inside the text."""
    line = _line(lines, at.line)
    lead, body = _split(line)
    field = _FIELD.fullmatch(body)
    if not field or at.column <= len(lead) + len(field.group("key")):
        return None
    key, value = field.group("key", "value")
    joined = re.search(r"(?:^| )(?:- +)?([A-Za-z_]\w*)$", line[:at.column])
    if joined and joined.group(1) in _field_names() and joined.start(1) > len(lead) + len(key) + 2:
        other = joined.group(1)  # two fields on one line: `hosting: saas    notes: ...`
        return (at.line + 1, joined.start(1) + 1), f"{other} is on the same line as {key}.", \
            f"Put '{other}:' at the start of a line of its own."
    where = "ends with ':'" if at.column + 1 >= len(line.rstrip()) else "contains ': '"
    quoted = f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"
    return (at.line + 1, at.column + 1), f"the text of {key} {where}, which YAML reads as the start of another field.", \
        f"Put the text in quotes: {key}: {quoted}"


def _text_ran_on(lines: list[str], index: int) -> Explained | None:
    """A 'field: value' line that libyaml read as the rest of the line above: that line has no colon, or
    this one is indented further than the field above it."""
    above = next(_lines_above(lines, index), None)
    if above is None:
        return None
    return _missing_colon(lines, above, known_fields_only=True) or _misaligned(lines, index)


def _misaligned(lines: list[str], index: int) -> Explained | None:
    """A field indented further than the field above it, or less but still inside the same list entry."""
    lead, body = _split(_line(lines, index))
    field = _FIELD.fullmatch(body)
    above = next(_lines_above(lines, index), None)
    if not field or above is None or "-" in lead:
        return None
    above_lead, above_body = _split(_line(lines, above))
    sibling = _FIELD.fullmatch(above_body)
    column = len(lead)
    further = column > len(above_lead) and sibling and sibling.group("value")  # under a field that has its value
    less = column < len(above_lead) and sibling and _inside_entry(lines, above, column)
    if not (further or less):
        return None
    key, other = field.group("key"), sibling.group("key")
    return (index + 1, column + 1), f"'{key}' is not lined up with '{other}' on the line above.", \
        f"Start '{key}' with {len(above_lead)} spaces, like '{other}'."


def _inside_entry(lines: list[str], index: int, column: int) -> bool:
    """Whether the list entry holding the field on this line starts with a '-' left of column."""
    fields_at = len(_split(_line(lines, index))[0])
    for above in (index, *_lines_above(lines, index)):
        lead, _ = _split(_line(lines, above))
        if len(lead) == fields_at and "-" in lead:
            return lead.rindex("-") < column
        if len(lead) < fields_at:
            return False
    return False


def _dash_without_space(lines: list[str], index: int) -> Explained | None:
    lead, body = _split(_line(lines, index))
    if body.startswith("-") and len(body) > 1 and body[1] not in " -":
        return (index + 1, len(lead) + 2), f"'{body}' has no space after the '-'.", f"Write '- {body[1:]}'."
    return None


def _unclosed_bracket(lines: list[str], opened: Any) -> Explained | None:
    line = _line(lines, opened.line)
    bracket = line[opened.column:opened.column + 1]
    closing = {"[": "]", "{": "}"}.get(bracket)
    if closing is None or closing in line[opened.column:]:
        return None
    kind = "list" if bracket == "[" else "group of fields"
    return (opened.line + 1, opened.column + 1), f"the {kind} starting with '{bracket}' here has no closing '{closing}'.", \
        f"Add '{closing}' at the end of the {kind}, on the same line."


def _at_sign(lines: list[str], at: Any) -> Explained | None:
    """`maintainers: [@jane-doe]`: YAML keeps @ for itself, so a value cannot start with one."""
    line = _line(lines, at.line)
    if line[at.column:at.column + 1] != "@" or not line[at.column + 1:at.column + 2].isalnum():
        return None
    lead, body = _split(line)
    field = _FIELD.fullmatch(body)
    key = field.group("key") if field else _owner(lines, at.line) if "-" in lead else None
    if key is None:
        return None
    if key not in _fields_of_github_names():
        return (at.line + 1, at.column + 1), f"{key}: a value cannot start with @.", \
            "Leave out the @, or put the value in quotes."
    written = re.sub(r"(^|[\[ ,])@", r"\1", field.group("value") if field else body)
    example = written if field else f"'- {written}'"
    return (at.line + 1, at.column + 1), \
        f"{key}: write GitHub names without the @, such as {example}.", \
        "YAML does not allow a value to start with @."


def _owner(lines: list[str], index: int) -> str | None:
    """The field a list item belongs to: the nearest field above, written with nothing after its colon."""
    indent = _indent(_line(lines, index))
    for above in _lines_above(lines, index):
        lead, body = _split(_line(lines, above))
        field = _FIELD.fullmatch(body)
        if field and len(lead) <= indent:
            return field.group("key") if not field.group("value") else None
    return None


# ----------------------------------------------------------------------------------------------
# Reading lines


@cache
def _field_names() -> frozenset[str]:
    """Every field name of every content type: a line starting with one of these was meant as a field."""
    return frozenset(name for name, _ in _all_fields())


@cache
def _fields_of_github_names() -> frozenset[str]:
    return frozenset(name for name, annotation in _all_fields() if GitHubAccount in getattr(annotation, "__args__", ()))


def _all_fields() -> list[tuple[str, Any]]:
    """(name, type) of every field of every content type, nested ones included."""
    fields, models = [], list(MODELS.values())
    while models:
        model = models.pop()
        for name, field in model.model_fields.items():
            fields.append((name, field.annotation))
            models.extend(_models_in(field.annotation))
    return fields


def _models_in(annotation: Any) -> list[Any]:
    if hasattr(annotation, "model_fields"):
        return [annotation]
    return [inner for argument in getattr(annotation, "__args__", ()) for inner in _models_in(argument)]


def _line(lines: list[str], index: int) -> str:
    return lines[index].rstrip("\r") if 0 <= index < len(lines) else ""


def _split(line: str) -> tuple[str, str]:
    """A line's indentation with its list dashes, and the rest without a trailing comment."""
    lead = _LEAD.match(line).group()
    return lead, _COMMENT.sub("", line[len(lead):]).rstrip()


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _lines_above(lines: list[str], index: int):
    """The lines above, nearest first, leaving out blank lines and comments."""
    for above in range(index - 1, -1, -1):
        stripped = _line(lines, above).strip()
        if stripped and not stripped.startswith("#"):
            yield above


def _strip(text: str) -> str:
    """Text as it was meant, with ordinary spaces."""
    return ODD_SPACE.sub(" ", text).strip()


def _space_name(character: str) -> str:
    if character == "\u00a0":
        return "a non-breaking space"
    return f"an unusual space character (U+{ord(character):04X})"
