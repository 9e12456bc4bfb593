"""R14-R18: copies, cables, the standing rule, value, the ledger and its cap."""

import pytest

from game.core import IllegalAction, apply, view
from game.core.actions import Answer, ProposeExchange, SetProgramme
from game.core.liaison import CANNED, true_value
from game.core.records import ACCEPTED, DELIVERED, NOTHING
from tests.helpers import (
    GEO,
    HUM,
    SIG,
    X,
    Y,
    Z,
    add_report,
    add_threat,
    end_turns_until,
    game,
    next_round,
)


def _deliver_to_y(state):
    """Move from X's turn to Y's turn of the next round (the cable arrives at dawn)."""
    next_round(state)
    end_turns_until(state, Y)


def test_r14_sharing_copies_and_records_the_chain():
    """R14: an accepted exchange copies reports; the giver keeps its own; the copy names
    the originator and the chain of who passed it to whom."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0))
    rx = add_report(state, X, t, HUM)
    ry = add_report(state, Y, t, SIG)
    apply(state, ProposeExchange("X", "Y", (rx,), ask_threat=t))
    _deliver_to_y(state)
    cable = view(state, Y).inbox[0].cable
    apply(state, Answer("Y", cable.id, True, (ry,)))
    assert rx in state.holdings[X] and ry in state.holdings[Y]  # nothing is lost
    assert state.holdings[Y][rx].chain == (X, Y)
    assert state.holdings[X][ry].chain == (Y, X)
    assert state.reports[rx].originator == X


def test_r15_cable_arrives_at_next_dawn_and_is_answered_on_the_recipients_turn():
    """R15: a proposal travels as a cable: in transit this month, delivered at dawn,
    answered on the recipient's turn; both receive their copies at once."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0))
    rx = add_report(state, X, t, HUM)
    ry = add_report(state, Y, t, SIG)
    apply(state, ProposeExchange("X", "Y", (rx,), ask_threat=t))
    assert view(state, Y).inbox == ()
    next_round(state)
    (cable,) = state.cables.values()
    assert cable.status == DELIVERED
    with pytest.raises(IllegalAction, match="X's turn"):
        apply(state, Answer("Y", cable.id, True, (ry,)))
    end_turns_until(state, Y)
    apply(state, Answer("Y", cable.id, True, (ry,)))
    assert ry in state.holdings[X] and rx in state.holdings[Y]
    assert state.cables[cable.id].status == ACCEPTED


def test_r16_no_standing_gets_the_canned_answer_and_reveals_nothing():
    """R16: X runs no programme in the north and offers nothing on the threat there.
    Y holds two reports on it. The engine answers for Y with the canned words; Y never
    sees the cable; X learns nothing, exactly as if Y held nothing."""
    outcomes = []
    for y_holds in (True, False):
        state = game()
        t = add_threat(state, needs=(1, 1, 0, 0), region=0)
        add_report(state, X, t, GEO)  # X knows the threat, but GEOINT is not needed
        if y_holds:
            add_report(state, Y, t, SIG)
            add_report(state, Y, t, HUM)
        apply(state, ProposeExchange("X", "Y", (), ask_threat=t))
        next_round(state)
        (cable,) = state.cables.values()
        assert cable.status == NOTHING
        assert view(state, Y).inbox == ()
        assert not any(e.visible_to(Y) and e.data.get("cable") == cable.id for e in state.log)
        x_view = view(state, X)
        told = [e.text for e in x_view.events if e.kind == "canned"]
        assert len(told) == 1 and CANNED in told[0] and "no programme in North" in told[0]
        outcomes.append((sorted(x_view.reports), x_view.partners[0], told))
    assert outcomes[0] == outcomes[1]


def test_r16_a_programme_in_the_region_gives_standing():
    """R16: starting a programme in the topic's region this month admits the ask."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0), region=0)
    add_report(state, X, t, GEO)
    apply(state, SetProgramme("X", "north", "HUMINT", 1))
    apply(state, ProposeExchange("X", "Y", (), ask_threat=t))
    assert state.cables[0].admitted


def test_r16_a_report_on_the_topic_in_the_offer_gives_standing():
    """R16: bringing something on the topic admits the ask, even with no programme."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0), region=0)
    rx = add_report(state, X, t, HUM)
    apply(state, ProposeExchange("X", "Y", (rx,), ask_threat=t))
    apply(state, ProposeExchange("X", "Z", (), ask_region="north"))
    assert state.cables[0].admitted and not state.cables[1].admitted


