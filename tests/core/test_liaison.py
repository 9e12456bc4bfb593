"""R14-R18: copies, cables, the standing rule, value, the ledger and its cap."""

from dataclasses import replace

import pytest

from game.core import IllegalAction, apply, legal_actions, view
from game.core.actions import Answer, EndTurn, LaunchOperation, ProposeExchange, SetProgramme
from game.core.liaison import CANNED, transfer
from game.core.pacts import share
from game.core.records import (
    ACCEPTED,
    ANSWERS,
    DELIVERED,
    FOILED,
    IN_TRANSIT,
    NOTHING,
    PACT,
    Copy,
    Held,
)
from tests.helpers import (
    GEO,
    HUM,
    SIG,
    X,
    Y,
    Z,
    add_report,
    add_threat,
    answer_round,
    end_turns_until,
    game,
    next_round,
)


def _deliver_to_y(state):
    """Every seat gives its orders; the answer round begins with Y's answers."""
    answer_round(state)
    assert state.phase == ANSWERS and state.current == Y


def test_r14_sharing_copies_and_records_the_chain():
    """R14: an accepted exchange copies reports; the giver keeps its own; the copy names
    the originator and the chain of who passed it to whom."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0), targets=(0, 1))
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


def test_r15_every_ask_is_answered_in_the_month_it_was_sent():
    """R15 (changed, docs/rules.md): a cable stays in transit while the seats give their
    orders; once the last seat has, it is delivered and the recipient answers it in the
    same month's answer round, whatever the seat order. Z, the last seat, asks Y, who
    played before it: Y still answers this month, and Z holds the reports before the
    next dawn."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0))
    rz = add_report(state, Z, t, HUM)
    ry = add_report(state, Y, t, SIG)
    apply(state, EndTurn("X"))
    apply(state, EndTurn("Y"))
    apply(state, ProposeExchange("Z", "Y", (rz,), ask_threat=t))
    assert state.cables[0].status == IN_TRANSIT and view(state, Y).inbox == ()
    apply(state, EndTurn("Z"))
    assert (state.round, state.phase, state.current) == (1, ANSWERS, Y)
    assert state.cables[0].status == DELIVERED
    apply(state, Answer("Y", 0, True, (ry,)))
    assert ry in state.holdings[Z] and rz in state.holdings[Y]
    assert state.cables[0].status == ACCEPTED and state.cables[0].answered == 1
    apply(state, EndTurn("Y"))
    assert state.round == 2 and state.phase != ANSWERS


