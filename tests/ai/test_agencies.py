"""R32: AI agencies — legal play everywhere, and each personality's defining behaviour."""

import numpy as np
import pytest

from game.ai.agency import PERSONALITIES, LiaisonAgency, Record
from game.ai.bots import make_bot
from game.ai.driver import make_agent, play_game
from game.core import apply, view
from game.core.actions import (
    Answer,
    EndTurn,
    LaunchOperation,
    ProposeExchange,
    ProposeJointOperation,
)
from game.core.legal import legal_actions
from game.scenario.loader import load, scenario_paths
from tests.helpers import (
    HUM,
    SIG,
    X,
    Y,
    add_report,
    add_threat,
    agency_data,
    answer_round,
    game,
    next_round,
)

SCENARIOS = [p.stem for p in scenario_paths()]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_ai_never_attempts_an_illegal_action(scenario):
    """Every personality and difficulty, mixed at random over several seeds: the strict
    driver raises on any illegal action, so a finished game is the proof."""
    sc = load(scenario)
    rng = np.random.default_rng(len(scenario))
    for seed in range(4):
        ids = [a.id for a in sc.world.agencies]
        personalities = {a: str(rng.choice(PERSONALITIES)) for a in ids}
        difficulties = {a: str(rng.choice(["easy", "normal", "hard"])) for a in ids}
        played = play_game(sc, seed, personalities, difficulties)
        assert played.state.over
        assert any(agent.reasons for agent in played.agents)


def _turn_of(state, seat: int) -> None:
    """End other seats' turns until it is `seat`'s (none if it already is)."""
    while state.current != seat:
        apply(state, EndTurn(state.world.agencies[state.current].id))


def _agency(personality: str, seat: int = X) -> LiaisonAgency:
    return make_agent(personality, "hard", 1, seat)


def _play(state, agent):
    """Run the agent's turn for the current seat; returns its actions."""
    seat = state.current
    done = []
    for action in agent.turn(lambda: view(state, seat)):
        apply(state, action)
        done.append(action)
        if isinstance(action, EndTurn):
            return done
    return done


def _exchange(state, asker: int, partner: int, threat: int, answer: bool, give=None):
    """The asker's orders: an ask with an offer; the answer round: the partner's answer
    (by default its best report when it accepts); then the month ends."""
    names = state.world.agencies
    _turn_of(state, asker)
    rid = add_report(state, asker, threat, HUM if asker == X else SIG)
    apply(state, ProposeExchange(names[asker].id, names[partner].id, (rid,), ask_threat=threat))
    answer_round(state)
    assert state.current == partner
    incoming = next(i for i in view(state, partner).inbox if i.cable.sender == asker)
    if give is None:
        give = tuple(r for r, v in incoming.candidates if v <= incoming.cap)[:1] if answer else ()
    apply(state, Answer(names[partner].id, incoming.cable.id, answer, give))
    next_round(state)
    return incoming.cable.id


def _answer_of(agent, state, seat, asker, threat) -> Answer:
    """Let `asker` ask `seat` (played by `agent`) and return the agent's answer."""
    names = state.world.agencies
    _turn_of(state, asker)
    rid = add_report(state, asker, threat, SIG)
    apply(state, ProposeExchange(names[asker].id, names[seat].id, (rid,), ask_threat=threat))
    answer_round(state)
    assert state.current == seat
    actions = _play(state, agent)
    return next(a for a in actions if isinstance(a, Answer))


def _world_with_history(partner_cooperates: bool):
    """X asks Y once; Y cooperates or refuses. Then Y asks X: what does X answer?"""
    state = game()
    t = add_threat(state, needs=(3, 3, 0, 0), deadline=99)
    add_report(state, Y, t, SIG)
    add_report(state, X, t, HUM)
    _exchange(state, X, Y, t, partner_cooperates)
    return state, t


