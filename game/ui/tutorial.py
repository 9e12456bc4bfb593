"""The tutorial's guide on the board: the current step in a panel over the map, a frame
around the widget it points at, Next for steps to read, and Leave at any time.

Which step is current, and when it is done, is game.tutorial's; this module only
tells it what the player sees and draws what it says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UITextBox, UIWindow

from game.tutorial import Guide, Moment
from game.ui.app import esc

if TYPE_CHECKING:
    from game.ui.board import BoardScene

# A dialog's widgets, by the id a step points at: (dialog kind, attribute).
IN_DIALOGS = {"collection.grid": ("collection", "cells"),
              "exchange.partner": ("exchange", "partner_menu"),
              "exchange.topic": ("exchange", "topic_menu"),
              "exchange.offer": ("exchange", "offer_list"),
              "exchange.send": ("exchange", "send"),
              "operation.launch": ("operation", "solo")}
# What to point at while the dialog holding a step's widget is still closed.
OPENED_BY = {"collection": "button.collect", "exchange": "button.exchange",
             "operation": "map"}


def dialog_kind(dialog) -> str | None:
    """"exchange" for an ExchangeDialog, and so on: the names step conditions use."""
    if dialog is None:
        return None
    return type(dialog).__name__.removesuffix("Dialog").lower()


class GuidePanel:
    """The guide's widgets on one board; rebuilt with the board."""

    def __init__(self, board: BoardScene, guide: Guide):
        self.board, self.guide = board, guide
        self.window: UIWindow | None = None
        self.box: UITextBox | None = None
        self.next: UIButton | None = None
        self.leave: UIButton | None = None
        self.build()

    def build(self) -> None:
        """A small window that stays over the board's dialogs (they open to its right),
        at the bottom left of the map; the player may drag it aside."""
        if self.window is not None:
            self.window.kill()
        self.window = self.box = self.next = self.leave = None
        step = self.guide.step
        if step is None:
            return
        board, px = self.board, self.board.look.px
        area = board.map_rect
        # As wide as the map allows, but never too narrow to read: on a small window
        # with large text it may overlap the panel (the player can drag it).
        width = min(px(430), max(area.width - px(24), board.app.size[0] // 2))
        height = min(px(250), area.height - px(48))
        self._make(step, width, height)
        # No taller than its text needs: a wide dialog (Collection) reaches under the
        # panel, and a playtest found the panel's empty lower half hiding its text.
        rows = self.box.text_box_layout.layout_rows
        used = (rows[-1].bottom if rows else 0) + px(30)  # with its padding and border
        spare = self.box.rect.height - used
        if spare > 0:
            self.window.kill()
            self._make(step, width, height - spare)

    def _make(self, step, width: int, height: int) -> None:
        """The panel's window, text and buttons, `height` tall, its bottom on the map's
        legend."""
        board, px = self.board, self.board.look.px
        area = board.map_rect
        count = len(self.guide.tutorial.steps)
        bottom = board.mapview.area.bottom - px(3)  # above the map's legend
        self.window = UIWindow((area.x + px(24), bottom - height, width, height),
                               board.manager, f"Tutorial — step {self.guide.index + 1} of "
                                              f"{count}", always_on_top=True)
        inner = self.window.get_container().get_rect()
        text = esc(step.text) + (f"<br><i>{esc(step.why)}</i>" if step.why else "")
        self.box = UITextBox(text, (0, 0, inner.width, inner.height - px(40)), board.manager,
                             container=self.window)
        bottom = inner.height - px(36)
        self.leave = UIButton((px(4), bottom, px(150), px(32)), "Leave the guide",
                              board.manager, container=self.window,
                              tool_tip_text="Close the guide and play on alone; the game "
                                            "goes on.")
        if step.until == "next":
            last = self.guide.index == count - 1
            self.next = UIButton((inner.width - px(124), bottom, px(120), px(32)),
                                 "Finish" if last else "Next", board.manager,
                                 container=self.window, object_id="#primary")

    @property
    def dialog_x(self) -> int | None:
        """Where a dialog's left edge goes while the guide shows: right of the guide."""
        if self.window is None:
            return None
        return self.window.get_abs_rect().right + self.board.look.px(8)

    def handle(self, event) -> bool:
        """The guide's own buttons, and its window's close box (which leaves the guide);
        True when the event was one of them."""
        closed = (event.type == pygame_gui.UI_WINDOW_CLOSE and self.window is not None
                  and event.ui_element is self.window)
        if closed or (event.type == pygame_gui.UI_BUTTON_PRESSED and self.leave is not None
                      and event.ui_element is self.leave):
            self.guide.leave()
            self.build()
            return True
        if (event.type == pygame_gui.UI_BUTTON_PRESSED and self.next is not None
                and event.ui_element is self.next):
            self.update(pressed_next=True)
            return True
        return False

    def moment(self, pressed_next: bool = False) -> Moment:
        board = self.board
        dialog = board.dialog
        verdict = getattr(dialog, "verdict", None)
        refused = verdict is not None and bool(verdict.problem or verdict.refusal)
        return Moment(board.tab, dialog_kind(dialog), refused, board.v.round,
                      board.v.answering, pressed_next)

    def update(self, pressed_next: bool = False) -> None:
        """Tell the guide what the player sees now; show the next step if that ended one."""
        if self.guide.advance(self.moment(pressed_next), self.board.controller.session.actions):
            self.build()
            self.board.app.dirty = True

    def target(self) -> pygame.Rect | None:
        """The rectangle of the widget the current step points at, on screen now."""
        step = self.guide.step
        if step is None or step.point is None:
            return None
        board, point = self.board, step.point
        if point in IN_DIALOGS:
            kind, attribute = IN_DIALOGS[point]
            if dialog_kind(board.dialog) != kind:
                point = OPENED_BY[kind]
            else:
                widget = getattr(board.dialog, attribute)
                if isinstance(widget, dict):  # a grid of buttons: frame them all
                    rects = [w.get_abs_rect() for w in widget]
                    return rects[0].unionall(rects[1:])
                return widget.get_abs_rect()
        group, _, name = point.partition(".")
        if group == "button":
            return board.buttons[name].get_abs_rect()
        if group == "tab":
            return board.tabs[name.title()].get_abs_rect()
        if group == "top":
            return board.top[name].get_abs_rect()
        if point == "panel":
            return board.content.get_abs_rect()
        return pygame.Rect(board.map_rect)

    def draw_over(self, surface: pygame.Surface) -> None:
        """A frame around the widget the step points at, drawn over every widget."""
        rect = self.target()
        step, dialog = self.guide.step, self.board.dialog
        inside = (step is not None and step.point in IN_DIALOGS
                  and dialog_kind(dialog) == IN_DIALOGS[step.point][0])
        if dialog is not None and not inside:
            # A frame around a board widget under an open dialog would strike through the
            # dialog, even where the dialog's outline happens to enclose the widget.
            return
        if rect is not None:
            width = max(2, self.board.look.px(3))
            pygame.draw.rect(surface, self.board.look.colour("warn"),
                             rect.inflate(2 * width, 2 * width), width, border_radius=6)
