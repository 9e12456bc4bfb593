"""R28: events — each effect and condition of the vocabulary, the deciding seat's
choice, and the named events of the historical scenarios."""

from dataclasses import replace

import numpy as np
import pytest

from game.ai.bots import make_bot
from game.ai.driver import play_turn
from game.core import IllegalAction, apply, effects, new_game, view
from game.core.actions import Choose, EndTurn, ProposeExchange
from game.core.effects import CONDITION_KINDS, EFFECT_KINDS
from game.core.liaison import transfer
from game.core.penetration import plant
from game.core.records import EXECUTED, FOILED, MOLE_EXPOSED
from game.scenario.loader import build, find, load, read_raw
from game.sim import simulate
from tests.helpers import (
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
    raw_world,
)

TEMPLATE = {"id": "cell", "kind": "terrorism", "name": "Cell in {region}", "regions": ["south"],
            "targets": ["ATL"], "severity": [3, 3], "deadline": [4, 4],
            "needs": {"HUMINT": 1}, "chance": 0.0}


def _event(effects=(), when=None, **extra) -> dict:
    return {"id": "e", "title": "An event", "text": "Text.", "history": "History.",
            "when": when or {"round": 1}, "effects": list(effects), **extra}


def fired(*effects, **over):
    """A game whose round-1 dawn fired one event with these effects."""
    return game(events=[_event(effects)], threat_templates=[TEMPLATE], **over)


def test_vocabulary_is_the_documented_one():
    assert set(EFFECT_KINDS) == {"trust", "relation", "budget", "suspend", "resume", "channel",
                                 "spawn_threat", "plant_mole", "expose_mole", "score", "flag",
                                 "message", "disclose", "transactional"}
    assert set(CONDITION_KINDS) == {"round", "from_round", "chance", "trust_below",
                                    "trust_above", "relation_below", "flag", "not_flag",
                                    "threat_executed", "threat_foiled", "has_mole",
                                    "courts_open"}


# --------------------------------------------------------------------------- effects
def test_effect_trust_applies_to_every_pair_of_the_selectors():
    base = game()
    state = fired({"trust": {"from": ["X", "Y"], "to": "CAL", "delta": -15}})
    assert state.trust[X, Z] == base.trust[X, Z] - 15
    assert state.trust[Y, Z] == base.trust[Y, Z] - 15
    assert state.trust[Z, X] == base.trust[Z, X]


def test_effect_relation_is_symmetric_and_bounded():
    state = fired({"relation": {"a": "ATL", "b": "BOR", "delta": -200}})
    assert state.relations[0, 1] == state.relations[1, 0] == -100
    assert state.hostile(X, Y)


def test_effect_budget_never_below_zero():
    state = fired({"budget": {"agency": "X", "delta": -30}}, )
    assert state.budget[X] == 70
    state = fired({"budget": {"agency": ["Y", "Z"], "delta": -500}})
    assert state.budget[Y] == state.budget[Z] == 0


def test_effect_suspend_blocks_a_discipline_and_resume_lifts_it():
    state = fired({"suspend": {"from": "X", "to": "Y", "disciplines": ["SIGINT"], "rounds": 2}})
    t = add_threat(state)
    rs = add_report(state, X, t, SIG)
    rh = add_report(state, X, t, HUM)
    with pytest.raises(IllegalAction, match="suspended SIGINT sharing with Y until the end of "
                                            "February 2020"):
        apply(state, ProposeExchange("X", "Y", (rs,)))
    apply(state, ProposeExchange("X", "Y", (rh,)))  # other disciplines flow
    assert view(state, X).partners[0].suspended == ("SIGINT",)
    next_round(state)
    next_round(state)  # March: over
    apply(state, ProposeExchange("X", "Y", (rs,)))
    state = game(events=[_event([{"suspend": {"from": "X", "to": "Y", "rounds": 9}},
                                 {"resume": {"from": "X", "to": "Y"}}])])
    assert not state.suspensions