@pytest.mark.parametrize("personality", ["reciprocal", "generous", "grudger"])
def test_cooperative_personalities_answer_a_fair_partner_in_kind(personality):
    state, t = _world_with_history(partner_cooperates=True)
    agent = _agency(personality)
    _turn_of(state, X)
    _play(state, agent)  # X sees how Y answered
    answer = _answer_of(agent, state, X, Y, t)
    assert answer.accept and answer.give and answer.reason


def test_reciprocal_answers_a_refusal_with_a_refusal():
    state, t = _world_with_history(partner_cooperates=False)
    agent = _agency("reciprocal")
    _turn_of(state, X)
    _play(state, agent)
    answer = _answer_of(agent, state, X, Y, t)
    assert not answer.accept and answer.reason == "you refused our ask in January 2020"


def test_a_free_rider_that_was_refused_says_so_and_answers_all_the_same():
    """R32: every reason is true. A free rider answers a partner that refused it (it
    does not refuse in return), and says it was refused (the review found it said 'you
    have never turned us down')."""
    state, t = _world_with_history(partner_cooperates=False)
    agent = _agency("free_rider")
    _turn_of(state, X)
    _play(state, agent)
    answer = _answer_of(agent, state, X, Y, t)
    assert answer.accept
    assert answer.reason.startswith("you refused our ask in January 2020; we answer all the same")


def _invited_by_y(needs):
    """X holds HUMINT and Y SIGINT on a plot needing `needs`; Y has invited X to a joint
    operation against it, and the answer round has begun."""
    state = game()
    t = add_threat(state, needs=needs, deadline=99, severity=3)
    add_report(state, X, t, HUM)
    add_report(state, Y, t, SIG)
    _turn_of(state, Y)
    apply(state, ProposeJointOperation("Y", "X", t))
    answer_round(state)
    return state


def test_an_ai_barred_from_a_joint_operation_tells_the_inviter_why_but_no_secret():
    """R12: the view's reason for a bar is written to the invitee and may give its
    budget ('That costs 30; you have 5.0.'); the inviter reads why in words that keep it
    (a playtester read only 'the rules do not let us join' all game, and never learnt
    why), while the AI's own note for the debrief keeps the detail."""
    state = _invited_by_y(needs=(1, 1, 0, 0))
    state.budget[X] = 5.0  # too little for its share
    agent = _agency("reciprocal")
    (incoming,) = view(state, X).inbox
    assert incoming.problem.startswith("That costs")
    (answer,) = [a for a in _play(state, agent) if isinstance(a, Answer)]
    assert not answer.accept
    assert answer.reason == "we cannot join it: we cannot take it on this month (R12)"
    assert any("That costs" in text for _, text in agent.reasons)


