"""R14-R18 and R23: exchanges as cables, the standing rule, value, the ledger and its cap.

The flow of one exchange: the sender proposes on its turn (R16 is judged now);
the cable is delivered at the next dawn (or, when R16 failed, the engine
answers it with the canned reply and the recipient never sees it); the
recipient answers on its turn, choosing reports within the R18 cap; on
acceptance both sides receive copies at once and the ledger moves by the
difference in value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from game.core.actions import Answer, ProposeExchange
from game.core.records import (
    ACCEPTED,
    DELIVERED,
    EXCHANGE,
    IN_TRANSIT,
    NOTHING,
    REFUSED,
    Breach,
    Cable,
    Copy,
    Event,
    Topic,
)
from game.core.state import GameState, IllegalAction

CANNED = "We would love to help, but we have nothing."


# --------------------------------------------------------------------------- value (R17)
def missing(state: GameState, agency: int, threat: int) -> dict[int, int]:
    """Fragments per discipline the agency still lacks on a threat."""
    held = [0] * len(state.rules.disciplines)
    for copy in state.holds_on(agency, threat):
        held[state.reports[copy.report].discipline] += 1
    needs = state.threats[threat].needs
    return {d: max(0, n - held[d]) for d, n in enumerate(needs) if n}


def report_value(rules, quality: float, age: int, fills: bool, targets_recipient: bool) -> float:
    """R17 for one report: quality x decay^age x (fills a gap ? 1 : 0.25) x (targets ? 2 : 1)."""
    return (quality * rules.age_decay ** age * (rules.fills_need if fills else rules.surplus)
            * (rules.target_bonus if targets_recipient else 1.0))


def value(
    state: GameState,
    report_ids: Iterable[int],
    recipient: int,
    gaps: dict[tuple[int, int], int],
    already: set[int],
) -> float:
    """R17 for a batch: within it the best reports fill the recipient's gaps first.

    `gaps` maps (threat, discipline) to fragments the recipient still lacks.
    Reports the recipient already holds are worth nothing to it.
    """
    rules = state.rules.value
    nation = state.nation_of(recipient)
    left = dict(gaps)
    total = 0.0
    reports = state.reports
    for rid in sorted(set(report_ids) - already, key=lambda r: (-reports[r].quality, r)):
        report = reports[rid]
        key = (report.threat, report.discipline)
        fills = left.get(key, 0) > 0
        if fills:
            left[key] -= 1
        total += report_value(rules, report.quality, state.round - report.round, fills,
                              nation in state.threats[report.threat].targets)
    return total


def true_value(state: GameState, report_ids: Iterable[int], recipient: int) -> float:
    """Value to the recipient judged against what it really holds (for the cap and ledger)."""
    ids = list(report_ids)
    gaps: dict[tuple[int, int], int] = {}
    for t in {state.reports[r].threat for r in ids}:
        for d, n in missing(state, recipient, t).items():
            gaps[(t, d)] = n
    return value(state, ids, recipient, gaps, set(state.holdings[recipient]))


# --------------------------------------------------------------------------- topic and standing
def topic_reports(state: GameState, agency: int, topic: Topic, disciplines=()) -> list[int]:
    """The agency's reports on a topic (a threat, or any threat in a region)."""
    out = []
    for rid in state.holdings[agency]:
        report = state.reports[rid]
        if disciplines and report.discipline not in disciplines:
            continue
        if topic.threat is not None and report.threat != topic.threat:
            continue
        if topic.region is not None and state.threats[report.threat].region != topic.region:
            continue
        out.append(rid)
    return sorted(out)


def topic_region(state: GameState, topic: Topic) -> int:
    return state.threats[topic.threat].region if topic.threat is not None else topic.region


def standing(state: GameState, seat: int, topic: Topic, offer: Iterable[int]) -> str | None:
    """R16: None when the ask is admitted, else the reason (for the asker only)."""
    region = topic_region(state, topic)
    offered = [state.reports[r] for r in offer]
    regions = {r.threat: state.threats[r.threat].region for r in offered}
    return admits(bool(state.paid[seat, region].sum()), topic, region, offered, regions,
                  state.world.regions[region].name)


