"""The monthly report on the board: the Inbox opens on it at a seat's first turn of the
month and keeps it all month; it shows the view's lines as they are (the screen adds
no number of its own), and it stays inside the window at the largest text scale."""

from html import escape

import pytest

from game.ai.driver import play_game
from game.controller import GameController
from game.core import apply
from game.core.actions import ProposeExchange
from game.core.records import ANSWERS, ORDERS
from game.session import Seat, Session
from game.ui.board import BoardScene, start_game
from game.ui.monthly import money, signed_money
from game.ui.screenshots import Robot
from game.ui.settings import Settings
from tests.helpers import answer_round


def session_at(month: int, agency: str = "GCHQ", seed: int = 5) -> Session:
    """A one-player game of huawei_2020, played by the AI up to `agency`'s first turn of
    `month`."""
    session = Session.start("huawei_2020", seed, {agency: Seat(human="Alice")})
    played = play_game(session.scenario, seed)
    me = session.scenario.world.agency_index(agency)
    for action in played.actions:
        state = session.state
        if state.round == month and state.current == me and state.phase == ORDERS:
            break
        session.apply(action)
    return session


def _shown(text: str, board: BoardScene) -> None:
    """Every line of the view's report is on the board, with the view's own numbers."""
    r = board.v.report
    assert f"Monthly report — {r.month}" in text
    assert f"from {money(r.budget_before)} to {money(r.budget_after)}" in text
    assert f"from {r.score_before:.1f} to {r.score_after:.1f}" in text
    for line in r.budget:
        assert f"{signed_money(line.amount)}  {escape(line.label, quote=False)}" in text
    for line in r.score:
        assert f"{line.amount:+.1f}  {escape(line.label, quote=False)}" in text
    for t in r.threats:
        assert escape(t.name, quote=False) in text
    for a in r.answers:
        assert f"• {a.partner} " in text
        assert escape(a.asked, quote=False) in text or a.asked == "a gift"
        if a.reason:
            assert escape(a.reason, quote=False) in text
    for e in r.events:
        assert f"{escape(e.title, quote=False)} — {escape(e.status, quote=False)}" in text


@pytest.mark.parametrize("month, seed", [(1, 5), (2, 5), (6, 12)])
def test_the_inbox_opens_on_the_months_report(month, seed, tmp_path):
    session = session_at(month, seed=seed)
    robot = Robot(autosave_dir=tmp_path)
    robot.start(start_game(robot.app, session))
    board = robot.scene
    assert isinstance(board, BoardScene) and board.tab == "Inbox"
    assert board.v.report.round == month == board.v.round
    _shown(board.content.html_text, board)
    if month == 6:  # this game's fifth month: GCHQ's operation foiled a plot
        assert "foiled by you; reports from GCHQ ×3, MI5 ×1" in board.content.html_text
        assert any(line.cause == "cost" for line in board.v.report.score)


def test_the_report_stays_for_the_answer_round_under_the_months_news(tmp_path):
    """GCHQ's orders: a cable to NSA. The CIA asks GCHQ about a region it collects in
    (as in tests/ui/screens.py); in the answer round GCHQ's Inbox has the cable to
    answer first, then the same report as at the start of its month."""
    session = session_at(2)
    state = session.state
    world = state.world
    report = BoardScene(Robot(autosave_dir=tmp_path).app,
                        GameController(session, None)).v.report
    apply(state, ProposeExchange("GCHQ", "NSA", ask_region="british_isles"))
    cia = world.agency_index("CIA")
    region = world.regions[int(state.paid[cia].sum(axis=1).argmax())].id
    state.current = cia
    apply(state, ProposeExchange("CIA", "GCHQ", ask_region=region))
    answer_round(state)
    assert state.phase == ANSWERS and world.agencies[state.current].id == "GCHQ"
    robot = Robot(autosave_dir=tmp_path)
    board = BoardScene(robot.app, GameController(session, None))
    robot.start(board)
    assert board.v.answering and board.v.report == report
    text = board.content.html_text
    # The waiting cable is listed once, with its link, above the report; the news of its
    # arrival is not repeated (it would go stale once answered).
    assert text.index("Cables awaiting your answer") < text.index("CIA: asks about") \
        < text.index("Monthly report")
    assert "awaits your answer" not in text
    _shown(text, board)


@pytest.mark.parametrize("month", [2, 8])
def test_the_report_fits_the_smallest_window_at_the_largest_text(month, tmp_path):
    """960x600 at text scale 1.5: every row of the Inbox is within the box's width (long
    lines wrap), the box is inside the window, and a report longer than the box scrolls
    rather than being cut off."""
    session = session_at(month)
    robot = Robot((960, 600), Settings(ui_scale=1.5), autosave_dir=tmp_path)
    robot.start(start_game(robot.app, session))
    robot.app.render()
    box = robot.scene.content
    rect = box.get_abs_rect()
    assert rect.right <= 960 and rect.bottom <= 600
    layout = box.text_box_layout
    assert layout.layout_rows and max(row.right for row in layout.layout_rows) <= \
        layout.layout_rect.width
    assert "Monthly report" in box.html_text
    assert box.scroll_bar is not None and layout.layout_rect.height > rect.height


def test_an_answer_names_the_reports_it_gave_by_their_numbers():
    """A playtester looked in the Reports tab for "CIA's report" and found none: it was
    another service's, passed on. The answer's line names the reports by number."""
    from game.core.report import month_report
    from game.ui.monthly import report_lines
    from tests.helpers import X, answered_ask, game

    state = game()
    _, theirs, _ = answered_ask(state, "here")
    text = "\n".join(report_lines(state.world, "X", month_report(state, X), "#999"))
    assert f"gave 1 report(s) (#{theirs}) worth" in text


def test_a_withdrawn_invitation_reads_as_the_players_own_doing():
    """R12: a reviewer read "Z ...: nothing (the rules answered: ...)" for an invitation
    the player withdrew by joining another operation; the line says what happened."""
    from game.core import view
    from game.core.actions import Answer
    from game.core.report import month_report
    from game.ui.monthly import report_lines
    from tests.helpers import X, invited_while_inviting, next_round

    state, _ = invited_while_inviting()
    apply(state, Answer("X", view(state, X).inbox[0].cable.id, True))
    next_round(state)
    text = "\n".join(report_lines(state.world, "X", month_report(state, X), "#999"))
    assert ("• Z on a joint operation against Plot 0: withdrawn, for you joined another "
            "operation against it; your share came back (R12)") in text
