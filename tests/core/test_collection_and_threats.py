"""R7-R13: yield, fog, threats, pictures, operations, joint operations, execution."""

import numpy as np
import pytest

from game.core import IllegalAction, apply, new_game, view
from game.core.actions import (
    Answer,
    EndTurn,
    LaunchOperation,
    ProposeExchange,
    ProposeJointOperation,
)
from game.core.collection import collect
from game.core.liaison import transfer
from game.core.operations import own_picture
from game.core.records import EXECUTED, FOILED, WITHDRAWN
from game.scenario.loader import build
from tests.helpers import (
    CYB,
    GEO,
    HUM,
    SIG,
    X,
    Y,
    Z,
    add_report,
    add_threat,
    agency_data,
    answer_round,
    freeze_threats,
    game,
    invited_while_inviting,
    next_round,
    raw_world,
    set_level,
)


def test_r7_yield_is_poisson_with_the_documented_mean():
    """R7: fragments per (agency, threat, discipline) ~ Poisson(0.35 x level x capability
    x access); quality ~ clip(Normal(capability, 0.1), 0.05, 1). Over 2000 dawns of one
    HUMINT-2 programme (X: capability 0.8, access 0.5) the mean is 0.35*2*0.8*0.5 = 0.28.
    (Each dawn has its own dice: the round moves on between draws.)"""
    state = game()
    t = add_threat(state, needs=(1, 0, 0, 0))
    set_level(state, X, 0, HUM, 2)
    counts = []
    for _ in range(2000):
        state.round += 1
        before = len(state.reports)
        collect(state, [])
        counts.append(len(state.reports) - before)
    mean = float(np.mean(counts))
    assert abs(mean - 0.28) < 0.04
    qualities = [r.quality for r in state.reports]
    assert min(qualities) >= 0.05 and max(qualities) <= 1.0
    assert abs(np.mean(qualities) - 0.8) < 0.02
    assert {r.threat for r in state.reports} == {t}
    assert {r.originator for r in state.reports} == {X}


def test_r7_no_yield_without_a_programme_or_a_need():
    """R7: a threat yields only in disciplines it needs, only to programmes in its region."""
    state = game()
    add_threat(state, needs=(1, 0, 0, 0), region=0)
    set_level(state, X, 0, SIG, 3)  # SIGINT is not needed
    set_level(state, Y, 1, HUM, 3)  # wrong region
    for _ in range(200):
        collect(state, [])
    assert state.reports == []


def test_r8_fog_a_threat_is_known_only_through_a_report():
    """R8: a seat's view lists only threats it holds a report on, and shows nothing of
    other agencies' programmes, budgets or reports."""
    state = game()
    t1 = add_threat(state)
    t2 = add_threat(state)
    add_report(state, X, t1, HUM)
    add_report(state, Y, t2, SIG)
    set_level(state, Y, 1, CYB, 3)
    v = view(state, X)
    assert [tv.threat.id for tv in v.threats] == [t1]
    assert set(v.reports) == set(state.holdings[X])
    assert v.orders.sum() == 0  # Y's programme is not ours
    assert not hasattr(v, "budgets")


def test_r9_threat_from_a_template_within_its_ranges():
    """R9: a spawned threat takes kind, region, targets, needs from its template,
    severity and deadline within the template's ranges, and appears only on schedule."""
    raw = raw_world(
        threat_templates=[{"id": "cell", "kind": "cyber", "name": "Cell in {region}",
                           "regions": ["south"], "targets": ["BOR"], "severity": [2, 4],
                           "deadline": [3, 5], "needs": {"CYBER": 2, "SIGINT": 1},
                           "chance": 0.0}],
        threats=[{"id": "first", "template": "cell", "round": 2}],
    )
    state, _ = new_game(build(raw), 3)
    assert state.threats == []
    next_round(state)
    (t,) = state.threats
    assert (t.kind, t.name, t.region, t.targets) == ("cyber", "Cell in South", 1, (1,))
    assert t.needs == (0, 1, 0, 2)
    assert 2 <= t.severity <= 4 and 2 + 3 - 1 <= t.deadline <= 2 + 5 - 1
    assert t.key == "first" and t.spawned == 2
    next_round(state)
    assert len(state.threats) == 1  # chance 0: the template never spawns by itself


