"""R28: scenario events — triggers, the deciding seat's choice, and the closed
vocabulary of effects and conditions documented in docs/modding.md.

Events are checked at dawn. One with choices waits for its deciding seat; the
chosen effects are applied at dusk, so that nothing a seat does within its
turn rolls dice or can be undone into a different outcome.
"""

from __future__ import annotations

from game.core import penetration, threats
from game.core.actions import Choose
from game.core.liaison import due_within, possessive
from game.core.records import CREDIT, EFFECTS, EXECUTED, FOILED, MOLE_RUN_BACK, Event, PendingChoice
from game.core.spec import Condition, Effect, EventSpec
from game.core.state import EVENT, GameState, IllegalAction


# --------------------------------------------------------------------------- selectors
def agencies(state: GameState, selector) -> list[int]:
    """An agency id, a nation id (all its agencies), or a list of either."""
    world = state.world
    items = selector if isinstance(selector, tuple) else (selector,)
    out: list[int] = []
    for item in items:
        if world.is_agency(item):
            out.append(world.agency_index(item))
        else:
            out += [a for a, ag in enumerate(world.agencies) if ag.nation == item]
    return list(dict.fromkeys(out))


def as_tuple(value) -> tuple:
    return value if isinstance(value, tuple) else (value,)


def pairs(state: GameState, args: Effect | dict):
    get = args.get
    return [(f, t) for f in agencies(state, get("from")) for t in agencies(state, get("to"))
            if f != t]


# --------------------------------------------------------------------------- conditions
def _holds(state: GameState, cond: Condition) -> bool:
    kind, v = cond.kind, cond.value
    if kind == "round":
        return state.round == v
    if kind == "from_round":
        return state.round >= v
    if kind in ("trust_below", "trust_above"):
        args = dict(v)
        held = pairs(state, args)
        below = kind == "trust_below"
        return bool(held) and all(
            (state.trust[f, t] < args["value"]) if below else (state.trust[f, t] > args["value"])
            for f, t in held)
    if kind == "relation_below":
        args = dict(v)
        a, b = state.world.nation_index(args["a"]), state.world.nation_index(args["b"])
        return bool(state.relations[a, b] < args["value"])
    if kind == "flag":
        return v in state.flags
    if kind == "not_flag":
        return v not in state.flags
    if kind in ("threat_executed", "threat_foiled"):
        status = EXECUTED if kind == "threat_executed" else FOILED
        return any(t.key == v and t.status == status for t in state.threats)
    if kind == "has_mole":
        return any(state.active_mole(a) is not None for a in agencies(state, v))
    if kind == "courts_open":
        return any(n.courts == "open" for n in state.world.nations if n.id in as_tuple(v))
    # "chance" is not a state to hold: _triggered draws it from the event's own dice.
    raise ValueError(f"unknown condition {kind!r}")


def _triggered(state: GameState, spec: EventSpec, index: int) -> bool:
    """All conditions must hold; chance is drawn last, from the event's own dice for
    the month (its place in the script keys them)."""
    if not all(_holds(state, c) for c in spec.when if c.kind != "chance"):
        return False
    dice = state.chance(EVENT, index)
    return all(dice.random() < c.value for c in spec.when if c.kind == "chance")


# --------------------------------------------------------------------------- firing
def trigger(state: GameState, events: list[Event]) -> None:
    """Dawn: fire every event whose trigger holds."""
    for index, spec in enumerate(state.scenario.script.events):
        if state.fired.get(spec.id) and not spec.repeat:
            continue
        if not _triggered(state, spec, index):
            continue
        state.fired[spec.id] = state.fired.get(spec.id, 0) + 1
        seat = decider(state, spec)
        state.emit(events, "event_fired", f"{spec.title}: {spec.text}", id=spec.id,
                   title=spec.title, history=spec.history)
        if spec.choices and seat is not None:
            pending = PendingChoice(state.next_choice, spec.id, seat, state.round)
            state.next_choice += 1
            state.pending.append(pending)
            labels = "; ".join(f"{i + 1}. {c.label}" for i, c in enumerate(spec.choices))
            state.emit(events, "decision", f"{spec.title} — your decision: {labels}",
                       seats=(seat,), pending=pending.id, id=spec.id)
        elif spec.choices:
            state.queued.append((spec.id, 0))
        else:
            state.record(-1, EFFECTS, "event", ref=-1, note=spec.id)
            for effect in spec.effects:
                apply_effect(state, effect, spec, events)


def decider(state: GameState, spec: EventSpec) -> int | None:
    """The deciding seat: the named agency, or the first agency of the named nation."""
    if spec.decider is None:
        return None
    found = agencies(state, spec.decider)
    return found[0] if found else None


def spec_of(state: GameState, event_id: str) -> EventSpec:
    return next(e for e in state.scenario.script.events if e.id == event_id)


