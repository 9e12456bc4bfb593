"""`extends:` of a scenario: a variant of a shipped scenario is checked as a whole, its
mistakes are reported in its own file, and editors' schema accepts it."""

import json

import jsonschema

from game.scenario.loader import SCENARIO_DIR, build, read_raw
from game.scenario.validate import check
from game.scenario.yamlread import parse

SCHEMA = json.loads((SCENARIO_DIR / "scenario.schema.json").read_text())

VARIANT = """\
format: 1
id: envelope_long
title: The Envelope, long
extends: the_envelope
rounds: 12
"""


def test_a_variant_of_a_shipped_scenario_validates_loads_and_passes_the_schema(tmp_path):
    path = tmp_path / "envelope_long.yaml"
    path.write_text(VARIANT)
    assert check(path)[1] == []
    scenario = build(read_raw(path), str(path))
    assert (scenario.world.id, scenario.world.rounds) == ("envelope_long", 12)
    assert {a.id for a in scenario.world.agencies} >= {"MI5", "MI6", "GCHQ"}
    jsonschema.validate(parse(VARIANT.encode(), "x")[0].plain(), SCHEMA)


def test_an_error_in_an_overridden_list_points_at_the_overriding_file(tmp_path):
    """The variant's region list drops middle_east, which the shipped threat templates
    use: the modder is told at their own `regions:`, with where the use is."""
    path = tmp_path / "no_middle_east.yaml"
    path.write_text(VARIANT + "regions:\n  - {id: east_africa, name: East Africa}\n"
                              "  - {id: europe, name: Europe}\n"
                              "  - {id: british_isles, name: British Isles}\n")
    _, problems = check(path)
    assert problems and all(p.loc.file == str(path) for p in problems)
    assert {(p.loc.line, p.loc.col) for p in problems} == {(6, 1)}  # the `regions:` key
    assert all("unknown region 'middle_east'" in p.message for p in problems)
    assert all("inherited from" in p.message and "the_envelope.yaml:" in p.message
               for p in problems)


def test_a_shortened_variant_is_told_which_inherited_event_falls_after_its_end(tmp_path):
    path = tmp_path / "short.yaml"
    path.write_text(VARIANT.replace("rounds: 12", "rounds: 2"))
    _, problems = check(path)
    assert problems and {(p.loc.file, p.loc.line) for p in problems} == {(str(path), 5)}
    assert all("after the last round (2)" in p.message for p in problems)


def test_a_variant_needs_its_own_id(tmp_path):
    path = tmp_path / "copy.yaml"
    path.write_text(VARIANT.replace("id: envelope_long\n", ""))
    _, problems = check(path)
    assert [(p.loc.line, p.message) for p in problems] == [
        (3, "a scenario that extends another scenario needs an 'id' of its own")]
    assert not jsonschema.Draft7Validator(SCHEMA).is_valid(
        parse(VARIANT.replace("id: envelope_long\n", "").encode(), "x")[0].plain())
