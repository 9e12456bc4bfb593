"""Help as an encyclopedia: topics with a search field, and F1 on the board's widgets.

Help has no rules of its own; every topic's text comes from somewhere else:
- the rules, one topic per rule id, and the manual's other sections, from rules.md
  (split by rule id and heading; the table of changes from the design is added to the
  rules it names);
- the glossary below, and the keys from game/ui/keys.py, the table the board and the
  handover dispatch their keys from;
- opened from a game: the disciplines, regions and agencies of its world and the events
  that have fired, all from the seat's own view. An event its view does not show as
  fired is never listed: that would give away the script.

Opened from the board, Esc, F1 and Back return to that very board (its tab, its
filter, its status line and the turn in progress); F1 there opens the topic of the
widget under the mouse (`open_help`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

import pygame
import pygame_gui
import yaml
from pygame_gui.elements import UIButton, UILabel, UISelectionList, UITextBox, UITextEntryLine

from game.core.spec import Discipline
from game.core.view import PlayerView
from game.paths import DOCS_DIR, SCENARIO_DIR
from game.ui.app import App, Scene, esc
from game.ui.keys import BOARD_KEYS, HANDOVER_KEYS, Key

SECTIONS = ("Rules", "Disciplines", "Regions", "Agencies", "Events", "Glossary", "Keys",
            "Manual")

GLOSSARY = (
    ("All-source", "at least one report in every discipline a threat needs (R11)."),
    ("Answer round", "after every agency has given its orders, the month's cables are "
                     "delivered and answered; then dusk (R4, R15)."),
    ("Cable", "a proposal to another agency, sent with your orders and answered the same "
              "month, in the answer round (R15)."),
    ("Caveat", "\"information only\": counts for the picture, adds nothing to an operation "
               "(R21)."),
    ("Coverage", "the share of a threat's needed fragments you hold (R10)."),
    ("Credit line", "how far a partner lets you run into debt: its trust in you × 0.0025 "
                    "in the shipped rules, a fifth of a report (R18); less, or none, while "
                    "it deals with you on strict terms (R28)."),
    ("Forum in good standing", "a forum's summaries reach only the members that passed a "
                               "report of their own on its kinds to a fellow member in the "
                               "last two months (R22)."),
    ("Jurisdiction", "where a service may run operations: in some scenarios a home service "
                     "acts only at home and a foreign one only abroad; elsewhere it joins "
                     "one that may (R11, R12)."),
    ("Ledger", "value given minus value received, per partner; owe more than the credit "
               "line and your offer and the rules cut you off (R18)."),
    ("Objective", "what your service is there to do, and your team's target: the team that "
                  "reaches the largest share of its target wins (R31)."),
    ("Score", "your nation's: credit for foiled threats by the reports you originated and "
              "the cost you paid, less blame for plots you sat on, per unit of budget (R30)."),
    ("Standing", "the right to ask: a programme in the region, or a report on the topic in "
                 "your offer (R16)."),
    ("Strict terms", "after a political rupture a partner may deal with you transactionally "
                     "for some months: less or no credit line (R18) and less trust from each "
                     "trade (R19). The Liaison tab flags it and the partner card says until "
                     "when (R28)."),
    ("Tasking", "an ask about a threat that brings something, answered short, makes the "
                "partner collect on it for you: the best report it finds comes at the next "
                "dawn, and you owe its value (R15)."),
    ("Third-party rule", "never pass on a partner's report without its consent (R20)."),
)

HELP_KEYS = (  # Help's own keys, handled by HelpScene.handle below
    ("Typing", "Filters the topics by the words in their title or text, as you type."),
    ("Enter", "In the search field: opens the first topic that matches."),
    ("Esc, F1", "Back to where you were: the board, with your turn as you left it."),
)


@dataclass(frozen=True)
class Topic:
    id: str  # "R5", "discipline:HUMINT", "agency:MI6", "event:philby", "keys", ...
    section: str  # one of SECTIONS
    title: str
    html: str  # the body, for a UITextBox; links are "topic:ID"
    group: str = ""  # the manual's heading a rule sits under

    @property
    def plain(self) -> str:
        return plain_text(self.html)

    @property
    def words(self) -> str:
        """What the search field looks in: the title and the text, lower-cased."""
        return f"{self.title} {self.plain}".lower()


def plain_text(markup: str) -> str:
    text = re.sub(r"<br\s*/?>", "\n", markup)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text)


# --------------------------------------------------------------------------- markdown
def inline(text: str, known: Iterable[str] = ()) -> str:
    """One line of markdown as pygame_gui HTML: bold, italics, code, and rule ids that
    are topics as links to them."""
    known = set(known)
    line = esc(text)
    line = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", line)
    line = re.sub(r"\*(.+?)\*", r"<i>\1</i>", line)
    line = re.sub(r"`(.+?)`", r"\1", line)
    return re.sub(r"\bR(\d+)\b", lambda m: f"<a href='topic:{m[0]}'>{m[0]}</a>"
                  if m[0] in known else m[0], line)


def markdown_to_html(text: str, known: Iterable[str] = ()) -> str:
    """Enough markdown for the manual: paragraphs joined, bullets (nested too), numbered
    steps, quotes, headings, and tables as lines with the header row in bold."""
    items: list[list] = []  # [kind, text, indent]
    for raw in text.splitlines():
        s = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if not s:
            items.append(["blank", "", 0])
        elif s.startswith("#"):
            items.append(["head", s.lstrip("# "), 0])
        elif s.startswith("|"):
            if not set(s) <= set("|-: "):
                items.append(["row", s, 0])
        elif s.startswith("> ") or s == ">":
            if items and items[-1][0] == "quote":
                items[-1][1] += " " + s[1:].strip()
            else:
                items.append(["quote", s[1:].strip(), 0])
        elif s.startswith("- "):
            items.append(["bullet", s[2:], indent])
        elif re.match(r"\d+\. ", s):
            items.append(["number", s, indent])
        elif items and items[-1][0] in ("bullet", "number", "para", "quote"):
            items[-1][1] += " " + s  # a wrapped line goes on with its paragraph
        else:
            items.append(["para", s, 0])
    out: list[str] = []
    previous = "blank"
    for kind, body, indent in items:
        if kind == "blank":
            if out and out[-1] != "":
                out.append("")
        elif kind == "head":
            out.append(f"<b>{inline(body, known)}</b>")
        elif kind == "row":
            cells = [inline(c.strip(), known) for c in body.strip("|").split("|")]
            line = " — ".join(cells)
            out.append(f"<b>{line}</b>" if previous != "row" else line)
        elif kind == "quote":
            out.append(f"<i>{inline(body, known)}</i>")
        elif kind == "bullet":
            out.append(("    – " if indent else "• ") + inline(body, known))
        elif kind == "number":
            out.append("    " + inline(body, known))
        else:
            out.append(inline(body, known))
        previous = kind
    while out and out[-1] == "":
        out.pop()
    return "<br>".join(out)


# --------------------------------------------------------------------------- the manual
RULE_LINE = re.compile(r"^- \*\*R(\d+)\b([^*]*)\*\*\s*(.*)$")


@dataclass
class _Section:
    heading: str
    level: int
    prose: list[str]
    rules: list[tuple[str, str, list[str]]]  # (id, own title, markdown lines)

    @property
    def group(self) -> str:
        """The heading without its rule ids: "A month (R4, R5)" -> "A month"."""
        return re.sub(r"\s*\(R[^)]*\)\s*$", "", self.heading)


def _sections(text: str) -> list[_Section]:
    sections: list[_Section] = []
    rule: list[str] | None = None
    for line in text.splitlines():
        heading = re.match(r"^(#+)\s+(.*)$", line)
        if heading:
            sections.append(_Section(heading[2].strip(), len(heading[1]), [], []))
            rule = None
            continue
        if not sections:
            sections.append(_Section("Introduction", 1, [], []))
        section = sections[-1]
        found = RULE_LINE.match(line)
        if found:
            rule = [found[3]]
            section.rules.append((f"R{found[1]}", found[2].strip().rstrip(".").strip(), rule))
        elif rule is not None and line.startswith("  ") and line.strip():
            rule.append(line[2:])  # a rule's wrapped lines and nested lists are indented
        else:
            rule = None
            section.prose.append(line)
    return sections


def _table(lines: list[str]) -> list[list[str]]:
    rows = [line.strip() for line in lines if line.strip().startswith("|")]
    return [[c.strip() for c in row.strip("|").split("|")] for row in rows
            if not set(row) <= set("|-: ")]


@cache
def manual_topics(text: str | None = None) -> tuple[Topic, ...]:
    """The rules by id and the manual's sections by heading, from rules.md. A rule
    changed from the design gets that row of the table of changes; a rule only that
    table names (R32) is a topic of its own, under the table's heading."""
    text = (DOCS_DIR / "rules.md").read_text() if text is None else text
    sections = _sections(text)
    rules: dict[str, tuple[str, str, str]] = {}  # id -> (title, group, markdown)
    changes: dict[str, list[tuple[str, list[tuple[str, str]]]]] = {}  # id -> (heading, rows)
    for section in sections:
        for rid, title, lines in section.rules:
            body = "\n".join(lines).lstrip()
            if title and body[:1].islower():  # "**R9 Threats** have a kind": the page keeps
                body = f"**{title}** {body}"  # its subject, or it opens mid-sentence
            rules[rid] = (title or section.group, section.group, body)
        table = _table(section.prose)
        if table and table[0][0].lower() == "rule":
            header = table[0][1:]
            for row in table[1:]:
                for rid in re.findall(r"R\d+", row[0]):
                    changes.setdefault(rid, []).append(
                        (section.group, list(zip(header, row[1:], strict=False))))
    known = set(rules) | set(changes)
    out: list[Topic] = []
    for rid in sorted(known, key=lambda r: int(r[1:])):
        title, group, body = rules.get(rid, ("", "", ""))
        parts = [markdown_to_html(body, known)] if body else []
        # The table's "was / why" rows are the designer's, with balance figures and other
        # scenarios' services: two playtests read them as notes left in. A player's page
        # is the rule as it is now; a rule only the table gives (R32) is its "is now".
        if not body:
            for heading, cells in changes.get(rid, []):
                group, title = group or heading, title or heading
                parts += [inline(value[:1].upper() + value[1:], known)
                          for name, value in cells if name.lower() == "is now"]
        out.append(Topic(rid, "Rules", f"{rid} {title}", "<br><br>".join(parts), group))
    for section in sections:
        if not any(line.strip() for line in section.prose):
            continue
        title = "Introduction" if section.level == 1 else section.group
        # A section's rules are topics of their own; its page leads to them (a playtest
        # opened "A month" and found only the monthly report, not how a month goes).
        lead = ("<b>Its rules</b>: " + " · ".join(
            f"<a href='topic:{rid}'>{esc(rid)} {esc(rules[rid][0])}</a>"
            for rid, _, _ in section.rules) + "<br><br>") if section.rules else ""
        out.append(Topic(f"manual:{_slug(title)}", "Manual", title,
                         lead + markdown_to_html("\n".join(section.prose), known)))
    return tuple(out)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --------------------------------------------------------------------------- topics
