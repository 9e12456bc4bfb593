"""Read YAML into values that remember where they came from, refusing what surprises.

PyYAML's safe composer gives nodes with positions; this module turns them into
`Y` values (value + file, line, column) and applies the rules a modder can rely
on: no anchors or aliases (no alias bombs), no duplicate keys, no YAML 1.1
surprises (`NO` read as false, `1:30` read as 90, `012` read as 10), no
infinite or absurd numbers, a cap on file size and on nesting. Every problem is
collected with its position; nothing raises past `read`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 256_000
MAX_DEPTH = 24
MAX_DIGITS = 15

BOOL_WORDS = {"true", "false"}
SEXAGESIMAL = re.compile(r"^[-+]?\d+(:[0-5]?\d)+(\.\d*)?$")
OCTAL_LIKE = re.compile(r"^[-+]?0\d+$")


class Reported(str):
    """Text kept in place of a scalar already reported as a problem, so that later
    checks do not report it a second time."""


@dataclass(frozen=True, order=True)
class Loc:
    file: str
    line: int  # 1-based
    col: int  # 1-based

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a file, where it is, and what was meant.

    `cause` names the top-level key whose value made this a problem when that is not
    where the problem sits (a region list that no longer declares an id used
    elsewhere): a file that extends another is told which of its own keys to fix.
    """

    loc: Loc
    path: str
    message: str
    cause: str = field(default="", compare=False)

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.loc}: {where}{self.message}"


@dataclass
class Y:
    """A YAML value with its position; mappings keep their keys' positions too."""

    value: Any  # dict[str, Y] | list[Y] | str | int | float | bool | None
    loc: Loc
    keys: dict[str, Loc] = field(default_factory=dict)

    def plain(self) -> Any:
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


def _loc(name: str, mark) -> Loc:
    return Loc(name, mark.line + 1, mark.column + 1)


# PyYAML's words for the mistakes a modder makes most, with what to do about each
# (a modder's playtest met them as bare parser messages).
SYNTAX_HINTS = (
    ("'\\t' that cannot start any token", "indent with spaces: YAML does not allow tabs"),
    ("mapping values are not allowed here", "a line indented more or less than the keys "
                                            "around it, or a ': ' inside text that needs "
                                            "quotes"),
    ("could not find expected ':'", "a key without its ':', or a line indented wrongly"),
    ("expected ',' or '}'", "an unclosed { }: every { needs its }, and items a ','"),
    ("expected ',' or ']'", "an unclosed [ ]: every [ needs its ], and items a ','"),
)


def _plain_syntax(problem: str | None) -> str:
    """The parser's problem without its jargon ('<scalar>' is a value), and a hint."""
    text = (problem or "unreadable").replace("<scalar>", "a value").replace(
        "<block end>", "the end of the block")
    hint = next((h for found, h in SYNTAX_HINTS if found in (problem or "")), "")
    return f"{text} ({hint})" if hint else text


def read(path: Path, name: str | None = None,
         limits: Mapping[str, int] | None = None) -> tuple[Y | None, list[Problem]]:
    """Parse a file; (None, problems) when it cannot be used at all."""
    name = name or str(path)
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)  # a huge file is refused without reading it all
    except OSError as exc:
        return None, [Problem(Loc(name, 1, 1), "", f"cannot read the file: {exc.strerror}")]
    return parse(raw, name, limits)


def parse(raw: bytes, name: str,
          limits: Mapping[str, int] | None = None) -> tuple[Y | None, list[Problem]]:
    """`limits` caps the items of top-level lists: the streaming pass stops at the first
    item over, so an absurd file is refused before the slow full parse."""
    top = Loc(name, 1, 1)
    if len(raw) > MAX_BYTES:
        return None, [Problem(top, "", f"the file is over the limit of {MAX_BYTES:,} bytes")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(top, "", f"not UTF-8 text (byte {exc.start})")]
    try:
        refused = _stream_check(text, name, limits or {})
        if refused is not None:
            return None, [refused]
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = _loc(name, mark) if mark else top
        return None, [Problem(loc, "", f"YAML syntax: {_plain_syntax(exc.problem or exc.context)}")]
    except yaml.YAMLError as exc:
        return None, [Problem(top, "", f"YAML syntax: {exc}")]
    if not nodes or nodes[0] is None:
        return None, [Problem(top, "", "the file is empty")]
    if len(nodes) > 1:
        return None, [Problem(_loc(name, nodes[1].start_mark), "",
                              "only one YAML document per file")]
    problems: list[Problem] = []
    value = _convert(nodes[0], name, "", problems)
    return value, problems


