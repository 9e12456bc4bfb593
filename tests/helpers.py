"""A small, fully controlled world for rule-adjudication tests.

Three agencies of three nations (X of Atlantis, Y of Borealis, Z of Caledonia),
two regions, the base ruleset, and no random threats: each test places the
threats and reports it needs, so every number it asserts can be worked out by
hand from docs/rules.md.
"""

from __future__ import annotations

from dataclasses import replace

from game.core import apply, new_game
from game.core.actions import Answer, EndTurn, ProposeExchange, ProposeJointOperation, SetProgramme
from game.core.records import ORDERS, Cable, Copy, Report, Threat
from game.core.state import GameState
from game.scenario.loader import SCENARIO_DIR, build, read_raw

BASE = read_raw(SCENARIO_DIR / "base.yaml")


def merge(base: dict, over: dict) -> dict:
    """Set-up only: what `extends:` does to plain data (the loader does it on files)."""
    out = dict(base)
    for key, value in over.items():
        out[key] = merge(out[key], value) if isinstance(value, dict) and isinstance(
            out.get(key), dict) else value
    return out


def raw_world(**over) -> dict:
    raw = {
        "id": "test",
        "title": "Test world",
        "start": "2020-01",
        "rounds": 10,
        "regions": [{"id": "north", "name": "North"}, {"id": "south", "name": "South"}],
        "nations": [
            {"id": "ATL", "name": "Atlantis", "courts": "closed", "relations": {"BOR": 50}},
            {"id": "BOR", "name": "Borealis", "courts": "closed", "relations": {"CAL": 0}},
            {"id": "CAL", "name": "Caledonia", "courts": "closed", "relations": {"ATL": 0}},
        ],
        "agencies": [
            agency_data("X", "ATL", HUMINT=0.8),
            agency_data("Y", "BOR", SIGINT=0.8),
            agency_data("Z", "CAL", GEOINT=0.8),
        ],
    }
    return merge(merge(BASE, raw), over)


def agency_data(agency_id: str, nation: str, **capability: float) -> dict:
    return {
        "id": agency_id, "nation": nation, "name": f"Agency {agency_id}", "budget": 100,
        "capability": {"HUMINT": 0.3, "SIGINT": 0.3, "GEOINT": 0.3, "CYBER": 0.3, **capability},
        "access": {"north": 0.5, "south": 0.5}, "counterintel": 0.5,
    }


def game(seed: int = 7, **over) -> GameState:
    """A new game at the start of round 1, X to play."""
    state, _ = new_game(build(raw_world(**over)), seed)
    return state


X, Y, Z = 0, 1, 2
HUM, SIG, GEO, CYB = 0, 1, 2, 3


def add_threat(state: GameState, needs=(1, 1, 0, 0), region: int = 0, targets=(0,),
               severity: int = 2, deadline: int | None = None, kind: str = "terrorism") -> int:
    """Place an active threat; returns its id. `deadline` is the last round to act."""
    t = Threat(
        id=len(state.threats), key=f"t{len(state.threats)}", name=f"Plot {len(state.threats)}",
        kind=kind, region=region, targets=tuple(targets), severity=severity,
        needs=tuple(needs), spawned=state.round,
        deadline=state.round + 5 if deadline is None else deadline,
    )
    state.threats.append(t)
    return t.id


def add_report(state: GameState, agency: int, threat: int, discipline: int,
               quality: float = 0.8, round_no: int | None = None) -> int:
    """Give an agency a report it originated; returns the report id."""
    r = Report(len(state.reports), threat, discipline, quality, agency,
               state.round if round_no is None else round_no)
    state.reports.append(r)
    state.add_copy(agency, Copy(r.id, (agency,), r.round))
    return r.id


def end_turns_until(state: GameState, seat: int) -> None:
    """End turns (running dusk and dawn as needed) until it is `seat`'s turn."""
    apply(state, EndTurn(state.world.agencies[state.current].id))
    while state.current != seat and not state.over:
        apply(state, EndTurn(state.world.agencies[state.current].id))


def answer_round(state: GameState) -> None:
    """End the orders turns of the month: the cables go out and the answer round begins
    (or, with nothing to answer, the month ends)."""
    r = state.round
    while state.phase == ORDERS and state.round == r and not state.over:
        apply(state, EndTurn(state.world.agencies[state.current].id))


def next_round(state: GameState) -> None:
    """Finish the round: every remaining seat ends its turn; dusk, then dawn."""
    r = state.round
    while state.round == r and not state.over:
        apply(state, EndTurn(state.world.agencies[state.current].id))


def set_level(state: GameState, agency: int, region: int, discipline: int, level: int) -> None:
    """Set standing orders and this month's paid levels directly (set-up, not play)."""
    state.orders[agency, region, discipline] = level
    state.paid[agency, region, discipline] = level


def freeze_threats(state: GameState) -> None:
    """Keep set-up threats from executing while a test runs several rounds."""
    state.threats[:] = [replace(t, deadline=99) for t in state.threats]


def answered_ask(state: GameState, reason: str = "") -> tuple[int, int, int]:
    """X asks Y about a new plot, offering its HUMINT; Y answers with its SIGINT, giving
    `reason`, and the month ends. (threat, the report Y gave, the cable)."""
    t = add_threat(state, needs=(1, 1, 0, 0), region=0)
    mine = add_report(state, X, t, HUM, 0.8)
    theirs = add_report(state, Y, t, SIG, 0.3)
    apply(state, SetProgramme("X", "north", "HUMINT", 1))
    apply(state, ProposeExchange("X", "Y", offer=(mine,), ask_threat=t))
    answer_round(state)
    cable = next(iter(state.cables.values()))
    apply(state, Answer("Y", cable.id, True, (theirs,), reason))
    next_round(state)
    return t, theirs, cable.id


def invited_while_inviting(budget: float = 100.0) -> tuple[GameState, Cable]:
    """R12's case: X has invited Z against a plot (needing HUMINT and SIGINT; X holds the
    HUMINT, Y and Z the SIGINT); then Y invites X against the same plot. The answer round
    has begun, X to answer first. Returns the state and X's invitation."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0), severity=2)
    add_report(state, X, t, HUM)
    add_report(state, Y, t, SIG)
    add_report(state, Z, t, SIG)
    state.budget[X] = budget
    apply(state, ProposeJointOperation("X", "Z", t))
    apply(state, EndTurn("X"))
    apply(state, ProposeJointOperation("Y", "X", t))
    answer_round(state)
    return state, next(c for c in state.cables.values() if c.sender == X)
