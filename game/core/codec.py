"""The state as plain JSON-ready data, and the stable hash taken after every round.

Saves, the replay check and the determinism tests all go through these two
functions, so "the same state" means one thing everywhere. Floats survive the
trip exactly (JSON keeps Python's shortest repr), and the generator's
bit-generator state is stored whole so the dice continue where they stopped.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, fields, replace

import numpy as np

from game.core.records import Breach, Cable, Copy, Event, Operation, Report, Threat, Topic
from game.core.spec import Scenario
from game.core.state import GameState, History


def state_to_dict(state: GameState) -> dict:
    return {
        "round": state.round,
        "current": state.current,
        "rng": state.rng.bit_generator.state,
        "budget": state.budget.tolist(),
        "orders": state.orders.tolist(),
        "paid": state.paid.tolist(),
        "trust": state.trust.tolist(),
        "ledger": state.ledger.tolist(),
        "relations": state.relations.tolist(),
        "channels": sorted(list(c) for c in state.channels),
        "postings": sorted(list(p) for p in state.postings),
        "credit": state.credit.tolist(),
        "security": state.security.tolist(),
        "damage": state.damage,
        "threats": [asdict(t) for t in state.threats],
        "reports": [asdict(r) for r in state.reports],
        "holdings": [[asdict(c) for c in h.values()] for h in state.holdings],
        "cables": [asdict(c) for c in state.cables.values()],
        "operations": [asdict(o) for o in state.operations],
        "breaches": [asdict(b) for b in state.breaches],
        "retry": sorted([a, t, r] for (a, t), r in state.retry.items()),
        "spawn_count": state.spawn_count,
        "next_cable": state.next_cable,
        "log": [asdict(e) for e in state.log],
        "seen": list(state.seen),
        "history": asdict(state.history),
        "over": state.over,
        "catastrophe": state.catastrophe,
    }


def _record(cls, data: dict):
    """Rebuild a frozen record, turning JSON lists back into tuples."""
    kwargs = {}
    for f in fields(cls):
        v = data[f.name]
        if isinstance(v, list):
            v = tuple(tuple(x) if isinstance(x, list) else x for x in v)
        kwargs[f.name] = v
    return cls(**kwargs)


def _cable(data: dict) -> Cable:
    topic = data["topic"]
    return replace(_record(Cable, {**data, "topic": None}),
                   topic=Topic(**topic) if topic is not None else None)


def state_from_dict(scenario: Scenario, data: dict) -> GameState:
    rng = np.random.default_rng()
    rng.bit_generator.state = data["rng"]
    holdings = [{c["report"]: _record(Copy, c) for c in h} for h in data["holdings"]]
    return GameState(
        scenario=scenario,
        rng=rng,
        round=data["round"],
        current=data["current"],
        budget=np.array(data["budget"], dtype=float),
        orders=np.array(data["orders"], dtype=np.int8),
        paid=np.array(data["paid"], dtype=np.int8),
        trust=np.array(data["trust"], dtype=float),
        ledger=np.array(data["ledger"], dtype=float),
        relations=np.array(data["relations"], dtype=float),
        channels=frozenset(tuple(c) for c in data["channels"]),
        postings=frozenset(tuple(p) for p in data["postings"]),
        credit=np.array(data["credit"], dtype=float),
        security=np.array(data["security"], dtype=float),
        damage=data["damage"],
        threats=[_record(Threat, t) for t in data["threats"]],
        reports=[_record(Report, r) for r in data["reports"]],
        holdings=holdings,
        cables={c["id"]: _cable(c) for c in data["cables"]},
        operations=[_record(Operation, o) for o in data["operations"]],
        breaches=[_record(Breach, b) for b in data["breaches"]],
        retry={(a, t): r for a, t, r in data["retry"]},
        spawn_count=data["spawn_count"],
        next_cable=data["next_cable"],
        log=[Event(**{**e, "seats": tuple(e["seats"])}) for e in data["log"]],
        seen=list(data["seen"]),
        history=History(**data["history"]),
        over=data["over"],
        catastrophe=data["catastrophe"],
    )


def canonical(data) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), allow_nan=False).encode()


def digest(state: GameState) -> str:
    """A stable hash of everything that changes, the per-round hashes aside."""
    data = state_to_dict(state)
    data["history"] = {k: v for k, v in data["history"].items() if k != "digests"}
    return hashlib.sha256(canonical(data)).hexdigest()[:16]
