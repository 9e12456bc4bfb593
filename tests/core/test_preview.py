"""The exchange composer's preview is what the engine then does (R15-R18, R20-R23).

Over random small games (threats, reports, programmes, trust, ledgers, hostility,
channels, postings, a few random legal moves) and random proposals, including
malformed ones: when `view.preview_exchange` names a problem, applying the
proposal raises IllegalAction with that message; otherwise the cable the engine
sends carries the preview's refusal, cap and offer value.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core import IllegalAction, apply, menu, new_game, view
from game.core.actions import Answer, EndTurn, ProposeExchange, ProposeJointOperation
from game.core.pacts import share
from game.core.records import ANSWERS, DELIVERED, FOILED, IN_TRANSIT, ORDERS, WITHDRAWN
from game.scenario.loader import build
from tests.helpers import add_report, add_threat, raw_world

# X and Y share SIGINT in a closed pact (R22), so that pact copies are offered and given
# too (R17: worth nothing to a member the pact shares them with); Z stands outside it.
SCENARIO = build(raw_world(pacts=[{"id": "p", "name": "Pact", "kind": "closed",
                                   "members": ["X", "Y"], "trust_floor": 0,
                                   "auto_share": ["SIGINT"]}]))
IDS = SCENARIO.world.rules.discipline_ids
AGENCIES = [a.id for a in SCENARIO.world.agencies]
REGIONS = [r.id for r in SCENARIO.world.regions]


def _situation(data, seed: int):
    """A small game in a random state, with the seat to move."""
    state, _ = new_game(SCENARIO, seed)
    n = state.n_agencies
    for _ in range(data.draw(st.integers(1, 3))):
        t = add_threat(state, needs=tuple(data.draw(st.integers(0, 2)) for _ in IDS),
                       region=data.draw(st.integers(0, len(REGIONS) - 1)),
                       targets=(data.draw(st.integers(0, 2)),),
                       deadline=state.round + data.draw(st.integers(0, 3)),
                       kind=data.draw(st.sampled_from(["terrorism", "cyber"])))
        if data.draw(st.booleans()) and data.draw(st.booleans()):
            state.threats[t] = replace(state.threats[t], status=FOILED, ended=state.round)
    added = [add_report(state, data.draw(st.sampled_from([0, 0, 1, 2])),
                        data.draw(st.integers(0, len(state.threats) - 1)),
                        data.draw(st.integers(0, len(IDS) - 1)),
                        quality=data.draw(st.floats(0.1, 1.0)))
             for _ in range(data.draw(st.integers(0, 6)))]
    share(state, added, [])  # the pact copies them as a dawn would
    for a in range(n):
        for r in range(len(REGIONS)):
            state.paid[a, r, 0] = state.orders[a, r, 0] = data.draw(st.sampled_from([0, 0, 1]))
        for b in range(n):
            if a != b:
                state.trust[a, b] = data.draw(st.floats(0, 100))
    for a in range(n):
        for b in range(a + 1, n):
            debt = data.draw(st.sampled_from([0.0, 0.5, -0.5, 3.0, -3.0]))
            state.ledger[a, b], state.ledger[b, a] = debt, -debt
            state.relations[a, b] = state.relations[b, a] = data.draw(
                st.sampled_from([60.0, 0.0, 0.0, 0.0, -80.0]))
    nations = [n.id for n in SCENARIO.world.nations]
    state.channels = frozenset(
        (*sorted((x, y)), "cyber") for i, x in enumerate(nations) for y in nations[i + 1:]
        if data.draw(st.booleans()))
    state.postings = frozenset((a, b) for a in range(n) for b in range(n)
                               if a != b and data.draw(st.integers(0, 3)) == 0)
    for _ in range(data.draw(st.integers(0, 8))):  # a few legal moves: turns, rounds, answers
        if state.over:
            break
        moves = menu(view(state, state.current))
        asks = [m for m in moves if isinstance(m, ProposeExchange)]
        how = data.draw(st.sampled_from(["end", "ask", "any"]))
        move = data.draw(st.sampled_from(asks)) if how == "ask" and asks else \
            data.draw(st.sampled_from(moves)) if how == "any" else moves[0]  # EndTurn first
        apply(state, move)
    return state


def _proposal(data, state) -> ProposeExchange:
    seat = state.current
    held = sorted(state.holdings[seat])
    odd = data.draw(st.integers(0, 5)) == 0  # now and then a malformed proposal
    pool = [*held, 999] if odd else held
    offer = tuple(data.draw(st.lists(st.sampled_from(pool), max_size=3))) if pool else ()
    known = sorted(state.on[seat])
    ask = data.draw(st.sampled_from((["none"] if offer or odd else []) + ["region", "region"]
                                    + (["threat", "threat"] if known or odd else [])
                                    + (["both"] if odd else [])))
    threat = data.draw(st.sampled_from([*known, 99] if odd or not known else known))
    region = data.draw(st.sampled_from([*REGIONS, "atlantis"] if odd else REGIONS))
    own = [r for r in offer if r in held and state.reports[r].originator == seat]
    caveatable = [*offer, 998] if odd else own
    return ProposeExchange(
        AGENCIES[seat], data.draw(st.sampled_from([a for i, a in enumerate(AGENCIES)
                                                   if i != seat])),
        offer,
        ask_threat=threat if ask in ("threat", "both") else None,
        ask_region=region if ask in ("region", "both") else None,
        disciplines=tuple(data.draw(st.lists(st.sampled_from([*IDS, "PSYOP"] if odd else IDS),
                                             max_size=2))),
        caveats=tuple(data.draw(st.lists(st.sampled_from(caveatable), max_size=2)))
        if caveatable else (),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), data=st.data())
def test_the_composer_preview_is_what_the_engine_does(seed, data):
    state = _situation(data, seed)
    if state.over:
        return
    action = _proposal(data, state)
    verdict = view(state, state.current).preview_exchange(action)
    first = state.next_cable
    if verdict.problem:
        ledger = state.ledger.copy()
        with pytest.raises(IllegalAction) as refused:
            apply(state, action)
        assert str(refused.value) == verdict.problem
        assert state.next_cable == first and np.array_equal(state.ledger, ledger)
        return
    apply(state, action)
    cable = state.cables[first]
    assert (cable.refusal, cable.cap, cable.value_offered) == \
        (verdict.refusal, verdict.cap, verdict.offer_value)
    assert cable.admitted == verdict.admitted


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), data=st.data())
def test_the_joint_operation_verdict_is_what_the_engine_does(seed, data):
    """R12/R23: `view.can_propose_joint` says yes exactly when the engine takes the
    proposal, and its reason is the engine's refusal word for word."""
    state = _situation(data, seed)
    if state.over or not state.on[state.current]:
        return
    seat = state.current
    threat = data.draw(st.sampled_from(sorted(state.on[seat])))
    partner = data.draw(st.sampled_from([a for i, a in enumerate(AGENCIES) if i != seat]))
    ok, why = view(state, seat).can_propose_joint(threat, partner)
    action = ProposeJointOperation(AGENCIES[seat], partner, threat)
    if ok:
        apply(state, action)
        assert state.cables[state.next_cable - 1].threat == threat
    elif view(state, seat).threat(threat) is not None:
        with pytest.raises(IllegalAction) as refused:
            apply(state, action)
        assert str(refused.value) == why


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), data=st.data())
def test_the_join_verdict_is_what_the_engine_does(seed, data):
    """R11/R12: the answer dialog's verdict on an invitation (`IncomingView.problem`,
    `.chance`, `.withdraws`) is what the engine then does. Every seat holds random
    reports and budgets and invites at random, so a seat is often invited against a
    plot it has invited someone to itself: joining must withdraw exactly the
    invitations the view named and move the budget by their shares less its own."""
    state = _situation(data, seed)
    if state.over or state.phase != ORDERS:
        return
    for threat in state.threats:  # each seat covers some of what each plot needs
        for a in range(state.n_agencies):
            for d, n in enumerate(threat.needs):
                for _ in range(n if data.draw(st.booleans()) else 0):
                    add_report(state, a, threat.id, d, quality=0.9)
    if data.draw(st.booleans()):
        state.budget[:] = [data.draw(st.sampled_from([0.0, 5.0, 15.0, 100.0]))
                           for _ in range(state.n_agencies)]
    month = state.round
    while state.phase == ORDERS and state.round == month and not state.over:
        seat = state.current
        for t in sorted(state.on[seat]):
            partner = data.draw(st.sampled_from([a for i, a in enumerate(AGENCIES) if i != seat]))
            if data.draw(st.integers(0, 3)) and view(state, seat).can_propose_joint(t, partner)[0]:
                apply(state, ProposeJointOperation(AGENCIES[seat], partner, t))
        apply(state, EndTurn(AGENCIES[seat]))
    while state.phase == ANSWERS and not state.over:
        seat = state.current
        for cable in [i.cable.id for i in view(state, seat).inbox if i.joint is not None]:
            incoming = next(i for i in view(state, seat).inbox if i.cable.id == cable)
            trial = state.clone()
            before = float(trial.budget[seat])
            mine = [c.id for c in trial.cables.values() if c.sender == seat and
                    c.threat == incoming.cable.threat and c.status in (IN_TRANSIT, DELIVERED)]
            try:
                apply(trial, Answer(AGENCIES[seat], incoming.cable.id, True))
            except IllegalAction as refused:
                assert (incoming.problem, incoming.chance) == (str(refused), None)
                # what the inviter may be told: always something, never our budget
                assert incoming.said and f"{before:.1f}" not in incoming.said
                continue
            assert incoming.problem == incoming.said == ""
            assert trial.operations[-1].shown == incoming.chance
            assert incoming.withdraws == tuple(AGENCIES[state.cables[c].recipient] for c in mine)
            back = sum(state.cables[c].escrow for c in mine)
            assert trial.budget[seat] == pytest.approx(before + back - incoming.share)
            assert all(trial.cables[c].status == WITHDRAWN for c in mine)
            if data.draw(st.booleans()):  # play on from here: later answers see it
                apply(state, Answer(AGENCIES[seat], incoming.cable.id, True))
        apply(state, EndTurn(AGENCIES[seat]))
