"""The composer, the operation dialog and the answer dialog show the rules' own verdict
(the view's preview, can_launch, IncomingView.problem) and never offer what the
engine would refuse."""

import re
from dataclasses import replace

import pytest

from game.batch import without
from game.controller import GameController
from game.core import apply, view
from game.core.actions import ProposeExchange, ProposeJointOperation
from game.core.records import FOILED, JOINT_OP, Copy
from game.scenario.loader import build, find, read_raw
from game.session import Seat, Session
from game.ui import dialogs
from game.ui.app import picked
from game.ui.board import BoardScene
from game.ui.dialogs import EMPTY_CAP
from game.ui.screenshots import Robot
from tests.helpers import add_report, add_threat, answer_round
from tests.ui.screens import hot_seat_session

HUM, SIG = 0, 1


@pytest.fixture
def session():
    return hot_seat_session()


def _board(session, tmp_path, agency="GCHQ") -> tuple[Robot, BoardScene]:
    session.state.current = session.state.world.agency_index(agency)
    robot = Robot(autosave_dir=tmp_path)
    board = BoardScene(robot.app, GameController(session, None))
    robot.start(board)
    return robot, board


def _answered(session, tmp_path, cable_action) -> tuple[Robot, BoardScene, str]:
    """NSA sends `cable_action` to GCHQ; GCHQ opens it in the answer round: the robot,
    the board and the answer dialog's text."""
    state = session.state
    state.current = state.world.agency_index("NSA")
    apply(state, cable_action)
    answer_round(state)
    cable = state.cables[state.next_cable - 1]
    robot, board = _board(session, tmp_path)
    robot.link(f"answer:{cable.id}")
    return robot, board, board.dialog.window.get_container().elements[0].html_text


def _composer(robot, board, partner: str, topic: str) -> dialogs.ExchangeDialog:
    robot.click(board.buttons["exchange"])
    composer = board.dialog
    robot.choose(composer.partner_menu, partner)
    robot.choose(composer.topic_menu, topic)
    return composer


def test_a_cable_to_a_hostile_service_is_red_and_cannot_be_sent(session, tmp_path):
    """Regression: a green 'R16: admitted' showed beside 'only threats ... may be traded
    (none)', and Send stayed enabled."""
    robot, board = _board(session, tmp_path)
    composer = _composer(robot, board, "SVR (hostile)", "Region: Europe")
    text = composer.status.html_text
    assert "Cannot be sent" in text and "are hostile" in text
    assert board.look.palette["bad"] in text and board.look.palette["good"] not in text
    assert "Admitted" not in text and "R18 cap" not in text
    assert not composer.send.is_enabled
    robot.click(composer.send)
    assert board.dialog is composer and board.v.outbox == ()  # nothing went out

    robot.choose(composer.partner_menu, "NSA")  # a friend: the same ask may go
    assert "Cannot be sent" not in composer.status.html_text
    assert composer.send.is_enabled
    # Sent, the board's status line says so (a playtest saw nothing happen), in full.
    robot.click(composer.send)
    assert board.dialog is None and len(board.v.outbox) == 1
    assert board.status_label.text == "Sent to NSA: it will be answered this month."
    font = board.look.font(14)
    assert font.size(board.status_label.text)[0] <= board.status_label.rect.width


def test_a_cable_refused_by_rule_cannot_be_sent(session, tmp_path):
    """R16: an ask with no programme in the region and nothing on it never reaches the
    partner, so Send is off and says why (found in a playtest: Send stayed on beside
    "Refused by rule", and the cable went out for the canned answer)."""
    robot, board = _board(session, tmp_path)
    composer = _composer(robot, board, "NSA", "Region: Russia and the Near Abroad")
    assert composer.verdict.refusal.startswith("R16")
    assert "Refused by rule" in composer.status.html_text
    assert not composer.send.is_enabled
    assert composer.send.tool_tip_text.endswith("the partner would never see it.")
    robot.click(composer.send)
    assert board.dialog is composer and board.v.outbox == ()


