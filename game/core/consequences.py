"""R28: what each choice of an event will do, told before it is made.

A deciding seat, human or AI, should weigh a choice by what it does, not by its
label. Both read it here, from the very effects the engine will apply: in words
for the window, and as the stakes for the deciding nation that an AI weighs.
Nothing here draws dice or tells what the seat may not know: a court's
disclosure is told as the rule it applies, a mole as a risk, a later event as
"may follow", never which report, whether a mole is there, or what follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.effects import (
    DISCLOSURE_IMMINENT,
    DISCLOSURE_MONTHS,
    agencies,
    as_tuple,
    discipline_indexes,
    last_month,
    pairs,
    terms_of,
    tightened,
)
from game.core.liaison import credit_words, due_within, possessive
from game.core.spec import Effect, EventSpec
from game.core.state import GameState


@dataclass(frozen=True)
class Stakes:
    """A choice's effects on the deciding nation's agencies, in the units they are weighed.

    Trust is summed over pairs: "NSA's and CIA's trust in GCHQ and MI5 falls by 5" is
    −20. A relation moves the baseline that trust drifts to (R19) by its per-relation
    share, for every pair between the two nations; that lasts, where a trust change
    fades at the drift rate."""

    money: float = 0.0  # budget its agencies gain (+) or lose (−) now
    trust: float = 0.0  # others' trust in its agencies, now
    baseline: float = 0.0  # others' baseline trust in its agencies (R19), through relations
    cut: tuple[float, ...] = ()  # per discipline: months × partners whose flow to it stops
    strict: float = 0.0  # months × partners dealing with it on transactional terms, each
    # weighed by the share of credit and of trust gains it withholds (R28)
    score: float = 0.0  # its agencies' score (R30)
    channels: int = 0  # channels opened (+) or closed (−) between its nation and another
    hostile: int = 0  # nations that turn hostile to it (+) or stop being so (−), R2
    disclosed: int = 0  # its agencies a court may take a foreign report from (at most)
    embargo: float = 0.0  # months × its agencies a partner then holds back from (R28), at
    # least one partner's: the seat cannot see what its compatriots hold
    exposed: int = 0  # agencies (any nation's) whose mole, if there is one, is exposed
    planted: int = 0  # its agencies given a hostile mole
    threats: int = 0  # new plots set in motion
    later: bool = False  # sets or clears a mark that later events may read


@dataclass(frozen=True)
class Option:
    """R28: one choice of a decision: its label, its effects in words, and its stakes."""

    label: str
    effects: tuple[str, ...]
    stakes: Stakes


def options(state: GameState, spec: EventSpec, seat: int) -> tuple[Option, ...]:
    """Every choice of the event, as the deciding seat reads it."""
    nation = state.nation_of(seat)
    return tuple(
        Option(c.label, _words(state, c.effects), stakes(state, c.effects, nation))
        for c in spec.choices)


# --------------------------------------------------------------------------- words
def _words(state: GameState, effects: tuple[Effect, ...]) -> tuple[str, ...]:
    lines = [describe(state, e) for e in effects]
    if any(e.kind == "flag" for e in effects):
        lines.append("Later events may follow from it.")
    return tuple(line for line in lines if line) or ("Nothing changes.",)


def _names(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} and {ids[-1]}"


def _whose(state: GameState, selector) -> str:
    """"NSA's and CIA's": each one's own."""
    return _names([possessive(state.world.agencies[a].id) for a in agencies(state, selector)])


def _who(state: GameState, selector) -> str:
    return _names([state.world.agencies[a].id for a in agencies(state, selector)])


def _do(state: GameState, selector, verb: str) -> str:
    """The agencies and the verb agreeing with them: "NSA stops", "NSA and CIA stop"."""
    many = len(agencies(state, selector)) > 1
    return f"{_who(state, selector)} {verb if many else _singular(verb)}"


def _singular(verb: str) -> str:
    first, _, rest = verb.partition(" ")
    return (first + ("es" if first.endswith(("s", "sh", "ch")) else "s")
            + (" " + rest if rest else ""))


def _nation(state: GameState, nation_id: str) -> str:
    return state.world.nations[state.world.nation_index(nation_id)].called


def _discipline_names(e: Effect) -> str:
    names = e.get("disciplines")
    return _names(list(as_tuple(names))) if names else "any report"


