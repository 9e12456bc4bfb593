"""R32: AI agencies with a personality and a difficulty, driven by a seat's view only.

An agency's turn is a generator: it yields one action at a time and asks for a
fresh view (`look()`) only when what it has seen may be stale (after an
answer moved a ledger, after money was spent). It decides everything a human
decides, through the same actions, and keeps one line of reason for each.

Personalities follow the iterated prisoner's dilemma (docs/ai.md): whether to
answer a partner's ask generously depends on how that partner answered ours.
Difficulty changes valuation noise, foresight and budget skill — never what the
agency can see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from game.core.actions import (
    Action,
    Answer,
    Choose,
    DecideMole,
    Disinform,
    EndTurn,
    LaunchOperation,
    ProposeExchange,
    ProposeJointOperation,
    SetProgramme,
    Sweep,
)
from game.core.consequences import Stakes
from game.core.legal import greedy_give
from game.core.records import ACCEPTED, REFUSED
from game.core.view import DecisionView, IncomingView, PlayerView, ThreatView

PERSONALITIES = ("reciprocal", "generous", "grudger", "free_rider", "adversary")
FORGIVE = 0.35  # the share of refusals a generous agency forgives
STINT = 0.4  # an answer worth less than this share of its cap is returned in kind
PACT_COLLECTION_SHARE = 0.8  # hard, when its pact copies its best discipline to all
# How the notes begin that recur every month, which the debrief leaves out: a playtester
# found its last 40 lines all collection orders, the reasons that explain the game cut off.
ROUTINE_NOTES = ("collection: ", "accepted a gift")
LEAD_MARGIN = 0.1  # share of its target by which another nation must lead to get one report


@dataclass(frozen=True)
class Temper:
    """How a personality weighs an event's stakes against money (R28, docs/ai.md)."""

    trust: float  # per point of others' trust in us, summed over pairs
    flow: float  # per month one partner's discipline is cut off from one of our agencies
    later: float  # for a choice that sets later events going, unknown ahead


# Trust buys little directly (an R18 credit line of a fifth of a report per 100), so even
# a cooperator prices a point low; and one partner's discipline cut off from one of our
# agencies for a month costs little, since a team collects most of its own picture: set so
# that choices measured to lead to alike scores weigh about alike (forced in turn, each
# choice of Huawei 2020's events left the deciding nation's mean score within the noise
# of the other: docs/balance.md). Cooperators shy from the unknown, a rival courts it.
TEMPERS = {
    "reciprocal": Temper(trust=0.12, flow=0.3, later=-4.0),
    "generous": Temper(trust=0.15, flow=0.3, later=-4.0),
    "grudger": Temper(trust=0.12, flow=0.3, later=-4.0),
    "free_rider": Temper(trust=0.05, flow=0.4, later=0.0),
    "adversary": Temper(trust=0.0, flow=0.2, later=4.0),
}
CHANNEL_WORTH = 8.0  # an open channel to trade on (R23)
RUPTURE_TRUST = 100.0  # a nation turned hostile trades no more (R2): as much trust lost
MOLE_WORTH = 8.0  # a mole exposed stops a leak; one planted is worse
PLOT_WORTH = 10.0  # a new plot set in motion


def _why_chosen(labels: list[str], terms: list[dict[str, float]], pick: int) -> str:
    """What tipped the choice, against the best other choice: where it weighs better and
    where worse. Noise (difficulty) can pick a choice that weighs worse: said so."""
    if len(terms) < 2:
        return ""
    totals = [sum(t.values()) for t in terms]
    other = max((i for i in range(len(terms)) if i != pick), key=lambda i: totals[i])
    diff = {k: terms[pick][k] - terms[other][k] for k in terms[pick]}
    better = [k for k, x in sorted(diff.items(), key=lambda kv: -kv[1]) if x > 0.5]
    worse = [k for k, x in sorted(diff.items(), key=lambda kv: kv[1]) if x < -0.5]
    said = (f"it weighs better on {' and '.join(better[:2])}" if better else "")
    said += (f"{', though ' if said else 'it weighs '}worse on {' and '.join(worse[:2])}"
             if worse else "")
    if totals[pick] < totals[other]:
        return f": a misjudgement, as {labels[other]!r} weighed more ({said})"
    return f": {said}" if said else ": the choices weigh alike to us"


@dataclass(frozen=True)
class Skill:
    noise: float  # spread of errors in valuing a cell, a partner or an answer
    foresight: int  # months ahead a deadline makes a threat urgent
    collection_share: float  # of income spent on standing collection
    op_threshold: float  # lowest believed chance worth paying for
    asks_per_turn: int
    joint_from: float  # share of the picture in hand from which it invites a joint operation
    joint_any_time: bool  # invites as soon as it can, not only as the deadline nears
    spends_carry: bool  # spends on collection what the next dawn would take (R5)


# Measured (docs/ai.md): spending 55-70% of income on standing collection leaves
# money for the operations that score; 85% starves them. Hard also sees deadlines
# sooner, values more precisely, asks about more threats and strikes at a fair chance,
# and buys into operations early: half a foil's credit goes by the cost each paid (R30),
# so it invites a partner to a joint operation once a quarter of the picture is in hand.
# And it knows that a dawn keeps at most one month's income (R5): what is left above that
# buys collection now rather than being lost.
SKILLS = {
    "easy": Skill(noise=0.35, foresight=1, collection_share=0.85, op_threshold=0.55,
                  asks_per_turn=2, joint_from=0.4, joint_any_time=False, spends_carry=False),
    "normal": Skill(noise=0.12, foresight=2, collection_share=0.7, op_threshold=0.45,
                    asks_per_turn=4, joint_from=0.4, joint_any_time=False,
                    spends_carry=False),
    "hard": Skill(noise=0.03, foresight=3, collection_share=0.62, op_threshold=0.35,
                  asks_per_turn=6, joint_from=0.25, joint_any_time=True, spends_carry=True),
}


@dataclass(frozen=True)
class _Month:
    """What the month we decide in does to an event's stakes, worked out once a decision."""

    gaps: np.ndarray  # per discipline: 1 + the threats we know that still lack it
    scarce: float  # how dear money is: income over what we hold, within 0.5-2
    lasting: float  # how much of a trust change lasts to the end (R19 drifts it back)

    @classmethod
    def of(cls, v: PlayerView) -> _Month:
        gaps = np.ones(len(v.world.rules.disciplines))
        for tv in v.threats:
            gaps += np.asarray(tv.picture.missing) > 0
        left = max(1, v.world.rounds - v.round + 1)
        return cls(gaps, float(np.clip(v.agency.budget / max(v.budget, 1.0), 0.5, 2.0)),
                   min(1.0, left / 12))


@dataclass
class Record:
    """What we remember of a partner: how it last answered our asks, and our grudges.
    A defection is only ever a refusal we saw: an ask it declined or left unanswered."""

    last: str = "none"  # "cooperated" | "defected" | "none"
    refused_in: str = ""  # the month of the last refusal we saw
    grudge: bool = False
    stinted: str = ""  # what their last answer returned of what the cap allowed, if little