def test_effect_channel_opens_and_closes():
    nations = [{"id": "ATL", "name": "Atlantis", "relations": {"BOR": -80}},
               {"id": "BOR", "name": "Borealis"}, {"id": "CAL", "name": "Caledonia"}]
    opened = fired({"channel": {"between": ["BOR", "ATL"], "kinds": ["cyber"]}}, nations=nations)
    assert opened.channel_covers(X, Y, "cyber") and not opened.channel_covers(X, Y, "terrorism")
    closed = game(nations=nations, channels=[{"between": ["ATL", "BOR"], "kinds": ["cyber"]}],
                  events=[_event([{"channel": {"between": ["ATL", "BOR"], "kinds": ["cyber"],
                                               "open": False}}])])
    assert not closed.channel_covers(X, Y, "cyber")


def test_effect_spawn_threat():
    state = fired({"spawn_threat": {"template": "cell", "name": "The cell"}})
    (t,) = state.threats
    assert (t.name, t.severity, t.deadline, t.region) == ("The cell", 3, 4, 1)


def test_effect_spawn_threat_is_told_to_the_nations_it_targets_not_where_it_is():
    """R8/R28: the monthly report tells a target's agencies that a plot is under way (the
    Threats tab shows it once they hold a report on it); others hear nothing."""
    state = game(events=[_event([{"spawn_threat": {"template": "cell", "name": "The cell"}}],
                                when={"round": 2})], threat_templates=[TEMPLATE])
    next_round(state)
    said = [e.consequences for e in view(state, X, explained=True).report.events]
    assert said == [("a new plot is set in motion against your nation: The cell; it shows "
                     "on the Threats tab once one of your reports is on it (R8)",)]
    assert not view(state, X).threats  # still unknown to it (R8)
    end_turns_until(state, Y)
    assert [e.consequences for e in view(state, Y, explained=True).report.events] == [
        ("nothing that touches you directly",)]


def test_effects_plant_and_expose_mole():
    state = fired({"plant_mole": {"agency": "X", "hostile": "Z"}})
    assert state.active_mole(X).hostile == Z
    state = game(events=[_event([{"plant_mole": {"agency": "X", "hostile": "Z"}},
                                 {"expose_mole": {"agency": "X"}}])])
    assert state.moles[0].status == MOLE_EXPOSED and state.active_mole(X) is None


def test_effects_score_flag_message():
    state = fired({"score": {"agency": "ATL", "delta": 7}}, {"flag": "f1"},
                  {"message": {"to": "Y", "text": "For Y only."}})
    assert state.credit[X] == 7 and "f1" in state.flags
    assert [e.text for e in view(state, Y).events if e.kind == "message"] == ["For Y only."]
    assert not [e for e in view(state, X).events if e.kind == "message"]
    cleared = game(events=[_event([{"flag": "f1"}, {"flag": {"clear": "f1"}}])])
    assert "f1" not in cleared.flags


def test_effect_disclose_spares_caveated_reports():
    """R21/R28: a court in an open-courts nation discloses the newest report received
    from a foreign partner; its originator loses trust. Caveated reports never go to court."""
    nations = [{"id": "ATL", "name": "Atlantis", "courts": "open"},
               {"id": "BOR", "name": "Borealis"}, {"id": "CAL", "name": "Caledonia"}]
    for caveat, loss in ((False, 15), (True, 0)):
        state = game(nations=nations, events=[_event(
            [{"disclose": {"nation": "ATL"}}], when={"round": 2})])
        t = add_threat(state, deadline=99)
        ry = add_report(state, Y, t, SIG)
        transfer(state, Y, X, [ry], [ry] if caveat else [])
        assert state.trust[Y, X] == 50  # at its baseline: round 1's dusk moves nothing
        next_round(state)  # the court sits at round 2's dawn
        assert state.trust[Y, X] == pytest.approx(50 - loss)


