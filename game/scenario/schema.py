"""The scenario format as one declarative schema: it checks files and it writes the
JSON Schema that editors use, so the two can never disagree.

Each node type checks a located YAML value (`Y`), reports problems with their
dotted path, declares ids (`Decl`) and records references (`Ref`) for the
cross-reference pass. `json()` gives the draft-07 JSON Schema of the node.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from game.scenario.yamlread import Loc, Problem, Reported, Y

THREAT_KINDS = ("terrorism", "proliferation", "cyber", "instability")
PERSONALITIES = ("reciprocal", "generous", "grudger", "free_rider", "adversary")
DIFFICULTIES = ("easy", "normal", "hard")
ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_]*$"


@dataclass
class Context:
    problems: list[Problem] = field(default_factory=list)
    decls: dict[str, dict[str, Loc]] = field(default_factory=dict)
    refs: list[tuple[str, str, Loc, str]] = field(default_factory=list)  # kind, id, loc, path

    def error(self, y_or_loc, path: str, message: str, cause: str = "") -> None:
        if isinstance(y_or_loc, Y) and isinstance(y_or_loc.value, Reported):
            return  # the reader already said what is wrong with this value
        loc = y_or_loc.loc if isinstance(y_or_loc, Y) else y_or_loc
        self.problems.append(Problem(loc, path, message, cause))


def _found(y: Y) -> str:
    v = y.value
    if isinstance(v, dict):
        return "a mapping"
    if isinstance(v, list):
        return "a list"
    if v is None:
        return "nothing"
    if isinstance(v, bool):
        return f"{str(v).lower()}"
    if isinstance(v, str):
        return f"text {v!r}"
    return f"{v!r}"


def closest(word: str, options) -> str | None:
    """The option `word` most likely meant: the same word in other letter case first
    ('cyber' for 'CYBER', which difflib finds too far apart), else the closest spelling."""
    options = list(options)
    close = [o for o in options if o.lower() == word.lower() and o != word] or \
        difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return close[0] if close else None


def suggest(word: str, options) -> str:
    """A did-you-mean for a message, or nothing."""
    meant = closest(word, options)
    return f" (did you mean {meant!r}?)" if meant else ""


class T:
    doc = ""

    def check(self, y: Y, path: str, ctx: Context) -> None:
        raise NotImplementedError

    def json(self) -> dict:
        raise NotImplementedError


class Str(T):
    def __init__(self, doc: str = "", pattern: str | None = None, example: str | None = None):
        self.doc, self.pattern, self.example = doc, pattern, example

    def check(self, y, path, ctx):
        if not isinstance(y.value, str):
            ctx.error(y, path, f"expected text, found {_found(y)}")
        elif not y.value.strip():
            ctx.error(y, path, "expected text, found an empty string")
        elif self.pattern and not re.match(self.pattern, y.value):
            hint = f" like {self.example!r}" if self.example else ""
            ctx.error(y, path, f"expected text{hint}, found {y.value!r}")

    def json(self):
        out = {"type": "string", "minLength": 1}
        if self.pattern:
            out["pattern"] = self.pattern
        return out


class Num(T):
    def __init__(self, lo: float, hi: float, integer: bool = False, doc: str = ""):
        self.lo, self.hi, self.integer, self.doc = lo, hi, integer, doc

    def check(self, y, path, ctx):
        v = y.value
        what = "a whole number" if self.integer else "a number"
        if isinstance(v, bool) or not isinstance(v, int | float) or (
                self.integer and not isinstance(v, int)):
            ctx.error(y, path, f"expected {what} from {self.lo:g} to {self.hi:g}, "
                               f"found {_found(y)}")
        elif not self.lo <= v <= self.hi:
            ctx.error(y, path, f"expected {what} from {self.lo:g} to {self.hi:g}, found {v:g}")

    def json(self):
        return {"type": "integer" if self.integer else "number", "minimum": self.lo,
                "maximum": self.hi}


def Int(lo: int, hi: int, doc: str = "") -> Num:
    return Num(lo, hi, True, doc)


class Bool(T):
    def __init__(self, doc: str = ""):
        self.doc = doc

    def check(self, y, path, ctx):
        if not isinstance(y.value, bool):
            ctx.error(y, path, f"expected true or false, found {_found(y)}")

    def json(self):
        return {"type": "boolean"}


class Enum(T):
    def __init__(self, *values: str, doc: str = ""):
        self.values, self.doc = values, doc

    def check(self, y, path, ctx):
        if y.value not in self.values:
            found = _found(y)
            hint = suggest(y.value, self.values) if isinstance(y.value, str) else ""
            ctx.error(y, path, f"expected one of {', '.join(self.values)}; found {found}{hint}")

    def json(self):
        return {"enum": list(self.values)}


class Decl(T):
    """An id that declares a thing of `kind` (a region, an agency...)."""

    def __init__(self, kind: str):
        self.kind = kind
        self.inner = Str(pattern=ID_PATTERN, example="east_africa")

    def check(self, y, path, ctx):
        before = len(ctx.problems)
        self.inner.check(y, path, ctx)
        if len(ctx.problems) > before:
            return
        seen = ctx.decls.setdefault(self.kind, {})
        if y.value in seen:
            ctx.error(y, path, f"{self.kind} {y.value!r} is declared twice (first at line "
                               f"{seen[y.value].line})")
        else:
            seen[y.value] = y.loc

    def json(self):
        return self.inner.json()


class Ref(T):
    """An id that must name a declared thing of one of `kinds`."""

    def __init__(self, *kinds: str):
        self.kinds = kinds

    def check(self, y, path, ctx):
        if not isinstance(y.value, str):
            ctx.error(y, path, f"expected the id of a {' or '.join(self.kinds)}, found "
                               f"{_found(y)}")
            return
        ctx.refs.append(("|".join(self.kinds), y.value, y.loc, path))

    def json(self):
        return {"type": "string"}


class ListOf(T):
    def __init__(self, item: T, min_items: int = 0, max_items: int | None = None, doc=""):
        self.item, self.min_items, self.max_items, self.doc = item, min_items, max_items, doc

    def check(self, y, path, ctx):
        if not isinstance(y.value, list):
            ctx.error(y, path, f"expected a list, found {_found(y)}")
            return
        n = len(y.value)
        if n < self.min_items or (self.max_items is not None and n > self.max_items):
            want = (f"exactly {self.min_items}" if self.min_items == self.max_items else
                    f"at least {self.min_items}" if self.max_items is None else
                    f"{self.min_items} to {self.max_items}")
            ctx.error(y, path, f"expected {want} items, found {n}")
            if self.max_items is not None and n > self.max_items:
                return  # far too many to be worth checking one by one
        for i, item in enumerate(y.value):
            self.item.check(item, f"{path}[{i}]", ctx)

    def json(self):
        out = {"type": "array", "items": self.item.json(), "minItems": self.min_items}
        if self.max_items is not None:
            out["maxItems"] = self.max_items
        return out


class MapOf(T):
    """A mapping whose keys are ids (checked by `key`, usually a Ref) and values of one type."""

    def __init__(self, key: T, value: T, doc: str = "", min_items: int = 0,
                 max_items: int | None = None):
        self.key, self.value, self.doc = key, value, doc
        self.min_items, self.max_items = min_items, max_items

    def check(self, y, path, ctx):
        if not isinstance(y.value, dict):
            ctx.error(y, path, f"expected a mapping, found {_found(y)}")
            return
        if len(y.value) < self.min_items:
            ctx.error(y, path, f"expected at least {self.min_items} entries")
        if self.max_items is not None and len(y.value) > self.max_items:
            ctx.error(y, path, f"expected at most {self.max_items} entries, found "
                               f"{len(y.value)}")
            return
        for k, v in y.value.items():
            sub = f"{path}.{k}"
            self.key.check(Y(k, y.keys[k]), sub, ctx)
            self.value.check(v, sub, ctx)

    def json(self):
        out = {"type": "object", "additionalProperties": self.value.json(),
               "minProperties": self.min_items}
        if self.max_items is not None:
            out["maxProperties"] = self.max_items
        return out


@dataclass
class F:
    """A field of a record: its type, whether it is required, and what it means. The
    doc (and example) is written once here: it is the editors' hover help in the JSON
    Schema and the text of the guide's tables (game/scenario/guide.py)."""

    type: T
    required: bool = False
    doc: str = ""
    example: str = ""

    def json(self) -> dict:
        text = f"{self.doc}; e.g. {self.example}" if self.example else self.doc
        return {**self.type.json(), **({"description": text} if text else {})}


