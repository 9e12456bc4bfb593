"""The debrief screen: each player's last month, and charts whose months are named."""

from __future__ import annotations

import itertools
import math

import pygame
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.ai.driver import play_game
from game.debrief.charts import line_chart, nice_ticks, short_month
from game.session import Seat, Session
from game.ui.board import start_game
from game.ui.debrief import DebriefScene
from game.ui.look import PALETTES
from game.ui.screenshots import Robot


@pytest.fixture
def robot(tmp_path):
    return Robot(autosave_dir=tmp_path / "autosave")


def test_the_debrief_tells_each_player_how_the_last_month_ended(robot):
    """The game ends at a dusk, before another month opens to report it: the debrief
    carries each human player's report of the last month (and no AI seat's), with the
    budget and score as they ended."""
    session = Session.start("huawei_2020", 3, {"GCHQ": Seat(human="Alice"),
                                               "NSA": Seat(human="Bob")})
    played = play_game(session.scenario, 3)
    session.state, session.actions = played.state, played.actions
    robot.start(start_game(robot.app, session))
    assert isinstance(robot.scene, DebriefScene)
    text = robot.scene.box.html_text
    world, state = session.scenario.world, played.state
    last = world.month_label(state.round)
    for name, agency in (("Alice", "GCHQ"), ("Bob", "NSA")):
        seat = world.agency_index(agency)
        assert f"{name} ({agency}): the last month, from {last} to the end" in text
        budget = float(state.budget[seat])
        assert f"to {budget:.0f}" in text or f"to {budget:.1f}" in text
    assert text.count(": the last month, from") == 2  # the AI seats' months stay out


def test_a_charts_months_are_labelled_under_it():
    """The month axis names its months (as many as fit), where it said only 'month'."""
    pygame.init()
    font = pygame.font.Font(None, 16)
    palette = PALETTES["standard"]
    series = [(float(i),) for i in range(12)]
    months = [short_month(f"{m} 2020") for m in ("January", "February", "March", "April",
                                                  "May", "June", "July", "August",
                                                  "September", "October", "November",
                                                  "December")]
    assert months[0] == "Jan 2020" and months[-1] == "Dec 2020"
    named = line_chart((600, 200), "t", ("a",), series, months, font, palette)
    bare = line_chart((600, 200), "t", ("a",), series, (), font, palette)
    under = pygame.Rect(0, 200 - 20, 600, 20)  # the strip below the plot
    drawn = [(x, y) for x in range(under.left, under.right)
             for y in range(under.top, under.bottom)
             if named.get_at((x, y)) != bare.get_at((x, y))]
    assert drawn
    assert min(x for x, _ in drawn) < 80  # the first month is labelled, at the left


def test_the_score_chart_plots_each_teams_share_of_its_target():
    """R31: the largest share of a team's target wins, so the chart plots shares, one
    line per team that may win; the services no one may play are left out."""
    from game.debrief.export import target_shares
    from game.debrief.reveal import reveal

    played = play_game(Session.start("huawei_2020", 3).scenario, 3)
    r = reveal(played.state, {})
    labels, series = target_shares(r)
    assert "GCHQ · MI6 · MI5" in labels and "MSS" not in labels and "SVR" not in labels
    assert len(series) == len(r.months)
    for label, share in zip(labels, series[-1], strict=True):
        first = r.agencies.index(label.split(" · ")[0])
        target = r.targets[first]  # the reveal's scores are rounded to 0.05
        assert share == pytest.approx(100 * r.scores[first] / target, abs=5 / target + 1e-9)


def test_a_save_from_before_the_journal_ends_with_no_last_month_and_no_crash():
    """A save older than the journal (format 6) has no marks: its debrief leaves the
    last month out rather than failing."""
    from game.debrief.reveal import reveal

    played = play_game(Session.start("the_envelope", 3).scenario, 3)
    played.state.marks = []
    assert reveal(played.state, {"MI5": "Alice"}).last_months == {}


@given(st.floats(-1e4, 1e4, allow_subnormal=False), st.floats(0, 1e4, allow_subnormal=False))
def test_a_charts_axis_is_labelled_at_round_values_that_cover_the_data(lo, span):
    """A playtest read an axis labelled 296, 111 and -73, the data's own ends: the ticks are
    2 to 6 round values (a step of 1, 2, 2.5 or 5 times a power of ten) covering the data."""
    ticks = nice_ticks(lo, lo + span)
    assert 2 <= len(ticks) <= 6 and ticks[0] <= lo and ticks[-1] >= lo + span
    step = ticks[1] - ticks[0]
    assert all(math.isclose(b - a, step, rel_tol=1e-6) for a, b in itertools.pairwise(ticks))
    mantissa = step / 10 ** math.floor(math.log10(step) + 1e-9)
    assert any(math.isclose(mantissa, m, rel_tol=1e-6) for m in (1, 2, 2.5, 5))
    assert nice_ticks(-73, 296) == [-100, 0, 100, 200, 300]


def test_the_debrief_sets_each_decision_beside_what_really_happened():
    """R28: every decision is listed with who chose what, the AI's reason and the
    history note, on the screen and in the export, however long the game ran."""
    from game.debrief.reveal import reveal
    from game.scenario.loader import load

    played = play_game(load("no_eternal_allies_1950"), 5)
    reasons = [r for agent in played.agents for r in agent.reasons]
    r = reveal(played.state, {}, reasons)
    albania = next(line for line in r.decisions if "The Albanian landings" in line)
    spec = next(e for e in played.state.scenario.script.events if e.id == "albania")
    assert "SIS chose \u201c" in albania and "(the AI's reason: it weighs better on " in albania
    assert albania.endswith(f"In history: {spec.history}")
    assert len(r.decisions) == sum(e.kind == "decided" for e in played.state.log)
