"""Settings, sound, named saves, a broken mod in the list, and play without a display."""

import json
import subprocess
import sys
from pathlib import Path

import pygame

from game.filenames import file_stem
from game.persistence import autosave, load, save
from game.scenario.loader import Listed
from game.ui import menus
from game.ui.board import BoardScene, HandoverScene, start_game
from game.ui.screenshots import Robot
from game.ui.settings import Settings
from game.ui.sound import Sounds
from tests.ui.screens import hot_seat_session

BROKEN = "tests/fixtures/broken/misspelt_discipline.yaml"


def test_settings_persist_and_survive_a_bad_file(tmp_path):
    path = tmp_path / "settings.json"
    Settings(width=1600, height=900, palette="colour_blind", ui_scale=1.25, sound=False).save(path)
    s = Settings.load(path)
    assert (s.width, s.palette, s.ui_scale, s.sound) == (1600, "colour_blind", 1.25, False)
    path.write_text(json.dumps({"width": "wide", "ui_scale": 9.0, "sound": True}))
    s = Settings.load(path)
    assert s.width == 1280 and s.ui_scale == 1.5 and s.sound
    path.write_text("{not json")
    assert Settings.load(path) == Settings()


def test_sound_is_optional():
    assert Sounds(False).tones == {}
    Sounds(False).play("click")  # nothing to play, nothing fails
    on = Sounds(True)
    assert set(on.tones) in ({"click", "chime"}, set())  # empty only without any audio


def test_a_named_save_from_the_menu(tmp_path, monkeypatch):
    monkeypatch.setattr("game.ui.board.SAVE_DIR", tmp_path)
    robot = Robot(autosave_dir=tmp_path / "auto")
    robot.start(start_game(robot.app, hot_seat_session()))
    robot.until(lambda: isinstance(robot.scene, HandoverScene))
    robot.key(pygame.K_SPACE)
    board: BoardScene = robot.scene
    robot.key(pygame.K_ESCAPE)
    board.dialog.name.set_text("Tuesday, period 3")
    robot.click(board.dialog.items["save_as"])
    saved = tmp_path / f"{file_stem('Tuesday, period 3')}.json"
    assert saved.exists() and "Tuesday, period 3" in board.status
    assert load(saved).seats["GCHQ"].human == "Alice"


def test_a_broken_mod_is_listed_with_its_errors(tmp_path, monkeypatch):
    mods = [Listed("misspelt_discipline", Path(BROKEN)), *menus.listed()]
    monkeypatch.setattr(menus, "listed", lambda: mods)
    robot = Robot(autosave_dir=tmp_path)
    robot.start(menus.NewGameScene(robot.app))
    scene = robot.scene
    labels = [c.label for c in scene.choices]
    assert "misspelt_discipline (broken: see errors)" in labels
    robot.click(scene.list.item_list[labels.index("misspelt_discipline (broken: see errors)")]
                ["button_element"])
    scene = robot.scene
    assert "did you mean &#x27;HUMINT&#x27;" in scene.summary.html_text or \
        "did you mean 'HUMINT'" in scene.summary.html_text
    assert not scene.start.is_enabled


def test_play_without_a_display_says_so_in_one_line():
    """With no display SDL would fall back to an invisible window; the game says so
    instead, in one line, whether SDL fails or falls back."""
    for extra in ({"SDL_VIDEODRIVER": "x11"}, {}):
        env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", **extra}
        out = subprocess.run([sys.executable, "main.py", "play"], capture_output=True,
                             text=True, env=env, timeout=60)
        assert out.returncode == 1
        lines = [line for line in out.stdout.splitlines() if line.strip()]
        assert len(lines) == 1 and "No display" in lines[0] and "simulate" in lines[0]
        assert "Traceback" not in out.stderr


def test_continue_passes_over_a_broken_newest_save(tmp_path, monkeypatch):
    """A save cut short by a crash is newest; Continue resumes the autosave before it,
    and shows the handover first."""
    import os

    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    save(hot_seat_session(), good)
    bad.write_text(good.read_text()[:500])
    os.utime(bad, (good.stat().st_atime + 5, good.stat().st_mtime + 5))
    monkeypatch.setattr(menus, "SAVE_DIR", tmp_path)
    monkeypatch.setattr(menus, "AUTOSAVE_DIR", tmp_path / "none")
    robot = Robot(autosave_dir=tmp_path / "auto")
    robot.start(menus.TitleScene(robot.app))
    robot.click(robot.scene.buttons["continue"])
    robot.until(lambda: isinstance(robot.scene, HandoverScene))


def _menus_in(monkeypatch, folder):
    monkeypatch.setattr(menus, "SAVE_DIR", folder)
    monkeypatch.setattr(menus, "AUTOSAVE_DIR", folder / "autosave")


def test_continue_is_disabled_without_saves(tmp_path, monkeypatch):
    _menus_in(monkeypatch, tmp_path)
    Settings().save(tmp_path / "settings.json")  # not a save
    robot = Robot(autosave_dir=tmp_path / "autosave")
    robot.start(menus.TitleScene(robot.app))
    assert not robot.scene.buttons["continue"].is_enabled
    save(hot_seat_session(), tmp_path / "g.json")
    robot.start(menus.TitleScene(robot.app))
    assert robot.scene.buttons["continue"].is_enabled


