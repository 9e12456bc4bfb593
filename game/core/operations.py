"""R11/R12: disruption operations, alone or jointly, launched on a turn and resolved at dusk."""

from __future__ import annotations

from dataclasses import replace

from game.core import penetration, scoring
from game.core.actions import Answer, LaunchOperation, ProposeJointOperation
from game.core.liaison import keep_reason, quoted_reason
from game.core.picture import Held, Picture, picture
from game.core.records import (
    ACCEPTED,
    CREDIT,
    DELIVERED,
    FOILED,
    IN_TRANSIT,
    JOINT_OP,
    REFUSED,
    WITHDRAWN,
    Cable,
    Event,
    Operation,
    Threat,
)
from game.core.state import OPERATION, GameState, IllegalAction


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
    return state.threats[threat_id]


def busy(state: GameState, seat: int, threat: int, joining: bool = False) -> str:
    """Why this agency may not set another operation against the threat this month: one
    of its own is set for this dusk, or its invitation to a joint one awaits an answer
    ("" when neither). `joining` a partner's operation, only the first counts: joining
    withdraws its own invitations (R12)."""
    name = state.threats[threat].name
    if any(o.threat == threat and seat in o.agencies for o in state.operations):
        return f"An operation against {name} is already set for this month."
    pending = [] if joining else invitations(state, seat, threat)
    if pending:
        to = state.world.agencies[pending[0].recipient].id
        return (f"Your invitation to {to} to a joint operation against {name} awaits its "
                f"answer this month (R12).")
    return ""


def invitations(state: GameState, seat: int, threat: int) -> list[Cable]:
    """This agency's invitations to a joint operation against the threat, unanswered."""
    return [c for c in state.cables.values() if c.kind == JOINT_OP and c.sender == seat
            and c.threat == threat and c.status in (IN_TRANSIT, DELIVERED)]


def launch_problem(world, threat: Threat, pic: Picture | None, busy: str, retry_from: int,
                   price: float, budget: float, now: int, agencies: tuple[int, ...]) -> str:
    """R5/R11: why an operation of `agencies` cannot go ahead now ("" when it can). The
    engine and the view both ask this, so the button a player sees is the rule the engine
    applies. `pic` is None when the picture is not in question (proposing a joint
    operation); `busy` is `busy`'s answer."""
    return _barred(world, threat, pic, busy, retry_from, price, budget, now, agencies)[0]


def _barred(world, threat: Threat, pic: Picture | None, busy: str, retry_from: int,
            price: float, budget: float, now: int,
            agencies: tuple[int, ...]) -> tuple[str, str]:
    """`launch_problem`'s reason, and the same in the words an invited service may pass
    to the service that invited it. What the two would pool (the gaps of their joint
    picture) is the inviter's business too; the invitee's own operations, set or
    failed, and its budget are not, so those are only "this month". ("", "") when the
    operation can go ahead."""
    private = "we cannot take it on this month (R12)"
    if not threat.active:
        return f"{threat.name} is no longer active.", "the plot is no longer active"
    if busy:
        return busy, private
    if retry_from > now:
        if retry_from > threat.deadline:
            return (f"The last operation against {threat.name} failed, and it strikes before "
                    f"another could be tried."), private
        return (f"The last operation against {threat.name} failed; it can be tried again in "
                f"{world.month_label(retry_from)}."), private
    if not any(world.agencies[a].operates_in(threat.region) for a in agencies):
        who = " and ".join(world.agencies[a].id for a in agencies)
        where = world.regions[threat.region].name
        return (f"{who} may not operate in {where} (R11): it is outside "
                f"{'their' if len(agencies) > 1 else 'its'} jurisdiction. Invite a service "
                f"that may operate there to a joint operation."), \
            f"neither of us may operate in {where} (R11)"
    if pic is not None:
        min_cov = world.rules.operation.min_coverage
        if not pic.all_source:
            lacking = ", ".join(world.rules.discipline_ids[d] for d in pic.bare(threat.needs))
            return (f"Not all-source: nothing yet in {lacking} (R11).",
                    f"together we would still have nothing in {lacking} (R11)")
        if not pic.eligible(min_cov):
            return (f"Coverage {pic.coverage:.0%} is below the {min_cov:.0%} needed (R11).",
                    f"together we would hold {pic.coverage:.0%} of the picture, below the "
                    f"{min_cov:.0%} needed (R11)")
    if price > budget + 1e-9:
        return f"That costs {price:g}; you have {budget:.1f}.", private
    return "", ""