def topics(v: PlayerView | None) -> list[Topic]:
    """Every topic: the seat's game ones only when opened from a game (`v`)."""
    out = list(manual_topics())
    known = {t.id for t in out}
    out += _discipline_topics(v, known)
    if v is not None:
        out += _region_topics(v, known)
        out += _agency_topics(v, known)
        out += _event_topics(v)
    out += [Topic(f"glossary:{_slug(term)}", "Glossary", term,
                  inline(text[0].upper() + text[1:], known)) for term, text in GLOSSARY]
    out.append(Topic("keys", "Keys", "Keyboard shortcuts", _keys_html()))
    return out


@cache
def shipped_disciplines() -> tuple[Discipline, ...]:
    """The disciplines of the shipped rules (base.yaml), for Help opened from the title."""
    raw = yaml.safe_load((SCENARIO_DIR / "base.yaml").read_text())
    return tuple(Discipline(d["id"], d["name"], float(d["cost"])) for d in raw["disciplines"])


def _percent(pairs: Iterable[tuple[str, float]]) -> str:
    shown = [f"{esc(name)} {value:.0%}" for name, value in
             sorted(pairs, key=lambda p: -p[1]) if value > 0]
    return " · ".join(shown) or "none"


def _discipline_topics(v: PlayerView | None, known: set[str]) -> list[Topic]:
    def links(text: str) -> str:
        return inline(text, known)

    if v is None:
        return [Topic(f"discipline:{d.id}", "Disciplines", f"{d.id} — {d.name}",
                      links(f"A programme level costs {d.cost:g} a month in the shipped "
                              f"rules; a scenario may change it (R6). See R1, R6 and R7."))
                for d in shipped_disciplines()]
    world = v.world
    out = []
    for k, d in enumerate(world.rules.disciplines):
        lines = [links(f"A programme level costs {d.cost:g} a month in this game (R6); "
                       f"what it yields: R7."),
                 links(f"Your capability: {v.agency.capability[k]:.0%} (R3)."),
                 "Every agency's capability: " + _percent(
                     (a.id, a.capability[k]) for a in world.agencies) + "."]
        pacts = [p.name for p in world.pacts if d.id in p.auto_share]
        if pacts:
            lines.append(links(f"Shared among their members at every dawn by "
                               f"{', '.join(pacts)} (R22)."))
        needing = [f"{esc(tv.threat.name)} (needs {tv.threat.needs[k]}, you lack "
                   f"{tv.picture.missing[k]})" for tv in v.threats if tv.threat.needs[k]]
        if needing:
            lines.append("Threats you know that need it: " + "; ".join(needing) + ".")
        out.append(Topic(f"discipline:{d.id}", "Disciplines", f"{d.id} — {d.name}",
                         "<br>".join(lines)))
    return out


