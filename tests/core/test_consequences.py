"""R28: each choice of a decision is told with what it does, before it is made, and the
AI weighs choices by those effects, not by their place in the list.

Each case gives the decider (Y, of Borealis) a choice with one effect, reads what the
view says it does, takes it, and checks that the state changed as said."""

from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, replace

import numpy as np
import pytest

from game.ai.agency import LiaisonAgency
from game.core import apply, effects, view
from game.core.actions import Choose, EndTurn
from game.core.liaison import transfer
from game.core.spec import Nation
from game.core.state import GameState
from game.core.trust import baseline
from tests.helpers import SIG, X, Y, add_report, add_threat, game

PLOT = {"id": "cell", "kind": "terrorism", "name": "Cell in {region}",
        "regions": ["north", "south"], "targets": ["BOR", "CAL"], "severity": [2, 4],
        "deadline": [3, 3], "needs": {"HUMINT": 1}, "chance": 0.0}


def _holds_from_x(state: GameState) -> None:
    """Borealis's courts open, and Y holding a report of X's for a court to release."""
    world = state.world
    nations = list(world.nations)
    nations[1] = replace(nations[1], courts="open")
    state.scenario = replace(state.scenario, world=replace(world, nations=tuple(nations)))
    t = add_threat(state, deadline=99)
    transfer(state, X, Y, [add_report(state, X, t, SIG)], [])


def _decision(*choices: list[dict]) -> GameState:
    """A game at Y's turn in round 1, with a decision whose choices have these effects."""
    state = game(events=[{
        "id": "rupture", "title": "A rupture", "text": "Decide.", "history": "It happened.",
        "when": {"round": 1}, "decider": "BOR",
        "choices": [{"label": f"Choice {n + 1}", "effects": list(c)}
                    for n, c in enumerate(choices)]}],
                 threat_templates=[PLOT, {**PLOT, "id": "slow", "deadline": [2, 4]}])
    apply(state, EndTurn("X"))
    return state


@dataclass(frozen=True)
class Case:
    effect: dict
    words: str
    stakes: dict  # the Stakes fields this choice sets for Borealis
    changed: Callable[[GameState, GameState], bool]  # (before, after) -> as told
    setup: Callable[[GameState], None] = lambda s: None


