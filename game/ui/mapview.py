"""The board's map: region polygons from a map file, threat markers, own programmes.

A scenario names its map (`map:`, default `world`); a mod may bring its own map
file (game/scenario/mods.py finds it), and a map that cannot be found is drawn
as the world map. A region no map draws still appears, as a box in a strip along the
bottom, so a modder's new region is never invisible.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import pygame

from game.core.spec import World
from game.core.view import PlayerView, ThreatView
from game.paths import ASSETS_DIR
from game.scenario.mods import check_map, map_file
from game.ui.look import Look

KIND_SHAPES = {"terrorism": "triangle", "proliferation": "diamond", "cyber": "square",
               "instability": "circle"}


@cache
def map_data(name: str) -> dict:
    """A mod's map that has gone missing or broken since its game was saved is drawn as
    the world map; the loader refuses a new game with a broken map."""
    path = map_file(name)
    if path is None or check_map(path):
        path = ASSETS_DIR / "maps" / "world.json"
    return json.loads(path.read_text())


@dataclass
class Marker:
    rect: pygame.Rect
    threat: ThreatView
    tip: str


def urgency(tv: ThreatView, round_no: int) -> tuple[str, str]:
    """(colour name, label): the label carries the meaning the colour also shows."""
    left = tv.threat.deadline - round_no
    if left <= 0:
        return "urgent", "strikes this month"
    if left <= 2:
        return "soon", f"{left + 1} months left"
    return "later", f"{left + 1} months left"


class MapView:
    def __init__(self, world: World, rect: pygame.Rect, look: Look):
        self.world, self.rect, self.look = world, rect, look
        data = map_data(world.map)
        w, h = data["size"]
        scale = min(rect.width / w, (rect.height - 60) / h)
        ox = rect.x + (rect.width - w * scale) / 2
        oy = rect.y + 8
        self.polygons: dict[int, list[tuple[float, float]]] = {}
        loose = []
        for i, region in enumerate(world.regions):
            pts = data["regions"].get(region.id)
            if pts:
                self.polygons[i] = [(ox + x * scale, oy + y * scale) for x, y in pts]
            else:
                loose.append(i)
        # Regions the map does not draw: boxes in a strip along the bottom.
        box_w = min(160, rect.width // max(1, len(loose)) - 8) if loose else 0
        for n, i in enumerate(loose):
            x0, y0 = rect.x + 8 + n * (box_w + 8), rect.bottom - 56
            self.polygons[i] = [(x0, y0), (x0 + box_w, y0), (x0 + box_w, y0 + 48), (x0, y0 + 48)]
        self.markers: list[Marker] = []

    def centre(self, region: int) -> tuple[int, int]:
        pts = self.polygons[region]
        return (round(sum(p[0] for p in pts) / len(pts)), round(sum(p[1] for p in pts) / len(pts)))

    def draw(self, surface: pygame.Surface, v: PlayerView | None, draw_text) -> None:
        look = self.look
        pygame.draw.rect(surface, look.colour("sea"), self.rect)
        for pts in self.polygons.values():
            pygame.draw.polygon(surface, look.colour("land"), pts)
            pygame.draw.polygon(surface, look.colour("land_edge"), pts, 2)
        for i in self.polygons:
            cx, cy = self.centre(i)
            draw_text(surface, self.world.regions[i].name, (cx, cy - 22), 13, "muted", True,
                      None, True)
            if v is not None:
                levels = [f"{d[0]}{int(v.orders[i, k])}"
                          for k, d in enumerate(self.world.rules.discipline_ids)
                          if v.orders[i, k]]
                if levels:
                    draw_text(surface, " ".join(levels), (cx, cy - 6), 12, "own", True, None,
                              True)
        self.markers = []
        if v is None:
            return
        by_region: dict[int, list[ThreatView]] = {}
        for tv in v.threats:
            by_region.setdefault(tv.threat.region, []).append(tv)
        for region, tvs in by_region.items():
            cx, cy = self.centre(region)
            for n, tv in enumerate(tvs):
                x = cx - (len(tvs) - 1) * 13 + n * 26
                self._marker(surface, tv, (x, cy + 20), v, draw_text)

    def legend(self, surface, at, draw_text) -> None:
        """Shapes for kinds, colours and numbers for urgency, in words as well."""
        x, y = at
        for kind, shape in KIND_SHAPES.items():
            self.shape(surface, shape, (x + 6, y + 8), self.look.colour("muted"), 6)
            draw_text(surface, kind, (x + 16, y), 12, "muted", False, None, False)
            x += 16 + self.look.font(12).size(kind)[0] + 14
        draw_text(surface, "number: months left; ring: soon; double ring: strikes this month",
                  (x + 6, y), 12, "muted", False, None, False)

    def shape(self, surface, shape: str, at, colour, r: int) -> None:
        x, y = at
        if shape == "triangle":
            pts = [(x, y - r), (x + r, y + r), (x - r, y + r)]
        elif shape == "diamond":
            pts = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
        elif shape == "square":
            pts = [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]
        else:
            pts = None
        if pts:
            pygame.draw.polygon(surface, colour, pts)
            pygame.draw.polygon(surface, self.look.colour("background"), pts, 1)
        else:
            pygame.draw.circle(surface, colour, (x, y), r)

    def _marker(self, surface, tv: ThreatView, at, v: PlayerView, draw_text) -> None:
        round_no = v.round
        colour_name, label = urgency(tv, round_no)
        colour = self.look.colour(colour_name)
        x, y = at
        r = self.look.px(9)
        if colour_name != "later":  # urgency as a shape too: a ring, doubled when it strikes
            pygame.draw.circle(surface, colour, (x, y), r + self.look.px(5), 2)
            if colour_name == "urgent":
                pygame.draw.circle(surface, colour, (x, y), r + self.look.px(9), 2)
        self.shape(surface, KIND_SHAPES.get(tv.threat.kind, "circle"), at, colour, r)
        left = max(0, tv.threat.deadline - round_no) + 1
        draw_text(surface, f"{left}", (x, y + r + 1), 12, colour_name, True, None, True)
        rect = pygame.Rect(x - r, y - r, 2 * r, 2 * r + 14)
        tip = (f"{v.threat_name(tv.threat.id)} ({tv.threat.kind}, severity "
               f"{tv.threat.severity}): {label}; picture {tv.picture.coverage:.0%}. "
               f"Click to operate.")
        self.markers.append(Marker(rect, tv, tip))

    def marker_at(self, pos) -> Marker | None:
        return next((m for m in self.markers if m.rect.collidepoint(pos)), None)

    def region_at(self, pos) -> int | None:
        """The region whose shape holds `pos` (the last drawn wins, as it is on top)."""
        if not self.rect.collidepoint(pos):
            return None
        hit = None
        for i, pts in self.polygons.items():
            if inside(pos, pts):
                hit = i
        return hit


def inside(pos, pts) -> bool:
    """Whether a point lies inside a polygon (even-odd rule)."""
    x, y = pos
    hit = False
    j = len(pts) - 1
    for i in range(len(pts)):
        (xi, yi), (xj, yj) = pts[i], pts[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            hit = not hit
        j = i
    return hit
