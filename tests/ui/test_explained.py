"""Every number and name explained: the partner card, the collection dialog per cell,
the R20 warning in the composer, plots told apart, and tooltips whose numbers are the
true numbers of the state they describe."""

import re
from dataclasses import replace

import numpy as np
import pygame
import pytest

from game.controller import GameController
from game.core import apply
from game.core.actions import ProposeExchange, SetProgramme
from game.core.records import Copy
from game.session import Seat, Session
from game.ui import dialogs
from game.ui.board import BoardScene
from game.ui.screenshots import Robot
from tests.helpers import add_report, add_threat
from tests.ui.screens import hot_seat_session
from tests.ui.test_secrecy import SECRET_THREAT, _plant_secrets

HUM, SIG = 0, 1


def _board(session, tmp_path, agency="GCHQ") -> tuple[Robot, BoardScene]:
    session.state.current = session.state.world.agency_index(agency)
    robot = Robot(autosave_dir=tmp_path)
    board = BoardScene(robot.app, GameController(session, None))
    robot.start(board)
    return robot, board


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def _hover(robot, pos) -> None:
    pygame.mouse.set_pos(pos)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                         buttons=(0, 0, 0)))
    robot.frame()


def _link_pos(box, target: str) -> tuple[int, int]:
    """Where a link of a text box is drawn on screen."""
    base_x, base_y = box._calculate_hyperlinks_offsets()
    chunk = next(c for c in box.link_hover_chunks if c.href == target)
    return base_x + chunk.x + 2, base_y + chunk.y + 2


# --------------------------------------------------------------------------- partner card
def test_the_partner_card_opens_from_the_liaison_tab_and_shows_the_view(tmp_path):
    session = hot_seat_session()
    state = session.state
    world = state.world
    g, nsa = world.agency_index("GCHQ"), world.agency_index("NSA")
    state.trust[g, nsa], state.trust[nsa, g] = 61.0, 47.0
    state.ledger[g, nsa], state.ledger[nsa, g] = -0.3, 0.3
    robot, board = _board(session, tmp_path)
    robot.click(board.tabs["Liaison"])
    assert "href='partner:NSA'" in board.content.html_text
    robot.link("partner:NSA")
    assert isinstance(board.dialog, dialogs.PartnerDialog)
    text = _plain(board.dialog.text.html_text)
    them = world.agencies[nsa]
    for d, c in zip(world.rules.discipline_ids, them.capability, strict=True):
        assert f"{d} {c:.0%}" in text
    for r, a in zip(world.regions, them.access, strict=True):
        assert f"{r.name} {a:.0%}" in text
    assert "their trust in you: 47. Yours in them: 61." in text
    assert "balance -0.3: you owe them 0.3." in text
    assert f"Credit line they give you: {state.credit_line(nsa, g):.1f}" in text
    assert f"Credit line you give them: {state.credit_line(g, nsa):.1f}" in text
    five_eyes = next(p for p in world.pacts if p.name == "Five Eyes")
    assert (f"Pacts you share (R22): Five Eyes copies each member's "
            f"{', '.join(five_eyes.auto_share)} to the others") in text
    robot.key(pygame.K_ESCAPE)
    assert board.dialog is None


def test_the_partner_card_lists_the_cables_with_their_outcomes(tmp_path):
    session = hot_seat_session()
    state = session.state
    g = state.world.agency_index("GCHQ")
    t = add_threat(state, needs=(1, 1, 0, 0))
    rg = add_report(state, g, t, HUM)
    state.current = g
    apply(state, ProposeExchange("GCHQ", "NSA", (rg,), ask_threat=t))
    robot, board = _board(session, tmp_path)
    robot.link("partner:NSA")
    text = _plain(board.dialog.text.html_text)
    month = state.world.month_label(state.round)
    assert f"{month}, GCHQ to NSA: asked about {board.v.threat_name(t)}, offering 1 " \
           f"report(s)" in text
    assert "on its way" in text
    line = board.v.cables_with("NSA")[0]
    assert f"worth {line.value_offered:.1f} to them" in text