# --------------------------------------------------------------------------- conditions
def _fires(when, setup=None, rounds=1, seed=7, **over) -> bool:
    raw = raw_world(events=[_event([{"flag": "hit"}], when=when)], threat_templates=[TEMPLATE],
                    **over)
    state, _ = new_game(build(raw), seed)
    if setup:
        setup(state)
    for _ in range(rounds):
        next_round(state)
    return "hit" in state.flags


def test_condition_round_and_from_round():
    assert _fires({"round": 2})
    assert not _fires({"round": 3})
    assert _fires({"from_round": 2}) and not _fires({"from_round": 3})


def test_condition_chance():
    hits = sum(_fires({"from_round": 2, "chance": 0.3}, seed=s) for s in range(60))
    assert 8 <= hits <= 30


def test_condition_trust_below_and_above():
    def low(s):
        s.trust[X, Y] = 10

    who = {"from": "X", "to": "Y", "value": 30}
    assert _fires({"if": [{"trust_below": who}]}, low)
    assert not _fires({"if": [{"trust_below": who}]})
    assert _fires({"if": [{"trust_above": {**who, "value": 60}}]})


def test_condition_relation_below():
    assert _fires({"if": [{"relation_below": {"a": "BOR", "b": "CAL", "value": 10}}]})
    assert not _fires({"if": [{"relation_below": {"a": "ATL", "b": "BOR", "value": 10}}]})


def test_condition_flag_and_not_flag():
    assert _fires({"if": [{"flag": "x"}]}, lambda s: s.flags.add("x"))
    assert not _fires({"if": [{"flag": "x"}]})
    assert _fires({"if": [{"not_flag": "x"}]})


def test_condition_threat_executed_and_foiled():
    def ended(status):
        def setup(s):
            t = add_threat(s)
            s.threats[t] = replace(s.threats[t], key="k", status=status)
        return setup

    assert _fires({"if": [{"threat_executed": "k"}]}, ended(EXECUTED))
    assert not _fires({"if": [{"threat_executed": "k"}]}, ended(FOILED))
    assert _fires({"if": [{"threat_foiled": "k"}]}, ended(FOILED))


def test_condition_has_mole_and_courts_open():
    assert _fires({"if": [{"has_mole": "ATL"}]}, lambda s: plant(s, X, Z, "hazard", []))
    assert not _fires({"if": [{"has_mole": "ATL"}]})
    nations = [{"id": "ATL", "name": "Atlantis", "courts": "open"},
               {"id": "BOR", "name": "Borealis"}, {"id": "CAL", "name": "Caledonia"}]
    assert _fires({"if": [{"courts_open": "ATL"}]}, nations=nations)
    assert not _fires({"if": [{"courts_open": "BOR"}]}, nations=nations)


# --------------------------------------------------------------------------- choices
def _decision_game():
    choices = [{"label": "Stand firm", "effects": [{"budget": {"agency": "Y", "delta": -20}}]},
               {"label": "Give way", "effects": [{"trust": {"from": "X", "to": "Y",
                                                            "delta": -30}}]}]
    return game(events=[{"id": "rupture", "title": "A rupture", "text": "Decide.",
                         "history": "It happened.", "when": {"round": 1}, "decider": "BOR",
                         "choices": choices}])


def test_r28_the_deciding_seat_chooses_and_effects_apply_at_dusk():
    """R28: the decider (Borealis: agency Y) sees the event and its choices; its choice
    is public news and takes effect at dusk."""
    state = _decision_game()
    assert view(state, X).decisions == ()
    apply(state, EndTurn("X"))
    (d,) = view(state, Y).decisions
    assert [o.label for o in d.options] == ["Stand firm", "Give way"]
    with pytest.raises(IllegalAction, match="Choose 1 to 2"):
        apply(state, Choose("Y", d.pending, 5))
    apply(state, Choose("Y", d.pending, 1))
    trust_before = state.trust[X, Y]
    assert any(e.kind == "decided" and not e.seats for e in state.log)
    next_round(state)
    assert state.trust[X, Y] == pytest.approx(trust_before - 30 + 0.05 * (70 - trust_before + 30))
    assert state.budget[Y] == 200


