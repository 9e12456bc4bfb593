"""Campaigns: chapters in order, with trust, budget and flags carried by value."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from game.ai.driver import make_agent
from game.campaign import (
    CARRY_EVENT,
    begin,
    chapter_session,
    find_campaign,
    finish,
    outcome,
    player_seat,
    retry,
)
from game.cli import main
from game.core import view
from game.core.actions import EndTurn
from game.paths import SCENARIO_DIR
from game.persistence import SaveError, load, read_header, replay_check, save, seal
from game.scenario.loader import ScenarioError, read_raw
from game.scenario.validate import check
from game.session import Session


def play_out(session: Session) -> None:
    """Every seat played by the shipped AI, the player's with its scenario personality."""
    agents = {i: make_agent(a.ai.personality, "normal", session.seed, i)
              for i, a in enumerate(session.scenario.world.agencies)}
    state = session.state
    while not state.over:
        seat = state.current
        for action in agents[seat].turn(lambda s=seat: view(state, s)):
            session.apply(action)
            if isinstance(action, EndTurn):
                break


def test_the_long_liaison_carries_trust_budget_and_flags_by_value():
    """Chapter 1 carries trust (SIS in 1950 is MI6 in 2020); chapter 2 trust and the
    unspent budget; each outcome's flags are set in the next chapter, where the
    scenario's own month-one events read them."""
    campaign = find_campaign("the_long_liaison")
    progress = begin(campaign, 11, "Ann")
    one = chapter_session(progress)
    assert one.seats["CIA"].human == "Ann" and one.scenario.world.id == "no_eternal_allies_1950"
    play_out(one)
    state = one.state
    sis, cia = (state.world.agency_index(a) for a in ("SIS", "CIA"))
    result = outcome(progress, state)
    progress = finish(progress, state)
    assert progress.chapter == 1 and progress.results[0].outcome == result
    assert ("MI6", "CIA", pytest.approx(state.trust[sis, cia])) in progress.trust
    assert progress.budget == 0  # chapter 1 carries trust only

    two = chapter_session(progress)
    world = two.scenario.world
    mi6, cia2 = world.agency_index("MI6"), world.agency_index("CIA")
    flag = {"won": "cold_war_partnership"}.get(result, "cold_war_recriminations")
    assert two.state.flags >= {flag}
    # The carried trust, then the month-one event that the outcome's flag switches on.
    shift = -6 if flag == "cold_war_recriminations" else 0
    assert two.state.trust[cia2, mi6] == pytest.approx(round(state.trust[cia, sis], 1) + shift)
    if flag == "cold_war_partnership":
        assert two.state.trust[mi6, cia2] == pytest.approx(round(state.trust[sis, cia], 1) + 6)
    play_out(two)
    left = float(two.state.budget[cia2])
    progress = finish(progress, two.state)
    assert progress.budget == pytest.approx(left)

    three = chapter_session(progress)
    cia3 = three.scenario.world.agency_index("CIA")
    income = three.scenario.world.agencies[cia3].budget
    unhelped = chapter_session(replace(progress, budget=0.0))  # the same deal, no bonus
    assert three.state.budget[cia3] - unhelped.state.budget[cia3] == pytest.approx(
        min(round(left, 1), income))
    carried = next(e for e in three.raw["events"] if e["id"] == CARRY_EVENT)
    assert {"budget": {"agency": "CIA", "delta": min(round(left, 1), income)}} in carried["effects"]
    play_out(three)
    progress = finish(progress, three.state)
    assert progress.finished and [r.scenario for r in progress.results] == [
        "no_eternal_allies_1950", "huawei_2020", "channels_2021"]


def test_a_retry_deals_a_new_game_and_the_same_progress_the_same_one():
    progress = begin(find_campaign("thames_house"), 5, "Bo")
    assert chapter_session(progress).seed == chapter_session(progress).seed
    again = retry(progress)
    assert again.chapter == 0 and again.attempt == 1
    assert chapter_session(again).seed != chapter_session(progress).seed


