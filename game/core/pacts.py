"""R22 pacts (closed auto-share, multilateral forum summaries) and R24 liaison postings."""

from __future__ import annotations

from game.core.actions import PostOfficer, RecallOfficer
from game.core.liaison import partner_index
from game.core.records import ACCEPTED, EXCHANGE, Copy, Event, Report
from game.core.spec import Pact
from game.core.state import GameState, IllegalAction


def share(state: GameState, new_reports: list[int], events: list[Event]) -> None:
    """At dawn, pacts spread the reports just collected.

    A closed pact copies its named disciplines to every other member, full
    quality, off the ledger: the pact itself is the bargain (UKUSA). A forum
    sends a summary of reports on its threat kinds, at reduced quality, as a
    report of its own that names the same originator, among the members in good
    standing (`in_good_standing`): a forum is no free lunch either.
    """
    ids = state.rules.discipline_ids
    for pact, members in state.pact_members():
        if pact.kind == "forum":
            good = in_good_standing(state, pact)
            members = tuple(m for m in members if m in good)
        received = dict.fromkeys(members, 0)
        for rid in new_reports:
            report = state.reports[rid]
            if report.originator not in members:
                continue
            if pact.kind == "closed":
                if ids[report.discipline] not in pact.auto_share:
                    continue
                shared = report
            else:
                if state.threats[report.threat].kind not in pact.threat_kinds:
                    continue
                shared = Report(
                    len(state.reports), report.threat, report.discipline,
                    round(report.quality * state.rules.forum_quality, 6),
                    report.originator, report.round, summary_of=report.id,
                )
                state.reports.append(shared)
            for m in members:
                if (m == report.originator or shared.id in state.holdings[m]
                        or state.flow_stopped(report.originator, m, report.id)):
                    continue
                state.add_copy(m, Copy(shared.id, (report.originator, m), state.round))
                received[m] += 1
        for m, count in received.items():
            if count:
                state.emit(events, "pact_share", f"{pact.name}: {count} report(s) shared with you.",
                           seats=(m,), pact=pact.id, count=count)


def in_good_standing(state: GameState, pact: Pact, dawn: int | None = None) -> frozenset[int]:
    """R22 (changed): the forum members in good standing at a dawn (default: this
    month's): those that, in the `forum_memory` months before it, passed a report they
    originated on one of the forum's threat kinds to a fellow member, in an exchange
    or a gift that was accepted. Only they send and receive its summaries; in the
    first months every member is in good standing."""
    members = frozenset(state.world.agency_index(m) for m in pact.members)
    memory = state.rules.forum_memory
    dawn = state.round if dawn is None else dawn
    if memory == 0 or dawn <= memory:
        return members
    since = dawn - memory
    kinds = set(pact.threat_kinds)

    def gave(reports: tuple[int, ...], passer: int) -> bool:
        return any(state.reports[r].originator == passer
                   and state.threats[state.reports[r].threat].kind in kinds for r in reports)

    good = set()
    for cable in state.cables.values():
        if (cable.kind != EXCHANGE or cable.status != ACCEPTED or cable.answered < since
                or cable.sender not in members or cable.recipient not in members):
            continue
        if gave(cable.offer, cable.sender):
            good.add(cable.sender)
        if gave(cable.given, cable.recipient):
            good.add(cable.recipient)
    return frozenset(good)


def post(state: GameState, seat: int, action: PostOfficer) -> list[Event]:
    host = _host(state, seat, action.host)
    if (seat, host) in state.postings:
        raise IllegalAction(f"You already have an officer with {action.host}.")
    cost = state.rules.posting.cost
    if cost > state.budget[seat] + 1e-9:
        raise IllegalAction(f"A posting costs {cost:g}; you have {state.budget[seat]:.1f}.")
    state.change_budget(seat, -cost, "posting", host)
    state.postings = state.postings | {(seat, host)}
    events: list[Event] = []
    state.emit(events, "posting", f"{state.world.agencies[seat].id} posted a liaison officer with "
               f"{action.host}.", seats=(seat, host))
    return events


def recall(state: GameState, seat: int, action: RecallOfficer) -> list[Event]:
    host = _host(state, seat, action.host)
    if (seat, host) not in state.postings:
        raise IllegalAction(f"You have no officer with {action.host}.")
    state.postings = state.postings - {(seat, host)}
    events: list[Event] = []
    state.emit(events, "recall", f"{state.world.agencies[seat].id} recalled its officer from "
               f"{action.host}.", seats=(seat, host))
    return events


def _host(state: GameState, seat: int, host_id: str) -> int:
    return partner_index(state, seat, host_id, "An officer is posted with another agency.")


def upkeep(state: GameState, events: list[Event]) -> None:
    """R24: each posting costs upkeep at dawn; one that cannot be paid is recalled."""
    cost = state.rules.posting.upkeep
    for sender, host in sorted(state.postings):
        if state.budget[sender] + 1e-9 >= cost:
            state.change_budget(sender, -cost, "upkeep", host)
            continue
        state.postings = state.postings - {(sender, host)}
        state.emit(events, "recall", f"Funds ran short: officer recalled from "
                   f"{state.world.agencies[host].id}.", seats=(sender, host))
