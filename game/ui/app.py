"""The window: one loop, one scene at a time, redraw only when something changed.

Scenes follow the python-tcod tutorial's handlers: `handle(event)` and
`update()` return the next scene (or None to stay). The loop caps the frame
rate, and when nothing is moving it blocks on the event queue instead of
drawing, so an idle window costs next to nothing.
"""

from __future__ import annotations

import html
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core.text.hyperlink_text_chunk import HyperlinkTextChunk
from pygame_gui.core.text.text_box_layout import TextBoxLayout
from pygame_gui.elements import UIDropDownMenu, UIVerticalScrollBar

from game.persistence import AUTOSAVE_DIR, SAVE_DIR, clean_stale_temps
from game.ui import scenes
from game.ui.look import Look
from game.ui.settings import Settings
from game.ui.sound import Sounds

if TYPE_CHECKING:
    from game.controller import GameController

FPS = 60


def esc(text) -> str:
    """Text made safe for pygame_gui's HTML text boxes."""
    return html.escape(str(text), quote=False)


def _every_piece_of_each_link(layout: TextBoxLayout, chunks: list) -> None:
    """The pieces of text a click or hover on a link is looked for in: every piece drawn.
    pygame_gui (0.6.14) lists only the last piece of a link that wraps over lines, so a
    click on the first line of an inbox entry opened nothing."""
    chunks.extend(item for row in layout.layout_rows for item in row.items
                  if isinstance(item, HyperlinkTextChunk))


TextBoxLayout.add_chunks_to_hover_group = _every_piece_of_each_link


def picked(menu: pygame_gui.elements.UIDropDownMenu) -> str:
    """A drop-down's selected option as text (pygame_gui gives a tuple for keyed options)."""
    option = menu.selected_option
    return option[0] if isinstance(option, tuple) else option