def _region_topics(v: PlayerView, known: set[str]) -> list[Topic]:
    world = v.world
    ids = world.rules.discipline_ids
    out = []
    for i, region in enumerate(world.regions):
        levels = [f"{d} {int(v.orders[i, k])}" for k, d in enumerate(ids) if v.orders[i, k]]
        lines = [inline(f"Your reach here: {v.agency.access[i]:.0%} (access, R3).", known),
                 inline("Your programmes here: " + (", ".join(levels) or "none")
                        + ". Collection: R6, R7, R8; asking about the region: R16.", known),
                 "Every agency's reach here: " + _percent(
                     (a.id, a.access[i]) for a in world.agencies) + "."]
        here = [tv for tv in v.threats if tv.threat.region == i]
        if here:
            lines.append("Threats you know here: " + "; ".join(
                f"{esc(tv.threat.name)} ({tv.threat.kind}, strikes at the end of "
                f"{world.month_label(tv.threat.deadline)})" for tv in here) + ".")
        out.append(Topic(f"region:{region.id}", "Regions", region.name, "<br>".join(lines)))
    return out


def _agency_topics(v: PlayerView, known: set[str]) -> list[Topic]:
    world = v.world
    nations = {n.id: n.name for n in world.nations}
    ids = world.rules.discipline_ids
    out = []
    for a in world.agencies:
        lines = [f"Nation: {esc(nations.get(a.nation, a.nation))}"
                 + (" — this is your agency" if a.id == v.agency.id else "") + ".",
                 inline("Strengths (capability per discipline, R3): ", known)
                 + _percent(zip(ids, a.capability, strict=True)) + ".",
                 inline("Reach (access per region, R3): ", known)
                 + _percent((r.name, x) for r, x in zip(world.regions, a.access, strict=True))
                 + "."]
        if remit := world.jurisdiction(a):
            lines.append(inline(f"Jurisdiction: it {remit}.", known))
        pacts = [f"{p.name} ({'closed pact' if p.kind == 'closed' else 'forum'})"
                 for p in world.pacts if a.id in p.members]
        if pacts:
            lines.append(inline(f"Pacts: {', '.join(pacts)} (R22).", known))
        if not a.playable:
            lines.append(inline("Never a player's seat: it cannot win (R31).", known))
        lines += _relation_lines(v, a.id, known)
        out.append(Topic(f"agency:{a.id}", "Agencies", f"{a.id} — {a.name}",
                         "<br>".join(lines)))
    return out


