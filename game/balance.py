"""`python main.py balance`: every bar of docs/balance.md, measured, as markdown tables.

Per scenario, one batch with every seat at its scenario AI gives the baseline
(foiled and catastrophe rates, win rates, the leader's lead, late answers).
Then, seat by seat for every playable agency, the same seeds are played with
that seat as `reciprocal`, `free_rider` and `never_share` (all at normal), and
as `reciprocal@hard` and `reciprocal@easy`, the other seats unchanged. Paired
seeds make a difference of means a fair comparison; it passes a bar only when
it is more than two standard errors wide.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.batch import Batch, run
from game.paths import SCENARIO_DIR
from game.scenario.loader import read_raw, scenario_paths
from game.sim import one_game
from game.tournament import Entry, play

ARMS = {"reciprocal": "reciprocal@normal", "free_rider": "free_rider@normal",
        "never_share": "never_share", "hard": "reciprocal@hard", "easy": "reciprocal@easy"}
LEADER_MAX = 0.65
LATE_MAX = 0.10
CAPPED_MIN = 0.15
FOILED = (0.30, 0.85)
CATASTROPHE = (0.05, 0.35)
TOP_WIN_MAX = 0.60


def balanced_scenarios() -> list[Path]:
    """The shipped scenarios the bars apply to: all but tutorials, which are dealt one
    fixed seed so that their steps work, and so are not a balanced game."""
    return [p for p in scenario_paths(SCENARIO_DIR) if "tutorial" not in read_raw(p)]


@dataclass
class Measured:
    scenario: str
    playable: list[str]
    baseline: dict  # the scenario-wide numbers
    seats: dict[str, dict[str, Entry]]  # agency -> arm -> its games


def measure(batch: Batch, progress: bool = False) -> Measured:
    results = list(run(batch, one_game, progress))
    world = batch.scenario.world
    n = len(batch.playable)
    ids = [a.id for a in world.agencies]
    wins = {a: 0 for a in ids}
    for r in results:
        for w in r["winners"]:  # every agency of the winning team has won
            wins[ids[w]] += 1
    threats = np.array([r["threats"] for r in results]).sum(axis=0)
    ex = np.array([r["exchanges"] for r in results]).sum(axis=0)
    led = [r for r in results if r["leader_two_thirds"] is not None]
    baseline = {
        "games": len(results),
        "foiled": threats[1] / max(1, threats[0]),
        "catastrophe": float(np.mean([r["catastrophe"] for r in results])),
        "win_rates": {a: wins[a] / len(results) for a in batch.playable},
        "win_floor": 1 / (2 * n),
        "leader_wins": (sum(r["leader_two_thirds"] in r["winners"] for r in led) / len(led)
                        if led else 0.0),
        "late": ex[7] / max(1, ex[6]),
    }
    seats = {}
    for agency in batch.playable:
        seats[agency] = {arm: play(batch, agency, spec) for arm, spec in ARMS.items()}
    return Measured(world.id, batch.playable, baseline, seats)


# --------------------------------------------------------------------------- the bars
def _beats(a: Entry, b: Entry) -> tuple[bool, str]:
    diff, se = a.versus(b)
    ok = diff > 2 * se and a.win_rate > b.win_rate
    return ok, f"{diff:+.1f} ± {se:.1f}, wins {a.win_rate:.0%} vs {b.win_rate:.0%}"


def rows(m: Measured) -> dict[str, list[tuple[str, bool, str]]]:
    """Per bar, one (subject, holds, numbers) line per scenario or seat."""
    b = m.baseline
    out: dict[str, list[tuple[str, bool, str]]] = {k: [] for k in (
        "cooperation", "skill", "every_seat_wins", "leader", "ledger", "late", "design")}
    for agency, arms in m.seats.items():
        rec = arms["reciprocal"]
        ok_fr, fr = _beats(rec, arms["free_rider"])
        ok_ns, ns = _beats(rec, arms["never_share"])
        out["cooperation"].append((f"{m.scenario} {agency}", ok_fr and ok_ns,
                                   f"vs free_rider {fr}; vs never_share {ns}"))
        ok, text = _beats(arms["hard"], arms["easy"])
        out["skill"].append((f"{m.scenario} {agency}", ok, f"hard vs easy {text}"))
        free = arms["free_rider"]
        capped = free.capped.sum() / max(1, free.answers.sum())
        ratio = free.received.mean() / max(1e-9, rec.received.mean())
        out["ledger"].append((f"{m.scenario} {agency}", capped >= CAPPED_MIN and ratio <= 0.5,
                              f"cap bound in {capped:.0%} of a free rider's answers; it "
                              f"receives {ratio:.0%} of a reciprocal's value"))
    low = min(b["win_rates"].items(), key=lambda kv: kv[1])
    out["every_seat_wins"].append((m.scenario, low[1] >= b["win_floor"],
                                   f"lowest {low[0]} {low[1]:.1%} (floor {b['win_floor']:.1%})"))
    out["leader"].append((m.scenario, b["leader_wins"] <= LEADER_MAX,
                          f"leader at two thirds wins {b['leader_wins']:.0%}"))
    out["late"].append((m.scenario, b["late"] <= LATE_MAX, f"{b['late']:.1%} of threat answers"))
    top = max(b["win_rates"].values())
    out["design"].append((m.scenario, FOILED[0] <= b["foiled"] <= FOILED[1]
                          and CATASTROPHE[0] <= b["catastrophe"] <= CATASTROPHE[1]
                          and top <= TOP_WIN_MAX,
                          f"foiled {b['foiled']:.0%}, catastrophe {b['catastrophe']:.0%}, "
                          f"top win rate {top:.0%}"))
    return out


TITLES = {
    "cooperation": "reciprocal beats free_rider and never_share (> 2 SE, and more wins)",
    "skill": "hard beats easy in the same seat (> 2 SE, and more wins)",
    "every_seat_wins": "every playable agency wins at least 1/(2n) of all-AI games",
    "leader": f"the leader after two thirds of the rounds wins at most {LEADER_MAX:.0%}",
    "ledger": f"the cap binds in at least {CAPPED_MIN:.0%} of the answers a free rider "
              f"receives, and it receives at most half a reciprocal's value",
    "late": f"answered threat asks whose reports come too late: at most {LATE_MAX:.0%}",
    "design": "DESIGN §5: foiled 30-85%, catastrophe 5-35%, no win rate above 60%",
}


def report(measured: list[Measured], seconds: float, workers: int | None) -> tuple[str, bool]:
    """The markdown tables of every bar, and whether all hold."""
    merged: dict[str, list] = {k: [] for k in TITLES}
    for m in measured:
        for k, lines in rows(m).items():
            merged[k] += lines
    text, ok = [], True
    for key, title in TITLES.items():
        text += [f"### {title}", "", "| subject | holds | numbers |", "|---|---|---|"]
        for subject, holds, numbers in merged[key]:
            ok &= holds
            text.append(f"| {subject} | {'yes' if holds else '**no**'} | {numbers} |")
        text.append("")
    text.append(f"Measured in {seconds / 60:.1f} minutes of wall time on "
                f"{workers or 'all the'} worker processes.")
    return "\n".join(text), ok


def measure_all(batches: list[Batch], progress: bool = False) -> tuple[str, bool]:
    started = time.perf_counter()
    measured = [measure(b, progress) for b in batches]
    return report(measured, time.perf_counter() - started, batches[0].workers)