def test_r15_the_answer_round_takes_answers_only():
    """R4/R15: in the answer round a seat answers its cables and ends its turn; orders
    wait for the next month, and a seat with nothing to answer is skipped."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0))
    rx = add_report(state, X, t, HUM)
    apply(state, ProposeExchange("X", "Y", (rx,), ask_threat=t))
    answer_round(state)
    assert state.current == Y
    with pytest.raises(IllegalAction, match="answer round"):
        apply(state, LaunchOperation("Y", t))
    with pytest.raises(IllegalAction, match="answer round"):
        apply(state, ProposeExchange("Y", "X", (), ask_threat=t))
    assert [type(a).__name__ for a in legal_actions(state, Y)] == ["EndTurn", "Answer", "Answer"]
    apply(state, EndTurn("Y"))  # unanswered: refused; Z had nothing to answer
    assert state.round == 2


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
        answer_round(state)
        (cable,) = state.cables.values()
        assert cable.status == NOTHING and state.round == 2  # nothing to answer: next month
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


def test_r16_offering_back_what_the_partner_holds_gives_no_standing():
    """R16 with R17: X, with no programme in the north, asks Y about a plot there and
    offers its GEOINT report on it; Y answers with its HUMINT. Next month X asks again,
    offering back both reports: Y holds each already (X passed one, Y the other), so
    they are worth nothing to Y, bring nothing, and give no standing. The composer says
    so before sending and the engine answers for Y with the reason; a report Y lacks
    admits the same ask."""
    state = game()
    t = add_threat(state, needs=(2, 0, 0, 0), region=0, deadline=9)
    rx = add_report(state, X, t, GEO)
    ry = add_report(state, Y, t, HUM, 0.8)
    state.ledger[X, Y], state.ledger[Y, X] = 2.0, -2.0  # room under the cap (R18)
    first = _offer_and_ask(state, t, (rx,))
    apply(state, Answer("Y", first.cable.id, True, (ry,)))
    next_round(state)
    back = ProposeExchange("X", "Y", (rx, ry), ask_threat=t)
    verdict = view(state, X).preview_exchange(back)
    assert not verdict.admitted and verdict.offer_value == 0.0
    assert verdict.refusal == ("R16: no programme in North this month, and Y already holds "
                               "what your offer brings on it, so it is worth nothing to them")
    apply(state, back)
    answer_round(state)
    assert state.cables[1].status == NOTHING
    assert any(e.kind == "canned" and "Y already holds" in e.text for e in view(state, X).events)
    fresh = add_report(state, X, t, GEO, 0.6)
    assert view(state, X).preview_exchange(
        ProposeExchange("X", "Y", (ry, fresh), ask_threat=t)).admitted


def test_r17_value_formula():
    """R17: value = quality x 0.9^age x (1 if it fills a gap else 0.25) x (2 if the threat
    targets the recipient's nation). The value of an offer is judged from what the
    sender sees: the best reports up to the threat's need fill, the rest are surplus,
    and a report the recipient originated is worth nothing to it. A 0.8 report two
    months old on a threat against Borealis, offered to Y: 0.8 x 0.81 x 1 x 2 = 1.296;
    a second one in the same discipline of a 1-fragment need: x 0.25."""
    state = game()
    state.round = 3
    t = add_threat(state, needs=(1, 0, 0, 0), targets=(1,))
    r1 = add_report(state, X, t, HUM, 0.8, round_no=1)
    r2 = add_report(state, X, t, HUM, 0.6, round_no=3)
    v = view(state, X)

    def worth(to, offer):
        return v.preview_exchange(ProposeExchange("X", to, offer)).offer_value

    assert worth("Y", (r1,)) == pytest.approx(0.8 * 0.81 * 2)
    assert worth("Y", (r1, r2)) == pytest.approx(0.8 * 0.81 * 2 + 0.6 * 0.25 * 2)
    assert worth("Z", (r1,)) == pytest.approx(0.8 * 0.81)  # not Caledonia's threat
    ry = add_report(state, Y, t, HUM)
    state.add_copy(X, Copy(ry, (Y, X), 3))
    assert worth("Y", (ry,)) == 0.0 and view(state, X).preview_exchange(
        ProposeExchange("X", "Z", (ry,))).offer_value > 0


def test_r17_a_report_on_an_ended_threat_fills_no_gap():
    """R17: a plot that has been foiled or has struck needs nothing more, so a report on
    it is surplus (x 0.25) to anyone: offered, and on the shopping list of an ask about
    its region. Before, it still counted as filling a gap, and a player could pay for
    answers with old reports on plots long over (found in a playtest)."""
    state = game()
    state.round = 3
    t = add_threat(state, needs=(2, 0, 0, 0), targets=(0, 1))
    live = add_threat(state, needs=(0, 1, 0, 0), targets=(1,))
    r1 = add_report(state, X, t, HUM, 0.8, round_no=1)  # X still lacks one HUMINT on t
    ry = add_report(state, Y, t, HUM, 0.5, round_no=3)  # Y holds it
    add_report(state, Y, live, GEO)
    state.threats[t] = replace(state.threats[t], status=FOILED)
    offer = view(state, X).preview_exchange(ProposeExchange("X", "Y", (r1,)))
    assert offer.offer_value == pytest.approx(0.8 * 0.81 * 0.25 * 2)
    state.ledger[X, Y], state.ledger[Y, X] = 2.0, -2.0  # room under the cap (R18)
    apply(state, SetProgramme("X", "north", "HUMINT", 1))  # R16: standing to ask
    apply(state, ProposeExchange("X", "Y", (), ask_region="north"))
    answer_round(state)
    (incoming,) = view(state, Y).inbox
    assert {w[0] for w in incoming.cable.wanted} == {live}  # X's gap on t is no gap now
    assert view(state, Y).preview_answer(incoming.cable.id, (ry,)) == \
        pytest.approx(0.5 * 0.25 * 2)


def test_r17_a_report_you_passed_to_the_partner_is_worth_nothing_to_it():
    """R17: Y gave X its 0.8 HUMINT report on a plot against Atlantis that needs two
    HUMINT (worth 0.8 x 1 x 2 = 1.6 to X then). Next month X asks again, still short of
    one HUMINT: the report Y passed it is worth nothing to X now, not the 0.8 x 0.9 x 2
    = 1.44 of a gap filled, in the answer's preview, in the answer the engine books, and
    in an offer of it back to X. Y's other HUMINT report still fills the gap."""
    state = game()
    t = add_threat(state, needs=(2, 0, 0, 0), targets=(0,), deadline=9)
    add_report(state, X, t, GEO)  # X knows of the plot: GEOINT is not needed
    ry = add_report(state, Y, t, HUM, 0.8)
    state.ledger[X, Y], state.ledger[Y, X] = 2.0, -2.0  # room under the cap (R18)
    apply(state, SetProgramme("X", "north", "HUMINT", 1))  # R16: standing to ask
    first = _offer_and_ask(state, t, ())
    assert dict(first.candidates)[ry] == pytest.approx(1.6)
    apply(state, Answer("Y", first.cable.id, True, (ry,)))
    next_round(state)
    other = add_report(state, Y, t, HUM, 0.7)
    apply(state, ProposeExchange("X", "Y", (), ask_threat=t))
    answer_round(state)
    incoming = view(state, Y).inbox[0]
    assert dict(incoming.candidates) == {ry: 0.0, other: pytest.approx(0.7 * 2)}
    assert view(state, Y).preview_answer(incoming.cable.id, (ry,)) == 0.0
    apply(state, Answer("Y", incoming.cable.id, True, (ry,)))
    assert state.cables[incoming.cable.id].value_returned == 0.0
    next_round(state)
    end_turns_until(state, Y)
    back = ProposeExchange("Y", "X", (ry,))
    assert view(state, Y).preview_exchange(back).offer_value == 0.0
    assert view(state, Y).preview_exchange(ProposeExchange("Y", "Z", (ry,))).offer_value > 0


def test_r17_an_answer_cannot_hand_the_asker_back_what_it_offered():
    """R17: Z gave X and Y each its HUMINT report on a plot against Atlantis that needs
    two. X offers it to Y and asks about the plot, still short of one HUMINT and one
    SIGINT. The offer shows Y that X holds the report, so handing it back is worth
    nothing to X: in the candidates, in the answer's preview and in what the engine
    books. Y's own SIGINT still fills a gap (0.7 x 2). Before, a playtester's partner
    handed back the offered reports and booked them as value returned."""
    state = game()
    t = add_threat(state, needs=(2, 1, 0, 0), targets=(0,), deadline=9)
    rz = add_report(state, Z, t, HUM, 0.8)
    state.add_copy(X, Copy(rz, (Z, X), 1))
    state.add_copy(Y, Copy(rz, (Z, Y), 1))
    ry = add_report(state, Y, t, SIG, 0.7)
    state.ledger[X, Y], state.ledger[Y, X] = 2.0, -2.0  # room under the cap (R18)
    incoming = _offer_and_ask(state, t, (rz,))
    assert dict(incoming.candidates) == {rz: 0.0, ry: pytest.approx(0.7 * 2)}
    assert view(state, Y).preview_answer(incoming.cable.id, (rz, ry)) == pytest.approx(1.4)
    apply(state, Answer("Y", incoming.cable.id, True, (rz, ry)))
    assert state.cables[incoming.cable.id].value_returned == pytest.approx(1.4)


def _offer_and_ask(state, t, offer):
    apply(state, ProposeExchange("X", "Y", offer, ask_threat=t))
    _deliver_to_y(state)
    return view(state, Y).inbox[0]


def test_r18_cap_is_offer_plus_credit_line_minus_debt():
    """R18: Y may return at most the offer's value + Y's credit line to X (trust x 0.0025)
    + X's ledger balance with Y, fixed when X sends the cable. Over the cap is illegal;
    the ledger then moves by the difference, the same amount on both sides."""
    state = game()
    t = add_threat(state, needs=(1, 2, 0, 0), targets=(2,))
    rx = add_report(state, X, t, HUM, 0.9)
    ys = [add_report(state, Y, t, SIG, 0.9) for _ in range(2)]
    state.trust[Y, X] = 80.0  # a credit line of 0.2
    incoming = _offer_and_ask(state, t, (rx,))
    offer_value = 0.9  # fresh, fills a need of the threat
    assert incoming.cap == pytest.approx(offer_value + 0.2)
    assert incoming.offer_value == pytest.approx(offer_value)
    single = 0.9  # each SIGINT report fills one of X's two gaps
    with pytest.raises(IllegalAction, match=r"the ledger allows 1\.1"):
        apply(state, Answer("Y", incoming.cable.id, True, tuple(ys)))
    apply(state, Answer("Y", incoming.cable.id, True, (ys[0],)))
    assert state.ledger[X, Y] == pytest.approx(offer_value - single)
    assert state.ledger[Y, X] == pytest.approx(-state.ledger[X, Y])


def test_r18_the_answer_dialog_says_where_the_ledger_will_stand():
    """R18: accepting an ask takes its offer onto the ledger against us, and what we
    return counts for us. `ledger_after` says so before we answer (a playtester found
    out only when their own ask was refused for a debt they had not seen coming), and
    the engine books exactly that."""
    state = game()
    t = add_threat(state, needs=(1, 2, 0, 0), targets=(2,))
    rx = add_report(state, X, t, HUM, 0.9)
    ys = [add_report(state, Y, t, SIG, 0.5) for _ in range(2)]
    state.trust[Y, X] = 80.0
    incoming = _offer_and_ask(state, t, (rx,))
    v = view(state, Y)
    assert v.ledger_after(incoming.cable.id) == -0.9  # nothing back: Y owes X the offer
    assert v.ledger_after(incoming.cable.id, (ys[0],)) == -0.4
    apply(state, Answer("Y", incoming.cable.id, True, (ys[0],)))
    assert state.ledger[Y, X] == pytest.approx(-0.4)


def test_r18_debt_shrinks_the_next_cap():
    """R18: what X already owes Y comes off the cap of X's next ask."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0))
    add_report(state, X, t, HUM)
    add_report(state, Y, t, SIG)
    state.trust[Y, X] = 100.0  # a credit line of 0.25
    state.ledger[X, Y], state.ledger[Y, X] = -0.1, 0.1
    apply(state, SetProgramme("X", "north", "HUMINT", 1))
    incoming = _offer_and_ask(state, t, ())
    line = state.trust[Y, X] * state.rules.trust.credit_per_trust
    assert incoming.cap == pytest.approx(line - 0.1)


def test_r18_a_debtor_beyond_its_credit_line_is_refused_with_the_reason():
    """R18: X owes Y more than the credit line Y gives it, and offers nothing: the
    engine answers for Y, naming the debt and the line, and Y never sees the ask. The
    composer said so before X sent it. Bringing a report worth the difference lets
    the next ask through."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0))
    rx = add_report(state, X, t, HUM, 0.9)
    add_report(state, Y, t, SIG)
    state.trust[Y, X] = 100.0  # a credit line of 0.25
    state.ledger[X, Y], state.ledger[Y, X] = -1.0, 1.0
    apply(state, SetProgramme("X", "north", "HUMINT", 1))
    ask = ProposeExchange("X", "Y", (), ask_threat=t)
    preview = view(state, X).preview_exchange(ask)
    assert not preview.admitted
    assert preview.refusal == ("R18: you owe Y 1.00, beyond the credit line of 0.25 it gives "
                               "you; offer more to be answered")
    apply(state, ask)
    with_offer = ProposeExchange("X", "Y", (rx,), ask_threat=t)
    assert view(state, X).preview_exchange(with_offer).admitted
    apply(state, with_offer)
    answer_round(state)
    assert state.cables[0].status == NOTHING and state.cables[1].status == DELIVERED
    told = [e.text for e in view(state, X).events if e.kind == "canned"]
    assert told == [f"Y: ({preview.refusal})"]
    assert [i.cable.id for i in view(state, Y).inbox] == [1]


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
    assert state.ledger[X, Y] == pytest.approx(0.7 * 2)
    # Both sides read one event, so it says who owes whom, not a balance from one side.
    (told,) = [e for e in state.log if e.kind == "accepted"]
    assert told.seats == (X, Y) and told.text.endswith("Ledger: Y owes X 1.4.")


@pytest.mark.parametrize("gift_first", [True, False])
def test_r17_a_report_sent_twice_in_one_month_counts_once_whichever_is_opened_first(
        gift_first):
    """R17: X sends Y the same report as a gift and inside an ask, the same month. Both
    were valued when sent; whichever Y accepts second arrives holding a report X already
    passed it, which is worth nothing, so the ledger counts it once in either order."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0), targets=(1,))
    rx = add_report(state, X, t, HUM, 0.7)
    apply(state, ProposeExchange("X", "Y", (rx,)))
    apply(state, ProposeExchange("X", "Y", (rx,), ask_threat=t))
    _deliver_to_y(state)
    gift, ask = sorted(view(state, Y).inbox, key=lambda i: i.cable.topic is not None)
    assert gift.cable.value_offered == ask.cable.value_offered == pytest.approx(0.7 * 2)
    for incoming in (gift, ask) if gift_first else (ask, gift):
        apply(state, Answer("Y", incoming.cable.id, True))
    assert state.ledger[X, Y] == pytest.approx(0.7 * 2)


def test_r17_what_the_partner_hands_back_leaves_an_offer_as_it_was_judged():
    """R17: X asks Y twice in one month, offering Z's HUMINT report (which Y holds too,
    unknown to X) in the first and its own SIGINT in the second. Y accepts the first
    with nothing and answers the second by handing the HUMINT back (worth nothing to
    X: X offered it). The first offer keeps the worth it was judged at when sent, so
    the ledger and trust end the same whichever cable Y opens first (a review found the
    hand-back lowering the first offer when it came first)."""
    outcomes = []
    for hand_back_first in (True, False):
        state = game()
        t = add_threat(state, needs=(2, 1, 0, 0), targets=(1,), deadline=9)
        rz = add_report(state, Z, t, HUM, 0.8)
        for holder in (X, Y):
            state.add_copy(holder, Copy(rz, (Z, holder), 1))
        rx = add_report(state, X, t, SIG, 0.7)
        apply(state, ProposeExchange("X", "Y", (rz,), ask_threat=t))
        apply(state, ProposeExchange("X", "Y", (rx,), ask_threat=t))
        _deliver_to_y(state)
        answers = [Answer("Y", 0, True), Answer("Y", 1, True, (rz,))]
        for answer in reversed(answers) if hand_back_first else answers:
            apply(state, answer)
        assert state.cables[1].value_returned == 0.0
        outcomes.append((float(state.ledger[X, Y]), float(state.trust[X, Y]),
                         float(state.trust[Y, X])))
    assert outcomes[0] == pytest.approx(outcomes[1])
    assert outcomes[0][0] == pytest.approx(0.8 * 2 + 0.7 * 2)


def test_r17_a_seat_knows_what_a_partner_holds_only_from_cables_delivered_to_it():
    """R17: what X knows Y holds (its partner row's `given`) comes from cables between
    the two that reached X, and only names reports X holds. Y's ask that R16 answered
    for X (X never saw it), Y's gift to Z, and Y's gift still in transit tell X nothing;
    once Y's gift is delivered, X knows Y holds what it offered, even after declining
    it, and that report is worth nothing offered back to Y. A report X never held is
    not named."""
    state = game()
    north = add_threat(state, needs=(1, 1, 0, 0), region=0, deadline=9)
    south = add_threat(state, needs=(1, 1, 0, 0), region=1, deadline=9)
    rz, rw = add_report(state, Z, north, HUM), add_report(state, Z, south, SIG)
    for r in (rz, rw):
        for holder in (X, Y):
            state.add_copy(holder, Copy(r, (Z, holder), 1))
    ry = add_report(state, Y, north, GEO)
    end_turns_until(state, Y)
    apply(state, ProposeExchange("Y", "X", (rz,), ask_region="south"))  # R16: canned
    apply(state, ProposeExchange("Y", "Z", (rw,)))  # another pair's
    next_round(state)
    end_turns_until(state, Y)
    apply(state, ProposeExchange("Y", "X", (rw, ry)))  # in transit while X looks
    assert state.cables[0].status == NOTHING
    assert view(state, X).partner("Y").given == frozenset()
    answer_round(state)
    gift = next(i.cable.id for i in view(state, X).inbox)
    apply(state, Answer("X", gift, False))
    x_view = view(state, X)
    assert x_view.partner("Y").given == {rw}  # not ry: X declined it, and never held it
    assert x_view.partner("Z").given == frozenset()
    next_round(state)
    assert view(state, X).preview_exchange(ProposeExchange("X", "Y", (rw,))).offer_value == 0


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
        answer_round(state)
        assert view(state, Y).inbox == ()
        v = view(state, X)
        seen.append((v.reports, v.threats, [e.text for e in v.events if e.kind == "canned"]))
    assert seen[0] == seen[1] and seen[0][0] == {} and len(seen[0][2]) == 1


def _ask_answered_short(state, t, offer, give=(), before_dusk=None):
    """X (standing: a GEOINT programme in the plot's region, which yields nothing on a
    plot that needs none) asks Y about plot `t` with `offer`; Y accepts, giving `give`;
    `before_dusk(state)` may change the world before the month ends."""
    apply(state, SetProgramme("X", "north", "GEOINT", 1))
    apply(state, ProposeExchange("X", "Y", offer, ask_threat=t))
    _deliver_to_y(state)
    apply(state, Answer("Y", 0, True, give))
    if before_dusk is not None:
        before_dusk(state)
    next_round(state)
    return state.cables[0]


def test_r15_an_honest_ask_answered_short_tasks_the_partners_collection():
    """R15 (new, docs/rules.md): Y accepted X's ask, which brought Y a report, but held
    nothing to give. At the next dawn Y collects on the plot for X in what X lacked, as
    a programme at `rules.collection.tasking` would (a high rate makes the draw sure
    here), and passes X the best report it finds, one only: X owes Y its value."""
    state = game(rules={"collection": {"rate": 20.0}})
    t = add_threat(state, needs=(1, 1, 0, 0), deadline=5)
    rx = add_report(state, X, t, HUM, 0.9)
    cable = _ask_answered_short(state, t, (rx,))
    theirs = [r for r in state.holdings[X] if state.reports[r].originator == Y]
    assert len(theirs) == 1 and state.reports[theirs[0]].discipline == SIG
    assert state.reports[theirs[0]].round == state.round == 2
    assert state.holdings[X][theirs[0]].chain == (Y, X)
    worth = state.reports[theirs[0]].quality * 2  # fills X's SIGINT gap; aimed at X's nation
    assert cable.given == tuple(theirs) and cable.value_returned == pytest.approx(worth)
    assert state.ledger[X, Y] == pytest.approx(0.9 - worth)
    assert state.ledger[Y, X] == pytest.approx(-state.ledger[X, Y])
    told = [e.text for e in view(state, X).events if e.kind == "followed_up"]
    assert told and told == [e.text for e in view(state, Y).events if e.kind == "followed_up"]


def test_r15_a_tasked_collection_that_finds_nothing_says_so():
    """R15: when the collection an ask tasked finds nothing (a rate so low the draw is
    sure to fail), both sides are told, so that the asker does not wait for a report
    (found in a playtest); nothing passes and the ledger holds the offer alone. When it
    finds one, the news names it."""
    state = game(rules={"collection": {"rate": 1e-9}})
    t = add_threat(state, needs=(1, 1, 0, 0), deadline=5)
    rx = add_report(state, X, t, HUM, 0.9)
    cable = _ask_answered_short(state, t, (rx,))
    assert cable.given == () and state.ledger[X, Y] == pytest.approx(0.9)
    told = [e.text for e in view(state, X).events if e.kind == "followed_up"]
    assert told == ["Y tasked its collection on Plot 0 after X's cable, but found nothing "
                    "this month."]
    assert told == [e.text for e in view(state, Y).events if e.kind == "followed_up"]
    state = game(rules={"collection": {"rate": 20.0}})
    t = add_threat(state, needs=(1, 1, 0, 0), deadline=5)
    cable = _ask_answered_short(state, t, (add_report(state, X, t, HUM, 0.9),))
    (told,) = [e.text for e in view(state, X).events if e.kind == "followed_up"]
    assert f"passed it #{cable.given[0]} " in told


def test_r15_an_ask_that_brings_nothing_tasks_nothing():
    """R15: standing alone gets the ask answered, but only an offer worth something to
    the partner makes it task its collection: a free rider's ask comes back as it went."""
    state = game(rules={"collection": {"rate": 20.0}})
    t = add_threat(state, needs=(1, 1, 0, 0), deadline=5)
    add_report(state, X, t, HUM, 0.9)  # X knows the plot, and keeps its report
    cable = _ask_answered_short(state, t, ())
    assert cable.status == ACCEPTED and cable.given == ()
    assert not any(state.reports[r].originator == Y for r in state.holdings[X])
    assert state.ledger[X, Y] == 0


def test_r15_tasking_at_level_zero_turns_it_off():
    """R15: a scenario may set `rules.collection.tasking` to 0: partners then never
    collect for an asker."""
    state = game(rules={"collection": {"rate": 20.0, "tasking": 0}})
    t = add_threat(state, needs=(1, 1, 0, 0), deadline=5)
    rx = add_report(state, X, t, HUM, 0.9)
    cable = _ask_answered_short(state, t, (rx,))
    assert cable.given == () and state.ledger[X, Y] == pytest.approx(0.9)


def test_r15_an_answer_that_fills_every_gap_asked_tasks_nothing():
    """R15: tasking covers the gaps the answer left on the cable's shopping list; an
    answer that filled them all leaves nothing to collect for."""
    state = game(rules={"collection": {"rate": 20.0}})
    t = add_threat(state, needs=(1, 1, 0, 0), deadline=5)
    rx = add_report(state, X, t, HUM, 0.9)
    ry = add_report(state, Y, t, SIG, 0.5)
    cable = _ask_answered_short(state, t, (rx,), give=(ry,))
    assert cable.given == (ry,)
    assert not [e for e in state.log if e.kind in ("followed_up", "collected")]


def test_r15_a_partner_turned_hostile_without_a_channel_passes_nothing():
    """R15 with R2/R23: if the two nations fall below the hostile line before the dawn and
    no channel covers the plot's kind, the tasked report does not cross."""
    state = game(rules={"collection": {"rate": 20.0}})
    t = add_threat(state, needs=(1, 1, 0, 0), deadline=5)
    rx = add_report(state, X, t, HUM, 0.9)

    def rupture(s):
        s.relations[0, 1] = s.relations[1, 0] = -90.0

    cable = _ask_answered_short(state, t, (rx,), before_dusk=rupture)
    assert state.hostile(X, Y) and cable.given == ()
    assert not any(state.reports[r].originator == Y for r in state.holdings[X])


def test_r17_a_closed_pacts_copy_is_worth_nothing_to_a_member_that_holds_it():
    """R17: X and Y share SIGINT in a closed pact, so X's SIGINT report reaches Y at the
    dawn it is collected. Z, outside the pact, got it and a HUMINT report from X. The
    pact is public: Z's offer of the SIGINT copy to Y is worth nothing, in the
    composer and in the cable the engine books, while the HUMINT report still fills
    Y's gap. Asked by Y, Z's answer with the copy is worth nothing either."""
    pact = {"id": "p", "name": "Pact", "kind": "closed", "members": ["X", "Y"],
            "trust_floor": 0, "auto_share": ["SIGINT"]}
    state = game(pacts=[pact])
    t = add_threat(state, needs=(1, 1, 0, 0), targets=(1,), deadline=9)
    sig = add_report(state, X, t, SIG, 0.8)
    hum = add_report(state, X, t, HUM, 0.8)
    share(state, [sig, hum], [])
    assert sig in state.holdings[Y] and hum not in state.holdings[Y]
    transfer(state, X, Z, [sig, hum], ())
    end_turns_until(state, Z)
    seen = view(state, Z)
    assert seen.preview_exchange(ProposeExchange("Z", "Y", (sig,))).offer_value == 0.0
    assert seen.preview_exchange(ProposeExchange("Z", "Y", (sig, hum))).held == (
        Held(sig, PACT, "Pact"),)
    assert seen.preview_exchange(ProposeExchange("Z", "Y", (hum,))).offer_value == \
        pytest.approx(0.8 * 2)
    apply(state, ProposeExchange("Z", "Y", (sig,)))
    sent = next(c for c in state.cables.values() if c.sender == Z)
    assert sent.value_offered == 0.0
    next_round(state)
    end_turns_until(state, Y)
    apply(state, SetProgramme("Y", "north", "SIGINT", 1))  # R16: standing to ask
    state.ledger[Y, Z], state.ledger[Z, Y] = 2.0, -2.0  # room under the cap (R18)
    apply(state, ProposeExchange("Y", "Z", (), ask_threat=t))
    answer_round(state)
    while state.current != Z:
        apply(state, Answer(state.world.agencies[state.current].id,
                            view(state, state.current).inbox[0].cable.id, False))
    incoming = next(i for i in view(state, Z).inbox if i.cable.sender == Y)
    assert dict(incoming.candidates)[sig] == 0.0
    assert dict(incoming.candidates)[hum] == pytest.approx(0.8 * 0.9 * 2)
    apply(state, Answer("Z", incoming.cable.id, True, (sig,)))
    assert state.cables[incoming.cable.id].value_returned == 0.0


def test_r17_a_pacts_copy_is_judged_from_what_is_public():
    """R17: while a suspension (R28) keeps X's SIGINT from Y, the pact copies nothing.
    X knows it: its report is worth something to Y. Z, outside the pact and told
    nothing of the suspension, judges by the pact as anyone could, so the same report
    is worth nothing to Y from Z, and Z's view of what Y holds names only reports Z
    holds itself (it learns nothing of the pact's other traffic)."""
    pact = {"id": "p", "name": "Pact", "kind": "closed", "members": ["X", "Y"],
            "trust_floor": 0, "auto_share": ["SIGINT"]}
    state = game(pacts=[pact])
    t = add_threat(state, needs=(1, 1, 0, 0), targets=(1,), deadline=9)
    state.suspensions[(X, Y, SIG)] = 99
    sig = add_report(state, X, t, SIG, 0.8)
    other = add_report(state, X, t, SIG, 0.7)
    share(state, [sig, other], [])
    assert sig not in state.holdings[Y]
    transfer(state, X, Z, [sig], ())
    del state.suspensions[(X, Y, SIG)]
    assert view(state, X).preview_exchange(ProposeExchange("X", "Y", (sig,))).offer_value > 0
    end_turns_until(state, Z)
    seen = view(state, Z)
    assert seen.preview_exchange(ProposeExchange("Z", "Y", (sig,))).offer_value == 0.0
    assert seen.partner("Y").given <= set(seen.holdings)
