"""Line charts drawn with pygame: on the debrief screen and as PNGs for the export.

Every colour comes from the player's palette (game/ui/look.py): its background,
edge, text and muted colours, "bad" for the catastrophe line, and "series" for
the lines themselves.
"""

from __future__ import annotations

from collections.abc import Mapping

import pygame

MARKERS = ("circle", "square", "triangle", "diamond")  # a second cue besides colour


def line_chart(size: tuple[int, int], title: str, labels: tuple[str, ...],
               series: list[tuple[float, ...]], font: pygame.font.Font,
               palette: Mapping, line: float | None = None) -> pygame.Surface:
    """`series[round][k]`: one line per label k over the rounds."""
    w, h = size
    surface = pygame.Surface(size)
    surface.fill(palette["background"])
    left, right, top, bottom = 48, 130, 28, 26
    plot = pygame.Rect(left, top, w - left - right, h - top - bottom)
    pygame.draw.rect(surface, palette["panel_edge"], plot, 1)
    surface.blit(font.render(title, True, palette["text"]), (left, 4))
    values = [v for row in series for v in row] + ([line] if line is not None else [])
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
    if hi - lo < 1e-9:
        hi = lo + 1
    n = max(1, len(series) - 1)

    def at(i: int, value: float) -> tuple[float, float]:
        return (plot.x + plot.width * i / n,
                plot.bottom - plot.height * (value - lo) / (hi - lo))

    for tick in (lo, (lo + hi) / 2, hi):
        y = at(0, tick)[1]
        surface.blit(font.render(f"{tick:.0f}", True, palette["muted"]), (4, y - 8))
    if line is not None:
        y = at(0, line)[1]
        pygame.draw.line(surface, palette["bad"], (plot.x, y), (plot.right, y), 1)
        surface.blit(font.render("catastrophe line", True, palette["bad"]),
                     (plot.right - 110, y + 4))
    colours = palette["series"]
    for k, label in enumerate(labels):
        colour = colours[k % len(colours)]
        points = [at(i, row[k]) for i, row in enumerate(series)]
        if len(points) > 1:
            pygame.draw.lines(surface, colour, False, points, 2)
        shape = MARKERS[k % len(MARKERS)]
        for p in points:
            _marker(surface, colour, p, shape)
        _marker(surface, colour, (plot.right + 12, top + 18 * k + 8), shape)
        surface.blit(font.render(label, True, colour), (plot.right + 22, top + 18 * k))
    surface.blit(font.render("month", True, palette["muted"]), (plot.centerx - 20, plot.bottom + 4))
    return surface


def _marker(surface, colour, at, shape: str, r: int = 4) -> None:
    x, y = at
    if shape == "circle":
        pygame.draw.circle(surface, colour, (x, y), r)
    elif shape == "square":
        pygame.draw.rect(surface, colour, (x - r, y - r, 2 * r, 2 * r))
    elif shape == "triangle":
        pygame.draw.polygon(surface, colour, [(x, y - r), (x + r, y + r), (x - r, y + r)])
    else:
        pygame.draw.polygon(surface, colour, [(x, y - r), (x + r, y), (x, y + r), (x - r, y)])
