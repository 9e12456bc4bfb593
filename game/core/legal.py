"""legal_actions: a finite menu of the actions a seat may take now, read from its view.

Exchanges are combinatorial (any subset of reports may be offered), so the
menu lists representative ones: for each partner and topic, asking with
nothing offered and asking with everything held on the topic; answers that
refuse, accept giving nothing, or accept giving the most the cap allows.
Everything listed applies; the random-play tests hold the engine to that.
Because the menu is computed from the view alone, handing it to an AI
leaks nothing the view does not.
"""

from __future__ import annotations

from game.core.actions import (
    Action,
    Answer,
    Choose,
    DecideMole,
    Disinform,
    EndTurn,
    Fabricate,
    LaunchOperation,
    PostOfficer,
    ProposeExchange,
    ProposeJointOperation,
    RecallOfficer,
    SetProgramme,
    Sweep,
)
from game.core.state import GameState
from game.core.view import IncomingView, PlayerView, view

EPS = 1e-9


def legal_actions(state: GameState, seat: int) -> list[Action]:
    if state.over or state.current != seat:
        return []
    return menu(view(state, seat))


def menu(v: PlayerView) -> list[Action]:
    if not v.is_my_turn:
        return []
    me = v.agency.id
    out: list[Action] = [EndTurn(me)]
    if v.answering:
        for incoming in v.inbox:
            out += _answers(v, incoming)
        return out
    for d in v.decisions:
        out += [Choose(me, d.pending, i) for i in range(len(d.options))]
    for m in v.moles:
        if m.status == "found" and m.victim == me:
            out += [DecideMole(me, m.id, True), DecideMole(me, m.id, False)]
    out += _programmes(v)
    out += _operations(v)
    out += _penetration(v)
    own: dict[int, list[int]] = {}
    for r, rep in sorted(v.reports.items()):
        own.setdefault(rep.threat, []).append(r)
    for p in v.partners:
        out += _proposals(v, p, own)
        if p.posted:
            out.append(RecallOfficer(me, p.agency))
        elif v.world.rules.posting.cost <= v.budget + EPS:
            out.append(PostOfficer(me, p.agency))
    return out


def _programmes(v: PlayerView) -> list[Action]:
    rules = v.world.rules
    out: list[Action] = []
    for r, region in enumerate(v.world.regions):
        for d, disc in enumerate(rules.disciplines):
            for level in range(rules.collection.max_level + 1):
                if level == v.orders[r, d]:
                    continue
                if max(0, level - int(v.paid[r, d])) * disc.cost <= v.budget + EPS:
                    out.append(SetProgramme(v.agency.id, region.id, disc.id, level))
    return out


def greedy_give(incoming: IncomingView, limit: float | None = None) -> tuple[int, ...]:
    """The most valuable answer within `limit` (at most the cap), best reports first.

    Single values are summed: a batch is never worth more than its parts, so a
    give that fits here fits the engine's check too.
    """
    limit = incoming.cap if limit is None else min(limit, incoming.cap)
    give, total = [], 0.0
    for rid, val in sorted(incoming.candidates, key=lambda c: (-c[1], c[0])):
        if val > 0 and total + val <= limit + EPS:
            give.append(rid)
            total += val
    return tuple(give)


def _answers(v: PlayerView, incoming: IncomingView) -> list[Action]:
    me, cid = v.agency.id, incoming.cable.id
    out: list[Action] = [Answer(me, cid, False)]
    if incoming.joint is not None:
        if not incoming.problem:
            out.append(Answer(me, cid, True))
        return out
    out.append(Answer(me, cid, True))
    give = greedy_give(incoming)
    if give:
        out.append(Answer(me, cid, True, give))
    return out


def _operations(v: PlayerView) -> list[Action]:
    return [LaunchOperation(v.agency.id, tv.threat.id) for tv in v.threats if not tv.problem]


def _penetration(v: PlayerView) -> list[Action]:
    """Sweeps, fabrication and disinformation through the moles this seat runs (R25, R27)."""
    me, pen = v.agency.id, v.world.rules.penetration
    out: list[Action] = []
    if not v.swept and pen.sweep_cost <= v.budget + EPS:
        out.append(Sweep(me))
    if pen.fabricate_cost > v.budget + EPS:
        return out
    ids = v.world.rules.discipline_ids
    channels = [m.id for m in v.moles
                if (m.hostile == me and m.status == "active")
                or (m.victim == me and m.status == "run_back")]
    for tv in v.threats:
        for d, need in enumerate(tv.threat.needs):
            if need:
                out.append(Fabricate(me, tv.threat.id, ids[d]))
                out += [Disinform(me, m, tv.threat.id, ids[d]) for m in channels]
    return out


def _proposals(v: PlayerView, p, own_by_threat: dict[int, list[int]]) -> list[Action]:
    """Asks with nothing and with everything held on a threat, gifts, asks about each
    region, and joint operations; each kept only if the rules would take it."""
    me = v.agency.id
    out: list[Action] = []
    if p.hostile and not p.channel_kinds:
        return out
    ids = v.world.rules.discipline_ids
    candidates: list[ProposeExchange] = []
    for tv in v.threats:
        t = tv.threat
        own = tuple(r for r in own_by_threat.get(t.id, ())
                    if ids[v.reports[r].discipline] not in p.suspended)
        candidates.append(ProposeExchange(me, p.agency, (), ask_threat=t.id))
        if own:
            candidates += [ProposeExchange(me, p.agency, own, ask_threat=t.id),
                           ProposeExchange(me, p.agency, own)]
        if v.can_propose_joint(t.id, p.agency)[0]:
            out.append(ProposeJointOperation(me, p.agency, t.id))
    candidates += [ProposeExchange(me, p.agency, (), ask_region=r.id) for r in v.world.regions]
    out += [a for a in candidates if not v.preview_exchange(a).problem]
    return out
