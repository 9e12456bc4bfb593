"""R25-R27: moles, recruited liaison officers, disinformation."""

from dataclasses import replace

import numpy as np
import pytest

from game.core import IllegalAction, apply, view
from game.core.actions import (
    Answer,
    DecideMole,
    Disinform,
    EndTurn,
    Fabricate,
    LaunchOperation,
    PostOfficer,
    ProposeExchange,
    Sweep,
)
from game.core.liaison import transfer
from game.core.operations import own_picture
from game.core.penetration import hazard, plant
from game.core.records import MOLE_EXPOSED, MOLE_FOUND, MOLE_RUN_BACK
from tests.helpers import (
    HUM,
    SIG,
    X,
    Y,
    Z,
    add_report,
    add_threat,
    answer_round,
    end_turns_until,
    freeze_threats,
    game,
    next_round,
    set_level,
)

HOSTILE = {"penetration": {"hostile": {"ATL": ["Z"], "BOR": ["Z"]}}}


def test_r25_hazard_formula():
    """R25: hazard = 0.02 x (1 - CI) x (1 + 0.15 x postings and pacts) x (1 + hostile
    HUMINT spending / 50). X (CI 0.5) with one posting, while Z runs HUMINT 2 (16 a
    month): 0.02 x 0.5 x 1.15 x 1.32. Y has no hostile service named: no hazard."""
    state = game(**HOSTILE, nations=[
        {"id": "ATL", "name": "Atlantis"}, {"id": "BOR", "name": "Borealis"},
        {"id": "CAL", "name": "Caledonia"}])
    state.postings = frozenset({(X, Y)})
    set_level(state, Z, 0, HUM, 2)
    h = hazard(state)
    assert h[X] == pytest.approx(0.02 * 0.5 * 1.15 * (1 + 16 / 50))
    assert h[Y] == pytest.approx(0.02 * 0.5 * 1.15 * (1 + 16 / 50))  # hosting counts too
    assert h[Z] == 0.0
    plant(state, X, Z, "hazard", [])
    assert hazard(state)[X] == 0.0  # one mole at a time


def test_r25_a_mole_copies_everything_to_the_hostile_service_and_nowhere_else():
    """R25: while active, every report the victim holds or receives is copied at dusk to
    the hostile service's view — and to no other seat's. Only the service is told."""
    state = game(**HOSTILE)
    t = add_threat(state, deadline=99)
    rx = add_report(state, X, t, HUM)
    events = []
    plant(state, X, Z, "hazard", events)
    assert events[0].seats == (Z,)
    next_round(state)
    ry = add_report(state, Y, t, SIG)
    transfer(state, Y, X, [ry], ())
    next_round(state)
    z_view = view(state, Z)
    assert {rx, ry} <= set(z_view.reports)
    assert z_view.holdings[rx].via_mole and z_view.holdings[rx].chain == (X, Z)
    assert rx not in view(state, Y).reports
    assert not any(m for m in view(state, X).moles)  # the victim knows nothing yet


def test_r25_discovery_sweep_and_the_expose_choice():
    """R25: a sweep (15) adds CI x 0.25 to the 5% chance; once found, the owner chooses.
    Exposing tells each originator of a leaked report and costs its trust now."""
    found_rounds = []
    for seed in range(30):
        state = game(seed=seed, **HOSTILE)
        plant(state, X, Z, "hazard", [])
        apply(state, Sweep("X"))
        assert state.budget[X] == 85
        with pytest.raises(IllegalAction, match="already"):
            apply(state, Sweep("X"))
        next_round(state)
        found = state.moles[0].status == MOLE_FOUND
        found_rounds.append(found)
        # The sweeper always hears how it went: a mole found, or nothing (only X hears).
        told = [e for e in state.log if e.kind in ("mole_discovered", "sweep_clear")]
        assert [(e.kind, e.seats) for e in told] == [
            ("mole_discovered" if found else "sweep_clear", (X,))]
        if not found:  # it says what the sweep was worth: 5% + CI x 0.25
            odds = 0.05 + state.world.agencies[X].counterintel * 0.25
            assert f"the chance of finding it was {odds:.0%}; without the sweep, 5%" \
                in told[0].text
            assert view(state, X).sweep_chance == pytest.approx(odds)
    assert 0.05 < np.mean(found_rounds) < 0.4  # expected 0.05 + 0.5 x 0.25 = 0.175

    state = game(**HOSTILE)
    t = add_threat(state, deadline=99)
    ry = add_report(state, Y, t, SIG)
    transfer(state, Y, X, [ry], ())
    plant(state, X, Z, "hazard", [])
    next_round(state)  # the leak
    state.moles[0] = replace(state.moles[0], status=MOLE_FOUND)
    before = state.trust[Y, X]
    (mv,) = view(state, X).moles
    assert mv.status == "found" and mv.leaked == 1
    apply(state, DecideMole("X", 0, expose=True))
    assert state.moles[0].status == MOLE_EXPOSED
    assert state.trust[Y, X] == pytest.approx(before - 10)
    told = [e for e in state.log if e.kind == "damage_assessment"]
    assert len(told) == 1 and told[0].seats == (Y,)
    assert "1 of your reports held by X was read by Z." in told[0].text