def launch(state: GameState, seat: int, action: LaunchOperation) -> list[Event]:
    threat = _target(state, seat, action.threat)
    pic = own_picture(state, seat, threat.id)
    price = cost(state, threat)
    problem = launch_problem(state.world, threat, pic, busy(state, seat, threat.id),
                             state.retry.get((seat, threat.id), 0), price,
                             float(state.budget[seat]), state.round, (seat,))
    if problem:
        raise IllegalAction(problem)
    state.change_budget(seat, -price, "operation", threat.id)
    shown = chance(state, pic, (seat,))
    real = chance(state, own_picture(state, seat, threat.id, real=True), (seat,), real=True)
    state.operations.append(Operation(threat.id, (seat,), (price,), pic.counted, pic.coverage,
                                      real, shown, state.round))
    events: list[Event] = []
    state.emit(events, "op_launched", f"Operation against {threat.name} launched: {shown:.0%} "
               f"chance; it resolves at dusk.", seats=(seat,), threat=threat.id)
    return events


def joint_problem(world, seat: int, threat: Threat, partner, busy: str, retry_from: int,
                  share: float, budget: float, now: int) -> str:
    """R12/R23: why a joint operation cannot be proposed to `partner` (a view's
    PartnerView) now; "" when it can. The engine and the view both ask this."""
    if partner.hostile and threat.kind not in partner.channel_kinds:
        theirs = world.agencies[world.agency_index(partner.agency)].nation
        return (f"{world.agencies[seat].nation} and {theirs} are hostile and no open channel "
                f"covers {threat.kind}.")
    return launch_problem(world, threat, None, busy, retry_from, share, budget, now,
                          (seat, world.agency_index(partner.agency)))


def propose_joint(state: GameState, seat: int, to: int, action: ProposeJointOperation,
                  partner) -> list[Event]:
    threat = _target(state, seat, action.threat)
    share = cost(state, threat) / 2
    problem = joint_problem(state.world, seat, threat, partner,
                            busy(state, seat, threat.id),
                            state.retry.get((seat, threat.id), 0), share,
                            float(state.budget[seat]), state.round)
    if problem:
        raise IllegalAction(problem)
    state.change_budget(seat, -share, "joint_escrow", threat.id, action.to)
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


def join_problem(state: GameState, seat: int, cable: Cable, pooled: Picture) -> tuple[str, str]:
    """R11/R12: why the seat cannot join the operation `cable` invites it to, and the same
    in words it may pass to the inviter (("", "") when it can). Its own unanswered
    invitations against the threat do not bar it: joining withdraws them, and the shares
    they hold count towards its own. The engine and the view both ask this."""
    threat = state.threats[cable.threat]
    if not state.knows(seat, threat.id):
        return "You hold nothing on that threat.", "we hold nothing on it"
    back = sum(c.escrow for c in invitations(state, seat, threat.id))
    return _barred(state.world, threat, pooled, busy(state, seat, threat.id, joining=True),
                   state.retry.get((seat, threat.id), 0), cost(state, threat) - cable.escrow,
                   float(state.budget[seat]) + back, state.round, (cable.sender, seat))


def answer_joint(state: GameState, seat: int, cable: Cable, action: Answer) -> list[Event]:
    events: list[Event] = []
    if not action.accept:
        keep_reason(state, cable, action)
        _close_joint(state, cable, events, "declined", quoted_reason(action))
        return events
    if action.give:
        raise IllegalAction("A joint operation pools reports; there is nothing to give.")
    threat = _target(state, seat, cable.threat)
    pic = joint_picture(state, cable, seat)
    share = cost(state, threat) - cable.escrow
    problem, _ = join_problem(state, seat, cable, pic)
    if problem:
        raise IllegalAction(problem)
    withdrawn = invitations(state, seat, threat.id)
    for mine in withdrawn:
        state.change_budget(seat, mine.escrow, "joint_withdrawn", threat.id,
                            state.world.agencies[cable.sender].id)
    state.change_budget(seat, -share, "joint_share", threat.id,
                        state.world.agencies[cable.sender].id)
    agencies = (cable.sender, seat)
    p = chance(state, pic, agencies)
    real = chance(state, joint_picture(state, cable, seat, real=True), agencies, real=True)
    state.operations.append(Operation(threat.id, agencies, (cable.escrow, share), pic.counted,
                                      pic.coverage, real, p, state.round))
    state.cables[cable.id] = replace(cable, status=ACCEPTED, answered=state.round)
    keep_reason(state, cable, action)
    names = state.world.agencies
    state.emit(events, "op_launched", f"Joint operation of {names[cable.sender].id} and "
               f"{names[seat].id} against {threat.name}: {p:.0%} chance; it resolves at dusk.",
               seats=agencies, threat=threat.id)
    for mine in withdrawn:
        _withdraw(state, mine, cable.sender, events)
    return events