def _relation_lines(v: PlayerView, agency_id: str, known: set[str]) -> list[str]:
    """What the seat's view knows of its terms with this agency, or its own objective."""
    if agency_id == v.agency.id:
        brief = v.agency.objective.brief if v.agency.objective else ""
        return [inline(f"Your objective: {brief} " if brief else "", known)
                + inline(f"Your team's target: {v.target:.0f} points (R31).", known)]
    p = v.partner(agency_id)
    if p is None:
        return []
    lines = [inline(f"Their trust in you / yours in them: {p.trust_in:.0f} / "
                    f"{p.trust_out:.0f} (R19). Ledger: {p.balance:+.1f}, {p.owed}; the credit line "
                    f"they give you: {p.credit_line:.1f} (R18).", known)]
    if p.hostile:
        lines.append(inline("Hostile: " + (f"a channel covers {', '.join(p.channel_kinds)}"
                                           if p.channel_kinds else "no channel")
                            + " (R23).", known))
    if p.suspended:
        lines.append(inline(f"Suspended: {', '.join(p.suspended)} (R28).", known))
    for said in (p.withholds_said, p.withheld_said):
        if said:
            lines.append(inline(f"{said[0].upper()}{said[1:]} (R28).", known))
    for said in (p.strict_said, p.strict_given_said):
        if said:
            lines.append(inline(f"{said}.", known))
    if p.posted or p.hosted:
        lines.append(inline(("Your officer is posted with them. " if p.posted else "")
                            + ("Their officer is with you. " if p.hosted else "") + "(R24)",
                            known))
    return lines


