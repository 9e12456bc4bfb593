"""Invariants under random legal play (hypothesis), and the legality contract.

Every step of a random game checks: budgets never negative, trust within 0-100,
the ledger antisymmetric, no report lost or duplicated, and each seat's view
holding nothing of another seat's. At intervals every listed legal action is
applied to a clone (each must apply) and a batch of illegal ones to the state
(each must raise IllegalAction and change nothing).
"""

from __future__ import annotations

from functools import cache

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core import IllegalAction, apply, digest, legal_actions, new_game, view
from game.core.actions import (
    Answer,
    EndTurn,
    LaunchOperation,
    PostOfficer,
    ProposeExchange,
    ProposeJointOperation,
    SetProgramme,
)
from game.scenario.loader import load

SCENARIOS = ("the_envelope", "ruritania", "huawei_2020", "no_eternal_allies_1950",
             "channels_2021", "club_of_berne_2004")


@cache
def scenario(name: str):
    return load(name)


def check_invariants(state, held_before):
    assert (state.budget >= -1e-9).all()
    assert (state.trust >= 0).all() and (state.trust <= 100).all()
    np.testing.assert_allclose(state.ledger, -state.ledger.T, atol=1e-9)
    for a, holding in enumerate(state.holdings):
        assert held_before[a] <= set(holding), "a report was lost"
        assert all(0 <= r < len(state.reports) for r in holding)
        assert all(c.report == r and c.chain[-1] == a for r, c in holding.items())
    for report in state.reports:  # every original stays with its originator
        if report.summary_of is None:
            assert report.id in state.holdings[report.originator]


def check_view_secrecy(state, seat):
    v = view(state, seat)
    offered = {r.id for inc in v.inbox for r in inc.offered}
    assert set(v.reports) == set(state.holdings[seat])
    assert set(v.reports) | offered >= {r for inc in v.inbox for r in inc.cable.offer}
    mentioned = {r for tv in v.threats for r, _ in tv.picture.counted}
    mentioned |= {r for inc in v.inbox for r, _ in inc.candidates}
    mentioned |= {r for inc in v.inbox if inc.joint for r, _ in inc.joint.counted}
    assert mentioned <= set(state.holdings[seat])
    np.testing.assert_array_equal(v.orders, state.orders[seat])
    assert v.budget == state.budget[seat]
    assert all(c.sender == seat for c in v.outbox)
    assert all(inc.cable.recipient == seat for inc in v.inbox)
    assert [p.ledger for p in v.partners] == [
        state.ledger[seat, b] for b in range(state.n_agencies) if b != seat]
    assert all(e.visible_to(seat) for e in v.events)
    assert not hasattr(v, "script") and not hasattr(v.world, "script")


def illegal_actions(state, seat):
    """Actions that must be refused: out of turn, out of range, not held, unknown."""
    me = state.world.agencies[seat].id
    other = state.world.agencies[(seat + 1) % state.n_agencies].id
    region = state.world.regions[0].id
    unknown = next((t.id for t in state.threats if not state.knows(seat, t.id)), 10_000)
    foreign = next((r for r in range(len(state.reports)) if r not in state.holdings[seat]), 10_000)
    return [
        EndTurn(other),
        SetProgramme(me, region, "HUMINT", 9),
        SetProgramme(me, "atlantis", "HUMINT", 1),
        ProposeExchange(me, me, (), ask_region=region),
        ProposeExchange(me, other, (foreign,), ask_region=region),
        ProposeExchange(me, other, (), ask_threat=unknown),
        ProposeExchange(me, other),
        Answer(me, 10_000, True),
        LaunchOperation(me, unknown),
        ProposeJointOperation(me, other, unknown),
        PostOfficer(me, me),
    ]


def random_game(name: str, seed: int, steps: int, full_check_every: int):
    state, _ = new_game(scenario(name), seed)
    rng = np.random.default_rng(seed)
    for step in range(steps):
        if state.over:
            break
        seat = state.current
        legal = legal_actions(state, seat)
        assert legal, "a seat on its turn always has End Turn"
        if step % full_check_every == 0:
            for action in legal:
                apply(state.clone(), action)
            before = digest(state)
            for action in illegal_actions(state, seat):
                try:
                    apply(state, action)
                except IllegalAction:
                    pass
                else:
                    raise AssertionError(f"illegal action applied: {action}")
                assert digest(state) == before, f"{action} changed the state"
            check_view_secrecy(state, (seat + 1) % state.n_agencies)
        held_before = [set(h) for h in state.holdings]
        # End turns often enough that games reach their later months.
        action = legal[0] if rng.random() < 0.15 else legal[int(rng.integers(len(legal)))]
        apply(state, action)
        check_invariants(state, held_before)
    return state


@settings(max_examples=18, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31), name=st.sampled_from(SCENARIOS))
def test_random_legal_play_keeps_every_invariant(seed, name):
    random_game(name, seed, steps=250, full_check_every=40)


def test_random_play_reaches_the_end_of_a_game():
    """A random game runs to its last round (or a catastrophe) without an error."""
    state = random_game("the_envelope", 5, steps=5_000, full_check_every=500)
    assert state.over