def test_an_admitted_ask_whose_cap_is_all_but_spent_says_little_can_come_back(session,
                                                                               tmp_path):
    """R18: an ask that only just clears the debt is admitted, but a cap of a few
    hundredths buys next to nothing; the composer says so (found in a playtest:
    "Admitted", then the partner gave nothing). An ask that tasks the partner (R15)
    may still bring a report outside the cap, so there it does not say so."""
    state = session.state
    gchq, nsa = state.world.agency_index("GCHQ"), state.world.agency_index("NSA")
    t = add_threat(state, needs=(1, 1, 0, 0))
    mine = add_report(state, gchq, t, HUM)
    state.paid[gchq, state.threats[t].region, HUM] = 1  # R16: standing to ask
    empty = ProposeExchange("GCHQ", "NSA", (), ask_threat=t)
    room = view(state, gchq).preview_exchange(empty).cap
    state.ledger[gchq, nsa], state.ledger[nsa, gchq] = -(room - 0.04), room - 0.04
    robot, board = _board(session, tmp_path)
    composer = _composer(robot, board, "NSA", f"Threat: {state.threats[t].name}")
    verdict = composer.verdict
    assert verdict.admitted and verdict.cap == pytest.approx(0.04) and not verdict.tasks
    assert "Little or nothing can come back" in composer.status.html_text
    assert composer.send.is_enabled  # a warning, not a refusal
    robot.click(composer.offer_list.item_list[
        [i["text"] for i in composer.offer_list.item_list].index(
            composer.report_label(mine))]["button_element"])
    assert composer.verdict.tasks and composer.verdict.cap > EMPTY_CAP
    assert "Little or nothing" not in composer.status.html_text


def test_the_offer_list_puts_live_plots_first_and_marks_those_that_are_over(session,
                                                                          tmp_path):
    """By mid-game a seat holds dozens of reports: those on live plots come first, the
    soonest to strike at the top, and those on plots that are over come last, marked
    (found in a playtest: the reports worth offering sat under forty old ones)."""
    state = session.state
    gchq = state.world.agency_index("GCHQ")
    over = add_threat(state, needs=(1, 0, 0, 0))
    later = add_threat(state, needs=(1, 0, 0, 0), deadline=state.round + 3)
    soon = add_threat(state, needs=(1, 0, 0, 0), deadline=state.round + 1)
    old, late, near = (add_report(state, gchq, t, HUM) for t in (over, later, soon))
    state.threats[over] = replace(state.threats[over], status=FOILED)
    robot, board = _board(session, tmp_path)
    composer = _composer(robot, board, "NSA", "Nothing: a gift")
    texts = [item["text"] for item in composer.offer_list.item_list]
    mine = [next(i for i, t in enumerate(texts) if f" · #{r} " in t) for r in
            (near, late, old)]
    assert mine == sorted(mine) and texts[mine[-1]].endswith(" — plot over")
    assert not texts[mine[0]].endswith(" — plot over")
    # Each line starts with the report's worth to the partner alone: one on a plot
    # that is over is surplus (R17), worth a quarter of a live one's.
    worth = [float(texts[i].split(" · ")[0]) for i in mine]
    assert worth[-1] == pytest.approx(worth[0] / 4, abs=0.06) and worth[0] > 0


def test_the_offer_list_shows_each_reports_worth_to_the_partner_chosen(session, tmp_path):
    """A playtester could not tell which reports were worth offering: each line starts
    with the report's worth to the partner alone, the view's own R17 figure. A plot
    against the United States doubles it for NSA but not for CSE; choosing another
    partner re-values the list and keeps what was selected."""
    state = session.state
    world = state.world
    gchq, nsa = world.agency_index("GCHQ"), world.agency_index("NSA")
    t = add_threat(state, needs=(1, 0, 0, 0),
                   targets=(world.nation_index(world.agencies[nsa].nation),))
    mine = add_report(state, gchq, t, HUM, 0.8)
    robot, board = _board(session, tmp_path)
    composer = _composer(robot, board, "NSA", "Nothing: a gift")
    alone = {p: view(state, gchq).preview_exchange(ProposeExchange("GCHQ", p, (mine,)))
             for p in ("NSA", "CSE")}
    assert alone["NSA"].offer_value == pytest.approx(2 * alone["CSE"].offer_value)

    def line() -> str:
        return next(i for i in composer.offer_list.item_list if f" · #{mine} " in i["text"])

    assert line()["text"].startswith(f"{alone['NSA'].offer_value:.1f} · #{mine} HUMINT")
    robot.click(line()["button_element"])
    robot.choose(composer.partner_menu, "CSE")
    assert line()["text"].startswith(f"{alone['CSE'].offer_value:.1f} · #{mine} HUMINT")
    assert composer.chosen()[2] == (mine,)
    assert composer.verdict.offer_value == pytest.approx(alone["CSE"].offer_value)


