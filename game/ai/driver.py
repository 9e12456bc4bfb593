"""Runs AI seats through the same door as everyone else: view -> action -> apply.

Every agent (the personalities of game/ai/agency.py, and the baseline bots)
plays a turn as a generator of actions that asks for a fresh view when it needs
one; the driver applies each action as it comes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from game.ai.agency import PERSONALITIES, LiaisonAgency
from game.ai.bots import BOTS, make_bot
from game.core import apply, new_game, view
from game.core.actions import Action, EndTurn
from game.core.spec import Scenario
from game.core.state import GameState

AGENTS = (*PERSONALITIES, *BOTS)


def make_agent(name: str, difficulty: str, seed: int, seat: int):
    """A personality (with a difficulty) or a baseline bot, seeded for this game and seat."""
    if name in PERSONALITIES:
        return LiaisonAgency(name, difficulty, np.random.default_rng([seed, seat, 7]))
    if name in BOTS:
        return make_bot(name, seed, seat)
    raise ValueError(f"unknown personality {name!r} (known: {', '.join(AGENTS)})")


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