def test_the_partner_card_keeps_the_partners_secrets(tmp_path):
    """NSA's budget, holdings and its ledger with the CIA stay off GCHQ's card of it,
    and so does a cable NSA sent that the rules stopped before it reached GCHQ."""
    session = hot_seat_session()
    _plant_secrets(session)
    state = session.state
    nsa = state.world.agency_index("NSA")
    state.current = nsa
    apply(state, ProposeExchange("NSA", "GCHQ", (), ask_region="russia"))  # R16: nothing
    robot, board = _board(session, tmp_path)
    robot.link("partner:NSA")
    text = board.dialog.text.html_text
    for secret in ("4321", "77.7", SECRET_THREAT, "Bob"):
        assert secret not in text
    assert "None yet." in text  # the stopped cable never reached GCHQ


def _composer_to_cia(tmp_path):
    """GCHQ, holding one HUMINT report on a plot, opens the composer to the CIA."""
    session = hot_seat_session()
    state = session.state
    t = add_threat(state, needs=(1, 1, 0, 0))
    rg = add_report(state, state.world.agency_index("GCHQ"), t, HUM)
    robot, board = _board(session, tmp_path)
    robot.click(board.buttons["exchange"])
    robot.choose(board.dialog.partner_menu, "CIA")
    return robot, board, t, rg


def _offer(robot, composer, report: int) -> None:
    items = composer.offer_list.item_list
    label = composer.report_label(report)
    robot.click(items[[i["text"] for i in items].index(label)]["button_element"])


def test_the_composer_opens_the_card_and_comes_back_as_it_was(tmp_path):
    robot, board, t, rg = _composer_to_cia(tmp_path)
    composer = board.dialog
    _offer(robot, composer, rg)
    robot.choose(composer.topic_menu, f"Threat: {board.v.threat_name(t)}")
    robot.click(composer.card)
    card = board.dialog
    assert isinstance(card, dialogs.PartnerDialog) and card.partner.agency == "CIA"
    robot.click(card.close)
    back = board.dialog
    assert isinstance(back, dialogs.ExchangeDialog)
    partner, chosen, offer, _ = back.chosen()
    assert (partner.agency, offer) == ("CIA", (rg,))
    assert chosen.threat == t


# --------------------------------------------------------------------------- collection
def test_the_collection_dialog_explains_each_cell_with_the_views_numbers(tmp_path):
    session = hot_seat_session()
    state = session.state
    g = state.world.agency_index("GCHQ")
    robot, board = _board(session, tmp_path)
    robot.click(board.buttons["collect"])
    dialog = board.dialog
    me = state.world.agencies[g]
    rate = state.rules.collection.rate
    unit = state.rules.disciplines[SIG].cost
    r = state.world.region_index("europe")
    level = int(state.orders[g, r, SIG])
    text = dialog.cell_text(r, SIG)
    expected = rate * level * me.capability[SIG] * me.access[r]
    assert f"your strength {me.capability[SIG]:.0%}, your reach {me.access[r]:.0%}" in text
    assert f"At level {level}: {expected:.2f} reports a month" in text
    assert f"for {unit * level:g} a month" in text
    more = rate * (level + 1) * me.capability[SIG] * me.access[r]
    assert f"Level {level + 1}: {more:.2f} a month, for {unit * (level + 1):g}" in text
    cell = next(b for b, rk in dialog.details.items() if rk == (r, SIG))
    assert cell.tool_tip_text == text
    robot.click(cell)
    assert _plain(board.dialog.summary.html_text).startswith(_plain(text))
    assert "Running costs exceed income" not in board.dialog.summary.html_text
    if level:  # lowering is not refunded this month, and the tip says what is (R6)
        assert board.dialog.change_text(r, SIG, level - 1).endswith(
            "This month is paid and is not refunded: Undo (Ctrl+Z) takes back a raise made "
            "this turn.")


