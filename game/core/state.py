"""GameState: everything that changes during a game, and nothing that does not.

The frozen `Scenario` is shared; the state holds numpy arrays for the dense
per-agency numbers (budgets, programmes, trust, ledger) and tuples/dicts of
immutable records for the rest, so `clone()` is cheap. All chance comes from
`state.chance(...)`: numpy Generators keyed by the game's seed; nothing else draws.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import numpy as np

from game.core.records import (
    BUDGET,
    MOLE_EXPOSED,
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
)
from game.core.spec import Scenario

# Streams of chance: what a draw is for. With the game's seed and the round, a stream and
# what the draw is about (an agency, a threat) key the generator that makes it. A seat's
# own policy draws from [seed, seat, POLICY or BOT] (game.ai): no stream has those
# numbers, so a policy's dice never repeat the game's.
SPAWN, THREAT, COLLECTION, OPERATION, EVENT, MOLE, BREACH, POLICY, BOT, TASKING = range(10)


class IllegalAction(Exception):
    """The one exception the rules raise: its message is for a player to read."""


@dataclass
class History:
    """R4: sampled at every dusk for the debrief's charts."""

    scores: list[list[float]] = field(default_factory=list)  # round -> per agency
    reputation: list[list[float]] = field(default_factory=list)
    damage: list[float] = field(default_factory=list)
    digests: list[str] = field(default_factory=list)  # state hash after each round