def test_an_ai_already_operating_does_not_tell_the_inviter_so():
    """R12: X launched alone against the plot (only X and those it operates with know);
    invited by Y, it declines without saying that it already operates there (a review
    found 'we already have an operation against it' naming who would foil it)."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0), deadline=99, severity=1)
    add_report(state, X, t, HUM, 0.95)
    add_report(state, X, t, SIG, 0.95)
    add_report(state, Y, t, SIG)
    apply(state, LaunchOperation("X", t))
    apply(state, EndTurn("X"))
    apply(state, ProposeJointOperation("Y", "X", t))
    answer_round(state)
    (answer,) = [a for a in _play(state, _agency("reciprocal")) if isinstance(a, Answer)]
    assert not answer.accept
    assert answer.reason == "we cannot join it: we cannot take it on this month (R12)"


def test_an_ai_that_cannot_join_says_what_the_pooled_picture_lacks():
    """R11/R12: the commonest bar, as the inviter reads it: together the two services
    still hold nothing in a discipline the plot needs."""
    state = _invited_by_y(needs=(1, 1, 1, 0))
    (answer,) = [a for a in _play(state, _agency("reciprocal")) if isinstance(a, Answer)]
    assert not answer.accept
    assert answer.reason == ("we cannot join it: together we would still have nothing in "
                             "GEOINT (R11)")


def test_an_ai_says_it_was_refused_only_when_it_was():
    """R32: Y accepted X's ask but had nothing to give. That is no refusal: asked in
    turn, X answers and never says it was refused; its memory has no defection."""
    state = game()
    t = add_threat(state, needs=(3, 3, 0, 0), deadline=99)
    add_report(state, X, t, HUM)
    _exchange(state, X, Y, t, True, give=())
    assert state.cables[0].status == "accepted" and state.cables[0].given == ()
    agent = _agency("reciprocal")
    _turn_of(state, X)
    _play(state, agent)
    answer = _answer_of(agent, state, X, Y, t)
    assert answer.accept and answer.give and "refused" not in answer.reason
    assert agent.records.get("Y") is None or agent.records["Y"].last != "defected"
    # Nor does it call this a first exchange: it is the second (a playtest saw "a
    # first exchange" on the fifth cable between two services).
    assert answer.reason.startswith("you have never turned us down")


@pytest.mark.parametrize("personality", PERSONALITIES)
def test_an_ai_that_holds_something_within_the_cap_always_gives_a_report(personality):
    """R32: no refusal by temperament. Asked by a partner that never wronged it, every
    personality that holds a useful report within the cap returns at least one, and
    its reason is true."""
    state = game()
    t = add_threat(state, needs=(3, 3, 0, 0), deadline=99)
    add_report(state, X, t, HUM)
    add_report(state, X, t, HUM)
    answer = _answer_of(_agency(personality), state, X, Y, t)
    assert answer.accept and len(answer.give) >= 1


def test_an_ai_names_the_cap_when_it_binds():
    """R18: when the cap is below the value of anything it holds on the topic, the AI
    says so, with the numbers, instead of refusing."""
    state = game()
    t = add_threat(state, needs=(3, 3, 0, 0), deadline=99, targets=(1,))
    add_report(state, X, t, HUM, 0.9)
    state.trust[X, Y] = 0.0  # no credit line for Y
    state.ledger[Y, X], state.ledger[X, Y] = -0.5, 0.5  # the cap: 0.8 + 0 - 0.5
    answer = _answer_of(_agency("reciprocal"), state, X, Y, t)
    assert answer.accept and answer.give == () and "R18: the cap of" in answer.reason


def test_grudger_never_forgives():
    """After one refusal the grudger refuses for good, even when the partner then
    cooperates; a reciprocal agency would forgive that."""
    state, t = _world_with_history(partner_cooperates=False)
    agent = _agency("grudger")
    _turn_of(state, X)
    _play(state, agent)
    _exchange(state, X, Y, t, True)  # Y makes amends
    _turn_of(state, X)
    _play(state, agent)
    answer = _answer_of(agent, state, X, Y, t)
    assert not answer.accept and "we do not forget" in answer.reason
    assert agent.records["Y"].grudge


def test_generous_forgives_some_refusals():
    forgave = 0
    for seed in range(40):
        agent = make_agent("generous", "normal", seed, X)
        agent.records["Y"] = Record(last="defected")
        forgave += agent._will_cooperate("Y")[0]
    assert 5 <= forgave <= 25  # about a third


def test_free_rider_asks_empty_handed_and_gives_the_least():
    """The free rider uses its programme for standing and offers nothing; asked, it
    takes what is offered and returns the one least valuable report the rules ask."""
    state = game()
    t = add_threat(state, needs=(3, 3, 0, 0), deadline=99)
    add_report(state, X, t, HUM)
    agent = _agency("free_rider")
    actions = _play(state, agent)  # X collects, and asks once it has standing
    asks = [a for a in actions if isinstance(a, ProposeExchange) and a.ask_threat is not None]
    assert asks and all(a.offer == () for a in asks)
    next_round(state)
    add_report(state, X, t, HUM, 0.3)
    add_report(state, X, t, HUM, 0.9)
    answer = _answer_of(agent, state, X, Y, t)
    assert answer.accept and len(answer.give) == 1
    assert state.reports[answer.give[0]].quality == 0.3


def test_cooperative_agencies_warn_a_targeted_partner():
    """Holding a report on a plot against another nation, a reciprocal agency passes it
    on rather than risk the failure-to-share inquiry (R13)."""
    state = game()
    t = add_threat(state, needs=(1, 1, 0, 0), targets=(1,), deadline=99)
    rid = add_report(state, X, t, HUM)
    actions = _play(state, _agency("reciprocal"))
    gifts = [a for a in actions if isinstance(a, ProposeExchange) and a.ask_threat is None]
    assert any(a.to == "Y" and rid in a.offer for a in gifts)


def test_every_decision_has_a_reason_the_debrief_can_show():
    played = play_game(load("the_envelope"), 3)
    reasons = [r for agent in played.agents for r in agent.reasons]
    assert len(reasons) > 20
    assert all(isinstance(m, int) and text.split(":")[0] in
               {a.id for a in played.state.world.agencies} for m, text in reasons)
    told = [e.text for e in played.state.log if e.kind in ("accepted", "refused")]
    assert any("“" in text for text in told)  # answers carry their reason to the sender


@pytest.mark.parametrize("personality, best", [("reciprocal", True), ("free_rider", False)])
def test_an_agency_about_to_fall_out_of_a_forum_gives_it_one_report(personality, best):
    """R22: out of good standing with a forum, an agency gives a report of its own on
    the forum's kinds to a member: a cooperator its best, a free rider its least."""
    forum = {"id": "f", "name": "Forum", "kind": "forum", "members": ["X", "Y", "Z"],
             "threat_kinds": ["terrorism"]}
    state = game(pacts=[forum])
    t = add_threat(state, needs=(1, 1, 0, 0), deadline=99, targets=(1,))
    low, high = add_report(state, X, t, HUM, quality=0.3), add_report(state, X, t, HUM, 0.9)
    state.round = 4
    assert not view(state, X).forums[0].good_standing
    gifts = [a for a in _play(state, _agency(personality)) if isinstance(a, ProposeExchange)
             and a.ask_threat is None and a.ask_region is None]
    assert gifts[-1].offer == ((high,) if best else (low,)) and gifts[-1].to == "Y"


