"""R29-R31: security, scores, catastrophe and victory."""

from dataclasses import replace

import numpy as np
import pytest

from game.core import apply
from game.core.actions import EndTurn, LaunchOperation
from game.core.liaison import transfer
from game.core.records import FOILED
from game.core.scoring import scores, standings, winners
from tests.helpers import (
    GEO,
    HUM,
    SIG,
    X,
    Y,
    Z,
    add_report,
    add_threat,
    agency_data,
    game,
    next_round,
)


def _certain(state):
    """Make the operation just launched a sure thing (the dice are tested under R11)."""
    state.operations[-1] = replace(state.operations[-1], chance=1.0)


def _foil(state, t):
    apply(state, LaunchOperation("X", t))
    _certain(state)
    next_round(state)
    assert state.threats[t].status == FOILED


def test_r29_security_rewards_foiled_and_punishes_executed_threats():
    """R29: +10 x severity per foiled threat against a nation, -15 x severity per
    executed one, for every target nation."""
    state = game()
    foiled = add_threat(state, needs=(1, 0, 0, 0), targets=(0, 1), severity=2, deadline=5)
    add_threat(state, targets=(1,), severity=3, deadline=1)
    add_report(state, X, foiled, HUM)
    _foil(state, foiled)
    assert state.security.tolist() == [20.0, 20.0 - 45.0, 0.0]


def test_r30_a_foiled_threat_pays_those_who_made_it_possible():
    """R30 (changed, docs/rules.md): a foiled threat's credit, 10 x severity, goes half by
    the reports each agency originated in the picture and half by the cost each paid.
    X leads with its own HUMINT and Y's SIGINT: X 5 + 10, Y 5; Z, whose nation was the
    target, earns nothing for what others did. Score = part + the scenario's reputation
    weight (0.2 here; base.yaml's is 0) x reputation."""
    state = game(victory={"catastrophe": 60, "weights": {"security": 0, "contribution": 1,
                                                         "reputation": 0.2}})
    t = add_threat(state, needs=(1, 1, 0, 0), targets=(2,), severity=2)
    add_report(state, X, t, HUM)
    ry = add_report(state, Y, t, SIG)
    transfer(state, Y, X, [ry], ())
    _foil(state, t)
    s = scores(state)
    reputation = (state.trust.sum(axis=0) - np.diag(state.trust)) / 2
    assert state.credit.tolist() == [15.0, 5.0, 0.0]
    assert s[X] == pytest.approx(15 + 0.2 * reputation[X])
    assert s[Y] == pytest.approx(5 + 0.2 * reputation[Y])
    assert s[Z] == pytest.approx(0.2 * reputation[Z])


def test_r30_sitting_on_your_own_reports_of_a_threat_that_strikes_is_blamed():
    """R30: a severity-3 plot needing HUMINT 2 and SIGINT 1 strikes. Y collected two
    SIGINT reports and passed none, and passing its GEOINT report (which the plot does
    not need) does not help: it kept back 1 of the 3 fragments, so it loses
    30 x 3 x 1/3 = 30. X passed its HUMINT report to Z: no blame. Z collected nothing."""
    state = game()
    t = add_threat(state, needs=(2, 1, 0, 0), targets=(0,), severity=3, deadline=1)
    for _ in range(2):
        add_report(state, Y, t, SIG)
    transfer(state, Y, Z, [add_report(state, Y, t, GEO)], ())
    transfer(state, X, Z, [add_report(state, X, t, HUM)], ())
    next_round(state)
    assert state.blame.tolist() == [0.0, 30.0, 0.0]
    told = [e.text for e in state.log if e.kind == "blamed"]
    assert len(told) == 1 and "−30.0" in told[0]


def test_r30_a_threat_that_needs_nothing_blames_nobody():
    """R30: a picture of no fragments has nothing to keep back (found by the preview
    property test: the strike used to divide by zero)."""
    state = game()
    t = add_threat(state, needs=(0, 0, 0, 0), targets=(0,), severity=2, deadline=1)
    add_report(state, X, t, HUM)
    next_round(state)
    assert state.blame.tolist() == [0.0, 0.0, 0.0]


def test_r30_an_operation_tried_is_no_blame():
    """R30: an agency that ran an operation against the threat, even one that failed,
    is not blamed for keeping its reports."""
    state = game()
    t = add_threat(state, needs=(1, 0, 0, 0), targets=(0,), severity=2, deadline=2)
    add_report(state, X, t, HUM)
    apply(state, LaunchOperation("X", t))
    state.operations[-1] = replace(state.operations[-1], chance=0.0)
    next_round(state)
    next_round(state)
    assert state.threats[t].status != FOILED and state.blame[X] == 0.0