def choose(state: GameState, seat: int, action: Choose) -> list[Event]:
    pending = next((p for p in state.pending if p.id == action.pending and p.seat == seat), None)
    if pending is None:
        raise IllegalAction("There is no decision of yours with that number.")
    spec = spec_of(state, pending.event)
    if not (isinstance(action.choice, int) and 0 <= action.choice < len(spec.choices)):
        raise IllegalAction(f"Choose 1 to {len(spec.choices)}.")
    return _decided(state, pending, action.choice)


def _decided(state: GameState, pending: PendingChoice, choice: int,
             by_default: bool = False) -> list[Event]:
    spec = spec_of(state, pending.event)
    state.pending = [p for p in state.pending if p.id != pending.id]
    state.queued.append((spec.id, choice))
    events: list[Event] = []
    who = state.world.agencies[pending.seat].nation
    state.emit(events, "decided", f"{spec.title}: {who} decided — "
               f"{spec.choices[choice].label}. It takes effect at the end of "
               f"{state.world.month_label(state.round)}.",
               id=spec.id, choice=choice, **({"by_default": True} if by_default else {}))
    return events


def default_choices(state: GameState, seat: int, events: list[Event]) -> None:
    """A decision left open at the end of the seat's turn takes the first choice."""
    for pending in [p for p in state.pending if p.seat == seat]:
        events += _decided(state, pending, 0, by_default=True)


def resolve_queued(state: GameState, events: list[Event]) -> None:
    """Dusk: apply the effects of the choices made this month."""
    queued, state.queued = state.queued, []
    for event_id, choice in queued:
        spec = spec_of(state, event_id)
        state.record(-1, EFFECTS, "event", ref=choice, note=spec.id)
        for effect in spec.choices[choice].effects:
            apply_effect(state, effect, spec, events)


# --------------------------------------------------------------------------- effects
def apply_effect(state: GameState, effect: Effect, spec: EventSpec, events: list[Event]) -> None:
    handler = _EFFECTS.get(effect.kind)
    if handler is None:
        raise ValueError(f"unknown effect {effect.kind!r}")
    handler(state, effect, spec, events)


def _trust(state, e, spec, events):
    for f, t in pairs(state, e):
        state.trust[f, t] = min(100.0, max(0.0, state.trust[f, t] + e.get("delta")))


def _relation(state, e, spec, events):
    a, b = state.world.nation_index(e.get("a")), state.world.nation_index(e.get("b"))
    value = min(100.0, max(-100.0, state.relations[a, b] + e.get("delta")))
    state.relations[a, b] = state.relations[b, a] = value


def _budget(state, e, spec, events):
    for a in agencies(state, e.get("agency")):
        state.change_budget(a, e.get("delta"), "event", note=spec.id, floor=0.0)


def discipline_indexes(state: GameState, e: Effect) -> list[int]:
    """The disciplines a suspend or resume names (all, when it names none)."""
    names = e.get("disciplines") or state.rules.discipline_ids
    return [state.world.discipline_index(d) for d in as_tuple(names)]


def last_month(state: GameState, months: int, chosen: bool) -> int:
    """The last month an effect lasting `months` covers: from this one when it comes at
    dawn, from the next when a choice applies it at this month's dusk."""
    return state.round + months - 1 + (1 if chosen else 0)


def _suspend(state, e, spec, events):
    until = last_month(state, int(e.get("rounds")), bool(spec.choices))
    for f, t in pairs(state, e):
        for d in discipline_indexes(state, e):
            state.suspensions[(f, t, d)] = max(until, state.suspensions.get((f, t, d), 0))


def _resume(state, e, spec, events):
    for f, t in pairs(state, e):
        for d in discipline_indexes(state, e):
            state.suspensions.pop((f, t, d), None)


def _channel(state, e, spec, events):
    a, b = sorted(e.get("between"))
    keys = {(a, b, k) for k in as_tuple(e.get("kinds"))}
    state.channels = state.channels | keys if e.get("open", True) else state.channels - keys


def _spawn(state, e, spec, events):
    template = state.scenario.script.template(e.get("template"))
    state.spawn_count += 1
    threats.make(state, template, f"{template.id}#{state.spawn_count}", e.get("name", ""),
                 e.get("region", ""))


def _plant_mole(state, e, spec, events):
    hostile = agencies(state, e.get("hostile"))[0]
    for a in agencies(state, e.get("agency")):
        if state.active_mole(a) is None:
            penetration.plant(state, a, hostile, "event", events)


def _expose_mole(state, e, spec, events):
    for a in agencies(state, e.get("agency")):
        mole = state.active_mole(a)
        if mole is not None:
            penetration.expose(state, mole, events, doubled=mole.status == MOLE_RUN_BACK)