def test_hard_collects_more_of_what_its_pact_shares_with_every_member():
    """Hard reasons about where its reports go: a closed pact that copies its strongest
    discipline to every member makes that collection earn credit in all their
    operations (R22, R30), so it spends more of its income on collection."""
    pact = {"id": "p", "name": "Pact", "kind": "closed", "members": ["X", "Y"],
            "auto_share": ["SIGINT"]}

    agencies = [agency_data("X", "ATL", SIGINT=0.8), agency_data("Y", "BOR"),
                agency_data("Z", "CAL")]

    def spent(pacts) -> float:
        state = game(pacts=pacts, agencies=agencies)
        for region in (0, 1):  # known plots: more to collect on than the income pays for
            t = add_threat(state, needs=(2, 2, 2, 2), region=region, severity=5, deadline=99)
            add_report(state, X, t, HUM)
        _play(state, _agency("reciprocal"))
        costs = np.array([d.cost for d in state.rules.disciplines])
        return float((state.orders[X] * costs).sum())

    assert spent([pact]) > spent([])


@pytest.mark.parametrize("difficulty, invites", [("hard", True), ("normal", False),
                                                 ("easy", False)])
def test_hard_buys_into_an_operation_early(difficulty, invites):
    """Half a foil's credit goes by the cost each paid (R30): hard invites a partner to
    a joint operation as soon as it holds a quarter of the picture, with the deadline
    far off; easy and normal wait for the deadline to near and 40% of the picture."""
    state = game()
    t = add_threat(state, needs=(1, 1, 1, 1), targets=(0,), deadline=99)
    add_report(state, X, t, HUM, quality=0.9)
    assert view(state, X).threats[0].picture.coverage >= 0.25
    actions = _play(state, make_agent("reciprocal", difficulty, 1, X))
    joint = [a for a in actions if isinstance(a, ProposeJointOperation)]
    assert bool(joint) == invites
    if invites:
        assert joint[0].threat == t


