"""The numbers the screens explain come from the view, and are the engine's own: the
R20 warning is the breach the engine then records, a programme's expected yield is the
dawn's Poisson mean, the budget forecast is the next dawn's budget, a partner card's
history is the cables as the seat saw them, and plots that share a name are told apart."""

from dataclasses import replace

import numpy as np
import pytest

from game.core import apply, view
from game.core.actions import Answer, EndTurn, PostOfficer, ProposeExchange
from game.core.collection import collect, expected_reports
from game.core.liaison import transfer
from game.core.records import ACCEPTED, ANSWERS, DELIVERED, IN_TRANSIT, NOTHING, Breach
from tests.helpers import (
    HUM,
    SIG,
    X,
    Y,
    Z,
    add_report,
    add_threat,
    answer_round,
    freeze_threats,
    game,
    next_round,
    set_level,
)


def _accept_all(state) -> None:
    """The answer round: every seat with a cable accepts it, giving nothing."""
    answer_round(state)
    while state.phase == ANSWERS:
        seat = state.current
        for inc in view(state, seat).inbox:
            apply(state, Answer(state.world.agencies[seat].id, inc.cable.id, True, ()))
        apply(state, EndTurn(state.world.agencies[seat].id))


# --------------------------------------------------------------------------- R20
def test_r20_the_preview_names_the_breach_the_engine_then_records():
    """X holds a report Y originated and offers it to Z: the preview names the report,
    its originator, the monthly chance it is found out and the trust it would cost; when
    Z accepts, the engine records exactly that breach."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0))
    ry = add_report(state, Y, t, SIG)
    transfer(state, Y, X, [ry], ())
    own = add_report(state, X, t, HUM)
    action = ProposeExchange("X", "Z", (ry, own), ask_threat=t)
    verdict = view(state, X).preview_exchange(action)
    assert verdict.third_party == ((ry, Y),)  # not X's own report
    assert verdict.breach_chance == pytest.approx(state.rules.third_party.base)
    assert verdict.breach_loss == state.rules.trust.breach_loss == 25
    apply(state, action)
    _accept_all(state)
    assert state.breaches == [Breach(ry, Y, X, Z, 1)]


def test_r20_an_answer_names_the_breach_the_engine_then_records():
    """The playtest: the composer warned of R20, the answer dialog did not. Z asks X; X
    holds Y's report and its own: the view names Y's as the breach, and when X gives it
    in the answer the engine records exactly that breach."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0))
    ry = add_report(state, Y, t, SIG)
    transfer(state, Y, X, [ry], ())
    own = add_report(state, X, t, HUM)
    rz = add_report(state, Z, t, HUM)
    state.current = Z
    apply(state, ProposeExchange("Z", "X", (rz,), ask_threat=t))
    answer_round(state)
    (incoming,) = view(state, X).inbox
    assert view(state, X).answer_breaches(incoming.cable.id, (ry, own)) == ((ry, Y),)
    assert view(state, X).answer_breaches(incoming.cable.id, (own,)) == ()
    apply(state, Answer("X", incoming.cable.id, True, (ry,)))
    assert state.breaches == [Breach(ry, Y, X, Z, state.round)]


def test_r20_no_warning_to_the_originator_or_inside_a_closed_pact():
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0))
    ry = add_report(state, Y, t, SIG)
    transfer(state, Y, X, [ry], ())
    back = view(state, X).preview_exchange(ProposeExchange("X", "Y", (ry,), ask_threat=t))
    assert back.third_party == () and back.breach_chance == 0.0
    pact = {"id": "p", "name": "Pact", "kind": "closed", "members": ["X", "Y", "Z"]}
    state = game(pacts=[pact])
    t = add_threat(state, needs=(1, 1, 0, 0))
    ry = add_report(state, Y, t, SIG)
    transfer(state, Y, X, [ry], ())
    inside = view(state, X).preview_exchange(ProposeExchange("X", "Z", (ry,), ask_threat=t))
    assert inside.third_party == ()


