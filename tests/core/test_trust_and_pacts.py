"""R19-R24: trust, the third-party rule, caveats, pacts, channels and postings."""

from dataclasses import replace

import numpy as np
import pytest

from game.core import IllegalAction, apply, view
from game.core.actions import (
    Answer,
    LaunchOperation,
    PostOfficer,
    ProposeExchange,
    ProposeJointOperation,
    RecallOfficer,
)
from game.core.collection import collect
from game.core.liaison import transfer
from game.core.operations import own_picture
from game.core.pacts import in_good_standing, share
from game.core.penetration import plant
from game.core.records import (
    ACCEPTED,
    EXCHANGE,
    MOLE_ACTIVE,
    MOLE_FOUND,
    REFUSED,
    Breach,
    Cable,
    Topic,
)
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


def _exchange(state, offer, t, give_fn):
    apply(state, ProposeExchange("X", "Y", offer, ask_threat=t))
    answer_round(state)
    incoming = view(state, Y).inbox[0]
    apply(state, give_fn(incoming))


def test_r19_balanced_exchange_raises_trust_both_ways():
    """R19: a balanced exchange (values within a factor of two) raises trust by 3 each way."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0), targets=(0, 1))
    rx = add_report(state, X, t, HUM, 0.8)
    ry = add_report(state, Y, t, SIG, 0.8)
    state.trust[:] = 50.0
    np.fill_diagonal(state.trust, 100.0)
    before = state.trust.copy()
    freeze_threats(state)
    _exchange(state, (rx,), t, lambda inc: Answer("Y", inc.cable.id, True, (ry,)))
    # answered in the same month, before any drift
    assert state.trust[X, Y] == pytest.approx(before[X, Y] + 3)
    assert state.trust[Y, X] == pytest.approx(before[Y, X] + 3)


def test_r19_refusing_an_admissible_balanced_request_lowers_trust():
    """R19: Y refuses although it holds what X lacks and X brought something: X's trust
    in Y falls by 4. Refusing when it holds nothing useful costs nothing."""
    for y_can_help, loss in ((True, 4.0), (False, 0.0)):
        state = game()
        t = add_threat(state, needs=(1, 1, 0, 0))
        rx = add_report(state, X, t, HUM)
        if y_can_help:
            add_report(state, Y, t, SIG)
        freeze_threats(state)
        apply(state, ProposeExchange("X", "Y", (rx,), ask_threat=t))
        answer_round(state)
        before = state.trust[X, Y]
        apply(state, Answer("Y", view(state, Y).inbox[0].cable.id, False))
        assert state.trust[X, Y] == pytest.approx(before - loss)


def test_r19_trust_drifts_five_percent_toward_baseline():
    """R19: each dusk trust closes 5% of the gap to its baseline (50 + 0.4 x relation):
    Atlantis-Borealis relation 50 gives a baseline of 70."""
    state = game()
    state.trust[X, Y] = 30.0
    next_round(state)
    assert state.trust[X, Y] == pytest.approx(30 + 0.05 * 40)


def test_r20_passing_on_without_consent_risks_a_25_point_breach():
    """R20: Y passes X's report to Z. Discovery (5% a month, +10% if Z's courts are
    open) costs Y 25 of X's trust; the breach is told to X and Y only."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0))
    rx = add_report(state, X, t, HUM)
    transfer(state, X, Y, [rx], ())
    assert state.breaches == []  # the originator giving its own report is no breach
    transfer(state, Y, Z, [rx], ())
    assert len(state.breaches) == 1
    freeze_threats(state)
    state.trust[X, Y] = 70.0
    for _ in range(200):
        if not state.breaches:
            break
        next_round(state)
    assert not state.breaches
    (event,) = [e for e in state.log if e.kind == "breach"]
    assert set(event.seats) == {X, Y}


def test_r20_breach_discovery_odds():
    """R20: discovery runs at the ruleset's base chance for closed courts and higher
    with open courts. 400 breaches each: about 5% and 15% found in one dusk."""
    found = {}
    for courts in ("closed", "open"):
        state = game(nations=[
            {"id": "ATL", "name": "Atlantis", "courts": "closed"},
            {"id": "BOR", "name": "Borealis", "courts": "closed"},
            {"id": "CAL", "name": "Caledonia", "courts": courts},
        ])
        t = add_threat(state, deadline=99)
        rx = add_report(state, X, t, HUM)
        transfer(state, X, Y, [rx], ())
        state.breaches = [Breach(rx, X, Y, Z, 1) for _ in range(400)]
        next_round(state)
        found[courts] = 400 - len(state.breaches)
    assert 8 <= found["closed"] <= 35
    assert 40 <= found["open"] <= 90