def test_r25_run_back_then_found_out_doubles_the_loss():
    """R25: a mole run back in secret stops leaking; if partners learn of it later, the
    trust they lose is doubled."""
    state = game(**HOSTILE, rules={"penetration": {"hidden_found": 1.0}})
    t = add_threat(state, deadline=99)
    ry = add_report(state, Y, t, SIG)
    transfer(state, Y, X, [ry], ())
    plant(state, X, Z, "hazard", [])
    next_round(state)
    state.moles[0] = replace(state.moles[0], status=MOLE_FOUND)
    apply(state, DecideMole("X", 0, expose=False))
    assert state.moles[0].status == MOLE_RUN_BACK
    before = state.trust[Y, X]
    end_turns_until(state, X)
    assert state.moles[0].status == MOLE_EXPOSED
    drift = 0.05 * (70 - (before - 20))
    assert state.trust[Y, X] == pytest.approx(before - 20 + drift)


def test_r25_an_undecided_found_mole_is_exposed_at_end_of_turn():
    state = game(**HOSTILE)
    plant(state, X, Z, "hazard", [])
    state.moles[0] = replace(state.moles[0], status=MOLE_FOUND)
    apply(state, EndTurn("X"))
    assert state.moles[0].status == MOLE_EXPOSED


def test_r11_mole_penalty_lowers_the_real_chance_only():
    """R11/R25: when a hostile service has read the threat's reports through a mole, the
    operation's real chance is 0.3 lower; the agency still sees the chance it believes."""
    state = game(**HOSTILE)
    t = add_threat(state, needs=(1, 1, 0, 0), deadline=99)
    add_report(state, X, t, HUM, 0.8)
    add_report(state, X, t, SIG, 0.8)
    plant(state, X, Z, "hazard", [])
    next_round(state)
    apply(state, LaunchOperation("X", t))
    op = state.operations[0]
    assert op.shown == pytest.approx(0.8)
    assert op.chance == pytest.approx(0.5)


def test_r26_an_officer_posted_with_a_hostile_host_can_be_recruited():
    """R26: X posts an officer with Z, whose nation is hostile: each dusk the officer may
    be turned (4% x (1 - CI)), making a mole in X that works for Z."""
    nations = [{"id": "ATL", "name": "Atlantis", "relations": {"CAL": -60}},
               {"id": "BOR", "name": "Borealis"}, {"id": "CAL", "name": "Caledonia"}]
    state = game(nations=nations, rules={"penetration": {"recruit_rate": 1.0}})
    apply(state, PostOfficer("X", "Z"))
    apply(state, PostOfficer("X", "Y"))  # a friendly host: never recruited
    next_round(state)
    (mole,) = state.moles
    assert (mole.victim, mole.hostile, mole.how) == (X, Z, "recruited")
    # Only the hostile service hears of it, in words (a playtester read "(hazard)")
    (told,) = [e for e in state.log if e.kind == "mole_planted"]
    assert told.text == ("Z now has a source inside X (a liaison officer posted with the "
                         "hostile service and turned, R26).")
    assert told.visible_to(Z) and not told.visible_to(X)