def test_r20_open_courts_raise_the_chance_the_warning_gives():
    state = game(nations=[
        {"id": "ATL", "name": "Atlantis", "courts": "closed"},
        {"id": "BOR", "name": "Borealis", "courts": "closed"},
        {"id": "CAL", "name": "Caledonia", "courts": "open"},
    ])
    t = add_threat(state, needs=(1, 1, 0, 0))
    ry = add_report(state, Y, t, SIG)
    transfer(state, Y, X, [ry], ())
    verdict = view(state, X).preview_exchange(ProposeExchange("X", "Z", (ry,), ask_threat=t))
    tp = state.rules.third_party
    assert verdict.breach_chance == pytest.approx(tp.base + tp.open_courts)
    assert state.world.breach_chance(Z) == verdict.breach_chance


# --------------------------------------------------------------------------- R7 and money
def test_a_cells_expected_yield_is_the_dawns_poisson_mean():
    state = game()
    freeze_threats(state)
    t = add_threat(state, needs=(1, 0, 0, 0), region=0, deadline=99)
    set_level(state, X, 0, HUM, 3)
    cell = view(state, X).collection_cell(0, HUM)
    agency = state.world.agencies[X]
    rate = state.rules.collection.rate
    assert cell.expected == pytest.approx(rate * 3 * agency.capability[HUM] * agency.access[0])
    assert cell.expected == pytest.approx(expected_reports(rate, 3, agency.capability[HUM],
                                                           agency.access[0]))
    assert cell.cost == 3 * state.rules.disciplines[HUM].cost
    assert (cell.strength, cell.reach) == (agency.capability[HUM], agency.access[0])
    draws = 600
    got = 0
    for n in range(draws):  # the dice are keyed by the round: a new round, new dice
        state.round = 1 + n
        new = collect(state, [])
        got += sum(1 for r in new if state.reports[r].originator == X
                   and state.reports[r].threat == t)
    assert got / draws == pytest.approx(cell.expected, abs=0.08)


def test_the_budget_forecast_is_the_next_dawns_budget():
    state = game()
    freeze_threats(state)
    set_level(state, X, 0, HUM, 2)
    set_level(state, X, 1, SIG, 1)
    apply(state, PostOfficer("X", "Y"))
    v = view(state, X)
    costs = np.array([d.cost for d in state.rules.disciplines])
    assert v.money.programmes == pytest.approx(float((state.orders[X] * costs).sum()))
    assert v.money.postings == state.rules.posting.upkeep
    assert v.money.income == state.world.agencies[X].budget
    forecast = v.money.forecast(v.budget)
    next_round(state)
    assert float(state.budget[X]) == pytest.approx(forecast)


def test_running_costs_beyond_income_are_flagged():
    state = game()
    v = view(state, X)
    assert not v.money.short
    state.orders[X] = state.rules.collection.max_level
    v = view(state, X)
    assert v.money.running > v.money.income and v.money.short


# --------------------------------------------------------------------------- partner card
def test_the_partner_view_carries_both_credit_lines_and_suspensions_both_ways():
    state = game()
    state.trust[X, Y], state.trust[Y, X] = 40.0, 70.0
    state.suspensions[(Y, X, SIG)] = state.round + 2
    p = view(state, X).partner("Y")
    assert p.credit_line == pytest.approx(state.credit_line(Y, X))
    assert p.credit_given == pytest.approx(state.credit_line(X, Y))
    assert p.suspended == () and p.suspended_in == ("SIGINT",)
    assert p.suspended_in_until == (state.round + 2,)
    assert p.ask_cap == pytest.approx(max(0.0, p.credit_line + p.ledger))


