"""view(state, seat): everything one seat may know, and nothing else (R8).

Screens and AI read only this. It is built fresh from the state, holds copies
(never the state's own arrays) and carries the public `World`, never the
scenario's hidden `Script`. Other seats' reports, programmes, budgets, ledgers
between third parties and pending cables never enter it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

from game.core import (
    collection,
    consequences,
    effects,
    liaison,
    operations,
    pacts,
    penetration,
    scoring,
)
from game.core.actions import ProposeExchange
from game.core.picture import Picture
from game.core.records import (
    ACCEPTED,
    ANSWERS,
    ANSWERS_ONLY,
    DELIVERED,
    EXCHANGE,
    IN_TRANSIT,
    MOLE_ACTIVE,
    MOLE_EXPOSED,
    MOLE_FOUND,
    MOLE_RUN_BACK,
    NOTHING,
    Cable,
    Copy,
    Event,
    Mole,
    PendingChoice,
    Report,
    Threat,
)
from game.core.report import MonthReport, month_report, since_report
from game.core.spec import Agency, World
from game.core.state import GameState


@dataclass(frozen=True)
class ThreatView:
    threat: Threat  # public facts of a threat this seat holds reports on
    picture: Picture
    chance: float | None  # operation success chance, when the picture allows one (R11)
    cost: float
    retry_from: int  # first round an operation may be launched again
    busy: str  # why no other operation of ours may be set against it now ("" if none)
    problem: str  # why an operation cannot be launched now; "" when it can (R5, R11)
    outside: bool = False  # R11: outside our jurisdiction; only a joint operation may run
    after_end: bool = False  # R9: due after the game's last month, so it cannot strike in it


@dataclass(frozen=True)
class IncomingView:
    """A delivered cable awaiting this seat's answer."""

    cable: Cable
    offered: tuple[Report, ...]
    topic_label: str
    offer_value: float  # R17: what the offer is worth to us
    cap: float  # R18: the most our answer may be worth to the sender
    candidates: tuple[tuple[int, float], ...]  # our reports on the topic, value to sender
    joint: Picture | None  # for a joint operation: the pooled picture
    share: float  # for a joint operation: our share of the cost
    problem: str = ""  # for a joint operation: why we cannot join it; "" when we can
    tasks: bool = False  # R15: accepting and leaving gaps tasks our collection for them
    chance: float | None = None  # for a joint operation we may join: its chance (R11/R12)
    withdraws: tuple[str, ...] = ()  # R12: partners whose invitation from us joining withdraws
    said: str = ""  # `problem` in words we may pass to the inviter (our budget is ours)


@dataclass(frozen=True)
class DecisionView:
    """R28: an event waiting for this seat's choice, each choice told with what it does."""

    pending: int
    event: str
    title: str
    text: str  # what really happened (the history note) is kept for the debrief
    options: tuple[consequences.Option, ...]


@dataclass(frozen=True)
class MoleView:
    """R25: a mole this seat knows of: found in its own house, or run by it."""

    id: int
    victim: str
    hostile: str
    status: str  # found (decide now), run_back, or active (one we run)
    leaked: int


@dataclass(frozen=True)
class ForumView:
    """R22: a forum we belong to, and whether we will be in good standing with it at the
    next dawn: whether its summaries then reach us, and ours the others."""

    name: str
    kinds: tuple[str, ...]
    members: tuple[str, ...]  # the others
    good_standing: bool


