"""Questions that stand between the player and lost work: "Save before leaving?"
and "Replace the save of that name?".

A prompt is a screen of its own rather than a window over the board: it can
come up from any scene (the window's close button is pressed on the handover
screen too), and nothing of the last player's board shows behind it.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.controller import GameController
from game.persistence import SaveError
from game.ui import scenes
from game.ui.app import App, Scene
from game.ui.look import wrap

Next = Callable[[], Scene | None]


class Prompt(Scene):
    """A question, a line of detail, and a row of answers; Esc is the last answer
    (Cancel). Each answer is a function giving the next scene (None: stay)."""

    def __init__(self, app: App, question: str, detail: str,
                 answers: list[tuple[str, Next]]):
        self.question, self.detail = question, detail
        self.answers = dict(answers)
        super().__init__(app)

    def build(self) -> None:
        w, h = self.app.size
        px = self.look.px
        bw, gap = px(170), px(16)
        x = w // 2 - (len(self.answers) * (bw + gap) - gap) // 2
        # The answers sit a gap below the detail however many lines it wraps to (a
        # playtest saw three lines touch the buttons).
        font = self.look.font(16)
        below = self._detail_at()[1] + len(wrap(font, self.detail, px(660))) * \
            font.get_linesize()
        self.buttons = {}
        for n, label in enumerate(self.answers):
            self.buttons[label] = UIButton((x + n * (bw + gap), max(h // 2 + px(40),
                                                                    below + px(24)), bw, px(48)),
                                           label, self.manager,
                                           object_id="#primary" if n == 0 else None)

    def draw(self, surface) -> None:
        super().draw(surface)
        w, h = self.app.size
        px = self.look.px
        self.text(surface, self.question, (w // 2, h // 2 - px(80)), 30, "text", True, None,
                  True)
        self.text(surface, self.detail, self._detail_at(), 16, "muted", False, px(660))

    def _detail_at(self) -> tuple[int, int]:
        """Where the detail's first line starts: the buttons are placed below it."""
        w, h = self.app.size
        return w // 2 - self.look.px(330), h // 2 - self.look.px(30)

    def handle(self, event) -> Scene | None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return list(self.answers.values())[-1]()
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            for label, button in self.buttons.items():
                if event.ui_element is button:
                    return self.answers[label]()
        return None


@scenes.register("leaving")
def before_leaving(app: App, controller: GameController, back: Next, leave: Next) -> Scene | None:
    """Leave the game - to the title, or by closing the window - asking first whether
    to save when anything was played since the player last saved.

    Save writes the game's own save (or a new one named for the game and month) and
    leaves; Leave leaves; Cancel goes `back` to the game. A save that fails says why
    and asks again.
    """
    if not controller.unsaved:
        return leave()

    def ask(detail: str) -> Prompt:
        return Prompt(app, "Save before leaving?", detail,
                      [("Save", save_and_leave), ("Leave", leave), ("Cancel", back)])

    def save_and_leave() -> Scene | None:
        try:
            controller.save_before_leaving()
        except SaveError as exc:
            return ask(str(exc))
        return leave()

    return ask("Something was played since this game was last saved. The autosaves keep "
               "the last turns, but only a save of your own is kept for good.")


def before_replacing(app: App, name: str, replace: Next, back: Next) -> Prompt:
    """Save-as under a name that already has a save: ask before writing over it."""
    return Prompt(app, "Replace the existing save?",
                  f"There is already a save named “{name}”. Replacing it loses what was "
                  f"saved there.", [("Replace", replace), ("Cancel", back)])
