"""Every test runs with its own per-user folder, so that no test reads the player's
saves or mods, or writes into their home or the checkout. Set before any game
module is imported: game/persistence.py keeps its folders in constants."""

import atexit
import os
import shutil
import tempfile

os.environ["NFL_DATA_DIR"] = tempfile.mkdtemp(prefix="nfl-test-data-")
atexit.register(shutil.rmtree, os.environ["NFL_DATA_DIR"], ignore_errors=True)