@dataclass(frozen=True)
class PartnerView:
    agency: str
    trust_out: float  # how far we trust them
    trust_in: float  # how far they trust us
    ledger: float  # value we gave them minus value we received (+: they owe us)
    credit_line: float  # R18: how far they let us run into debt
    posted: bool  # our officer is with them
    hosted: bool  # their officer is with us
    hostile: bool
    channel_kinds: tuple[str, ...]  # R23: kinds an open channel covers, when hostile
    suspended: tuple[str, ...]  # R28: disciplines we may not pass to them for now
    suspended_until: tuple[int, ...] = ()  # the last round of each suspension
    suspended_in: tuple[str, ...] = ()  # R28: disciplines they may not pass to us for now
    suspended_in_until: tuple[int, ...] = ()
    credit_given: float = 0.0  # R18: how far we let them run into debt with us
    pacts: tuple[str, ...] = ()  # R22: the pacts (by name) both of us belong to
    given: frozenset[int] = frozenset()  # R17: reports we hold that we know they hold too
    pact_held: tuple[tuple[int, str], ...] = ()  # R17: of those, a closed pact's (its name)
    turn_risk: float = 0.0  # R26: monthly chance an officer we post with them is turned
    # R28: after a court disclosure, (until, imminent): they share with our nation only on
    # threats against it due that soon (`withholds`); or we with theirs (`withheld`)
    withholds: tuple[int, int] | None = None
    withheld: tuple[int, int] | None = None
    withholds_said: str = ""  # the same in words, "" when there is none
    withheld_said: str = ""
    # R28: (until, credit share, trust share) while they deal with us on transactional
    # terms (`strict`), or we with them (`strict_given`); and the same in words
    strict: tuple[int, float, float] | None = None
    strict_given: tuple[int, float, float] | None = None
    strict_said: str = ""
    strict_given_said: str = ""

    @property
    def balance(self) -> float:
        """The ledger as shown, to a tenth: a debt of 0.03 is even, never "-0.0"."""
        return round(self.ledger, 1) + 0.0

    @property
    def owed(self) -> str:
        """The ledger in words, from our side (R18), as every screen says it."""
        return (f"they owe you {self.balance:.1f}" if self.balance > 0 else
                f"you owe them {-self.balance:.1f}" if self.balance < 0 else "you are even")

    @property
    def ask_cap(self) -> float:
        """R18: the most an answer to an ask of ours that offers nothing may be worth to
        us now (the composer's cap with an offer worth 0)."""
        return liaison.cap_of(0.0, self.credit_line, self.ledger)

    @property
    def cut_off(self) -> str:
        """R18: why an ask that offers nothing would be refused for debt now; "" if not."""
        return liaison.debt_refusal(self.agency, 0.0, self.credit_line, self.ledger)


@dataclass(frozen=True)
class CableLine:
    """One cable between this seat and a partner, as this seat saw it: what the partner
    card's history lists. A partner's cable the rules stopped before it reached us, or
    one not yet delivered, never appears (we never saw it)."""

    id: int
    sent: int  # round
    outgoing: bool  # we sent it
    partner: str  # the other agency's id
    kind: str  # exchange or joint_op
    topic: str  # what it asked about, or the operation's target; "" for a gift
    offered: int  # reports offered (for a joint operation: 0)
    given: int  # reports returned in the answer
    value_offered: float  # R17: the offer's worth to its recipient
    value_returned: float  # R17: the answer's worth to the sender
    status: str  # in_transit, delivered, accepted, refused, nothing (answered by the rules)
    refusal: str  # the rule that answered for the recipient (R16, R18), when it did
    answered: int  # round of the answer (0 while none)
    ledger_change: float  # how the answer moved our ledger with the partner (+: they owe more)


@dataclass(frozen=True)
class MoneyView:
    """R5, R6, R24: where the budget comes from and what runs on it each dawn."""

    income: float  # arrives each dawn
    carry_cap: float  # the most of what is left that the next dawn keeps
    programmes: float  # standing cost of our collection orders, paid each dawn (R6)
    postings: float  # upkeep of our officers posted with partners, paid each dawn (R24)

    @property
    def running(self) -> float:
        return self.programmes + self.postings

    @property
    def short(self) -> bool:
        """The running costs exceed the income: the budget shrinks month by month."""
        return self.running > self.income + 1e-9

    def kept(self, budget: float) -> float:
        """What of `budget` the next dawn keeps before the income arrives (R5)."""
        return min(budget, self.carry_cap)

    def lapses(self, budget: float) -> float:
        """What of `budget` the next dawn does not keep, unless it is spent first (R5)."""
        return budget - self.kept(budget)

    def forecast(self, budget: float) -> float:
        """The budget after the next dawn if nothing changes: what is kept, plus the
        income, less the running costs (programmes are cut if that falls short)."""
        return self.kept(budget) + self.income - self.running


@dataclass(frozen=True)
class CellView:
    """R6/R7: one collection programme (a region and a discipline) at a level."""

    region: int
    discipline: int
    level: int
    strength: float  # our capability in the discipline (R3)
    reach: float  # our access in the region (R3)
    expected: float  # R7: reports a month on each plot in the region needing it
    cost: float  # a month, at this level (R6)
    unit_cost: float  # a month, per level


