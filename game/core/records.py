"""Immutable records the state is made of: reports, copies, threats, cables, events.

Records never change once made; the state replaces a record (`dataclasses.replace`)
when something about it changes. That makes cloning a state a shallow copy of
its containers and keeps every record safe to hand to a view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ACTIVE, FOILED, EXECUTED = "active", "foiled", "executed"

# R4/R15: the two rounds of seat turns in a month.
ORDERS, ANSWERS = "orders", "answers"
ANSWERS_ONLY = ("It is the answer round: answer the cables sent to you this month, then end "
                "your turn.")


@dataclass(frozen=True)
class Report:
    """R7/R14: one fragment of intelligence. Its originator is recorded forever."""

    id: int
    threat: int
    discipline: int
    quality: float
    originator: int
    round: int
    summary_of: int | None = None  # R22: a forum summary points at the report it summarises


@dataclass(frozen=True)
class Copy:
    """R14: an agency's copy of a report, with the chain of who passed it to whom."""

    report: int
    chain: tuple[int, ...]  # originator first, holder last
    received: int  # round the holder got it
    info_only: bool = False  # R21 caveat, inherited by every later copy
    via_mole: bool = False  # R25: read through a mole, not given


@dataclass(frozen=True)
class Threat:
    """R9: a plot, network or campaign; foiled by an operation, or executed at its deadline."""

    id: int
    key: str  # scenario id of a scheduled threat, or "template#n" for a random spawn
    name: str
    kind: str
    region: int
    targets: tuple[int, ...]  # nation indices
    severity: int
    needs: tuple[int, ...]  # fragments per discipline, ruleset order
    spawned: int  # round
    deadline: int  # last round to act; it executes at that round's dusk
    status: str = ACTIVE
    ended: int = 0  # round it was foiled or executed

    def imminent(self, nation: int, now: int, within: int) -> bool:
        """R28: against `nation`, with its last month to act at most `within` months away:
        the only threats a partner still shares on after a court's disclosure."""
        return self.active and nation in self.targets and self.deadline - now <= within

    @property
    def damage(self) -> int:
        """R13: what it adds to the total damage if it strikes: its severity for each
        nation it targets."""
        return self.severity * len(self.targets)

    @property
    def active(self) -> bool:
        return self.status == ACTIVE


@dataclass(frozen=True)
class Topic:
    """R15: what an exchange asks about: a known threat, or a region."""

    threat: int | None = None
    region: int | None = None


# Cable kinds and states.
EXCHANGE, JOINT_OP = "exchange", "joint_op"
IN_TRANSIT, DELIVERED, ACCEPTED, REFUSED, NOTHING = (
    "in_transit", "delivered", "accepted", "refused", "nothing",
)
WITHDRAWN = "withdrawn"  # R12: a joint invitation whose sender joined another operation


@dataclass(frozen=True)
class Cable:
    """R15: a proposal travelling between agencies, delivered when every seat has given
    its orders for the month and answered in the same month's answer round.

    `refusal` is R16 and R18 judged when the cable was sent: the rule that
    stopped it (R16, or R18 for a debtor beyond its credit line); such a cable is
    answered by the engine and never reaches the recipient. `cap` is R18's limit,
    fixed when it was sent from what the sender could see (docs/rules.md): the
    answer may be worth at most that much to the sender.
    `wanted` is the sender's shopping list at delivery: (threat, discipline,
    fragments missing). The recipient values its answer against it (R17), so
    it sees only what the sender chose to ask, never the sender's holdings.
    `pool` is, for a joint operation, the sender's reports put in the pool.
    """

    id: int
    kind: str
    sender: int
    recipient: int
    sent: int
    offer: tuple[int, ...] = ()
    caveats: tuple[int, ...] = ()
    topic: Topic | None = None
    disciplines: tuple[int, ...] = ()  # empty: any discipline
    refusal: str = ""  # why the engine answered for the recipient (R16/R18); "" admitted
    cap: float = 0.0  # R18: the most the answer may be worth to the sender
    threat: int | None = None  # joint operation target
    escrow: float = 0.0  # joint operation: the sender's share, held until answered
    wanted: tuple[tuple[int, int, int], ...] = ()
    pool: tuple[int, ...] = ()
    status: str = IN_TRANSIT
    given: tuple[int, ...] = ()  # reports the recipient returned
    value_offered: float = 0.0
    value_returned: float = 0.0
    answered: int = 0  # round of the answer

    @property
    def admitted(self) -> bool:
        """R16/R18 let the ask through to the recipient."""
        return not self.refusal