def test_the_collection_dialog_warns_when_running_costs_exceed_income(tmp_path):
    session = hot_seat_session()
    state = session.state
    g = state.world.agency_index("GCHQ")
    state.budget[g] = 1000.0
    state.current = g
    for r in state.world.regions[:3]:
        apply(state, SetProgramme("GCHQ", r.id, "SIGINT", 3))
    costs = np.array([d.cost for d in state.rules.disciplines])
    running = float((state.orders[g] * costs).sum())
    income = state.world.agencies[g].budget
    assert running > income
    robot, board = _board(session, tmp_path)
    robot.click(board.buttons["collect"])
    html = board.dialog.summary.html_text
    assert "Running costs exceed income" in html and board.look.palette["warn"] in html
    assert f"Running costs <b>{running:g}</b>" in html
    assert f"by {running - income:g} a month" in html


# --------------------------------------------------------------------------- R20
def test_the_composer_warns_of_r20_when_offering_another_agencys_report(tmp_path):
    """Club of Berne has no closed pact: CNI passing MI5's report to DST breaks R20."""
    session = Session.start("club_of_berne_2004", 3)
    state = session.state
    world = state.world
    cni, mi5 = world.agency_index("CNI"), world.agency_index("MI5")
    t = add_threat(state, needs=(1, 1, 0, 0))
    rm = add_report(state, mi5, t, HUM)
    state.add_copy(cni, Copy(rm, (mi5, cni), state.round))
    own = add_report(state, cni, t, SIG)
    robot, board = _board(session, tmp_path, "CNI")
    robot.click(board.buttons["exchange"])
    composer = board.dialog
    robot.choose(composer.partner_menu, "DST")
    items = composer.offer_list.item_list
    texts = [i["text"] for i in items]
    robot.click(items[texts.index(composer.report_label(own))]["button_element"])
    assert "R20" not in composer.status.html_text  # our own report: no third party
    robot.click(items[texts.index(composer.report_label(rm))]["button_element"])
    html = composer.status.html_text
    chance = world.breach_chance(world.agency_index("DST"))
    loss = state.rules.trust.breach_loss
    assert "R20, the third-party rule" in html and f"#{rm} from MI5" in html
    assert f"<b>{chance:.0%}</b> a month" in html
    assert f"the trust MI5 places in you falls by <b>{loss:g}</b>" in html
    assert composer.send.is_enabled  # a warning, not a refusal
    robot.choose(composer.partner_menu, "MI5")  # back to its originator: no breach
    assert "R20" not in composer.status.html_text


# --------------------------------------------------------------------------- names
def test_plots_with_one_name_are_told_apart_on_every_screen(tmp_path):
    session = hot_seat_session()
    state = session.state
    g = state.world.agency_index("GCHQ")
    a = add_threat(state, needs=(1, 1, 0, 0))
    b = add_threat(state, needs=(1, 1, 0, 0))
    state.threats[a] = replace(state.threats[a], name="Cell in Europe")
    state.threats[b] = replace(state.threats[b], name="Cell in Europe",
                               spawned=state.round - 1)
    add_report(state, g, a, HUM)
    add_report(state, g, b, SIG)
    robot, board = _board(session, tmp_path)
    v = board.v
    names = {v.threat_name(a), v.threat_name(b)}
    world = state.world
    assert names == {f"Cell in Europe ({world.month_label(state.round)})",
                     f"Cell in Europe ({world.month_label(state.round - 1)})"}
    robot.click(board.tabs["Threats"])
    for name in names:
        assert name in board.content.html_text
    robot.click(board.tabs["Reports"])
    for name in names:
        assert name in board.content.html_text
    robot.click(board.buttons["exchange"])
    topics = [label for label, _ in board.dialog.topics]
    assert {f"Threat: {n}" for n in names} <= set(topics)
    assert all(n in str(board.dialog.offer_list.item_list) for n in names)


# --------------------------------------------------------------------------- tooltips
def test_the_cards_say_where_a_service_may_operate(tmp_path):
    """R11: in The Envelope the partner card, the agency tooltip and Help's agency entry
    say where a service may run operations; Huawei 2020, which sets no jurisdiction,
    says nothing of it."""
    session = Session.start("the_envelope", 3, {"MI6": Seat(human="Alice")})
    robot, board = _board(session, tmp_path, agency="MI6")
    assert ("may run operations only in East Africa, Middle East, Europe"
            in board.top["agency"].tool_tip_text)
    robot.click(board.tabs["Liaison"])
    robot.link("partner:MI5")
    text = _plain(board.dialog.text.html_text)
    assert ("Jurisdiction: it may run operations only in British Isles; elsewhere it acts "
            "only jointly") in text
    robot.key(pygame.K_ESCAPE)
    robot.link("partner:GCHQ")
    assert "Jurisdiction: it runs no operations of its own" in _plain(board.dialog.text.html_text)
    robot.key(pygame.K_ESCAPE)
    _, other = _board(hot_seat_session(), tmp_path)
    assert "operations" not in other.top["agency"].tool_tip_text