@dataclass(frozen=True)
class Standing:
    """One agency in the standings (R30, R31): its team's score and target."""

    agency: str
    score: float
    target: float

    @property
    def share(self) -> float:
        return self.score / self.target


@dataclass(frozen=True)
class PlayerView:
    world: World
    seat: int
    agency: Agency
    round: int
    month: str
    current: int
    over: bool
    catastrophe: bool
    budget: float
    orders: np.ndarray  # [R, D] our standing orders
    paid: np.ndarray  # [R, D] levels paid this month (R16 standing)
    reports: dict[int, Report]  # every report we hold
    holdings: dict[int, Copy]
    threats: tuple[ThreatView, ...]  # known and active
    ended: tuple[Threat, ...]  # known threats that were foiled or executed
    inbox: tuple[IncomingView, ...]
    outbox: tuple[Cable, ...]
    partners: tuple[PartnerView, ...]
    relations: np.ndarray  # public
    security: np.ndarray  # public (R29)
    damage: float  # public (R31)
    score: float
    events: tuple[Event, ...]
    briefing: tuple[Event, ...]  # since our last turn
    decisions: tuple[DecisionView, ...]
    moles: tuple[MoleView, ...]
    known_false: frozenset[int]  # R27: reports we hold and know to be false
    swept: bool  # a sweep is ordered this month
    phase: str  # R4/R15: ORDERS, or ANSWERS (only answers and End Turn then)
    standings: tuple[Standing, ...]  # every agency's, when public (R30, R31)
    forums: tuple[ForumView, ...]  # the forums we belong to (R22)
    threat_names: dict[int, str]  # every known threat's name as screens show it
    cables: tuple[CableLine, ...]  # every cable between us and a partner that we saw
    # (report, latest and cables: in an explained view only, the screens'; see view())
    money: MoneyView
    report: MonthReport | None = None  # our month explained (game.core.report); None
    # before our second month of a game saved before the journal
    latest: tuple[Event, ...] = ()  # what we read since the report began (this month)

    @property
    def sweep_chance(self) -> float:
        """R25: the chance a sweep this month gives of finding a mole we have at dusk."""
        return penetration.sweep_chance(self.world.rules.penetration, self.agency.counterintel)

    def fatal_threat(self) -> ThreatView | None:
        """R13, R31: the known live plot whose strike alone would bring the total damage
        to the catastrophe line, ending the game for everyone (the worst, if several);
        None if none would."""
        left = self.world.victory.catastrophe - self.damage
        return max((tv for tv in self.threats if tv.threat.damage >= left),
                   key=lambda tv: tv.threat.damage, default=None)

    @property
    def target(self) -> float:
        """R31: the score our nation's team is expected to reach (our objective)."""
        return self.world.targets[self.seat]

    @property
    def share(self) -> float:
        """R31: our share of the target, which the winner is judged by."""
        return self.score / self.target

    @property
    def is_my_turn(self) -> bool:
        return not self.over and self.current == self.seat

    @property
    def answering(self) -> bool:
        """The answer round: this month's cables are answered; nothing else is done."""
        return self.phase == ANSWERS

    def partner(self, agency_id: str) -> PartnerView | None:
        return next((p for p in self.partners if p.agency == agency_id), None)

    def preview_exchange(self, action: ProposeExchange) -> liaison.Verdict:
        """R15-R18 for a proposal not yet sent: the engine judges it with the same
        function from the same facts, so the preview is what will happen."""
        partner = self.partner(action.to)
        if partner is None:
            return liaison.Verdict(f"There is no partner {action.to!r}.")
        if self.answering:
            return liaison.Verdict(ANSWERS_ONLY)
        known = {t.id: t for t in (*(tv.threat for tv in self.threats), *self.ended)}
        return liaison.judge(self.world, self.round, self.seat, action, self.holdings,
                             self.reports, known, self.paid, partner)

    def preview_answer(self, cable_id: int, give: tuple[int, ...]) -> float:
        """R17 for an answer not yet given: what these reports of ours are worth to the
        cable's sender, valued together as the engine will value them (against the
        cable's shopping list; nothing for a report it gave us or we gave it)."""
        incoming = next(i for i in self.inbox if i.cable.id == cable_id)
        cable = incoming.cable
        sender = self.world.agencies[cable.sender]
        known = {t.id: t for t in (*(tv.threat for tv in self.threats), *self.ended)}
        return liaison.answer_value(self.world.rules.value, cable, give, self.holdings,
                                    self.reports, known,
                                    self.world.agency_nations[cable.sender],
                                    self.partner(sender.id).given, self.round)

    def ledger_after(self, cable_id: int, give: tuple[int, ...] = ()) -> float:
        """R18: our balance with the cable's sender once we accept it giving `give`: what
        we return counts for us, what they offered against us (+: they owe us)."""
        incoming = next(i for i in self.inbox if i.cable.id == cable_id)
        sender = self.world.agencies[incoming.cable.sender].id
        return round(self.partner(sender).ledger + self.preview_answer(cable_id, give)
                     - incoming.offer_value, 1) + 0.0

    def answer_breaches(self, cable_id: int, give: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """R20 for an answer not yet given: the reports of it that another agency
        originated and has not consented to pass to the sender, as (report, originator);
        each, if given, may be found out at `world.breach_chance(sender)` a month."""
        cable = next(i for i in self.inbox if i.cable.id == cable_id).cable
        sender = self.world.agencies[cable.sender].id
        return liaison.third_party(self.world, self.seat, cable.sender, give, self.holdings,
                                   self.reports, self.partner(sender).given)

    def can_launch(self, threat_id: int) -> tuple[bool, str]:
        """R11: whether an operation against a known threat can be launched now, and
        if not, why."""
        tv = self.threat(threat_id)
        if tv is None:
            return False, "You hold nothing on that threat, or it is over."
        if self.answering:
            return False, ANSWERS_ONLY
        return not tv.problem, tv.problem

    def can_propose_joint(self, threat_id: int, partner_id: str) -> tuple[bool, str]:
        """R12: whether a joint operation against a known threat can be proposed to this
        partner now, and if not, why."""
        tv, partner = self.threat(threat_id), self.partner(partner_id)
        if tv is None or partner is None:
            return False, "You hold nothing on that threat, or there is no such partner."
        if self.answering:
            return False, ANSWERS_ONLY
        problem = operations.joint_problem(self.world, self.seat, tv.threat, partner,
                                           tv.busy, tv.retry_from, tv.cost / 2,
                                           self.budget, self.round)
        return not problem, problem

    def late(self, threat_id: int) -> bool:
        """An answer to an ask about this threat comes after its last month to act: the
        reports arrive at this month's answer round and the threat strikes at its dusk."""
        tv = self.threat(threat_id)
        return tv is not None and tv.threat.deadline <= self.round

    def threat(self, threat_id: int) -> ThreatView | None:
        return next((t for t in self.threats if t.threat.id == threat_id), None)

    def withheld_from_us(self, agency_id: str, threat_id: int) -> bool:
        """R28: after a court's disclosure, this partner keeps its reports on the threat
        from us (it is not imminent against our nation), so an ask about it is turned
        back at the door."""
        p, tv = self.partner(agency_id), self.threat(threat_id)
        nation = self.world.nation_index(self.agency.nation)
        return p is not None and p.withholds is not None and (
            tv is None or not tv.threat.imminent(nation, self.round, p.withholds[1]))

    def may_pass(self, agency_id: str, report_id: int) -> bool:
        """R28: whether we may pass this report to the partner now: its discipline is not
        suspended between us, and no court's disclosure has us holding its threat back."""
        p, report = self.partner(agency_id), self.reports[report_id]
        if p is None:
            return False
        if self.world.rules.discipline_ids[report.discipline] in p.suspended:
            return False
        tv = self.threat(report.threat)
        theirs = self.world.agency_nations[self.world.agency_index(agency_id)]
        return p.withheld is None or (
            tv is not None and tv.threat.imminent(theirs, self.round, p.withheld[1]))

    def threat_name(self, threat_id: int) -> str:
        """The name of a threat this seat knows (active or ended), else '?'. Plots that
        share a name are told apart by their region, or the month they appeared."""
        return self.threat_names.get(threat_id, "?")

    def cables_with(self, agency_id: str) -> tuple[CableLine, ...]:
        return tuple(c for c in self.cables if c.partner == agency_id)

    def collection_cell(self, region: int, discipline: int,
                        level: int | None = None) -> CellView:
        """R6/R7: a programme at `level` (default: our standing order): our strength and
        reach, the reports it is expected to bring in, and its cost a month."""
        if level is None:
            level = int(self.orders[region, discipline])
        rules = self.world.rules
        strength = self.agency.capability[discipline]
        reach = self.agency.access[region]
        unit = rules.disciplines[discipline].cost
        return CellView(region, discipline, level, strength, reach,
                        float(collection.expected_reports(rules.collection.rate, level,
                                                          strength, reach)),
                        unit * level, unit)


def view(state: GameState, seat: int, explained: bool = False) -> PlayerView:
    """The seat's view. `explained` adds what only a person reads: the month's report,
    the news since it, and the history of the seat's cables. They are the costliest
    parts of a view and tell nothing new, so the AI, which builds several views a
    turn, goes without them."""
    world = state.world
    holdings = dict(state.holdings[seat])
    reports = {r: state.reports[r] for r in holdings}
    known = sorted(state.on[seat])  # R8: the threats it holds a report on
    feed = state.feeds[seat]
    recent = _recent_cables(state)
    pact_held = liaison.pact_shared(state, seat)  # R17: what a closed pact copied to each
    given = liaison.passed_by(state, seat, pact_held)  # R17: what each holds of ours
    scores = scoring.scores(state)  # once: the seat's own and, when public, everyone's
    names = world.display_names([state.threats[t] for t in known])
    return PlayerView(
        world=world,
        seat=seat,
        agency=world.agencies[seat],
        round=state.round,
        month=world.month_label(state.round),
        current=state.current,
        over=state.over,
        catastrophe=state.catastrophe,
        budget=float(state.budget[seat]),
        orders=state.orders[seat].copy(),
        paid=state.paid[seat].copy(),
        reports=reports,
        holdings=holdings,
        threats=tuple(_threat_view(state, seat, t) for t in known if state.threats[t].active),
        ended=tuple(state.threats[t] for t in known if not state.threats[t].active),
        inbox=tuple(_incoming(state, c, names, given[c.sender]) for c in recent
                    if c.recipient == seat and c.status == DELIVERED),
        outbox=tuple(c for c in recent if c.sender == seat),
        partners=tuple(partner_view(state, seat, b, given[b], pact_held[b])
                       for b in range(state.n_agencies) if b != seat),
        relations=state.relations.copy(),
        security=state.security.copy(),
        damage=state.damage,
        score=float(scores[seat]),
        events=tuple(feed),
        briefing=tuple(feed[state.seen[seat]:]),
        decisions=tuple(_decision(state, p) for p in state.pending if p.seat == seat),
        moles=tuple(_mole(state, m, seat) for m in state.moles if _knows_mole(seat, m)),
        known_false=frozenset(state.unmasked[seat] & set(holdings)),
        swept=seat in state.sweeps,
        phase=state.phase,
        standings=_standings(state, scores),
        forums=tuple(ForumView(p.name, p.threat_kinds,
                               tuple(m for m in p.members if m != world.agencies[seat].id),
                               seat in pacts.in_good_standing(state, p, state.round + 1))
                     for p, members in state.pact_members("forum") if seat in members),
        threat_names=names,
        cables=tuple(line for c in state.cables.values()
                     if (line := _cable_line(state, seat, c, names)) is not None)
        if explained else (),
        money=_money(state, seat),
        report=month_report(state, seat) if explained else None,
        latest=since_report(state, seat) if explained else (),
    )


def _money(state: GameState, seat: int) -> MoneyView:
    rules = state.rules
    income = float(state.world.agencies[seat].budget)
    posted = sum(1 for s, _ in state.postings if s == seat)
    return MoneyView(
        income=income,
        carry_cap=income * rules.carry_over_rounds,
        programmes=float((state.orders[seat] * collection.unit_costs(state)).sum()),
        postings=posted * rules.posting.upkeep,
    )


def _cable_line(state: GameState, seat: int, cable: Cable,
                names: dict[int, str]) -> CableLine | None:
    """A cable of ours, or one a partner sent that reached us; None for any other."""
    outgoing = cable.sender == seat
    if not outgoing and (cable.recipient != seat or cable.status in (IN_TRANSIT, NOTHING)):
        return None
    other = cable.recipient if outgoing else cable.sender
    threats = state.threats
    if cable.kind != EXCHANGE:
        t = cable.threat
        topic = names.get(t, threats[t].name)
    elif cable.topic is None:
        topic = ""
    elif cable.topic.threat is not None:
        topic = names.get(cable.topic.threat, "a threat you hold nothing on")
    else:
        topic = state.world.regions[cable.topic.region].name
    change = 0.0
    if cable.kind == EXCHANGE and cable.status == ACCEPTED:
        change = cable.value_offered - cable.value_returned
        if not outgoing:
            change = -change
    return CableLine(
        id=cable.id, sent=cable.sent, outgoing=outgoing, partner=state.world.agencies[other].id,
        kind=cable.kind, topic=topic, offered=len(cable.offer), given=len(cable.given),
        value_offered=cable.value_offered, value_returned=cable.value_returned,
        status=cable.status, refusal=cable.refusal if outgoing else "",
        answered=cable.answered, ledger_change=change)


def _standings(state: GameState, scores) -> tuple[Standing, ...]:
    world = state.world
    if not world.standings_public:
        return ()
    return tuple(Standing(a.id, float(scores[i]), world.targets[i])
                 for i, a in enumerate(world.agencies))


def _decision(state: GameState, pending: PendingChoice) -> DecisionView:
    spec = effects.spec_of(state, pending.event)
    return DecisionView(pending.id, spec.id, spec.title, spec.text,
                        consequences.options(state, spec, pending.seat))


def _knows_mole(seat: int, mole: Mole) -> bool:
    """The victim knows a mole once found; the service it works for knows it while it
    works (a mole run back looks the same to it as one still at work)."""
    if mole.status == MOLE_EXPOSED:
        return False
    if mole.victim == seat:
        return mole.status in (MOLE_FOUND, MOLE_RUN_BACK)
    return mole.hostile == seat


def _mole(state: GameState, mole: Mole, seat: int) -> MoleView:
    """To the service it works for, a found or run-back mole still looks active."""
    names = state.world.agencies
    status = mole.status if mole.victim == seat else MOLE_ACTIVE
    return MoleView(mole.id, names[mole.victim].id, names[mole.hostile].id, status,
                    len(mole.leaked))


def _recent_cables(state: GameState) -> list[Cable]:
    """Cables of the last three months: every cable still awaiting an answer, and every
    answer a sender has not yet had a turn to read (a cable sent in month m is answered
    in m+1, and a sender seated before its recipient reads it in m+2). Older ones live
    on in the event feed."""
    out = []
    for cable in reversed(state.cables.values()):
        if cable.sent < state.round - 2:
            break
        out.append(cable)
    return out[::-1]


def _threat_view(state: GameState, seat: int, t: int) -> ThreatView:
    pic = operations.own_picture(state, seat, t)
    ok = pic.eligible(state.rules.operation.min_coverage)
    threat = state.threats[t]
    busy = operations.busy(state, seat, t)
    retry = state.retry.get((seat, t), 0)
    cost = operations.cost(state, threat)
    return ThreatView(
        threat=threat,
        picture=pic,
        chance=operations.chance(state, pic, (seat,)) if ok else None,
        cost=cost,
        retry_from=retry,
        busy=busy,
        problem=operations.launch_problem(state.world, threat, pic, busy, retry, cost,
                                          float(state.budget[seat]), state.round, (seat,)),
        outside=not state.world.agencies[seat].operates_in(threat.region),
        after_end=threat.deadline > state.world.rounds,
    )


def _incoming(state: GameState, cable: Cable, names: dict[int, str],
              given: frozenset[int]) -> IncomingView:
    """`names`: known threats' names as screens show them; `given`: the reports of ours
    the sender holds, as far as we can tell (R17: worth nothing to it)."""
    b = cable.recipient
    threats = state.threats
    if cable.kind != EXCHANGE:
        pooled = operations.joint_picture(state, cable, b)
        # The pool's strength is ours to see; the sender's report ids are not.
        pic = replace(pooled, counted=tuple(c for c in pooled.counted if c[1] == b))
        threat = threats[cable.threat]
        share = operations.cost(state, threat) - cable.escrow
        problem, said = operations.join_problem(state, b, cable, pooled)
        # The chance both services would believe in, as the engine sets it on acceptance.
        chance = None if problem else operations.chance(state, pooled, (cable.sender, b))
        withdraws = () if problem else tuple(
            state.world.agencies[c.recipient].id
            for c in operations.invitations(state, b, threat.id))
        return IncomingView(cable, (), names.get(threat.id, threat.name), 0.0, 0.0, (), pic,
                            share, problem, chance=chance, withdraws=withdraws, said=said)
    if cable.topic is None:
        label = "a gift (nothing asked)"
        candidates: tuple[tuple[int, float], ...] = ()
    else:
        if cable.topic.threat is not None:
            t = cable.topic.threat
            label = names.get(t, "a threat you hold nothing on")
        else:
            label = state.world.regions[cable.topic.region].name
        mine = [r for r in liaison.topic_reports(state, b, cable.topic, cable.disciplines)
                if not state.flow_stopped(b, cable.sender, r)]
        candidates = tuple((r, liaison.wanted_value(state, cable, (r,), given)) for r in mine)
    offer_value = liaison.offer_worth_now(state, cable)
    return IncomingView(
        cable=cable,
        offered=tuple(state.reports[r] for r in cable.offer),
        topic_label=label,
        offer_value=offer_value,
        cap=cable.cap if cable.topic is not None else 0.0,
        candidates=candidates,
        joint=None,
        share=0.0,
        tasks=liaison.tasks(state.rules, cable.topic, offer_value),
    )


def partner_view(state: GameState, seat: int, b: int, given: frozenset[int] | None = None,
                 pact_held: Mapping[int, str] | None = None) -> PartnerView:
    """The public terms between the seat and one partner (also what R15-R18 judge a
    proposal by, in the engine as in the composer). `given`: `liaison.passed_by(state,
    seat)[b]`, and `pact_held`: `liaison.pact_shared(state, seat)[b]`, worked out here
    (once for both) unless the caller has them already."""
    world = state.world
    if given is None or pact_held is None:
        shared = liaison.pact_shared(state, seat)
        given = liaison.passed_by(state, seat, shared)[b] if given is None else given
        pact_held = shared[b] if pact_held is None else pact_held
    hostile = state.hostile(seat, b)
    until = [(d, r) for i, d in enumerate(world.rules.discipline_ids)
             if (r := state.suspended(seat, b, i))] if state.suspensions else []
    until_in = [(d, r) for i, d in enumerate(world.rules.discipline_ids)
                if (r := state.suspended(b, seat, i))] if state.suspensions else []
    ids = (world.agencies[seat].id, world.agencies[b].id)
    kinds = state.channel_kinds(seat, b) if hostile else ()
    return PartnerView(
        agency=world.agencies[b].id,
        trust_out=float(state.trust[seat, b]),
        trust_in=float(state.trust[b, seat]),
        ledger=float(state.ledger[seat, b]) + 0.0,  # + 0.0: an even ledger never reads -0.0
        credit_line=state.credit_line(b, seat),
        posted=(seat, b) in state.postings,
        hosted=(b, seat) in state.postings,
        hostile=hostile,
        channel_kinds=kinds,
        suspended=tuple(d for d, _ in until),
        suspended_until=tuple(r for _, r in until),
        suspended_in=tuple(d for d, _ in until_in),
        suspended_in_until=tuple(r for _, r in until_in),
        credit_given=state.credit_line(seat, b),
        pacts=tuple(p.name for p in world.pacts if set(ids) <= set(p.members)),
        given=given,
        pact_held=tuple(sorted(pact_held.items())),
        turn_risk=penetration.turn_chance(state, seat, b),
        withholds=(withholds := state.embargo(b, seat)),
        withheld=(withheld := state.embargo(seat, b)),
        withholds_said=liaison.withheld_words(world, ids[1], world.agency_nations[seat],
                                              withholds) if withholds else "",
        withheld_said=liaison.withheld_words(world, ids[0], world.agency_nations[b],
                                             withheld) if withheld else "",
        strict=(strict := state.terms(b, seat)),
        strict_given=(strict_given := state.terms(seat, b)),
        strict_said=liaison.strict_words(world, ids[1], ids[0], strict) if strict else "",
        strict_given_said=liaison.strict_words(world, ids[0], ids[1], strict_given)
        if strict_given else "",
    )
