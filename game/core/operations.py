"""R11/R12: disruption operations, alone or jointly, launched on a turn and resolved at dusk."""

from __future__ import annotations

from dataclasses import replace

from game.core import penetration
from game.core.actions import Answer, LaunchOperation, ProposeJointOperation
from game.core.liaison import partner_index, require_channel
from game.core.picture import Held, Picture, picture
from game.core.records import (
    ACCEPTED,
    DELIVERED,
    FOILED,
    JOINT_OP,
    REFUSED,
    Cable,
    Event,
    Operation,
    Threat,
)
from game.core.state import GameState, IllegalAction


def held(state: GameState, agency: int, threat: int, only: set[int] | None = None,
         real: bool = False) -> list[Held]:
    """An agency's reports on a threat as they count for a picture: those it knows to
    be false are left out; with `real`, the ones it cannot tell are marked worthless."""
    reports, unmasked, false = state.reports, state.unmasked[agency], state.false_reports
    return [
        Held(reports[c.report], agency, c.info_only, real and c.report in false)
        for c in state.holds_on(agency, threat)
        if (only is None or c.report in only) and c.report not in unmasked
    ]


def own_picture(state: GameState, agency: int, threat: int, real: bool = False) -> Picture:
    return picture(state.threats[threat], held(state, agency, threat, real=real))


def chance(state: GameState, pic: Picture, agencies: tuple[int, ...], real: bool = False) -> float:
    """R11: clip(base + weight x coverage x quality + access weight x access
    - mole penalty, min, max).

    Coverage x quality is taken as the sum of counted, uncaveated quality over the
    fragments needed, so an information-only report adds no success (R21). The
    agencies see the chance they believe in; the `real` one also knows which
    reports are false (R27) and whether a mole has read the threat's file (R25).
    """
    op = state.rules.operation
    threat = state.threats[pic.threat]
    access = max(state.world.agencies[a].access[threat.region] for a in agencies)
    p = op.base + op.picture_weight * pic.strength + op.access_weight * access
    if real and penetration.compromised(state, threat.id):
        p -= op.mole_penalty
    return float(min(op.p_max, max(op.p_min, p)))


def cost(state: GameState, threat: Threat) -> float:
    return state.rules.operation.cost_per_severity * threat.severity


def _target(state: GameState, seat: int, threat_id: int) -> Threat:
    if not (isinstance(threat_id, int) and 0 <= threat_id < len(state.threats)):
        raise IllegalAction("There is no such threat.")
    if not state.knows(seat, threat_id):
        raise IllegalAction("You hold nothing on that threat.")
    threat = state.threats[threat_id]
    if not threat.active:
        raise IllegalAction(f"{threat.name} is no longer active.")
    if any(o.threat == threat_id and seat in o.agencies for o in state.operations):
        raise IllegalAction(f"You already have an operation against {threat.name} this month.")
    ready = state.retry.get((seat, threat_id), 0)
    if ready > state.round:
        raise IllegalAction(
            f"Your last operation against {threat.name} failed; you can try again in "
            f"{state.world.month_label(ready)}."
        )
    return threat


def _need_picture(state: GameState, pic: Picture, threat: Threat) -> None:
    min_cov = state.rules.operation.min_coverage
    if not pic.all_source:
        lacking = [state.rules.discipline_ids[d] for d, n in enumerate(threat.needs)
                   if n and pic.missing[d] == n]
        raise IllegalAction(f"Not all-source: nothing yet in {', '.join(lacking)} (R11).")
    if not pic.eligible(min_cov):
        raise IllegalAction(f"Coverage {pic.coverage:.0%} is below the {min_cov:.0%} needed (R11).")


def _pay(state: GameState, seat: int, amount: float) -> None:
    if amount > state.budget[seat] + 1e-9:
        raise IllegalAction(f"That costs {amount:g}; you have {state.budget[seat]:.1f}.")
    state.budget[seat] -= amount


def launch(state: GameState, seat: int, action: LaunchOperation) -> list[Event]:
    threat = _target(state, seat, action.threat)
    pic = own_picture(state, seat, threat.id)
    _need_picture(state, pic, threat)
    price = cost(state, threat)
    _pay(state, seat, price)
    shown = chance(state, pic, (seat,))
    real = chance(state, own_picture(state, seat, threat.id, real=True), (seat,), real=True)
    state.operations.append(Operation(threat.id, (seat,), (price,), pic.counted, pic.coverage,
                                      real, shown, state.round))
    events: list[Event] = []
    state.emit(events, "op_launched", f"Operation against {threat.name} launched: {shown:.0%} "
               f"chance; it resolves at dusk.", seats=(seat,), threat=threat.id)
    return events