def test_r26_the_view_states_the_risk_of_posting_with_each_partner():
    """The chance a posted officer is turned, as the seat's view states it for the
    Liaison tab: 4% x (1 - CI) a month with a hostile host, nothing with a friend."""
    nations = [{"id": "ATL", "name": "Atlantis", "relations": {"CAL": -60}},
               {"id": "BOR", "name": "Borealis"}, {"id": "CAL", "name": "Caledonia"}]
    state = game(nations=nations)
    ci = state.world.agencies[X].counterintel
    risk = {p.agency: p.turn_risk for p in view(state, X).partners}
    assert risk == {"Y": 0.0, "Z": pytest.approx(state.rules.penetration.recruit_rate
                                                 * (1 - ci))}
    assert risk["Z"] > 0


def test_r27_a_false_report_looks_real_until_an_operation_built_on_it_fails():
    """R27: Y fabricates a SIGINT report and trades it to X. X's picture counts it and X
    sees a 80% chance, but the real chance has nothing from it; when the operation fails,
    X learns the report was false and trusts Y 20 less. (No other discipline shows it
    up at the dawn in between: that is the next test.)"""
    state = game(rules={"penetration": {"contradict": 0.0}})
    t = add_threat(state, needs=(1, 1, 0, 0), deadline=99)
    add_report(state, X, t, HUM, 0.8)
    apply(state, EndTurn("X"))
    add_report(state, Y, t, HUM, 0.5)  # Y knows the threat
    apply(state, Fabricate("Y", t, "SIGINT"))
    (fake,) = state.false_reports
    assert fake in view(state, Y).known_false
    apply(state, ProposeExchange("Y", "X", (fake,)))
    answer_round(state)
    apply(state, Answer("X", view(state, X).inbox[0].cable.id, True))
    next_round(state)
    v = view(state, X)
    assert fake in v.reports and fake not in v.known_false
    assert v.threat(t).chance == pytest.approx(0.15 + 0.75 * (0.8 + 0.8) / 2 + 0.05)
    apply(state, LaunchOperation("X", t))
    real = state.operations[0].chance
    assert real == pytest.approx(0.15 + 0.75 * 0.8 / 2 + 0.05)
    state.operations[0] = replace(state.operations[0], chance=0.0)  # it fails at dusk
    trust_before = state.trust[X, Y]
    freeze_threats(state)
    next_round(state)
    assert state.threats[t].active
    assert fake in view(state, X).known_false
    assert state.trust[X, Y] < trust_before - 19
    assert not own_picture(state, X, t).all_source  # the false report no longer counts


def test_r27_another_discipline_can_contradict_a_false_report():
    """R27: holding a genuine report of another discipline on the same threat, X may see
    through a false one at dawn (25% a month)."""
    state = game(rules={"penetration": {"contradict": 1.0}})
    t = add_threat(state, needs=(1, 1, 0, 0), deadline=99)
    add_report(state, X, t, HUM)
    apply(state, EndTurn("X"))
    add_report(state, Y, t, HUM)
    apply(state, Fabricate("Y", t, "SIGINT"))
    (fake,) = state.false_reports
    transfer(state, Y, X, [fake], ())
    next_round(state)
    assert fake in state.unmasked[X]
    assert any(e.kind == "disinformation_found" and e.seats == (X,) for e in state.log)


def test_r27_a_hostile_service_plants_through_its_mole():
    """R27: Z, running a mole in X, forges a report into X's own files; X cannot tell it
    from its own collection. Without a mole there is no such channel."""
    state = game(**HOSTILE)
    t = add_threat(state, needs=(1, 1, 0, 0), deadline=99)
    add_report(state, X, t, HUM)
    add_report(state, Z, t, HUM)
    end_turns_until(state, Z)
    plant(state, Y, Z, "hazard", [])
    state.moles[0] = replace(state.moles[0], status=MOLE_EXPOSED)  # a channel now closed
    with pytest.raises(IllegalAction, match="mole you run"):
        apply(state, Disinform("Z", 0, t, "SIGINT"))
    plant(state, X, Z, "hazard", [])
    apply(state, Disinform("Z", 1, t, "SIGINT"))
    forged = max(state.false_reports)
    assert state.reports[forged].originator == X
    assert forged in state.holdings[X] and forged not in state.unmasked[X]