class Record(T):
    """A mapping of known keys. `exclusive` is a pair of keys that may not both be given,
    and the reason, for a file where one of them would be silently ignored."""

    def __init__(self, fields: dict[str, F], doc: str = "",
                 exclusive: tuple[str, str, str] | None = None):
        self.fields, self.doc, self.exclusive = fields, doc, exclusive

    def check(self, y, path, ctx):
        if not isinstance(y.value, dict):
            ctx.error(y, path, f"expected a mapping with {', '.join(self.fields)}; found "
                               f"{_found(y)}")
            return
        meant: set[str | None] = set()  # keys a misspelt key stands for
        for k, v in y.value.items():
            sub = f"{path}.{k}" if path else k
            spec = self.fields.get(k)
            if spec is None:
                meant.add(closest(k, self.fields))
                ctx.error(y.keys[k], sub, f"unknown key {k!r}{suggest(k, self.fields)}; "
                                          f"expected {', '.join(self.fields)}")
                continue
            spec.type.check(v, sub, ctx)
        for name, spec in self.fields.items():
            # 'capabilty' is reported with its did-you-mean; "missing 'capability'" as well
            # only repeated it (a modder's playtest)
            if spec.required and name not in y.value and name not in meant:
                ctx.error(y, path, f"missing {name!r}" + (f": {spec.doc}" if spec.doc else ""))
        if self.exclusive and {self.exclusive[0], self.exclusive[1]} <= set(y.value):
            first, second, why = self.exclusive
            sub = f"{path}.{second}" if path else second
            ctx.error(y.keys[second], sub, f"give {first!r} or {second!r}, not both: {why}")

    def json(self):
        out = {
            "type": "object",
            "properties": {k: f.json() for k, f in self.fields.items()},
            "required": [k for k, f in self.fields.items() if f.required],
            "additionalProperties": False,
        }
        if self.exclusive:
            out["not"] = {"required": list(self.exclusive[:2])}
        return out