@pytest.mark.parametrize("difficulty, spends", [("hard", True), ("normal", False),
                                                ("easy", False)])
def test_hard_spends_on_collection_what_the_next_dawn_would_take(difficulty, spends):
    """R5 keeps at most one month's income from one dawn to the next. Hard knows it:
    money above that line buys collection now (up to the highest level); easy and
    normal keep to their share of income and let the dawn take the rest."""

    strong = {d: 0.8 for d in ("HUMINT", "SIGINT", "GEOINT", "CYBER")}
    agencies = [agency_data("X", "ATL", **strong), agency_data("Y", "BOR"),
                agency_data("Z", "CAL")]

    def spent(cash: float) -> float:  # more worth collecting than the income pays for
        state = game(agencies=agencies)
        add_threat(state, needs=(2, 2, 2, 2), region=0, severity=3, deadline=99)
        state.budget[X] = cash
        _play(state, make_agent("reciprocal", difficulty, 1, X))
        costs = np.array([d.cost for d in state.rules.disciplines])
        return float((state.orders[X] * costs).sum())

    income = game(agencies=agencies).world.agencies[X].budget
    assert (spent(3 * income) > spent(income)) == spends


def test_outside_its_jurisdiction_an_ai_invites_a_service_that_may_operate():
    """R11: an AI holding the whole picture of a plot where it may not operate invites,
    at once, the one partner that may, rather than waiting for the deadline or asking a
    partner that could not run it either."""
    agencies = [{**agency_data("X", "ATL", HUMINT=0.8), "operates": ["south"]},
                {**agency_data("Y", "BOR", SIGINT=0.8), "operates": ["south"]},
                agency_data("Z", "CAL")]
    state = game(agencies=agencies)
    t = add_threat(state, needs=(1, 1, 0, 0), region=0, deadline=99)
    for d in (HUM, SIG):
        add_report(state, X, t, d, quality=0.9)
    actions = _play(state, make_agent("reciprocal", "normal", 1, X))
    joint = [a for a in actions if isinstance(a, ProposeJointOperation)]
    assert [(a.to, a.threat) for a in joint] == [("Z", t)]


def test_the_always_share_bot_acts_jointly_where_it_may_not_operate_alone():
    """R11: the bot that shares everything proposes a joint operation on a plot outside
    its jurisdiction, as it would on one it cannot yet act on alone."""
    agencies = [{**agency_data("X", "ATL", HUMINT=0.8), "operates": ["south"]},
                agency_data("Y", "BOR", SIGINT=0.8), agency_data("Z", "CAL")]
    state = game(agencies=agencies)
    t = add_threat(state, needs=(1, 1, 0, 0), region=0, deadline=99)
    for d in (HUM, SIG):
        add_report(state, X, t, d, quality=0.9)
    v = view(state, X)
    action = make_bot("always_share", 1, X).propose(v, legal_actions(state, X))
    assert isinstance(action, ProposeJointOperation) and action.threat == t


def test_the_notes_the_debrief_leaves_out_are_ones_the_ai_writes():
    """The debrief leaves out the notes that recur every month (ROUTINE_NOTES), so that
    its last 40 lines keep the reasons that explain the game: each is written in play,
    so a reworded note cannot slip back in unnoticed."""
    from game.ai.agency import ROUTINE_NOTES
    from game.ai.driver import play_game

    played = play_game(load(next(p for p in scenario_paths() if p.stem == "huawei_2020")), 3)
    notes = [text.split(": ", 1)[1] for agent in played.agents
             for _, text in getattr(agent, "reasons", [])]
    for routine in ROUTINE_NOTES:
        assert any(n.startswith(routine) for n in notes), routine