def _stream_check(text: str, name: str, limits: Mapping[str, int]) -> Problem | None:
    """One cheap, flat pass over the parser's events, before anything is built: no
    anchors or aliases (no alias bombs), no deep nesting, no top-level list longer than
    its limit. Raises yaml.YAMLError on a syntax error."""
    depth = 0
    key = ""  # the top-level key whose value is being read
    at_key = False  # the next top-level scalar is a key, not a value
    counting = ""  # the top-level list whose items are being counted
    items = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        loc = _loc(name, event.start_mark)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return Problem(loc, "", "anchors and aliases (& and *) are not allowed: write "
                                    "each value out")
        if depth == 2 and counting and isinstance(event, yaml.NodeEvent):
            items += 1
            if items > limits[counting]:
                return Problem(loc, f"{counting}[{items - 1}]",
                               f"more than {limits[counting]} {counting}: the limit is "
                               f"{limits[counting]}")
        if isinstance(event, yaml.CollectionStartEvent):
            at_key = depth == 0
            if depth == 1:
                counting = key if isinstance(event, yaml.SequenceStartEvent) \
                    and key in limits else ""
                items = 0
            depth += 1
            if depth > MAX_DEPTH:
                return Problem(loc, "", f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            at_key = depth == 1
            counting = counting if depth > 1 else ""
        elif isinstance(event, yaml.ScalarEvent) and depth == 1:
            key = event.value if at_key else key
            at_key = not at_key
    return None


def _convert(node, name: str, path: str, problems: list[Problem]) -> Y:
    loc = _loc(name, node.start_mark)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Y] = {}
        keys: dict[str, Loc] = {}
        for key_node, value_node in node.value:
            key_loc = _loc(name, key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(key_loc, path, "a key must be a plain name"))
                continue
            key = key_node.value
            sub = f"{path}.{key}" if path else key
            if key in out:
                problems.append(Problem(key_loc, sub, f"duplicate key {key!r} (first at line "
                                                      f"{keys[key].line})"))
                continue
            keys[key] = key_loc
            out[key] = _convert(value_node, name, sub, problems)
        return Y(out, loc, keys)
    if isinstance(node, yaml.SequenceNode):
        return Y([_convert(n, name, f"{path}[{i}]", problems)
                  for i, n in enumerate(node.value)], loc)
    return Y(_scalar(node, loc, path, problems), loc)


def _scalar(node, loc: Loc, path: str, problems: list[Problem]):
    """Resolve a scalar strictly: quoted text is text; plain text is a number, true,
    false or null only when it is unambiguously one."""
    text = node.value
    if node.style is not None:  # quoted or block text
        return text
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "bool":
        if text.lower() in BOOL_WORDS:
            return text.lower() == "true"
        meaning = "true" if text.lower() in ("yes", "on", "y") else "false"
        problems.append(Problem(loc, path, f"{text!r} would be read as {meaning} in YAML 1.1; "
                                           f"write true/false, or quote it as text: \"{text}\""))
        return Reported(text)
    if tag == "null":
        return None
    if tag in ("int", "float"):
        bare = text.replace("_", "")
        if SEXAGESIMAL.match(bare):
            problems.append(Problem(loc, path, f"{text!r} would be read as a base-60 number "
                                               f"in YAML 1.1; quote it: \"{text}\""))
            return Reported(text)
        if tag == "int" and OCTAL_LIKE.match(bare):
            problems.append(Problem(loc, path, f"{text!r} has a leading zero (read as octal "
                                               f"in YAML 1.1); write {int(bare, 10)} or quote it"))
            return Reported(text)
        if len(bare.lstrip("+-").split(".")[0].split("e")[0].split("E")[0]) > MAX_DIGITS:
            problems.append(Problem(loc, path, f"number too large ({len(bare)} characters)"))
            return Reported(text[:20])
        if bare.lower().lstrip("+-") in (".inf", ".nan"):
            problems.append(Problem(loc, path, f"{text!r}: infinite or not-a-number values "
                                               f"are not allowed"))
            return Reported(text)
        try:
            number = int(bare, 0) if tag == "int" else float(bare)
        except ValueError:
            problems.append(Problem(loc, path, f"{text!r} is not a number this game reads"))
            return Reported(text)
        if isinstance(number, float) and (number != number or number in (float("inf"),
                                                                          float("-inf"))):
            problems.append(Problem(loc, path, f"{text!r}: infinite or not-a-number values "
                                               f"are not allowed"))
            return Reported(text)
        return number
    if tag == "timestamp":
        return text  # e.g. 2020-01-01: the schema says what it expects
    return text