def _left_after_a_dusk(mole: str | None) -> set[int]:
    """400 breaches into Z (closed courts), told apart by their report numbers, with no
    mole in Z, or one `active` or `found`; the numbers not found at the next dusk."""
    state = game()
    t = add_threat(state, deadline=99)
    transfer(state, X, Y, [add_report(state, X, t, HUM)], ())
    if mole:
        found = plant(state, Z, X, "event", [])
        state.moles[found.id] = replace(found, status=mole)
    state.breaches = [Breach(n, X, Y, Z, 1) for n in range(400)]
    next_round(state)
    return {b.report for b in state.breaches}


def test_r20_a_mole_at_work_in_the_recipient_raises_discovery():
    """R20/R25: the same dice (one seed): every breach found without a mole is found with
    one at work in the recipient, and about 10% more of them; a mole already found, no
    longer copying, adds nothing."""
    clean, penetrated = _left_after_a_dusk(None), _left_after_a_dusk(MOLE_ACTIVE)
    assert penetrated <= clean
    assert 8 <= 400 - len(clean) <= 35 and 20 <= len(clean) - len(penetrated) <= 65
    assert _left_after_a_dusk(MOLE_FOUND) == clean


def test_r20_closed_pact_gives_consent():
    """R20: passing a report on inside a closed pact holding originator, passer and
    recipient is consented."""
    pact = {"id": "p", "name": "Pact", "kind": "closed", "members": ["X", "Y", "Z"]}
    state = game(pacts=[pact])
    t = add_threat(state)
    rx = add_report(state, X, t, HUM)
    transfer(state, X, Y, [rx], ())
    transfer(state, Y, Z, [rx], ())
    assert state.breaches == []