def describe(state: GameState, e: Effect) -> str:
    """One effect in a player's words ("" for a flag, told once as what may follow)."""
    get, rules = e.get, state.rules
    if e.kind == "trust":
        delta = get("delta")
        return (f"{_whose(state, get('from'))} trust in {_who(state, get('to'))} "
                f"{'rises' if delta > 0 else 'falls'} by {abs(delta):g}.")
    if e.kind == "relation":
        a, b, delta = get("a"), get("b"), get("delta")
        names = state.world.nations
        line = (f"{names[state.world.nation_index(a)].name}–"
                f"{names[state.world.nation_index(b)].name} relations "
                f"{'improve' if delta > 0 else 'worsen'} by {abs(delta):g}: their agencies' "
                f"trust in each other settles {abs(delta) * rules.trust.per_relation:g} points "
                f"{'higher' if delta > 0 else 'lower'} (R19).")
        turns = _hostility(state, e)
        if turns > 0:
            line += " They become hostile (R2): no trade without a channel (R23)."
        elif turns < 0:
            line += " They are no longer hostile (R2)."
        return line
    if e.kind == "budget":
        delta = get("delta")
        many = len(agencies(state, get("agency"))) > 1
        return (f"{_do(state, get('agency'), 'gain' if delta > 0 else 'lose')} "
                f"{abs(delta):g} of {'their' if many else 'its'} money"
                f"{' each' if many else ''} at the end of the month.")
    if e.kind == "suspend":
        rounds = int(get("rounds"))
        until = last_month(state, rounds, chosen=True)
        line = (f"{_do(state, get('from'), 'stop')} passing {_discipline_names(e)} to "
                f"{_who(state, get('to'))} for {rounds} month{'s' if rounds != 1 else ''}, to "
                f"the end of {state.world.month_label(until)}, and no pact copies them either.")
        if _added_months(state, e) == 0:
            line += " It is already suspended that long, so this changes nothing."
        return line
    if e.kind == "transactional":
        months, credit, trust = terms_of(e)
        until = last_month(state, months, chosen=True)
        line = (f"For {months} month{'s' if months != 1 else ''}, to the end of "
                f"{state.world.month_label(until)}, {_do(state, get('from'), 'deal')} with "
                f"{_who(state, get('to'))} on strict terms: {credit_words(credit)} (R18), and "
                f"{trust:.0%} of the trust a trade would earn (R19).")
        if not any(_strict_added(state, f, t, until, credit, trust) for f, t in pairs(state, e)):
            line += " Their terms are already that strict and that long, so this changes nothing."
        return line
    if e.kind == "resume":
        return (f"{_do(state, get('from'), 'pass')} {_discipline_names(e)} to "
                f"{_who(state, get('to'))} again.")
    if e.kind == "channel":
        a, b = get("between")
        kinds = _names(list(as_tuple(get("kinds"))))
        if get("open", True):
            return (f"A channel opens between {_nation(state, a)} and {_nation(state, b)} on "
                    f"{kinds}: their agencies may trade on such threats even while hostile "
                    f"(R23).")
        return (f"The channel between {_nation(state, a)} and {_nation(state, b)} on {kinds} "
                f"closes.")
    if e.kind == "spawn_threat":
        return _new_plot(state, e)
    if e.kind == "plant_mole":
        return (f"{_do(state, get('agency'), 'risk')} a mole working for "
                f"{_who(state, get('hostile'))} (R25).")
    if e.kind == "expose_mole":
        return (f"Any mole in {_who(state, get('agency'))} is exposed: each partner whose "
                f"reports it leaked loses {state.rules.penetration.exposure_loss:g} trust in "
                f"its victim (R25).")
    if e.kind == "score":
        delta = get("delta")
        return (f"{_whose(state, get('agency'))} score {'rises' if delta > 0 else 'falls'} by "
                f"{abs(delta):g}.")
    if e.kind == "disclose":
        nations = as_tuple(get("nation"))
        lands = [state.world.nations[state.world.nation_index(n)] for n in nations]
        open_ = [n.called for n in lands if n.courts == "open"]
        if not open_:
            return f"Nothing: the courts of {_names([n.called for n in lands])} are closed."
        months = int(get("months", DISCLOSURE_MONTHS))
        within = due_within(int(get("imminent", DISCLOSURE_IMMINENT)))
        return (f"A court in {_names(open_)} releases the newest report from a foreign "
                f"partner that each of its agencies holds; that partner's trust in the holder "
                f"falls by {state.rules.penetration.court_loss:g}, and for {months} months "
                f"it shares with that nation's agencies only on threats against it due "
                f"{within} (R28). Reports marked information only are safe (R21).")
    return ""  # a flag is told once, a message changes nothing


def _new_plot(state: GameState, e: Effect) -> str:
    """What a spawned plot will be, from its template (public scenario data): name, kind,
    severity, targets and the last month to foil it; never what the dice will draw."""
    world = state.world
    template = state.scenario.script.template(e.get("template"))
    regions = [world.regions[world.region_index(r)].name
               for r in ([e.get("region")] if e.get("region") else template.regions)]
    where = regions[0] if len(regions) == 1 else \
        f"one of {', '.join(regions[:-1])} or {regions[-1]}"
    low, high = template.severity
    first, last = (world.month_label(state.round + d - 1) for d in template.deadline)
    return (f"A new plot is set in motion: {e.get('name') or template.name.format(region=where)}"
            f", a {template.kind} threat of severity {low if low == high else f'{low}–{high}'}"
            f" against {_names([_nation(state, n) for n in template.targets])}, to foil by the "
            f"end of {first if first == last else f'a month from {first} to {last}'} (R9).")


