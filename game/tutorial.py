"""A guided game: a scenario's `tutorial:` steps, shown one at a time.

A tutorial is an ordinary scenario with a `tutorial:` block (game/scenario/format.py
declares the steps, the step conditions and the widget ids). The game is dealt from
the block's fixed seed, with the player in the block's seat and the scenario's AI
everywhere else, so that every step can be done.

The `Guide` knows which step is current and when it is done. It is told what the
player sees (a `Moment`: the tab, the open dialog, the composer's verdict, the
month) and reads the action log, the same log that saves and replays use; so a
step ends on what the player actually did, never on a guess. It holds no rule of
its own and draws nothing: the board draws the current step (game/ui/tutorial.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from game.core.actions import Action
from game.scenario.loader import build
from game.session import Seat, Session


@dataclass(frozen=True)
class Step:
    text: str
    why: str
    point: str | None  # a widget id (format.WIDGETS)
    until: str  # a step condition (format.STEP_UNTIL)
    arg: Any


@dataclass(frozen=True)
class Tutorial:
    player: str
    seed: int
    steps: tuple[Step, ...]

    @classmethod
    def of(cls, raw: dict) -> Tutorial | None:
        """The tutorial of a scenario's data, if it has one."""
        block = raw.get("tutorial")
        if block is None:
            return None
        steps = tuple(Step(" ".join(s["text"].split()), " ".join(s.get("why", "").split()),
                           s.get("point"), *next(iter(s["until"].items())))
                      for s in block["steps"])
        return cls(block["player"], block["seed"], steps)


@dataclass(frozen=True)
class Moment:
    """What the player sees now, as far as a step's condition can ask."""

    tab: str
    dialog: str | None  # "collection", "exchange", ... or None
    refused: bool  # the exchange composer shows a cable the rules refuse
    month: int
    answering: bool
    pressed_next: bool = False


def kind(action: Action) -> str:
    """An action's kind as a step names it: SetProgramme -> set_programme."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(action).__name__).lower()


def tutorial_session(raw: dict, name: str = "You") -> tuple[Session, Guide]:
    """A new tutorial game of the scenario data `raw`, and its guide."""
    tutorial = Tutorial.of(raw)
    if tutorial is None:
        raise ValueError(f"{raw.get('id')} has no tutorial")
    session = Session.from_scenario(raw, build(raw, raw["id"]), tutorial.seed,
                                    {tutorial.player: Seat(human=name)})
    return session, Guide(tutorial, len(session.actions))


class Guide:
    """The current step of a tutorial, and whether it is done."""

    def __init__(self, tutorial: Tutorial, log_length: int = 0):
        self.tutorial = tutorial
        self.index = 0
        self.mark = log_length  # the action log's length when the current step began
        self.left = False  # the player closed the guide

    @property
    def step(self) -> Step | None:
        """The step to show, or None once the tutorial is finished or left."""
        if self.left or self.index >= len(self.tutorial.steps):
            return None
        return self.tutorial.steps[self.index]

    @property
    def finished(self) -> bool:
        return self.index >= len(self.tutorial.steps)

    def leave(self) -> None:
        self.left = True

    def advance(self, now: Moment, actions: Sequence[Action]) -> bool:
        """Pass every step whose condition holds now; True when the step changed. A
        press of Next ends only the step it was pressed on."""
        moved = False
        while (step := self.step) is not None and self._met(step, now, actions[self.mark:]):
            self.index += 1
            self.mark = len(actions)
            now = replace(now, pressed_next=False)
            moved = True
        return moved

    @staticmethod
    def _met(step: Step, now: Moment, done: Sequence[Action]) -> bool:
        if step.until == "next":
            return now.pressed_next
        if step.until == "tab":
            return now.tab == step.arg
        if step.until == "dialog":
            return now.dialog == step.arg
        if step.until == "refused":
            return now.refused
        if step.until == "month":
            return now.month >= step.arg and not now.answering
        if step.until == "action":
            return any(kind(a) == step.arg["kind"] and step.arg.get("to") in (
                None, getattr(a, "to", getattr(a, "host", None))) for a in done)
        raise ValueError(f"unknown step condition {step.until!r}")
