"""R29-R31: nations' security, agencies' scores, the catastrophe line and the winner.

An agency is scored on its own part (docs/rules.md, R30): credit for the threats
it helped foil, by the reports it originated and the cost it paid, less blame
for threats that struck while it sat on its own reports. Agencies of one nation
play as a team: they share one score, their parts summed and scaled by their
combined budget, so that a small service that pulls its weight can win and
helping a compatriot never helps a rival.
"""

from __future__ import annotations

import numpy as np

from game.core.records import Mark
from game.core.state import GameState


def lateness(state: GameState) -> float:
    """R30: credit and blame grow through the game, so a trailing agency can still catch
    up in the last months: x1 in the first month, x(1 + late_weight) in the last."""
    rounds = state.world.rounds
    progress = (state.round - 1) / (rounds - 1) if rounds > 1 else 1.0
    return 1.0 + state.rules.scoring.late_weight * progress


def parts(state: GameState) -> np.ndarray:
    """Each agency's own part: credit earned less blame."""
    return state.credit - state.blame


def scores(state: GameState) -> np.ndarray:
    """R30: the nation team's summed parts per unit of budget (scaled to the scenario's
    mean budget), plus weighted nation security and the team's mean reputation."""
    v = state.world.victory
    world = state.world
    nations = np.asarray(world.agency_nations)
    n = len(world.nations)
    budgets = np.array([a.budget for a in world.agencies])
    members = np.bincount(nations, minlength=n)
    team_budget = np.bincount(nations, weights=budgets, minlength=n)
    team_part = np.bincount(nations, weights=parts(state), minlength=n)
    scale = budgets.mean() / np.where(team_budget > 0, team_budget, 1.0)
    reputation = np.bincount(nations, weights=state.reputation(), minlength=n) / \
        np.maximum(members, 1)
    team = (v.contribution * team_part * scale + v.security * state.security
            + v.reputation * reputation)
    return team[nations]


def part_weight(state: GameState) -> np.ndarray:
    """R30: what one point of an agency's part (credit or blame) is worth to its team's
    score: the contribution weight per unit of the team's budget, as in `scores`."""
    world = state.world
    nations = np.asarray(world.agency_nations)
    budgets = np.array([a.budget for a in world.agencies])
    team_budget = np.bincount(nations, weights=budgets, minlength=len(world.nations))
    scale = budgets.mean() / np.where(team_budget > 0, team_budget, 1.0)
    return world.victory.contribution * scale[nations]


def team_reputation(state: GameState) -> np.ndarray:
    """R30: per agency, the mean reputation of its nation's team, as in `scores`."""
    world = state.world
    nations = np.asarray(world.agency_nations)
    n = len(world.nations)
    members = np.bincount(nations, minlength=n)
    return (np.bincount(nations, weights=state.reputation(), minlength=n)
            / np.maximum(members, 1))[nations]


def mark(state: GameState, agency: int) -> Mark:
    """The agency's numbers as its month begins: the monthly report runs from one mark
    to the next, and its lines add up to the difference (game.core.report)."""
    return Mark(state.round, agency, len(state.journal), len(state.log),
                float(state.budget[agency]), float(scores(state)[agency]),
                float(state.security[state.nation_of(agency)]),
                float(team_reputation(state)[agency]))


def standings(state: GameState) -> np.ndarray:
    """R31: each agency's share of its team's target (its objective): what the winner
    and the standings are judged by, so that every seat is measured against its own part."""
    return scores(state) / np.asarray(state.world.targets)


def catastrophe_reached(state: GameState) -> bool:
    """R31: total damage at the scenario's line means liaison failed for everyone."""
    return state.damage >= state.world.victory.catastrophe


def winners(state: GameState) -> list[int]:
    """R31: nobody after a catastrophe; else the playable agencies that reached the largest
    share of their target (a nation's agencies share theirs, and with it the win)."""
    if state.catastrophe:
        return []
    s = standings(state)
    playable = state.world.contenders
    best = max(s[a] for a in playable)
    return [a for a in playable if s[a] >= best - 1e-9]
