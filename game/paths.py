"""Where the game reads and writes: shipped content, per-user folders, a checkout's drop folder.

Shipped content (scenarios, maps, the theme, the player's and modder's guides)
lives inside the package, in game/content/, and is found through
importlib.resources so that an installed game runs from any directory. What a
player makes (saves, autosaves, settings, debrief exports) and the mods they
add live in one per-user folder from platformdirs, never inside the install or
the checkout. `NFL_DATA_DIR` (or `--data-dir`, which sets it) moves that folder:
for a classroom's shared drive, a portable copy, and the tests, which always use
a temporary one.

The per-user folder is read from the environment on every call rather than once
at import, so `--data-dir` holds as long as it is set before a module that keeps
a folder in a constant (game/persistence.py) is imported, and worker processes
inherit it.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from platformdirs import user_data_path

APP = "no-free-lunches"
DATA_DIR_VARIABLE = "NFL_DATA_DIR"


def _content(name: str) -> Path:
    """A folder of game/content. Wheels install unpacked, so it is a real folder."""
    resource = files("game") / "content" / name
    if not isinstance(resource, Path):
        raise RuntimeError(f"the game's content must be installed as files, not {resource!r}")
    return resource


SCENARIO_DIR = _content("scenarios")
ASSETS_DIR = _content("assets")
DOCS_DIR = _content("docs")

# A checkout (the folder holding pyproject.toml beside game/) keeps a scenarios/ folder
# where scenario files dropped in show up in the game (DESIGN §3). An install has none.
_CHECKOUT = Path(__file__).resolve().parents[1]
DROP_DIR: Path | None = (_CHECKOUT / "scenarios"
                         if (_CHECKOUT / "pyproject.toml").is_file() else None)


def data_dir() -> Path:
    """The per-user folder: NFL_DATA_DIR if set, else the platform's user data folder
    (~/.local/share/no-free-lunches on Linux, ~/Library/Application Support/no-free-lunches
    on macOS, %LOCALAPPDATA%\\no-free-lunches on Windows)."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    return Path(override).expanduser() if override else user_data_path(APP, appauthor=False)


def save_dir() -> Path:
    return data_dir() / "saves"


def autosave_dir() -> Path:
    return save_dir() / "autosave"


def settings_file() -> Path:
    return data_dir() / "settings.json"


def debrief_dir() -> Path:
    return data_dir() / "debriefs"


def mods_dir() -> Path:
    return data_dir() / "mods"
