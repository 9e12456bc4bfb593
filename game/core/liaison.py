"""R14-R18 and R23: exchanges as cables, the standing rule, value, the ledger and its cap.

The flow of one exchange: the sender proposes on its orders turn (R16 and R18
are judged now, and the cap is fixed); the cable is delivered once every seat
has given its orders (or, when a rule stopped it, the engine answers it and the
recipient never sees it); the recipient answers in the same month's answer
round, choosing reports within the cap; on acceptance both sides receive
copies at once and the ledger moves by the difference in value. Every ask is
answered in the month it was sent, whatever the seat order (docs/rules.md, R15).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from game.core import collection
from game.core.actions import Answer, ProposeExchange
from game.core.records import (
    ACCEPTED,
    DELIVERED,
    EXCHANGE,
    IN_TRANSIT,
    NOTHING,
    PACT,
    REFUSED,
    THEIRS,
    TRADED,
    Breach,
    Cable,
    Copy,
    Event,
    Held,
    Report,
    Threat,
    Topic,
)
from game.core.state import TASKING, GameState, IllegalAction

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


def value(rules, reports, threats, report_ids: Iterable[int], recipient_nation: int,
          gaps: Mapping[tuple[int, int], int], already: Iterable[int], now: int) -> float:
    """R17 for a batch: within it the best reports fill the recipient's gaps first.

    `gaps` maps (threat, discipline) to fragments the recipient still lacks.
    Reports in `already` are worth nothing to the recipient. `reports` and `threats`
    are looked up by id: the state's lists in the engine, a view's own in the screens.
    """
    left = dict(gaps)
    total = 0.0
    for rid in sorted(set(report_ids) - set(already), key=lambda r: (-reports[r].quality, r)):
        report = reports[rid]
        key = (report.threat, report.discipline)
        fills = left.get(key, 0) > 0
        if fills:
            left[key] -= 1
        total += report_value(rules, report.quality, now - report.round, fills,
                              recipient_nation in threats[report.threat].targets)
    return total


def passed_by(state: GameState, frm: int, shared: list[dict[int, str]] | None = None,
              before: int | None = None) -> list[frozenset[int]]:
    """R17: per agency, the reports `frm` holds and knows it holds too: those either of
    them passed to the other in an exchange accepted between them (an offer or an
    answer), those it offered `frm` in a cable delivered to `frm` (whatever `frm` made
    of it: the offer showed what it holds), and those a closed pact shares with it
    (`shared`: `pact_shared`, worked out here unless the caller has it already). A
    mole's reading is no pass: its victim does not know of it.

    `before` leaves out what the other handed `frm` in answers given in that month or
    later: `offer_worth_now` judges an offer sent then, and what the partner hands back
    in the same answer round must not change its worth by the order it answers in."""
    if shared is None:
        shared = pact_shared(state, frm)
    out = [set(reports) for reports in shared]
    for cable in state.cables.values():
        if cable.kind != EXCHANGE:
            continue
        if cable.status == ACCEPTED and cable.sender == frm:
            out[cable.recipient].update(cable.offer)
            if before is None or cable.answered < before:
                out[cable.recipient].update(cable.given)
        elif cable.status == ACCEPTED and cable.recipient == frm:
            out[cable.sender].update(cable.offer, cable.given)
        elif cable.recipient == frm and cable.status in (DELIVERED, REFUSED):
            out[cable.sender].update(cable.offer)
    mine = state.holdings[frm]
    return [frozenset(r for r in reports if r in mine) for reports in out]


def pact_shared(state: GameState, frm: int) -> list[dict[int, str]]:
    """R17/R22: per agency, the reports `frm` holds that a closed pact copies to it,
    with the pact's name: another member's, in a discipline the pact shares. Pacts and
    what they share are public, so `frm` judges another's report from its own copy, as
    anyone could; for a report it originated it knows what its pact really copied (not
    one it fabricated, nor one a suspension held back: R27, R28), and goes by that."""
    ids = state.rules.discipline_ids
    reports = state.reports
    mine = state.holdings[frm]
    out: list[dict[int, str]] = [{} for _ in range(state.n_agencies)]
    for pact, members in state.pact_members("closed"):
        shared = {ids.index(d) for d in pact.auto_share}
        pooled = [reports[r] for r in mine if reports[r].discipline in shared
                  and reports[r].summary_of is None and reports[r].originator in members]
        for to in members:
            if to == frm:
                continue
            theirs = state.holdings[to]
            out[to].update((r.id, pact.name) for r in pooled if r.originator != frm or (
                r.id in theirs and theirs[r.id].chain == (frm, to)))
    return out


def passed_to(state: GameState, frm: int, to: int) -> frozenset[int]:
    """`passed_by` for one recipient."""
    return passed_by(state, frm)[to]


def offer_value(rules, offered: Iterable[tuple[Report, Copy, Threat]], recipient: int,
                recipient_nation: int, now: int, given: frozenset[int] = frozenset()) -> float:
    """R17/R18: what an offer is declared to be worth to its recipient, judged from what
    the sender can see, so that the composer shows the very number the engine uses.

    The sender knows each threat's needs, not the recipient's holdings: within the
    offer the best reports up to a threat's need in a discipline count as filling a
    gap, the rest as surplus (and all of them, once the threat has ended: it needs
    nothing more); a report the recipient originated or passed on (it
    stands in the copy's chain), or that the sender knows it holds (`given`,
    `passed_by`: traded between them, offered by it, or shared with it by a closed
    pact), is worth nothing to it.
    """
    left: dict[tuple[int, int], int] = {}
    total = 0.0
    for report, copy, threat in sorted(offered, key=lambda o: (-o[0].quality, o[0].id)):
        if holds_already(recipient, copy, given):
            continue
        key = (threat.id, report.discipline)
        left.setdefault(key, threat.needs[report.discipline] if threat.active else 0)
        fills = left[key] > 0
        if fills:
            left[key] -= 1
        total += report_value(rules, report.quality, now - report.round, fills,
                              recipient_nation in threat.targets)
    return total


def holds_already(recipient: int, copy: Copy, given: frozenset[int]) -> bool:
    """R17: the recipient holds this report, as far as its sender can tell: it stands in
    the copy's chain (it originated or passed it on), or it is among `given` (traded
    between them, offered by it, or shared with it by a closed pact: `passed_by`). Such
    a report is worth nothing to it."""
    return recipient in copy.chain or copy.report in given


def cap_of(offered: float, credit_line: float, ledger: float) -> float:
    """R18: the offer's value + the recipient's credit line to the sender + the sender's
    ledger balance with it (negative when the sender owes)."""
    return max(0.0, offered + credit_line + ledger)


def debt_refusal(recipient: str, offered: float, credit_line: float, ledger: float) -> str:
    """R18: a debtor whose debt eats its credit line and its offer gets nothing until it
    brings more; "" when the ask may go through."""
    if offered + credit_line + ledger > 1e-9:
        return ""
    if ledger > -0.005:  # no debt to speak of: no credit at all (strict terms, R28)
        return (f"R18: {recipient} gives you no credit line, so an ask must offer something "
                f"of value to it to be answered")
    return (f"R18: you owe {recipient} {-ledger:.2f}, beyond the credit line of "
            f"{credit_line:.2f} it gives you; offer more to be answered")


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


def admits(collects: bool, topic: Topic, offered, threat_regions: dict[int, int],
           region_name: str, held, partner: str) -> str | None:
    """R16 from what the asker itself knows: its programmes and its own offer. An offered
    report that the partner (named `partner`) holds already (`held`: worth nothing to it,
    R17) brings nothing, so it gives no standing: otherwise a service could ask about
    anything by offering back what its partner gave it."""
    if collects:
        return None

    def on_topic(report) -> bool:
        if topic.threat is not None:
            return report.threat == topic.threat
        return threat_regions[report.threat] == topic.region

    if any(on_topic(r) for r in offered):
        return None
    if any(on_topic(r) for r in held):
        return (f"no programme in {region_name} this month, and {partner} already holds "
                f"what your offer brings on it, so it is worth nothing to them")
    return f"no programme in {region_name} this month, and nothing on it in your offer"


# --------------------------------------------------------------------------- proposing
@dataclass(frozen=True)
class Verdict:
    """What the rules make of a proposed exchange, before it is sent.

    The composer shows it and the engine acts on it: both call `judge`, the
    composer with the seat's view and the engine with the state, so what the
    player is shown is what then happens. `problem` is a reason the action is
    refused outright; `refusal` the rule (R16, R18) that will have the engine
    answer for the recipient; `cap` the most the answer may be worth (R18).
    """

    problem: str = ""
    refusal: str = ""
    offer_value: float = 0.0
    credit_line: float = 0.0
    ledger: float = 0.0
    cap: float = 0.0
    topic: Topic | None = None
    disciplines: tuple[int, ...] = ()
    offer: tuple[int, ...] = ()
    # R20: offered reports another agency originated, passed on without its consent if
    # the partner accepts, as (report, originator); the chance per month each such
    # breach is found out, and the originator's trust in the sender it then costs.
    third_party: tuple[tuple[int, int], ...] = ()
    breach_chance: float = 0.0
    breach_loss: float = 0.0
    tasks: bool = False  # R15: accepted, an answer that leaves gaps tasks the partner
    held: tuple[Held, ...] = ()  # R17: offered reports the partner holds already (worth 0)

    @property
    def admitted(self) -> bool:
        return not self.problem and not self.refusal


def judge(world, now: int, seat: int, action: ProposeExchange, holdings: Mapping[int, Copy],
          reports, threats: Mapping[int, Threat], paid, partner) -> Verdict:
    """R15-R18, R20-R23 for one proposal, from what the sender can see: its holdings,
    the threats it knows, its programmes paid this month (`paid`, [region, discipline])
    and the public terms with the partner (`partner`: a view's PartnerView)."""
    offer = tuple(dict.fromkeys(action.offer))
    for rid in offer:
        if rid not in holdings:
            return Verdict(f"You cannot offer report {rid}: you do not hold it.")
    if action.caveats and not world.rules.third_party.caveats:
        return Verdict("This scenario's rules allow no caveats (R21).")
    for rid in action.caveats:
        if rid not in offer or reports[rid].originator != seat:
            return Verdict("Only reports you originated and offer can be caveated.")
    ids = world.rules.discipline_ids
    for rid in offer:
        d = ids[reports[rid].discipline]
        if d in partner.suspended:
            until = partner.suspended_until[partner.suspended.index(d)]
            return Verdict(f"{world.agencies[seat].id} has suspended {d} sharing with "
                           f"{partner.agency} until the end of {world.month_label(until)}.")
    recipient = world.agency_index(partner.agency)
    if partner.withheld is not None:
        theirs = world.agency_nations[recipient]
        for rid in offer:
            if not threats[reports[rid].threat].imminent(theirs, now, partner.withheld[1]):
                why = withheld_words(world, world.agencies[seat].id, theirs, partner.withheld)
                return Verdict(f"You cannot pass {partner.agency} report #{rid}: {why} (R28).")
    if action.ask_threat is not None and action.ask_region is not None:
        return Verdict("Ask about a threat or a region, not both.")
    topic = None
    if action.ask_threat is not None:
        threat = threats.get(action.ask_threat) if isinstance(action.ask_threat, int) else None
        if threat is None:
            return Verdict("You can only ask about a threat you know of.")
        if not threat.active:
            return Verdict(f"{threat.name} is no longer active.")
        topic = Topic(threat=threat.id)
    elif action.ask_region is not None:
        if not isinstance(action.ask_region, str) or action.ask_region not in \
                {r.id for r in world.regions}:
            return Verdict(f"There is no region {action.ask_region!r}.")
        topic = Topic(region=world.region_index(action.ask_region))
    disciplines = []
    for d in action.disciplines:
        if d not in ids:
            return Verdict(f"There is no discipline {d!r}.")
        disciplines.append(ids.index(d))
    if topic is None and not offer:
        return Verdict("An exchange must offer something or ask about something.")
    kinds = {threats[reports[r].threat].kind for r in offer}
    if topic is not None and topic.threat is not None:
        kinds.add(threats[topic.threat].kind)
    if partner.hostile:
        names = f"{world.agencies[seat].nation} and " \
                f"{world.agencies[world.agency_index(partner.agency)].nation}"
        if (topic is not None and topic.region is not None) or not kinds:
            covered = (f"open for {', '.join(partner.channel_kinds)}" if partner.channel_kinds
                       else "none is open, so nothing may be traded")
            return Verdict(f"{names} are hostile: you may trade only about a threat you know, "
                           f"of a kind a channel covers, not about a region (R23; channels: "
                           f"{covered}).")
        for kind in sorted(kinds):
            if kind not in partner.channel_kinds:
                return Verdict(f"{names} are hostile and no open channel covers {kind}.")
    offered = offer_value(world.rules.value,
                          [(reports[r], holdings[r], threats[reports[r].threat]) for r in offer],
                          recipient, world.agency_nations[recipient], now, partner.given)
    shown = held(recipient, offer, holdings, partner)
    known = {h.report for h in shown}
    refusal = ""
    if topic is not None:
        region = topic.region if topic.region is not None else threats[topic.threat].region
        why = admits(bool(paid[region].sum()), topic,
                     [reports[r] for r in offer if r not in known],
                     {reports[r].threat: threats[reports[r].threat].region for r in offer},
                     world.regions[region].name, [reports[r] for r in known], partner.agency)
        ours = world.agency_nations[seat]
        refusal = (f"R16: {why}" if why else
                   f"R28: {withheld_words(world, partner.agency, ours, partner.withholds)}"
                   if partner.withholds is not None and (
                       topic.threat is None
                       or not threats[topic.threat].imminent(ours, now, partner.withholds[1]))
                   else
                   debt_refusal(partner.agency, offered, partner.credit_line, partner.ledger))
    breaches = third_party(world, seat, recipient, offer, holdings, reports, partner.given)
    return Verdict("", refusal, offered, partner.credit_line, partner.ledger,
                   cap_of(offered, partner.credit_line, partner.ledger), topic,
                   tuple(disciplines), offer, breaches,
                   world.breach_chance(recipient) if breaches else 0.0,
                   world.rules.trust.breach_loss if breaches else 0.0,
                   tasks(world.rules, topic, offered), shown)


def held(recipient: int, offer: Iterable[int], holdings: Mapping[int, Copy],
         partner) -> tuple[Held, ...]:
    """R17: the offered reports the partner holds already (those `holds_already` finds),
    each with how the sender can tell, for the composer to say why they add nothing to
    the offer and for R16 to give them no standing."""
    pacts = dict(partner.pact_held)
    out = []
    for r in offer:
        if recipient in holdings[r].chain:
            out.append(Held(r, THEIRS))
        elif r in pacts:
            out.append(Held(r, PACT, pacts[r]))
        elif r in partner.given:
            out.append(Held(r, TRADED))
    return tuple(out)


def third_party(world, seat: int, recipient: int, offer: Iterable[int],
                holdings: Mapping[int, Copy], reports,
                given: frozenset[int]) -> tuple[tuple[int, int], ...]:
    """R20 as the sender sees it: the offered reports whose passing to the recipient
    would breach the third-party rule (what `transfer` records), as (report, originator).
    A report the recipient holds already, as far as the sender can tell
    (`holds_already`), is not passed. (Should a suspension or a fabrication have kept a
    pact's copy from it, unknown to the sender, the report does pass, and may breach.)"""
    out = []
    for rid in offer:
        originator = reports[rid].originator
        if originator in (seat, recipient) or holds_already(recipient, holdings[rid], given):
            continue
        if not world.consented(originator, seat, recipient):
            out.append((rid, originator))
    return tuple(out)


def send(state: GameState, seat: int, to: int, action: ProposeExchange,
         verdict: Verdict) -> list[Event]:
    """R15: put a judged proposal on the wire; `verdict` comes from `judge`."""
    if verdict.problem:
        raise IllegalAction(verdict.problem)
    cable = Cable(
        id=state.next_cable, kind=EXCHANGE, sender=seat, recipient=to, sent=state.round,
        offer=verdict.offer, caveats=tuple(sorted(set(action.caveats))), topic=verdict.topic,
        disciplines=verdict.disciplines, refusal=verdict.refusal, cap=verdict.cap,
        value_offered=verdict.offer_value,
    )
    state.next_cable += 1
    state.cables[cable.id] = cable
    events: list[Event] = []
    state.emit(events, "cable_sent", f"Cable to {state.world.agencies[to].id} sent; it is "
               f"answered this month, once every agency has given its orders.", seats=(seat,),
               cable=cable.id)
    return events


def require_flowing(state: GameState, frm: int, to: int, report_ids) -> None:
    """R28: a political rupture may suspend a discipline's flow from one agency to another,
    and a court's disclosure hold back all but imminent threats."""
    world = state.world
    for rid in report_ids:
        d = state.reports[rid].discipline
        if until := state.suspended(frm, to, d):
            raise IllegalAction(
                f"{world.agencies[frm].id} has suspended {world.rules.discipline_ids[d]} "
                f"sharing with {world.agencies[to].id} until the end of "
                f"{world.month_label(until)}.")
        if state.withholds(frm, to, state.reports[rid].threat):
            why = withheld_words(world, world.agencies[frm].id, world.agency_nations[to],
                                 state.embargo(frm, to))
            raise IllegalAction(f"{why[0].upper()}{why[1:]} (R28).")


def due_within(months: int) -> str:
    """R28: "imminent" in words: a threat's last month to act at most `months` away."""
    return "this month" if months <= 0 else "within a month" if months == 1 else \
        f"within {months} months"


def possessive(name: str) -> str:
    """"France's", "Atlantis's", but a plural name "the Netherlands'"."""
    return f"{name}'" if name.startswith("the ") and name.endswith("s") else f"{name}'s"


def withheld_words(world, frm: str, nation: int, embargo: tuple[int, int]) -> str:
    """R28: what a court's disclosure left, in the words every screen uses."""
    land = world.nations[nation].called
    until, within = embargo
    return (f"since a court in {land} disclosed a report of {possessive(frm)}, {frm} shares "
            f"with {possessive(land)} agencies only on threats against {land} due "
            f"{due_within(within)}, until the end of {world.month_label(until)}")


def strict_words(world, lender: str, borrower: str, terms: tuple[int, float, float]) -> str:
    """R28: a transactional relationship's terms, in the words every screen uses."""
    until, credit, trust = terms
    return (f"{lender} deals with {borrower} on strict terms (R28) until the end of "
            f"{world.month_label(until)}: {credit_words(credit)} (R18), and {trust:.0%} of "
            f"the trust a trade would earn (R19)")


def credit_words(share: float) -> str:
    """R28: what strict terms leave of a credit line."""
    return f"{share:.0%} of the credit line" if share > 0 else "no credit line"


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


# --------------------------------------------------------------------------- delivery (dawn)
def deliver(state: GameState, events: list[Event]) -> bool:
    """R15/R16/R18: the month's cables arrive once every seat has given its orders;
    asks the rules stop get the engine's answer. True when any cable awaits an answer."""
    agencies = state.world.agencies
    waiting = False
    for cable in list(state.cables.values()):
        if cable.status != IN_TRANSIT:
            continue
        b = agencies[cable.recipient].id
        if not cable.admitted:
            state.cables[cable.id] = replace(cable, status=NOTHING, answered=state.round)
            said = f"“{CANNED}” " if cable.refusal.startswith("R16") else ""
            state.emit(events, "canned", f"{b}: {said}({cable.refusal})",
                       seats=(cable.sender,), cable=cable.id)
            continue
        waiting = True
        state.cables[cable.id] = replace(cable, status=DELIVERED, wanted=_wanted(state, cable))
        sender = agencies[cable.sender].id
        state.emit(events, "cable_in", f"Cable from {sender} awaits your answer.",
                   seats=(cable.recipient,), cable=cable.id)
    return waiting


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
        if not state.threats[t].active:  # an ended plot needs nothing more (R17)
            continue
        for d, n in missing(state, cable.sender, t).items():
            if not cable.disciplines or d in cable.disciplines:
                out.append((t, d, n))
    return tuple(out)


def answer_value(rules, cable: Cable, give: Iterable[int], holdings: Mapping[int, Copy],
                 reports, threats, sender_nation: int, given: frozenset[int],
                 now: int) -> float:
    """R17: what an answer is worth to the cable's sender, judged as its recipient can
    judge it, from its own `holdings`: against the cable's shopping list; a report the
    sender originated or passed on (it stands in the recipient's chain), or that the
    recipient knows it holds (`given`, `passed_by`: traded between them, offered in this
    cable or another, or shared with it by a closed pact), is worth nothing to it. The
    engine and the answer's preview in the view both call it."""
    give = tuple(give)
    gaps = {(t, d): n for t, d, n in cable.wanted}
    known = {r for r in give if holds_already(cable.sender, holdings[r], given)}
    return value(rules, reports, threats, give, sender_nation, gaps, known, now)


def wanted_value(state: GameState, cable: Cable, give: Iterable[int],
                 given: frozenset[int] | None = None) -> float:
    """`answer_value` from the state; `given` is `passed_to(recipient, sender)`, worked
    out here unless the caller has it already."""
    b, a = cable.recipient, cable.sender
    if given is None:
        given = passed_to(state, b, a)
    return answer_value(state.rules.value, cable, give, state.holdings[b], state.reports,
                        state.threats, state.nation_of(a), given, state.round)


# --------------------------------------------------------------------------- tasking (dawn)
def follow_up(state: GameState, events: list[Event]) -> None:
    """R15: an honest ask tasks the partner. A partner that accepted last month an ask
    about a threat that brought it something (an offer worth more than nothing), and
    whose answer left gaps on the cable's shopping list, collects on the threat at this
    dawn in the disciplines of those gaps (`collection.tasked`) and passes the asker the
    best report it finds, one at most, outside the cap: the asker owes its value, judged
    as the answer was, against the shopping list (R17, R18). The partner keeps the rest
    of what it found. The gaps are those the cable told the partner of, so tasking
    tells it nothing more about the asker's holdings. The reports are the partner's
    own, so passing one breaches nothing, and it arrives in time for this month's
    orders. This is what the sources' partner does for a service that "has started a
    collection programme" and says what it thinks."""
    if not state.rules.collection.tasking:
        return
    for cable in _answered_last_month(state):
        if not _tasks(state, cable):
            continue
        a, b, threat = cable.sender, cable.recipient, state.threats[cable.topic.threat]
        left = _gaps_left(state, cable)
        asked = {d for d in left if state.world.agencies[b].capability[d] > 0
                 and not state.suspended(b, a, d)} if not state.withholds(b, a, threat.id) \
            else set()
        if not asked or (state.hostile(a, b) and not state.channel_covers(a, b, threat.kind)):
            continue
        found = collection.tasked(state, b, threat, asked, state.chance(TASKING, b, cable.id))
        names = state.world.agencies
        if not found:  # said, so that the asker does not wait for a report (a playtest)
            state.emit(events, "followed_up", f"{names[b].id} tasked its collection on "
                       f"{threat.name} after {names[a].id}'s cable, but found nothing this "
                       f"month.", seats=(a, b), cable=cable.id, count=0)
            continue
        state.emit(events, "collected", f"Tasked by {names[a].id}'s cable, collection on "
                   f"{threat.name} produced {len(found)} new report(s).", seats=(b,),
                   count=len(found))
        best = min(found, key=lambda r: (-state.reports[r].quality, r))
        worth = value(state.rules.value, state.reports, state.threats, (best,),
                      state.nation_of(a), {(threat.id, d): n for d, n in left.items()}, (),
                      state.round)
        transfer(state, b, a, (best,), ())
        _book(state, a, b, -worth)
        state.cables[cable.id] = replace(cable, given=(*cable.given, best),
                                         value_returned=cable.value_returned + worth)
        state.emit(
            events, "followed_up",
            f"{names[b].id} tasked its collection on {threat.name} after {names[a].id}'s "
            f"cable and passed it #{best} (value {worth:.1f}, outside the cap). "
            f"{owing(state, a, b)}.",
            seats=(a, b), cable=cable.id, count=1,
        )


def _gaps_left(state: GameState, cable: Cable) -> dict[int, int]:
    """Per discipline, the fragments of the threat asked about that the cable's shopping
    list still lacks after the reports the answer gave."""
    threat = cable.topic.threat
    left = {d: n for t, d, n in cable.wanted if t == threat and n}
    for rid in cable.given:
        d = state.reports[rid].discipline
        if d in left:
            left[d] -= 1
    return {d: n for d, n in left.items() if n > 0}


def _answered_last_month(state: GameState) -> list[Cable]:
    """Last month's cables, oldest first: every cable is answered in the month it is
    sent (R15), so they are the newest, and the walk stops at the first older one."""
    out = []
    for cable in reversed(state.cables.values()):
        if cable.sent < state.round - 1:
            break
        if cable.answered == state.round - 1:
            out.append(cable)
    return out[::-1]


def _tasks(state: GameState, cable: Cable) -> bool:
    """The cable is an honest ask about a live threat, accepted (last month)."""
    return (cable.kind == EXCHANGE and cable.status == ACCEPTED
            and tasks(state.rules, cable.topic, cable.value_offered)
            and state.threats[cable.topic.threat].active)


def tasks(rules, topic: Topic | None, offered: float) -> bool:
    """R15: an ask about a threat that brings the partner something of value tasks its
    collection for the asker if its answer leaves gaps (the composer, the answer
    dialog and the dawn all ask this)."""
    return (bool(rules.collection.tasking) and topic is not None
            and topic.threat is not None and offered > 0)


# --------------------------------------------------------------------------- answering
def answer_exchange(state: GameState, seat: int, cable: Cable, action: Answer) -> list[Event]:
    events: list[Event] = []
    a, b = cable.sender, seat
    names = state.world.agencies
    said = quoted_reason(action)
    if not action.accept:
        keep_reason(state, cable, action)
        _refuse(state, cable, events, "declined", said)
        return events
    give = tuple(dict.fromkeys(action.give))
    if cable.topic is None and give:
        raise IllegalAction("A gift asks for nothing: accept it without giving.")
    allowed = set(topic_reports(state, b, cable.topic, cable.disciplines)) if cable.topic else set()
    for rid in give:
        if rid not in allowed:
            raise IllegalAction(f"Report {rid} is not one of yours on the topic asked about.")
    require_flowing(state, b, a, give)
    v_ab = offer_worth_now(state, cable)
    v_ba = wanted_value(state, cable, give)
    if v_ba > cable.cap + 1e-9:
        raise IllegalAction(
            f"Your answer is worth {v_ba:.1f} to {names[a].id}; the ledger allows "
            f"{cable.cap:.1f} (R18: offer + credit line − what they owe)."
        )
    capped = _cap_bound(state, cable, give, v_ba)
    transfer(state, a, b, cable.offer, cable.caveats)
    transfer(state, b, a, give, ())
    _book(state, a, b, v_ab - v_ba)
    state.cables[cable.id] = replace(cable, status=ACCEPTED, given=give, value_returned=v_ba,
                                     value_offered=v_ab, answered=state.round)
    _trust_after_trade(state, cable, v_ab, v_ba)
    keep_reason(state, cable, action)
    state.emit(
        events, "accepted",
        f"{names[b].id} accepted {names[a].id}'s cable: {len(give)} report(s) returned for "
        f"{len(cable.offer)} offered (value {v_ba:.1f} for {v_ab:.1f}). "
        f"{owing(state, a, b)}.{said}",
        seats=(a, b), cable=cable.id, capped=capped,
    )
    return events


def owing(state: GameState, a: int, b: int) -> str:
    """R18: the two sides' ledger in words that read the same to both of them, since
    both read the one event: who owes whom, not a balance signed from one side."""
    names, balance = state.world.agencies, float(state.ledger[a, b])
    if round(balance, 1) > 0:
        return f"Ledger: {names[b].id} owes {names[a].id} {balance:.1f}"
    if round(balance, 1) < 0:
        return f"Ledger: {names[a].id} owes {names[b].id} {-balance:.1f}"
    return f"Ledger: {names[a].id} and {names[b].id} are even"


def offer_worth_now(state: GameState, cable: Cable) -> float:
    """R17 when a cable is accepted: what its offer is worth to the recipient now. A report
    of it that the sender passed to the recipient after sending it (a gift of the same
    month, accepted first) is worth nothing, as it would have been had it gone before;
    so the order in which a player opens two cables never changes the ledger."""
    a, b = cable.sender, cable.recipient
    already = passed_by(state, a, before=cable.sent)[b]
    if not already.intersection(cable.offer):
        return cable.value_offered
    reports, threats = state.reports, state.threats
    return min(cable.value_offered, offer_value(
        state.world.rules.value,
        [(reports[r], state.holdings[a][r], threats[reports[r].threat]) for r in cable.offer],
        b, state.world.agency_nations[b], cable.sent, already))


def _cap_bound(state: GameState, cable: Cable, give: tuple[int, ...], given: float) -> bool:
    """R18 bound this answer: the recipient held a useful report on the topic that it did
    not give and that would have taken the answer over the cap."""
    b = cable.recipient
    if cable.topic is None:  # a gift: nothing was asked, nothing capped
        return False
    passed = passed_to(state, b, cable.sender)
    for rid in topic_reports(state, b, cable.topic, cable.disciplines):
        if rid in give or state.flow_stopped(b, cable.sender, rid):
            continue
        worth = wanted_value(state, cable, (rid,), passed)
        if worth > 0 and given + worth > cable.cap + 1e-9:
            return True
    return False


def quoted_reason(action: Answer) -> str:
    """The answer's one-line reason, as the sender will read it."""
    if not isinstance(action.reason, str):
        raise IllegalAction("A reason is a line of text.")
    text = action.reason.strip()[:160]
    return f" “{text}”" if text else ""


def keep_reason(state: GameState, cable: Cable, action: Answer) -> None:
    """The answer's reason as typed (a joint operation's too), for the sender's monthly
    report; the round hashes leave it out (GameState.said)."""
    text = action.reason.strip()[:160] if isinstance(action.reason, str) else ""
    if text:
        state.said[cable.id] = text


def _trust_after_trade(state: GameState, cable: Cable, v_ab: float, v_ba: float) -> None:
    """R19: a balanced exchange raises trust both ways; a lopsided one only in the
    one who got more; a gift raises the recipient's trust in the giver."""
    rules = state.rules.trust
    a, b = cable.sender, cable.recipient
    if cable.topic is None:
        if v_ab > 0:
            _gain(state, b, a)
        return
    high = max(v_ab, v_ba)
    if high <= 0:
        return
    if min(v_ab, v_ba) / high >= rules.balanced_ratio:
        _gain(state, a, b)
        _gain(state, b, a)
    elif v_ba > v_ab:
        _gain(state, a, b)
    else:
        _gain(state, b, a)


def _book(state: GameState, a: int, b: int, delta: float) -> None:
    """R18: a's balance with b moves by `delta`, b's with a by minus it."""
    state.ledger[a, b] += delta
    state.ledger[b, a] = -state.ledger[a, b]


def _gain(state: GameState, x: int, y: int) -> None:
    """R19/R28: x's trust in y rises by a trade's gain, or by its share of it while x
    deals with y on transactional terms."""
    terms = state.terms(x, y)
    _nudge(state, x, y, state.rules.trust.balanced_gain * (terms[2] if terms else 1.0))


def _nudge(state: GameState, x: int, y: int, delta: float) -> None:
    state.trust[x, y] = min(100.0, max(0.0, state.trust[x, y] + delta))


def _refuse(state: GameState, cable: Cable, events: list[Event], how: str,
            said: str = "") -> None:
    """R19: refusing an admissible request that brought something, when one could have
    answered it, lowers the asker's trust."""
    a, b = cable.sender, cable.recipient
    names = state.world.agencies
    passed = passed_to(state, b, a) if cable.topic else frozenset()
    could = bool(cable.topic) and any(
        wanted_value(state, cable, (r,), passed) > 0
        for r in topic_reports(state, b, cable.topic, cable.disciplines)
    )
    if could and cable.value_offered > 0:
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