def test_r10_picture_counts_up_to_the_need_per_discipline():
    """R10: coverage = sum over disciplines of min(held, needed) / sum needed; quality is
    the mean of the reports counted (the best ones)."""
    state = game()
    t = add_threat(state, needs=(2, 1, 1, 0))
    add_report(state, X, t, HUM, 0.9)
    add_report(state, X, t, HUM, 0.7)
    add_report(state, X, t, HUM, 0.5)  # a third HUMINT adds nothing
    add_report(state, X, t, SIG, 0.6)
    pic = own_picture(state, X, t)
    assert pic.coverage == pytest.approx(3 / 4)
    assert pic.quality == pytest.approx((0.9 + 0.7 + 0.6) / 3)
    assert pic.missing == (0, 0, 1, 0)
    assert not pic.all_source


def test_r11_operation_needs_an_all_source_picture():
    """R11: coverage 0.75 without any GEOINT is not enough: every needed discipline
    must have a report, and coverage must reach 0.6."""
    state = game()
    t = add_threat(state, needs=(2, 1, 1, 0))
    for d in (HUM, HUM, SIG):
        add_report(state, X, t, d)
    with pytest.raises(IllegalAction, match="Not all-source: nothing yet in GEOINT"):
        apply(state, LaunchOperation("X", t))
    add_report(state, X, t, GEO)
    apply(state, LaunchOperation("X", t))
    assert state.budget[X] == 100 - 10 * 2


def test_r11_coverage_below_the_line_is_refused():
    """R11: one report in each discipline of a 2+2+2 threat is all-source but only 50%
    coverage; a fourth report (67%) clears the 60% line. Others' reports do not count."""
    state = game()
    t = add_threat(state, needs=(2, 2, 2, 0))
    for d in (HUM, SIG, GEO):
        add_report(state, X, t, d)
    add_report(state, Y, t, HUM)
    with pytest.raises(IllegalAction, match="Coverage 50% is below the 60%"):
        apply(state, LaunchOperation("X", t))
    add_report(state, X, t, SIG)
    apply(state, LaunchOperation("X", t))
    assert state.operations[0].coverage == pytest.approx(4 / 6)