def test_the_new_game_seats_say_where_a_service_may_operate(tmp_path):
    """R11 before the game begins: on the new-game screen, The Envelope's seat buttons
    say where each service may run operations (found in a playtest: a newcomer met the
    rule only when it stopped an operation)."""
    from game.ui.menus import NewGameScene

    robot = Robot(autosave_dir=tmp_path)
    robot.start(NewGameScene(robot.app))
    scene = robot.scene
    n = next(i for i, c in enumerate(scene.choices)
             if c.scenario is not None and c.scenario.world.id == "the_envelope")
    robot.click(scene.list.item_list[n]["button_element"])
    tips = {agency: button.tool_tip_text for agency, button, _, _ in robot.scene.rows}
    assert tips["MI5"].endswith("It may run operations only in British Isles; elsewhere it "
                                "acts only jointly, inviting a service that may operate "
                                "there or joining one (R11).")
    assert "runs no operations of its own" in tips["NSA"]
    labels = [e.text for e in robot.app.manager.get_root_container().elements
              if hasattr(e, "text") and isinstance(e.text, str)]
    assert "Click a seat to play it, or Start to play MI5." in labels


def test_the_operation_dialog_says_what_an_invited_partner_must_bring(tmp_path):
    """R12: a joint operation needs the partner to know of the plot and the pooled
    picture to be all-source; the dialog says so, naming the disciplines we lack,
    before an invitation is sent that the partner would have to decline."""
    session = Session.start("the_envelope", 3, {"MI6": Seat(human="Alice")})
    state = session.state
    mi6 = state.world.agency_index("MI6")
    t = add_threat(state, needs=(1, 1, 0, 0), region=state.world.region_index("east_africa"))
    add_report(state, mi6, t, HUM, 0.8)
    robot, board = _board(session, tmp_path, agency="MI6")
    robot.click(board.tabs["Threats"])
    robot.link(f"op:{t}")
    text = _plain(board.dialog.window.get_container().elements[0].html_text)
    assert ("A partner you invite can join only if it holds a report on this plot and "
            "brings what the pooled picture lacks (SIGINT)") in text


def test_the_top_bar_tooltips_give_the_true_numbers(tmp_path):
    session = hot_seat_session()
    state = session.state
    g = state.world.agency_index("GCHQ")
    state.budget[g] = 123.4
    state.damage = 5.0
    _, board = _board(session, tmp_path)
    tip = {k: b.tool_tip_text for k, b in board.top.items()}
    me = state.world.agencies[g]
    costs = np.array([d.cost for d in state.rules.disciplines])
    programmes = float((state.orders[g] * costs).sum())
    cap = me.budget * state.rules.carry_over_rounds
    assert "Budget 123.4 left this month" in tip["budget"]
    assert f"kept up to {cap:g}" in tip["budget"] and f"income of {me.budget:g}" in tip["budget"]
    assert f"programmes {programmes:g}" in tip["budget"]
    assert f"next month starts with {min(123.4, cap) + me.budget - programmes:.1f}" \
        in tip["budget"]
    assert f"{123.4 - cap:.1f} over the cap is lost" in tip["budget"]
    line = state.world.victory.catastrophe
    assert "damage from attacks: 5." in tip["damage"] and f"line of {line:g}" in tip["damage"]
    assert f"{line - 5:g} to go" in tip["damage"]
    assert f"month {state.round} of {state.world.rounds}" in tip["month"]
    for d, c in zip(state.world.rules.discipline_ids, me.capability, strict=True):
        assert f"{d} {c:.0%}" in tip["agency"]
    assert f"target {state.world.targets[g]:.0f}" in tip["score"]
    # The bar itself says how far to the target: the team with the largest share wins
    # (found in a playtest: "Score 159 of 97" read oddly beside a lost game).
    assert board.top["score"].text.endswith(f"({board.v.share:.0%})")