def test_the_composer_warns_when_the_answer_comes_after_the_plot_strikes(session, tmp_path):
    state = session.state
    gchq = state.world.agency_index("GCHQ")
    now = add_threat(state, needs=(1, 1, 0, 0), deadline=state.round)
    later = add_threat(state, needs=(1, 1, 0, 0), deadline=state.round + 2)
    for t in (now, later):
        add_report(state, gchq, t, HUM)
    robot, board = _board(session, tmp_path)
    composer = _composer(robot, board, "NSA", f"Threat: {state.threats[now].name}")
    text = composer.status.html_text
    assert "Too late" in text and board.look.palette["warn"] in text
    assert composer.send.is_enabled  # a warning, not a refusal
    robot.choose(composer.topic_menu, f"Threat: {state.threats[later].name}")
    assert "Too late" not in composer.status.html_text


def test_an_operation_that_cannot_launch_says_why(session, tmp_path):
    state = session.state
    t = add_threat(state, needs=(1, 1, 0, 0))
    add_report(state, state.world.agency_index("GCHQ"), t, HUM)
    robot, board = _board(session, tmp_path)
    robot.click(board.tabs["Threats"])
    assert "Not all-source: nothing yet in SIGINT" in board.content.html_text
    robot.link(f"op:{t}")
    assert not board.dialog.solo.is_enabled
    assert "nothing yet in SIGINT" in board.dialog.window.get_container().elements[0].html_text


def test_a_joint_operation_we_cannot_join_cannot_be_accepted(session, tmp_path):
    """Regression: a joint operation that could not run could be accepted."""
    state = session.state
    nsa = state.world.agency_index("NSA")
    t = add_threat(state, needs=(1, 1, 0, 0))
    add_report(state, nsa, t, SIG)
    add_report(state, state.world.agency_index("GCHQ"), t, SIG)  # it knows the plot
    state.current = nsa
    apply(state, ProposeJointOperation("NSA", "GCHQ", t))
    answer_round(state)
    (cable,) = [c for c in state.cables.values() if c.kind == JOINT_OP]
    robot, board = _board(session, tmp_path)
    assert board.v.answering
    robot.link(f"answer:{cable.id}")
    text = board.dialog.window.get_container().elements[0].html_text
    assert "You cannot join it" in text and "nothing yet in HUMINT" in text
    assert not board.dialog.accept.is_enabled and board.dialog.refuse.is_enabled
    # The list under it says what is left to do; "accept or refuse" beside a greyed
    # Accept read as a contradiction (a playtest).
    (line,) = [item["text"] for item in board.dialog.pick.item_list]
    assert line == "You cannot join it: refuse, and say why if you like."


def test_a_joint_operation_we_may_join_shows_the_chance_the_engine_then_sets(session,
                                                                         tmp_path):
    """R11/R12: the invitation says what joining buys: the chance of the pooled picture,
    the one the engine gives the operation when the invitee accepts."""
    state = session.state
    nsa, gchq = state.world.agency_index("NSA"), state.world.agency_index("GCHQ")
    t = add_threat(state, needs=(1, 1, 0, 0))
    add_report(state, nsa, t, SIG)
    add_report(state, gchq, t, HUM)  # it knows the plot and brings what the pool lacks
    state.current = nsa
    apply(state, ProposeJointOperation("NSA", "GCHQ", t))
    answer_round(state)
    (cable,) = [c for c in state.cables.values() if c.kind == JOINT_OP]
    robot, board = _board(session, tmp_path)
    incoming = next(i for i in board.v.inbox if i.cable.id == cable.id)
    assert not incoming.problem and incoming.chance is not None
    robot.link(f"answer:{cable.id}")
    text = board.dialog.window.get_container().elements[0].html_text
    assert f"<b>{incoming.chance:.0%}</b> chance of success" in text
    robot.click(board.dialog.accept)
    (op,) = [o for o in state.operations if o.threat == t]
    assert op.shown == pytest.approx(incoming.chance)