def test_a_lost_chapter_can_be_left_behind_with_its_flag():
    """Going on after a loss records it, and the next chapter remembers it."""
    progress = begin(find_campaign("thames_house"), 3, "Cy")
    session = chapter_session(progress)
    play_out(session)
    session.state.catastrophe = True  # as if the plots had struck
    progress = finish(progress, session.state)
    assert progress.results[0].outcome == "catastrophe"
    assert progress.flags == ("berne_doubts",)
    envelope = chapter_session(progress)
    mi5 = player_seat(progress, envelope.state)
    income = envelope.scenario.world.agencies[mi5].budget
    bonus = min(round(float(session.state.budget[session.scenario.world.agency_index("MI5")]),
                      1), income)
    # The same deal with no marks and no bonus: the difference is the bonus, less the 10
    # that the berne_doubts event takes.
    unhelped = chapter_session(replace(progress, budget=0.0, flags=()))
    assert envelope.state.budget[mi5] - unhelped.state.budget[mi5] == pytest.approx(bonus - 10)


def test_a_chapter_saves_as_a_campaign_and_loads_and_replays(tmp_path):
    progress = begin(find_campaign("the_long_liaison"), 8, "Di")
    session = chapter_session(progress)
    play_out(session)
    progress = finish(progress, session.state)
    two = chapter_session(progress)
    path = save(two, tmp_path / "c.json", "mine")
    assert read_header(path).kind == "campaign"
    loaded = load(path)
    assert loaded.campaign.to_dict() == progress.to_dict()
    assert replay_check(path)[0]


def test_a_campaign_save_without_its_progress_is_refused(tmp_path):
    session = chapter_session(begin(find_campaign("thames_house"), 1, "Ed"))
    path = save(session, tmp_path / "c.json")
    head, body = (json.loads(line) for line in path.read_bytes().split(b"\n", 1))
    del body["campaign"]
    path.write_bytes(seal(head, body))
    with pytest.raises(SaveError, match="campaign is missing"):
        load(path)
    body["campaign"] = {"seed": 1}
    path.write_bytes(seal(head, body))
    with pytest.raises(SaveError, match="damaged"):
        load(path)


def test_a_campaign_file_played_as_a_scenario_points_to_play_campaign(capsys):
    path = SCENARIO_DIR / "campaigns" / "the_long_liaison.yaml"
    with pytest.raises(ScenarioError, match="play --campaign the_long_liaison"):
        read_raw(path)
    assert main(["play", "--scenario", str(path)]) == 1
    assert "play --campaign the_long_liaison" in capsys.readouterr().err
    assert main(["play", "--campaign", "the_long_liasion"]) == 1
    assert "did you mean 'the_long_liaison'" in capsys.readouterr().err
    assert main(["play", "--campaign", "thames_house", "--scenario", "ruritania"]) == 2


def test_a_campaign_names_renamed_services_in_ids(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: bad\ntitle: Bad\nplayer: MI6\nchapters:\n"
                   "  - {scenario: no_eternal_allies_1950, ids: {MI6: SYS}}\n"
                   "  - {scenario: the_envelope}\n")
    _, problems = check(bad)
    texts = [str(p) for p in problems]
    assert any(":6:" in t and "'SYS' is not an agency of no_eternal_allies_1950" in t
               and "did you mean 'SIS'" in t for t in texts)
    bad.write_text(bad.read_text().replace("SYS", "SIS"))
    assert check(bad)[1] == []
    bad.write_text(bad.read_text().replace(", ids: {MI6: SIS}", ""))
    assert any("'MI6' is not an agency of no_eternal_allies_1950" in str(p)
               and "chapters[0].ids" in str(p) for p in check(bad)[1])


def test_a_campaign_cannot_hand_the_player_an_ai_only_seat(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: bad\ntitle: Bad\nplayer: MI6\nchapters:\n"
                   "  - {scenario: huawei_2020, ids: {MI6: MSS}}\n")
    problems = [str(p) for p in check(bad)[1]]
    assert any("MSS is an AI-only agency of huawei_2020" in p and ":6:40:" in p
               for p in problems), problems