def test_r11_success_chance_formula_and_outcomes():
    """R11: p = clip(0.15 + 0.75 x coverage x quality + 0.1 x access). With two reports of
    quality 0.8 on a 1+1 threat and access 0.5: 0.15 + 0.6 + 0.05 = 0.8. Success
    removes the threat; failure keeps it and bars a new try next month."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0))
    add_report(state, X, t, HUM, 0.8)
    add_report(state, X, t, SIG, 0.8)
    assert view(state, X).threat(t).chance == pytest.approx(0.8)
    outcomes = []
    for seed in range(40):
        s = game(seed=seed)
        tt = add_threat(s, needs=(1, 1, 0, 0))
        add_report(s, X, tt, HUM, 0.8)
        add_report(s, X, tt, SIG, 0.8)
        apply(s, LaunchOperation("X", tt))
        next_round(s)
        outcomes.append(s.threats[tt].status == FOILED)
        if not outcomes[-1]:
            with pytest.raises(IllegalAction, match="failed"):
                apply(s, LaunchOperation("X", tt))
            next_round(s)
            apply(s, LaunchOperation("X", tt))  # a month later it may try again
    assert 0.6 < np.mean(outcomes) < 0.95


def test_r11_outside_its_jurisdiction_an_agency_operates_only_jointly():
    """R11 (jurisdiction): X may operate only in the south. Against a plot in the north
    it holds the whole picture, yet may not launch alone; it may invite Y, who may
    operate there, and the joint operation runs. With Y also barred from the north,
    no invitation between them is allowed either. In the south X launches alone."""
    agencies = [{**agency_data("X", "ATL", HUMINT=0.8), "operates": ["south"]},
                agency_data("Y", "BOR", SIGINT=0.8), agency_data("Z", "CAL", GEOINT=0.8)]
    state = game(seed=1, agencies=agencies)
    north = add_threat(state, needs=(1, 1, 0, 0), region=0)
    for d in (HUM, SIG):
        add_report(state, X, north, d, 0.9)
    v = view(state, X)
    tv = v.threat(north)
    assert tv.outside and tv.chance is not None
    assert v.can_launch(north) == (False, tv.problem)
    assert "X may not operate in North (R11)" in tv.problem
    with pytest.raises(IllegalAction, match="may not operate in North"):
        apply(state, LaunchOperation("X", north))
    assert v.can_propose_joint(north, "Y") == (True, "")
    add_report(state, Y, north, SIG, 0.5)  # a partner joins only an operation it knows of
    apply(state, ProposeJointOperation("X", "Y", north))
    answer_round(state)
    (incoming,) = view(state, Y).inbox
    assert incoming.problem == ""
    apply(state, Answer("Y", incoming.cable.id, True))
    assert state.operations[0].agencies == (X, Y)

    agencies[1] = {**agencies[1], "operates": []}
    barred = game(seed=1, agencies=agencies)
    t = add_threat(barred, needs=(1, 1, 0, 0), region=0)
    for d in (HUM, SIG):
        add_report(barred, X, t, d, 0.9)
    ok, why = view(barred, X).can_propose_joint(t, "Y")
    assert not ok and "X and Y may not operate in North" in why
    with pytest.raises(IllegalAction, match="X and Y may not operate in North"):
        apply(barred, ProposeJointOperation("X", "Y", t))
    south = add_threat(barred, needs=(1, 1, 0, 0), region=1)
    for d in (HUM, SIG):
        add_report(barred, X, south, d, 0.9)
    assert not view(barred, X).threat(south).outside
    apply(barred, LaunchOperation("X", south))
    assert barred.operations[-1].agencies == (X,)


def test_r11_a_failed_operation_says_when_the_plot_strikes_before_a_retry():
    """R11: after a failure, the reason names the month of the next try, unless the plot
    strikes first; then it says so rather than naming a month that never comes."""
    state = game()
    late = add_threat(state, needs=(1, 0, 0, 0), deadline=2)
    later = add_threat(state, needs=(1, 0, 0, 0), deadline=9)
    for t in (late, later):
        add_report(state, X, t, HUM, 0.9)
        state.retry[(X, t)] = 3
    v = view(state, X)
    assert v.threat(late).problem.endswith("it strikes before another could be tried.")
    assert v.threat(later).problem.endswith(f"tried again in {state.world.month_label(3)}.")


def test_r12_joint_operation_pools_reports_and_splits_cost():
    """R12: X holds HUMINT, Y holds SIGINT; neither may act alone, together they can.
    X's half is held when it proposes; Y pays the other half on accepting; a success
    credits each by the share of counted reports it brought."""
    state = game(seed=1)
    t = add_threat(state, needs=(1, 1, 0, 0), severity=3)
    add_report(state, X, t, HUM, 0.95)
    add_report(state, Y, t, SIG, 0.95)
    with pytest.raises(IllegalAction):
        apply(state, LaunchOperation("X", t))
    apply(state, ProposeJointOperation("X", "Y", t))
    assert state.budget[X] == 100 - 15
    answer_round(state)
    (incoming,) = view(state, Y).inbox
    assert incoming.joint.all_source and incoming.share == 15
    budget_y = state.budget[Y]
    apply(state, Answer("Y", incoming.cable.id, True))
    assert state.budget[Y] == budget_y - 15
    p = state.operations[0].chance
    assert p == pytest.approx(0.15 + 0.75 * 0.95 + 0.05)
    state.rng = np.random.default_rng(0)  # first draw 0.64 < p: a success
    next_round(state)  # the same month's dusk
    assert state.threats[t].status == FOILED and state.threats[t].ended == 1
    # R30: 10 x severity 3 = 30, half by reports originated (one each), half by cost paid
    assert state.credit[X] == pytest.approx(15) and state.credit[Y] == pytest.approx(15)


def test_r12_refused_joint_operation_returns_the_held_share():
    """R12: if the partner declines, the proposer's held share comes back."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0))
    add_report(state, X, t, HUM)
    apply(state, ProposeJointOperation("X", "Y", t))
    answer_round(state)
    cable = view(state, Y).inbox[0].cable
    before = state.budget[X]
    apply(state, Answer("Y", cable.id, False, (), "our teams are busy"))
    assert state.budget[X] == before + 10
    # the inviter reads why the same month (a playtest found it only a month later)
    (told,) = [e for e in state.log if e.kind == "refused" and e.data["cable"] == cable.id]
    assert told.text == (f"Y declined the joint operation against {state.threats[t].name}; "
                         f"10 returned to X. “our teams are busy”") and told.visible_to(X)


