"""The window: pygame-ce and pygame_gui scenes that render one seat's view."""

import os

# pygame prints a banner on import; it would corrupt `bench`'s JSON on stdout.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

# Every module that registers a scene (game/ui/scenes.py), so that the registry is full
# whichever part of the window is imported first.
from game.ui import board, campaign, debrief, menus, prompts  # noqa: F401
