"""Baseline bots: random legal play, always-share and never-share.

They stand in for the real AI (issue [D]) in tests and in `simulate`. Like the
real AI they see only a `PlayerView` and choose only from the legal menu, so
they cannot cheat and cannot raise IllegalAction. Their own randomness comes
from a generator of their own, seeded per game and seat, so the game's dice
are untouched by what a bot decides.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from game.core.actions import (
    Action,
    Answer,
    Choose,
    DecideMole,
    EndTurn,
    LaunchOperation,
    ProposeExchange,
    ProposeJointOperation,
    SetProgramme,
)
from game.core.legal import menu
from game.core.state import BOT
from game.core.view import PlayerView

MAX_ACTIONS_PER_TURN = 24


def collection_plan(v: PlayerView, share: float = 0.85) -> dict[tuple[int, int], int]:
    """Where to collect: first the known threats' needs the agency is good at, then its
    strongest (region, discipline) cells; level 3, best first, while the standing
    cost stays within `share` of its income."""
    agency, rules = v.agency, v.world.rules
    wanted = {(tv.threat.region, d) for tv in v.threats
              for d, n in enumerate(tv.threat.needs) if n and tv.picture.missing[d]}
    cells = sorted(
        (((r, d) in wanted, agency.capability[d] * agency.access[r], r, d)
         for r in range(len(v.world.regions)) for d in range(len(rules.disciplines))),
        reverse=True,
    )
    plan, spent = {}, 0.0
    for _, score, r, d in cells:
        cost = rules.collection.max_level * rules.disciplines[d].cost
        if score < 0.25 or spent + cost > share * agency.budget:
            continue
        plan[(r, d)] = rules.collection.max_level
        spent += cost
    return plan


@dataclass
class Bot:
    """Shared turn bookkeeping: a bot acts until it ends its turn or hits the cap."""

    rng: np.random.Generator
    acted: int = 0
    turn_round: int = -1
    done: set = field(default_factory=set)

    def turn(self, look) -> Iterator[Action]:
        """The agents' interface: one action at a time, each from a fresh view and menu."""
        while True:
            v = look()
            action = self.act(v, menu(v))
            yield action
            if isinstance(action, EndTurn):
                return

    def act(self, v: PlayerView, legal: list[Action]) -> Action:
        if v.round != self.turn_round:
            self.turn_round, self.acted, self.done = v.round, 0, set()
        self.acted += 1
        if self.acted > MAX_ACTIONS_PER_TURN:
            return EndTurn(v.agency.id)
        choice = self.choose(v, legal)
        self.done.add(choice)
        return choice

    def choose(self, v: PlayerView, legal: list[Action]) -> Action:
        raise NotImplementedError


class RandomBot(Bot):
    """Uniform over the legal menu, ending the turn one time in eight."""

    def choose(self, v: PlayerView, legal: list[Action]) -> Action:
        if self.rng.random() < 0.125:
            return EndTurn(v.agency.id)
        return legal[int(self.rng.integers(len(legal)))]



class PlannedBot(Bot):
    """Collects by plan, launches every operation it can; subclasses decide sharing."""

    def choose(self, v: PlayerView, legal: list[Action]) -> Action:
        for pick in (self.decide, self.answer, self.programme, self.operate, self.propose):
            action = pick(v, legal)
            if action is not None:
                return action
        return EndTurn(v.agency.id)

    def decide(self, v: PlayerView, legal: list[Action]) -> Action | None:
        """Until the real AI (issue [D]): an event's first choice; expose any mole found."""
        for a in legal:
            if isinstance(a, Choose) and a.choice == 0:
                return a
            if isinstance(a, DecideMole) and a.expose:
                return a
        return None

    def programme(self, v: PlayerView, legal: list[Action]) -> Action | None:
        plan = collection_plan(v)
        world = v.world
        for a in legal:
            if isinstance(a, SetProgramme):
                cell = (world.region_index(a.region), world.discipline_index(a.discipline))
                if plan.get(cell) == a.level:
                    return a
        return None

    def operate(self, v: PlayerView, legal: list[Action]) -> Action | None:
        return next((a for a in legal if isinstance(a, LaunchOperation)), None)

    def answer(self, v: PlayerView, legal: list[Action]) -> Action | None:
        raise NotImplementedError

    def propose(self, v: PlayerView, legal: list[Action]) -> Action | None:
        raise NotImplementedError


class AlwaysShareBot(PlannedBot):
    """Accepts every cable giving the most the cap allows; offers all it holds on a
    threat it cannot yet act on; joins and proposes joint operations, also where it
    may not operate alone (R11)."""

    def answer(self, v: PlayerView, legal: list[Action]) -> Action | None:
        answers = [a for a in legal if isinstance(a, Answer) and a.accept]
        return max(answers, key=lambda a: len(a.give), default=None)

    def propose(self, v: PlayerView, legal: list[Action]) -> Action | None:
        for a in legal:
            if isinstance(a, ProposeExchange) and a.offer and a.ask_threat is not None:
                tv = v.threat(a.ask_threat)
                if tv is not None and tv.chance is None and (a.to, a.ask_threat) not in self.done:
                    self.done.add((a.to, a.ask_threat))
                    return a
        for a in legal:
            if isinstance(a, ProposeJointOperation) and a not in self.done:
                tv = v.threat(a.threat)
                if (tv is not None and (tv.chance is None or tv.outside)
                        and tv.picture.coverage >= 0.4):
                    return a
        return None


class NeverShareBot(PlannedBot):
    """Refuses every cable and asks with empty hands: the free rider at its purest."""

    def answer(self, v: PlayerView, legal: list[Action]) -> Action | None:
        return next((a for a in legal if isinstance(a, Answer) and not a.accept), None)

    def propose(self, v: PlayerView, legal: list[Action]) -> Action | None:
        for a in legal:
            if isinstance(a, ProposeExchange) and not a.offer and a.ask_threat is not None:
                tv = v.threat(a.ask_threat)
                if tv is not None and tv.chance is None and (a.to, a.ask_threat) not in self.done:
                    self.done.add((a.to, a.ask_threat))
                    return a
        return None


BOTS: dict[str, type[Bot]] = {
    "random": RandomBot,
    "always_share": AlwaysShareBot,
    "never_share": NeverShareBot,
}


def make_bot(name: str, seed: int, seat: int) -> Bot:
    if name not in BOTS:
        raise ValueError(f"unknown bot {name!r} (known: {', '.join(BOTS)})")
    return BOTS[name](np.random.default_rng([seed, seat, BOT]))
