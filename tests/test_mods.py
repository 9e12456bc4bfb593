"""Mods: a folder in the per-user mods folder, listed, namespaced, validated, and played
with its own map."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pygame
import pytest

import game
from game.campaign import begin, chapter_session, find_campaign
from game.cli import main
from game.controller import GameController
from game.paths import SCENARIO_DIR
from game.scenario.loader import ScenarioError, find, listed, load_or_errors, read_raw
from game.scenario.mods import map_file
from game.session import Session
from game.ui.look import Look
from game.ui.mapview import MapView
from game.ui.menus import NewGameScene
from game.ui.screenshots import Robot
from game.ui.settings import Settings

STRAIT = Path(__file__).parent / "fixtures" / "mods" / "strait"


def write_mod(mods: Path, folder: str, mod_id: str | None = None,
              versions: str = f'["{game.__version__}"]', mod_yaml: str | None = None) -> Path:
    """The fixture mod (mod.yaml, the guide's example with a map of its own, the map)
    copied into the mods folder, made for this game's version unless told otherwise."""
    root = mods / folder
    shutil.copytree(STRAIT, root)
    (root / "mod.yaml").write_text(mod_yaml or (STRAIT / "mod.yaml").read_text().replace(
        "id: strait", f"id: {mod_id or folder}").replace('game_versions: ["0.1"]',
                                               f"game_versions: {versions}"))
    return root


@pytest.fixture
def mods(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("NFL_DATA_DIR", str(tmp_path))
    return tmp_path / "mods"


def test_a_mods_scenarios_are_namespaced_and_never_shadow_shipped_ones(mods):
    root = write_mod(mods, "strait")
    (root / "the_envelope.yaml").write_text(
        (SCENARIO_DIR / "the_envelope.yaml").read_text().replace("title: The Envelope",
                                                                 "title: Another Envelope"))
    ids = {entry.id: entry for entry in listed()}
    assert {"strait/harbour_watch", "strait/the_envelope", "the_envelope",
            "harbour_watch"} <= set(ids)
    assert ids["strait/harbour_watch"].mod.title == "Strait Mod"
    assert find("strait/harbour_watch") == root / "harbour_watch.yaml"
    assert find("the_envelope") == SCENARIO_DIR / "the_envelope.yaml"
    assert read_raw(find("strait/the_envelope"))["title"] == "Another Envelope"
    with pytest.raises(ScenarioError, match="strait/harbour_watch"):
        find("strait/harbour_wach")


def test_a_mod_for_another_game_version_is_listed_with_that_reason(mods):
    write_mod(mods, "future", versions='["9.4", "10"]')
    (entry,) = [e for e in listed() if e.mod is not None]
    assert entry.id == "future" and len(entry.problems) == 1
    assert f"works with game version 9.4 or 10; this game is {game.__version__}" \
        in entry.problems[0]
    with pytest.raises(ScenarioError, match=r"the mod 'future' cannot be played: .*9\.4"):
        find("future/harbour_watch")


def test_broken_and_clashing_mods_are_listed_with_positioned_errors(mods):
    write_mod(mods, "a_first", mod_id="strait")
    write_mod(mods, "b_second", mod_id="strait")
    write_mod(mods, "c_broken", mod_yaml="id: Broken Mod\ntitle: x\nversion: 1.0\n"
                                         "game_versions: [\"0.1\"]\n")
    (mods / "d_empty").mkdir()
    (mods / "d_empty" / "mod.yaml").write_text(
        f'id: empty\ntitle: Empty\nversion: "1"\nauthor: me\n'
        f'game_versions: ["{game.__version__}"]\n')
    problems = {e.path.name: e.problems for e in listed() if e.problems}
    assert set(problems) == {"b_second", "c_broken", "d_empty"}
    assert "the id 'strait' is already used by" in problems["b_second"][0]
    broken = "\n".join(problems["c_broken"])
    assert "c_broken/mod.yaml:1:5: id: expected text like 'harbour'" in broken
    assert "c_broken/mod.yaml:3:10: version: write the version in quotes, like \"1.0\"" in broken
    assert "missing 'author'" in broken
    assert "no scenario files" in problems["d_empty"][0]
    assert find("strait/harbour_watch") == mods / "a_first" / "harbour_watch.yaml"


def test_validate_accepts_a_mod_folder(mods, capsys):
    root = write_mod(mods, "strait")
    assert main(["validate", str(root)]) == 0
    out = capsys.readouterr().out
    for name in ("mod.yaml: OK", "harbour.json: OK", "harbour_watch.yaml: OK"):
        assert name in out
    (root / "maps" / "harbour.json").write_text('{"size": [600, 400],\n "regions": {"x": [1, 2]')
    (root / "mod.yaml").write_text((root / "mod.yaml").read_text().replace("author", "autor"))
    assert main(["validate", str(root)]) == 1
    out = capsys.readouterr().out
    assert "mod.yaml:5:1: autor: unknown key 'autor' (did you mean 'author'?)" in out
    assert "harbour.json:2:" in out and "JSON syntax" in out


def test_validate_reports_a_yml_file_that_the_game_would_not_list(mods, capsys):
    """A modder saved a scenario as .yml: validate said nothing and the game never
    listed it."""
    root = write_mod(mods, "strait")
    (root / "harbour_watch.yaml").rename(root / "variants.yml")
    assert main(["validate", str(root)]) == 1
    assert "variants.yml:1:1: only .yaml files are read, so the game would not list this " \
           "file; rename it variants.yaml" in capsys.readouterr().out


def test_a_mods_map_and_its_scenarios_must_draw_the_same_regions(mods, capsys):
    """A modder's map keyed a region 'oasis_town' for 'oasis_towns': the region became a
    box under the map and the polygon was never drawn, and validate said OK. A mod's map
    may draw regions for several of its scenarios, so a key is checked against them all."""
    root = write_mod(mods, "strait")
    (root / "lighthouse_watch.yaml").write_text(
        "format: 1\nid: lighthouse_watch\ntitle: Lighthouse Watch\nstart: 2025-03\n"
        "rounds: 10\nextends: harbour_watch\nregions:\n"
        "  - {id: north_harbour, name: North Harbour}\n"
        "  - {id: south_harbour, name: South Harbour}\n"
        "  - {id: the_strait, name: The Strait}\n  - {id: lighthouse, name: Lighthouse}\n")
    harbour = root / "maps" / "harbour.json"
    harbour.write_text(
        '{"name": "The strait", "size": [600, 400], "regions": {\n'
        ' "north_harbour": [[20, 20], [580, 20], [580, 120], [20, 120]],\n'
        ' "the_strait": [[20, 140], [580, 140], [580, 260], [20, 260]],\n'
        ' "south_harbour": [[20, 280], [580, 280], [580, 380], [20, 380]],\n'
        ' "lighthouse": [[300, 200], [320, 200], [310, 220]]}}\n')
    assert main(["validate", str(root)]) == 0, capsys.readouterr().out
    capsys.readouterr()

    harbour.write_text(harbour.read_text().replace('"the_strait"', '"the_strat"'))
    assert main(["validate", str(root)]) == 1
    out = capsys.readouterr().out
    missing = "regions[2].id: maps/harbour.json has no polygon 'the_strait' (did you mean " \
              "'the_strat'?): the region would be drawn as a box below the map"
    assert f"harbour_watch.yaml:20:10: {missing}" in out
    assert f"lighthouse_watch.yaml:10:10: {missing}" in out
    assert "harbour.json:3:2: regions.the_strat: no scenario of the mod that draws this map " \
           "has a region 'the_strat' (did you mean 'the_strait'?): its polygon would never " \
           "be drawn" in out
    assert len(out.splitlines()) == 4  # mod.yaml: OK, and the three


def test_extends_finds_a_scenario_in_a_sub_folder_of_the_mod(mods):
    root = write_mod(mods, "strait")
    (root / "variants").mkdir()
    (root / "harbour_watch.yaml").rename(root / "variants" / "harbour_watch.yaml")
    (root / "long_watch.yaml").write_text("format: 1\nid: long_watch\ntitle: The Long Watch\n"
                                          "extends: harbour_watch\nrounds: 24\n")
    raw = read_raw(find("strait/long_watch"))
    assert raw["rounds"] == 24 and raw["title"] == "The Long Watch"
    assert raw["regions"][0]["id"] == "north_harbour"


def test_a_broken_map_keeps_the_scenario_from_starting(mods):
    root = write_mod(mods, "strait")
    (root / "maps" / "harbour.json").write_text(json.dumps(
        {"size": [600, 400], "regions": {"north_harbour": [[0, 0], [900, 10], [5, 5]]}}))
    problems = load_or_errors(find("strait/harbour_watch"))
    assert [p.path for p in problems] == ["regions.north_harbour"]
    assert "harbour.json" in str(problems[0])


def test_a_bad_polygon_is_reported_on_its_regions_line(mods, capsys):
    """A modder's broken polygon was reported at harbour.json:1:1, whatever its line."""
    root = write_mod(mods, "strait")
    (root / "maps" / "harbour.json").write_text(
        '{"size": [600, 400],\n "regions": {\n'
        '  "north_harbour": [[20, 20], [580, 20], [580, 120]],\n'
        '  "the_strait": [[0, 0], [900, 10], [5, 5]],\n'
        '  "south_harbour": [[20, 280], [580, 280], [580, 380]]}}\n')
    assert main(["validate", str(root)]) == 1
    assert "harbour.json:4:3: regions.the_strait: expected a list of at least three [x, y] " \
           "points within [0, 0] and [600, 400]" in capsys.readouterr().out


def test_a_mod_with_its_own_map_plays_a_round_headless(mods, tmp_path):
    """All seats AI, no window: the mod's scenario loads, names its map MODID/NAME so a
    save finds it again, the board's map is drawn from the mod's file, and a month is
    played through to the next dawn (which autosaves)."""
    write_mod(mods, "strait")
    session = Session.start("strait/harbour_watch", seed=4)
    assert session.raw["map"] == "strait/harbour"
    assert map_file("strait/harbour") == mods / "strait" / "maps" / "harbour.json"
    controller = GameController(session, autosave_dir=tmp_path / "autosave")
    for _ in range(10_000):
        if session.state.round > 1:
            break
        controller.run_ai()
    assert session.state.round > 1 and not controller.skipped
    assert list((tmp_path / "autosave").glob("*.json"))

    pygame.font.init()  # the map labels its regions; no earlier test may be relied on
    rect = pygame.Rect(0, 0, 660, 500)
    mapview = MapView(session.scenario.world, rect, Look(Settings()))
    regions = [r.id for r in session.scenario.world.regions]
    strait = mapview.polygons[regions.index("the_strait")]
    assert len(strait) == 4 and all(y < rect.bottom - 56 for _, y in strait)  # not a box
    mapview.draw(pygame.Surface(rect.size), controller.view(0), lambda *a, **k: None)


def test_the_new_game_list_marks_mods_and_says_why_one_cannot_be_played(mods, tmp_path):
    write_mod(mods, "strait")
    write_mod(mods, "future", versions='["9.4"]')
    robot = Robot(autosave_dir=tmp_path / "autosave")
    robot.start(NewGameScene(robot.app))
    scene = robot.scene
    labels = [c.label for c in scene.choices]
    assert "[mod strait] Harbour Watch" in labels
    assert "Harbour Watch" in labels  # the shipped example, unmarked
    robot.click(scene.list.item_list[labels.index("[mod strait] Harbour Watch")]
                ["button_element"])
    assert "From the mod Strait Mod 1.2 by A. Modder" in robot.scene.summary.html_text
    assert robot.scene.start.is_enabled
    broken = "[mod future] Strait Mod (cannot be played)"
    robot.click(robot.scene.list.item_list[labels.index(broken)]["button_element"])
    assert "This mod cannot be played" in robot.scene.summary.html_text
    assert "works with game version 9.4" in robot.scene.summary.html_text
    assert not robot.scene.start.is_enabled


def test_a_mods_campaign_chains_the_mods_own_scenarios(mods):
    """A modder's campaign names its chapters as the game lists them, MODID/ID; a
    modder found that the chapter's id pattern refused the very id the error suggested."""
    root = write_mod(mods, "strait")
    (root / "campaigns").mkdir()
    (root / "campaigns" / "strait_story.yaml").write_text(
        "format: 1\nid: strait_story\ntitle: Strait Story\nplayer: NCG\nchapters:\n"
        "  - {scenario: strait/harbour_watch}\n  - {scenario: harbour_watch}\n")
    campaign = find_campaign("strait_story")
    assert [c.scenario for c in campaign.chapters] == ["strait/harbour_watch", "harbour_watch"]
    session = chapter_session(begin(campaign, 3, "Ada"))
    assert session.raw["map"] == "strait/harbour"  # the mod's own scenario, with its map
    (root / "campaigns" / "strait_story.yaml").write_text(
        "format: 1\nid: strait_story\ntitle: Strait Story\nplayer: NCG\nchapters:\n"
        "  - {scenario: strait/harbour_wach}\n")
    with pytest.raises(ScenarioError, match=r":6:.*did you mean 'strait/harbour_watch'"):
        find_campaign("strait_story")


def test_a_mod_folder_without_mod_yaml_is_told_what_to_write(mods, capsys):
    """A modder's folder had no mod.yaml: validate said only "No such file or directory",
    and then that the map beside the scenario did not exist."""
    root = write_mod(mods, "strait")
    (root / "mod.yaml").unlink()
    assert main(["validate", str(root)]) == 1
    out = capsys.readouterr().out
    assert "mod.yaml:1:1: every folder in the mods folder is a mod and needs a mod.yaml" in out
    assert "No such file" not in out
    assert "harbour.json is there, but a mod's maps are found only in a folder with a " \
           "mod.yaml" in out