@dataclass
class LiaisonAgency:
    personality: str
    difficulty: str
    rng: np.random.Generator
    records: dict[str, Record] = field(default_factory=dict)
    seen_cables: set[int] = field(default_factory=set)
    reasons: list[tuple[int, str]] = field(default_factory=list)
    asked: dict[tuple[str, int], int] = field(default_factory=dict)  # (partner, threat) -> round

    @property
    def skill(self) -> Skill:
        return SKILLS[self.difficulty]

    def note(self, v: PlayerView, text: str) -> None:
        self.reasons.append((v.round, f"{v.agency.id}: {text}"))

    # ------------------------------------------------------------------ the turn
    def turn(self, look: Callable[[], PlayerView]) -> Iterator[Action]:
        v = look()
        self._learn(v)
        me = v.agency.id
        if v.answering:
            yield from self._answers(v, look)
            yield EndTurn(me)
            return
        for d in v.decisions:
            choice = self._choose_event(v, d)
            yield Choose(me, d.pending, choice)
        for m in v.moles:
            if m.status == "found" and m.victim == me:
                expose = self.personality not in ("free_rider", "adversary")
                self.note(v, f"{'exposed' if expose else 'ran back'} the {m.hostile} mole")
                yield DecideMole(me, m.id, expose)
        acted = bool(v.decisions or any(m.status == "found" for m in v.moles))
        if acted:
            v = look()
        budget = v.budget
        for action, cost in self._collection(v, budget):
            budget -= cost
            yield action
        for action, cost in self._operations(v, budget):
            budget -= cost
            yield action
        for action, cost in self._security(v, budget):
            budget -= cost
            yield action
        yield from self._asks(look())  # with this month's programmes paid: our standing
        if self.personality == "adversary":
            yield from self._adversary(look())
        yield EndTurn(me)

    def _answers(self, v: PlayerView, look: Callable[[], PlayerView]) -> Iterator[Action]:
        """The answer round: each cable in turn, looking again after each answer (it
        moves a ledger, a budget or an operation)."""
        for cable_id in sorted(i.cable.id for i in v.inbox):
            v = look()
            incoming = next((i for i in v.inbox if i.cable.id == cable_id), None)
            if incoming is not None:
                yield self._answer(v, incoming)

    # ------------------------------------------------------------------ memory
    def _learn(self, v: PlayerView) -> None:
        """Remember how each partner answered the asks we sent (R32 personalities): a
        refusal is a defection; an answer with reports is cooperation; an answer with
        nothing tells us nothing (it may have held nothing)."""
        for cable in v.outbox:
            if cable.id in self.seen_cables or cable.status not in (ACCEPTED, REFUSED):
                continue
            self.seen_cables.add(cable.id)
            if cable.topic is None:  # a gift tells us nothing about them
                continue
            rec = self.records.setdefault(v.world.agencies[cable.recipient].id, Record())
            if cable.status == REFUSED:
                rec.last, rec.refused_in = "defected", v.world.month_label(cable.answered)
                rec.grudge = rec.grudge or self.personality == "grudger"
            elif cable.given:
                rec.last = "cooperated"
                rec.stinted = (f"you returned {cable.value_returned:.1f} of the "
                               f"{cable.cap:.1f} our last cable allowed"
                               if cable.value_returned < STINT * cable.cap else "")

    def _will_cooperate(self, partner: str) -> tuple[bool, str]:
        """Whether to answer an ask at all. The only reason to refuse is a refusal of
        ours that the partner really made; everything else is answered (R32)."""
        rec = self.records.get(partner, Record())
        if rec.grudge:
            return False, f"you refused our ask in {rec.refused_in}; we do not forget"
        if rec.last == "defected" and self.personality == "generous" and \
                self.rng.random() < FORGIVE:
            return True, f"you refused our ask in {rec.refused_in}, but we forgive"
        if rec.last == "defected" and self.personality in ("reciprocal", "generous"):
            return False, f"you refused our ask in {rec.refused_in}"
        if rec.last == "defected":  # a personality that answers all the same
            return True, f"you refused our ask in {rec.refused_in}; we answer all the same"
        # "none": no ask of ours has yet been refused or answered with reports by them
        # (a playtest saw "a first exchange" on the fifth cable between two services).
        return True, "you have answered us fairly" if rec.last == "cooperated" else \
            "you have never turned us down"

    # ------------------------------------------------------------------ answers
    def _answer(self, v: PlayerView, incoming: IncomingView) -> Answer:
        me, cable = v.agency.id, incoming.cable
        sender = v.world.agencies[cable.sender].id
        if incoming.joint is not None:
            cooperate, why = self._will_cooperate(sender)
            if incoming.problem:  # written to us; the inviter reads what it may know
                ok, reason = False, f"we cannot join it: {incoming.said}"
            elif self.personality == "adversary":
                ok, reason = False, "we run no operations with a rival service"
            else:
                ok, reason = cooperate, ("joined: the pooled picture is good" if cooperate
                                         else why)
            withdrawn = (f"; our invitation to {' and '.join(incoming.withdraws)} is "
                         f"withdrawn" if ok and incoming.withdraws else "")
            self.note(v, f"{'joined' if ok else 'declined'} {sender}'s joint operation: "
                         f"{incoming.problem or reason}{withdrawn}")
            return Answer(me, cable.id, ok, (), reason[:120])
        if cable.topic is None:
            self.note(v, f"accepted a gift from {sender}")
            return Answer(me, cable.id, True, (), "thank you")
        cooperate, why = self._will_cooperate(sender)
        if not cooperate:
            self.note(v, f"refused {sender}: {why}")
            return Answer(me, cable.id, False, (), why[:120])
        give, why = self._give(v, incoming, sender, why)
        self.note(v, f"answered {sender}: {why}")
        return Answer(me, cable.id, True, give, why[:120])

    def _give(self, v: PlayerView, incoming: IncomingView, sender: str,
              why: str) -> tuple[tuple[int, ...], str]:
        """What to return, and the true reason. A service that holds something of value
        within the cap returns at least one report (R32: no refusal by temperament).
        Cooperators return all the cap allows; a free rider or a rival the least it can;
        with public standings, a clear leader from another nation gets only the least."""
        useful = sorted((c for c in incoming.candidates if c[1] > 0), key=lambda c: (c[1], c[0]))
        if not useful:  # an honest ask is still served: R15 tasks our collection
            return (), f"{why}; we hold nothing more that you lack on it" + (
                "; we will task our collection where we can (R15)" if incoming.tasks else "")
        fits = [c for c in useful if c[1] <= incoming.cap + 1e-9]
        if not fits:
            return (), (f"{why}; R18: the cap of {incoming.cap:.1f} is below the value of "
                        f"anything we hold on it ({useful[0][1]:.1f})")
        if self.personality in ("free_rider", "adversary"):
            return (fits[0][0],), f"{why}; we give what the rules ask: one report"
        stinted = self.records.get(sender, Record()).stinted
        if stinted and self.personality != "generous":  # tit for tat, in kind
            return (fits[0][0],), f"{stinted}; one report"
        if self._leads(v, sender):
            return (fits[-1][0],), f"{why}; you lead the standings, so one report"
        give = greedy_give(incoming)
        capped = len(give) < len(useful)
        return give, f"{why}; {len(give)} report(s)" + (" (the R18 cap)" if capped else "")

    @staticmethod
    def _leads(v: PlayerView, agency: str) -> bool:
        """A clear leader of another nation, by the public standings (R30, R31)."""
        if not v.standings:
            return False
        world = v.world
        nation = world.agencies[world.agency_index(agency)].nation
        if nation == v.agency.nation:
            return False
        share = {s.agency: s.share for s in v.standings}
        others = [s.share for s in v.standings
                  if world.agencies[world.agency_index(s.agency)].nation != nation]
        return bool(others) and share[agency] > max(others) + LEAD_MARGIN

    # ------------------------------------------------------------------ events
    def _choose_event(self, v: PlayerView, d: DecisionView) -> int:
        """R28: weigh each choice by what it does to our nation (the view tells it, as it
        tells a human), by our temper and by the month we are in; difficulty adds noise
        to the weighing, never sight. The reason names what tipped it."""
        month = _Month.of(v)
        terms = [self._stakes_terms(v, o.stakes, month) for o in d.options]
        totals = np.array([sum(t.values()) for t in terms])
        spread = max(1.0, float(np.abs(totals).max()))
        noisy = totals + self.rng.normal(0.0, self.skill.noise * spread, len(totals))
        pick = int(np.argmax(noisy))
        self.note(v, f"on {d.title!r}: chose {d.options[pick].label!r}"
                     + _why_chosen([o.label for o in d.options], terms, pick))
        return pick

    def _stakes_terms(self, v: PlayerView, s: Stakes, month: _Month) -> dict[str, float]:
        """A choice's stakes as money's worth, term by term (docs/ai.md)."""
        temper = TEMPERS[self.personality]
        gaps, scarce, lasting = month.gaps, month.scarce, month.lasting
        return {
            "money": scarce * s.money,
            "score": s.score,
            "partners' trust in us": temper.trust * (
                s.trust * lasting - s.disclosed * v.world.rules.penetration.court_loss),
            "relations with other nations": temper.trust * (
                s.baseline * 2 * lasting - RUPTURE_TRUST * s.hostile),
            "partners' reporting to us": -temper.flow * (float(np.dot(s.cut, gaps))
                                                         + s.embargo * float(gaps.sum())),
            # a partner on strict terms gives less credit and warms slowly (R28): each
            # month at the share it withholds, priced as a month's flow cut off
            "partners' terms with us": -temper.flow * s.strict,
            "channels to trade on": CHANNEL_WORTH * s.channels,
            "moles": MOLE_WORTH * (s.exposed - 2 * s.planted),
            "new plots": -PLOT_WORTH * s.threats,
            "what may follow": temper.later * s.later,
        }

    # ------------------------------------------------------------------ collection
    def _collection(self, v: PlayerView, budget: float):
        """Standing orders where known threats need what we collect well, then where our
        reach is best; within a share of income (budget skill)."""
        world, skill = v.world, self.skill
        agency = v.agency
        rules = world.rules
        n_r, n_d = len(world.regions), len(rules.disciplines)
        nation = world.nation_index(agency.nation)
        score = np.zeros((n_r, n_d))
        for r in range(n_r):
            for d in range(n_d):
                score[r, d] = 0.25 * agency.capability[d] * agency.access[r]
        for tv in v.threats:
            t = tv.threat
            urgency = 1.0 + (1.0 if t.deadline - v.round <= skill.foresight else 0.0)
            mine = 2.0 if nation in t.targets else 1.0
            for d, need in enumerate(t.needs):
                if need and tv.picture.missing[d]:
                    score[t.region, d] += (urgency * mine * t.severity / 3 *
                                           agency.capability[d] * agency.access[t.region])
        score *= 1 + self.rng.normal(0, skill.noise, score.shape)
        costs = np.array([d.cost for d in rules.disciplines])
        allowance = self._collection_share(v) * agency.budget
        if skill.spends_carry:  # what the next dawn would take anyway buys collection now
            allowance += max(0.0, budget - v.money.carry_cap)
        want = np.zeros((n_r, n_d), dtype=int)
        spent = 0.0
        order = np.dstack(np.unravel_index(np.argsort(-score, axis=None), score.shape))[0]
        for r, d in order:
            if score[r, d] < 0.08 or agency.capability[d] * agency.access[r] < 0.15:
                continue
            level = min(rules.collection.max_level, 2 if score[r, d] < 0.5 else 3)
            while level and spent + level * costs[d] > allowance:
                level -= 1
            if level:
                want[r, d] = level
                spent += level * costs[d]
        for r in range(n_r):
            for d in range(n_d):
                level = int(want[r, d])
                if level == int(v.orders[r, d]):
                    continue
                extra = max(0, level - int(v.paid[r, d])) * costs[d]
                if extra > budget - 1e-9:
                    continue
                budget -= extra
                yield SetProgramme(agency.id, world.regions[r].id, rules.discipline_ids[d],
                                   level), extra
        if want.sum():
            top = np.unravel_index(int(np.argmax(score)), score.shape)
            self.note(v, f"collection: {spent:g} a month, most on "
                         f"{rules.discipline_ids[top[1]]} in {world.regions[top[0]].name}")

    def _collection_share(self, v: PlayerView) -> float:
        """Hard reasons about where its collection ends up: what a closed pact copies to
        every member (R22) earns originator credit in all their operations (R30), so
        when its strongest discipline is one its pact shares, it collects more."""
        agency, world = v.agency, v.world
        if self.difficulty == "hard":
            best = world.rules.discipline_ids[int(np.argmax(agency.capability))]
            if any(p.kind == "closed" and agency.id in p.members and best in p.auto_share
                   for p in world.pacts):
                return PACT_COLLECTION_SHARE
        return self.skill.collection_share

    # ------------------------------------------------------------------ operations
    def _operations(self, v: PlayerView, budget: float):
        me = v.agency.id
        threshold = self.skill.op_threshold
        for tv in sorted(v.threats, key=lambda t: (t.threat.deadline, -t.threat.severity)):
            if tv.busy or tv.retry_from > v.round:
                continue
            if not tv.problem and tv.chance >= threshold and tv.cost <= budget:
                self.note(v, f"operation against {tv.threat.name}: {tv.chance:.0%}")
                yield LaunchOperation(me, tv.threat.id), tv.cost
                budget -= tv.cost
                continue
            near = tv.threat.deadline - v.round <= self.skill.foresight
            if ((tv.chance is None or tv.outside)
                    and (near or tv.outside or self.skill.joint_any_time)
                    and tv.picture.coverage >= self.skill.joint_from
                    and tv.cost / 2 <= budget and self.personality != "adversary"):
                partner = self._best_partner(v, tv, outside=tv.outside)
                if partner is not None:
                    region = v.world.regions[tv.threat.region].name
                    why = ("its deadline is near" if near else
                           f"only a service that may operate in {region} can act on it"
                           if tv.outside else
                           f"we hold {tv.picture.coverage:.0%} of the picture and pay half")
                    self.note(v, f"invited {partner} to a joint operation on "
                                 f"{tv.threat.name}: {why}")
                    yield ProposeJointOperation(me, partner, tv.threat.id), tv.cost / 2
                    budget -= tv.cost / 2

    def _best_partner(self, v: PlayerView, tv: ThreatView, outside: bool = False,
                      asking: bool = False) -> str | None:
        """The partner most likely to fill our gaps: public capability and access,
        weighed by trust and by how it has treated us. `outside` our jurisdiction (R11),
        only one the rules let us run a joint operation with there; `asking`, only one
        that may answer an ask about it (not one a court's disclosure has holding it
        back, R28)."""
        world = v.world
        best, best_score = None, 0.0
        for p in v.partners:
            if p.hostile and tv.threat.kind not in p.channel_kinds:
                continue
            if outside and not v.can_propose_joint(tv.threat.id, p.agency)[0]:
                continue
            if asking and v.withheld_from_us(p.agency, tv.threat.id):
                continue
            rec = self.records.get(p.agency, Record())
            if rec.grudge or (rec.last == "defected" and self.personality == "reciprocal"):
                continue
            a = world.agencies[world.agency_index(p.agency)]
            fill = sum(a.capability[d] for d, n in enumerate(tv.picture.missing) if n)
            if outside:  # the right to operate there is the gap it fills
                fill += 1.0
            s = fill * (0.3 + a.access[tv.threat.region]) * (0.5 + p.trust_in / 100)
            s *= 1 + self.rng.normal(0, self.skill.noise)
            if s > best_score:
                best, best_score = p.agency, s
        return best

    # ------------------------------------------------------------------ asks and gifts
    def _asks(self, v: PlayerView) -> Iterator[Action]:
        """Ask the best partner about the threats we cannot yet act on, soonest first,
        only where the answer can still be used and the rules let the ask through.
        Cooperators bring all they collected on it; a free rider the least that
        admits the ask (R16, R18)."""
        own: dict[int, list[int]] = {}
        for rid, rep in v.reports.items():
            if rep.originator == v.seat and rid not in v.known_false:
                own.setdefault(rep.threat, []).append(rid)
        asks = 0
        for tv in sorted(v.threats, key=lambda t: (t.threat.deadline, -t.threat.severity)):
            if asks >= self.skill.asks_per_turn:
                break
            t = tv.threat
            if (tv.chance is not None and tv.chance >= self.skill.op_threshold) or v.late(t.id):
                continue
            partner = self._best_partner(v, tv, asking=True)
            if partner is None or self.asked.get((partner, t.id)) == v.round:
                continue
            ask = self._ask(v, partner, t.id, own.get(t.id, []))
            if ask is None:
                continue
            self.asked[(partner, t.id)] = v.round
            asks += 1
            self.note(v, f"asked {partner} about {t.name}, offering {len(ask.offer)} report(s)")
            yield ask
        if self.personality in ("reciprocal", "generous", "grudger"):
            yield from self._warnings(v, own)
        if self.personality != "adversary":
            yield from self._forum_dues(v, own)

    def _ask(self, v: PlayerView, partner: str, threat: int,
             own: list[int]) -> ProposeExchange | None:
        """The ask to send, or None when the rules would stop every version of it."""
        me = v.agency.id
        offerable = [r for r in own if v.may_pass(partner, r)]
        if self.personality in ("free_rider", "adversary"):
            options = [offerable[:k] for k in range(len(offerable) + 1)]
        else:
            options = [offerable]
        for offer in options:
            ask = ProposeExchange(me, partner, tuple(offer), ask_threat=threat)
            if v.preview_exchange(ask).admitted:
                return ask
        return None

    def _warnings(self, v: PlayerView, own: dict[int, list[int]]) -> Iterator[Action]:
        """Pass what we collected on a plot against a partner's nation (ours included) to
        that partner: silence would be blamed if it struck (R13, R30)."""
        world = v.world
        me = v.agency.id
        for tv in v.threats:
            t = tv.threat
            for p in v.partners:
                if p.hostile:
                    continue
                nation = world.agency_nations[world.agency_index(p.agency)]
                if nation not in t.targets or (p.agency, -1 - t.id) in self.asked:
                    continue
                gift = tuple(r for r in own.get(t.id, ()) if v.may_pass(p.agency, r))
                if gift and not v.preview_exchange(ProposeExchange(me, p.agency, gift)).problem:
                    self.asked[(p.agency, -1 - t.id)] = v.round
                    self.note(v, f"warned {p.agency} about {t.name}, a threat to its nation")
                    yield ProposeExchange(me, p.agency, gift)
                    break

    def _forum_dues(self, v: PlayerView, own: dict[int, list[int]]) -> Iterator[Action]:
        """R22: a forum shares its summaries only with members that gave to it lately.
        About to fall out of good standing, give one report of our own on its kinds to
        the member it concerns most: cooperators their best, a free rider its least."""
        world = v.world
        for forum in v.forums:
            if forum.good_standing:
                continue
            mine = [(r, tv.threat) for tv in v.threats if tv.threat.kind in forum.kinds
                    for r in own.get(tv.threat.id, ())]
            if not mine:
                continue
            pick = min if self.personality == "free_rider" else max
            rid, threat = pick(mine, key=lambda m: (v.reports[m[0]].quality, m[0]))
            members = sorted(forum.members, key=lambda m: (
                world.agency_nations[world.agency_index(m)] not in threat.targets, m))
            for member in members:
                gift = ProposeExchange(v.agency.id, member, (rid,))
                if not v.preview_exchange(gift).problem:
                    self.note(v, f"gave {member} a report to stay in good standing with "
                                 f"{forum.name}")
                    yield gift
                    break

    # ------------------------------------------------------------------ security
    def _security(self, v: PlayerView, budget: float):
        """Sweeps when a hostile service is named against us (R25). The AI posts no
        liaison officers (R24): measured, the upkeep costs more score than the doubled
        credit line brings (docs/ai.md)."""
        me, pen = v.agency.id, v.world.rules.penetration
        hostile = any(n == v.agency.nation for n, _ in v.world.hostile_services)
        period = {"easy": 6, "normal": 4, "hard": 3}[self.difficulty]
        if (hostile and not v.swept and v.round % period == 0 and pen.sweep_cost <= budget
                and self.personality != "adversary"):
            self.note(v, "ordered a counter-intelligence sweep")
            yield Sweep(me), pen.sweep_cost
            budget -= pen.sweep_cost

    # ------------------------------------------------------------------ the adversary
    def _adversary(self, v: PlayerView) -> Iterator[Action]:
        """A hostile service feeds false reports through the moles it runs (R27)."""
        if v.budget < v.world.rules.penetration.fabricate_cost:
            return
        ids = v.world.rules.discipline_ids
        for m in v.moles:
            if m.hostile != v.agency.id or m.status != "active":
                continue
            for tv in v.threats:
                missing = [d for d, n in enumerate(tv.threat.needs) if n]
                if missing and self.rng.random() < 0.5:
                    d = missing[int(self.rng.integers(len(missing)))]
                    self.note(v, f"planted a false {ids[d]} report in {m.victim}'s files")
                    yield Disinform(v.agency.id, m.id, tv.threat.id, ids[d])
                    return
