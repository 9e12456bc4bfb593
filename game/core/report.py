"""The monthly report: one seat's month explained, from the journal (R5, R29, R30).

An agency's report runs from its previous mark (the start of its first turn of the
previous month; for month 1, the set-up) to its latest one (the start of its first
turn of this month), and is shown for the whole month. Its budget lines are the
journal's entries for the agency in that span, so they add up to the change in its
budget; its score lines are its team's credit and blame entries weighted as the score
weighs them (scoring.part_weight), the security its nation gained or lost with each
threat foiled or struck, and the change in its team's reputation, so they add up to
the change in its score. Everything else comes from the log the seat may read and from
its own cables, so a report shows nothing another seat's view would not.

A save from before the journal has no marks: its reports begin with the first month
that has two (persistence, format 6).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from game.core import effects, scoring
from game.core.liaison import strict_words
from game.core.records import (
    ACCEPTED,
    BLAME,
    BUDGET,
    CREDIT,
    EFFECTS,
    EXCHANGE,
    EXECUTED,
    FOILED,
    NOTHING,
    REFUSED,
    WITHDRAWN,
    Entry,
    Event,
    Mark,
)
from game.core.state import GameState


@dataclass(frozen=True)
class Line:
    """One line of the budget or the score: its cause (the journal's, or `security`,
    `reputation`, `team` for the score's other terms), what it says, the amount, and the
    month it came in (0 for a change over the whole span, like reputation's)."""

    cause: str
    label: str
    amount: float
    round: int = 0


@dataclass(frozen=True)
class ThreatLine:
    """A threat foiled or struck in the report's span, as this seat may know it."""

    threat: int
    name: str
    outcome: str  # FOILED or EXECUTED
    severity: int
    targets: tuple[str, ...]  # the nations it was aimed at
    damage: int  # R13: what it added to the damage, if it struck: severity per target
    by: tuple[str, ...]  # who foiled it: named only to those who took part, else ()
    team: tuple[str, ...]  # else the teammates who paid for it: we share their score (R30)
    sources: tuple[tuple[str, int], ...]  # whose reports made it possible: (originator,
    # reports in the picture); those who took part see all, the others only their own
    score: float  # what it did to our score: our credit or blame, our nation's security


@dataclass(frozen=True)
class AnswerLine:
    """An answer to one of our cables: what came back and why."""

    cable: int
    partner: str
    kind: str  # EXCHANGE or JOINT_OP
    asked: str  # what we asked about
    status: str  # ACCEPTED, REFUSED, NOTHING (the rules answered for them), or WITHDRAWN
    offered: int  # reports we offered
    given: tuple[int, ...]  # the reports they gave back, by id (the Reports tab's #)
    value_offered: float  # R17: what our offer was worth to them
    value_given: float  # what their answer was worth to us
    reason: str  # the reason they gave, or the rule that stopped the ask (R16, R18)
    capped: bool  # R18 held their answer back
    tasked: int  # of `given`, the reports their tasked collection found after it (R15)


@dataclass(frozen=True)
class EventLine:
    """A scenario event (R28): that it fired, or that its effects took hold, and what
    that means for this seat."""

    id: str
    title: str
    status: str
    consequences: tuple[str, ...]


@dataclass(frozen=True)
class MonthReport:
    round: int  # the month it opens (the last month, for the report of the end)
    month: str
    since: str  # the month it runs from ("the start" for month 1)
    budget_before: float
    budget_after: float
    budget: tuple[Line, ...]  # add up to budget_after - budget_before
    score_before: float
    score_after: float
    score: tuple[Line, ...]  # add up to score_after - score_before
    threats: tuple[ThreatLine, ...]
    answers: tuple[AnswerLine, ...]
    events: tuple[EventLine, ...]
    news: tuple[Event, ...]  # everything else this seat read in the span


# Log kinds a section of the report tells, and the seat's own doings: not news again.
TOLD = frozenset({"dawn", "foiled", "executed", "op_success", "event_fired", "decided",
                  "decision", "blamed", "cable_in"})
OWN_ACTS = frozenset({"cable_sent", "sweep", "fabricated", "disinformation", "mole_run_back"})
ANSWER_KINDS = frozenset({"accepted", "refused", "canned"})


def marks_of(state: GameState, seat: int) -> tuple[Mark | None, Mark | None]:
    """The seat's previous and latest marks (None where there is none)."""
    found: list[Mark] = []
    for mark in reversed(state.marks):
        if mark.agency == seat:
            found.append(mark)
            if len(found) == 2:
                break
    found += [None] * (2 - len(found))
    return found[1], found[0]


def since_report(state: GameState, seat: int) -> tuple[Event, ...]:
    """What the seat has read since its latest report began: its own doings this month
    and the answer round's news. (A game saved before the journal: until the seat's
    first mark, the feed since its last turn.)"""
    _, cur = marks_of(state, seat)
    if cur is None:
        return tuple(state.feeds[seat][state.seen[seat]:])
    return tuple(e for e in state.log[cur.log:] if e.visible_to(seat))


def month_report(state: GameState, seat: int, final: bool = False) -> MonthReport | None:
    """The seat's latest monthly report; None before it has two marks (an old save).

    `final`: the game is over, and no month begins to close the last one. The report
    then runs from the seat's latest mark to the end, with the numbers as they stand,
    so that the debrief can show each player how its last month ended; None if the
    seat has no mark (a save from before the journal)."""
    prev, cur = marks_of(state, seat)
    if final and cur is not None:
        prev, cur = cur, scoring.mark(state, seat)
    if prev is None or cur is None:
        return None
    world = state.world
    entries = state.journal[prev.journal:cur.journal]
    log = [e for e in state.log[prev.log:cur.log] if e.visible_to(seat)]
    security = _security(state, seat, log)
    weight = scoring.part_weight(state)
    names = _names(state, seat, log)
    score = _score_lines(state, seat, entries, security, cur.reputation - prev.reputation,
                         weight, names)
    return MonthReport(
        round=cur.round,
        month="the end" if final else world.month_label(cur.round),
        since=world.month_label(prev.round) if prev.round else "the start",
        budget_before=prev.budget,
        budget_after=cur.budget,
        budget=_budget_lines(state, seat, entries),
        score_before=prev.score,
        score_after=cur.score,
        score=score,
        threats=_threat_lines(state, seat, entries, log, security, weight[seat], names),
        answers=_answers(state, seat, prev.round, cur.round + final, log),
        events=_event_lines(state, seat, entries, log, weight[seat]),
        news=tuple(e for e in log if _news(state, seat, e)),
    )


# --------------------------------------------------------------------------- budget
def _grouped(lines: list[tuple[tuple, str, str, float, int]]) -> tuple[Line, ...]:
    """Lines with the same key (and month) summed, in the order each first came."""
    sums: dict[tuple, list] = {}
    for key, cause, label, amount, month in lines:
        if (key, month) in sums:
            sums[key, month][2] += amount
        else:
            sums[key, month] = [cause, label, amount, month]
    return tuple(Line(c, label, float(a), m) for c, label, a, m in sums.values() if a != 0)


def _budget_lines(state: GameState, seat: int, entries: list[Entry]) -> tuple[Line, ...]:
    return _grouped([((e.cause, e.ref, e.note), e.cause, _budget_label(state, e), e.amount,
                      e.round) for e in entries if e.agency == seat and e.account == BUDGET])


def _budget_label(state: GameState, e: Entry) -> str:
    world = state.world
    cause, ref, note = e.cause, e.ref, e.note
    if cause == "income":
        return "Income (R5)"
    if cause == "carry_cap":
        most = world.agencies[e.agency].budget * state.rules.carry_over_rounds
        return f"Carry-over above {most:g} lapsed (R5 cap)"
    if cause == "programmes":
        return f"Running costs: {note} programme level(s) (R6)"
    if cause == "raise":
        return f"Raised {note} in {world.regions[ref].name} (R6)"
    if cause in ("upkeep", "posting"):
        host = world.agencies[ref].id
        return (f"Upkeep: your officer with {host} (R24)" if cause == "upkeep" else
                f"Posted an officer with {host} (R24)")
    if cause == "event":
        return f"Event: {_event_title(state, note)} (R28)"
    if cause == "sweep":
        return "Counter-intelligence sweep (R25)"
    threat = state.threats[ref].name if 0 <= ref < len(state.threats) else "?"
    return {
        "operation": f"Operation against {threat} (R11)",
        "joint_escrow": f"Your share of a joint operation against {threat}, proposed to "
                        f"{note} (R12)",
        "joint_share": f"Your share of {note}'s joint operation against {threat} (R12)",
        "joint_returned": f"Refund: {note} did not join against {threat} (R12)",
        "joint_withdrawn": f"Refund: you joined {note}'s operation against {threat}, so your "
                           f"own invitation was withdrawn (R12)",
        "op_returned": f"Refund: operation against {threat} stood down, as another had "
                       f"already dealt with it that dusk (R11)",
        "fabricate": f"Fabricated a report on {threat} (R27)",
        "disinform": f"Planted a false report on {threat} through a mole (R27)",
    }.get(cause, cause)


def _event_title(state: GameState, event_id: str) -> str:
    spec = next((s for s in state.scenario.script.events if s.id == event_id), None)
    return spec.title if spec is not None else event_id


# --------------------------------------------------------------------------- score
def _security(state: GameState, seat: int, log: list[Event]) -> dict[int, float]:
    """R29/R30: what each threat foiled or struck in the span did to the score through
    the security of the seat's nation (public news: every foiled and struck threat)."""
    nation = state.nation_of(seat)
    weight = state.world.victory.security
    per = {"foiled": state.rules.scoring.foiled_per_severity,
           "executed": state.rules.scoring.executed_per_severity}
    out: dict[int, float] = {}
    for e in log:
        if e.kind in per:
            threat = state.threats[e.data["threat"]]
            if nation in threat.targets:
                out[threat.id] = out.get(threat.id, 0.0) + \
                    weight * per[e.kind] * threat.severity * threat.targets.count(nation)
    return out


def _names(state: GameState, seat: int, log: list[Event]) -> dict[int, str]:
    """Every plot the report may name, told apart from its namesakes: a plot the seat
    knows as the screens name it (`World.display_names` over the plots it holds reports
    on, as the view does); one it never knew by its public name, marked "(another of
    that name)" when a plot it knows or reads of first bears that name too (found in a
    playtest: two plots of one template and region ended in one month and read as one
    line twice; "another Fighters returning ..." read oddly in a later one).
    Region or month would tell the seat where or when a plot it never saw was."""
    known = sorted(state.on[seat])
    names = state.world.display_names(state.threats[t] for t in known)
    unknown = sorted({e.data["threat"] for e in log if e.kind in ("foiled", "executed")}
                     - set(known))
    taken = Counter(state.threats[t].name for t in known)
    for t in unknown:
        name = state.threats[t].name
        before = taken[name]
        taken[name] += 1
        names[t] = name if not before else f"{name} (another of that name)" if before == 1 \
            else f"{name} (another of that name, {before})"
    return names


def _score_lines(state: GameState, seat: int, entries: list[Entry], security: dict[int, float],
                 reputation: float, weight, names: dict[int, str]) -> tuple[Line, ...]:
    """R30: our team's part weighted as the score weighs it (`weight`, per agency), then
    our nation's security and our team's reputation."""
    world = state.world
    nation = state.nation_of(seat)
    lines = []
    for e in entries:
        if e.account not in (CREDIT, BLAME) or e.agency < 0 or \
                state.nation_of(e.agency) != nation:
            continue
        amount = weight[e.agency] * e.amount * (1 if e.account == CREDIT else -1)
        if e.agency != seat:  # a team-mate's part: its sum, not its secrets
            who = world.agencies[e.agency].id
            lines.append(((e.agency, e.account), "team", f"{who}'s "
                          f"{'credit' if e.account == CREDIT else 'blame'} (your team, R30)",
                          amount, e.round))
            continue
        name = names.get(e.ref, state.threats[e.ref].name) if e.ref >= 0 else ""
        why = ""
        if e.cause in ("reports", "cost"):
            severity = state.threats[e.ref].severity
            late = float(e.note) if e.note else 1.0
            why = f" (severity {severity}" + (f", ×{late:.2f} as credit weighs more each "
                                             f"month)" if late > 1.005 else ")")
        label = {
            "reports": f"{name} foiled{why}: your reports in its picture (R30)",
            "cost": f"{name} foiled{why}: your share of its cost (R30)",
            "withheld": f"{name} struck: you sat on your reports (R30)",
            "event": f"Event: {_event_title(state, e.note)} (R28)",
        }.get(e.cause, e.cause)
        lines.append(((e.cause, e.ref, e.note), e.cause, label, amount, e.round))
    for threat, amount in security.items():
        t = state.threats[threat]
        how = "foiled" if t.status == FOILED else "struck"
        lines.append((("security", threat), "security", f"{names.get(threat, t.name)} {how}: "
                      f"{world.nations[nation].name}'s security (R29)", amount, t.ended))
    lines.append((("reputation",), "reputation", "Reputation: others' trust in your team (R30)",
                  world.victory.reputation * reputation, 0))
    return _grouped(lines)


# --------------------------------------------------------------------------- threats
def _threat_lines(state: GameState, seat: int, entries: list[Entry], log: list[Event],
                  security: dict[int, float], weight: float,
                  names: dict[int, str]) -> tuple[ThreatLine, ...]:
    world = state.world
    took_part = {e.data["threat"]: e.seats for e in log if e.kind == "op_success"}
    nation = state.nation_of(seat)
    out = []
    for e in log:
        if e.kind not in ("foiled", "executed"):
            continue
        t = state.threats[e.data["threat"]]
        mine = [x for x in entries if x.ref == t.id and x.account in (CREDIT, BLAME)
                and x.cause != "event"]
        by = took_part.get(t.id, ())
        team = () if by else tuple(sorted({
            world.agencies[x.agency].id for x in mine if x.cause == "cost"
            and x.agency != seat and state.nation_of(x.agency) == nation}))
        counted = Counter(x.agency for x in mine if x.cause == "reports"
                          and (by or x.agency == seat))
        score = sum(weight * x.amount * (1 if x.account == CREDIT else -1)
                    for x in mine if x.agency == seat) + security.get(t.id, 0.0)
        out.append(ThreatLine(
            threat=t.id, name=names[t.id], outcome=FOILED if e.kind == "foiled" else EXECUTED,
            severity=t.severity, targets=tuple(world.nations[n].name for n in t.targets),
            damage=t.damage if e.kind == "executed" else 0,
            by=tuple(world.agencies[a].id for a in by), team=team,
            sources=tuple((world.agencies[a].id, n) for a, n in sorted(counted.items())),
            score=float(score)))
    return tuple(out)


# --------------------------------------------------------------------------- answers
def _answers(state: GameState, seat: int, since: int, until: int,
             log: list[Event]) -> tuple[AnswerLine, ...]:
    """Our cables answered in the span: in the answer rounds of the months from `since`
    up to (not including) `until`, or by the rules when they were delivered."""
    world = state.world
    capped = {e.data.get("cable"): e.data.get("capped", False) for e in log
              if e.kind == "accepted"}
    tasked = {e.data["cable"]: e.data["count"] for e in log if e.kind == "followed_up"}
    out = []
    for c in reversed(state.cables.values()):  # a cable is answered the month it is sent
        if c.sent < since:
            break
        if c.sender != seat or c.status not in (ACCEPTED, REFUSED, NOTHING, WITHDRAWN) or \
                not since <= c.answered < until:
            continue
        if c.kind == EXCHANGE:
            if c.topic is None:
                asked = "a gift"
            elif c.topic.threat is not None:
                asked = state.threats[c.topic.threat].name
            else:
                asked = world.regions[c.topic.region].name
        else:
            asked = f"a joint operation against {state.threats[c.threat].name}"
        reason = c.refusal if c.status == NOTHING else state.said.get(c.id, "")
        out.append(AnswerLine(c.id, world.agencies[c.recipient].id, c.kind, asked, c.status,
                              len(c.offer), tuple(c.given), c.value_offered, c.value_returned,
                              reason, bool(capped.get(c.id, False)), tasked.get(c.id, 0)))
    return tuple(out[::-1])


# --------------------------------------------------------------------------- events
def _event_lines(state: GameState, seat: int, entries: list[Entry], log: list[Event],
                 weight: float) -> tuple[EventLine, ...]:
    """Events whose effects took hold in the span (a choice's at a dusk, the rest as
    they fired), then the events that fired with a decision still to take effect."""
    took: list[tuple[Entry, list[Entry]]] = []
    for e in entries:
        if e.account == EFFECTS:
            took.append((e, []))
        elif took and e.cause == "event" and e.agency == seat:
            took[-1][1].append(e)
    plain = {}
    out = []
    for marker, own in took:
        spec = effects.spec_of(state, marker.note)
        chosen = spec.choices[marker.ref] if marker.ref >= 0 else None
        said = _consequences(state, seat, chosen.effects if chosen else spec.effects, own,
                             weight)
        if chosen is None:
            plain[spec.id] = said
            continue
        out.append(EventLine(spec.id, spec.title, f"took effect: {chosen.label}", said))
    for e in log:
        if e.kind != "event_fired":
            continue
        spec = effects.spec_of(state, e.data["id"])
        if spec.id in plain:
            out.append(EventLine(spec.id, spec.title, "happened", plain.pop(spec.id)))
            continue
        decider = effects.decider(state, spec)
        if decider == seat:
            status = "happened; yours to decide, and it takes effect at the month's end"
        elif decider is not None:
            status = (f"happened; {_nation_name(state, state.world.agencies[decider].nation)} "
                      f"decides, and it takes effect at the month's end")
        else:
            status = "happened; it takes effect at the month's end"
        out.append(EventLine(spec.id, spec.title, status, ()))
    return tuple(out)


def _consequences(state: GameState, seat: int, applied, own: list[Entry],
                  weight: float) -> tuple[str, ...]:
    """What an event's effects did to this seat, as far as it may know: its budget and
    score, trust to and from it, its nation's relations and channels, suspensions of
    its sharing and its terms. Secret effects (moles, flags) are not told; a new plot
    only to the nations it targets, as the deciding window told it, and not where it is:
    the Threats tab shows it once one of their reports is on it (R8)."""
    world = state.world
    me = world.agencies[seat]
    out = []
    money = sum(e.amount for e in own if e.account == BUDGET)
    if money:
        out.append(f"your budget {money:+.1f}")
    score = sum(weight * e.amount for e in own if e.account == CREDIT)
    if score:
        out.append(f"your score {score:+.1f}")
    for effect in applied:
        get = effect.get
        if effect.kind in ("trust", "suspend", "resume"):
            pairs = [(f, t) for f in effects.agencies(state, get("from"))
                     for t in effects.agencies(state, get("to")) if f != t and seat in (f, t)]
            for f, t in pairs:
                other = world.agencies[t if f == seat else f].id
                if effect.kind == "trust":
                    out.append(f"your trust in {other} {get('delta'):+g}" if f == seat else
                               f"{other}'s trust in you {get('delta'):+g}")
                elif effect.kind == "suspend":
                    what = ", ".join(effects.as_tuple(get("disciplines") or "all"))
                    rounds = int(get("rounds"))
                    out.append(f"sharing of {what} from {world.agencies[f].id} to "
                               f"{world.agencies[t].id} suspended for {rounds} "
                               f"month{'s' if rounds != 1 else ''}")
                else:
                    out.append(f"sharing from {world.agencies[f].id} to "
                               f"{world.agencies[t].id} resumes")
        elif effect.kind == "relation" and me.nation in (get("a"), get("b")):
            other = get("b") if get("a") == me.nation else get("a")
            out.append(f"relations with {_nation_name(state, other)} {get('delta'):+g}")
        elif effect.kind == "disclose" and seat in effects.agencies(state, get("nation")):
            held = sorted(world.agencies[o].id for (o, n), (until, _) in state.embargoes.items()
                          if n == state.nation_of(seat) and until >= state.round)
            if held:
                out.append(f"{' and '.join(held)} now {'shares' if len(held) == 1 else 'share'}"
                           f" with your nation only on "
                           f"imminent threats against it (R28; the Liaison tab says until "
                           f"when)")
        elif effect.kind == "transactional":
            for f, t in effects.pairs(state, effect):
                terms = state.terms(f, t)
                if seat in (f, t) and terms is not None:
                    out.append(strict_words(world, world.agencies[f].id,
                                            "you" if t == seat else world.agencies[t].id, terms))
        elif effect.kind == "spawn_threat":
            template = state.scenario.script.template(get("template"))
            if me.nation in template.targets:
                out.append("a new plot is set in motion against your nation"
                           + (f": {get('name')}" if get("name") else "")
                           + "; it shows on the Threats tab once one of your reports is on "
                             "it (R8)")
        elif effect.kind == "channel" and me.nation in get("between"):
            other = next((n for n in get("between") if n != me.nation), me.nation)
            kinds = ", ".join(effects.as_tuple(get("kinds")))
            out.append(f"channel with {_nation_name(state, other)} on {kinds} "
                       f"{'opens' if get('open', True) else 'closes'}")
    return tuple(dict.fromkeys(out)) or ("nothing that touches you directly",)


def _nation_name(state: GameState, nation_id: str) -> str:
    return next((n.name for n in state.world.nations if n.id == nation_id), nation_id)


# --------------------------------------------------------------------------- news
def _news(state: GameState, seat: int, e: Event) -> bool:
    """An event the report's sections do not already tell, and not the seat's own doing."""
    if e.kind in TOLD or e.kind in OWN_ACTS:
        return False
    if e.kind in ANSWER_KINDS:
        cable = state.cables.get(e.data.get("cable"))
        return cable is None or (cable.sender != seat and cable.recipient != seat)
    if e.kind == "withdrawn":  # the sender's answers tell it; the invited read it here
        return state.cables[e.data["cable"]].sender != seat
    if e.kind == "op_launched":
        return e.seats != (seat,)  # a joint operation a partner joined is news
    if e.kind == "posting":
        return e.seats[:1] != (seat,)
    return True
