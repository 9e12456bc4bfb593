"""Scenario validation: every error, with its line and column, and never a traceback."""

import json
import re
import time
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.paths import DOCS_DIR
from game.scenario.format import CONDITIONS, EFFECTS, SCENARIO, SCHEMA_FILES, SCHEMAS, json_schema
from game.scenario.guide import render, tables
from game.scenario.loader import SCENARIO_DIR, campaign_paths, load_or_errors, scenario_paths
from game.scenario.validate import check, check_many
from game.scenario.yamlread import parse

BROKEN = Path(__file__).parents[1] / "fixtures" / "broken"


def _expected() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in (BROKEN / "expected.txt").read_text().splitlines():
        name, _, rest = line.partition(":")
        out.setdefault(name, []).append(rest)
    return out


@pytest.mark.parametrize("name", sorted(p.name for p in BROKEN.glob("*.yaml")))
def test_broken_file_gets_exactly_the_expected_errors(name):
    """Each broken file of the corpus: every problem, at its LINE:COL, in these words, as
    `validate` reports them."""
    ((_, problems),) = check_many([BROKEN / name])
    got = [str(p).split(f"{name}:", 1)[1] for p in problems]
    assert got == _expected()[name]


def test_validate_cli_reports_one_line_per_error_and_exit_codes(capsys):
    assert main(["validate", str(BROKEN / "out_of_range.yaml")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all(":" in line.split(" ")[0] for line in lines)
    assert main(["validate", str(SCENARIO_DIR / "the_envelope.yaml")]) == 0
    assert capsys.readouterr().out.strip().endswith("the_envelope.yaml: OK")


def test_two_scenarios_with_one_id_in_one_list_are_an_error(capsys):
    """Validating a folder checks its files together: the second file to use an id is
    told which file has it already."""
    assert main(["validate", str(BROKEN / "duplicate_id")]) == 1
    first, second = capsys.readouterr().out.splitlines()
    assert first.endswith("first.yaml: OK")
    assert second.split("second.yaml:", 1)[1].startswith(
        "2:5: id: scenario id 'broken' is also the id of ")
    assert second.endswith("first.yaml:2:5; give each scenario its own id")


def test_every_shipped_scenario_and_campaign_validates():
    paths = scenario_paths() + campaign_paths() + [SCENARIO_DIR / "base.yaml"]
    assert len(paths) >= 9
    for path in paths:
        _, problems = check(path)
        assert problems == [], path


def test_committed_schemas_are_current_and_validate_every_shipped_file():
    """The schema files editors use are exactly what `schema` prints, and they accept
    every shipped file as written."""
    for kind, file in SCHEMA_FILES.items():
        committed = json.loads((SCENARIO_DIR / file).read_text())
        assert committed == json_schema(*SCHEMAS[kind]), f"{file} is stale: run " \
            f"python main.py schema --kind {kind} > game/content/scenarios/{file}"
    schema = json.loads((SCENARIO_DIR / SCHEMA_FILES["scenario"]).read_text())
    for path in scenario_paths():
        y, problems = parse(path.read_bytes(), str(path))
        assert problems == []
        jsonschema.validate(y.plain(), schema)
        assert path.read_text().startswith("# yaml-language-server: $schema=")


# Corpus cases a JSON Schema can see: a type, a range, a key, a count. The others need
# the validator (references, YAML 1.1 surprises, duplicate keys, dates after the end).
STRUCTURAL = ("missing_required.yaml", "out_of_range.yaml", "text_for_number.yaml",
              "unknown_key.yaml", "event_vocabulary.yaml", "choices_and_effects.yaml",
              "too_many_regions.yaml", "span_as_text.yaml")


def _schema_accepts(kind: str, path: Path) -> bool:
    y, problems = parse(path.read_bytes(), str(path))
    assert problems == [], path  # only cases that parse cleanly can be compared
    return jsonschema.Draft7Validator(json_schema(*SCHEMAS[kind])).is_valid(y.plain())


def test_the_schema_and_the_validator_agree():
    """Every shipped and example file passes both; every structural corpus case fails
    both, so an editor flags what `validate` flags."""
    files = [("scenario", p) for p in scenario_paths()] + [
        ("campaign", p) for p in campaign_paths()] + [("ruleset", SCENARIO_DIR / "base.yaml")]
    assert any("examples" in p.parts for _, p in files)
    for kind, path in files:
        assert check(path)[1] == [] and _schema_accepts(kind, path), path
    for name in STRUCTURAL:
        assert check(BROKEN / name)[1] != [] and not _schema_accepts("scenario", BROKEN / name), \
            name


def test_every_property_of_every_schema_has_a_description():
    """Editors show each key's description as hover help."""
    def properties(node):
        if isinstance(node, dict):
            yield from (node.get("properties") or {}).items()
            for v in node.values():
                yield from properties(v)
        elif isinstance(node, list):
            for v in node:
                yield from properties(v)

    for kind, args in SCHEMAS.items():
        found = list(properties(json_schema(*args)))
        assert len(found) > 5
        assert [k for k, v in found if not v.get("description")] == [], kind


def test_the_guides_tables_are_written_from_the_declaration():
    text = (DOCS_DIR / "modding.md").read_text()
    assert render(text) == text, "docs/modding.md is stale: run python -m game.scenario.guide"
    assert set(tables()) == set(re.findall(r"<!-- table: (\w+) -->", text))
    assert all(f"| `{e}` |" in text for e in (*EFFECTS, *CONDITIONS, *SCENARIO.fields))


def test_a_broken_mod_is_listed_with_its_errors_not_hidden(tmp_path):
    path = tmp_path / "mod.yaml"
    path.write_text((BROKEN / "misspelt_discipline.yaml").read_text())
    result = load_or_errors(path)
    assert isinstance(result, list) and "did you mean 'HUMINT'" in str(result[0])
    raw, scenario = load_or_errors(SCENARIO_DIR / "ruritania.yaml")
    assert raw["id"] == scenario.world.id == "ruritania"


def test_the_example_mod_validates_and_plays(capsys):
    assert main(["validate", str(SCENARIO_DIR / "examples" / "harbour_watch.yaml")]) == 0
    assert main(["simulate", "--scenario", "harbour_watch", "--games", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.split("\n", 1)[1])["games"] == 2


# --------------------------------------------------------------------------- hostile files
def _quick(raw: bytes):
    """Parse, in under a second of CPU time: wall time failed on a busy machine."""
    started = time.process_time()
    y, problems = parse(raw, "hostile.yaml")
    assert time.process_time() - started < 1.0
    return y, problems


def test_alias_bomb_is_refused_at_once():
    bomb = b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        .encode() for i in range(9))
    y, problems = _quick(bomb)
    assert y is None and "anchors and aliases" in problems[0].message


def test_deep_nesting_is_refused():
    y, problems = _quick(b"a: " + b"[" * 5000 + b"]" * 5000)
    assert y is None and "nested" in problems[0].message
    y, problems = _quick(b"a: " + b"[" * 30 + b"]" * 30)
    assert any("nested more than 24" in p.message for p in problems)


def test_huge_file_and_huge_numbers_are_refused():
    y, problems = _quick(b"x: " + b"1" * 2_000_000)
    assert y is None and "limit of 256,000 bytes" in problems[0].message
    y, problems = _quick(b"rounds: " + b"9" * 5000 + b"\nq: .inf\n")
    assert [p.message.split(" (")[0] for p in problems] == [
        "number too large", "'.inf': infinite or not-a-number values are not allowed"]


def test_not_utf8_and_empty_files():
    assert "not UTF-8" in _quick(b"\xff\xfe\x00x")[1][0].message
    assert "empty" in _quick(b"")[1][0].message


# --------------------------------------------------------------------------- fuzzing
VALID = (SCENARIO_DIR / "the_envelope.yaml").read_text().splitlines()


@st.composite
def mutated(draw):
    lines = list(VALID)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["drop", "rename", "retype", "duplicate", "garble"]))
        line = lines[i]
        if op == "drop":
            del lines[i]
        elif op == "rename":
            lines[i] = line.replace(":", "x:", 1)
        elif op == "retype":
            lines[i] = line.split(":")[0] + ": " + draw(st.sampled_from(
                ["NO", "1:30", "[]", "{}", "~", "-3", "1e999", "'text'", "012", "[1, [2]]"]))
        elif op == "duplicate":
            lines.insert(i, line)
        else:
            lines[i] = line + draw(st.text(max_size=6))
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated())
def test_mutated_scenarios_load_or_report_never_raise(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "mutant.yaml"
    path.write_text(text)
    data, problems = check(path)
    assert (data is None) == bool(problems)
    result = load_or_errors(path)
    assert isinstance(result, list) == bool(problems) or isinstance(result, list)


def test_a_word_in_the_wrong_case_is_suggested_in_the_right_one(tmp_path):
    """A modder wrote `needs: {cyber: 1}` and got no did-you-mean: difflib finds 'cyber'
    and 'CYBER' too far apart."""
    bad = tmp_path / "case.yaml"
    bad.write_text((BROKEN / "span_as_text.yaml").read_text()
                   .replace("deadline: 3-5", "deadline: 4").replace("{HUMINT: 1}", "{humint: 1}"))
    _, problems = check(bad)
    assert [p.message for p in problems] == [
        "unknown discipline 'humint' (did you mean 'HUMINT'?)"]


def test_a_flag_a_campaign_sets_is_no_misspelling_and_never_blocks_a_chapter(tmp_path):
    """A chapter may read a flag that only a campaign's outcome sets; one that looks like a
    flag the scenario sets is no misspelling when a campaign sets it, and the near-miss
    check belongs to `validate` alone, so no chapter ever fails to load over it (review)."""
    scenario = tmp_path / "chapter.yaml"
    scenario.write_text((BROKEN / "misspelt_flag.yaml").read_text())
    assert check(scenario)[1] == []  # it loads
    assert len(check_many([scenario])[0][1]) == 2  # validate names both near misses
    campaign = tmp_path / "campaigns" / "saga.yaml"
    campaign.parent.mkdir()
    campaign.write_text("format: 1\nid: saga\ntitle: Saga\nplayer: EID\nchapters:\n"
                        "  - {scenario: ruritania, on_outcome: {won: [pass_closd]}}\n")
    found = dict(check_many([scenario, campaign]))
    assert found[campaign] == []
    assert [p.message for p in found[scenario]] == [
        "flag 'pass_close' is never set in this scenario (did you mean 'pass_closed'?); only "
        "a campaign could set it"]