def test_a_joint_operation_on_a_threat_we_hold_nothing_on_cannot_be_accepted(session,
                                                                               tmp_path):
    """The engine refuses to join an operation against a threat the partner holds
    nothing on; the answer dialog says so and Accept stays off."""
    state = session.state
    nsa = state.world.agency_index("NSA")
    t = add_threat(state, needs=(1, 1, 0, 0))
    add_report(state, nsa, t, SIG)
    _, board, text = _answered(session, tmp_path,
                               ProposeJointOperation("NSA", "GCHQ", t))
    assert "You hold nothing on that threat" in text
    assert not board.dialog.accept.is_enabled


def test_an_offered_report_names_its_plot_when_we_know_the_plot(session, tmp_path):
    """A gift says what each report is about (found in a playtest: "• HUMINT q0.84" and
    nothing more); a plot the recipient has not heard of stays unnamed until the report
    is its own."""
    state = session.state
    nsa, gchq = state.world.agency_index("NSA"), state.world.agency_index("GCHQ")
    known, unknown = add_threat(state), add_threat(state)
    add_report(state, gchq, known, SIG)
    gifts = (add_report(state, nsa, known, HUM), add_report(state, nsa, unknown, HUM))
    _, board, text = _answered(session, tmp_path, ProposeExchange("NSA", "GCHQ", gifts))
    assert f"on {board.v.threat_name(known)}" in text
    assert "on a plot you do not know of yet" in text
    assert state.threats[unknown].name not in text.replace(state.threats[known].name, "")


def test_an_offered_report_we_already_hold_is_marked(session, tmp_path):
    """A playtester accepted a cable offering SIGINT the UKUSA pact had already given
    them, and looked in vain for it in the Reports tab: an offered report we hold says
    so, by its number there."""
    state = session.state
    nsa, gchq = state.world.agency_index("NSA"), state.world.agency_index("GCHQ")
    t = add_threat(state)
    add_report(state, gchq, t, HUM)
    shared, fresh = add_report(state, nsa, t, SIG), add_report(state, nsa, t, SIG)
    state.add_copy(gchq, Copy(shared, (nsa, gchq), state.round))
    *_, text = _answered(session, tmp_path, ProposeExchange("NSA", "GCHQ", (shared, fresh)))
    assert f"you already hold it (#{shared})" in text
    assert f"#{fresh})" not in text


def test_an_answer_over_the_cap_says_a_gift_can_carry_the_rest(session, tmp_path):
    """R18 caps an answer, not a gift: with more chosen than the cap allows, Accept is
    off and says how the rest can still go (found in a playtest: a teammate asked, and
    every report it needed was over the cap)."""
    state = session.state
    nsa, gchq = state.world.agency_index("NSA"), state.world.agency_index("GCHQ")
    t = add_threat(state, needs=(1, 1, 0, 0))
    add_report(state, nsa, t, SIG)
    add_report(state, gchq, t, HUM, 0.9)
    state.paid[nsa, state.threats[t].region, SIG] = 1  # R16: NSA collects there
    state.current = nsa
    apply(state, ProposeExchange("NSA", "GCHQ", (), ask_threat=t))
    answer_round(state)
    (cable,) = [c for c in state.cables.values() if c.sender == nsa]
    robot, board = _board(session, tmp_path)
    robot.link(f"answer:{cable.id}")
    dialog = board.dialog
    robot.click(dialog.pick.item_list[0]["button_element"])
    assert "over the cap" in dialog.total.text and not dialog.accept.is_enabled
    assert "A gift has no cap" in dialog.accept.tool_tip_text