def test_a_greyed_out_button_still_shows_its_tooltip(tmp_path):
    """pygame_gui shows no tooltip for a disabled button, and a greyed-out button's
    tooltip is often why it is greyed out: the board shows it, for its own buttons and
    for a dialog's (found in a playtest: the level-3 "+" of the collection grid)."""
    session = hot_seat_session()
    state = session.state
    g = state.world.agency_index("GCHQ")
    state.orders[g, state.world.region_index("europe"), SIG] = 3
    robot, board = _board(session, tmp_path)
    undo = board.buttons["undo"]
    assert not undo.is_enabled
    _hover(robot, undo.rect.center)
    assert board.hover == undo.tool_tip_text and board.tooltip is not None
    robot.click(board.buttons["collect"])
    plus = next(b for b, (region, d, level) in board.dialog.cells.items()
                if (region, d, level) == ("europe", "SIGINT", 4))
    assert not plus.is_enabled
    _hover(robot, plus.rect.center)
    assert board.hover == "Level 3 is the highest a programme can go (R6)."


def test_a_closed_dialog_leaves_no_stale_map_tooltip(tmp_path):
    """A threat marker's tip belongs to where the mouse was: once the operation dialog
    it opened is closed, the tip does not come back at the mouse's new place (found in
    a playtest: it showed up where the Launch button had been)."""
    session = hot_seat_session()
    state = session.state
    t = add_threat(state, needs=(1, 0, 0, 0))
    add_report(state, state.world.agency_index("GCHQ"), t, HUM)
    robot, board = _board(session, tmp_path)
    marker = next(m for m in board.mapview.markers if m.threat.threat.id == t)
    _hover(robot, marker.rect.center)
    assert board.hover == marker.tip
    robot.link(f"op:{t}")
    _hover(robot, board.dialog.window.get_abs_rect().bottomright)
    robot.key(pygame.K_ESCAPE)
    assert board.dialog is None
    robot.frame()
    assert board.hover is None and board.tooltip is None


def test_the_liaison_tooltips_give_the_true_numbers_and_show_on_hover(tmp_path):
    session = hot_seat_session()
    state = session.state
    world = state.world
    g, cia = world.agency_index("GCHQ"), world.agency_index("CIA")
    state.trust[cia, g], state.trust[g, cia] = 58.0, 66.0
    state.ledger[g, cia], state.ledger[cia, g] = 1.5, -1.5
    nsa = world.agency_index("NSA")
    state.ledger[g, nsa] = -0.03  # a debt too small to show: even, never "-0.0 (you owe)"
    robot, board = _board(session, tmp_path)
    robot.click(board.tabs["Liaison"])
    tips = board.tips
    assert ">+0.0 (even)<" in board.content.html_text and "-0.0" not in board.content.html_text
    assert "Ledger with NSA: +0.0" in tips["tip:ledger:NSA"]
    assert tips["tip:ledger:NSA"].endswith("(R18): you are even.")
    # Posting with a hostile service says what it risks (R26), and with a friend nothing.
    mss = next(p for p in board.v.partners if p.agency == "MSS")
    assert mss.turn_risk > 0
    assert f"MSS is hostile: it may turn your officer into its mole, a " \
           f"{mss.turn_risk:.0%} chance a month (R26)" in tips["post:MSS"]
    assert "hostile" not in tips["post:CIA"]
    assert "CIA's trust in you: 58 of 100" in tips["tip:trust_in:CIA"]
    assert "Your trust in CIA: 66 of 100" in tips["tip:trust_out:CIA"]
    assert f"{state.credit_line(g, cia):.1f}" in tips["tip:trust_out:CIA"]
    assert "Ledger with CIA: +1.5" in tips["tip:ledger:CIA"]
    assert "they owe you 1.5" in tips["tip:ledger:CIA"]
    credit = state.credit_line(cia, g)
    assert f"Credit line CIA gives you: {credit:.1f} = its trust 58 x " \
           f"{state.rules.trust.credit_per_trust:g}" in tips["tip:credit:CIA"]
    assert f"up to {credit + 1.5:.1f} now" in tips["tip:credit:CIA"]
    assert "Central Intelligence Agency" in tips["partner:CIA"]
    # Every tooltip link in the tab has its tooltip.
    for target in re.findall(r"href='(tip:[^']+)'", board.content.html_text):
        assert target in tips
    # Hovering a number shows its tooltip; hovering a region on the map shows the region's.
    _hover(robot, _link_pos(board.content, "tip:trust_in:CIA"))
    assert board.hover == tips["tip:trust_in:CIA"] and board.tooltip is not None
    europe = world.region_index("europe")
    _hover(robot, board.mapview.centre(europe))
    access = world.agencies[g].access[europe]
    assert board.hover.startswith(f"Europe: your reach {access:.0%}")
    level = int(state.orders[g, europe, SIG])
    if level:
        assert f"SIGINT {level} ({level * state.rules.disciplines[SIG].cost:g} a month" \
            in board.hover


