"""The rules: pure Python and numpy. No pygame, no YAML, no files, no clocks.

The public surface other packages use: `new_game`, `apply`, `legal_actions`,
`view`, `digest`, the action classes and `IllegalAction`.
"""

from game.core.codec import digest
from game.core.engine import apply, new_game
from game.core.legal import legal_actions, menu
from game.core.state import GameState, IllegalAction
from game.core.view import PlayerView, view

__all__ = [
    "GameState", "IllegalAction", "PlayerView", "apply", "digest", "legal_actions", "menu",
    "new_game", "view",
]
