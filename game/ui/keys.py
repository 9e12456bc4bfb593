"""The keys of the board and of the handover screen, as one table each.

The board and the handover dispatch their keys from these tables, and Help lists
them, so the shortcuts Help shows are exactly the ones that work.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame


@dataclass(frozen=True)
class Key:
    name: str  # as the player reads it: "Ctrl+Z"
    codes: tuple[int, ...]  # pygame key codes that do it
    ctrl: bool  # Ctrl must be held
    command: str  # the board button it presses, or "quickload", "help_here", "ready"
    does: str  # what it does, in Help

    def matches(self, event: pygame.event.Event) -> bool:
        held = bool(getattr(event, "mod", 0) & pygame.KMOD_CTRL)
        return event.key in self.codes and (held or not self.ctrl)


BOARD_KEYS = (
    Key("Enter", (pygame.K_RETURN, pygame.K_KP_ENTER), False, "end",
        "End your turn (in the answer round: end your answers)."),
    Key("Ctrl+Z", (pygame.K_z,), True, "undo", "Take back your last action this turn."),
    Key("Esc", (pygame.K_ESCAPE,), False, "menu",
        "The menu: save, load, settings, quit to the title. Esc also closes a dialog."),
    Key("F1", (pygame.K_F1,), False, "help_here",
        "Help on what the mouse is over: a tab, a number in the top bar, a region of "
        "the map, a button. Elsewhere, the index."),
    Key("F5", (pygame.K_F5,), False, "save", "Quicksave this game."),
    Key("F9", (pygame.K_F9,), False, "quickload",
        "Back to this game's quicksave (it asks first when that would undo play)."),
)

HANDOVER_KEYS = (
    Key("Space", (pygame.K_SPACE,), False, "ready",
        "At the handover (\"Pass to …\"): the next player is at the keyboard; show their "
        "board."),
)


def pressed(table: tuple[Key, ...], event: pygame.event.Event) -> Key | None:
    """The entry of `table` a KEYDOWN event presses, if any."""
    if event.type != pygame.KEYDOWN:
        return None
    return next((k for k in table if k.matches(event)), None)