def test_r17_value_formula():
    """R17: value = quality x 0.9^age x (1 if it fills a gap else 0.25) x (2 if the threat
    targets the recipient's nation). A 0.8 report two months old that fills Y's gap
    on a threat against Borealis: 0.8 x 0.81 x 1 x 2 = 1.296; a second one in the same
    discipline of a 1-fragment need is surplus: x 0.25."""
    state = game()
    state.round = 3
    t = add_threat(state, needs=(1, 0, 0, 0), targets=(1,))
    r1 = add_report(state, X, t, HUM, 0.8, round_no=1)
    r2 = add_report(state, X, t, HUM, 0.6, round_no=3)
    assert true_value(state, [r1], Y) == pytest.approx(0.8 * 0.81 * 2)
    assert true_value(state, [r1, r2], Y) == pytest.approx(0.8 * 0.81 * 2 + 0.6 * 0.25 * 2)
    assert true_value(state, [r1], Z) == pytest.approx(0.8 * 0.81)  # not Caledonia's threat
    add_report(state, Y, t, HUM)  # once Y holds one, a further one is surplus
    assert true_value(state, [r1], Y) == pytest.approx(0.8 * 0.81 * 0.25 * 2)


def _offer_and_ask(state, t, offer):
    apply(state, ProposeExchange("X", "Y", offer, ask_threat=t))
    _deliver_to_y(state)
    return view(state, Y).inbox[0]


def test_r18_cap_is_offer_plus_credit_line_minus_debt():
    """R18: Y may return at most the offer's value to Y + Y's credit line to X
    (trust/100 x 10) + X's ledger balance with Y. Over the cap is illegal; the ledger
    then moves by the difference, the same amount on both sides."""
    state = game()
    t = add_threat(state, needs=(1, 2, 0, 0), targets=(2,))
    rx = add_report(state, X, t, HUM, 0.9)
    ys = [add_report(state, Y, t, SIG, 0.9) for _ in range(2)]
    state.trust[Y, X] = 0.0  # drifts to 3.5 by the answer: a credit line of 0.35
    incoming = _offer_and_ask(state, t, (rx,))
    offer_value = 0.9 * 0.9  # one month old when Y answers, fills Y's HUMINT gap
    assert state.trust[Y, X] == pytest.approx(3.5)
    assert incoming.cap == pytest.approx(offer_value + 0.35)
    single = 0.9 * 0.9  # each SIGINT report fills one of X's two gaps, one month old
    with pytest.raises(IllegalAction, match=r"the ledger allows 1\.2"):
        apply(state, Answer("Y", incoming.cable.id, True, tuple(ys)))
    apply(state, Answer("Y", incoming.cable.id, True, (ys[0],)))
    assert state.ledger[X, Y] == pytest.approx(offer_value - single)
    assert state.ledger[Y, X] == pytest.approx(-state.ledger[X, Y])


def test_r18_debt_shrinks_the_next_cap():
    """R18: what X already owes Y comes off the cap of X's next ask."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0))
    add_report(state, X, t, HUM)
    add_report(state, Y, t, SIG)
    state.ledger[X, Y], state.ledger[Y, X] = -3.0, 3.0
    apply(state, SetProgramme("X", "north", "HUMINT", 1))
    incoming = _offer_and_ask(state, t, ())
    assert incoming.cap == pytest.approx(max(0.0, state.trust[Y, X] / 10 - 3.0))


def test_r18_answer_must_be_on_the_topic_asked():
    """R18/R15: Y chooses which reports within the cap, but only on the topic asked."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0))
    other = add_threat(state, needs=(1, 1, 0, 0))
    rx = add_report(state, X, t, HUM)
    ry = add_report(state, Y, other, SIG)
    incoming = _offer_and_ask(state, t, (rx,))
    with pytest.raises(IllegalAction, match="not one of yours on the topic"):
        apply(state, Answer("Y", incoming.cable.id, True, (ry,)))


def test_r18_a_gift_goes_on_the_ledger():
    """R18: a gift (nothing asked) is a separate offer; its value goes on the ledger."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0), targets=(1,))
    rx = add_report(state, X, t, HUM, 0.7)
    apply(state, ProposeExchange("X", "Y", (rx,)))
    _deliver_to_y(state)
    apply(state, Answer("Y", view(state, Y).inbox[0].cable.id, True))
    assert state.ledger[X, Y] == pytest.approx(0.7 * 0.9 * 2)


def test_r16_asking_about_a_region_without_standing_learns_nothing():
    """R16: X asks Y about the south, where X collects nothing and offers nothing, while
    Y holds reports on a threat there. The canned answer comes; X's holdings and view
    are the same as when Y holds nothing."""
    seen = []
    for y_holds in (True, False):
        state = game()
        t = add_threat(state, region=1)
        if y_holds:
            add_report(state, Y, t, SIG)
        apply(state, SetProgramme("X", "north", "HUMINT", 1))  # standing in the north only
        apply(state, ProposeExchange("X", "Y", (), ask_region="south"))
        next_round(state)
        assert view(state, Y).inbox == ()
        v = view(state, X)
        seen.append((v.reports, v.threats, [e.text for e in v.events if e.kind == "canned"]))
    assert seen[0] == seen[1] and seen[0][0] == {} and len(seen[0][2]) == 1
