"""Colours, fonts and the pygame_gui theme, scaled by the UI-scale setting.

Colour is never the only cue: threat urgency also has a shape and a label,
and the colour-blind palette (Okabe-Ito) keeps every pair distinguishable.
"""

from __future__ import annotations

import json
import warnings
from functools import cache
from pathlib import Path

import pygame
import pygame_gui

from game.paths import ASSETS_DIR
from game.ui.settings import Settings

FONT_DIR = Path(pygame_gui.__file__).parent / "data"

# The lines of the debrief's charts, one per agency (Okabe-Ito, distinguishable for every
# common kind of colour blindness; each line also has its own marker shape).
SERIES = ("#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7",
          "#999999", "#ffffff")

PALETTES = {
    "standard": {
        "background": "#0f1720", "panel": "#17212b", "panel_edge": "#2b3a48",
        "text": "#e6edf3", "muted": "#8b9bab", "accent": "#4fa3e0", "good": "#3fb950",
        "warn": "#d29922", "bad": "#f85149", "sea": "#0c2233", "land": "#243646",
        "land_edge": "#3d566b", "own": "#4fa3e0", "urgent": "#f85149", "soon": "#d29922",
        "later": "#3fb950", "series": SERIES,
    },
    "colour_blind": {  # Okabe-Ito
        "background": "#101418", "panel": "#1b2128", "panel_edge": "#39424d",
        "text": "#f0f0f0", "muted": "#a0a8b0", "accent": "#56b4e9", "good": "#009e73",
        "warn": "#e69f00", "bad": "#d55e00", "sea": "#0d1b26", "land": "#2a333c",
        "land_edge": "#56606b", "own": "#56b4e9", "urgent": "#d55e00", "soon": "#e69f00",
        "later": "#009e73", "series": SERIES,
    },
}


@cache
def _font(size: int, bold: bool) -> pygame.font.Font:
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    return pygame.font.Font(FONT_DIR / name, size)


class Look:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.scale = settings.ui_scale
        self.palette = PALETTES.get(settings.palette, PALETTES["standard"])

    def colour(self, name: str) -> pygame.Color:
        return pygame.Color(self.palette.get(name, name))

    def px(self, value: float) -> int:
        return round(value * self.scale)

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        return _font(self.px(size), bold)

    def draw_text(self, surface, text, pos, size=16, colour="text", bold=False, width=None,
                  centre=False) -> int:
        font = self.font(size, bold)
        colour = self.colour(colour) if isinstance(colour, str) else colour
        lines = wrap(font, text, width) if width else [text]
        x, y = pos
        for line in lines:
            image = font.render(line, True, colour)
            at = (x - image.get_width() // 2, y) if centre else (x, y)
            surface.blit(image, at)
            y += font.get_linesize()
        return y - pos[1]

    def gui_theme(self) -> dict:
        """The shipped JSON theme, with colours from the palette and sizes scaled."""
        theme = json.loads((ASSETS_DIR / "theme.json").read_text())
        p = self.palette

        def fill(node):
            if isinstance(node, dict):
                return {k: fill(v) for k, v in node.items()}
            if isinstance(node, str) and node.startswith("$"):
                return p[node[1:]]
            return node

        theme = fill(theme)
        for block in theme.values():
            font = block.get("font")
            if font:
                font["size"] = str(self.px(int(font["size"])))
            misc = block.get("misc", {})
            for key in ("list_item_height", "rect_width"):  # these grow with their text:
                if key in misc:  # at 150% a 170-pixel tooltip ran taller than the window
                    misc[key] = str(self.px(int(misc[key])))
        return theme

    def preload(self, manager: pygame_gui.UIManager) -> None:
        """Load the fonts text boxes use up front, so no frame stalls on a first use."""
        sizes = {self.px(s) for s in (12, 13, 14, 16, 18, 20, 24)}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the theme may have loaded some already
            manager.preload_fonts([
                {"name": "noto_sans", "point_size": s, "style": style}
                for s in sizes for style in ("regular", "bold", "italic")
            ])


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            trial = f"{line} {word}".strip()
            if font.size(trial)[0] <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines
