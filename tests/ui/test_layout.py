"""Every screen at 1280x720 and at the smallest window (960x600): not blank, nothing
outside the window, no widget text wider than its widget."""

import warnings
from itertools import chain

import numpy as np
import pygame
import pytest
from pygame_gui.elements import UIButton, UILabel

from game.ui.screenshots import Robot
from game.ui.settings import Settings
from tests.ui.screens import (
    every_screen,
    finished,
    hot_seat_session,
    single_player_screens,
    with_found_mole,
)


def _overlaps(elements, name):
    """Buttons side by side in one container must not cover each other."""
    out = []
    by_container: dict[int, list] = {}
    for e in elements:
        if isinstance(e, UIButton) and e.visible and e.get_abs_rect().width > 0:
            by_container.setdefault(id(e.ui_container), []).append(e)
    for buttons in by_container.values():
        for i, a in enumerate(buttons):
            for b in buttons[i + 1:]:
                if a.get_abs_rect().inflate(-2, -2).colliderect(b.get_abs_rect().inflate(-2, -2)):
                    out.append(f"{name}: {a.text!r} overlaps {b.text!r}")
    return out


def _problems(robot, name):
    out = []
    w, h = robot.app.size
    pixels = pygame.surfarray.array3d(robot.app.screen)
    if pixels.std() < 5:
        out.append(f"{name}: blank")
    for element in robot.app.manager.get_sprite_group().sprites():
        if not element.visible or not hasattr(element, "get_abs_rect"):
            continue
        rect = element.get_abs_rect()
        if rect.width <= 0:
            continue
        if rect.right > w + 1 or rect.bottom > h + 1 or rect.x < -1 or rect.y < -1:
            out.append(f"{name}: {type(element).__name__} at {rect} is outside {w}x{h}")
        text = getattr(element, "text", None)
        font = getattr(element, "font", None)
        widget = isinstance(element, UIButton | UILabel) and text and font is not None
        if widget and font.size(text)[0] > rect.width - 4:
            out.append(f"{name}: {text!r} does not fit its {rect.width}px widget")
    return out + _overlaps(robot.app.manager.get_sprite_group().sprites(), name)


@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5])
@pytest.mark.parametrize("size", [(1280, 720), (960, 600)])
def test_every_screen_fits(size, scale, tmp_path):
    """At every window size and text scale ([I]): nothing cut off, nothing outside."""
    session = hot_seat_session()
    with_found_mole(session, "GCHQ", "MSS")
    settings = Settings()
    settings.ui_scale = scale
    robot = Robot(size, settings=settings, autosave_dir=tmp_path)
    problems = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        names = []
        for name, _ in chain(every_screen(robot, session), single_player_screens(robot)):
            robot.app.render()
            problems += _problems(robot, name)
            names.append(name)
        from game.ui.board import start_game
        robot.start(start_game(robot.app, finished(session)))
        robot.app.render()
        problems += _problems(robot, "debrief")
    problems += [str(w.message) for w in caught if "too small" in str(w.message)]
    assert {"board_inbox", "dialog_collection", "dialog_exchange", "dialog_mole", "campaigns",
            "briefing", "tutorial"} <= set(names)
    assert problems == [], "\n".join(problems)


def test_a_blank_screen_is_caught(tmp_path):
    robot = Robot(autosave_dir=tmp_path)
    robot.app.screen.fill((0, 0, 0))
    assert _problems(robot, "x") == ["x: blank"]
    assert np.asarray(pygame.surfarray.array3d(robot.app.screen)).std() == 0


@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5])
@pytest.mark.parametrize("width", [480, 640, 795])  # the board's map at 960 and 1280 wide
def test_the_map_legend_fits_under_the_map_with_every_kind_of_plot(width, scale):
    """A review found the legend running past a narrow map, and a marker over it: the
    legend flows into as many rows as the map's width needs, with room kept for all
    four kinds of plot, and says what the programme tags under region names mean."""
    from game.scenario.loader import find, load
    from game.ui.look import Look
    from game.ui.mapview import KIND_SHAPES, LEGEND, MapView

    pygame.font.init()
    settings = Settings()
    settings.ui_scale = scale
    look = Look(settings)
    rect = pygame.Rect(0, 44, width, 560)
    mapview = MapView(load(find("huawei_2020")).world, rect, look)
    drawn = []
    mapview.legend(pygame.Surface((width, 700)),
                   lambda _s, text, pos, size, *_: drawn.append((text, pos, size)),
                   set(KIND_SHAPES))
    assert [t for t, _, _ in drawn] == [*KIND_SHAPES, *LEGEND]
    for text, (x, y), size in drawn:
        font = look.font(size)
        assert x + font.size(text)[0] <= rect.right, (text, x)
        assert mapview.area.bottom <= y and y + font.get_linesize() <= rect.bottom, text