class Span(T):
    """An inclusive range written [low, high], or one number for both."""

    def __init__(self, lo: int, hi: int):
        self.lo, self.hi = lo, hi
        self.one = Int(lo, hi)

    def check(self, y, path, ctx):
        if isinstance(y.value, list):
            if len(y.value) != 2:
                ctx.error(y, path, f"expected [low, high], found {len(y.value)} numbers")
                return
            before = len(ctx.problems)
            for i, item in enumerate(y.value):
                self.one.check(item, f"{path}[{i}]", ctx)
            if len(ctx.problems) == before and y.value[0].value > y.value[1].value:
                ctx.error(y, path, f"low {y.value[0].value} is above high {y.value[1].value}")
        elif isinstance(y.value, str):  # "3-5": say how a range is written (a modder's try)
            ctx.error(y, path, f"expected a whole number from {self.lo} to {self.hi}, or a "
                               f"range written [low, high], found {_found(y)}")
        else:
            self.one.check(y, path, ctx)

    def json(self):
        return {"oneOf": [self.one.json(), {"type": "array", "items": self.one.json(),
                                            "minItems": 2, "maxItems": 2}]}


class OneOfKeys(T):
    """A mapping with exactly one key naming a kind (an effect, a condition)."""

    def __init__(self, what: str, kinds: dict[str, F]):
        self.what, self.kinds = what, kinds

    def check(self, y, path, ctx):
        if not isinstance(y.value, dict) or len(y.value) != 1:
            ctx.error(y, path, f"expected one {self.what} such as {{{next(iter(self.kinds))}: "
                               f"...}}, found {_found(y)}")
            return
        ((kind, value),) = y.value.items()
        if kind not in self.kinds:
            ctx.error(y.keys[kind], f"{path}.{kind}", f"unknown {self.what} {kind!r}"
                      f"{suggest(kind, self.kinds)}; known: {', '.join(self.kinds)}")
            return
        self.kinds[kind].type.check(value, f"{path}.{kind}", ctx)

    def json(self):
        return {"oneOf": [{"type": "object", "properties": {k: f.json()}, "required": [k],
                           "additionalProperties": False} for k, f in self.kinds.items()]}


class Either(T):
    """A value of the first type, or of the second (e.g. one id or a list of ids)."""

    def __init__(self, first: T, second: T, accepts_first):
        self.first, self.second, self.accepts_first = first, second, accepts_first

    def check(self, y, path, ctx):
        (self.first if self.accepts_first(y.value) else self.second).check(y, path, ctx)

    def json(self):
        return {"oneOf": [self.first.json(), self.second.json()]}
