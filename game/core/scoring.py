"""R29-R31: nations' security, agencies' scores, the catastrophe line and the winner."""

from __future__ import annotations

import numpy as np

from game.core.state import GameState


def scores(state: GameState) -> np.ndarray:
    """R30: weighted own-nation security + operation and originator credit + reputation."""
    v = state.world.victory
    nations = np.array([state.nation_of(a) for a in range(state.n_agencies)])
    return (v.security * state.security[nations] + v.contribution * state.credit
            + v.reputation * state.reputation())


def catastrophe_reached(state: GameState) -> bool:
    """R31: total damage at the scenario's line means liaison failed for everyone."""
    return state.damage >= state.world.victory.catastrophe


def winners(state: GameState) -> list[int]:
    """R31: nobody after a catastrophe; else the highest score (ties share the win)."""
    if state.catastrophe:
        return []
    s = scores(state)
    best = s.max()
    return [a for a in range(state.n_agencies) if s[a] >= best - 1e-9]
