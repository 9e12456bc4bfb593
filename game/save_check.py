"""A save's body checked field by field before any of it reaches the rules.

A checksum only says the body is the one that was written; a file re-sealed by
hand (or by a buggy tool) can carry a valid checksum over nonsense. Loading
therefore checks every field of the body against the save format: its JSON
type, and its length against the scenario embedded in the same save (holdings
for 2 of 9 agencies is refused). The first problem is reported as a `BadField`
naming the field, e.g. `state.threats[3].region is 'x', not int`.

Record rows (threats, reports, cables...) are checked against the declared
field types of their records, so a field added to a record is checked without
a change here; a new *kind* of annotation fails loudly in the tests.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from game.core.records import (
    Breach,
    Cable,
    Copy,
    Entry,
    Mark,
    Mole,
    Operation,
    PendingChoice,
    Report,
    Threat,
)
from game.core.spec import Scenario
from game.scenario.format import CAMPAIGN, SCENARIO
from game.scenario.loader import ScenarioError, build
from game.scenario.schema import Context
from game.scenario.yamlread import Loc, Y


class BadField(ValueError):
    """One field of a save that does not fit the format; the message names it."""

    def __init__(self, field: str, problem: str):
        self.field = field
        super().__init__(f"{field} {problem}")


# The state as codec.state_to_dict writes it. Sizes are counted in the scenario:
# A agencies, R regions, D disciplines, N nations.
ARRAYS = {
    "budget": ("float", "A"), "orders": ("int", "ARD"), "paid": ("int", "ARD"),
    "trust": ("float", "AA"), "ledger": ("float", "AA"), "relations": ("float", "NN"),
    "credit": ("float", "A"), "blame": ("float", "A"), "security": ("float", "N"),
}
RECORDS = {
    "threats": Threat, "reports": Report, "cables": Cable, "operations": Operation,
    "breaches": Breach, "moles": Mole, "pending": PendingChoice, "journal": Entry, "marks": Mark,
}
LISTS = {  # field: the form of each item
    "channels": "tuple[str, str, str]", "postings": "tuple[int, int]",
    "retry": "tuple[int, int, int]", "suspensions": "tuple[int, int, int, int]",
    "embargoes": "tuple[int, int, int, int]",
    "strict_terms": "tuple[int, int, int, float, float]",
    "queued": "tuple[str, int]", "sweeps": "int", "false_reports": "int", "flags": "str",
    "said": "tuple[int, str]",
    "log": "tuple[int, str, str, tuple[int, ...], dict[str, Any]]",
}
VALUES = {
    "round": "int", "current": "int", "phase": "str", "damage": "float", "next_choice": "int",
    "spawn_count": "int", "next_cable": "int", "over": "bool", "catastrophe": "bool",
    "fired": "dict[str, int]", "seed": "int",
}
PER_AGENCY = {"holdings": "list", "unmasked": "tuple[int, ...]", "seen": "int"}
HISTORY = {"scores": "tuple[float, ...]", "reputation": "tuple[float, ...]",
           "damage": "float", "digests": "str"}
STATE_KEYS = {*ARRAYS, *RECORDS, *LISTS, *VALUES, *PER_AGENCY, "history"}


def check_scenario(raw: Any) -> Scenario:
    """The embedded scenario, checked against the same schema as a scenario file."""
    _check_format(raw, SCENARIO, "scenario")
    try:
        return build(raw, "the save's scenario")
    except ScenarioError as exc:
        raise BadField("scenario", str(exc).splitlines()[0]) from None


def check_campaign(raw: Any) -> None:
    """The campaign a campaign save embeds, checked against the campaign file format."""
    _check_format(raw, CAMPAIGN, "campaign.campaign")


def _check_format(raw: Any, schema, where: str) -> None:
    if not isinstance(raw, dict):
        raise BadField(where, f"is {_shown(raw)}, not a mapping")
    ctx = Context()
    schema.check(_positioned(raw), "", ctx)
    if ctx.problems:
        first = min(ctx.problems)
        raise BadField(f"{where}.{first.path}".rstrip("."), first.message)


def check_body(body: dict, scenario: Scenario) -> None:
    """Every field of the body but the scenario; raises BadField at the first problem."""
    world = scenario.world
    expect("seed", body["seed"], "int")
    if body["seed"] < 0:
        raise BadField("seed", f"is {body['seed']}, not a seed (0 or more)")
    seats = body["seats"]
    expect("seats", seats, "dict[str, Any]")
    agencies = [a.id for a in world.agencies]
    if sorted(seats) != sorted(agencies):
        raise BadField("seats", f"are for {_listed(sorted(seats))}, not the scenario's "
                                f"agencies {_listed(agencies)}")
    for agency, seat in seats.items():
        expect(f"seats.{agency}", seat, "dict[str, Any]")
        for key, kind in (("human", "str | None"), ("personality", "str"),
                          ("difficulty", "str")):
            expect(f"seats.{agency}.{key}", seat.get(key), kind)
    expect("actions", body["actions"], "tuple[dict[str, Any], ...]")
    expect("digests", body["digests"], "tuple[str, ...]")
    check_state(body["state"], scenario)
    if body["state"]["seed"] != body["seed"]:
        raise BadField("state.seed", f"is {body['state']['seed']}, but the game's seed is "
                                     f"{body['seed']}")
    if body["digests"] != body["state"]["history"]["digests"]:
        raise BadField("digests", "differ from the state's own record of its round hashes")


def check_state(state: Any, scenario: Scenario) -> None:
    world = scenario.world
    sizes = {"A": len(world.agencies), "R": len(world.regions),
             "D": len(world.rules.discipline_ids), "N": len(world.nations)}
    expect("state", state, "dict[str, Any]")
    missing = sorted(STATE_KEYS - set(state))
    if missing:
        raise BadField(f"state.{missing[0]}", "is missing")
    extra = sorted(set(state) - STATE_KEYS)
    if extra:
        raise BadField(f"state.{extra[0]}", "is not part of the save format")
    for key, kind in VALUES.items():
        expect(f"state.{key}", state[key], kind)
    if not 0 <= state["current"] < sizes["A"] + state["over"]:  # a finished game is past all
        raise BadField("state.current", f"is {state['current']}, not one of the "
                                        f"{sizes['A']} agencies")
    for key, (kind, dims) in ARRAYS.items():
        _array(f"state.{key}", state[key], kind, [sizes[d] for d in dims])
    for key, record in RECORDS.items():
        expect(f"state.{key}", state[key], "list")
        for i, row in enumerate(state[key]):
            _row(f"state.{key}[{i}]", row, record)
    for key, kind in LISTS.items():
        expect(f"state.{key}", state[key], f"tuple[{kind}, ...]")
    for key, kind in PER_AGENCY.items():
        _array(f"state.{key}", state[key], "any", [sizes["A"]])
        for a, item in enumerate(state[key]):
            expect(f"state.{key}[{a}]", item, kind)
    for a, held in enumerate(state["holdings"]):
        for i, row in enumerate(held):
            _row(f"state.holdings[{a}][{i}]", row, Copy)
    history = state["history"]
    expect("state.history", history, "dict[str, Any]")
    for key, kind in HISTORY.items():
        expect(f"state.history.{key}", history.get(key), f"tuple[{kind}, ...]")
    for key in ("scores", "reputation"):
        for i, row in enumerate(history[key]):
            _array(f"state.history.{key}[{i}]", row, "float", [sizes["A"]])


# --------------------------------------------------------------------------- forms
def _row(where: str, row: Any, record: type) -> None:
    """A record written as a row of its field values, in field order."""
    declared = fields(record)
    expect(where, row, "list")
    if len(row) != len(declared):
        raise BadField(where, f"has {len(row)} fields, not {len(declared)}")
    for f, value in zip(declared, row, strict=True):
        expect(f"{where}.{f.name}", value, str(f.type))


def _array(where: str, value: Any, kind: str, shape: list[int]) -> None:
    """Nested lists of `kind`, as long as the scenario says at every level."""
    expect(where, value, "list")
    if len(value) != shape[0]:
        raise BadField(where, f"has {len(value)} entries; the scenario has {shape[0]}")
    for i, item in enumerate(value):
        if len(shape) > 1:
            _array(f"{where}[{i}]", item, kind, shape[1:])
        elif kind != "any":
            expect(f"{where}[{i}]", item, kind)


def expect(where: str, value: Any, kind: str) -> None:
    """Raise BadField unless `value` has the form of the declared type `kind`."""
    if not _fits(kind, value):
        raise BadField(where, f"is {_shown(value)}, not {kind}")


def _fits(kind: str, value: Any) -> bool:
    """Does a JSON value have the form of a declared type (as the codec writes it)?"""
    options = _split(kind, "|")
    if len(options) > 1:
        return any(_fits(k, value) for k in options)
    kind = kind.strip()
    if kind in SIMPLE:
        return SIMPLE[kind](value)
    head, _, inner = kind.partition("[")
    inner = inner[:-1]
    if head == "tuple":
        if not isinstance(value, list):
            return False
        if inner.endswith(", ..."):
            return all(_fits(inner[:-5], v) for v in value)
        parts = _split(inner, ",")
        return len(value) == len(parts) and all(map(_fits, parts, value))
    if head == "dict":
        _, item = _split(inner, ",")
        return isinstance(value, dict) and all(_fits(item, v) for v in value.values())
    raise TypeError(f"the save check does not know the form {kind!r}")


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _topic(v: Any) -> bool:
    return (isinstance(v, dict) and set(v) == {"threat", "region"}
            and all(_fits("int | None", x) for x in v.values()))


SIMPLE = {
    "None": lambda v: v is None,
    "Any": lambda v: True,
    "bool": lambda v: isinstance(v, bool),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "float": _number,
    "str": lambda v: isinstance(v, str),
    "list": lambda v: isinstance(v, list),
    "Topic": _topic,
}


def _split(text: str, sep: str) -> list[str]:
    """Split at `sep` outside brackets."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += {"[": 1, "]": -1}.get(ch, 0)
        if ch == sep and depth == 0:
            out.append(text[start:i].strip())
            start = i + 1
    return [*out, text[start:].strip()]


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"{type(value).__name__} {text[:30]}…"


def _listed(items: list[str]) -> str:
    return ", ".join(items[:12]) + (", …" if len(items) > 12 else "")


def _positioned(value: Any) -> Y:
    """Plain data as the schema reads a file; every position is the save itself."""
    here = Loc("save", 1, 1)
    if isinstance(value, dict):
        return Y({str(k): _positioned(v) for k, v in value.items()}, here,
                 {str(k): here for k in value})
    if isinstance(value, list):
        return Y([_positioned(v) for v in value], here)
    return Y(value, here)
