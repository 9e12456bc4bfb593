"""The rulebook's table of what the game models from the sources (docs/rules.md, "What
the game models from the sources") points only at things that exist: every rule id it
cites is a rule of the rulebook, and every name in backticks is a shipped scenario, an
event or a threat of one, an effect, or a rules key. A row that models nothing says so
("Left out") and why, so a renamed event or a dropped rule cannot leave the table
promising a mechanism the game no longer has."""

import re

import pytest

from game.core.effects import EFFECT_KINDS
from game.paths import DOCS_DIR
from game.scenario.format import RULES
from game.scenario.loader import read_raw, scenario_paths

MANUAL = (DOCS_DIR / "rules.md").read_text()


def _table() -> list[tuple[str, str]]:
    section = MANUAL.split("## What the game models from the sources", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")][2:]  # no header
    return [tuple(c.strip() for c in row.strip("|").split("|"))[:2] for row in rows]


def _names() -> set[str]:
    """Every id a row may cite: scenarios, their events and scripted threats, effects and
    rules keys (as `section.key` and as `key`)."""
    names = set(EFFECT_KINDS)
    for section, f in RULES.fields.items():
        names |= {section, *f.type.fields, *(f"{section}.{k}" for k in f.type.fields)}
    for path in scenario_paths():
        raw = read_raw(path)
        names.add(raw["id"])
        names |= {e["id"] for e in raw.get("events") or ()}
        names |= {t["id"] for t in raw.get("threats") or ()}
    return names


RULE_IDS = set(re.findall(r"^- \*\*(R\d+)\b", MANUAL, re.M))  # "- **R4** ..." too
NAMES = _names()
TABLE = _table()


def test_the_table_lists_the_sources_mechanisms():
    assert len(TABLE) >= 15 and all(len(row) == 2 for row in TABLE)
    assert {f"R{n}" for n in range(1, 32)} <= RULE_IDS  # R32, the AI's, is docs/ai.md's


@pytest.mark.parametrize("source, modelled", TABLE, ids=[s[:40] for s, _ in TABLE])
def test_each_mechanism_points_at_a_rule_or_an_event_that_exists(source, modelled):
    if modelled.startswith("Left out"):
        assert len(modelled) > len("Left out: ") + 20, "say why it is left out"
        return
    rules = set(re.findall(r"\bR\d+\b", modelled))
    names = set(re.findall(r"`([^`]+)`", modelled))
    assert rules or names, "a modelled mechanism names its rule or event"
    assert rules <= RULE_IDS, f"no such rule: {sorted(rules - RULE_IDS)}"
    assert names <= NAMES, f"no such scenario, event, effect or rules key: {sorted(names - NAMES)}"