CASES = {
    "trust": Case(
        {"trust": {"from": "X", "to": "Y", "delta": -30}}, "X's trust in Y falls by 30.",
        {"trust": -30.0},
        lambda b, a: a.trust[X, Y] == pytest.approx(b.trust[X, Y] - 30)),
    "relation": Case(
        {"relation": {"a": "ATL", "b": "BOR", "delta": -20}},
        "Atlantis–Borealis relations worsen by 20: their agencies' trust in each other settles "
        "8 points lower (R19).",
        {"baseline": -8.0},
        lambda b, a: baseline(a)[X, Y] == pytest.approx(baseline(b)[X, Y] - 8)
        and not a.hostile(X, Y)),
    "relation turning hostile": Case(
        {"relation": {"a": "ATL", "b": "BOR", "delta": -90}},
        "Atlantis–Borealis relations worsen by 90: their agencies' trust in each other settles "
        "36 points lower (R19). They become hostile (R2): no trade without a channel (R23).",
        {"baseline": -36.0, "hostile": 1},
        lambda b, a: a.hostile(X, Y) and not b.hostile(X, Y)),
    "budget": Case(
        {"budget": {"agency": "Y", "delta": -20}},
        "Y loses 20 of its money at the end of the month.",
        {"money": -20.0},
        lambda b, a: a.budget[Y] == pytest.approx(b.budget[Y] - 20)),
    "suspend": Case(
        {"suspend": {"from": "X", "to": "Y", "disciplines": ["SIGINT"], "rounds": 2}},
        "X stops passing SIGINT to Y for 2 months, to the end of March 2020, and no pact "
        "copies them either.",
        {"cut": (0.0, 2.0, 0.0, 0.0)},
        lambda b, a: a.suspended(X, Y, SIG) == a.round + 2 and not b.suspended(X, Y, SIG)),
    "suspend, already suspended longer": Case(
        {"suspend": {"from": "X", "to": "Y", "disciplines": ["SIGINT"], "rounds": 2}},
        "X stops passing SIGINT to Y for 2 months, to the end of March 2020, and no pact "
        "copies them either. It is already suspended that long, so this changes nothing.",
        {"cut": (0.0, 0.0, 0.0, 0.0)},
        lambda b, a: a.suspended(X, Y, SIG) == b.suspended(X, Y, SIG) == 5,
        setup=lambda s: s.suspensions.__setitem__((X, Y, SIG), 5)),
    "resume": Case(  # suspended through round 3; resumed at round 1's dusk: 2 months back
        {"resume": {"from": "X", "to": "Y", "disciplines": ["SIGINT"]}},
        "X passes SIGINT to Y again.",
        {"cut": (0.0, -2.0, 0.0, 0.0)},
        lambda b, a: b.suspended(X, Y, SIG) and not a.suspended(X, Y, SIG),
        setup=lambda s: s.suspensions.__setitem__((X, Y, SIG), s.round + 2)),
    "score": Case(
        {"score": {"agency": "Y", "delta": 5}}, "Y's score rises by 5.", {"score": 5.0},
        lambda b, a: a.credit[Y] == pytest.approx(b.credit[Y] + 5)),
    "disclosure where courts are closed": Case(
        {"disclose": {"nation": ["BOR", "CAL"]}},
        "Nothing: the courts of Borealis and Caledonia are closed.",
        {"disclosed": 0, "embargo": 0.0},
        lambda b, a: np.array_equal(a.trust, b.trust) and not a.embargoes),
    "disclosure where courts are open": Case(
        {"disclose": {"nation": ["BOR", "CAL"], "months": 2}},
        "A court in Borealis releases the newest report from a foreign partner that each of "
        "its agencies holds; that partner's trust in the holder falls by 15, and for 2 months "
        "it shares with that nation's agencies only on threats against it due within a month "
        "(R28). Reports marked information only are safe (R21).",
        {"disclosed": 1, "embargo": 2.0},
        lambda b, a: a.embargoes == {(X, 1): (3, 1)}
        and a.trust[X, Y] == pytest.approx(b.trust[X, Y] - 15),
        setup=lambda s: _holds_from_x(s)),
    "strict terms": Case(
        {"transactional": {"from": "X", "to": "Y", "rounds": 3, "credit": 0.25}},
        "For 3 months, to the end of April 2020, X deals with Y on strict terms: 25% of the "
        "credit line (R18), and 50% of the trust a trade would earn (R19).",
        {"strict": 3 * (2 - 0.25 - 0.5) / 2},
        lambda b, a: a.terms(X, Y) == (4, 0.25, 0.5) and b.terms(X, Y) is None
        and a.terms(Y, X) is None),
    "strict terms tightening milder ones": Case(  # rounds 2-6 at 0.25 withheld, now 0.75
        {"transactional": {"from": "X", "to": "Y", "rounds": 3}},
        "For 3 months, to the end of April 2020, X deals with Y on strict terms: no credit "
        "line (R18), and 50% of the trust a trade would earn (R19).",
        {"strict": 5 * 0.75 - 5 * 0.25},
        lambda b, a: a.terms(X, Y) == (6, 0.0, 0.5),
        setup=lambda s: s.strict_terms.__setitem__((X, Y), (6, 0.5, 1.0))),
    "strict terms, already stricter and longer": Case(
        {"transactional": {"from": "X", "to": "Y", "rounds": 3}},
        "For 3 months, to the end of April 2020, X deals with Y on strict terms: no credit "
        "line (R18), and 50% of the trust a trade would earn (R19). Their terms are already "
        "that strict and that long, so this changes nothing.",
        {"strict": 0.0},
        lambda b, a: a.terms(X, Y) == b.terms(X, Y) == (6, 0.0, 0.25),
        setup=lambda s: s.strict_terms.__setitem__((X, Y), (6, 0.0, 0.25))),
    "a new plot": Case(  # chosen in January, at its dusk: three months to foil it, to March
        {"spawn_threat": {"template": "cell"}},
        "A new plot is set in motion: Cell in one of North or South, a terrorism threat of "
        "severity 2–4 against Borealis and Caledonia, to foil by the end of March 2020 (R9).",
        {"threats": 1},
        lambda b, a: len(a.threats) == len(b.threats) + 1 and a.threats[-1].deadline == 3
        and a.threats[-1].targets == (1, 2) and 2 <= a.threats[-1].severity <= 4),
    "a named plot in a named region": Case(
        {"spawn_threat": {"template": "cell", "name": "The cell", "region": "south"}},
        "A new plot is set in motion: The cell, a terrorism threat of severity 2–4 against "
        "Borealis and Caledonia, to foil by the end of March 2020 (R9).",
        {"threats": 1},
        lambda b, a: a.threats[-1].name == "The cell" and a.threats[-1].region == 1),
    "a plot whose deadline is drawn": Case(
        {"spawn_threat": {"template": "slow", "region": "north"}},
        "A new plot is set in motion: Cell in North, a terrorism threat of severity 2–4 "
        "against Borealis and Caledonia, to foil by the end of a month from February 2020 to "
        "April 2020 (R9).",
        {"threats": 1},
        lambda b, a: 2 <= a.threats[-1].deadline <= 4 and a.threats[-1].region == 0),
    "a flag": Case(
        {"flag": "marked"}, "Later events may follow from it.", {"later": True},
        lambda b, a: "marked" in a.flags and "marked" not in b.flags),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_r28_each_choice_is_told_as_what_it_then_does(name):
    case = CASES[name]
    state = _decision([case.effect], [])
    case.setup(state)
    (d,) = view(state, Y).decisions
    told, nothing = d.options
    assert told.effects == (case.words,) and nothing.effects == ("Nothing changes.",)
    for field, value in case.stakes.items():
        assert getattr(told.stakes, field) == pytest.approx(value), field
    untouched = {f: getattr(nothing.stakes, f) for f in case.stakes}
    assert all(not np.any(v) for v in untouched.values())
    before = deepcopy(state)
    apply(state, Choose("Y", d.pending, 0))
    effects.resolve_queued(state, [])  # what the dusk does first with the month's choices
    assert case.changed(before, state)


def _ai_pick(state: GameState) -> int:
    agent = LiaisonAgency("reciprocal", "hard", np.random.default_rng(1))
    return next(a.choice for a in agent.turn(lambda: view(state, Y)) if isinstance(a, Choose))


def test_r28_the_ai_weighs_what_a_choice_does_not_where_it_is_listed():
    """Forty of its own money against thirty points of one partner's trust: it keeps the
    money, whichever place each choice has; against one of its money, it keeps the trust."""
    money = {"budget": {"agency": "Y", "delta": -40}}
    trust = {"trust": {"from": "X", "to": "Y", "delta": -30}}
    assert _ai_pick(_decision([money], [trust])) == 1
    assert _ai_pick(_decision([trust], [money])) == 0
    assert _ai_pick(_decision([{"budget": {"agency": "Y", "delta": -1}}], [trust])) == 0


def test_r28_the_ai_weighs_strict_terms_against_money():
    """A year of strict terms from a partner outweighs a little money, not a lot of it;
    and the same terms for a month weigh less than that little money."""
    def strict(months: int) -> dict:
        return {"transactional": {"from": "X", "to": "Y", "rounds": months}}

    assert _ai_pick(_decision([strict(12)], [{"budget": {"agency": "Y", "delta": -1}}])) == 1
    assert _ai_pick(_decision([strict(12)], [{"budget": {"agency": "Y", "delta": -40}}])) == 0
    assert _ai_pick(_decision([strict(1)], [{"budget": {"agency": "Y", "delta": -1}}])) == 0


def test_r28_the_ai_says_what_tipped_its_choice():
    state = _decision([{"budget": {"agency": "Y", "delta": -40}}],
                      [{"trust": {"from": "X", "to": "Y", "delta": -10}}])
    agent = LiaisonAgency("reciprocal", "hard", np.random.default_rng(1))
    list(agent.turn(lambda: view(state, Y)))
    (reason,) = [text for _, text in agent.reasons if "A rupture" in text]
    assert reason == ("Y: on 'A rupture': chose 'Choice 2': it weighs better on money, "
                      "though worse on partners' trust in us")


@pytest.mark.parametrize("name, called", [
    ("United Kingdom", "the United Kingdom"), ("Netherlands", "the Netherlands"),
    ("Soviet Union", "the Soviet Union"), ("France", "France"), ("Wales", "Wales"),
    ("The Gambia", "The Gambia")])
def test_a_nation_is_called_as_a_sentence_needs(name, called):
    assert Nation("X", name, "#000000", "closed", ()).called == called