@dataclass
class GameState:
    scenario: Scenario
    seed: int  # every draw's generator is keyed by it (see `chance`)
    round: int
    current: int  # index of the agency whose turn it is
    phase: str  # R4/R15: ORDERS (every seat in turn), then ANSWERS (seats with cables)
    budget: np.ndarray  # float64[A]
    orders: np.ndarray  # int8[A,R,D]: standing collection orders
    paid: np.ndarray  # int8[A,R,D]: levels paid for this round (R16 standing)
    trust: np.ndarray  # float64[A,A]: trust[x, y] is how far x trusts y
    ledger: np.ndarray  # float64[A,A]: value x gave y minus value x received from y
    relations: np.ndarray  # float64[N,N]
    channels: frozenset[tuple[str, str, str]]  # (nation, nation, kind), nations sorted
    postings: frozenset[tuple[int, int]]  # (sending agency, host agency)
    credit: np.ndarray  # float64[A]: each agency's part in foiled threats (R30)
    blame: np.ndarray  # float64[A]: threats that struck while it sat on its reports (R30)
    security: np.ndarray  # float64[N] (R29)
    damage: float  # R31
    threats: list[Threat] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    holdings: list[dict[int, Copy]] = field(default_factory=list)
    cables: dict[int, Cable] = field(default_factory=dict)
    operations: list[Operation] = field(default_factory=list)
    breaches: list[Breach] = field(default_factory=list)
    retry: dict[tuple[int, int], int] = field(default_factory=dict)  # (agency, threat) -> round
    moles: list[Mole] = field(default_factory=list)  # R25/R26
    sweeps: set[int] = field(default_factory=set)  # agencies sweeping this round
    false_reports: set[int] = field(default_factory=set)  # R27: disinformation
    unmasked: list[set[int]] = field(default_factory=list)  # per agency: false reports it knows
    suspensions: dict[tuple[int, int, int], int] = field(default_factory=dict)  # R28: until round
    # R28: (originator, nation) -> (until round, imminent) after a court disclosed its report
    embargoes: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    # R28: (lender, borrower) -> (until round, credit share, trust share) while their
    # relationship is transactional
    strict_terms: dict[tuple[int, int], tuple[int, float, float]] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    fired: dict[str, int] = field(default_factory=dict)  # event id -> times fired
    pending: list[PendingChoice] = field(default_factory=list)
    queued: list[tuple[str, int]] = field(default_factory=list)  # (event, choice) for dusk
    next_choice: int = 0
    spawn_count: int = 0
    next_cable: int = 0
    log: list[Event] = field(default_factory=list)
    feeds: list[list[Event]] = field(default_factory=list)  # per agency: the log it may read
    on: list[dict[int, list[int]]] = field(default_factory=list)  # per agency: threat -> reports
    seen: list[int] = field(default_factory=list)  # per agency: feed length at its last end turn
    history: History = field(default_factory=History)
    over: bool = False
    catastrophe: bool = False
    # Why the numbers are what they are (the monthly report): every change to a budget
    # or a part of the score with its cause, each agency's marks at the start of its
    # months, and the reason each answer gave (by cable). They explain the state and
    # change nothing in it, so the round hashes leave them out (codec.digest).
    journal: list[Entry] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    said: dict[int, str] = field(default_factory=dict)

    # ------------------------------------------------------------------ basics
    @property
    def world(self):
        return self.scenario.world

    @property
    def rules(self):
        return self.scenario.world.rules

    @property
    def n_agencies(self) -> int:
        return len(self.scenario.world.agencies)

    def clone(self) -> GameState:
        """A deep copy: independent arrays and containers; the frozen scenario is
        shared, not copied."""
        return copy.deepcopy(self, {id(self.scenario): self.scenario})

    def emit(self, events: list[Event], kind: str, text: str, seats=(), **data) -> None:
        """Record an event in the log and in the list returned by the current step."""
        event = Event(self.round, kind, text, tuple(dict.fromkeys(seats)), data)
        self.log.append(event)
        self._feed(event)
        events.append(event)

    def change_budget(self, agency: int, delta: float, cause: str, ref: int = -1,
                      note: str = "", floor: float | None = None) -> None:
        """The one way an agency's budget changes within a month (R5): by `delta` (at
        least to `floor`, when given), journalled with its cause."""
        before = float(self.budget[agency])
        after = before + delta
        if floor is not None:
            after = max(floor, after)
        self.budget[agency] = after
        self.record(agency, BUDGET, cause, float(self.budget[agency]) - before, ref, note)

    def change_part(self, agency: int, account: str, amount: float, cause: str,
                    ref: int = -1, note: str = "") -> None:
        """R30: add to an agency's credit or blame (`account`), journalled with its cause."""
        part = self.credit if account == "credit" else self.blame
        before = float(part[agency])
        part[agency] = before + amount
        self.record(agency, account, cause, float(part[agency]) - before, ref, note)

    def record(self, agency: int, account: str, cause: str, amount: float = 0.0, ref: int = -1,
             note: str = "") -> None:
        """Journal one change (see `Entry`)."""
        self.journal.append(Entry(self.round, agency, account, cause, float(amount), ref, note))

    def _feed(self, event: Event) -> None:
        for seat in event.seats or range(self.n_agencies):
            self.feeds[seat].append(event)

    def add_copy(self, agency: int, copy: Copy) -> None:
        """The one way a report enters an agency's holdings."""
        self.holdings[agency][copy.report] = copy
        self.on[agency].setdefault(self.reports[copy.report].threat, []).append(copy.report)

    def rebuild_indexes(self) -> None:
        """Rebuild the two look-up indexes from the log and the holdings (after a load).

        `feeds` is the log filtered by audience and `on` the holdings grouped by
        threat; both are kept up to date by `emit` and `add_copy` so that views and
        pictures do not rescan everything, and neither is saved.
        """
        self.feeds = [[] for _ in range(self.n_agencies)]
        for event in self.log:
            self._feed(event)
        self.on = [{} for _ in range(self.n_agencies)]
        for agency, holding in enumerate(self.holdings):
            for rid in holding:
                self.on[agency].setdefault(self.reports[rid].threat, []).append(rid)

    # ------------------------------------------------------------------ derived facts
    def nation_of(self, agency: int) -> int:
        return self.world.agency_nations[agency]

    def hostile(self, a: int, b: int) -> bool:
        """R2: agencies of nations whose relation is below the hostile line."""
        na, nb = self.nation_of(a), self.nation_of(b)
        return na != nb and self.relations[na, nb] < self.rules.trust.hostile_below

    def channel_covers(self, a: int, b: int, kind: str) -> bool:
        """R23: an open channel between the two agencies' nations covers this kind."""
        world = self.world
        na = world.agencies[a].nation
        nb = world.agencies[b].nation
        key = (*sorted((na, nb)), kind)
        return key in self.channels

    def channel_kinds(self, a: int, b: int) -> tuple[str, ...]:
        """R23: the kinds an open channel between the two agencies' nations covers."""
        pair = tuple(sorted((self.world.agencies[a].nation, self.world.agencies[b].nation)))
        return tuple(sorted(kind for *nations, kind in self.channels
                            if tuple(nations) == pair))

    def pact_members(self, kind: str | None = None):
        for pact in self.world.pacts:
            if kind is None or pact.kind == kind:
                yield pact, tuple(self.world.agency_index(m) for m in pact.members)

    def consented(self, originator: int, passer: int, recipient: int) -> bool:
        """R20: passing on is consented only inside a closed pact holding all three."""
        return self.world.consented(originator, passer, recipient)

    def credit_line(self, lender: int, borrower: int) -> float:
        """R18/R24/R28: how far `lender` lets `borrower` run into debt; doubled by a
        posting, cut to its share while their relationship is transactional."""
        line = self.trust[lender, borrower] * self.rules.trust.credit_per_trust
        if (borrower, lender) in self.postings:
            line *= self.rules.posting.credit_multiplier
        terms = self.terms(lender, borrower)
        if terms is not None:
            line *= terms[1]
        return float(line)

    def terms(self, lender: int, borrower: int) -> tuple[int, float, float] | None:
        """R28: (until, credit share, trust share) while `lender` deals with `borrower`
        on transactional terms, else None."""
        held = self.strict_terms.get((lender, borrower))
        return held if held is not None and held[0] >= self.round else None

    def holds_on(self, agency: int, threat: int) -> list[Copy]:
        holding = self.holdings[agency]
        return [holding[r] for r in self.on[agency].get(threat, ())]

    def knows(self, agency: int, threat: int) -> bool:
        """R8: a threat is known to an agency once it holds a report on it."""
        return threat in self.on[agency]

    def suspended(self, frm: int, to: int, discipline: int) -> int:
        """R28: the round until which `frm` may not pass this discipline to `to` (0: never)."""
        until = self.suspensions.get((frm, to, discipline), 0)
        return until if until >= self.round else 0

    def embargo(self, frm: int, to: int) -> tuple[int, int] | None:
        """R28: (until, imminent) while a court's disclosure in `to`'s nation has `frm`
        sharing with that nation's agencies only on imminent threats against it."""
        held = self.embargoes.get((frm, self.nation_of(to)))
        return held if held is not None and held[0] >= self.round else None

    def withholds(self, frm: int, to: int, threat: int) -> int:
        """R28: the round until which `frm` keeps its reports on `threat` from `to` after a
        court disclosure (0: it does not): every threat but one against `to`'s nation
        whose last month to act is at most `imminent` months away."""
        held = self.embargo(frm, to)
        if held is None:
            return 0
        return 0 if self.threats[threat].imminent(self.nation_of(to), self.round, held[1]) \
            else held[0]

    def flow_stopped(self, frm: int, to: int, report: int) -> int:
        """R28: the round until which `frm` may not pass this report to `to` (0: it may):
        its discipline suspended between them, or its threat withheld after a court."""
        r = self.reports[report]
        return max(self.suspended(frm, to, r.discipline), self.withholds(frm, to, r.threat))

    def hostile_services(self, agency: int) -> tuple[int, ...]:
        """R25: the services scenario data names as working against the agency's nation."""
        world = self.world
        nation = world.agencies[agency].nation
        for n, services in world.hostile_services:
            if n == nation:
                return tuple(world.agency_index(s) for s in services)
        return ()

    def active_mole(self, agency: int) -> Mole | None:
        """The mole still at work in an agency (leaking, found, or run back)."""
        return next((m for m in self.moles if m.victim == agency and m.status != MOLE_EXPOSED),
                    None)

    def chance(self, stream: int, *about: int) -> np.random.Generator:
        """The generator for one purpose in this round, keyed by the game's seed, the
        round, the stream and what the draw is about. Two games from one seed then draw
        the same luck wherever they reach the same situation, whatever else differed:
        a threat arises alike, an agency's collection yields alike, an operation on the
        same threat rolls alike. So a policy compared with another on the same seeds
        differs by what it decided, not by which dice it happened to use up; and the
        seed is all of the dice a save needs to carry."""
        return np.random.default_rng([self.seed, self.round, stream, *about])

    def reputation(self) -> np.ndarray:
        """R30: mean trust the others place in each agency."""
        n = self.n_agencies
        if n < 2:
            return np.zeros(n)
        return (self.trust.sum(axis=0) - np.diag(self.trust)) / (n - 1)
