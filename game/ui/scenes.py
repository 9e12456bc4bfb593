"""Scenes by name: the way from one screen back up to another.

Screens lead to each other in a circle: the title to the board, the board to its
debrief, the debrief back to the title or to a campaign's next chapter. If each
imported the next, game/ui would be one import cycle, hidden in imports inside
functions. Instead a module that defines a scene registers it here by name, and a
screen that leads to one it does not own asks for it by name. Modules import each
other only downward (the board its dialogs, the title its help), and
game/ui/__init__.py imports every module that registers a scene, so the registry
is full whichever part of the window is imported first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from game.ui.app import Scene

Maker = TypeVar("Maker", bound=Callable[..., Any])
_MAKERS: dict[str, Callable[..., Scene | None]] = {}


def register(name: str) -> Callable[[Maker], Maker]:
    """Make a scene class or a function that returns a scene known by `name`."""
    def add(maker: Maker) -> Maker:
        if name in _MAKERS and _MAKERS[name] is not maker:
            raise ValueError(f"two scenes are called {name!r}")
        _MAKERS[name] = maker
        return maker
    return add


def make(name: str, *args, **kwargs) -> Scene | None:
    """The scene `name`, made with these arguments."""
    return _MAKERS[name](*args, **kwargs)


def names() -> set[str]:
    return set(_MAKERS)
