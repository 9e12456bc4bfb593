"""Title, new game, load and settings: everything before and beside the board
(Help is game/ui/help.py)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.elements import (
    UIButton,
    UIDropDownMenu,
    UILabel,
    UIScrollingContainer,
    UISelectionList,
    UITextBox,
    UITextEntryLine,
)

from game.campaign import begin, find_campaign
from game.core.spec import World
from game.persistence import AUTOSAVE_DIR, SAVE_DIR, SaveError, load, newest_loadable, saves_in
from game.scenario.loader import Listed, build, find, listed, load_or_errors, read_raw
from game.session import Seat, Session, fresh_seed
from game.tutorial import Tutorial, tutorial_session
from game.ui import scenes
from game.ui.app import App, Scene, esc, picked
from game.ui.help import HelpScene
from game.ui.mapview import MapView
from game.ui.prompts import Prompt

PERSONALITIES = ("reciprocal", "generous", "grudger", "free_rider", "adversary")
DIFFICULTIES = ("easy", "normal", "hard")




@scenes.register("title")
class TitleScene(Scene):
    def _top(self) -> int:
        """The heading's top: centred on a large window, at the edge of a small one."""
        return max(self.look.px(12), self.app.size[1] // 2 - self.look.px(230))

    def build(self) -> None:
        w, h = self.app.size
        px = self.look.px
        items = [("new", "New game"), ("campaign", "Campaign"), ("continue", "Continue"),
                 ("load", "Load game"), ("settings", "Settings"), ("help", "How to play"),
                 ("quit", "Quit")]
        y = self._top() + px(150)
        step = min(px(54), (h - px(12) - y) // len(items))  # the last button stays on screen
        bw, bh = px(280), step - px(10)
        x = w // 2 - bw // 2
        self.buttons: dict[str, UIButton] = {}
        self.resume = any(item.header for item in saves_in(SAVE_DIR, AUTOSAVE_DIR))
        for n, (key, label) in enumerate(items):
            b = UIButton((x, y + n * step, bw, bh), label, self.manager,
                         object_id="#primary" if key == "new" else None,
                         tool_tip_text="Resume the newest save or autosave"
                         if key == "continue" else None)
            if key == "continue" and not self.resume:
                b.disable()
            self.buttons[key] = b

    def draw(self, surface) -> None:
        super().draw(surface)
        w = self.app.size[0]
        px = self.look.px
        top = self._top()
        self.text(surface, "NO FREE LUNCHES", (w // 2, top), 44, "text", True, None, True)
        self.text(surface, "Intelligence liaison, one month at a time. You get nothing on a "
                  "topic unless you collect on it yourself and bring something.",
                  (w // 2, top + px(72)), 16, "muted", False, w - px(64), True)

    def handle(self, event) -> Scene | None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F1:
            return HelpScene(self.app, back=lambda: TitleScene(self.app))
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return None
        key = next((k for k, b in self.buttons.items() if b is event.ui_element), None)
        if key == "new":
            return NewGameScene(self.app)
        if key == "campaign":
            return scenes.make("campaigns", self.app)
        if key == "continue":  # the newest save that loads: a broken one is passed over
            found = newest_loadable(SAVE_DIR, AUTOSAVE_DIR)
            if found is None:
                scene = LoadScene(self.app)
                if saves_in(SAVE_DIR, AUTOSAVE_DIR):  # else its list says there are none
                    scene.note = "No save could be loaded; select one to see its problem."
                return scene
            return resume(self.app, *found)
        if key == "load":
            return LoadScene(self.app)
        if key == "settings":
            return SettingsScene(self.app, back=lambda: TitleScene(self.app))
        if key == "help":
            return HelpScene(self.app, back=lambda: TitleScene(self.app))
        if key == "quit":
            self.app.running = False
        return None


class Choice:
    """One line of the scenario list: a scenario loaded, or broken with its errors, or a
    mod that cannot be played with the reasons; a mod's lines are marked as such."""

    def __init__(self, entry: Listed):
        self.entry = entry
        result = list(entry.problems) or load_or_errors(entry.path)
        if isinstance(result, list):
            self.raw, self.scenario, self.errors = None, None, [str(p) for p in result]
        else:
            (self.raw, self.scenario), self.errors = result, []

    @property
    def label(self) -> str:
        mark = f"[mod {self.entry.mod.id}] " if self.entry.mod else ""
        if self.entry.problems:
            return f"{mark}{self.entry.mod.title} (cannot be played)"
        if self.scenario is None:
            return f"{mark}{self.entry.path.stem} (broken: see errors)"
        w = self.scenario.world
        return f"{mark}{w.title}"  # the year is in the summary: long titles fit

    @property
    def credit(self) -> str:
        """Whose mod this is, for the summary; nothing for a shipped scenario."""
        mod = self.entry.mod
        return f"<i>From the mod {esc(mod.title)} {esc(mod.version)} by {esc(mod.author)}.</i> " \
            if mod else ""


class NewGameScene(Scene):
    """Scenario list with summary and map preview; a row per agency for its seat."""

    def build(self) -> None:
        if not hasattr(self, "choices"):
            self.choices = [Choice(entry) for entry in listed()]
            self.index = next((i for i, c in enumerate(self.choices)
                               if c.scenario and c.scenario.world.id == "ruritania"), 0)
            self.seed = fresh_seed()
            self.seats: dict[str, Seat] = {}
        w, h = self.app.size
        px = self.look.px
        head = px(52)  # the seats' heading: two lines in a narrow window
        left = min(px(300), int(w * 0.33))
        self.list = UISelectionList((px(16), px(60), left, h - px(136)),
                                    [c.label for c in self.choices], self.manager,
                                    default_selection=self.choices[self.index].label)
        self.rows: list[tuple[str, UIButton, UITextEntryLine | None,
                              tuple[UIDropDownMenu, UIDropDownMenu] | None]] = []
        choice = self.choices[self.index]
        x0 = left + px(32)
        right = w - x0 - px(16)
        # The map preview gives way first when the window is small or the text large:
        # the summary and at least three seat rows must fit.
        room = h - px(60) - px(84) - px(100) - head - 3 * px(34) - px(10)
        preview_h = min(px(230), int(h * 0.28), room)
        preview_h = preview_h if preview_h >= px(80) else 0
        self.preview_rect = pygame.Rect(x0, px(60), right, preview_h)
        y = px(60) + preview_h + px(10)
        if choice.scenario is None:
            what = "mod cannot be played" if choice.entry.problems else "scenario cannot be loaded"
            self.summary = UITextBox(f"<b>This {what}.</b><br><br>"
                                     + "<br>".join(esc(e) for e in choice.errors),
                                     (x0, y, right, h - y - px(90)), self.manager)
        else:
            world = choice.scenario.world
            self.summary = UITextBox(
                f"<b>{esc(world.title)}</b> — from {world.month_label(1)}, {world.rounds} "
                f"months. {choice.credit}{esc(world.summary)}", (x0, y, right, px(92)),
                self.manager)
            y += px(100)
            # Say who a newcomer plays on pressing Start (begin() seats them there), and
            # what the two menus of an AI seat are: a playtest read them as unlabelled.
            first = next((a.id for a in world.agencies if a.playable), None)
            anyone = any(self.seats.get(a.id, Seat()).is_human for a in world.agencies)
            guided = Tutorial.of(choice.raw)  # begin() seats its player, whatever is set
            who = (f"A guided game: you play {guided.player}" if guided else
                   "Seats: click a name for human or AI" if anyone or first is None else
                   f"Click a seat to play it, or Start to play {first}")
            UILabel((x0, y, right, px(24)), f"{who}.", self.manager)
            UILabel((x0, y + px(24), right, px(24)),
                    "An AI seat's menus: how it plays, how well.", self.manager)
            y += head
            row_h = px(34)
            gap = px(8)
            inner = right - px(24)  # the container's scroll bar
            name_w = min(px(170), int(inner * 0.38))
            rest = inner - name_w - gap
            kind_w = int(rest * 0.58)
            seats = UIScrollingContainer((x0, y, right, h - y - px(84)), self.manager,
                                         allow_scroll_x=False)
            seats.set_scrollable_area_dimensions((right - px(20), row_h * len(world.agencies)))
            for n, agency in enumerate(world.agencies):
                seat = self.seats.get(agency.id) or Seat(
                    personality=agency.ai.personality, difficulty=agency.ai.difficulty)
                self.seats[agency.id] = seat
                label = f"{agency.id}: human" if seat.is_human else f"{agency.id}: AI"
                top = n * row_h
                b = UIButton((0, top, name_w, row_h - px(4)), label, self.manager,
                             container=seats,
                             tool_tip_text=f"{agency.name} ({agency.nation})"
                             + ("" if agency.playable else " — AI only")
                             + (f". It {remit}." if (remit := world.jurisdiction(agency))
                                else ""))
                if not agency.playable or guided:
                    b.disable()
                entry = None
                menu = None
                if seat.is_human:
                    entry = UITextEntryLine((name_w + gap, top, rest, row_h - px(4)),
                                            self.manager,
                                            container=seats)
                    entry.set_text(seat.human)
                else:
                    menu = (UIDropDownMenu(list(PERSONALITIES), seat.personality,
                                           (name_w + gap, top, kind_w, row_h - px(4)),
                                           self.manager,
                                           container=seats),
                            UIDropDownMenu(list(DIFFICULTIES), seat.difficulty,
                                           (name_w + 2 * gap + kind_w, top,
                                            rest - kind_w - gap, row_h - px(4)), self.manager,
                                           container=seats))
                self.rows.append((agency.id, b, entry, menu))
        UILabel((px(16), h - px(64), px(56), px(36)), "Seed", self.manager)
        self.seed_entry = UITextEntryLine((px(76), h - px(64), px(110), px(36)), self.manager)
        self.seed_entry.set_text(str(self.seed))
        self.back = UIButton((w - px(330), h - px(64), px(150), px(44)), "Back", self.manager)
        self.start = UIButton((w - px(170), h - px(64), px(154), px(44)), "Start", self.manager,
                              object_id="#primary")
        if choice.scenario is None:
            self.start.disable()

    def draw(self, surface) -> None:
        super().draw(surface)
        self.text(surface, "New game", (self.look.px(16), self.look.px(16)), 24, "text", True)
        choice = self.choices[self.index]
        if choice.scenario is not None:
            self.preview = MapView(choice.scenario.world, self.preview_rect, self.look,
                                   legend=False)
            self.preview.draw(surface, None, self.text_for)

    def text_for(self, surface, text, pos, size, colour, bold, width, centre):
        return self.text(surface, text, pos, size, colour, bold, width, centre)

    def _collect_names(self) -> None:
        for agency_id, _, entry, menu in self.rows:
            if entry is not None:
                self.seats[agency_id] = Seat(human=entry.get_text().strip() or agency_id)
            elif menu is not None:
                self.seats[agency_id] = Seat(personality=picked(menu[0]),
                                             difficulty=picked(menu[1]))
        text = self.seed_entry.get_text().strip()
        self.seed = int(text) if text.isdigit() else self.seed

    def handle(self, event) -> Scene | None:
        picked_scenario = (event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION
                           and event.ui_element is self.list)
        if picked_scenario:
            self._collect_names()
            labels = [c.label for c in self.choices]
            self.index = labels.index(event.text)
            self.seats = {}
            self.rebuild()
            return None
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return TitleScene(self.app)
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return None
        if event.ui_element is self.back:
            return TitleScene(self.app)
        if event.ui_element is self.start:
            self._collect_names()
            return self.begin()
        for agency_id, button, _, _ in self.rows:
            if event.ui_element is button:
                self._collect_names()
                if self.seats[agency_id].is_human:
                    world = self.choices[self.index].scenario.world
                    ai = world.agencies[world.agency_index(agency_id)].ai
                    self.seats[agency_id] = Seat(personality=ai.personality,
                                                 difficulty=ai.difficulty)
                else:
                    humans = sum(s.is_human for s in self.seats.values())
                    self.seats[agency_id] = Seat(human=f"Player {humans + 1}")
                self.rebuild()
        return None

    def begin(self) -> Scene | None:
        choice = self.choices[self.index]
        if Tutorial.of(choice.raw) is not None:  # a guided game: its own seat and seed
            human = next((s.human for s in self.seats.values() if s.is_human), "Player 1")
            return start_tutorial(self.app, choice.raw, human)
        session = Session.from_scenario(choice.raw, choice.scenario, self.seed,
                                        with_a_player(choice.scenario.world, self.seats))
        return scenes.make("game", self.app, session)


def with_a_player(world: World, seats: dict[str, Seat],
                  kept: Collection[str] = ()) -> dict[str, Seat]:
    """The seats as chosen, and "Player 1" in the first playable seat not `kept` for the
    AI (`--seat A=ai:P` names one) if no one is human: a game opened to be played is
    never one the AI plays to the end on its own."""
    if any(s.is_human for s in seats.values()):
        return seats
    first = next((a for a in world.agencies if a.playable and a.id not in kept), None)
    return seats if first is None else {**seats, first.id: Seat(human="Player 1")}


@scenes.register("load")
class LoadScene(Scene):
    """Saves with name, scenario, month and date - read from their headers only, and
    nothing a player should not see. Back returns to where the player came from."""

    def __init__(self, app: App, back: Callable[[], Scene] | None = None,
                 leaving: Callable[[Callable[[], Scene]], Scene | None] | None = None):
        """`leaving` stands between a game being played and the one loaded in its place
        (it asks whether to save first); None from the title, where nothing is lost."""
        self.back_to = back or (lambda: TitleScene(app))
        self.leaving = leaving
        super().__init__(app)

    def build(self) -> None:
        w, h = self.app.size
        px = self.look.px
        self.found = saves_in(SAVE_DIR, AUTOSAVE_DIR)
        items = []
        for item in self.found:
            head = item.header
            if head is None:
                items.append(f"{item.path.name}: cannot be opened (select it to see why)")
            else:
                when = head.when.astimezone().strftime("%Y-%m-%d %H:%M:%S")
                mark = "[campaign] " if head.kind == "campaign" else ""
                items.append(f"{mark}{head.name} — {head.scenario_title}, {head.month} "
                             f"(saved {when})")
        # Autosaves of one month can share a label to the second (a playtest saw two):
        # each entry says it is another, and a selection is found by its place.
        seen: dict[str, int] = {}
        for i, label in enumerate(items):
            seen[label] = seen.get(label, 0) + 1
            if seen[label] > 1:
                items[i] = f"{label} ({seen[label]}, older)"
        self.list = UISelectionList((px(16), px(60), w - px(32), h - px(150)),
                                    items or ["No saved games yet."], self.manager)
        self.message = UILabel((px(16), h - px(84), w - px(32), px(24)),
                               getattr(self, "note", ""), self.manager)
        self.back = UIButton((w - px(360), h - px(56), px(160), px(44)), "Back", self.manager)
        self.go = UIButton((w - px(190), h - px(56), px(174), px(44)), "Load", self.manager,
                           object_id="#primary")
        self.selected: int | None = None

    def draw(self, surface) -> None:
        super().draw(surface)
        self.text(surface, "Load a game", (self.look.px(16), self.look.px(16)), 24, "text", True)

    def say(self, note: str) -> None:
        self.note = note
        if hasattr(self, "message"):
            self.message.set_text(note)

    def open(self, path: Path | None) -> Scene | None:
        if path is None:
            return None
        try:
            session = load(path)
        except SaveError as exc:
            self.say(str(exc))
            return self
        if self.leaving is None:
            return resume(self.app, path, session)
        return self.leaving(lambda: resume(self.app, path, session))

    def handle(self, event) -> Scene | None:
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and self.found:
            items = self.list.item_list
            self.selected = next((i for i, it in enumerate(items) if it["selected"]), None)
            if self.selected is None:
                return None
            self.say(self.found[self.selected].problem or "")
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return self.back_to()
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                return self.back_to()
            if event.ui_element is self.go and self.selected is not None:
                result = self.open(self.found[self.selected].path)
                return None if result is self else result
        return None


def resume(app: App, path: Path, session: Session) -> Scene:
    """Play on from a save. The player's own save is the game's slot ("Save before
    leaving?" writes there); an autosave is not. A campaign's chapter not yet begun
    opens on its briefing."""
    if session.campaign is not None and not session.actions:  # a chapter not yet begun
        return scenes.make("briefing", app, session.campaign, session)
    own = Path(path).resolve().parent != AUTOSAVE_DIR.resolve()
    return scenes.make("game", app, session, Path(path) if own else None)


@scenes.register("settings")
class SettingsScene(Scene):
    SIZES = ((960, 600), (1280, 720), (1600, 900), (1920, 1080))

    def __init__(self, app: App, back):
        self.back_to = back
        super().__init__(app)

    def build(self) -> None:
        s = self.app.settings
        px = self.look.px
        x, y = px(40), px(80)
        self.controls = {
            "size": UIDropDownMenu([f"{w}×{h}" for w, h in self.SIZES], f"{s.width}×{s.height}"
                                   if (s.width, s.height) in self.SIZES else "1280×720",
                                   (x + px(220), y, px(200), px(34)), self.manager),
            "fullscreen": UIButton((x + px(220), y + px(50), px(200), px(34)),
                                   "On" if s.fullscreen else "Off", self.manager),
            "scale": UIDropDownMenu(["0.8", "1.0", "1.25", "1.5"], f"{s.ui_scale:g}"
                                    if f"{s.ui_scale:g}" in ("0.8", "1.25", "1.5") else "1.0",
                                    (x + px(220), y + px(100), px(200), px(34)), self.manager),
            "palette": UIButton((x + px(220), y + px(150), px(200), px(34)),
                                "Colour-blind safe" if s.palette == "colour_blind"
                                else "Standard", self.manager),
            "sound": UIButton((x + px(220), y + px(200), px(200), px(34)),
                              "On" if s.sound else "Off", self.manager),
        }
        for n, label in enumerate(("Window size", "Fullscreen", "Text and UI scale",
                                   "Colours", "Sound")):
            UILabel((x, y + n * px(50), px(210), px(34)), label, self.manager)
        self.done = UIButton((x, y + px(270), px(200), px(44)), "Save and return", self.manager,
                             object_id="#primary")

    def draw(self, surface) -> None:
        super().draw(surface)
        self.text(surface, "Settings", (self.look.px(40), self.look.px(24)), 24, "text", True)

    def handle(self, event) -> Scene | None:
        s = self.app.settings
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            # Only the toggles and Save are handled: a drop-down's own buttons (the one
            # that opens it, its options) send presses too, and rebuilding the screen
            # on those closed the drop-down before it could open.
            c = self.controls
            if event.ui_element is c["fullscreen"]:
                s.fullscreen = not s.fullscreen
                c["fullscreen"].set_text("On" if s.fullscreen else "Off")
            elif event.ui_element is c["palette"]:
                s.palette = "standard" if s.palette == "colour_blind" else "colour_blind"
                c["palette"].set_text("Colour-blind safe" if s.palette == "colour_blind"
                                      else "Standard")
            elif event.ui_element is c["sound"]:
                s.sound = not s.sound
                c["sound"].set_text("On" if s.sound else "Off")
            elif event.ui_element is self.done:
                s.width, s.height = (int(n) for n in picked(c["size"]).split("×"))
                s.ui_scale = float(picked(c["scale"]))
                s.save()
                self.app.apply_settings()
                return self.back_to()
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return self.back_to()
        return None


@scenes.register("start")
def start_scene(app: App, scenario: str | None, seats: list[str], seed: int | None,
                save: Path | None, campaign: str | None = None) -> Scene | None:
    """`play --load SAVE`, `play --campaign ID` or `play --scenario ID --seat
    A=human:NAME`: straight in. A seed not given is a fresh one."""
    if save is not None:
        return LoadScene(app).open(save)
    if campaign is not None:
        return scenes.make("briefing", app, begin(find_campaign(campaign),
                                        fresh_seed() if seed is None else seed, "Player 1"))
    if scenario is None:
        return None
    path = find(scenario)
    raw = read_raw(path)
    if Tutorial.of(raw) is not None:
        return start_tutorial(app, raw, "Player 1")
    chosen: dict[str, Seat] = {}
    for item in seats:
        agency, _, who = item.partition("=")
        kind, _, name = who.partition(":")
        chosen[agency] = Seat(human=name or agency) if kind == "human" else Seat(
            personality=name or "reciprocal")
    built = build(raw, str(path))
    session = Session.from_scenario(raw, built, fresh_seed() if seed is None else seed,
                                    with_a_player(built.world, chosen, kept=chosen))
    return scenes.make("game", app, session)


def start_tutorial(app: App, raw: dict, name: str) -> Scene:
    """A tutorial scenario's guided game, in its own seat and with its own seed."""
    session, guide = tutorial_session(raw, name)
    return scenes.make("game", app, session, guide=guide)


@scenes.register("first_launch")
def first_launch(app: App) -> Scene:
    """The first time the game opens, it offers the tutorial once (kept in the settings)."""
    app.settings.tutorial_offered = True
    app.settings.save()
    listed_ids = {entry.id: entry.path for entry in listed()}
    if "tutorial" not in listed_ids:
        return TitleScene(app)
    raw = read_raw(listed_ids["tutorial"])
    return Prompt(app, "New to No Free Lunches?",
                  "A guided game of two months, about ten minutes, shows you the four moves: "
                  "collect, read a plot's picture, trade with a partner, and stop the plot. "
                  "You can also start it later from New game.",
                  [("Take the tutorial", lambda: start_tutorial(app, raw, "Player 1")),
                   ("Not now", lambda: TitleScene(app))])
