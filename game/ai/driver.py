"""Runs AI seats through the same door as everyone else: view -> menu -> apply."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from game.ai.bots import Bot, make_bot
from game.core import apply, menu, new_game, view
from game.core.actions import Action, EndTurn
from game.core.spec import Scenario
from game.core.state import GameState

PERSONALITY_BOTS = {"free_rider": "never_share"}  # until issue [D]'s AI; others share


def default_bot(personality: str) -> str:
    return PERSONALITY_BOTS.get(personality, "always_share")


def play_turn(state: GameState, bot: Bot, actions: list[Action] | None = None) -> float:
    """Let `bot` play the current seat until it ends its turn (which runs dusk and
    dawn when it is the last seat). Every action applied is appended to `actions`.

    Returns the seconds the seat took to decide and act; the dusk and dawn that
    its EndTurn may trigger are engine time and are not counted.
    """
    seat, round_no = state.current, state.round
    busy = 0.0
    while not state.over and state.current == seat and state.round == round_no:
        t0 = time.perf_counter()
        v = view(state, seat)
        action = bot.act(v, menu(v))
        if isinstance(action, EndTurn):
            busy += time.perf_counter() - t0
            apply(state, action)
        else:
            apply(state, action)
            busy += time.perf_counter() - t0
        if actions is not None:
            actions.append(action)
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


def play_game(scenario: Scenario, seed: int, bots: dict[str, str] | None = None) -> Played:
    """An all-AI game. `bots` maps agency ids to bot names; the rest follow their
    scenario personality."""
    state, _ = new_game(scenario, seed)
    chosen = {a.id: default_bot(a.ai.personality) for a in scenario.world.agencies}
    chosen.update(bots or {})
    players = [make_bot(chosen[a.id], seed, i) for i, a in enumerate(scenario.world.agencies)]
    actions: list[Action] = []
    timings = Timings()
    while not state.over:
        start = time.perf_counter()
        ai = sum(play_turn(state, players[seat], actions) for seat in range(state.n_agencies))
        timings.round_ms.append((time.perf_counter() - start) * 1000)
        timings.ai_ms.append(ai * 1000)
    return Played(state, actions, timings)
