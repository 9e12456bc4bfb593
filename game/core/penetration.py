"""R25-R27: moles, recruited liaison officers and disinformation.

A mole is hidden from its victim: only the hostile service it works for is told
when it is planted. While it works, everything its victim holds is copied to
that service at dusk. Found (by chance or a sweep), its owner chooses: expose
it, and every partner whose reports leaked is told and loses trust now; or run
it back as a channel for false reports, and if partners learn of it later the
trust they lose is doubled.

False reports look like any other to whoever holds them: they fill a picture
and raise the chance an agency *believes* it has. They add nothing to the real
chance, and they are shown up when an operation built on them fails or when a
report from another discipline on the same threat contradicts them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import numpy as np

from game.core.actions import DecideMole, Disinform, Fabricate, Sweep
from game.core.records import (
    MOLE_ACTIVE,
    MOLE_EXPOSED,
    MOLE_FOUND,
    MOLE_HOW,
    MOLE_RUN_BACK,
    Copy,
    Event,
    Mole,
    Operation,
    Report,
)
from game.core.spec import PenetrationRules
from game.core.state import MOLE, GameState, IllegalAction


# --------------------------------------------------------------------------- acquiring moles
def plant(state: GameState, victim: int, hostile: int, how: str, events: list[Event]) -> Mole:
    mole = Mole(len(state.moles), victim, hostile, state.round, how)
    state.moles.append(mole)
    names = state.world.agencies
    state.emit(events, "mole_planted", f"{names[hostile].id} now has a source inside "
               f"{names[victim].id} ({MOLE_HOW[how]}).", seats=(hostile,), mole=mole.id)
    return mole


def hazard(state: GameState) -> np.ndarray:
    """R25: base x (1 - counter-intelligence) x (1 + 0.15 x postings and pacts)
    x (1 + hostile services' HUMINT spending / 50), per agency without a mole."""
    pen = state.rules.penetration
    humint = state.world.discipline_index("HUMINT") if "HUMINT" in state.rules.discipline_ids \
        else None
    cost = state.rules.disciplines[humint].cost if humint is not None else 0.0
    out = np.zeros(state.n_agencies)
    for a, agency in enumerate(state.world.agencies):
        hostiles = state.hostile_services(a)
        if not hostiles or state.active_mole(a) is not None:
            continue
        exposure = sum(a in p for p in state.postings)
        exposure += sum(a in members for _, members in state.pact_members())
        spending = sum(float(state.paid[h, :, humint].sum()) * cost for h in hostiles) \
            if humint is not None else 0.0
        out[a] = (pen.base_rate * (1 - agency.counterintel) * (1 + pen.per_exposure * exposure)
                  * (1 + spending / pen.humint_scale))
    return out


def acquire(state: GameState, events: list[Event]) -> None:
    """Dusk: each agency may acquire a hidden mole; posted officers may be recruited."""
    for a, p in enumerate(hazard(state).tolist()):
        dice = state.chance(MOLE, 0, a)
        if dice.random() < p:
            hostiles = state.hostile_services(a)
            pick = hostiles[int(dice.integers(len(hostiles)))]
            plant(state, a, pick, "hazard", events)
    _recruit(state, events)


def _recruit(state: GameState, events: list[Event]) -> None:
    """R26: an officer posted with a hostile host may be turned, becoming a mole in
    the agency that sent it, working for the host."""
    postings = sorted(state.postings)
    if not postings:
        return
    for sender, host in postings:
        draw = state.chance(MOLE, 1, sender, host).random()
        risk = turn_chance(state, sender, host)
        if not risk or state.active_mole(sender) is not None:
            continue
        if draw < risk:
            plant(state, sender, host, "recruited", events)


def turn_chance(state: GameState, sender: int, host: int) -> float:
    """R26: the monthly chance that an officer `sender` posts with `host` is turned; 0
    unless the host's nation is hostile to the sender's or the host is a service named
    hostile to it."""
    if not (state.hostile(sender, host) or host in state.hostile_services(sender)):
        return 0.0
    return state.rules.penetration.recruit_rate * (1 - state.world.agencies[sender].counterintel)


# --------------------------------------------------------------------------- while at work
def leak(state: GameState, events: list[Event]) -> None:
    """Dusk: an active mole copies everything its victim holds to its service."""
    for mole in list(state.moles):
        if mole.status != MOLE_ACTIVE:
            continue
        held = state.holdings[mole.victim]
        new = [r for r in sorted(held) if r not in state.holdings[mole.hostile]]
        for rid in new:
            source = held[rid]
            state.add_copy(mole.hostile, Copy(rid, (*source.chain, mole.hostile), state.round,
                                              source.info_only, via_mole=True))
        if new:
            state.moles[mole.id] = replace(mole, leaked=mole.leaked + tuple(new))
            state.emit(events, "mole_leak", f"Your source in {state.world.agencies[mole.victim].id}"
                       f" passed you {len(new)} report(s).", seats=(mole.hostile,), count=len(new))


def compromised(state: GameState, threat: int) -> bool:
    """R11: a hostile service has read genuine reports on this threat through a mole."""
    holders = {m.hostile for m in state.moles}
    for h in holders:
        for copy in state.holds_on(h, threat):
            if copy.via_mole and copy.report not in state.false_reports:
                return True
    return False


# --------------------------------------------------------------------------- discovery
def sweep(state: GameState, seat: int, action: Sweep) -> list[Event]:
    cost = state.rules.penetration.sweep_cost
    if seat in state.sweeps:
        raise IllegalAction("You have already ordered a sweep this month.")
    if cost > state.budget[seat] + 1e-9:
        raise IllegalAction(f"A sweep costs {cost:g}; you have {state.budget[seat]:.1f}.")
    state.change_budget(seat, -cost, "sweep")
    state.sweeps.add(seat)
    events: list[Event] = []
    state.emit(events, "sweep", "Counter-intelligence sweep ordered; results at dusk.",
               seats=(seat,))
    return events


def sweep_chance(pen: PenetrationRules, counterintel: float) -> float:
    """R25: the chance that a working mole is found at a dusk after a sweep (without one,
    `pen.discovery`)."""
    return pen.discovery + counterintel * pen.sweep_bonus


def discover(state: GameState, events: list[Event]) -> None:
    """Dusk: each working mole may be found (5%, + counter-intelligence x 0.25 with a
    sweep). Its owner decides what to do on its next turn."""
    pen = state.rules.penetration
    active = [m for m in state.moles if m.status == MOLE_ACTIVE]
    found: set[int] = set()
    for mole in active:
        draw = state.chance(MOLE, 2, mole.id).random()
        p = sweep_chance(pen, state.world.agencies[mole.victim].counterintel) \
            if mole.victim in state.sweeps else pen.discovery
        if draw < p:
            state.moles[mole.id] = replace(mole, status=MOLE_FOUND, found=state.round)
            found.add(mole.victim)
            host = state.world.agencies[mole.hostile].id
            state.emit(events, "mole_discovered", f"Counter-intelligence has found a mole "
                       f"working for {host}. It has read {len(mole.leaked)} of our reports. "
                       f"Expose it, or run it back?", seats=(mole.victim,), mole=mole.id)
    for seat in sorted(state.sweeps - found):  # a sweep's result, even when it is nothing
        odds = sweep_chance(pen, state.world.agencies[seat].counterintel)
        state.emit(events, "sweep_clear", f"This month's counter-intelligence sweep found no "
                   f"mole. Had there been one, the chance of finding it was {odds:.0%}; "
                   f"without the sweep, {pen.discovery:.0%} (R25).", seats=(seat,))
    state.sweeps = set()
    _hidden_found(state, events)


def decide(state: GameState, seat: int, action: DecideMole) -> list[Event]:
    mole = _own_found_mole(state, seat, action.mole)
    events: list[Event] = []
    if action.expose:
        expose(state, mole, events)
    else:
        state.moles[mole.id] = replace(mole, status=MOLE_RUN_BACK)
        state.emit(events, "mole_run_back", f"We are running the mole back against "
                   f"{state.world.agencies[mole.hostile].id}, in secret.", seats=(seat,))
    return events


def _own_found_mole(state: GameState, seat: int, mole_id: int) -> Mole:
    if not (isinstance(mole_id, int) and 0 <= mole_id < len(state.moles)):
        raise IllegalAction("There is no such mole.")
    mole = state.moles[mole_id]
    if mole.victim != seat or mole.status != MOLE_FOUND:
        raise IllegalAction("That mole is not yours to decide about.")
    return mole


def expose_undecided(state: GameState, seat: int, events: list[Event]) -> None:
    """A found mole left undecided at the end of its owner's turn is exposed."""
    for mole in list(state.moles):
        if mole.victim == seat and mole.status == MOLE_FOUND:
            expose(state, mole, events)


def expose(state: GameState, mole: Mole, events: list[Event], doubled: bool = False) -> None:
    """The damage assessment: every originator of a leaked report is told, and loses
    trust in the victim (doubled when the mole had been hidden from it)."""
    state.moles[mole.id] = replace(mole, status=MOLE_EXPOSED)
    names = state.world.agencies
    loss = state.rules.penetration.exposure_loss * (2 if doubled else 1)
    by_origin = Counter(state.reports[r].originator for r in mole.leaked)
    for origin, count in sorted(by_origin.items()):
        if origin == mole.victim:
            continue
        state.trust[origin, mole.victim] = max(0.0, state.trust[origin, mole.victim] - loss)
        state.emit(events, "damage_assessment", f"Damage assessment: {count} of your reports "
                   f"held by {names[mole.victim].id} {'was' if count == 1 else 'were'} read "
                   f"by {names[mole.hostile].id}"
                   f"{' — and the mole had been kept from us' if doubled else ''}. "
                   f"Trust in {names[mole.victim].id} falls by {loss:g}.",
                   seats=(origin,), mole=mole.id)
    state.emit(events, "mole_exposed", f"{names[mole.victim].id} exposed a mole working for "
               f"{names[mole.hostile].id}.", mole=mole.id)


def _hidden_found(state: GameState, events: list[Event]) -> None:
    """R25: partners may learn that a mole was run back instead of exposed."""
    hidden = [m for m in state.moles if m.status == MOLE_RUN_BACK]
    if not hidden:
        return
    for mole in hidden:
        if state.chance(MOLE, 3, mole.id).random() < state.rules.penetration.hidden_found:
            expose(state, mole, events, doubled=True)


# --------------------------------------------------------------------------- disinformation
def _false_report(state: GameState, seat: int, threat: int, discipline: str,
                  originator: int) -> Report:
    """A new false report, paid for by `seat`, who keeps a copy it knows to be false."""
    if not (isinstance(threat, int) and 0 <= threat < len(state.threats)):
        raise IllegalAction("There is no such threat.")
    if not state.knows(seat, threat) or not state.threats[threat].active:
        raise IllegalAction("You can only fabricate about an active threat you know of.")
    try:
        d = state.world.discipline_index(discipline)
    except (KeyError, TypeError):
        raise IllegalAction(f"There is no discipline {discipline!r}.") from None
    if not state.threats[threat].needs[d]:
        raise IllegalAction(f"{state.threats[threat].name} needs no {discipline}.")
    cost = state.rules.penetration.fabricate_cost
    if cost > state.budget[seat] + 1e-9:
        raise IllegalAction(f"Fabrication costs {cost:g}; you have {state.budget[seat]:.1f}.")
    state.change_budget(seat, -cost, "fabricate" if originator == seat else "disinform", threat)
    quality = state.world.agencies[originator].capability[d]
    report = Report(len(state.reports), threat, d, round(quality, 6), originator, state.round)
    state.reports.append(report)
    state.false_reports.add(report.id)
    state.unmasked[seat].add(report.id)  # the fabricator knows what it made
    state.add_copy(seat, Copy(report.id, (seat,), state.round))
    return report


def fabricate(state: GameState, seat: int, action: Fabricate) -> list[Event]:
    _false_report(state, seat, action.threat, action.discipline, seat)
    events: list[Event] = []
    state.emit(events, "fabricated", f"A false {action.discipline} report on "
               f"{state.threats[action.threat].name} is ready to pass on.", seats=(seat,))
    return events


def disinform(state: GameState, seat: int, action: Disinform) -> list[Event]:
    if not (isinstance(action.mole, int) and 0 <= action.mole < len(state.moles)):
        raise IllegalAction("There is no such mole.")
    mole = state.moles[action.mole]
    if seat == mole.hostile and mole.status != MOLE_EXPOSED:
        # The service cannot tell a found or run-back mole from a working one (R25),
        # so what it may do cannot depend on the difference.
        target = mole.victim  # forged into the victim's own files
        report = _false_report(state, seat, action.threat, action.discipline, target)
        state.add_copy(target, Copy(report.id, (target,), state.round))
    elif seat == mole.victim and mole.status == MOLE_RUN_BACK:
        target = mole.hostile  # fed to the service, as if it were a leak
        report = _false_report(state, seat, action.threat, action.discipline, seat)
        state.add_copy(target, Copy(report.id, (seat, target), state.round, via_mole=True))
    else:
        raise IllegalAction("You can plant false reports only through a mole you run.")
    events: list[Event] = []
    state.emit(events, "disinformation", f"A false report has been placed with "
               f"{state.world.agencies[target].id}.", seats=(seat,))
    return events


def unmask(state: GameState, agency: int, rid: int, how: str, events: list[Event]) -> None:
    """An agency learns a report it holds is false; it trusts the originator less."""
    if rid in state.unmasked[agency]:
        return
    state.unmasked[agency].add(rid)
    report = state.reports[rid]
    names = state.world.agencies
    origin = report.originator
    if origin != agency:
        loss = state.rules.penetration.deceit_loss
        state.trust[agency, origin] = max(0.0, state.trust[agency, origin] - loss)
        blame = f"It came from {names[origin].id}; trust falls by {loss:g}."
    else:
        blame = "It sits in our own files: someone forged it."
    discipline = state.rules.discipline_ids[report.discipline]
    state.emit(events, "disinformation_found", f"{how}: a {discipline} report on "
               f"{state.threats[report.threat].name} is false. {blame}",
               seats=(agency,), report=rid)


def contradict(state: GameState, events: list[Event]) -> None:
    """Dawn: a false report held beside a genuine one of another discipline on the same
    threat may be shown up (R27)."""
    checks = []
    for agency in range(state.n_agencies):
        for rid in sorted(state.holdings[agency]):
            if rid not in state.false_reports or rid in state.unmasked[agency]:
                continue
            report = state.reports[rid]
            others = any(
                state.reports[c.report].discipline != report.discipline
                and c.report not in state.false_reports
                for c in state.holds_on(agency, report.threat)
            )
            if others:
                checks.append((agency, rid))
    if not checks:
        return
    for agency, rid in checks:
        if state.chance(MOLE, 4, agency, rid).random() < state.rules.penetration.contradict:
            unmask(state, agency, rid, "Another discipline contradicts it", events)


def unmask_failed(state: GameState, op: Operation, events: list[Event]) -> None:
    """R27: an operation built on false reports fails; those reports are shown up."""
    for rid, _ in op.counted:
        if rid in state.false_reports:
            for agency in op.agencies:
                unmask(state, agency, rid, "The failed operation shows it", events)
