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


# Where a label or a row of markers may go around its anchor, nearest first: in units
# of its own half-width across and its own height down. A label tries every size at
# one distance before it moves further from its region.
NEAR = (((0, 0),), ((0, 1), (0, -1), (-1, 0), (1, 0)), ((-1, 1), (1, 1), (-1, -1), (1, -1)),
        ((0, 2), (0, -2), (-2, 0), (2, 0)), ((0, 3), (-2, 1), (2, 1), (-2, -1), (2, -1)))
# Below the map, after the shapes of the plot kinds: what urgency's rings and numbers
# mean, and the tags under region names (a playtester read "H2" as a plot with two
# months left). Short items, so that they flow into rows on a narrow map.
LEGEND = ("number: months left", "ring: soon", "double ring: strikes this month",
          "H2 under a region: your HUMINT programme, level 2")
LABEL_SIZES = ((13, 12), (11, 11), (10, 10))  # region name, programme levels


def urgency(tv: ThreatView, round_no: int) -> tuple[str, str]:
    """(colour name, label): the label carries the meaning the colour also shows. A plot
    due after the game's last month says so: a playtester read "8 months left" in the
    last month as not worth acting on, when a foil then earns the most."""
    left = tv.threat.deadline - round_no
    if tv.after_end:
        return "later", "due after the game ends"
    if left <= 0:
        return "urgent", "strikes this month"
    if left <= 2:
        return "soon", f"{left + 1} months left"
    return "later", f"{left + 1} months left"


