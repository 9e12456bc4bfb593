"""R29-R31: security, scores, catastrophe and victory."""

from dataclasses import replace

import numpy as np
import pytest

from game.core import apply
from game.core.actions import EndTurn, LaunchOperation
from game.core.liaison import transfer
from game.core.records import FOILED
from game.core.scoring import scores, winners
from tests.helpers import HUM, SIG, X, Y, Z, add_report, add_threat, game, next_round


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


def test_r30_score_weights_security_credit_and_reputation():
    """R30: score = security of own nation + operation credit + 2 per own report used
    in someone else's success + 0.2 x mean trust the others place in the agency."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0), targets=(2,), severity=2)
    add_report(state, X, t, HUM)
    ry = add_report(state, Y, t, SIG)
    transfer(state, Y, X, [ry], ())
    _foil(state, t)
    s = scores(state)
    reputation = (state.trust.sum(axis=0) - np.diag(state.trust)) / 2
    assert state.credit.tolist() == [20.0, 2.0, 0.0]  # X led; Y's report was used
    assert s[X] == pytest.approx(0 + 20 + 0.2 * reputation[X])
    assert s[Y] == pytest.approx(0 + 2 + 0.2 * reputation[Y])
    assert s[Z] == pytest.approx(20 + 0 + 0.2 * reputation[Z])  # Caledonia was protected


def test_r31_catastrophe_ends_the_game_and_everyone_loses():
    """R31: when total damage reaches the scenario's line, the game ends and nobody wins."""
    state = game(victory={"catastrophe": 6})
    add_threat(state, targets=(0, 1, 2), severity=2, deadline=1)
    next_round(state)
    assert state.damage == 6 and state.over and state.catastrophe
    assert winners(state) == []
    assert state.log[-1].kind == "catastrophe"


def test_r31_otherwise_the_highest_score_wins_at_the_last_round():
    """R31: the game ends after its last round; the highest score wins."""
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