def _score(state, e, spec, events):
    for a in agencies(state, e.get("agency")):
        state.change_part(a, CREDIT, e.get("delta"), "event", note=spec.id)


def _flag(state, e, spec, events):
    name = e.get("value") or e.get("set")
    if name:
        state.flags.add(name)
    if e.get("clear"):
        state.flags.discard(e.get("clear"))


def _message(state, e, spec, events):
    seats = agencies(state, e.get("to")) if e.get("to") else ()
    state.emit(events, "message", e.get("text"), seats=seats, id=spec.id)


TERMS_MONTHS = 6  # R28: how long a relationship stays transactional
TERMS_CREDIT = 0.0  # ... the share of its credit line the lender still extends (R18)
TERMS_TRUST = 0.5  # ... and the share of a trade's trust it still gains (R19)


def terms_of(e: Effect) -> tuple[int, float, float]:
    """A transactional effect's months, credit share and trust share, defaults filled."""
    return (int(e.get("rounds", TERMS_MONTHS)), float(e.get("credit", TERMS_CREDIT)),
            float(e.get("trust", TERMS_TRUST)))


def tightened(held: tuple[int, float, float] | None, until: int, credit: float,
              trust: float) -> tuple[int, float, float]:
    """R28: terms in force (`held`, or None) after a ruling to `until` with these shares:
    the later end and the smaller shares, so a second ruling never eases the first."""
    if held is None:
        return until, credit, trust
    return max(until, held[0]), min(credit, held[1]), min(trust, held[2])


def _transactional(state, e, spec, events):
    """R28: the lender deals with the borrower on strict terms for some months: a
    smaller credit line and slower trust. Terms that have run out count for nothing."""
    months, credit, trust = terms_of(e)
    until = last_month(state, months, bool(spec.choices))
    for f, t in pairs(state, e):
        state.strict_terms[(f, t)] = tightened(state.terms(f, t), until, credit, trust)


DISCLOSURE_MONTHS = 4  # R28: how long a partner whose report a court released holds back
DISCLOSURE_IMMINENT = 1  # ... sharing only on threats against the nation due this soon


def _disclose(state, e, spec, events):
    """A court in an open-courts nation orders disclosed the newest report each of its
    agencies received from a foreign partner. Caveated reports never go to court (R21).
    The partner then shares with that nation's agencies only on imminent threats against
    it for some months: "if someone is about to blow up central London we will cooperate
    with you; anything else, forget it" (sources/001)."""
    loss = state.rules.penetration.court_loss
    names = state.world.agencies
    months = int(e.get("months", DISCLOSURE_MONTHS))
    imminent = int(e.get("imminent", DISCLOSURE_IMMINENT))
    until = last_month(state, months, bool(spec.choices))
    for a in agencies(state, e.get("nation")):
        if state.world.nations[state.nation_of(a)].courts != "open":
            continue
        foreign = [c for c in state.holdings[a].values()
                   if not c.info_only and not c.via_mole
                   and state.nation_of(state.reports[c.report].originator) != state.nation_of(a)]
        if not foreign:
            continue
        copy = max(foreign, key=lambda c: (c.received, c.report))
        origin = state.reports[copy.report].originator
        state.trust[origin, a] = max(0.0, state.trust[origin, a] - loss)
        nation = state.nation_of(a)
        held = state.embargoes.get((origin, nation), (0, imminent))
        state.embargoes[(origin, nation)] = (max(held[0], until), min(held[1], imminent))
        land = state.world.nations[nation]
        # Told to the whole nation: the embargo falls on every one of its agencies, and a
        # court's ruling is public (the holder's name is in it, as it would be in court).
        state.emit(events, "disclosure", f"A court has ordered a summary of a report of "
                   f"{possessive(names[origin].id)} held by {names[a].id} made public. "
                   f"{names[origin].id}'s trust in "
                   f"{names[a].id} falls by {loss:g}, and until the end of "
                   f"{state.world.month_label(until)} it shares with {possessive(land.called)} "
                   f"agencies only on threats against {land.called} due "
                   f"{due_within(min(held[1], imminent))} (R28).",
                   seats=(origin, *agencies(state, land.id)), report=copy.report)


_EFFECTS = {
    "trust": _trust, "relation": _relation, "budget": _budget, "suspend": _suspend,
    "resume": _resume, "channel": _channel, "spawn_threat": _spawn, "plant_mole": _plant_mole,
    "expose_mole": _expose_mole, "score": _score, "flag": _flag, "message": _message,
    "disclose": _disclose, "transactional": _transactional,
}
EFFECT_KINDS = tuple(_EFFECTS)
CONDITION_KINDS = ("round", "from_round", "chance", "trust_below", "trust_above",
                   "relation_below", "flag", "not_flag", "threat_executed", "threat_foiled",
                   "has_mole", "courts_open")

