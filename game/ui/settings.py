"""Settings the player changes in the window, kept in settings.json in the per-user folder."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from game.paths import settings_file
from game.persistence import write_atomic

SETTINGS_PATH = settings_file()


@dataclass
class Settings:
    width: int = 1280
    height: int = 720
    fullscreen: bool = False
    ui_scale: float = 1.0  # 0.8 - 1.5: text and widgets grow together
    palette: str = "standard"  # or "colour_blind"
    sound: bool = True
    tutorial_offered: bool = False  # the first launch offers the tutorial, once

    @classmethod
    def load(cls, path: Path = SETTINGS_PATH) -> Settings:
        """Unreadable or odd settings fall back to defaults, key by key."""
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            return cls()
        defaults = cls()
        kept = {}
        for f in fields(cls):
            value = data.get(f.name) if isinstance(data, dict) else None
            if isinstance(value, type(getattr(defaults, f.name))):
                kept[f.name] = value
        settings = cls(**kept)
        settings.ui_scale = min(1.5, max(0.8, float(settings.ui_scale)))
        return settings

    def save(self, path: Path = SETTINGS_PATH) -> None:
        write_atomic(path, json.dumps(asdict(self), indent=2).encode())