def test_r30_one_nation_plays_as_a_team_scored_per_unit_of_budget():
    """R30: agencies of one nation share one score: their parts summed and scaled by the
    scenario's mean budget over theirs. X (100) and Y (50) of Atlantis earned 30 and 15,
    Z (150) of Caledonia 20: mean budget 100, so Atlantis 45 x 100/150 = 30 for both,
    Caledonia 20 x 100/150."""
    weights = {"weights": {"security": 0, "contribution": 1, "reputation": 0},
               "catastrophe": 60}
    state = game(victory=weights, agencies=[
        {**agency_data("X", "ATL"), "budget": 100}, {**agency_data("Y", "ATL"), "budget": 50},
        {**agency_data("Z", "CAL"), "budget": 150}])
    state.credit[:] = [30.0, 15.0, 20.0]
    assert scores(state).tolist() == pytest.approx([30.0, 30.0, 20 * 100 / 150])


def test_r30_credit_grows_through_the_game():
    """R30: credit and blame are worth x(1 + late_weight x progress): the same foil
    pays 10 x 2 = 20 in the first month and 20 x (1 + late_weight) in the last of ten
    (60 at base.yaml's late_weight of 2)."""
    state = game()
    t = add_threat(state, needs=(1, 0, 0, 0), targets=(1,), severity=2, deadline=99)
    add_report(state, X, t, HUM)
    while state.round < 10:
        next_round(state)
    _foil(state, t)
    assert state.credit[X] == pytest.approx(20.0 * (1 + state.rules.scoring.late_weight)) == 60


def test_r31_only_playable_agencies_win():
    """R31: a service that is never a player's seat (playable: false) cannot win."""
    state = game(rounds=1, agencies=[agency_data("X", "ATL"), agency_data("Y", "BOR"),
                                     {**agency_data("Z", "CAL"), "playable": False}])
    state.credit[:] = [5.0, 1.0, 50.0]
    next_round(state)
    assert winners(state) == [X]


def test_r31_catastrophe_ends_the_game_and_everyone_loses():
    """R31: when total damage reaches the scenario's line, the game ends and nobody wins."""
    state = game(victory={"catastrophe": 6})
    add_threat(state, targets=(0, 1, 2), severity=2, deadline=1)
    next_round(state)
    assert state.damage == 6 and state.over and state.catastrophe
    assert winners(state) == []
    assert state.log[-1].kind == "catastrophe"


def test_r31_otherwise_the_largest_share_wins_at_the_last_round():
    """R31: the game ends after its last round; without objectives every team is
    measured against 100, so the largest share is the highest score."""
    state = game(rounds=2)
    t = add_threat(state, needs=(1, 0, 0, 0), targets=(1,), severity=2)
    add_report(state, Y, t, HUM)
    next_round(state)
    apply(state, EndTurn("X"))
    apply(state, LaunchOperation("Y", t))
    _certain(state)
    next_round(state)
    assert state.over and not state.catastrophe and state.round == 2
    assert winners(state) == [Y]


def test_r31_the_largest_share_of_its_objective_wins_not_the_largest_score():
    """R31: a small service that reaches more of its target beats a bigger score that
    reaches less of its own."""
    big = {**agency_data("X", "ATL"), "objective": {"target": 100}}
    small = {**agency_data("Y", "BOR"), "objective": {"target": 20}}
    third = {**agency_data("Z", "CAL"), "objective": {"target": 60}}
    state = game(rounds=1, agencies=[big, small, third])
    state.credit[:] = [60.0, 15.0, 30.0]  # scores scale alike (equal budgets)
    next_round(state)
    s = scores(state)
    assert s[X] > s[Y] and s[X] > s[Z]
    assert standings(state)[Y] == pytest.approx(s[Y] / 20)
    assert winners(state) == [Y]


def test_r31_a_nations_agencies_are_measured_against_the_mean_of_their_targets():
    """R31: agencies of one nation share one score, so they share one target: the mean
    of the targets they declare; without objectives every team is measured against 100."""
    a = {**agency_data("X", "ATL"), "objective": {"target": 30}}
    b = {**agency_data("Y", "ATL"), "objective": {"target": 50}}
    c = {**agency_data("Z", "BOR"), "objective": {"target": 10}}
    state = game(rounds=1, agencies=[a, b, c])
    assert state.world.targets == (40.0, 40.0, 10.0)
    plain = game(rounds=1)
    assert set(plain.world.targets) == {100.0}
