"""The state as plain JSON-ready data, and the stable hash taken after every round.

Saves, the replay check and the determinism tests all go through these two
functions, so "the same state" means one thing everywhere. Floats survive the
trip exactly (JSON keeps Python's shortest repr); the dice need only the seed,
since every generator is keyed by it (GameState.chance).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, fields
from functools import cache

import numpy as np

from game.core.records import (
    Breach,
    Cable,
    Copy,
    Entry,
    Event,
    Mark,
    Mole,
    Operation,
    PendingChoice,
    Report,
    Threat,
    Topic,
)
from game.core.spec import Scenario
from game.core.state import GameState, History


def _rows(records, cls) -> list[list]:
    """Records as rows of field values, in field order: compact and fast to dump
    (JSON writes tuples as lists; `dataclasses.asdict` deep-copied every value and
    dominated the per-round hash). A cable's topic is the one nested record."""
    names = [f.name for f in fields(cls)]
    rows = [[getattr(r, n) for n in names] for r in records]
    if cls is Cable:
        at = names.index("topic")
        for row in rows:
            if row[at] is not None:
                row[at] = {"threat": row[at].threat, "region": row[at].region}
    return rows


def _unrows(rows: list[list], cls) -> list:
    """Rows back into records, converting each field by its declared type."""
    convert = _converters(cls)
    out = []
    for row in rows:
        if len(row) != len(convert):
            raise ValueError(f"a {cls.__name__} row has {len(row)} fields, not {len(convert)}")
        out.append(cls(*[c(v) if c else v for c, v in zip(convert, row, strict=True)]))
    return out


@cache
def _converters(cls) -> tuple:
    """Per field: None (as is), tuple, tuple of tuples, or a Topic from its dict."""
    out = []
    for f in fields(cls):
        kind = str(f.type)
        if kind.startswith("tuple[tuple"):
            out.append(lambda v: tuple(map(tuple, v)))
        elif kind.startswith("tuple"):
            out.append(tuple)
        elif kind.startswith("Topic"):
            out.append(lambda v: Topic(**v) if v is not None else None)
        else:
            out.append(None)
    return tuple(out)


# What explains the state without being part of it (GameState.journal, marks, said): saved,
# but left out of the round hashes, so that explaining more never changes a game's hashes.
EXPLANATIONS = ("journal", "marks", "said")


def state_to_dict(state: GameState, explanations: bool = True) -> dict:
    data = {
        "round": state.round,
        "current": state.current,
        "phase": state.phase,
        "seed": state.seed,
        "budget": state.budget.tolist(),
        "orders": state.orders.tolist(),
        "paid": state.paid.tolist(),
        "trust": state.trust.tolist(),
        "ledger": state.ledger.tolist(),
        "relations": state.relations.tolist(),
        "channels": sorted(list(c) for c in state.channels),
        "postings": sorted(list(p) for p in state.postings),
        "credit": state.credit.tolist(),
        "blame": state.blame.tolist(),
        "security": state.security.tolist(),
        "damage": state.damage,
        "threats": _rows(state.threats, Threat),
        "reports": _rows(state.reports, Report),
        "holdings": [_rows(h.values(), Copy) for h in state.holdings],
        "cables": _rows(state.cables.values(), Cable),
        "operations": _rows(state.operations, Operation),
        "breaches": _rows(state.breaches, Breach),
        "retry": sorted([a, t, r] for (a, t), r in state.retry.items()),
        "moles": _rows(state.moles, Mole),
        "sweeps": sorted(state.sweeps),
        "false_reports": sorted(state.false_reports),
        "unmasked": [sorted(u) for u in state.unmasked],
        "suspensions": sorted([f, t, d, r] for (f, t, d), r in state.suspensions.items()),
        "embargoes": sorted([f, n, u, i] for (f, n), (u, i) in state.embargoes.items()),
        "strict_terms": sorted([f, t, *terms] for (f, t), terms in state.strict_terms.items()),
        "flags": sorted(state.flags),
        "fired": dict(sorted(state.fired.items())),
        "pending": _rows(state.pending, PendingChoice),
        "queued": [list(q) for q in state.queued],
        "next_choice": state.next_choice,
        "spawn_count": state.spawn_count,
        "next_cable": state.next_cable,
        "log": [[e.round, e.kind, e.text, list(e.seats), e.data] for e in state.log],
        "seen": list(state.seen),
        "history": asdict(state.history),
        "over": state.over,
        "catastrophe": state.catastrophe,
    }
    if explanations:
        data["journal"] = _rows(state.journal, Entry)
        data["marks"] = _rows(state.marks, Mark)
        data["said"] = sorted([c, text] for c, text in state.said.items())
    return data