def test_r21_caveated_report_counts_for_the_picture_but_adds_no_success():
    """R21: X shares its HUMINT 'information only'. Y's picture counts it (all-source,
    coverage 1) but its chance gets nothing from it; the caveat passes down the chain."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0))
    rx = add_report(state, X, t, HUM, 0.8)
    add_report(state, Y, t, SIG, 0.8)
    apply(state, ProposeExchange("X", "Y", (rx,), caveats=(rx,)))
    freeze_threats(state)
    answer_round(state)
    apply(state, Answer("Y", view(state, Y).inbox[0].cable.id, True))
    next_round(state)
    end_turns_until(state, Y)
    assert state.holdings[Y][rx].info_only
    pic = own_picture(state, Y, t)
    assert pic.coverage == 1 and pic.all_source
    assert pic.strength == pytest.approx(0.8 / 2)  # only the SIGINT report adds
    apply(state, LaunchOperation("Y", t))
    assert state.operations[0].chance == pytest.approx(0.15 + 0.75 * 0.4 + 0.05)
    transfer(state, Y, Z, [rx], ())
    assert state.holdings[Z][rx].info_only


def test_r21_a_scenario_may_turn_caveats_off():
    """R21 off (`third_party: {caveats: false}`, what `--without caveats` sets): a caveat is
    refused with the reason, before Send and at the door; the same offer without passes."""
    state = game(rules={"third_party": {"caveats": False}})
    t = add_threat(state)
    rx = add_report(state, X, t, HUM)
    caveated = ProposeExchange("X", "Y", (rx,), caveats=(rx,))
    said = "This scenario's rules allow no caveats (R21)."
    assert view(state, X).preview_exchange(caveated).problem == said
    with pytest.raises(IllegalAction, match=r"allow no caveats \(R21\)"):
        apply(state, caveated)
    assert not view(state, X).preview_exchange(replace(caveated, caveats=())).problem


def test_r21_only_the_originator_may_caveat():
    """R21: a report someone else originated cannot be caveated by its holder."""
    state = game()
    t = add_threat(state)
    rx = add_report(state, X, t, HUM)
    transfer(state, X, Y, [rx], ())
    end_turns_until(state, Y)
    with pytest.raises(IllegalAction, match="originated"):
        apply(state, ProposeExchange("Y", "Z", (rx,), caveats=(rx,)))


def test_r22_closed_pact_auto_shares_its_disciplines_and_keeps_a_floor():
    """R22: a closed pact copies new reports in its named disciplines to the other
    members each dawn, and trust between members never sinks below the floor."""
    pact = {"id": "p", "name": "Pact", "kind": "closed", "members": ["X", "Y"],
            "trust_floor": 60, "auto_share": ["SIGINT"]}
    state = game(pacts=[pact])
    add_threat(state, needs=(1, 1, 0, 0), deadline=99)
    set_level(state, X, 0, SIG, 3)
    set_level(state, X, 0, HUM, 3)
    for _ in range(30):
        state.round += 1  # each dawn has its own dice
        share(state, collect(state, []), [])
    sig = [r for r in state.reports if r.discipline == SIG]
    hum = [r for r in state.reports if r.discipline == HUM]
    assert sig and hum
    assert all(r.id in state.holdings[Y] for r in sig)
    assert not any(r.id in state.holdings[Y] for r in hum)
    assert Z not in {c for r in sig for c in state.holdings[Y][r.id].chain}
    state.trust[X, Y] = 10.0
    next_round(state)
    assert state.trust[X, Y] >= 60


def test_r22_forum_shares_summaries_of_its_kind_at_reduced_quality():
    """R22: a forum sends every other member a summary of reports on its threat kinds,
    at half quality, naming the same originator; other kinds are not shared."""
    forum = {"id": "f", "name": "Forum", "kind": "forum", "members": ["X", "Y", "Z"],
             "threat_kinds": ["terrorism"]}
    state = game(pacts=[forum])
    terror = add_threat(state, needs=(1, 0, 0, 0), deadline=99, kind="terrorism")
    cyber = add_threat(state, needs=(1, 0, 0, 0), deadline=99, kind="cyber", region=1)
    set_level(state, X, 0, HUM, 3)
    set_level(state, X, 1, HUM, 3)
    for _ in range(20):
        share(state, collect(state, []), [])
    summaries = [r for r in state.reports if r.summary_of is not None]
    assert summaries and all(state.reports[s.summary_of].threat == terror for s in summaries)
    for s in summaries:
        assert s.quality == pytest.approx(state.reports[s.summary_of].quality * 0.5, abs=1e-6)
        assert s.originator == X and s.id in state.holdings[Y] and s.id in state.holdings[Z]
    assert not any(state.reports[r].threat == cyber for r in state.holdings[Y])


def test_r22_a_forum_is_no_free_lunch_only_members_who_gave_lately_share_summaries():
    """R22 (changed): past the first two months, a forum's summaries go only among the
    members that passed a report of their own on its kinds to a fellow member in the
    last two months. X and Y trade on the plot; Z, which gave nothing, neither receives
    their summaries nor has its own summarised, and its view says so."""
    forum = {"id": "f", "name": "Forum", "kind": "forum", "members": ["X", "Y", "Z"],
             "threat_kinds": ["terrorism"]}
    state = game(pacts=[forum])
    pact = state.world.pacts[0]
    t = add_threat(state, needs=(2, 2, 0, 0), deadline=99, kind="terrorism")
    state.round = 3  # the first two months are past: nobody has given yet
    assert in_good_standing(state, pact) == frozenset()
    rx, ry = add_report(state, X, t, HUM), add_report(state, Y, t, SIG, quality=0.4)
    apply(state, ProposeExchange("X", "Y", (rx,), ask_threat=t))
    answer_round(state)
    assert state.current == Y
    cable = view(state, Y).inbox[0].cable.id
    apply(state, Answer("Y", cable, True, (ry,)))
    assert view(state, X).forums[0].good_standing and not view(state, Z).forums[0].good_standing
    for a in (X, Y, Z):
        set_level(state, a, 0, HUM, 3)
        set_level(state, a, 0, SIG, 3)
    before = len(state.reports)
    next_round(state)  # dawn of month 4: X and Y gave in month 3
    made = state.reports[before:]
    summaries = [r for r in made if r.summary_of is not None]
    assert any(r.originator == Z and r.summary_of is None for r in made)
    assert summaries and {r.originator for r in summaries} <= {X, Y}
    assert not any(r.id in state.holdings[Z] for r in summaries)
    assert in_good_standing(state, pact) == frozenset({X, Y})


@pytest.mark.parametrize("answered, kind, status, own, good", [
    (2, "gift", ACCEPTED, True, True),  # the first month of the window counts
    (1, "gift", ACCEPTED, True, False),  # the month before it does not
    (3, "ask", ACCEPTED, True, True),  # an offer in an accepted exchange counts
    (3, "gift", REFUSED, True, False),  # a refused cable gave nothing
    (3, "gift", ACCEPTED, False, False),  # passing on another's report is not giving
])
def test_r22_good_standing_is_judged_on_the_months_before_the_dawn(answered, kind, status,
                                                                    own, good):
    """R22: at the dawn of month 4, with a memory of two months, a member is in good
    standing if a cable answered in month 2 or 3 carried a report it originated, on
    the forum's kinds, to a fellow member, and that cable was accepted."""
    forum = {"id": "f", "name": "Forum", "kind": "forum", "members": ["X", "Y", "Z"],
             "threat_kinds": ["terrorism"]}
    state = game(pacts=[forum])
    t = add_threat(state, kind="terrorism")
    rid = add_report(state, X if own else Z, t, HUM)
    topic = Topic(threat=t) if kind == "ask" else None
    state.cables[0] = Cable(0, EXCHANGE, X, Y, answered, offer=(rid,), topic=topic,
                            status=status, answered=answered)
    assert (X in in_good_standing(state, state.world.pacts[0], dawn=4)) == good


