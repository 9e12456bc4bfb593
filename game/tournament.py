"""`tournament`: policies entered in one seat, each against the scenario's default AI.

Axelrod's tournaments took strategies as entries and played them all on the same
terms; this does the same for one seat of a scenario. Every policy plays the
same seeds, so two policies differ only by what they decide, and the difference
of their means has a paired standard error.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.batch import Batch, run
from game.sim import one_game


@dataclass(frozen=True)
class Entry:
    """One policy's games in the seat."""

    policy: str
    scores: np.ndarray  # the seat's score, game by game
    wins: np.ndarray  # 1 where the seat's team won, game by game
    ranks: np.ndarray  # the seat's rank among the playable agencies by share of target
    catastrophes: np.ndarray  # bool, game by game
    received: np.ndarray  # value the seat received in answers, game by game
    answers: np.ndarray  # answers it received, game by game
    capped: np.ndarray  # of those, answers the R18 cap bound

    @property
    def mean(self) -> float:
        return float(self.scores.mean())

    @property
    def se(self) -> float:
        return standard_error(self.scores)

    @property
    def win_rate(self) -> float:
        return float(self.wins.mean())

    def versus(self, other: Entry) -> tuple[float, float]:
        """Mean of the paired differences of score (self - other) and its standard error."""
        diff = self.scores - other.scores
        return float(diff.mean()), standard_error(diff)

    def row(self) -> dict:
        return {"mean_score": round(self.mean, 3), "se": round(self.se, 3),
                "win_rate": round(self.win_rate, 4),
                "catastrophe_rate": round(float(self.catastrophes.mean()), 4),
                "mean_rank": round(float(self.ranks.mean()), 3),
                "received_value": round(float(self.received.mean()), 3),
                "capped_share": round(float(self.capped.sum() / max(1, self.answers.sum())), 4)}


def standard_error(values: np.ndarray) -> float:
    n = len(values)
    return float(values.std(ddof=1) / math.sqrt(n)) if n > 1 else float("inf")


def play(batch: Batch, seat: str, policy: str | None, progress: bool = False) -> Entry:
    """The batch's games with `policy` in `seat` (None: the seat's scenario AI)."""
    if policy is not None:
        batch = batch.with_policies(**{seat: policy})
    i = batch.scenario.world.agency_index(seat)
    results = list(run(batch, one_game, progress))

    def column(key: str) -> np.ndarray:
        return np.array([r[key][i] for r in results])

    return Entry(
        policy or "default", column("scores"),
        np.array([i in r["winners"] for r in results], dtype=float),
        column("ranks"), np.array([r["catastrophe"] for r in results]),
        column("received_value"), column("answers_received"), column("capped_received"))


def tournament(batch: Batch, seat: str, policies: list[str], progress: bool = True) -> dict:
    entries = [play(batch, seat, p, progress) for p in policies]
    first = entries[0]
    out = {"scenario": batch.scenario.world.id, "seat": seat, "games": batch.games,
           "seed": batch.seed, "policies": {}}
    for e in entries:
        row = e.row()
        if e is not first:
            diff, se = e.versus(first)
            row[f"vs_{first.policy}"] = {"mean": round(diff, 3), "se": round(se, 3)}
        out["policies"][e.policy] = row
    return out


def table(result: dict) -> str:
    lines = [f"{result['scenario']}, seat {result['seat']}: {result['games']} games from seed "
             f"{result['seed']}, each policy on the same seeds",
             f"{'policy':32} {'mean ± SE':>16} {'wins':>6} {'catastr.':>8} {'rank':>5}"]
    for name, r in result["policies"].items():
        lines.append(f"{name:32} {r['mean_score']:8.1f} ± {r['se']:5.1f} "
                     f"{r['win_rate']:6.1%} {r['catastrophe_rate']:8.1%} {r['mean_rank']:5.2f}")
    return "\n".join(lines)
