"""The modder's guide's reference tables, written from the format's declaration.

Each key's description is written once, in game/scenario/format.py; the JSON
Schemas give it to editors as hover help and this module writes it into the
tables of docs/modding.md, between `<!-- table: NAME -->` and `<!-- end -->`
markers, so the guide and the schema cannot drift apart. A test fails when the
committed guide is stale; `python -m game.scenario.guide` rewrites it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from game.paths import DOCS_DIR
from game.scenario.format import (
    CAMPAIGN,
    CONDITIONS,
    EFFECTS,
    MAX_ROUNDS,
    RULES,
    SCENARIO,
    STEP_UNTIL,
    TUTORIAL,
    WIDGETS,
)
from game.scenario.schema import Either, F, ListOf, MapOf, OneOfKeys, Record
from game.scenario.validate import MAX_EXTENDS, SCENARIO_DIR
from game.scenario.yamlread import MAX_BYTES, MAX_DEPTH, MAX_DIGITS, read

GUIDE = DOCS_DIR / "modding.md"
TABLE = re.compile(r"(<!-- table: (\w+) -->\n).*?(<!-- end -->)", re.S)
SECTIONS = ("disciplines", "regions", "nations", "agencies", "pacts", "channels", "trust",
            "threat_templates", "threats", "events", "penetration", "victory")


def _markdown(head: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
              for row in rows]
    return "\n".join(lines) + "\n"


def _record(t) -> Record | None:
    """The record a field holds, directly or as the items of a list."""
    t = t.item if isinstance(t, ListOf) else t
    return t if isinstance(t, Record) else None


def _fields(record: Record, prefix: str = "") -> Iterator[tuple[str, F]]:
    for name, f in record.fields.items():
        yield f"{prefix}{name}", f
        inner = _record(f.type)
        if inner is not None:
            more = "[]." if isinstance(f.type, ListOf) else "."
            yield from _fields(inner, f"{prefix}{name}{more}")


def _keys_table(record: Record, nested: bool) -> str:
    rows = [(f"`{name}`", "yes" if f.required else "", f.doc)
            for name, f in (_fields(record) if nested else record.fields.items())]
    return _markdown(("key", "required", "what"), rows)


def _rules_table() -> str:
    base, _ = read(SCENARIO_DIR / "base.yaml")
    values = base.plain()["rules"] if base is not None else {}
    rows = []
    for section, f in RULES.fields.items():
        for key, rule in f.type.fields.items():
            value = values.get(section, {}).get(key, "")
            shown = str(value).lower() if isinstance(value, bool) else f"{value}"  # as YAML
            rows.append((f"`{key}` ({section})", shown, rule.doc))
    return _markdown(("rule", "base", "what"), rows)


def _kinds_table(kinds: dict[str, F], what: str) -> str:
    rows = []
    for name, f in kinds.items():
        record = f.type if isinstance(f.type, Record) else None
        fields = ", ".join(f"`{k}`" for k in record.fields) if record else ""
        rows.append((f"`{name}`", fields, f.doc, f"`{f.example}`"))
    return _markdown((what, "fields", "what", "example"), rows)


def _limits(t, path: str) -> Iterator[tuple[str, int]]:
    if isinstance(t, Record):
        for name, f in t.fields.items():
            yield from _limits(f.type, f"{path}.{name}" if path else name)
    elif isinstance(t, ListOf | MapOf):
        if t.max_items is not None and t.max_items != t.min_items:
            yield path, t.max_items
        inner = t.item if isinstance(t, ListOf) else t.value
        yield from _limits(inner, f"{path}[]" if isinstance(t, ListOf) else f"{path}.*")
    elif isinstance(t, Either | OneOfKeys):
        return  # selectors and effects: bounded by the ids they may name


def _limits_table() -> str:
    rows = [("the file", f"{MAX_BYTES:,} bytes"), ("nesting", f"{MAX_DEPTH} levels"),
            ("a number", f"{MAX_DIGITS} digits"),
            ("files extending each other", f"{MAX_EXTENDS} deep")]
    rows.append(("`rounds`", f"{MAX_ROUNDS}"))
    rows += [(f"`{path}`", f"{n}") for path, n in _limits(SCENARIO, "")]
    rows += [(f"`{path}` (campaign)", f"{n}") for path, n in _limits(CAMPAIGN, "")]
    return _markdown(("what", "at most"), rows)


def tables() -> dict[str, str]:
    out = {"keys": _keys_table(SCENARIO, nested=False), "rules": _rules_table(),
           "effects": _kinds_table(EFFECTS, "effect"),
           "conditions": _kinds_table(CONDITIONS, "condition"),
           "limits": _limits_table(), "campaign": _keys_table(CAMPAIGN, nested=True),
           "tutorial": _keys_table(TUTORIAL, nested=True),
           "step_conditions": _kinds_table(STEP_UNTIL, "condition"),
           "widgets": _markdown(("widget id", "what"),
                                [(f"`{k}`", what) for k, what in WIDGETS.items()])}
    for name in SECTIONS:
        t = SCENARIO.fields[name].type
        out[name] = _keys_table(_record(t), nested=True)
    return out


def render(text: str) -> str:
    """The guide with every marked table rewritten from the declaration."""
    made = tables()

    def fill(m: re.Match) -> str:
        if m[2] not in made:
            raise KeyError(f"docs/modding.md has a table {m[2]!r} that nothing writes")
        return f"{m[1]}{made[m[2]]}{m[3]}"
    return TABLE.sub(fill, text)


if __name__ == "__main__":
    GUIDE.write_text(render(GUIDE.read_text()))
    print(f"wrote {GUIDE}")