def test_the_threat_and_report_tooltips_give_the_true_numbers(tmp_path):
    session = hot_seat_session()
    state = session.state
    g = state.world.agency_index("GCHQ")
    t = add_threat(state, needs=(2, 1, 0, 0), severity=3)
    r = add_report(state, g, t, HUM, quality=0.66)
    robot, board = _board(session, tmp_path)
    robot.click(board.tabs["Threats"])
    tips = board.tips
    name = board.v.threat_name(t)
    assert f"your picture holds 1 of the 3 fragments {name} needs" in tips[f"tip:coverage:{t}"]
    assert "HUMINT on" in tips[f"tip:need:{t}:0"] and "hold 1 of the 2" in tips[f"tip:need:{t}:0"]
    cost = state.rules.operation.cost_per_severity * 3
    assert f"costs {cost:g}" in tips[f"tip:severity:{t}"]
    deadline = state.threats[t].deadline
    assert state.world.month_label(deadline) in tips[f"tip:left:{t}"]
    assert f"{deadline - state.round + 1} month(s) left" in tips[f"tip:left:{t}"]
    robot.click(board.tabs["Reports"])
    assert "quality 0.66" in board.tips[f"tip:quality:{r}"]
    assert "href='agency:GCHQ'" in board.content.html_text


@pytest.mark.parametrize("size", [(1280, 720), (960, 600)])
def test_the_new_dialogs_fit(size, tmp_path):
    from tests.ui.test_layout import _problems
    session = hot_seat_session()
    robot = Robot(size, autosave_dir=tmp_path)
    session.state.current = session.state.world.agency_index("GCHQ")
    board = BoardScene(robot.app, GameController(session, None))
    robot.start(board)
    problems = []
    for name, make in (("card", lambda: dialogs.PartnerDialog(board, "NSA")),
                       ("collection", lambda: dialogs.CollectionDialog(board, (0, 0)))):
        board.dialog = make()
        robot.frame()
        problems += _problems(robot, name)
        board.dialog.kill()
        board.dialog = None
    assert problems == []



def test_the_composer_says_when_an_ask_tasks_the_partner(tmp_path):
    """R15: the composer shows the tasking line only for an ask about a threat that brings
    the partner something, as the view's verdict says; an empty-handed ask gets none."""
    robot, board, t, rg = _composer_to_cia(tmp_path)
    composer = board.dialog
    robot.choose(composer.topic_menu, f"Threat: {board.v.threat_name(t)}")
    assert not composer.verdict.tasks and "R15 tasking" not in composer.status.html_text
    _offer(robot, composer, rg)
    assert composer.verdict.tasks and composer.verdict.admitted
    assert "<b>R15 tasking</b>: if CIA's answer leaves a gap" in composer.status.html_text