def state_from_dict(scenario: Scenario, data: dict) -> GameState:
    state = _state(scenario, data)
    state.rebuild_indexes()
    return state


def _state(scenario: Scenario, data: dict) -> GameState:
    holdings = [{c.report: c for c in _unrows(h, Copy)} for h in data["holdings"]]
    return GameState(
        scenario=scenario,
        seed=data["seed"],
        round=data["round"],
        current=data["current"],
        phase=data["phase"],
        budget=np.array(data["budget"], dtype=float),
        orders=np.array(data["orders"], dtype=np.int8),
        paid=np.array(data["paid"], dtype=np.int8),
        trust=np.array(data["trust"], dtype=float),
        ledger=np.array(data["ledger"], dtype=float),
        relations=np.array(data["relations"], dtype=float),
        channels=frozenset(tuple(c) for c in data["channels"]),
        postings=frozenset(tuple(p) for p in data["postings"]),
        credit=np.array(data["credit"], dtype=float),
        blame=np.array(data["blame"], dtype=float),
        security=np.array(data["security"], dtype=float),
        damage=data["damage"],
        threats=_unrows(data["threats"], Threat),
        reports=_unrows(data["reports"], Report),
        holdings=holdings,
        cables={c.id: c for c in _unrows(data["cables"], Cable)},
        operations=_unrows(data["operations"], Operation),
        breaches=_unrows(data["breaches"], Breach),
        retry={(a, t): r for a, t, r in data["retry"]},
        moles=_unrows(data["moles"], Mole),
        sweeps=set(data["sweeps"]),
        false_reports=set(data["false_reports"]),
        unmasked=[set(u) for u in data["unmasked"]],
        suspensions={(f, t, d): r for f, t, d, r in data["suspensions"]},
        embargoes={(f, n): (u, i) for f, n, u, i in data["embargoes"]},
        strict_terms={(f, t): (u, c, r) for f, t, u, c, r in data["strict_terms"]},
        flags=set(data["flags"]),
        fired=dict(data["fired"]),
        pending=_unrows(data["pending"], PendingChoice),
        queued=[(e, c) for e, c in data["queued"]],
        next_choice=data["next_choice"],
        spawn_count=data["spawn_count"],
        next_cable=data["next_cable"],
        log=[Event(r, k, t, tuple(s), d) for r, k, t, s, d in data["log"]],
        seen=list(data["seen"]),
        history=History(**data["history"]),
        over=data["over"],
        catastrophe=data["catastrophe"],
        journal=_unrows(data["journal"], Entry),
        marks=_unrows(data["marks"], Mark),
        said={c: text for c, text in data["said"]},
    )


def canonical(data) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), allow_nan=False).encode()


def digest(state: GameState) -> str:
    """A stable hash of everything that changes, the per-round hashes aside.

    Event texts are left out: they render the event's data in words, and rewording a
    message must not make an old save fail to verify. So are the EXPLANATIONS, for the
    same reason: a save from before the journal replays to the same hashes.
    """
    data = state_to_dict(state, explanations=False)
    data["history"] = {k: v for k, v in data["history"].items() if k != "digests"}
    data["log"] = [[r, kind, "", seats, d] for r, kind, _, seats, d in data["log"]]
    return hashlib.sha256(canonical(data)).hexdigest()[:16]