def test_the_load_list_shows_saves_only_and_says_each_thing_once(tmp_path, monkeypatch):
    """settings.json is not listed; an autosave's label names the scenario and month
    once; a damaged save is listed, and selecting it shows its problem."""
    _menus_in(monkeypatch, tmp_path)
    Settings().save(tmp_path / "settings.json")
    session = hot_seat_session()
    autosave(session, tmp_path / "autosave", "turn")
    save(session, tmp_path / "cut.json")
    cut = tmp_path / "cut.json"
    cut.write_bytes(cut.read_bytes()[:300])
    robot = Robot(autosave_dir=tmp_path / "autosave")
    robot.start(menus.LoadScene(robot.app))
    scene = robot.scene
    texts = [item["text"] for item in scene.list.item_list]
    assert len(texts) == 2 and not any("settings" in t for t in texts)
    (auto,) = [t for t in texts if t.startswith("Autosave")]
    assert auto.count("The Huawei Decision") == 1 and auto.count("January 2020") == 1
    (broken,) = [i for i in scene.list.item_list if i["text"].startswith("cut.json")]
    robot.click(broken["button_element"])
    assert "cut short" in scene.message.text


def test_two_saves_with_one_label_are_told_apart_and_each_loads_itself(tmp_path, monkeypatch):
    """A playtest saw two autosaves listed alike, to the second. The older says it is
    older, and selecting an entry picks that entry's save (it picked the first with
    the same text)."""
    from datetime import UTC, datetime

    _menus_in(monkeypatch, tmp_path)
    first, second = hot_seat_session(1), hot_seat_session(2)
    save(first, tmp_path / "a.json", "Same", when=datetime(2026, 5, 1, 9, 0, 0, 100, tzinfo=UTC))
    save(second, tmp_path / "b.json", "Same", when=datetime(2026, 5, 1, 9, 0, 0, 900, tzinfo=UTC))
    robot = Robot(autosave_dir=tmp_path / "autosave")
    robot.start(menus.LoadScene(robot.app))
    scene = robot.scene
    texts = [item["text"] for item in scene.list.item_list]
    assert len(set(texts)) == 2 and texts[1] == f"{texts[0]} (2, older)"
    robot.click(scene.list.item_list[1]["button_element"])
    assert scene.found[scene.selected].path.name == "a.json"
    robot.click(scene.list.item_list[0]["button_element"])
    assert scene.found[scene.selected].path.name == "b.json"


def test_continue_resumes_the_newest_save_by_its_header(tmp_path, monkeypatch):
    """A file copied or touched later is not newer: the date inside the save counts."""
    import os
    from datetime import UTC, datetime

    _menus_in(monkeypatch, tmp_path)
    older, newer = hot_seat_session(1), hot_seat_session(2)
    save(newer, tmp_path / "newer.json", when=datetime(2026, 5, 2, tzinfo=UTC))
    save(older, tmp_path / "older.json", when=datetime(2026, 5, 1, tzinfo=UTC))
    os.utime(tmp_path / "newer.json", (1, 1))
    robot = Robot(autosave_dir=tmp_path / "autosave")
    robot.start(menus.TitleScene(robot.app))
    robot.click(robot.scene.buttons["continue"])
    robot.until(lambda: isinstance(robot.scene, HandoverScene))
    assert robot.scene.controller.session.game_id == newer.game_id


def test_the_tutorial_on_the_new_game_screen_says_whom_you_play(tmp_path):
    """A guided game seats its own player whatever the seat buttons say, so the screen
    says whom you play and the seat buttons are off (found in a review: it offered the
    tutorial's seats as if they could be chosen)."""
    robot = Robot(autosave_dir=tmp_path)
    robot.start(menus.NewGameScene(robot.app))
    scene = robot.scene
    n = next(i for i, c in enumerate(scene.choices)
             if c.scenario is not None and c.scenario.world.id == "tutorial")
    robot.click(scene.list.item_list[n]["button_element"])
    scene = robot.scene
    labels = [e.text for e in robot.app.manager.get_root_container().elements
              if isinstance(getattr(e, "text", None), str)]
    assert "A guided game: you play MI6." in labels
    assert not any(button.is_enabled for _, button, _, _ in scene.rows)


def test_play_scenario_without_a_seat_seats_player_1_as_new_game_does(tmp_path):
    """`play --scenario ID` with no --seat used to hand every seat to the AI, which played
    the game to its debrief in seconds (a modder's playtest). It seats "Player 1" in the
    first playable seat, as Start on the new-game screen does; --seat still decides."""
    robot = Robot(autosave_dir=tmp_path)
    scene = menus.start_scene(robot.app, "huawei_2020", [], 5, None)
    seats = scene.controller.session.seats
    assert [a for a, s in seats.items() if s.is_human] == ["GCHQ"]
    assert seats["GCHQ"].human == "Player 1"
    scene = menus.start_scene(robot.app, "huawei_2020", ["NSA=human:Ann"], 5, None)
    humans = [(a, s.human) for a, s in scene.controller.session.seats.items() if s.is_human]
    assert humans == [("NSA", "Ann")]
    # a seat given to the AI stays the AI's: Player 1 takes the next playable one (review)
    scene = menus.start_scene(robot.app, "huawei_2020", ["GCHQ=ai:adversary"], 5, None)
    seats = scene.controller.session.seats
    assert seats["GCHQ"].personality == "adversary" and not seats["GCHQ"].is_human
    assert [a for a, s in seats.items() if s.is_human] == ["MI6"]