def test_r22_a_forum_without_memory_keeps_every_member_in_good_standing():
    forum = {"id": "f", "name": "Forum", "kind": "forum", "members": ["X", "Y"],
             "threat_kinds": ["terrorism"]}
    state = game(pacts=[forum], rules={"forum": {"memory": 0}})
    assert in_good_standing(state, state.world.pacts[0], dawn=9) == frozenset({X, Y})


def test_r23_hostile_nations_trade_only_through_a_channel_on_the_kind():
    """R23: Atlantis and Caledonia are hostile. No trade at all without a channel; with a
    channel on cyber, a cyber threat may be traded but a terrorism one may not."""
    nations = [
        {"id": "ATL", "name": "Atlantis", "relations": {"CAL": -60}},
        {"id": "BOR", "name": "Borealis"},
        {"id": "CAL", "name": "Caledonia"},
    ]
    state = game(nations=nations)
    cyber = add_threat(state, kind="cyber")
    terror = add_threat(state, kind="terrorism")
    rc = add_report(state, X, cyber, HUM)
    rt = add_report(state, X, terror, HUM)
    with pytest.raises(IllegalAction, match="no open channel covers cyber"):
        apply(state, ProposeExchange("X", "Z", (rc,), ask_threat=cyber))
    state = game(nations=nations, channels=[{"between": ["ATL", "CAL"], "kinds": ["cyber"]}])
    cyber = add_threat(state, kind="cyber")
    terror = add_threat(state, kind="terrorism")
    rc = add_report(state, X, cyber, HUM)
    rt = add_report(state, X, terror, HUM)
    apply(state, ProposeExchange("X", "Z", (rc,), ask_threat=cyber))
    with pytest.raises(IllegalAction, match="terrorism"):
        apply(state, ProposeExchange("X", "Z", (rt,), ask_threat=terror))
    with pytest.raises(IllegalAction, match="hostile"):
        apply(state, ProposeExchange("X", "Z", (), ask_region="north"))
    with pytest.raises(IllegalAction, match="terrorism"):
        apply(state, ProposeJointOperation("X", "Z", terror))


def test_r24_posting_costs_upkeep_doubles_credit_and_grows_trust():
    """R24: a posting costs 10 now and 4 each dawn; the host's credit line to the sender
    doubles, and the host's trust in the sender grows 2 a month on top of drift."""
    state = game()
    state.trust[Y, X] = 70.0  # at baseline, so drift adds nothing
    line = state.credit_line(Y, X)
    apply(state, PostOfficer("X", "Y"))
    assert state.budget[X] == 90
    assert state.credit_line(Y, X) == pytest.approx(2 * line)
    next_round(state)
    assert state.budget[X] == 90 + 100 - 4
    assert state.trust[Y, X] == pytest.approx(72.0)
    apply(state, RecallOfficer("X", "Y"))
    assert state.credit_line(Y, X) == pytest.approx(
        state.trust[Y, X] * state.rules.trust.credit_per_trust)
    with pytest.raises(IllegalAction, match="no officer"):
        apply(state, RecallOfficer("X", "Y"))
