"""R4: the round — dawn (engine), seat turns (actions), dusk (engine).

`apply(state, action)` is the single door through which humans, AI, tests and
replays change a game. It mutates the state it is given and returns the events
it produced; dice are rolled only at dawn and dusk, so everything a seat does
within its turn is deterministic and can be undone by replaying from the
turn's start.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from game.core import (
    collection,
    effects,
    liaison,
    operations,
    pacts,
    penetration,
    scoring,
    threats,
    trust,
)
from game.core.actions import (
    Action,
    Answer,
    Choose,
    DecideMole,
    Disinform,
    EndTurn,
    Fabricate,
    LaunchOperation,
    PostOfficer,
    ProposeExchange,
    ProposeJointOperation,
    RecallOfficer,
    SetProgramme,
    Sweep,
)
from game.core.codec import digest
from game.core.records import ANSWERS, ANSWERS_ONLY, DELIVERED, EXCHANGE, ORDERS, Event
from game.core.spec import Scenario
from game.core.state import GameState, IllegalAction
from game.core.view import partner_view


def new_game(scenario: Scenario, seed: int) -> tuple[GameState, list[Event]]:
    """Set up round 1 and run its dawn. The seed fully determines the game's chance."""
    world = scenario.world
    n_a, n_r, n_d = len(world.agencies), len(world.regions), len(world.rules.disciplines)
    n_n = len(world.nations)
    relations = np.zeros((n_n, n_n))
    for i, nation in enumerate(world.nations):
        for other, value in nation.relations:
            j = world.nation_index(other)
            relations[i, j] = relations[j, i] = value
    np.fill_diagonal(relations, 100.0)
    orders = np.zeros((n_a, n_r, n_d), dtype=np.int8)
    for a, agency in enumerate(world.agencies):
        for region, discipline, level in agency.programmes:
            orders[a, world.region_index(region), world.discipline_index(discipline)] = level
    state = GameState(
        scenario=scenario,
        seed=seed,
        round=0,
        current=0,
        phase=ORDERS,
        budget=np.zeros(n_a),
        orders=orders,
        paid=np.zeros_like(orders),
        trust=np.zeros((n_a, n_a)),
        ledger=np.zeros((n_a, n_a)),
        relations=relations,
        channels=frozenset((*sorted(c.nations), k) for c in world.channels for k in c.kinds),
        postings=frozenset(),
        credit=np.zeros(n_a),
        blame=np.zeros(n_a),
        security=np.zeros(n_n),
        damage=0.0,
        holdings=[{} for _ in range(n_a)],
        feeds=[[] for _ in range(n_a)],
        on=[{} for _ in range(n_a)],
        unmasked=[set() for _ in range(n_a)],
        seen=[0] * n_a,
    )
    state.trust = trust.initial(state)
    state.marks = [scoring.mark(state, a) for a in range(n_a)]  # month 1's report runs from here
    events: list[Event] = []
    _dawn(state, events)
    return state, events


def seat_of(state: GameState, action: Action) -> int:
    """The acting agency, which must be the one whose turn it is."""
    if state.over:
        raise IllegalAction("The game is over.")
    current = state.world.agencies[state.current].id
    if getattr(action, "agency", None) != current:
        raise IllegalAction(f"It is {current}'s turn.")
    return state.current


def apply(state: GameState, action: Action) -> list[Event]:
    """Validate and apply one action; raises IllegalAction and changes nothing if illegal."""
    seat = seat_of(state, action)
    handler = _HANDLERS.get(type(action))
    if handler is None:
        raise IllegalAction(f"Unknown action {type(action).__name__}.")
    if state.phase == ANSWERS and type(action) not in (Answer, EndTurn):
        raise IllegalAction(ANSWERS_ONLY)
    return handler(state, seat, action)


def _answer(state: GameState, seat: int, action: Answer) -> list[Event]:
    cable = state.cables.get(action.cable) if isinstance(action.cable, int) else None
    if cable is None or cable.recipient != seat or cable.status != DELIVERED:
        raise IllegalAction("There is no cable awaiting your answer with that number.")
    if cable.kind == EXCHANGE:
        return liaison.answer_exchange(state, seat, cable, action)
    return operations.answer_joint(state, seat, cable, action)


