"""R1-R6: the setting, the round and the budget. One case per rule situation."""

import pytest

from game.core import IllegalAction, apply
from game.core.actions import EndTurn, PostOfficer, SetProgramme
from game.scenario.loader import load
from tests.helpers import HUM, SIG, X, Y, Z, add_threat, game, next_round


def test_r1_scenario_defines_the_setting():
    """R1: a scenario defines disciplines (the base four by default), regions, nations,
    agencies and rounds; a round is a month from the scenario's start."""
    sc = load("the_envelope")
    world = sc.world
    assert world.rules.discipline_ids == ("HUMINT", "SIGINT", "GEOINT", "CYBER")
    assert [a.id for a in world.agencies] == ["MI5", "MI6", "GCHQ", "CIA", "NSA"]
    assert world.rounds == 8
    assert world.month_label(1) == "September 2016"
    assert world.month_label(5) == "January 2017"


def test_r2_hostile_below_minus_thirty():
    """R2: two nations whose relation is below -30 are hostile; -30 itself is not."""
    state = game()
    state.relations[0, 1] = state.relations[1, 0] = -30
    assert not state.hostile(X, Y)
    state.relations[0, 1] = state.relations[1, 0] = -31
    assert state.hostile(X, Y) and state.hostile(Y, X)
    assert not state.hostile(X, Z)


def test_r3_agency_profile_in_ruleset_order():
    """R3: capability is kept per discipline and access per region, in declared order."""
    state = game()
    x = state.world.agencies[X]
    assert x.capability == (0.8, 0.3, 0.3, 0.3)
    assert x.access == (0.5, 0.5)
    assert state.world.nations[state.nation_of(X)].id == "ATL"


def test_r4_seats_act_in_order_and_dusk_then_dawn_follow_the_last():
    """R4: seats act in order; acting out of turn is illegal; the last End Turn runs
    dusk (operations, executions) and the next dawn (new month)."""
    state = game()
    with pytest.raises(IllegalAction, match="X's turn"):
        apply(state, EndTurn("Y"))
    t = add_threat(state, deadline=1)
    apply(state, EndTurn("X"))
    apply(state, EndTurn("Y"))
    assert state.round == 1 and state.threats[t].active
    events = apply(state, EndTurn("Z"))
    kinds = [e.kind for e in events]
    assert kinds.index("executed") < kinds.index("dawn")
    assert state.round == 2 and state.current == X


def test_r5_budget_income_and_carry_over_cap():
    """R5: unspent budget carries over up to one round's worth, then the budget is added."""
    state = game()
    assert state.budget[X] == 100
    next_round(state)
    assert state.budget[X] == 200  # 100 kept (the cap) + 100 income
    next_round(state)
    assert state.budget[X] == 200  # 200 capped to 100, + 100


def test_r5_an_action_that_cannot_be_paid_is_illegal_and_changes_nothing():
    """R5: nothing may drive a budget below zero; an unpayable action is illegal."""
    state = game()
    state.budget[X] = 5
    with pytest.raises(IllegalAction, match="costs"):
        apply(state, PostOfficer("X", "Y"))
    assert state.budget[X] == 5 and not state.postings


def test_r6_programme_cost_is_level_times_unit_cost():
    """R6: raising SIGINT in the north to 2 costs 2 x 12 at once; the next dawn charges
    it again as a standing cost; lowering refunds nothing this month."""
    state = game()
    apply(state, SetProgramme("X", "north", "SIGINT", 2))
    assert state.budget[X] == 100 - 24
    apply(state, SetProgramme("X", "north", "SIGINT", 1))
    assert state.budget[X] == 76  # this month is already paid
    assert state.paid[X, 0, SIG] == 2 and state.orders[X, 0, SIG] == 1
    next_round(state)
    assert state.budget[X] == 76 + 100 - 12
    assert state.paid[X, 0, SIG] == 1


def test_r6_dawn_cuts_orders_the_budget_cannot_carry():
    """R5/R6: if standing orders cost more than the budget at dawn, the most expensive
    cells are cut a level at a time; the budget never goes negative."""
    state = game()
    state.budget[X] = 0
    state.orders[X, 0, SIG] = 3  # 36
    state.orders[X, 1, SIG] = 3  # 36
    state.orders[X, 0, HUM] = 3  # 24
    state.orders[X, 1, HUM] = 3  # 24: 120 in all, income is 100
    next_round(state)
    # SIGINT is the most expensive cell: the first cut takes one SIGINT level (12),
    # the second another (12): 96 fits.
    assert state.orders[X, :, SIG].sum() == 4 and state.orders[X, :, HUM].sum() == 6
    assert state.budget[X] == 100 - 96
    assert any(e.kind == "programme_cut" and e.seats == (X,) for e in state.log)