def test_r12_joining_withdraws_your_own_unanswered_invitation():
    """R12: X may still join Y's operation against a plot it has invited Z against (its
    own invitation does not bar it, as an operation set for the dusk would). Joining
    withdraws the invitation to Z and returns its held share, so X pays for one
    operation, and Z is left nothing to answer. Z reads that the invitation was
    withdrawn, not whose operation X joined."""
    state, mine = invited_while_inviting()
    (incoming,) = view(state, X).inbox
    assert (incoming.problem, incoming.share, incoming.withdraws) == ("", 10, ("Z",))
    assert state.budget[X] == 100 - 10  # its own share, held
    apply(state, Answer("X", incoming.cable.id, True))
    assert state.budget[X] == 100 - 10  # one share back, one paid
    assert [o.agencies for o in state.operations] == [(Y, X)]
    assert state.cables[mine.id].status == WITHDRAWN
    assert view(state, Z).inbox == ()
    to_x, to_z = [e for e in state.log if e.kind == "withdrawn"]
    assert to_x.visible_to(X) and not to_x.visible_to(Z) and "Y's operation" in to_x.text
    assert to_z.visible_to(Z) and not to_z.visible_to(Y) and "Y" not in to_z.text.split()


def test_r12_the_share_coming_back_pays_towards_joining():
    """R12: the withdrawn invitation's share counts towards the joiner's: X, with 4 left
    after holding its 10, can join (10 back, 10 paid) and ends the month with 4."""
    state, _ = invited_while_inviting(budget=14.0)
    (incoming,) = view(state, X).inbox
    assert incoming.problem == ""
    apply(state, Answer("X", incoming.cable.id, True))
    assert state.budget[X] == pytest.approx(4.0)


