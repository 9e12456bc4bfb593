"""R9/R13: threats appear at dawn, and execute at dusk when their deadline comes."""

from __future__ import annotations

from dataclasses import replace

from game.core import scoring
from game.core.records import BLAME, EXECUTED, Event, Threat
from game.core.spec import ThreatTemplate
from game.core.state import SPAWN, THREAT, GameState


def spawn(state: GameState, events: list[Event]) -> None:
    """Scheduled threats of this round, then each template's random chance.

    Nobody is told: a threat becomes known to an agency only when it holds a
    report on it (R8).
    """
    script = state.scenario.script
    for scheduled in script.threats:
        if scheduled.round == state.round:
            template = script.template(scheduled.template)
            make(state, template, scheduled.id, scheduled.name, scheduled.region)
    chances = [t.chance for t in script.templates]
    if chances:
        draws = state.chance(SPAWN).random(len(chances))
        for template, draw, chance in zip(script.templates, draws, chances, strict=True):
            if draw < chance:
                state.spawn_count += 1
                make(state, template, f"{template.id}#{state.spawn_count}", "", "")


def make(state: GameState, template: ThreatTemplate, key: str, name: str, region: str) -> None:
    """A new active threat from a template; severity, deadline and (unless given) the
    region are drawn from the dice of this threat (keyed by its index)."""
    world = state.world
    rng = state.chance(THREAT, len(state.threats))
    region_id = region or template.regions[int(rng.integers(len(template.regions)))]
    r = world.region_index(region_id)
    severity = int(rng.integers(template.severity[0], template.severity[1] + 1))
    deadline = int(rng.integers(template.deadline[0], template.deadline[1] + 1))
    needs = dict(template.needs)
    threat = Threat(
        id=len(state.threats),
        key=key,
        name=name or template.name.format(region=world.regions[r].name),
        kind=template.kind,
        region=r,
        targets=tuple(world.nation_index(n) for n in template.targets),
        severity=severity,
        needs=tuple(needs.get(d, 0) for d in world.rules.discipline_ids),
        spawned=state.round,
        deadline=state.round + deadline - 1,
    )
    state.threats.append(threat)


def execute_due(state: GameState, events: list[Event]) -> None:
    """R13/R29: a threat at its deadline executes; then the failure-to-share inquiry."""
    security = state.rules.scoring.executed_per_severity
    for threat in list(state.threats):
        if not threat.active or threat.deadline > state.round:
            continue
        state.threats[threat.id] = replace(threat, status=EXECUTED, ended=state.round)
        for n in threat.targets:
            state.security[n] += security * threat.severity
        state.damage += threat.damage
        targets = ", ".join(state.world.nations[n].name for n in threat.targets)
        state.emit(
            events, "executed",
            f"Attack: {threat.name} struck ({targets}); severity {threat.severity}, damage "
            f"+{threat.damage} (R13).",
            threat=threat.id, severity=threat.severity,
        )
        inquiry(state, threat, events)
        blame(state, threat, events)


def inquiry(state: GameState, threat: Threat, events: list[Event]) -> None:
    """R13: who held a report the target nations lacked and passed none to an agency of
    a target nation loses trust.

    A pass is read from the copies' chains: X passed to Y when X appears before
    Y in the chain of a copy Y holds. Agencies of a target nation are exempt:
    the inquiry is about keeping a nation's own services in the dark. So is a
    holder whose every report on the threat an agency of a target nation held or
    originated (a report it was given by one of them, a forum's summary of one of
    theirs): it had nothing to tell them that they did not know.
    """
    loss = state.rules.trust.inquiry_loss
    victims = [a for a in range(state.n_agencies) if state.nation_of(a) in threat.targets]
    if not victims:
        return
    passed: set[int] = set()
    theirs: set[int] = set()
    for v in victims:
        for copy in state.holds_on(v, threat.id):
            passed.update(copy.chain[:-1])
            theirs.add(copy.report)

    def lacked(copy) -> bool:
        return copy.report not in theirs and state.reports[copy.report].originator not in victims

    for holder in range(state.n_agencies):
        if holder in victims or holder in passed or \
                not any(lacked(c) for c in state.holds_on(holder, threat.id)):
            continue
        for v in victims:
            state.trust[v, holder] = max(0.0, state.trust[v, holder] - loss)
        names = ", ".join(state.world.agencies[v].id for v in victims)
        state.emit(
            events, "inquiry",
            f"Inquiry into {threat.name}: {state.world.agencies[holder].id} held reports and "
            f"shared none with {names}; their trust falls by {loss:g}.",
            seats=(holder, *victims), threat=threat.id, agency=holder,
        )


def withheld(state: GameState, agency: int, threat: Threat) -> float:
    """R30: the share of a threat's picture that an agency collected itself and kept to
    itself: per needed discipline, its own reports up to the need, less those it passed
    to anyone (a mole's reading is no pass). Passing a trivial report does not help."""
    own = [0] * len(threat.needs)
    passed = [0] * len(threat.needs)
    for copy in state.holds_on(agency, threat.id):
        report = state.reports[copy.report]
        if report.originator != agency or report.summary_of is not None:
            continue
        own[report.discipline] += 1
        if any(copy.report in h and not h[copy.report].via_mole
               for b, h in enumerate(state.holdings) if b != agency):
            passed[report.discipline] += 1
    kept = sum(max(0, min(o, n) - p) for o, n, p in zip(own, threat.needs, passed, strict=True))
    need = sum(threat.needs)
    return kept / need if need else 0.0  # a picture that needs nothing keeps nothing back


def blame(state: GameState, threat: Threat, events: list[Event]) -> None:
    """R30: a threat struck; each agency that sat on reports it collected on it, and ran
    no operation against it, loses score in proportion to what it kept back."""
    per = state.rules.scoring.withheld_per_severity * threat.severity * scoring.lateness(state)
    for agency in range(state.n_agencies):
        if not state.knows(agency, threat.id) or (agency, threat.id) in state.retry:
            continue
        kept = withheld(state, agency, threat)
        if kept <= 0:
            continue
        loss = per * kept
        state.change_part(agency, BLAME, loss, "withheld", threat.id, f"{kept:.4f}")
        state.emit(events, "blamed", f"{threat.name} struck while you sat on {kept:.0%} of its "
                   f"picture that you had collected yourself: −{loss:.1f} to your score (R30).",
                   seats=(agency,), threat=threat.id, loss=round(loss, 4))
