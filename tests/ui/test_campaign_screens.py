"""A campaign played through the real screens: title, list, briefings, boards (no
handover with one human), debriefs, a retry, and the campaign debrief; Continue
resumes a campaign in the middle of a chapter."""

from __future__ import annotations

import pygame
import pytest

from game.campaign import carried_lines
from game.ui import menus
from game.ui.board import AIScene, BoardScene, HandoverScene
from game.ui.campaign import BriefingScene, CampaignDebriefScene, CampaignListScene, ChapterEndScene
from game.ui.debrief import DebriefScene
from game.ui.screenshots import Robot


@pytest.fixture
def robot(tmp_path, monkeypatch) -> Robot:
    """A window whose saves and autosaves go to a folder of the test's own."""
    monkeypatch.setattr(menus, "SAVE_DIR", tmp_path)
    monkeypatch.setattr(menus, "AUTOSAVE_DIR", tmp_path / "autosave")
    return Robot(autosave_dir=tmp_path / "autosave")


def _to_campaign_list(robot: Robot, title: str) -> CampaignListScene:
    robot.start(menus.TitleScene(robot.app))
    robot.click(robot.scene.buttons["campaign"])
    scene = robot.scene
    assert isinstance(scene, CampaignListScene)
    (item,) = [i for i in scene.list.item_list if i["text"].startswith(title)]
    robot.click(item["button_element"])
    return robot.scene


def _play_chapter(robot: Robot) -> None:
    """End every month without doing anything, until the chapter's debrief."""
    for _ in range(400):
        if isinstance(robot.scene, DebriefScene):
            return
        assert not isinstance(robot.scene, HandoverScene), "one human: no handover"
        if isinstance(robot.scene, BoardScene):
            robot.key(pygame.K_RETURN)
        else:
            robot.until(lambda: not isinstance(robot.scene, AIScene))
    raise AssertionError("the chapter never ended")


def test_a_campaign_is_played_through_its_screens(robot):
    scene = _to_campaign_list(robot, "Thames House")
    assert "you run MI5" in scene.details.html_text
    scene.name_entry.set_text("Fay")
    scene.seed_entry.set_text("42")
    robot.click(scene.start)
    briefing = robot.scene
    assert isinstance(briefing, BriefingScene) and briefing.progress.seed == 42
    assert "Your objective." in briefing.box.html_text
    seen_retry = False
    for chapter in range(3):
        briefing = robot.scene
        assert isinstance(briefing, BriefingScene) and briefing.progress.chapter == chapter
        carried = carried_lines(briefing.progress, briefing.session.raw)
        assert chapter == 0 or carried  # both later chapters carry budget, and the marks
        for line in carried:
            assert line in briefing.box.html_text
        robot.click(briefing.go)
        robot.until(lambda: isinstance(robot.scene, BoardScene | DebriefScene))
        assert robot.scene.controller is None or robot.scene.controller.humans == 1
        _play_chapter(robot)
        robot.click(robot.scene.title_button)  # "On with the campaign"
        end = robot.scene
        assert isinstance(end, ChapterEndScene)
        if end.again is not None and not seen_retry:  # a lost chapter: take the retry once
            seen_retry = True
            robot.click(end.again)
            assert robot.scene.progress.attempt == 1
            robot.click(robot.scene.go)
            robot.until(lambda: isinstance(robot.scene, BoardScene | DebriefScene))
            _play_chapter(robot)
            robot.click(robot.scene.title_button)
            end = robot.scene
        robot.click(end.go)
    assert seen_retry  # a player who never acts loses a chapter
    final = robot.scene
    assert isinstance(final, CampaignDebriefScene)
    assert len(final.progress.results) == 3
    for result in final.progress.results:
        assert result.title in final.box.html_text
    robot.click(final.done)
    assert isinstance(robot.scene, menus.TitleScene)


def test_continue_resumes_a_campaign_mid_chapter(robot):
    scene = _to_campaign_list(robot, "The Long Liaison")
    robot.click(scene.start)
    robot.click(robot.scene.go)
    robot.until(lambda: isinstance(robot.scene, BoardScene))
    robot.key(pygame.K_RETURN)
    robot.until(lambda: isinstance(robot.scene, BoardScene))
    month = robot.scene.v.round
    progress = robot.scene.controller.session.campaign
    robot.start(menus.TitleScene(robot.app))
    robot.click(robot.scene.buttons["continue"])
    robot.until(lambda: isinstance(robot.scene, BoardScene))
    resumed = robot.scene.controller.session
    assert resumed.campaign.to_dict() == progress.to_dict()
    assert robot.scene.v.round == month


def test_the_load_list_marks_a_campaign_save(robot, tmp_path):
    from game.campaign import begin, chapter_session, find_campaign
    from game.persistence import save

    save(chapter_session(begin(find_campaign("thames_house"), 2, "Gil")), tmp_path / "c.json",
         "Before the Club")
    robot.start(menus.LoadScene(robot.app))
    (label,) = [item["text"] for item in robot.scene.list.item_list]
    assert label.startswith("[campaign] Before the Club — The Club of Berne, January 2004")


def test_continue_after_a_chapter_opens_the_next_briefing(robot):
    """The playtest: after a chapter's end, leaving at the next briefing and pressing
    Continue came back to the old debrief. The new chapter is saved at its briefing."""
    scene = _to_campaign_list(robot, "Thames House")
    robot.click(scene.start)
    robot.click(robot.scene.go)
    robot.until(lambda: isinstance(robot.scene, BoardScene | DebriefScene))
    _play_chapter(robot)
    robot.click(robot.scene.title_button)
    robot.click(robot.scene.go)  # on to chapter 2 (or the retry's briefing of chapter 1)
    briefing = robot.scene
    assert isinstance(briefing, BriefingScene)
    robot.click(briefing.leave)
    robot.click(robot.scene.buttons["continue"])
    assert isinstance(robot.scene, BriefingScene)
    assert robot.scene.progress.to_dict() == briefing.progress.to_dict()
    assert robot.scene.session.seed == briefing.session.seed
