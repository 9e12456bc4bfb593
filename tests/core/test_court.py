"""R28: a court's disclosure bites. The partner whose report a court released shares with
the disclosing nation's agencies only on imminent threats against that nation, for some
months: "if someone is about to blow up central London we will cooperate with you;
anything else, forget it" (sources/001). One case per situation."""

from dataclasses import replace

from game.core import apply, view
from game.core.actions import Choose, ProposeExchange
from game.core.codec import state_from_dict, state_to_dict
from game.core.liaison import transfer
from game.core.pacts import share
from game.core.records import EXECUTED, NOTHING
from game.core.state import GameState
from tests.helpers import HUM, SIG, X, Y, Z, add_report, add_threat, game, next_round

NATIONS = [{"id": "ATL", "name": "Atlantis", "courts": "open", "relations": {"BOR": 50}},
           {"id": "BOR", "name": "Borealis", "relations": {"CAL": 0}},
           {"id": "CAL", "name": "Caledonia", "relations": {"ATL": 0}}]
WITHHELD = ("since a court in Atlantis disclosed a report of Y's, Y shares with Atlantis's "
            "agencies only on threats against Atlantis due within a month, until the end of "
            "{month}")


def _disclosed(months: int = 3, **over) -> GameState:
    """Round 2, X to play: at its dawn an Atlantis court released the report of Y's that
    X held. Atlantis (X) is the target of every threat the tests place."""
    disclose = {"nation": "ATL", "months": months}
    state = game(nations=NATIONS, events=[{
        "id": "court", "title": "A court", "text": "It rules.", "history": "It did.",
        "when": {"round": 2}, "effects": [{"disclose": disclose}]}], **over)
    t = add_threat(state, deadline=99)
    transfer(state, Y, X, [add_report(state, Y, t, SIG)], [])
    next_round(state)
    return state


def _ask(state: GameState, threat: int) -> ProposeExchange:
    return ProposeExchange("X", "Y", (add_report(state, X, threat, HUM),), ask_threat=threat)


def test_r28_a_disclosure_sets_the_partner_holding_back_for_its_months():
    state = _disclosed(months=3)
    assert state.embargoes == {(Y, 0): (4, 1)}  # rounds 2, 3 and 4
    (said,) = [e.text for e in state.log if e.kind == "disclosure"]
    assert said.endswith("until the end of " + state.world.month_label(4) + " it shares with "
                         "Atlantis's agencies only on threats against Atlantis due within a "
                         "month (R28).")
    partner = view(state, X).partner("Y")
    assert partner.withholds == (4, 1) and partner.withholds_said == WITHHELD.format(
        month=state.world.month_label(4))
    assert view(state, Y).partner("X").withheld == (4, 1)


def test_r28_an_ask_on_a_threat_not_yet_imminent_is_refused_at_the_door():
    state = _disclosed()
    later = add_threat(state, deadline=state.round + 2)
    ask = _ask(state, later)
    preview = view(state, X).preview_exchange(ask)
    expected = "R28: " + WITHHELD.format(month=state.world.month_label(4))
    assert preview.refusal == expected
    apply(state, ask)
    next_round(state)  # the partner never sees it: the door turns it back
    cable = state.cables[max(state.cables)]
    assert cable.status == NOTHING and cable.refusal == expected


def test_r28_an_ask_on_an_imminent_threat_against_the_nation_is_admitted():
    state = _disclosed()
    soon = add_threat(state, deadline=state.round + 1)
    ask = _ask(state, soon)
    assert view(state, X).preview_exchange(ask).refusal == ""


def test_r28_an_imminent_threat_against_another_nation_does_not_count():
    state = _disclosed()
    elsewhere = add_threat(state, deadline=state.round, targets=(1,))
    ask = _ask(state, elsewhere)
    assert view(state, X).preview_exchange(ask).refusal.startswith("R28:")


def test_r28_the_partner_cannot_offer_what_it_holds_back():
    state = _disclosed()
    later = add_threat(state, deadline=state.round + 3)
    gift = ProposeExchange("Y", "X", (add_report(state, Y, later, SIG),))
    problem = view(state, Y).preview_exchange(gift).problem
    assert problem.startswith("You cannot pass X report #") and problem.endswith("(R28).")
    soon = add_threat(state, deadline=state.round)
    gift = ProposeExchange("Y", "X", (add_report(state, Y, soon, SIG),))
    assert view(state, Y).preview_exchange(gift).problem == ""


def test_r28_other_nations_agencies_are_not_held_back():
    state = _disclosed()
    later = add_threat(state, deadline=state.round + 3, targets=(2,))
    ask = ProposeExchange("Z", "Y", (add_report(state, Z, later, HUM),), ask_threat=later)
    assert view(state, Z).preview_exchange(ask).refusal == ""


def test_r28_a_closed_pacts_copies_are_held_back_too_but_for_imminent_threats():
    pact = [{"id": "p", "name": "Pact", "kind": "closed", "members": ["X", "Y"],
             "auto_share": ["SIGINT"]}]
    state = _disclosed(pacts=pact)
    later = add_threat(state, deadline=state.round + 3)
    soon = add_threat(state, deadline=state.round + 1)
    r_later, r_soon = add_report(state, Y, later, SIG), add_report(state, Y, soon, SIG)
    share(state, [r_later, r_soon], [])
    assert r_soon in state.holdings[X] and r_later not in state.holdings[X]


def test_r28_the_embargo_ends_after_its_months():
    state = _disclosed(months=1)
    later = add_threat(state, deadline=state.round + 5)
    ask = _ask(state, later)
    assert view(state, X).preview_exchange(ask).refusal.startswith("R28:")
    next_round(state)
    assert view(state, X).partner("Y").withholds is None
    assert view(state, X).preview_exchange(ask).refusal == ""


def test_r28_the_embargo_is_saved():
    state = _disclosed()
    again = state_from_dict(state.scenario, state_to_dict(state))
    assert again.embargoes == state.embargoes


def test_r28_a_disclosure_chosen_runs_its_months_after_the_dusk_it_takes_effect():
    """A court's ruling decided on a seat's turn applies at dusk, so its months are the
    ones after it, as a suspension's are."""
    state = game(nations=NATIONS, events=[{
        "id": "court", "title": "A court", "text": "It rules.", "history": "It did.",
        "when": {"round": 1}, "decider": "ATL",
        "choices": [{"label": "Release", "effects": [{"disclose": {"nation": "ATL",
                                                                   "months": 2}}]}]}])
    transfer(state, Y, X, [add_report(state, Y, add_threat(state, deadline=99), SIG)], [])
    (d,) = view(state, X).decisions
    apply(state, Choose("X", d.pending, 0))
    next_round(state)
    assert state.embargoes == {(Y, 0): (3, 1)}  # rounds 2 and 3


def test_r28_a_plot_that_has_ended_is_not_imminent():
    state = _disclosed()
    over = add_threat(state, deadline=state.round - 1)
    state.threats[over] = replace(state.threats[over], status=EXECUTED)
    assert state.withholds(Y, X, over)
