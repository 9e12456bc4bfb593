"""What the debrief reveals once a game is over: the only place that reads it all.

During play every screen sees one seat's view. When the game ends the secrets
are the lesson: scores, moles, breaches, disinformation and the whole threat
timeline are gathered here into plain data for the debrief screen and export.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core import effects, scoring
from game.core.records import EXECUTED, FOILED, MOLE_EXPOSED, MOLE_HOW
from game.core.report import MonthReport, month_report
from game.core.state import GameState


@dataclass(frozen=True)
class Reveal:
    title: str
    months: tuple[str, ...]
    agencies: tuple[str, ...]
    humans: dict[str, str]
    scores: tuple[float, ...]  # final
    targets: tuple[float, ...]  # each agency's team target (R31)
    may_win: tuple[bool, ...]  # a service no one may play cannot win (R31)
    winners: tuple[str, ...]
    catastrophe: bool
    score_history: tuple[tuple[float, ...], ...]  # round -> agency
    reputation_history: tuple[tuple[float, ...], ...]
    damage_history: tuple[float, ...]
    catastrophe_line: float
    # (name, kind, month spawned, month ended, outcome, severity)
    threats: tuple[tuple[str, str, int, int, str, int], ...]
    moles: tuple[str, ...]
    breaches: tuple[str, ...]
    disinformation: tuple[str, ...]
    exchanges: dict[str, int]
    reasons: tuple[str, ...]  # the AI seats' one-line reasons, by month
    decisions: tuple[str, ...]  # each event decided: who chose what, why, and the history
    nations: tuple[str, ...]  # each agency's nation: its team (R30)
    # Each human seat's last month: the game ends before a month opens to report it.
    last_months: dict[str, MonthReport]

    def teams(self) -> list[tuple[str, int]]:
        """One (label, an agency index) per nation's team, in agency order: a team's
        agencies share one score (R30), so its members' lines would lie on one another."""
        members: dict[str, list[int]] = {}
        for i, nation in enumerate(self.nations):
            members.setdefault(nation, []).append(i)
        return [(" · ".join(self.agencies[i] for i in team), team[0])
                for team in members.values()]


def decisions(state: GameState, reasons=()) -> tuple[str, ...]:
    """R28: every decision of the game: who chose what, the reason an AI gave, and what
    really happened (the event's history note), so the class can set one against the
    other."""
    world = state.world
    out = []
    told: set[str] = set()  # a history note once per event: a court may sit three times
    for e in state.log:
        if e.kind != "decided":
            continue
        spec = effects.spec_of(state, e.data["id"])
        label = spec.choices[e.data["choice"]].label
        who = world.agencies[effects.decider(state, spec)].id
        said = next((text.split(f"chose {label!r}: ", 1)[1] for m, text in reasons
                     if m == e.round and text.startswith(f"{who}: on {spec.title!r}: chose")
                     and f"chose {label!r}: " in text), "")
        chose = (f"{who} left it undecided, so the first choice was taken" if
                 e.data.get("by_default") else f"{who} chose")
        history = (f" In history: {spec.history}" if spec.id not in told else
                   " (What really happened: as above.)")
        told.add(spec.id)
        out.append(f"{world.month_label(e.round)} — {spec.title}: {chose} \u201c{label}"
                   f"\u201d" + (f" (the AI's reason: {said})" if said else "") + f".{history}")
    return tuple(out)


def reveal(state: GameState, humans: dict[str, str],
           reasons: list[tuple[int, str]] = ()) -> Reveal:
    world = state.world
    names = [a.id for a in world.agencies]
    moles = []
    for m in state.moles:
        fate = ("exposed" if m.status == MOLE_EXPOSED else
                "never found" if m.status == "active" else m.status.replace("_", " "))
        moles.append(f"{names[m.victim]} was penetrated by {names[m.hostile]} from "
                     f"{world.month_label(m.planted)} ({MOLE_HOW[m.how]}); "
                     f"{len(m.leaked)} reports "
                     f"leaked; {fate}.")
    breaches = [e.text for e in state.log if e.kind == "breach"]
    breaches += [f"Never found out: {names[b.passer]} passed a report of {names[b.originator]}'s "
                 f"to {names[b.recipient]} in {world.month_label(b.round)}."
                 for b in state.breaches]
    false = []
    for rid in sorted(state.false_reports):
        report = state.reports[rid]
        holders = [names[a] for a in range(state.n_agencies)
                   if rid in state.holdings[a] and rid not in state.unmasked[a]]
        false.append(f"A false {world.rules.discipline_ids[report.discipline]} report on "
                     f"{state.threats[report.threat].name} (made in "
                     f"{world.month_label(report.round)})"
                     + (f" still believed by {', '.join(holders)}." if holders else
                        " was seen through by everyone who held it."))
    status = {FOILED: "foiled", EXECUTED: "struck"}
    threats = tuple((t.name, t.kind, t.spawned, t.ended or state.round,
                     status.get(t.status, "active"), t.severity) for t in state.threats)
    cables = [c for c in state.cables.values() if c.kind == "exchange"]
    return Reveal(
        title=world.title,
        months=tuple(world.month_label(r) for r in range(1, state.round + 1)),
        agencies=tuple(names),
        humans=dict(humans),
        scores=tuple(round(float(s), 1) for s in scoring.scores(state)),
        targets=world.targets,
        may_win=tuple(a in world.contenders for a in range(len(world.agencies))),
        winners=tuple(names[w] for w in scoring.winners(state)),
        catastrophe=state.catastrophe,
        score_history=tuple(tuple(r) for r in state.history.scores),
        reputation_history=tuple(tuple(r) for r in state.history.reputation),
        damage_history=tuple(state.history.damage),
        catastrophe_line=world.victory.catastrophe,
        threats=threats,
        moles=tuple(moles),
        breaches=tuple(breaches),
        disinformation=tuple(false),
        exchanges={"proposed": len(cables),
                   "accepted": sum(c.status == "accepted" for c in cables),
                   "canned": sum(c.status == "nothing" for c in cables),
                   "refused": sum(c.status == "refused" for c in cables)},
        reasons=tuple(f"{world.month_label(m)} — {text}" for m, text in reasons),
        decisions=decisions(state, reasons),
        nations=tuple(a.nation for a in world.agencies),
        last_months={names[a]: r for a in range(state.n_agencies) if names[a] in humans
                     and (r := month_report(state, a, final=True)) is not None},
    )


def scoreboard(r: Reveal) -> list[tuple[str, float, float, bool]]:
    """(agency, score, target, may win), best share of its target first: the order the
    win takes (R31)."""
    rows = zip(r.agencies, r.scores, r.targets, r.may_win, strict=True)
    return sorted(rows, key=lambda x: -x[1] / x[2])


def outcome(r: Reveal) -> str:
    """The end of the game in one sentence: who won, and by what (R31)."""
    if r.catastrophe:
        return "Catastrophe: liaison failed and every agency lost."
    first = r.agencies.index(r.winners[0])
    share = r.scores[first] / r.targets[first]
    return (f"Won by {', '.join(r.winners)}: {share:.0%} of the team's target, the largest "
            f"share (R31).")