def _hostility(state: GameState, e: Effect) -> int:
    """A relation effect crossing R2's hostile line: 1 into hostility, -1 out, else 0."""
    world = state.world
    now = float(state.relations[world.nation_index(e.get("a")), world.nation_index(e.get("b"))])
    after = min(100.0, max(-100.0, now + e.get("delta")))
    line = state.rules.trust.hostile_below
    return int(now >= line > after) - int(after >= line > now)


def _open_courts(state: GameState, selector) -> list[int]:
    """The agencies `selector` names whose nation's courts are open."""
    return [a for a in agencies(state, selector)
            if state.world.nations[state.nation_of(a)].courts == "open"]


# --------------------------------------------------------------------------- stakes
def stakes(state: GameState, effects: tuple[Effect, ...], nation: int) -> Stakes:
    """What the effects do to `nation`'s agencies."""
    world, rules = state.world, state.rules
    ours = {a for a in range(state.n_agencies) if state.nation_of(a) == nation}
    out = dict(money=0.0, trust=0.0, baseline=0.0, strict=0.0, score=0.0, channels=0,
               hostile=0, disclosed=0, embargo=0.0, exposed=0, planted=0, threats=0,
               later=False)
    cut = [0.0] * len(rules.disciplines)
    for e in effects:
        get = e.get
        if e.kind == "trust":
            hit = [(f, t) for f, t in pairs(state, e) if t in ours and f not in ours]
            out["trust"] += get("delta") * len(hit)
        elif e.kind == "relation":
            a, b = world.nation_index(get("a")), world.nation_index(get("b"))
            other = b if a == nation else a if b == nation else None
            if other is None:
                continue
            theirs = sum(1 for x in range(state.n_agencies) if state.nation_of(x) == other)
            out["baseline"] += get("delta") * rules.trust.per_relation * theirs * len(ours)
            out["hostile"] += _hostility(state, e)
        elif e.kind in ("budget", "score"):
            key = "money" if e.kind == "budget" else "score"
            out[key] += get("delta") * len(set(agencies(state, get("agency"))) & ours)
        elif e.kind in ("suspend", "resume"):
            for f, t, d, months in _flows(state, e):
                if t in ours and f not in ours:
                    cut[d] += months
        elif e.kind == "transactional":
            months, credit, trust = terms_of(e)
            until = last_month(state, months, chosen=True)
            for f, t in pairs(state, e):
                if t in ours and f not in ours:
                    out["strict"] += _strict_added(state, f, t, until, credit, trust)
        elif e.kind == "channel":
            nations = {world.nation_index(n) for n in get("between")}
            if nation in nations:
                out["channels"] += 1 if get("open", True) else -1
        elif e.kind == "disclose":
            hit = len(set(_open_courts(state, get("nation"))) & ours)
            out["disclosed"] += hit
            if hit:  # one partner's embargo on all of the nation's agencies, at least
                out["embargo"] += len(ours) * int(get("months", DISCLOSURE_MONTHS))
        elif e.kind == "expose_mole":
            out["exposed"] += len(agencies(state, get("agency")))
        elif e.kind == "plant_mole":
            out["planted"] += len(set(agencies(state, get("agency"))) & ours)
        elif e.kind == "spawn_threat":
            out["threats"] += 1
        elif e.kind == "flag":
            out["later"] = True
    return Stakes(cut=tuple(cut), **out)


def _strict_added(state: GameState, lender: int, borrower: int, until: int, credit: float,
                  trust: float) -> float:
    """R28: the months of strict terms a ruling adds for one pair, each weighed by the
    share of credit and of trust gains it withholds, less what was already held back."""
    def withheld(terms: tuple[int, float, float] | None) -> float:
        return 0.0 if terms is None else \
            max(0, terms[0] - state.round) * (2 - terms[1] - terms[2]) / 2

    held = state.terms(lender, borrower)
    return withheld(tightened(held, until, credit, trust)) - withheld(held)


def _flows(state: GameState, e: Effect):
    """(from, to, discipline, months) for each flow a suspend stops (+ the months it adds
    beyond any suspension already running) or a resume restarts (− the months it would
    still have run, after this one)."""
    until = last_month(state, int(e.get("rounds", 0)), chosen=True)
    for f in agencies(state, e.get("from")):
        for t in agencies(state, e.get("to")):
            if f == t:
                continue
            for d in discipline_indexes(state, e):
                running = state.suspended(f, t, d)
                if e.kind == "suspend":
                    yield f, t, d, max(0, until - max(running, state.round))
                elif running:
                    yield f, t, d, -max(0, running - state.round)


def _added_months(state: GameState, e: Effect) -> int:
    return sum(months for *_, months in _flows(state, e))