def test_r28_an_undecided_event_takes_the_first_choice():
    state = _decision_game()
    next_round(state)
    assert state.budget[Y] == 200 - 20


# --------------------------------------------------------------------------- the named events
NAMED = {
    "huawei_2020": {"huawei_decision", "court_disclosure", "pompeo_visit"},
    "no_eternal_allies_1950": {"philby", "us_israeli_exchange", "albania"},
    "channels_2021": {"renewed_dialogue"},
    "club_of_berne_2004": {"madrid_aftermath", "court_disclosure"},
}


@pytest.mark.parametrize("scenario", sorted(NAMED))
def test_named_events_fire_in_their_scenario(scenario):
    summary = simulate(read_raw(find(scenario)), games=10, seed=1, progress=False, workers=1)
    assert NAMED[scenario] <= set(summary["events"])


def _at(scenario, event_id, seed=1):
    """A game of the scenario played until the event is waiting for its decider."""
    sc = load(scenario)
    state, _ = new_game(sc, seed)
    bots = [make_bot("always_share", seed, i) for i in range(state.n_agencies)]
    while not any(p.event == event_id for p in state.pending):
        play_turn(state, bots[state.current])
    pending = next(p for p in state.pending if p.event == event_id)
    while state.current != pending.seat:
        play_turn(state, bots[state.current])
    return state, pending


def _agency(state, agency_id):
    return state.world.agency_index(agency_id)


def test_huawei_decision_allow_costs_american_trust_and_sigint():
    state, p = _at("huawei_2020", "huawei_decision")
    nsa, gchq = _agency(state, "NSA"), _agency(state, "GCHQ")
    assert state.world.agencies[p.seat].nation == "UK"
    before = state.trust[nsa, gchq]
    apply(state, Choose(state.world.agencies[p.seat].id, p.id, 0))
    next_round(state)
    assert state.trust[nsa, gchq] < before - 10
    assert state.suspended(nsa, gchq, state.world.discipline_index("SIGINT"))
    assert "huawei_allowed" in state.flags


def test_huawei_decision_exclude_costs_gchq_budget():
    state, p = _at("huawei_2020", "huawei_decision")
    gchq = _agency(state, "GCHQ")
    cn, uk = state.world.nation_index("CN"), state.world.nation_index("UK")
    rel = state.relations[uk, cn]
    apply(state, Choose(state.world.agencies[p.seat].id, p.id, 1))
    budget = state.budget[gchq]
    effects.resolve_queued(state, [])  # what dusk does first with the month's choices
    assert state.budget[gchq] == budget - 30 and state.relations[uk, cn] == rel - 20


def test_renewed_dialogue_opens_a_channel_limited_to_cyber_and_terrorism():
    state, p = _at("channels_2021", "renewed_dialogue")
    apply(state, Choose(state.world.agencies[p.seat].id, p.id, 0))
    next_round(state)
    cia, svr = _agency(state, "CIA"), _agency(state, "SVR")
    assert state.hostile(cia, svr)
    assert state.channel_covers(cia, svr, "cyber") and state.channel_covers(cia, svr, "terrorism")
    assert not state.channel_covers(cia, svr, "proliferation")


def test_philby_is_a_kgb_mole_in_sis_from_the_start():
    sc = load("no_eternal_allies_1950")
    state, _ = new_game(sc, 3)
    mole = state.active_mole(state.world.agency_index("SIS"))
    assert state.world.agencies[mole.hostile].id == "KGB"
    assert state.fired["philby"] == 1
    assert np.all([m.how == "event" for m in state.moles])