@dataclass(frozen=True)
class Operation:
    """R11/R12: a disruption launched this round, resolved at dusk.

    `shown` is the chance the agencies believe; `chance` is the true one, lower
    when false reports (R27) or a mole's reading (R25) stand behind the picture.
    """

    threat: int
    agencies: tuple[int, ...]  # lead first
    shares: tuple[float, ...]  # money each paid
    counted: tuple[tuple[int, int], ...]  # (report id, agency that brought it)
    coverage: float
    chance: float
    shown: float
    round: int


@dataclass(frozen=True)
class Breach:
    """R20: a report passed on without its originator's consent, not yet discovered."""

    report: int
    originator: int
    passer: int
    recipient: int
    round: int


# Mole states (R25).
MOLE_ACTIVE, MOLE_FOUND, MOLE_RUN_BACK, MOLE_EXPOSED = "active", "found", "run_back", "exposed"


# How a mole came to be, in the words the news and the debrief use.
MOLE_HOW = {"hazard": "a source cultivated over time, R25",
            "recruited": "a liaison officer posted with the hostile service and turned, R26",
            "event": "recruited in one of the scenario's events, R28"}


@dataclass(frozen=True)
class Mole:
    """R25/R26: a hidden penetration of `victim` working for the `hostile` service."""

    id: int
    victim: int
    hostile: int
    planted: int  # round
    how: str  # "hazard" | "recruited" | "event" (MOLE_HOW says each in words)
    status: str = MOLE_ACTIVE
    leaked: tuple[int, ...] = ()  # reports copied to the hostile service
    found: int = 0  # round discovered


@dataclass(frozen=True)
class PendingChoice:
    """R28: an event fired; its deciding seat must choose on its turn."""

    id: int
    event: str
    seat: int
    round: int


@dataclass(frozen=True)
class Event:
    """What the engine tells the players. Rules return these; they never draw anything.

    `seats` lists the agencies that may read it; empty means public news.
    """

    round: int
    kind: str
    text: str
    seats: tuple[int, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)

    def visible_to(self, seat: int) -> bool:
        return not self.seats or seat in self.seats


# The journal's accounts (GameState.journal): what an entry changed.
BUDGET, CREDIT, BLAME, EFFECTS = "budget", "credit", "blame", "effects"


@dataclass(frozen=True)
class Entry:
    """One change the engine made to an agency's budget (R5) or to its part of the score
    (R30: credit or blame), with its cause; or, in the account EFFECTS (agency -1), an
    event's effects taking hold. The monthly report is written from these.

    `amount` is the change itself (the budget after, less the budget before). `ref` is
    what the cause is about: a threat, a cable, a partner or a region, by index (-1:
    nothing); `note` is a word more (an event's id, a discipline's id).
    """

    round: int
    agency: int
    account: str
    cause: str
    amount: float
    ref: int = -1
    note: str = ""


@dataclass(frozen=True)
class Mark:
    """An agency's first turn of a month beginning, with its numbers then: its monthly
    report runs from its previous mark to this one. `journal` and `log` are the lengths
    of the journal and the log at that moment; `security` is its nation's (R29) and
    `reputation` its team's mean (R30), the terms of its score beside its team's part."""

    round: int
    agency: int
    journal: int
    log: int
    budget: float
    score: float
    security: float
    reputation: float


@dataclass(frozen=True)
class Held:
    """R17: an offered report the partner holds already, as far as the sender can tell,
    and how: `THEIRS` (it collected the report or passed it on), `TRADED` (the two
    traded it before) or `PACT` (the closed pact named `pact` copies it to the partner)."""

    report: int
    how: str
    pact: str = ""


THEIRS, TRADED, PACT = "theirs", "traded", "pact"
