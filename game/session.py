"""A game being played: its scenario data, seed, seats, action log and state.

The session is what the shell (window, terminal, simulator) holds. The rules
only ever see `state`; the session adds what saves and replays need: the
resolved scenario data to embed, the seed, the log of every action, and the
game's id, which a new game draws and every save and load carries.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.core import apply, new_game
from game.core.actions import Action
from game.core.records import Event
from game.core.spec import Scenario
from game.core.state import GameState
from game.scenario.loader import build, find, read_raw

if TYPE_CHECKING:
    from game.campaign import Progress


SEED_RANGE = 1_000_000  # short enough to read out and type in


def fresh_seed() -> int:
    """A new game's seed when none is given: every new game deals differently, and the
    seed is shown so that a game can be dealt again."""
    return secrets.randbelow(SEED_RANGE)


@dataclass(frozen=True)
class Seat:
    """Who plays an agency: a named human, or an AI (personality, difficulty)."""

    human: str | None = None
    personality: str = "reciprocal"
    difficulty: str = "normal"

    @property
    def is_human(self) -> bool:
        return self.human is not None


@dataclass
class Session:
    raw: dict  # the resolved scenario data, embedded in saves
    scenario: Scenario
    seed: int
    seats: dict[str, Seat]
    state: GameState
    actions: list[Action] = field(default_factory=list)
    on_dawn: Callable[[Session], None] | None = None  # e.g. autosave
    # Which game this is, kept through every save and load: autosaves rotate per game,
    # so two games (or two windows) never prune each other's.
    game_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    # A chapter of a campaign carries the campaign's progress into its saves.
    campaign: Progress | None = None

    @classmethod
    def start(cls, name: str, seed: int, seats: dict[str, Seat] | None = None) -> Session:
        """A new game of the scenario `name` (an id or a path)."""
        path = find(name)
        raw = read_raw(path)
        scenario = build(raw, str(path))
        return cls.from_scenario(raw, scenario, seed, seats)

    @classmethod
    def from_scenario(cls, raw: dict, scenario: Scenario, seed: int,
                      seats: dict[str, Seat] | None = None) -> Session:
        state, _ = new_game(scenario, seed)
        chosen = {a.id: Seat(personality=a.ai.personality, difficulty=a.ai.difficulty)
                  for a in scenario.world.agencies}
        chosen.update(seats or {})
        return cls(raw, scenario, seed, chosen, state)

    def apply(self, action: Action) -> list[Event]:
        """Apply and log one action; call `on_dawn` when it began a new month."""
        events = apply(self.state, action)
        self.actions.append(action)
        if self.on_dawn is not None and any(e.kind == "dawn" for e in events):
            self.on_dawn(self)
        return events

    def replay(self) -> GameState:
        """A fresh state rebuilt from the seed and the action log."""
        state, _ = new_game(self.scenario, self.seed)
        for action in self.actions:
            apply(state, action)
        return state