def _propose(state: GameState, seat: int, action: ProposeExchange) -> list[Event]:
    """R15-R18: judged exactly as the sender's composer judged it, from what it sees."""
    to = liaison.partner_index(state, seat, action.to)
    known = {t: state.threats[t] for t in state.on[seat]}
    verdict = liaison.judge(state.world, state.round, seat, action, state.holdings[seat],
                            state.reports, known, state.paid[seat],
                            partner_view(state, seat, to))
    return liaison.send(state, seat, to, action, verdict)


def _propose_joint(state: GameState, seat: int, action: ProposeJointOperation) -> list[Event]:
    """R12: judged, like an exchange, from the public terms with the partner."""
    to = liaison.partner_index(state, seat, action.to)
    return operations.propose_joint(state, seat, to, action, partner_view(state, seat, to))


def _end_turn(state: GameState, seat: int, action: EndTurn) -> list[Event]:
    """R4/R15: the orders round takes every seat in turn; then the month's cables are
    delivered and each seat that received one answers it; then dusk and dawn."""
    events: list[Event] = []
    if state.phase == ANSWERS:
        liaison.expire(state, seat, events)
        operations.expire_joint(state, seat, events)
    else:
        penetration.expose_undecided(state, seat, events)
        effects.default_choices(state, seat, events)
    state.seen[seat] = len(state.feeds[seat])
    if state.phase == ORDERS and seat + 1 < state.n_agencies:
        state.current = seat + 1
        state.marks.append(scoring.mark(state, state.current))
        return events
    if state.phase == ORDERS and liaison.deliver(state, events):
        state.phase = ANSWERS
        seat = -1
    answering = _next_to_answer(state, seat + 1)
    if answering is not None:
        state.current = answering
        return events
    _dusk(state, events)
    if not state.over:
        _dawn(state, events)
    return events


def _next_to_answer(state: GameState, start: int) -> int | None:
    """The first seat from `start` on with a cable awaiting its answer."""
    waiting = {c.recipient for c in state.cables.values() if c.status == DELIVERED}
    return next((s for s in range(start, state.n_agencies) if s in waiting), None)


_HANDLERS: dict[type, Callable[[GameState, int, Action], list[Event]]] = {
    SetProgramme: collection.set_programme,
    ProposeExchange: _propose,
    Answer: _answer,
    LaunchOperation: operations.launch,
    ProposeJointOperation: _propose_joint,
    PostOfficer: pacts.post,
    RecallOfficer: pacts.recall,
    Sweep: penetration.sweep,
    DecideMole: penetration.decide,
    Fabricate: penetration.fabricate,
    Disinform: penetration.disinform,
    Choose: effects.choose,
    EndTurn: _end_turn,
}


def _dawn(state: GameState, events: list[Event]) -> None:
    """Budgets, standing costs, new threats, the month's reports, pacts,
    contradictions of false reports, and the month's events."""
    state.round += 1
    state.current = 0
    state.phase = ORDERS
    state.emit(events, "dawn", f"{state.world.month_label(state.round)} begins.")
    collection.income(state)
    pacts.upkeep(state, events)
    collection.charge(state, events)
    threats.spawn(state, events)
    new_reports = collection.collect(state, events)
    pacts.share(state, new_reports, events)
    liaison.follow_up(state, events)
    penetration.contradict(state, events)
    effects.trigger(state, events)
    state.marks.append(scoring.mark(state, state.current))


def _dusk(state: GameState, events: list[Event]) -> None:
    """Operations, chosen effects, moles' leaks, executions and inquiries, breaches,
    new moles and discoveries, trust drift, scores, history."""
    operations.resolve(state, events)
    effects.resolve_queued(state, events)
    penetration.leak(state, events)
    threats.execute_due(state, events)
    trust.discover_breaches(state, events)
    penetration.acquire(state, events)
    penetration.discover(state, events)
    trust.drift(state)
    s = scoring.scores(state)
    state.history.scores.append([round(float(x), 4) for x in s])
    state.history.reputation.append([round(float(x), 4) for x in state.reputation()])
    state.history.damage.append(float(state.damage))
    if scoring.catastrophe_reached(state):
        state.catastrophe = True
        state.over = True
        state.emit(events, "catastrophe", f"Total damage {state.damage:g} has reached the "
                   f"catastrophe line of {state.world.victory.catastrophe:g}: liaison failed, "
                   f"and every agency loses.")
    elif state.round >= state.world.rounds:
        state.over = True
        names = ", ".join(state.world.agencies[a].id for a in scoring.winners(state))
        state.emit(events, "game_over", f"The game ends, won by {names}: the largest share "
                   f"of the team's target (R31).")
    state.history.digests.append(digest(state))
