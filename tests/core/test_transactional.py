"""R28: a political rupture turns a relationship transactional ("a more transactional
(and potentially fragile) relationship", sources/001, on the Huawei decision). For some
months the lender extends a share of its credit line (R18) and gains a share of the
trust a trade would earn (R19). One case per situation."""

import pytest

from game.core import apply, view
from game.core.actions import Answer, ProposeExchange
from game.core.codec import state_from_dict, state_to_dict
from game.core.effects import apply_effect
from game.core.state import GameState
from tests.helpers import (
    HUM,
    SIG,
    X,
    Y,
    add_report,
    add_threat,
    answer_round,
    end_turns_until,
    game,
    next_round,
)

STRICT = {"transactional": {"from": "Y", "to": "X", "rounds": 2, "credit": 0.25}}


def _ruptured(**effect) -> GameState:
    """Round 1, X to play: at its dawn Y turned to strict terms with X (rounds 1 and 2)."""
    terms = {**STRICT["transactional"], **effect}
    return game(events=[{"id": "rupture", "title": "A rupture", "text": "It happens.",
                         "history": "It did.", "when": {"round": 1},
                         "effects": [{"transactional": terms}]}])


def test_r28_strict_terms_cut_the_lenders_credit_line_for_their_months():
    state, plain = _ruptured(), game()
    line = plain.credit_line(Y, X)
    assert state.strict_terms == {(Y, X): (2, 0.25, 0.5)}
    assert state.credit_line(Y, X) == pytest.approx(0.25 * line) and line > 0
    assert state.credit_line(X, Y) == pytest.approx(plain.credit_line(X, Y))  # one way
    assert view(state, X).partner("Y").credit_line == pytest.approx(0.25 * line)
    next_round(state)  # round 2: still in force
    assert state.credit_line(Y, X) == pytest.approx(0.25 * state.trust[Y, X]
                                                   * state.rules.trust.credit_per_trust)
    next_round(state)  # round 3: over
    assert state.terms(Y, X) is None
    assert state.credit_line(Y, X) == pytest.approx(state.trust[Y, X]
                                                   * state.rules.trust.credit_per_trust)


def _balanced_trade(state: GameState) -> None:
    """X asks Y about a threat on a third nation, offering a report; Y answers with one of
    its own, of like worth."""
    t = add_threat(state, deadline=99, targets=(2,))
    rx, ry = add_report(state, X, t, HUM), add_report(state, Y, t, SIG)
    apply(state, ProposeExchange("X", "Y", (rx,), ask_threat=t))
    answer_round(state)
    (incoming,) = view(state, Y).inbox
    apply(state, Answer("Y", incoming.cable.id, True, (ry,)))


def test_r28_the_lender_gains_only_its_share_of_a_trades_trust():
    state, plain = _ruptured(), game()
    for s in (state, plain):
        _balanced_trade(s)
    gain = state.rules.trust.balanced_gain
    assert plain.trust[Y, X] - game().trust[Y, X] == pytest.approx(gain)
    assert state.trust[Y, X] - game().trust[Y, X] == pytest.approx(0.5 * gain)
    assert state.trust[X, Y] == pytest.approx(plain.trust[X, Y])  # the borrower: in full


def test_r28_a_second_rupture_extends_and_tightens_never_eases():
    state = _ruptured()
    state.strict_terms[(Y, X)] = (5, 0.5, 0.25)
    spec = state.scenario.script.events[0]
    apply_effect(state, spec.effects[0], spec, [])
    assert state.strict_terms[(Y, X)] == (5, 0.25, 0.25)


def test_r28_terms_that_have_run_out_count_for_nothing_in_a_new_ruling():
    state = _ruptured()
    state.strict_terms[(Y, X)] = (0, 0.0, 0.1)  # ran out before the game began
    spec = state.scenario.script.events[0]
    apply_effect(state, spec.effects[0], spec, [])
    assert state.strict_terms[(Y, X)] == (2, 0.25, 0.5)


def test_r28_both_sides_read_the_terms_in_words():
    state = _ruptured()
    said = ("Y deals with X on strict terms (R28) until the end of February 2020: 25% of the "
            "credit line (R18), and 50% of the trust a trade would earn (R19)")
    theirs, ours = view(state, X).partner("Y"), view(state, Y).partner("X")
    assert theirs.strict == (2, 0.25, 0.5) and theirs.strict_said == said
    assert ours.strict_given == (2, 0.25, 0.5) and ours.strict_given_said == said
    assert theirs.strict_given is None and ours.strict is None


def test_r28_the_monthly_report_tells_both_sides_the_terms():
    state = game(events=[{"id": "rupture", "title": "A rupture", "text": "It happens.",
                          "history": "It did.", "when": {"round": 2}, "effects": [STRICT]}])
    next_round(state)  # round 2's dawn: strict terms for rounds 2 and 3
    borrower = view(state, X, explained=True).report.events
    end_turns_until(state, Y)
    lender = view(state, Y, explained=True).report.events
    ends = "on strict terms (R28) until the end of March 2020: 25% of the credit line (R18), " \
           "and 50% of the trust a trade would earn (R19)"
    assert [e.consequences for e in borrower] == [(f"Y deals with you {ends}",)]
    assert [e.consequences for e in lender] == [(f"Y deals with X {ends}",)]


def test_r28_strict_terms_survive_a_save():
    state = _ruptured()
    again = state_from_dict(state.scenario, state_to_dict(state))
    assert again.strict_terms == state.strict_terms
    assert again.credit_line(Y, X) == state.credit_line(Y, X)