def admits(collects: bool, topic: Topic, region: int, offered, threat_regions: dict[int, int],
           region_name: str) -> str | None:
    """R16 from what the asker itself knows: its programmes and its own offer. The
    exchange composer calls this with the view's data; the engine with the state's."""
    if collects:
        return None
    for report in offered:
        if topic.threat is not None and report.threat == topic.threat:
            return None
        if topic.region is not None and threat_regions[report.threat] == topic.region:
            return None
    return f"no programme in {region_name} this month, and nothing on it in your offer"


def cap(state: GameState, cable: Cable) -> float:
    """R18: what the recipient may return: the offer's value + its credit line to the
    sender + the sender's ledger balance with it (negative when the sender owes)."""
    a, b = cable.sender, cable.recipient
    offered = true_value(state, cable.offer, b)
    return max(0.0, offered + state.credit_line(b, a) + float(state.ledger[a, b]))


# --------------------------------------------------------------------------- proposing
def require_channel(state: GameState, a: int, b: int, kinds: set[str]) -> None:
    """R23: hostile nations trade only on kinds an open channel covers."""
    if not state.hostile(a, b):
        return
    world = state.world
    names = f"{world.agencies[a].nation} and {world.agencies[b].nation}"
    if not kinds:
        raise IllegalAction(f"{names} are hostile: only a channel on a threat kind allows trade.")
    for kind in sorted(kinds):
        if not state.channel_covers(a, b, kind):
            raise IllegalAction(f"{names} are hostile and no open channel covers {kind}.")


def propose_exchange(state: GameState, seat: int, action: ProposeExchange) -> list[Event]:
    world = state.world
    to = partner_index(state, seat, action.to)
    offer = tuple(dict.fromkeys(action.offer))
    for rid in offer:
        if rid not in state.holdings[seat]:
            raise IllegalAction(f"You cannot offer report {rid}: you do not hold it.")
    for rid in action.caveats:
        if rid not in offer or state.reports[rid].originator != seat:
            raise IllegalAction("Only reports you originated and offer can be caveated.")
    require_not_suspended(state, seat, to, offer)
    topic = _topic(state, seat, action)
    disciplines = tuple(_discipline(state, d) for d in action.disciplines)
    if topic is None and not offer:
        raise IllegalAction("An exchange must offer something or ask about something.")
    kinds = {state.threats[state.reports[r].threat].kind for r in offer}
    if topic is not None:
        kinds.add(state.threats[topic.threat].kind if topic.threat is not None else "")
        kinds.discard("")
        if topic.region is not None and state.hostile(seat, to):
            kinds = set()
    require_channel(state, seat, to, kinds)
    admitted = topic is None or standing(state, seat, topic, offer) is None
    cable = Cable(
        id=state.next_cable, kind=EXCHANGE, sender=seat, recipient=to, sent=state.round,
        offer=offer, caveats=tuple(sorted(set(action.caveats))), topic=topic,
        disciplines=disciplines, admitted=admitted,
    )
    state.next_cable += 1
    state.cables[cable.id] = cable
    events: list[Event] = []
    state.emit(events, "cable_sent", f"Cable to {world.agencies[to].id} sent; it arrives at dawn.",
               seats=(seat,), cable=cable.id)
    return events


def require_not_suspended(state: GameState, frm: int, to: int, report_ids) -> None:
    """R28: a political rupture may suspend a discipline's flow from one agency to another."""
    for rid in report_ids:
        d = state.reports[rid].discipline
        until = state.suspended(frm, to, d)
        if until:
            world = state.world
            raise IllegalAction(
                f"{world.agencies[frm].id} has suspended {world.rules.discipline_ids[d]} "
                f"sharing with {world.agencies[to].id} until the end of "
                f"{world.month_label(until)}.")


def partner_index(state: GameState, seat: int, agency_id: str,
                  itself: str = "You cannot trade with yourself.") -> int:
    """Another agency, by id; `itself` is the refusal when the seat names itself."""
    try:
        to = state.world.agency_index(agency_id)
    except (KeyError, TypeError):
        raise IllegalAction(f"There is no agency {agency_id!r}.") from None
    if to == seat:
        raise IllegalAction(itself)
    return to