class MapView:
    """Lays the map out in its rectangle and draws it: region labels first, each where
    it overlaps no other, then each region's threat markers in a row near its label,
    where they cover no label and no other marker. `placed` keeps what was drawn where,
    for the tests. `legend`: leave room at the bottom for the board's legend."""

    def __init__(self, world: World, rect: pygame.Rect, look: Look, legend: bool = True):
        self.world, self.rect, self.look = world, rect, look
        px = look.px
        data = map_data(world.map)
        outlines = {i: data["regions"][r.id] for i, r in enumerate(world.regions)
                    if data["regions"].get(r.id)}
        loose = [i for i in range(len(world.regions)) if i not in outlines]
        # Room for the legend with every kind of plot in it: which kinds a scenario's
        # script may spawn is its secret, so the room does not depend on them.
        self._rows: dict[frozenset[str], list] = {}  # the legend's rows, per set of kinds
        rows = len(self._legend_rows(frozenset(KIND_SHAPES))) if legend else 0
        bottom = rect.bottom - (rows * look.font(12).get_linesize() + px(10) if legend else 0)
        strip = 56 if loose else 0
        self.area = pygame.Rect(rect.x, rect.y, rect.width, bottom - rect.y)
        # The regions the scenario uses fill the view, with room around them for their
        # labels: a scenario of one continent is not drawn at the scale of the world.
        xs = [x for pts in outlines.values() for x, _ in pts] or [0, data["size"][0]]
        ys = [y for pts in outlines.values() for _, y in pts] or [0, data["size"][1]]
        x0, y0 = min(xs), min(ys)
        w, h = max(1, max(xs) - x0), max(1, max(ys) - y0)
        room = pygame.Rect(rect.x + px(24), rect.y + px(24), rect.width - px(48),
                           self.area.height - strip - px(48))
        scale = max(0.05, min(room.width / w, room.height / h))
        ox = room.x + (room.width - w * scale) / 2 - x0 * scale
        oy = room.y + (room.height - h * scale) / 2 - y0 * scale
        self.polygons: dict[int, list[tuple[float, float]]] = {
            i: [(ox + x * scale, oy + y * scale) for x, y in pts] for i, pts in outlines.items()}
        # Regions the map does not draw: boxes in a strip along the bottom.
        box_w = min(160, rect.width // max(1, len(loose)) - 8) if loose else 0
        for n, i in enumerate(loose):
            bx, by = rect.x + 8 + n * (box_w + 8), bottom - 56
            self.polygons[i] = [(bx, by), (bx + box_w, by), (bx + box_w, by + 48), (bx, by + 48)]
        self.markers: list[Marker] = []
        self.placed: list[tuple[str, pygame.Rect]] = []

    def centre(self, region: int) -> tuple[int, int]:
        pts = self.polygons[region]
        return (round(sum(p[0] for p in pts) / len(pts)), round(sum(p[1] for p in pts) / len(pts)))

    def _area(self, region: int) -> float:
        pts = self.polygons[region]
        return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1)
                       in zip(pts, pts[1:] + pts[:1], strict=True))) / 2

    def _place(self, size: tuple[int, int], anchor: tuple[int, int], taken,
               offsets=tuple(o for ring in NEAR for o in ring)) -> pygame.Rect | None:
        """The first spot of `offsets` around the anchor that lies inside the map and
        overlaps nothing taken."""
        w, h = size
        gap = self.look.px(2)
        for dx, dy in offsets:
            spot = pygame.Rect(0, 0, w, h)
            spot.center = (anchor[0] + dx * (w // 2 + gap), anchor[1] + dy * (h + gap))
            if self.area.contains(spot) and spot.collidelist(taken) < 0:
                return spot
        return None

    def _levels(self, v: PlayerView | None, region: int) -> str:
        if v is None:
            return ""
        return " ".join(f"{d[0]}{int(v.orders[region, k])}"
                        for k, d in enumerate(self.world.rules.discipline_ids)
                        if v.orders[region, k])

    def _label(self, v, region: int, taken) -> tuple[pygame.Rect, list[tuple[str, int, str]]]:
        """A region's name and our programme levels there, at the largest size that fits
        somewhere near the region's centre without covering another label."""
        name, levels = self.world.regions[region].name, self._levels(v, region)
        cx, cy = self.centre(region)
        blocks = []
        for big, small in LABEL_SIZES:
            lines = [(name, big, "muted")] + ([(levels, small, "own")] if levels else [])
            fonts = [self.look.font(size, True) for _, size, _ in lines]
            size = (max(f.size(text)[0] for f, (text, _, _) in zip(fonts, lines, strict=True)),
                    sum(f.get_linesize() for f in fonts))
            blocks.append((size, lines))
        # Near its region first, a label that lies across no other region's outline
        # (found in a playtest: "British Isles" across Europe on a small preview); then
        # anywhere free of other labels.
        others = [pts for i, pts in self.polygons.items() if i != region]
        for rings, clear in ((NEAR[:3], others), (NEAR, [])):
            for ring in rings:
                for size, lines in blocks:
                    for offset in ring:
                        spot = self._place(size, (cx, cy - size[1] // 2), taken, (offset,))
                        if spot is not None and not any(crosses(spot, p) for p in clear):
                            return spot, lines
        spot = pygame.Rect(0, 0, *size)  # nowhere free even at the smallest size
        spot.center = (cx, cy)
        return spot, lines

    def draw(self, surface: pygame.Surface, v: PlayerView | None, draw_text) -> None:
        look = self.look
        pygame.draw.rect(surface, look.colour("sea"), self.rect)
        for pts in self.polygons.values():
            pygame.draw.polygon(surface, look.colour("land"), pts)
            pygame.draw.polygon(surface, look.colour("land_edge"), pts, 2)
        self.placed = []
        self.labels: dict[int, pygame.Rect] = {}  # each region's label, where drawn
        labels = self.labels
        for i in sorted(self.polygons, key=self._area):  # small regions choose first
            spot, lines = self._label(v, i, [r for _, r in self.placed])
            labels[i] = spot
            self.placed.append(("label", spot))
            y = spot.y
            for text, size, colour in lines:
                draw_text(surface, text, (spot.centerx, y), size, colour, True, None, True)
                y += look.font(size, True).get_linesize()
        self.markers = []
        if v is None:
            return
        by_region: dict[int, list[ThreatView]] = {}
        for tv in sorted(v.threats, key=lambda t: (t.threat.deadline, t.threat.id)):
            by_region.setdefault(tv.threat.region, []).append(tv)
        outer = self._outer()
        cell = (2 * outer, 2 * outer + look.font(12, True).get_linesize())
        for region, tvs in sorted(by_region.items()):
            label = labels.get(region)
            width = len(tvs) * cell[0]
            anchor = (label.centerx, label.bottom + cell[1] // 2 + look.px(2)) if label \
                else self.centre(region)
            row = self._place((width, cell[1]), anchor, [r for _, r in self.placed])
            if row is None:  # nowhere free: below the label, over whatever is there
                row = pygame.Rect(0, 0, width, cell[1])
                row.center = anchor
                row.clamp_ip(self.area)  # but never over the legend
            for n, tv in enumerate(tvs):
                box = pygame.Rect(row.x + n * cell[0], row.y, *cell)
                self.placed.append(("marker", box))
                self._marker(surface, tv, box, v, draw_text)

    def _outer(self) -> int:
        """The radius a marker takes with its rings: the shape, two rings, and a pixel."""
        return self.look.px(8) + self.look.px(7) + 1

    def _legend_rows(self, kinds: frozenset[str]) -> list[list[tuple[str | None, str, int]]]:
        """The legend's items (a kind's shape and name, then `LEGEND`) flowed into rows as
        wide as the map: (shape or None, text, x offset) per item. Measured once per set
        of kinds, not every frame."""
        if kinds in self._rows:
            return self._rows[kinds]
        px, font = self.look.px, self.look.font(12)
        items = [(KIND_SHAPES[k], k) for k in KIND_SHAPES if k in kinds]
        items += [(None, text) for text in LEGEND]
        rows: list[list[tuple[str | None, str, int]]] = [[]]
        x, limit = 0, self.rect.width - px(20)
        for shape, text in items:
            width = (px(16) if shape else 0) + font.size(text)[0] + px(18)
            if rows[-1] and x + width > limit:
                rows.append([])
                x = 0
            rows[-1].append((shape, text, x))
            x += width
        self._rows[kinds] = rows
        return rows

    def legend(self, surface, draw_text, kinds: set[str]) -> None:
        """Below the map: shapes for the kinds of the plots on it (`kinds`: a 1950 game's
        legend offered "cyber"; what a scenario's script may spawn is its secret), then
        `LEGEND`, in as many rows as the map's width needs."""
        px, line = self.look.px, self.look.font(12).get_linesize()
        y = self.area.bottom + px(5)
        for row in self._legend_rows(frozenset(kinds)):
            for shape, text, offset in row:
                x = self.rect.x + px(10) + offset
                if shape:
                    self.shape(surface, shape, (x + px(6), y + line // 2),
                               self.look.colour("muted"), px(6))
                    x += px(16)
                draw_text(surface, text, (x, y), 12, "muted", False, None, False)
            y += line

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

    def _marker(self, surface, tv: ThreatView, box: pygame.Rect, v: PlayerView,
                draw_text) -> None:
        """A threat's shape in its urgency's colour, ringed when it is soon and ringed
        twice when it strikes this month, with the months left below the rings."""
        round_no = v.round
        colour_name, label = urgency(tv, round_no)
        colour = self.look.colour(colour_name)
        px = self.look.px
        r = px(8)
        x, y = box.centerx, box.y + self._outer()
        if colour_name != "later":  # urgency as a shape too: a ring, doubled when it strikes
            pygame.draw.circle(surface, colour, (x, y), r + px(3), 2)
            if colour_name == "urgent":
                pygame.draw.circle(surface, colour, (x, y), r + px(7), 2)
        self.shape(surface, KIND_SHAPES.get(tv.threat.kind, "circle"), (x, y), colour, r)
        left = max(0, tv.threat.deadline - round_no) + 1
        draw_text(surface, "end" if tv.after_end else f"{left}",
                  (x, y + self._outer()), 12, colour_name, True, None, True)
        tip = (f"{v.threat_name(tv.threat.id)} ({tv.threat.kind}, severity "
               f"{tv.threat.severity}): {label}; picture {tv.picture.coverage:.0%}. "
               f"Click to operate.")
        self.markers.append(Marker(box, tv, tip))

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


def crosses(rect: pygame.Rect, pts) -> bool:
    """Whether a rectangle lies across a polygon's outline, or inside it."""
    edges = zip(pts, pts[1:] + pts[:1], strict=True)
    return any(rect.clipline(a, b) for a, b in edges) or inside(rect.center, pts)
