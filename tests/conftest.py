"""Every test runs with its own per-user folder, so that no test reads the player's
saves or mods, or writes into their home or the checkout, and without a display.
Set before any game module is imported: game/persistence.py keeps its folders in
constants, and SDL reads its drivers when pygame starts."""

import atexit
import os
import shutil
import tempfile

os.environ["NFL_DATA_DIR"] = tempfile.mkdtemp(prefix="nfl-test-data-")
atexit.register(shutil.rmtree, os.environ["NFL_DATA_DIR"], ignore_errors=True)
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