def _discipline(state: GameState, discipline_id: str) -> int:
    try:
        return state.world.discipline_index(discipline_id)
    except (KeyError, TypeError):
        raise IllegalAction(f"There is no discipline {discipline_id!r}.") from None


def _topic(state: GameState, seat: int, action: ProposeExchange) -> Topic | None:
    if action.ask_threat is not None and action.ask_region is not None:
        raise IllegalAction("Ask about a threat or a region, not both.")
    if action.ask_threat is not None:
        t = action.ask_threat
        if not (isinstance(t, int) and 0 <= t < len(state.threats)) or not state.knows(seat, t):
            raise IllegalAction("You can only ask about a threat you know of.")
        if not state.threats[t].active:
            raise IllegalAction(f"{state.threats[t].name} is no longer active.")
        return Topic(threat=t)
    if action.ask_region is not None:
        try:
            return Topic(region=state.world.region_index(action.ask_region))
        except KeyError:
            raise IllegalAction(f"There is no region {action.ask_region!r}.") from None
    return None


# --------------------------------------------------------------------------- delivery (dawn)
def deliver(state: GameState, events: list[Event]) -> None:
    """R15/R16: cables sent last round arrive; inadmissible asks get the canned reply."""
    agencies = state.world.agencies
    for cable in list(state.cables.values()):
        if cable.status != IN_TRANSIT:
            continue
        b = agencies[cable.recipient].id
        if not cable.admitted:
            state.cables[cable.id] = replace(cable, status=NOTHING, answered=state.round)
            reason = standing_reason(state, cable)
            state.emit(events, "canned", f"{b}: “{CANNED}” ({reason})",
                       seats=(cable.sender,), cable=cable.id)
            continue
        state.cables[cable.id] = replace(cable, status=DELIVERED, wanted=_wanted(state, cable))
        sender = agencies[cable.sender].id
        state.emit(events, "cable_in", f"Cable from {sender} awaits your answer.",
                   seats=(cable.recipient,), cable=cable.id)


def standing_reason(state: GameState, cable: Cable) -> str:
    region = state.world.regions[topic_region(state, cable.topic)].name
    return f"R16: you ran no programme in {region} that month and offered nothing on it"


def _wanted(state: GameState, cable: Cable) -> tuple[tuple[int, int, int], ...]:
    """The sender's gaps on the topic, as far as the recipient knows the threats."""
    if cable.topic is None:
        return ()
    if cable.topic.threat is not None:
        threats = [cable.topic.threat]
    else:
        threats = sorted({state.reports[r].threat
                          for r in topic_reports(state, cable.recipient, cable.topic)})
    out = []
    for t in threats:
        for d, n in missing(state, cable.sender, t).items():
            if not cable.disciplines or d in cable.disciplines:
                out.append((t, d, n))
    return tuple(out)


def wanted_value(state: GameState, cable: Cable, give: Iterable[int]) -> float:
    """What the recipient's answer is worth to the sender, judged as the recipient can
    judge it: against the cable's shopping list and the chains the recipient sees."""
    b = cable.recipient
    gaps = {(t, d): n for t, d, n in cable.wanted}
    known = {r for r in give if cable.sender in state.holdings[b][r].chain}
    return value(state, give, cable.sender, gaps, known)


# --------------------------------------------------------------------------- answering
def answer_exchange(state: GameState, seat: int, cable: Cable, action: Answer) -> list[Event]:
    events: list[Event] = []
    a, b = cable.sender, seat
    names = state.world.agencies
    said = _said(action)
    if not action.accept:
        _refuse(state, cable, events, "declined", said)
        return events
    give = tuple(dict.fromkeys(action.give))
    if cable.topic is None and give:
        raise IllegalAction("A gift asks for nothing: accept it without giving.")
    allowed = set(topic_reports(state, b, cable.topic, cable.disciplines)) if cable.topic else set()
    for rid in give:
        if rid not in allowed:
            raise IllegalAction(f"Report {rid} is not one of yours on the topic asked about.")
    require_not_suspended(state, b, a, give)
    limit = cap(state, cable)
    shown = wanted_value(state, cable, give)
    if shown > limit + 1e-9:
        raise IllegalAction(
            f"Your answer is worth {shown:.1f} to {names[a].id}; the ledger allows {limit:.1f} "
            f"(R18: offer + credit line − what they owe)."
        )
    v_ab = true_value(state, cable.offer, b)
    v_ba = true_value(state, give, a)
    transfer(state, a, b, cable.offer, cable.caveats)
    transfer(state, b, a, give, ())
    state.ledger[a, b] += v_ab - v_ba
    state.ledger[b, a] = -state.ledger[a, b]
    state.cables[cable.id] = replace(cable, status=ACCEPTED, given=give, value_offered=v_ab,
                                     value_returned=v_ba, answered=state.round)
    _trust_after_trade(state, cable, v_ab, v_ba)
    balance = float(state.ledger[a, b])
    state.emit(
        events, "accepted",
        f"{names[b].id} accepted {names[a].id}'s cable: {len(give)} report(s) returned for "
        f"{len(cable.offer)} offered (value {v_ba:.1f} for {v_ab:.1f}). "
        f"Ledger {names[a].id} with {names[b].id}: {balance:+.1f}.{said}",
        seats=(a, b), cable=cable.id,
    )
    return events