def test_a_click_on_a_scroll_arrow_moves_a_long_list_by_a_fifth_of_a_view(session,
                                                                         tmp_path):
    """pygame_gui scrolls only while an arrow is held: a click moved a list of forty
    reports by a pixel or two (found in a playtest). A click moves it by a fifth of
    what it shows, and never past its end."""
    from game.ui.app import ARROW_STEP

    state = session.state
    t = add_threat(state, needs=(1, 0, 0, 0))
    for _ in range(40):
        add_report(state, state.world.agency_index("GCHQ"), t, HUM)
    robot, board = _board(session, tmp_path)
    bar = _composer(robot, board, "NSA", "Nothing: a gift").offer_list.scroll_bar
    for _ in range(3):
        robot.click(bar.bottom_button)
    assert bar.start_percentage == pytest.approx(3 * ARROW_STEP * bar.visible_percentage,
                                                abs=0.005)  # whole pixels
    robot.click(bar.top_button)
    assert bar.start_percentage == pytest.approx(2 * ARROW_STEP * bar.visible_percentage,
                                                abs=0.005)
    for _ in range(40):
        robot.click(bar.bottom_button)
    assert bar.start_percentage == pytest.approx(1 - bar.visible_percentage, abs=0.005)


def test_the_composer_opens_on_a_topic_the_rules_would_admit(session, tmp_path):
    """With no threat known, the composer opens on a region where the seat collects
    (R16 standing), not on the first region of the map (found in a playtest: it opened
    on a region it then refused)."""
    state = session.state
    gchq = state.world.agency_index("GCHQ")
    last = len(state.world.regions) - 1  # the only region it collects in: the map's last
    state.orders[gchq] = state.paid[gchq] = 0
    state.orders[gchq, last, SIG] = state.paid[gchq, last, SIG] = 1
    robot, board = _board(session, tmp_path)
    assert board.v.threats == ()
    robot.click(board.buttons["exchange"])
    composer = board.dialog
    topic = dict(composer.topics)[picked(composer.topic_menu)]
    assert topic is not None and topic.region == last
    assert not composer.verdict.refusal



def test_picking_the_option_a_menu_already_shows_closes_it(session, tmp_path):
    """pygame_gui takes a click on the option already shown as dropping the selection,
    and left the menu open over the composer (found in a playtest)."""
    robot, board = _board(session, tmp_path)
    robot.click(board.buttons["exchange"])
    menu = board.dialog.topic_menu
    shown = menu.selected_option
    robot.choose(menu, picked(menu))
    robot.frame()
    assert not hasattr(menu.current_state, "options_selection_list")  # closed
    assert menu.selected_option == shown


def test_the_threats_tab_says_whom_each_plot_targets(session, tmp_path):
    """A playtester could not tell which plots were aimed at their own nation, which
    their score and a report's worth (R17) turn on: each plot names its targets, the
    seat's own nation marked."""
    state = session.state
    world = state.world
    gchq, nsa = world.agency_index("GCHQ"), world.agency_index("NSA")
    us, uk = (world.nation_index(world.agencies[a].nation) for a in (nsa, gchq))
    both = add_threat(state, needs=(1, 1, 0, 0), targets=(us, uk), deadline=state.round + 2)
    add_report(state, gchq, both, HUM)
    robot, board = _board(session, tmp_path)
    robot.click(board.tabs["Threats"])
    text = re.sub(r"<[^>]+>", "", board.content.html_text)
    assert (f"against {world.nations[us].name}, {world.nations[uk].name} (yours);"
            in text)


def test_the_operation_dialog_says_launching_alone_rules_out_joining(session, tmp_path):
    """R12: an operation set for the dusk bars joining a partner's invitation against the
    same plot; a playtester launched alone and only then found the invitations of that
    answer round closed to them. The dialog says so beside the chance."""
    state = session.state
    gchq = state.world.agency_index("GCHQ")
    t = add_threat(state, needs=(1, 1, 0, 0), deadline=state.round + 2)
    for d in (HUM, SIG):
        add_report(state, gchq, t, d, 0.9)
    _, board = _board(session, tmp_path)
    board.dialog = dialogs.OperationDialog(board, t)
    ok, _ = board.v.can_launch(t)
    text = re.sub(r"<[^>]+>", "", board.dialog.window.get_container().elements[0].html_text)
    assert ok and "launched alone, you cannot join a partner's invitation against it" in text