def propose_joint(state: GameState, seat: int, action: ProposeJointOperation) -> list[Event]:
    to = partner_index(state, seat, action.to)
    threat = _target(state, seat, action.threat)
    require_channel(state, seat, to, {threat.kind})
    share = cost(state, threat) / 2
    _pay(state, seat, share)
    pool = tuple(sorted(c.report for c in state.holds_on(seat, threat.id)))
    cable = Cable(id=state.next_cable, kind=JOINT_OP, sender=seat, recipient=to, sent=state.round,
                  threat=threat.id, escrow=share, pool=pool)
    state.next_cable += 1
    state.cables[cable.id] = cable
    events: list[Event] = []
    state.emit(events, "cable_sent", f"Joint operation against {threat.name} proposed to "
               f"{action.to}; your share of {share:g} is held until they answer.",
               seats=(seat,), cable=cable.id)
    return events


def joint_picture(state: GameState, cable: Cable, partner: int, real: bool = False) -> Picture:
    """R12: the sender's pooled reports with the partner's own."""
    pool = held(state, cable.sender, cable.threat, set(cable.pool), real)
    return picture(state.threats[cable.threat],
                   pool + held(state, partner, cable.threat, real=real))


def answer_joint(state: GameState, seat: int, cable: Cable, action: Answer) -> list[Event]:
    events: list[Event] = []
    if not action.accept:
        _close_joint(state, cable, events, "declined")
        return events
    if action.give:
        raise IllegalAction("A joint operation pools reports; there is nothing to give.")
    threat = _target(state, seat, cable.threat)
    pic = joint_picture(state, cable, seat)
    _need_picture(state, pic, threat)
    share = cost(state, threat) - cable.escrow
    _pay(state, seat, share)
    agencies = (cable.sender, seat)
    p = chance(state, pic, agencies)
    real = chance(state, joint_picture(state, cable, seat, real=True), agencies, real=True)
    state.operations.append(Operation(threat.id, agencies, (cable.escrow, share), pic.counted,
                                      pic.coverage, real, p, state.round))
    state.cables[cable.id] = replace(cable, status=ACCEPTED, answered=state.round)
    names = state.world.agencies
    state.emit(events, "op_launched", f"Joint operation of {names[cable.sender].id} and "
               f"{names[seat].id} against {threat.name}: {p:.0%} chance; it resolves at dusk.",
               seats=agencies, threat=threat.id)
    return events


def _close_joint(state: GameState, cable: Cable, events: list[Event], how: str) -> None:
    state.budget[cable.sender] += cable.escrow
    state.cables[cable.id] = replace(cable, status=REFUSED, answered=state.round)
    names = state.world.agencies
    state.emit(events, "refused", f"{names[cable.recipient].id} {how} the joint operation; "
               f"{cable.escrow:g} returned to {names[cable.sender].id}.",
               seats=(cable.sender, cable.recipient), cable=cable.id)


def expire_joint(state: GameState, seat: int, events: list[Event]) -> None:
    for cable in list(state.cables.values()):
        if cable.recipient == seat and cable.status == DELIVERED and cable.kind == JOINT_OP:
            _close_joint(state, cable, events, "left unanswered")


def resolve(state: GameState, events: list[Event]) -> None:
    """Dusk: roll each operation in launch order. Success removes the threat (R11) and
    pays credit by contribution (R12) and to outside originators (R30)."""
    ops, state.operations = state.operations, []
    if not ops:
        return
    draws = state.rng.random(len(ops))
    names = state.world.agencies
    scoring = state.rules.scoring
    for op, draw in zip(ops, draws.tolist(), strict=True):
        threat = state.threats[op.threat]
        who = " and ".join(names[a].id for a in op.agencies)
        if not threat.active:
            for a, paid in zip(op.agencies, op.shares, strict=True):
                state.budget[a] += paid
            state.emit(events, "op_void", f"{threat.name} was already dealt with; the operation "
                       f"of {who} stood down and its money was returned.", seats=op.agencies)
            continue
        if draw >= op.chance:
            for a in op.agencies:
                state.retry[(a, op.threat)] = state.round + 1 + state.rules.operation.retry_delay
            state.emit(events, "op_failed", f"The operation of {who} against {threat.name} "
                       f"failed.", seats=op.agencies, threat=threat.id)
            penetration.unmask_failed(state, op, events)
            continue
        state.threats[threat.id] = replace(threat, status=FOILED, ended=state.round)
        for n in threat.targets:
            state.security[n] += scoring.foiled_per_severity * threat.severity
        _credit(state, op, threat)
        state.emit(events, "op_success", f"{who} disrupted {threat.name}.", seats=op.agencies,
                   threat=threat.id)
        state.emit(events, "foiled", f"A plot was disrupted: {threat.name}.", threat=threat.id)


def _credit(state: GameState, op: Operation, threat: Threat) -> None:
    total = state.rules.operation.credit_per_severity * threat.severity
    for _, holder in op.counted:
        state.credit[holder] += total / len(op.counted)
    for rid, _ in op.counted:
        origin = state.reports[rid].originator
        if origin not in op.agencies:
            state.credit[origin] += state.rules.scoring.originator_credit
