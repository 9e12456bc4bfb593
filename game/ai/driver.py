"""Runs AI seats through the same door as everyone else: view -> action -> apply.

Every agent plays a turn as a generator of actions that asks for a fresh view
when it needs one; the driver applies each action as it comes. A seat's policy
is named by a spec (docs/ai.md): a personality (`reciprocal`, or with a
difficulty, `reciprocal@hard`), a baseline bot (`never_share`), or a class of
one's own, `path/to/file.py:ClassName`, built with a seeded numpy Generator.
"""

from __future__ import annotations

import functools
import importlib.util
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from game.ai.agency import PERSONALITIES, LiaisonAgency
from game.ai.bots import BOTS, make_bot
from game.core import apply, new_game, view
from game.core.actions import Action, EndTurn
from game.core.spec import Scenario
from game.core.state import POLICY, GameState

AGENTS = (*PERSONALITIES, *BOTS)
DIFFICULTIES = ("easy", "normal", "hard")


def policy_problem(spec: str) -> str:
    """Why a policy spec cannot be played ("" when it can); checked before any game."""
    try:
        _policy(spec)
    except ValueError as exc:
        return str(exc)
    return ""


def _policy(spec: str) -> tuple[str, str | None, type | None]:
    """A spec as (name, difficulty or None, class of one's own or None)."""
    path, sep, cls_name = spec.rpartition(":")
    if sep and path.endswith(".py"):
        return spec, None, _own_class(path, cls_name)
    name, _, difficulty = spec.partition("@")
    if name not in AGENTS:
        raise ValueError(f"unknown policy {spec!r}: use {', '.join(AGENTS)}, NAME@DIFFICULTY "
                         f"or path/to/file.py:ClassName")
    if difficulty and (difficulty not in DIFFICULTIES or name not in PERSONALITIES):
        raise ValueError(f"unknown policy {spec!r}: a personality takes @easy, @normal or "
                         f"@hard")
    return name, difficulty or None, None


@functools.cache
def _own_class(path: str, cls_name: str) -> type:
    """Load `ClassName` from a Python file (each process loads it once)."""
    file = Path(path)
    if not file.is_file():
        raise ValueError(f"no policy file {path}")
    module_spec = importlib.util.spec_from_file_location(f"policy_{file.stem}", file)
    module = importlib.util.module_from_spec(module_spec)
    try:
        module_spec.loader.exec_module(module)
    except Exception as exc:  # a policy of one's own is anyone's code: say what broke
        raise ValueError(f"{path}: cannot load it ({type(exc).__name__}: {exc})") from None
    cls = getattr(module, cls_name, None)
    if not isinstance(cls, type) or not callable(getattr(cls, "turn", None)):
        raise ValueError(f"{path} has no class {cls_name} with a turn(look) method")
    return cls


def make_agent(spec: str, difficulty: str, seed: int, seat: int):
    """The policy a spec names, seeded for this game and seat; `difficulty` applies to a
    personality named without one."""
    name, own_difficulty, cls = _policy(spec)
    rng = np.random.default_rng([seed, seat, POLICY])
    if cls is not None:
        return cls(rng)
    if name in PERSONALITIES:
        return LiaisonAgency(name, own_difficulty or difficulty, rng)
    return make_bot(name, seed, seat)


def play_turn(state: GameState, agent, actions: list[Action] | None = None) -> float:
    """Let `agent` play the current seat to the end of its turn (which runs dusk and
    dawn when it is the last seat). Returns the seconds it took to decide and act;
    the dusk and dawn its End Turn may trigger are engine time and are not counted."""
    seat = state.current
    busy = 0.0
    turn = agent.turn(lambda: view(state, seat))
    while True:
        t0 = time.perf_counter()
        action = next(turn)
        if isinstance(action, EndTurn):
            busy += time.perf_counter() - t0
            apply(state, action)
        else:
            apply(state, action)
            busy += time.perf_counter() - t0
        if actions is not None:
            actions.append(action)
        if isinstance(action, EndTurn) or state.over:
            return busy


@dataclass
class Timings:
    round_ms: list[float] = field(default_factory=list)  # a whole round, dusk and dawn included
    ai_ms: list[float] = field(default_factory=list)  # all seats' turns of a round, without them


@dataclass
class Played:
    state: GameState
    actions: list[Action]
    timings: Timings
    agents: list


def play_game(scenario: Scenario, seed: int, personalities: dict[str, str] | None = None,
              difficulties: dict[str, str] | None = None) -> Played:
    """An all-AI game: each agency plays its scenario personality and difficulty unless
    overridden by agency id."""
    state, _ = new_game(scenario, seed)
    agents = [
        make_agent((personalities or {}).get(a.id, a.ai.personality),
                   (difficulties or {}).get(a.id, a.ai.difficulty), seed, i)
        for i, a in enumerate(scenario.world.agencies)
    ]
    actions: list[Action] = []
    timings = Timings()
    while not state.over:
        start = time.perf_counter()
        ai = 0.0
        for _ in range(state.n_agencies):
            if state.over:
                break
            ai += play_turn(state, agents[state.current], actions)
        timings.round_ms.append((time.perf_counter() - start) * 1000)
        timings.ai_ms.append(ai * 1000)
    return Played(state, actions, timings, agents)