def test_r12_once_your_invitation_is_accepted_you_cannot_join_another():
    """R12: if the partner X invited has already joined X's operation earlier in the
    answer round, X's operation is set for the dusk, and Y's invitation against the
    same plot is barred for X, by the view and the engine alike."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0), severity=2)
    add_report(state, X, t, SIG)
    add_report(state, Y, t, SIG)
    add_report(state, Z, t, HUM)
    apply(state, EndTurn("X"))
    apply(state, ProposeJointOperation("Y", "X", t))
    apply(state, EndTurn("Y"))
    apply(state, ProposeJointOperation("Z", "X", t))
    answer_round(state)  # X answers first: it joins Z's, then finds Y's barred
    z_cable = next(i.cable.id for i in view(state, X).inbox if i.cable.sender == Z)
    apply(state, Answer("X", z_cable, True))
    (barred,) = view(state, X).inbox
    assert barred.problem == f"An operation against {state.threats[t].name} is already set " \
        f"for this month."
    with pytest.raises(IllegalAction, match="already set"):
        apply(state, Answer("X", barred.cable.id, True))


def test_r12_a_pending_invitation_still_bars_launching_or_inviting_again():
    """R12: while X's invitation awaits its answer, X may neither launch alone nor invite
    another partner against the same plot, and the view says which invitation waits."""
    state = game()
    t = add_threat(state, needs=(1, 0, 0, 0), severity=2)
    add_report(state, X, t, HUM, 0.95)
    apply(state, ProposeJointOperation("X", "Z", t))
    why = f"Your invitation to Z to a joint operation against {state.threats[t].name} awaits"
    assert view(state, X).threat(t).problem.startswith(why)
    assert view(state, X).can_propose_joint(t, "Y")[1].startswith(why)
    with pytest.raises(IllegalAction, match=why):
        apply(state, LaunchOperation("X", t))


def test_r13_r31_the_view_names_the_plot_whose_strike_would_end_the_game():
    """R13: a strike adds its severity for each nation it targets; R31: at the line the
    game ends for everyone. The view names the known plot that would take it there,
    and the engine adds exactly that much when it strikes."""
    state = game()
    t = add_threat(state, targets=(0, 1), severity=2, deadline=1)
    add_report(state, X, t, HUM)
    line = state.world.victory.catastrophe
    state.damage = line - 5
    assert view(state, X).fatal_threat() is None  # it would add 4: not enough
    state.damage = line - 4
    assert view(state, X).fatal_threat().threat.id == t
    assert view(state, Y).fatal_threat() is None  # Y does not know of it
    next_round(state)
    assert state.damage == line and state.catastrophe


def test_r13_execution_damages_targets_and_the_inquiry_blames_silence():
    """R13: at its deadline a threat executes (damage = severity per target nation).
    Y held a report and never passed one to Atlantis: X's trust in Y falls by 10.
    Z passed its report to X, so Z is not blamed."""
    state = game()
    t = add_threat(state, targets=(0,), severity=3, deadline=1)
    add_report(state, Y, t, SIG)
    rz = add_report(state, Z, t, GEO)
    transfer(state, Z, X, [rz], ())
    trust_xy, trust_xz = state.trust[X, Y], state.trust[X, Z]
    next_round(state)
    assert state.threats[t].status == EXECUTED
    assert state.damage == 3
    assert state.security[0] == -15 * 3
    drift = state.rules.trust.drift
    base = 50 + 0.4 * 50
    expected_y = (trust_xy - 10) + drift * (base - (trust_xy - 10))
    assert state.trust[X, Y] == pytest.approx(expected_y)
    assert state.trust[X, Z] == pytest.approx(trust_xz + drift * (50 - trust_xz))
    assert any(e.kind == "inquiry" and e.data["agency"] == Y for e in state.log)
    assert not any(e.kind == "inquiry" and e.data["agency"] == Z for e in state.log)


def test_r13_the_inquiry_does_not_blame_a_holder_for_what_the_target_nation_gave_it():
    """R13: X (Atlantis, the target) asks Y about the plot, offering its report; Y accepts
    and gives nothing back. Y's only report on the plot is X's own: it held nothing
    Atlantis lacked, and the inquiry does not blame it. Z sat on a report of its own,
    which no agency of Atlantis held, and is blamed."""
    state = game()
    t = add_threat(state, targets=(0,), deadline=1)
    rx = add_report(state, X, t, HUM)
    add_report(state, Z, t, GEO)
    apply(state, ProposeExchange("X", "Y", (rx,), ask_threat=t))
    answer_round(state)
    cable = view(state, Y).inbox[0].cable
    apply(state, Answer("Y", cable.id, True, ()))
    assert [c.report for c in state.holds_on(Y, t)] == [rx]
    next_round(state)
    assert state.threats[t].status == EXECUTED
    blamed = {e.data["agency"] for e in state.log if e.kind == "inquiry"}
    assert blamed == {Z}


def test_r13_threat_does_not_execute_before_its_deadline():
    """R13/R9: a threat with deadline round 2 is still active after round 1's dusk."""
    state = game()
    t = add_threat(state, deadline=2)
    next_round(state)
    assert state.threats[t].active
    next_round(state)
    assert not state.threats[t].active


def test_operations_resolve_only_at_dusk():
    """R4/R11: launching decides nothing; the result comes at dusk."""
    state = game()
    t = add_threat(state, needs=(1, 0, 0, 0))
    add_report(state, X, t, HUM)
    apply(state, LaunchOperation("X", t))
    apply(state, EndTurn("X"))
    assert state.threats[t].active and state.operations
    freeze_threats(state)
    next_round(state)
    assert not state.operations