def _event_topics(v: PlayerView) -> list[Topic]:
    """The events the seat's view shows as fired, with their history notes; nothing of
    an event that has not fired."""
    world = v.world
    fired: dict[str, dict] = {}
    for e in v.events:
        eid = e.data.get("id")
        if e.kind == "event_fired" and eid is not None:
            title = e.data.get("title", eid)
            entry = fired.setdefault(eid, {"title": title, "history": e.data.get("history", ""),
                                           "text": e.text.removeprefix(f"{title}: "),
                                           "months": [], "decided": []})
            entry["months"].append(world.month_label(e.round))
        elif e.kind == "decided" and eid in fired:
            fired[eid]["decided"].append(e.text.removeprefix(f"{fired[eid]['title']}: "))
    out = []
    for eid, f in fired.items():
        lines = [f"<i>Fired in {esc(', '.join(f['months']))}.</i>", esc(f["text"])]
        lines += [f"Decided: {esc(d)}" for d in f["decided"]]
        if f["history"]:
            lines.append(f"<br><b>History</b>: {esc(f['history'])}")
        out.append(Topic(f"event:{eid}", "Events", f["title"], "<br>".join(lines)))
    return out


def _keys_html() -> str:
    def rows(table: Iterable[Key]) -> list[str]:
        return [f"<b>{esc(k.name)}</b> — {esc(k.does)}" for k in table]

    return "<br>".join(["<b>On the board</b>", *rows(BOARD_KEYS), "", "<b>Between players</b>",
                        *rows(HANDOVER_KEYS), "", "<b>In Help</b>",
                        *(f"<b>{esc(k)}</b> — {esc(d)}" for k, d in HELP_KEYS)])


def search(found: list[Topic], query: str) -> list[Topic]:
    """The topics whose title or text holds every word of the query."""
    words = query.lower().split()
    return [t for t in found if all(w in t.words for w in words)]


def _matching(n: int) -> str:
    return "1 topic matches" if n == 1 else f"{n} topics match"