class Scene:
    """Base scene: builds its widgets in `build`, which also runs on every resize."""

    # The game a scene shows, if any: closing the window asks to save it first.
    controller: GameController | None = None

    def __init__(self, app: App):
        self.app = app
        self.drawn: list[str] = []  # text drawn outside widgets, for the leak test

    # The app calls `build` when the scene becomes current, after the previous scene's
    # widgets are gone, and again on every resize.

    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.manager

    @property
    def look(self) -> Look:
        return self.app.look

    def build(self) -> None:
        """Create the widgets for the current window size."""

    def rebuild(self) -> None:
        self.manager.clear_and_reset()
        self.build()
        self.app.dirty = True

    def handle(self, event: pygame.event.Event) -> Scene | None:
        return None

    def update(self) -> Scene | None:
        """Called every frame; return a scene to switch to."""
        return None

    def busy(self) -> bool:
        """True while the scene has work to do between events (AI seats acting)."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.look.colour("background"))

    def draw_over(self, surface: pygame.Surface) -> None:
        """Drawn after the widgets, over them (the tutorial's pointer)."""

    def text(self, surface, text: str, pos, size: int = 16, colour="text", bold=False,
             width: int | None = None, centre=False) -> int:
        """Draw text (wrapped to `width`), recording it; returns the height used."""
        self.drawn.append(text)
        return self.look.draw_text(surface, text, pos, size, colour, bold, width, centre)

    def close(self) -> None:
        self.manager.clear_and_reset()


# What one click on a scroll bar's arrow moves, as a share of what the list shows.
ARROW_STEP = 0.2


def arrow_click(button) -> None:
    """A click on a scroll bar's arrow moves the list by a fifth of what it shows.
    pygame_gui scrolls only while an arrow is held, by a share of the view per second,
    so a click moved a long list by a pixel or two (found in a playtest: thirty clicks
    moved an offer list of forty reports by about 6 pixels)."""
    bar = getattr(button, "parent_element", None)
    if not isinstance(bar, UIVerticalScrollBar) or button not in (bar.top_button,
                                                                   bar.bottom_button):
        return
    step = ARROW_STEP * bar.visible_percentage * (1 if button is bar.bottom_button else -1)
    bar.set_scroll_from_start_percentage(
        min(1.0 - bar.visible_percentage, bar.start_percentage + step))


def reselect_closes(manager: pygame_gui.UIManager, options) -> None:
    """A click on the option a drop-down already shows closes it. pygame_gui takes that
    click as dropping the selection and leaves the list open (found in a playtest: the
    Ask menu stayed open over the composer)."""
    for menu in manager.get_sprite_group().sprites():
        if isinstance(menu, UIDropDownMenu):
            state = menu.current_state
            if getattr(state, "options_selection_list", None) is options:
                state.should_transition = True


class App:
    def __init__(self, settings: Settings | None = None, size: tuple[int, int] | None = None):
        self.settings = settings or Settings.load()
        pygame.display.init()
        pygame.font.init()
        flags = pygame.RESIZABLE | (pygame.FULLSCREEN if self.settings.fullscreen else 0)
        self.size = size or (self.settings.width, self.settings.height)
        self.screen = pygame.display.set_mode(self.size, flags)
        pygame.display.set_caption("No Free Lunches")
        pygame.key.set_repeat(400, 40)
        self.look = Look(self.settings)
        self.manager = pygame_gui.UIManager(self.size, self.look.gui_theme())
        self.look.preload(self.manager)
        self.sounds = Sounds(self.settings.sound)
        self.clock = pygame.time.Clock()
        self.scene: Scene | None = None
        self.dirty = True
        self.running = True
        self.autosave_dir: Path | None = AUTOSAVE_DIR

    def switch(self, scene: Scene | None) -> None:
        if scene is None or scene is self.scene:
            return
        if self.scene is not None:
            self.scene.close()
        self.scene = scene
        scene.build()
        self.dirty = True

    def resize(self, size: tuple[int, int]) -> None:
        self.size = (max(960, size[0]), max(600, size[1]))
        self.screen = pygame.display.set_mode(self.size, pygame.RESIZABLE)
        self.manager.set_window_resolution(self.size)
        if self.scene is not None:
            self.scene.rebuild()

    def apply_settings(self) -> None:
        """Look and size changed in the settings scene: restyle everything."""
        self.look = Look(self.settings)
        self.manager = pygame_gui.UIManager(self.size, self.look.gui_theme())
        self.look.preload(self.manager)
        self.sounds = Sounds(self.settings.sound)
        self.resize((self.settings.width, self.settings.height))

    def step(self, events: list[pygame.event.Event]) -> None:
        """One frame: events, update, and a redraw if anything changed."""
        dt = self.clock.tick(FPS) / 1000
        for event in events:
            if event.type == pygame.QUIT:
                self.switch(self.close_window())
                return
            if event.type == pygame.VIDEORESIZE:
                self.resize(event.size)
                continue
            consumed = self.manager.process_events(event)
            self.dirty = True
            if event.type == pygame_gui.UI_BUTTON_PRESSED:
                arrow_click(event.ui_element)
            if event.type == pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION:
                reselect_closes(self.manager, event.ui_element)
            if not consumed or event.type >= pygame.USEREVENT:
                self.switch(self.scene.handle(event))
        self.switch(self.scene.update())
        self.manager.update(dt)
        if self.dirty or self.scene.busy() or self._animating():
            self.render()

    def close_window(self) -> Scene | None:
        """The window's close button: quit, first asking whether to save a game with
        unsaved play (Cancel returns to the very scene that was showing)."""
        scene = self.scene

        def leave() -> None:
            self.running = False

        if scene is None or scene.controller is None:
            return leave()
        return scenes.make("leaving", self, scene.controller, back=lambda: scene, leave=leave)

    def _animating(self) -> bool:
        """pygame_gui hover effects and tooltips need a few frames after input."""
        return pygame.time.get_ticks() - self._last_input < 600

    _last_input = 0

    def render(self) -> None:
        self.scene.drawn = []
        self.scene.draw(self.screen)
        self.manager.draw_ui(self.screen)
        self.scene.draw_over(self.screen)
        pygame.display.flip()
        self.dirty = False

    def run(self, scene: Scene) -> None:
        self.switch(scene)
        self.render()
        while self.running:
            if self.scene.busy() or self._animating():
                events = pygame.event.get()
            else:
                first = pygame.event.wait(500)  # idle: sleep until something happens
                events = [first] if first.type != pygame.NOEVENT else []
                events += pygame.event.get()
            if events:
                self._last_input = pygame.time.get_ticks()
            self.step(events)
        pygame.quit()


def display_available() -> str | None:
    """None when a window can open; else a one-line reason.

    SDL falls back to its off-screen driver when there is no display, which would
    run the game invisibly: that counts as no display unless it was asked for
    (the tests and `screenshots` ask for the dummy driver on purpose).
    """
    asked = os.environ.get("SDL_VIDEODRIVER")
    if asked in ("dummy", "offscreen"):
        return None
    if (sys.platform.startswith("linux") and not asked and not os.environ.get("DISPLAY")
            and not os.environ.get("WAYLAND_DISPLAY")):
        return "neither DISPLAY nor WAYLAND_DISPLAY is set"
    try:
        pygame.display.init()
        driver = pygame.display.get_driver()
        pygame.display.quit()
    except pygame.error as exc:
        return str(exc)
    if driver in ("offscreen", "dummy"):
        return "no screen found (SDL fell back to its off-screen driver)"
    return None


def play(scenario: str | None, seats: list[str], seed: int | None, load: str | None,
         campaign: str | None = None) -> int:
    """`python main.py play`: the window, or one clear line when there is no display."""
    problem = display_available()
    if problem:
        print(f"No display to open a window on ({problem}). Try: python main.py simulate "
              f"--scenario ruritania --games 10")
        return 1
    clean_stale_temps(SAVE_DIR, AUTOSAVE_DIR)
    app = App()
    first = scenes.make("start", app, scenario, seats, seed, Path(load) if load else None,
                        campaign) or scenes.make("title" if app.settings.tutorial_offered
                                                 else "first_launch", app)
    app.run(first)
    return 0
