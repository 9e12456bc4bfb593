"""Line charts drawn with pygame: on the debrief screen and as PNGs for the export.

Every colour comes from the player's palette (game/ui/look.py): its background,
edge, text and muted colours, "bad" for the catastrophe line, and "series" for
the lines themselves.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pygame

MARKERS = ("circle", "square", "triangle", "diamond")  # a second cue besides colour
CATASTROPHE = "catastrophe line"


def line_chart(size: tuple[int, int], title: str, labels: tuple[str, ...],
               series: list[tuple[float, ...]], months: Sequence[str], font: pygame.font.Font,
               palette: Mapping, line: float | None = None) -> pygame.Surface:
    """`series[round][k]`: one line per label k over the rounds; `months`: each round's
    month, as short as it can be ("Mar 2020"), labelled as often as they fit."""
    w, h = size
    surface = pygame.Surface(size)
    surface.fill(palette["background"])
    # The legend gets the room its longest label needs: a team's is three names long,
    # and the catastrophe line is named there too, clear of the plotted points.
    names = (*labels, *((CATASTROPHE,) if line is not None else ()))
    right = max(90, max((font.size(label)[0] for label in names), default=0) + 34)
    left, top, bottom = 48, 28, 26
    plot = pygame.Rect(left, top, w - left - right, h - top - bottom)
    pygame.draw.rect(surface, palette["panel_edge"], plot, 1)
    surface.blit(font.render(title, True, palette["text"]), (left, 4))
    values = [v for row in series for v in row] + ([line] if line is not None else [])
    ticks = nice_ticks(*((min(values), max(values)) if values else (0.0, 1.0)))
    lo, hi = ticks[0], ticks[-1]
    n = max(1, len(series) - 1)

    def at(i: int, value: float) -> tuple[float, float]:
        return (plot.x + plot.width * i / n,
                plot.bottom - plot.height * (value - lo) / (hi - lo))

    for tick in ticks:
        y = at(0, tick)[1]
        surface.blit(font.render(f"{tick:g}", True, palette["muted"]), (4, y - 8))
    if lo < 0 < hi:  # where a score turns negative
        y = at(0, 0.0)[1]
        pygame.draw.line(surface, palette["panel_edge"], (plot.x, y), (plot.right, y), 1)
    _month_ticks(surface, plot, months, font, palette["muted"])
    if line is not None:
        y = at(0, line)[1]
        pygame.draw.line(surface, palette["bad"], (plot.x, y), (plot.right, y), 1)
        key_y = top + 18 * len(labels) + 8  # a legend entry of its own, under the series
        pygame.draw.line(surface, palette["bad"], (plot.right + 6, key_y),
                         (plot.right + 18, key_y), 2)
        surface.blit(font.render(CATASTROPHE, True, palette["bad"]), (plot.right + 22, key_y - 8))
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
    return surface


def nice_ticks(lo: float, hi: float, most: int = 6) -> list[float]:
    """Round values from below `lo` to above `hi`, at most `most` of them, a step of 1, 2,
    2.5 or 5 times a power of ten apart: an axis of 296, 111 and -73 (the data's own
    ends) was hard to read (a playtest)."""
    if hi - lo < 1e-6 * max(1.0, abs(lo), abs(hi)):  # a flat line: a unit either side
        lo, hi = lo - 1, hi + 1
    exponent = math.floor(math.log10((hi - lo) / (most - 1)))
    steps = (m * 10.0 ** e for e in range(exponent, exponent + 3) for m in (1, 2, 2.5, 5))
    step = next(s for s in steps if math.ceil(hi / s) - math.floor(lo / s) + 1 <= most)
    first, last = math.floor(lo / step), math.ceil(hi / step)
    return [round(k * step, 10) + 0.0 for k in range(first, last + 1)]


def _month_ticks(surface: pygame.Surface, plot: pygame.Rect, months: Sequence[str],
                 font: pygame.font.Font, colour: str | pygame.Color) -> None:
    """Label every k-th month under the plot, k as small as lets the labels not touch;
    the first month is always labelled."""
    if not months:
        return
    n = max(1, len(months) - 1)
    room = max(font.size(m)[0] for m in months) + 12
    step = next(k for k in range(1, len(months) + 1)
                if plot.width * k / n >= room or k == len(months))
    shown = list(range(0, len(months), step))
    if shown[-1] != len(months) - 1 and (len(months) - 1 - shown[-1]) * plot.width / n >= room:
        shown.append(len(months) - 1)  # the last month too, when it does not crowd
    for i in shown:
        x = plot.x + plot.width * i / n
        pygame.draw.line(surface, colour, (x, plot.bottom), (x, plot.bottom + 3), 1)
        label = font.render(months[i], True, colour)
        left = min(max(0, x - label.get_width() / 2), surface.get_width() - label.get_width())
        surface.blit(label, (left, plot.bottom + 5))


def short_month(month: str) -> str:
    """'March 2020' -> 'Mar 2020': a month label short enough to label a chart's axis."""
    name, _, year = month.rpartition(" ")
    return f"{name[:3]} {year}" if name else month


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