def test_after_a_court_disclosure_the_composer_and_liaison_tab_say_what_is_held_back(
        session, tmp_path):
    """R28: once a UK court released an NSA report, NSA answers UK asks only about plots
    against the UK due within a month. The composer says so before Send (which is off),
    the Liaison tab marks the row, and the partner card gives the terms in full."""
    state = session.state
    world = state.world
    nsa, uk = world.agency_index("NSA"), world.nation_index("UK")
    state.embargoes[(nsa, uk)] = (state.round + 3, 1)
    robot, board = _board(session, tmp_path)
    composer = _composer(robot, board, "NSA", "Region: Europe")
    held = (f"since a court in the United Kingdom disclosed a report of NSA's, NSA shares with the "
            f"United Kingdom's agencies only on threats against the United Kingdom due within "
            f"a month, until the end of {world.month_label(state.round + 3)}")
    assert composer.verdict.refusal == f"R28: {held}"
    assert "Refused by rule" in composer.status.html_text and not composer.send.is_enabled
    robot.click(composer.cancel)
    robot.click(board.tabs["Liaison"])
    assert (f"imminent threats only until {world.month_label(state.round + 3)} (R28)"
            in board.content.html_text)
    robot.link("partner:NSA")
    assert f"{held[0].upper()}{held[1:]} (R28)." in board.dialog.window.get_container() \
        .elements[0].html_text


def test_with_caveats_off_the_composer_greys_the_caveat_button(tmp_path):
    """R21 off (`third_party.caveats: false`): the composer says so and the button does
    nothing, so a player never builds a cable the rules will refuse."""
    raw = without(read_raw(find("huawei_2020")), ["caveats"])
    session = Session.from_scenario(raw, build(raw), 3, {"GCHQ": Seat(human="Alice")})
    robot, board = _board(session, tmp_path)
    composer = _composer(robot, board, "NSA", "Region: Europe")
    assert not composer.caveat.is_enabled and not composer.caveat_on
    assert composer.caveat.text == "Caveats: not in this scenario (R21)"


def test_strict_terms_show_on_the_liaison_tab_the_partner_card_and_the_composers_cap(
        session, tmp_path):
    """R28: after the Huawei decision NSA deals with GCHQ on strict terms: no credit line.
    The Liaison row marks it, the partner card says it, and the composer's cap has no
    credit line in it."""
    state = session.state
    world = state.world
    nsa, gchq = world.agency_index("NSA"), world.agency_index("GCHQ")
    until = state.round + 5
    state.strict_terms[(nsa, gchq)] = (until, 0.0, 0.5)
    robot, board = _board(session, tmp_path)
    assert board.v.partner("NSA").credit_line == 0.0
    composer = _composer(robot, board, "NSA", "Region: Europe")
    assert composer.verdict.credit_line == 0.0
    robot.click(composer.cancel)
    robot.click(board.tabs["Liaison"])
    assert f"strict terms until {world.month_label(until)} (R28)" in board.content.html_text
    robot.link("partner:NSA")
    assert (f"NSA deals with GCHQ on strict terms (R28) until the end of "
            f"{world.month_label(until)}: no credit line (R18), and 50% of the trust a trade "
            f"would earn (R19)."
            in board.dialog.window.get_container().elements[0].html_text)


def test_end_turn_with_a_decision_open_warns_once_before_taking_the_first_choice(
        session, tmp_path):
    """R28: a playtester ended two months with a decision open and learnt only later that
    its first choice had been taken. The first End turn says so; the second ends."""
    robot, board = _board(session, tmp_path)
    robot.click(board.buttons["end"])
    assert board.controller.state.current == board.seat  # still GCHQ's turn
    assert board.status_label.text == ("Still to decide: The Huawei decision. End turn again "
                                       "takes its first choice.")
    font = board.look.font(14)
    assert font.size(board.status_label.text)[0] <= board.status_label.rect.width
    robot.click(board.buttons["end"])
    assert board.controller.state.current != board.seat
    assert board.controller.state.queued == [("huawei_decision", 0)]