def test_the_reports_tab_lists_live_plots_first_and_marks_the_rest_over(tmp_path):
    """A playtest took an old plot's reports, sent in an answer, for a new plot's: the
    Reports tab lists reports on live plots first and marks those on plots that are over."""
    from game.core.records import FOILED

    session = hot_seat_session()
    state = session.state
    g = state.world.agency_index("GCHQ")
    old = add_threat(state, needs=(2, 1, 0, 0), severity=3)
    live = add_threat(state, needs=(2, 1, 0, 0), severity=3)
    add_report(state, g, old, HUM, quality=0.5)
    add_report(state, g, live, HUM, quality=0.6)
    state.threats[old] = replace(state.threats[old], status=FOILED, ended=state.round)
    robot, board = _board(session, tmp_path)
    robot.click(board.tabs["Reports"])
    rows = [_plain(row) for row in re.split(r"<br\s*/?>", board.content.html_text)
            if "filter:" in row]
    assert len(rows) == 2
    assert "plot over" not in rows[0] and rows[1].endswith("(plot over)")
    # each row starts with the report's number, as answers and the composer name it
    assert [row.split(" ")[0] for row in rows] == [f"#{r}" for r in (1, 0)]


@pytest.mark.parametrize("scale", [1.0, 1.5])
@pytest.mark.parametrize("size", [(1280, 720), (960, 600)])
def test_the_damage_button_warns_when_a_known_plot_would_end_the_game(size, scale, tmp_path):
    """R13, R31: a playtest sat at 52 of 55 with no warning that one more strike ends the
    game for everyone. When a known plot's strike would reach the catastrophe line, the
    top bar says so and its tooltip names the plot; until then it does not."""
    session = hot_seat_session()
    state = session.state
    g = state.world.agency_index("GCHQ")
    t = add_threat(state, needs=(2, 1, 0, 0), severity=3, targets=(0,))
    add_report(state, g, t, HUM)
    line = state.world.victory.catastrophe
    state.damage = line - 4.0
    session.state.current = g
    from game.ui.settings import Settings
    from tests.ui.test_layout import _problems

    settings = Settings()
    settings.ui_scale = scale
    robot = Robot(size, settings=settings, autosave_dir=tmp_path)
    board = BoardScene(robot.app, GameController(session, None))
    robot.start(board)
    assert not board.top["damage"].text.endswith("!")
    state.damage = line - 3.0
    board.refresh()
    robot.frame()
    button = board.top["damage"]
    assert button.text == f"Damage {line - 3:g} / {line:g}!"
    assert "#danger" in button.object_ids  # red, in the palette's colour for danger
    assert (f"{board.v.threat_name(t)} would add 3 if it struck" in button.tool_tip_text
            and "end the game for everyone" in button.tool_tip_text)
    assert _problems(robot, "board") == []  # nothing cut off, nothing overlaps


def test_the_map_legend_names_only_the_kinds_of_the_plots_on_the_map(tmp_path):
    """A 1950 game's legend offered "cyber" (a playtest): it names the kinds of the plots
    the seat knows, in the usual order; what the script may spawn stays its secret."""
    session = Session.start("no_eternal_allies_1950", 1, {"GEHLEN": Seat(human="Ada")})
    state = session.state
    me = state.world.agency_index("GEHLEN")
    kinds = ("terrorism", "proliferation", "cyber", "instability")

    def legend() -> list[str]:
        _robot, board = _board(session, tmp_path, agency="GEHLEN")
        board.drawn = []
        board.draw(pygame.Surface(board.app.size))
        return [text for text in board.drawn if text in kinds]

    assert legend() == []  # no plot known yet: the legend keys urgency only
    for kind in ("instability", "terrorism"):
        add_report(state, me, add_threat(state, kind=kind), 0)
    assert legend() == ["terrorism", "instability"]


def test_the_standings_rank_only_the_teams_that_may_win(tmp_path):
    """A playtest saw the KGB, which no one may win with, ranked above teams that could:
    the contenders are numbered by share, and a team that cannot win follows, unranked."""
    session = Session.start("no_eternal_allies_1950", 1, {"GEHLEN": Seat(human="Ada")})
    state = session.state
    state.credit[state.world.agency_index("KGB")] = 500.0  # it would lead on points
    robot, board = _board(session, tmp_path, agency="GEHLEN")
    robot.click(board.tabs["Liaison"])
    lines = [_plain(line) for line in board.content.html_text.split("<br>")]
    ranked = [line for line in lines if re.match(r"\d+\. ", line)]
    (kgb,) = [line for line in lines if "KGB" in line and "cannot win" in line]
    assert kgb.startswith("· ") and lines.index(kgb) > lines.index(ranked[-1])
    assert len(ranked) == 4 and ranked[0].startswith("1. ")


