"""The window: pygame-ce and pygame_gui scenes that render one seat's view."""

import os

# pygame prints a banner on import; it would corrupt `bench`'s JSON on stdout.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