def _close_joint(state: GameState, cable: Cable, events: list[Event], how: str,
                 said: str = "") -> None:
    """`said`: the decliner's reason, quoted, so that the inviter reads it the same
    month (a playtest found it only in the next month's report)."""
    state.change_budget(cable.sender, cable.escrow, "joint_returned", cable.threat,
                        state.world.agencies[cable.recipient].id)
    state.cables[cable.id] = replace(cable, status=REFUSED, answered=state.round)
    names = state.world.agencies
    state.emit(events, "refused", f"{names[cable.recipient].id} {how} the joint operation "
               f"against {state.threats[cable.threat].name}; {cable.escrow:g} returned to "
               f"{names[cable.sender].id}.{said}",
               seats=(cable.sender, cable.recipient), cable=cable.id)


def _withdraw(state: GameState, cable: Cable, joined: int, events: list[Event]) -> None:
    """R12: the sender joined `joined`'s operation against the same threat, so its own
    invitation is withdrawn before its partner answers (its share has come back). The
    invited partner reads only that it was withdrawn: whose operation the sender joined
    is not its to know."""
    names = state.world.agencies
    threat = state.threats[cable.threat].name
    state.cables[cable.id] = replace(cable, status=WITHDRAWN, answered=state.round)
    state.emit(events, "withdrawn", f"You joined {names[joined].id}'s operation against "
               f"{threat}, so your invitation to {names[cable.recipient].id} is withdrawn and "
               f"your share of {cable.escrow:g} is returned (R12).", seats=(cable.sender,),
               cable=cable.id)
    state.emit(events, "withdrawn", f"{names[cable.sender].id} withdrew its invitation to a "
               f"joint operation against {threat} (R12).", seats=(cable.recipient,),
               cable=cable.id)


def expire_joint(state: GameState, seat: int, events: list[Event]) -> None:
    for cable in list(state.cables.values()):
        if cable.recipient == seat and cable.status == DELIVERED and cable.kind == JOINT_OP:
            _close_joint(state, cable, events, "left unanswered")


def resolve(state: GameState, events: list[Event]) -> None:
    """Dusk: roll each operation in launch order. Success removes the threat (R11) and
    pays credit to those who made it possible (R12, R30)."""
    ops, state.operations = state.operations, []
    if not ops:
        return
    draws = [state.chance(OPERATION, op.threat, op.agencies[0]).random() for op in ops]
    names = state.world.agencies
    security = state.rules.scoring.foiled_per_severity
    for op, draw in zip(ops, draws, strict=True):
        threat = state.threats[op.threat]
        who = " and ".join(names[a].id for a in op.agencies)
        if not threat.active:
            for a, paid in zip(op.agencies, op.shares, strict=True):
                state.change_budget(a, paid, "op_returned", threat.id)
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
            state.security[n] += security * threat.severity
        _credit(state, op, threat)
        state.emit(events, "op_success", f"{who} disrupted {threat.name}.", seats=op.agencies,
                   threat=threat.id)
        state.emit(events, "foiled", f"A plot was disrupted: {threat.name}.", threat=threat.id)


def _credit(state: GameState, op: Operation, threat: Threat) -> None:
    """R30: a foiled threat's credit goes to those who made it possible: a share by the
    reports each originated in the picture, the rest by the cost each paid."""
    late = scoring.lateness(state)
    pool = state.rules.operation.credit_per_severity * threat.severity * late
    by_reports = state.rules.scoring.originator_share
    reports = state.reports
    why = f"{late:.2f}"  # the monthly report says how much later credit weighs
    for rid, _ in op.counted:
        state.change_part(reports[rid].originator, CREDIT, pool * by_reports / len(op.counted),
                          "reports", threat.id, why)
    paid = sum(op.shares)
    for agency, share in zip(op.agencies, op.shares, strict=True):
        state.change_part(agency, CREDIT, pool * (1 - by_reports) * (
            share / paid if paid else 1 / len(op.agencies)), "cost", threat.id, why)