def test_the_sweep_button_says_what_it_costs_and_buys(tmp_path):
    """A playtester was charged for a sweep whose price nothing showed (R25)."""
    session = hot_seat_session()
    _robot, board = _board(session, tmp_path)
    pen = session.state.rules.penetration
    ci = session.state.world.agencies[session.state.world.agency_index("GCHQ")].counterintel
    tip = board.buttons["sweep"].tool_tip_text
    assert f"for {pen.sweep_cost:g}:" in tip
    assert f"rises from {pen.discovery:.0%} to {pen.discovery + ci * pen.sweep_bonus:.0%}" \
        in tip


def test_the_last_month_says_so_and_a_plot_due_after_it_says_it_cannot_strike(tmp_path):
    """A playtester did not know the month was the game's last, and read a plot found then
    with "8 months left" as not worth acting on: foiling it still scores (R30)."""
    session = hot_seat_session()
    state = session.state
    world = state.world
    state.round = world.rounds
    t = add_threat(state, deadline=world.rounds + 7)
    add_report(state, world.agency_index("GCHQ"), t, 0)
    robot, board = _board(session, tmp_path)
    month = board.top["month"]
    assert month.text.endswith("(last)") and "the game ends at its dusk" in \
        month.tool_tip_text
    robot.click(board.tabs["Threats"])
    assert "due after the game ends" in board.content.html_text  # not "8 months left"
    assert "after the game's last month" in board.tips[f"tip:left:{t}"]
    assert "still scores" in board.tips[f"tip:left:{t}"]


def test_the_inbox_warns_when_a_forums_standing_will_lapse(tmp_path):
    """R22: a playtester lost the Club's summaries in quiet months and found out only in
    the Liaison tab; the inbox says so, with what to do, while standing will lapse."""
    session = Session.start("club_of_berne_2004", 3, {"MI5": Seat(human="Ada")})
    _robot, board = _board(session, tmp_path, agency="MI5")
    assert "not be in good standing" not in board.content.html_text  # month 1: in standing
    session.state.round = 5  # five months with nothing passed to a member
    _robot, board = _board(session, tmp_path, agency="MI5")
    (forum,) = board.v.forums
    assert not forum.good_standing
    assert f"{forum.name}</b>: you will <b>not be in good standing</b>" in \
        board.content.html_text


def test_the_inbox_warns_before_money_over_the_carry_over_cap_lapses(tmp_path):
    """R5: a playtester lost 55 over the carry-over cap and read of it only in the next
    month's report; the inbox says how much will lapse at the next dawn, and when
    nothing will, says nothing."""
    session = hot_seat_session()
    _robot, board = _board(session, tmp_path)
    assert "lapses at the next dawn" not in board.content.html_text
    gchq = session.state.world.agency_index("GCHQ")
    cap = board.v.money.carry_cap
    session.state.budget[gchq] = cap + 12.5
    _robot, board = _board(session, tmp_path)
    assert (f"12.5 of your {cap + 12.5:.1f} is over the carry-over cap of {cap:g} and "
            f"<b>lapses at the next dawn</b>") in board.content.html_text


def test_a_strike_on_two_nations_says_the_damage_it_did():
    """R13: a playtester read 'struck Russia, United States (severity 2)' beside damage
    rising by 4: the report says the damage, severity for each nation."""
    from game.core.report import month_report
    from game.ui.monthly import report_lines
    from tests.helpers import X, game, next_round

    state = game()
    t = add_threat(state, targets=(0, 1), severity=2, deadline=1)
    add_report(state, X, t, 0)
    next_round(state)
    text = "\n".join(report_lines(state.world, "X", month_report(state, X), "#999"))
    assert "(severity 2: damage +4, 2 for each nation)" in text
    assert state.damage == 4