def test_the_cable_history_is_what_each_side_saw():
    """An accepted cable is in both sides' history with the ledger move each side saw;
    a cable the rules stopped before it reached X, or one still in transit, is only in
    its sender's."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0))
    rx = add_report(state, X, t, HUM)
    apply(state, ProposeExchange("X", "Y", (rx,), ask_threat=t))
    _accept_all(state)
    (mine,) = view(state, X, explained=True).cables_with("Y")
    (theirs,) = view(state, Y, explained=True).cables_with("X")
    assert mine.outgoing and not theirs.outgoing and mine.status == ACCEPTED
    assert mine.ledger_change == pytest.approx(float(state.ledger[X, Y]))
    assert theirs.ledger_change == pytest.approx(float(state.ledger[Y, X]))
    assert mine.topic == theirs.topic == "Plot 0"
    # Z asks X about the south with no programme there and nothing offered: R16 answers.
    apply(state, EndTurn("X"))
    apply(state, EndTurn("Y"))
    apply(state, ProposeExchange("Z", "X", (), ask_region="south"))
    assert [c.status for c in view(state, Z, explained=True).cables_with("X")] == [IN_TRANSIT]
    assert view(state, X, explained=True).cables_with("Z") == ()  # still in transit: X never saw it
    apply(state, EndTurn("Z"))
    assert [c.status for c in view(state, Z, explained=True).cables_with("X")] == [NOTHING]
    assert view(state, X, explained=True).cables_with("Z") == ()  # stopped by the rules before X
    assert view(state, Z, explained=True).cables_with("X")[0].refusal.startswith("R16")


def test_an_incoming_cable_is_listed_once_delivered():
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0))
    ry = add_report(state, Y, t, SIG)
    add_report(state, X, t, HUM)
    apply(state, EndTurn("X"))
    apply(state, ProposeExchange("Y", "X", (ry,), ask_threat=t))
    assert view(state, X, explained=True).cables_with("Y") == ()
    answer_round(state)
    (line,) = view(state, X, explained=True).cables_with("Y")
    assert line.status == DELIVERED and not line.outgoing and line.offered == 1


# --------------------------------------------------------------------------- names
def test_plots_that_share_a_name_are_told_apart():
    state = game()
    a = add_threat(state, region=0)
    b = add_threat(state, region=1)
    c = add_threat(state, region=0)
    d = add_threat(state, region=0)
    e = add_threat(state, region=0)
    world = state.world
    same = [replace(state.threats[i], name="Cell") for i in (a, b)]
    assert world.display_names(same) == {a: "Cell (North)", b: "Cell (South)"}
    months = [replace(state.threats[a], name="Cell"),
              replace(state.threats[c], name="Cell", spawned=3)]
    assert world.display_names(months) == {
        a: f"Cell ({world.month_label(1)})", c: f"Cell ({world.month_label(3)})"}
    twins = [replace(state.threats[i], name="Cell") for i in (d, e)]
    assert sorted(world.display_names(twins).values()) == [
        f"Cell ({world.month_label(1)}, 1)", f"Cell ({world.month_label(1)}, 2)"]
    alone = [replace(state.threats[a], name="Cell"), replace(state.threats[b], name="Other")]
    assert world.display_names(alone) == {a: "Cell", b: "Other"}


def test_the_view_names_known_plots_apart():
    state = game()
    a = add_threat(state, region=0)
    b = add_threat(state, region=1)
    state.threats[a] = replace(state.threats[a], name="Cell")
    state.threats[b] = replace(state.threats[b], name="Cell")
    add_report(state, X, a, HUM)
    v = view(state, X)
    assert v.threat_name(a) == "Cell"  # only one is known: nothing to tell apart
    add_report(state, X, b, SIG)
    v = view(state, X)
    assert {v.threat_name(a), v.threat_name(b)} == {"Cell (North)", "Cell (South)"}


@pytest.mark.parametrize("ledger, balance, words", [
    (-0.03, 0.0, "you are even"), (1.54, 1.5, "they owe you 1.5"),
    (-2.0, -2.0, "you owe them 2.0"), (-1e-16, 0.0, "you are even")])
def test_the_view_says_the_ledger_as_every_screen_shows_it(ledger, balance, words):
    """R18's balance to a tenth, and in words from the seat's side: the board, the partner
    card and Help read "-0.0: you owe them" for a debt too small to show (a playtest)."""
    state = game()
    state.ledger[X, Y] = ledger
    p = next(p for p in view(state, X).partners if p.agency == "Y")
    assert (p.balance, p.owed) == (balance, words)
    assert str(p.balance) != "-0.0"