def _said(action: Answer) -> str:
    """The answer's one-line reason, as the sender will read it."""
    if not isinstance(action.reason, str):
        raise IllegalAction("A reason is a line of text.")
    text = action.reason.strip()[:160]
    return f" “{text}”" if text else ""


def _trust_after_trade(state: GameState, cable: Cable, v_ab: float, v_ba: float) -> None:
    """R19: a balanced exchange raises trust both ways; a lopsided one only in the
    one who got more; a gift raises the recipient's trust in the giver."""
    rules = state.rules.trust
    a, b = cable.sender, cable.recipient
    gain = rules.balanced_gain
    if cable.topic is None:
        if v_ab > 0:
            _nudge(state, b, a, gain)
        return
    high = max(v_ab, v_ba)
    if high <= 0:
        return
    if min(v_ab, v_ba) / high >= rules.balanced_ratio:
        _nudge(state, a, b, gain)
        _nudge(state, b, a, gain)
    elif v_ba > v_ab:
        _nudge(state, a, b, gain)
    else:
        _nudge(state, b, a, gain)


def _nudge(state: GameState, x: int, y: int, delta: float) -> None:
    state.trust[x, y] = min(100.0, max(0.0, state.trust[x, y] + delta))


def _refuse(state: GameState, cable: Cable, events: list[Event], how: str,
            said: str = "") -> None:
    """R19: refusing an admissible request that brought something, when one could have
    answered it, lowers the asker's trust."""
    a, b = cable.sender, cable.recipient
    names = state.world.agencies
    could = bool(cable.topic) and any(
        wanted_value(state, cable, (r,)) > 0
        for r in topic_reports(state, b, cable.topic, cable.disciplines)
    )
    if could and true_value(state, cable.offer, b) > 0:
        _nudge(state, a, b, -state.rules.trust.refuse_loss)
    state.cables[cable.id] = replace(cable, status=REFUSED, answered=state.round)
    state.emit(events, "refused", f"{names[b].id} {how} {names[a].id}'s cable.{said}",
               seats=(a, b), cable=cable.id)


def expire(state: GameState, seat: int, events: list[Event]) -> None:
    """Cables left unanswered at the end of the recipient's turn count as refused."""
    for cable in list(state.cables.values()):
        if cable.recipient == seat and cable.status == DELIVERED and cable.kind == EXCHANGE:
            _refuse(state, cable, events, "left unanswered")


# --------------------------------------------------------------------------- copies (R14, R20, R21)
def transfer(state: GameState, frm: int, to: int, report_ids: Iterable[int],
             caveats: Iterable[int]) -> None:
    """Copy reports from one agency to another, extending each copy's chain.

    Passing on a report someone else originated, outside a closed pact with the
    originator, is a breach of the third-party rule (R20) that may be found out.
    """
    caveats = set(caveats)
    for rid in report_ids:
        if rid in state.holdings[to]:
            continue
        source = state.holdings[frm][rid]
        state.add_copy(to, Copy(
            rid, (*source.chain, to), state.round, source.info_only or rid in caveats,
        ))
        originator = state.reports[rid].originator
        if originator not in (frm, to) and not state.consented(originator, frm, to):
            state.breaches.append(Breach(rid, originator, frm, to, state.round))