def snippet(topic: Topic, query: str, width: int = 150) -> str:
    """A line of the topic's text around the first word of the query, or its start."""
    text = " ".join(topic.plain.split())
    words = query.lower().split()
    at = text.lower().find(words[0]) if words else -1
    start = text.rfind(" ", 0, max(0, at - width // 3)) + 1 if at > width // 3 else 0
    end = text.find(" ", start + width)
    end = len(text) if end < 0 else end
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


# --------------------------------------------------------------------------- F1 on the board
TOP_BAR = {  # the board's top bar: key -> (what the player pointed at, topics)
    "month": ("the month", ("R4",)),
    "budget": ("the Budget number", ("R5",)),
    "score": ("the Score", ("R30", "R31")),
    "damage": ("the Damage number", ("R13", "R31")),
}
TABS = {
    "Inbox": ("the Inbox tab", ("R4", "R15", "R28")),
    "Threats": ("the Threats tab", ("R9", "R10", "R11", "R12", "R13")),
    "Liaison": ("the Liaison tab", ("R15", "R16", "R17", "R18", "R19")),
    "Reports": ("the Reports tab", ("R14", "R20", "R21")),
}
BUTTONS = {
    "collect": ("Collection…", ("R6", "R7", "R8")),
    "exchange": ("Exchange…", ("R15", "R16", "R17", "R18")),
    "sweep": ("Sweep", ("R25",)),
    "undo": ("Undo", ("keys",)),
    "save": ("Save", ("keys",)),
    "menu": ("Menu", ("keys",)),
    "end": ("End turn", ("R4", "R15")),
}


LINKS = {  # a link in a tab's text, by its kind: (what the player pointed at, topics)
    "op": ("an operation", ("R11",)),
    "joint": ("a joint operation", ("R12",)),
    "ask": ("an ask", ("R15", "R16", "R17", "R18")),
    "answer": ("a cable awaiting your answer", ("R15", "R12", "R17", "R18")),
    "decide": ("a decision", ("R28",)),
    "mole": ("a mole found", ("R25",)),
    "post": ("posting an officer", ("R24",)),
    "recall": ("recalling an officer", ("R24",)),
    "filter": ("a report's threat", ("R14", "R20", "R21")),
}


def topic_under(board, pos) -> tuple[str, tuple[str, ...]]:
    """(what the player pointed at, its topics) for a point of the board; ("", ()) where
    nothing matches, which opens the index."""
    def over(element) -> bool:
        return element.visible and element.get_abs_rect().collidepoint(pos)

    for key, button in board.top.items():
        if over(button):
            if key == "agency":
                return "your agency", (f"agency:{board.v.agency.id}",)
            return TOP_BAR.get(key, ("", ()))
    for tab, button in board.tabs.items():
        if over(button):
            return TABS.get(tab, ("", ()))
    for key, button in board.buttons.items():
        if over(button):
            return BUTTONS.get(key, ("", ()))
    if over(board.content):
        link = board.hovered_link() or ""
        return LINKS.get(link.split(":")[0], TABS.get(board.tab, ("", ())))
    if board.map_rect.collidepoint(pos):
        if board.mapview.marker_at(pos) is not None:
            return "a threat on the map", ("R9", "R10", "R11")
        for i, points in board.mapview.polygons.items():
            if _inside(pos, points):
                region = board.v.world.regions[i]
                return region.name, (f"region:{region.id}",)
    return "", ()


def _inside(pos, points) -> bool:
    """Ray casting: whether a point is inside a polygon."""
    x, y = pos
    inside = False
    n = len(points)
    for k in range(n):
        (x1, y1), (x2, y2) = points[k], points[(k + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def open_help(board, pos=None) -> HelpScene:
    """Help from the board: at the topic under `pos` (F1), else the index (the Help
    button). It returns to the very same board, so the turn, the tab and the filter are
    as they were."""
    context, ids = topic_under(board, pos) if pos is not None else ("", ())
    return HelpScene(board.app, back=lambda: board, view=board.v, show=ids, context=context,
                     controller=board.controller)


# --------------------------------------------------------------------------- the scene
class HelpScene(Scene):
    """The topics on the left, filtered by the search field; a topic's text on the right.
    Esc, F1 and Back return to where Help was opened from."""

    def __init__(self, app: App, back: Callable[[], Scene], view: PlayerView | None = None,
                 show: tuple[str, ...] = (), context: str = "", controller=None):
        self.back_to = back
        self.v = view
        self.controller = controller  # closing the window asks to save this game first
        self.topics = topics(view)
        self.by_id = {t.id: t for t in self.topics}
        self.query = ""
        self.shown: tuple[str, ...] = tuple(i for i in show if i in self.by_id) or ("index",)
        self.context = context if self.shown != ("index",) else ""
        super().__init__(app)

    # ------------------------------------------------------------------ layout
    def build(self) -> None:
        w, h = self.app.size
        px = self.look.px
        edge, gap = px(16), px(12)
        left = max(px(180), min(px(320), int(w * 0.3)))
        top, bottom = px(52), px(72)
        self.search = UITextEntryLine(pygame.Rect(edge, top, left, px(36)), self.manager,
                                      placeholder_text="Search: type a word",
                                      anchors={"left": "left", "top": "top"})
        self.search.set_text(self.query)
        list_top = top + px(44)
        self.list_rect = pygame.Rect(edge, list_top, left, h - list_top - bottom)
        self.list: UISelectionList | None = None
        x = edge + left + gap
        self.box = UITextBox("", pygame.Rect(x, top, w - x - edge, h - top - bottom),
                             self.manager, anchors={"left": "left", "right": "right",
                                                    "top": "top", "bottom": "bottom"})
        self.count = UILabel(pygame.Rect(edge, -px(60), w - edge - px(206), px(44)), "",
                             self.manager, anchors={"left": "left", "bottom": "bottom"})
        self.close_button = UIButton(pygame.Rect(-px(190), -px(60), px(174), px(44)),
                                     "Back (Esc)", self.manager, object_id="#primary",
                                     anchors={"right": "right", "bottom": "bottom"})
        self._fill_list()
        self._show()
        self.search.focus()

    def _fit(self, label: str, width: int, bold: bool = False) -> str:
        """A list label cut to its row with an ellipsis: the list never overflows."""
        font = self.look.font(14, bold)
        if font.size(label)[0] <= width:
            return label
        while label and font.size(label + "…")[0] > width:
            label = label[:-1]
        return label.rstrip() + "…"

    def matches(self) -> list[Topic]:
        return search(self.topics, self.query)

    def _fill_list(self) -> None:
        """The matching topics under their sections' headings, the shown topic selected
        and scrolled into view."""
        px = self.look.px
        width = self.list_rect.width - px(20) - 32  # the scroll bar and the row's padding
        found = self.matches()
        rows = [("Index", "index")]
        for section in SECTIONS:
            mine = [t for t in found if t.section == section]
            if mine:
                rows.append((section.upper(), f"section:{section}"))
                rows += [(t.title, t.id) for t in mine]
        self.rows: dict[str, str] = {}
        items: list[tuple[str, str]] = []
        selected = None
        for title, tid in rows:
            heading = tid.startswith("section:")
            label = self._fit(title, width, heading)
            n = 2
            while label in self.rows:
                label = self._fit(f"{title} ({n})", width, heading)
                n += 1
            self.rows[label] = tid
            items.append((label, "#help_heading" if heading else "#help_topic"))
            if tid == self.shown[0]:
                selected = items[-1]
        if self.list is not None:
            self.list.kill()
        self.list = UISelectionList(self.list_rect, items, self.manager,
                                    default_selection=selected,
                                    anchors={"left": "left", "top": "top", "bottom": "bottom"})
        bar = self.list.scroll_bar
        if selected is not None and bar is not None:
            at = items.index(selected) / len(items)
            bar.set_scroll_from_start_percentage(max(0.0, at - bar.visible_percentage / 3))
        self.count.set_text(f"{_matching(len(found))} “{self.query.strip()}”, of "
                            f"{len(self.topics)}" if self.query.strip()
                            else f"{len(self.topics)} topics")

    # ------------------------------------------------------------------ text
    def page(self, tid: str) -> str:
        """The HTML of one topic, a section's list, or the index."""
        if tid == "index":
            return self._index()
        if tid.startswith("section:"):
            section = tid.partition(":")[2]
            return self._listing(section, [t for t in self.matches() if t.section == section])
        t = self.by_id[tid]
        size = self.look.px(20)
        head = f"<font pixel_size={size}><b>{esc(t.title)}</b></font>"
        if t.group and t.group not in t.title:
            head += f"<br><i>{esc(t.group)}</i>"
        return f"{head}<br>{t.html}"

    def _listing(self, section: str, found: list[Topic]) -> str:
        size = self.look.px(20)
        lines = [f"<font pixel_size={size}><b>{esc(section)}</b></font>"]
        group = None
        for t in found:
            if t.group and t.group != group:
                group = t.group
                lines.append(f"<br><b>{esc(group)}</b>")
            lines.append(f"<a href='topic:{t.id}'>{esc(t.title)}</a> — "
                         f"{esc(snippet(t, self.query))}")
        return "<br>".join(lines)

    def _index(self) -> str:
        size = self.look.px(20)
        found = self.matches()
        query = self.query.strip()
        if query:
            head = (f"<font pixel_size={size}><b>{_matching(len(found))} "
                    f"“{esc(query)}”</b></font>")
            if not found:
                return head + "<br>Try another word, or fewer words."
            return head + "<br>" + "<br>".join(
                f"<a href='topic:{t.id}'>{esc(t.title)}</a> ({t.section.lower()}) — "
                f"{esc(snippet(t, query))}" for t in found)
        where = "your board, as you left it" if self.v is not None else "where you were"
        game = (" The disciplines, regions and agencies are this game's, from your seat; "
                "Events lists those that have fired so far.") if self.v is not None else ""
        lines = [f"<font pixel_size={size}><b>Help</b></font>",
                 "Type in the search field to filter the topics by the words in their title "
                 f"or text. Click a topic, or a link. Esc, F1 or Back returns to {where}."
                 + game + " On the board, F1 over a tab, a number, a region or a button "
                 "opens its topic.", ""]
        for section in SECTIONS:
            mine = [t for t in self.topics if t.section == section]
            if mine:
                lines.append(f"<b>{section}</b>: " + " · ".join(
                    f"<a href='topic:{t.id}'>{esc(t.title)}</a>" for t in mine))
        return "<br>".join(lines)

    def _show(self) -> None:
        pages = [self.page(tid) for tid in self.shown]
        head = f"<i>F1 on {esc(self.context)}</i><br>" if self.context else ""
        self.box.set_text(head + "<br><br>".join(pages))
        self.app.dirty = True

    def open(self, tid: str) -> None:
        if tid not in self.by_id and tid != "index" and not tid.startswith("section:"):
            return
        self.shown, self.context = (tid,), ""
        self._fill_list()
        self._show()

    # ------------------------------------------------------------------ input
    def draw(self, surface) -> None:
        super().draw(surface)
        px = self.look.px
        self.text(surface, "Help", (px(16), px(12)), 24, "text", True)
        x = px(32) + self.look.font(24, True).size("Help")[0]
        self.text(surface, "Type to search. Esc, F1 or Back returns.", (x, px(20)), 15, "muted")

    def update(self) -> Scene | None:
        """The search runs as the player types: the field is read every frame."""
        text = self.search.get_text()
        if text != self.query:
            self.query = text
            self._fill_list()
            if text.strip():
                self.shown, self.context = ("index",), ""
            self._show()
        return None

    def handle(self, event) -> Scene | None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_F1):
            return self.back_to()
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.close_button:
            return self.back_to()
        if (event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION
                and event.ui_element is self.list and event.text in self.rows):
            self.shown, self.context = (self.rows[event.text],), ""
            self._show()
        elif event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            kind, _, tid = event.link_target.partition(":")
            if kind == "topic":
                self.open(tid)
        elif (event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED
              and event.ui_element is self.search):
            found = self.matches()
            if found and self.query.strip():
                self.open(found[0].id)
        return None
