"""Documented limits: a file too big to play is refused at once, with its position, and
the largest designs (48 agencies, 32 regions) are admitted."""

import time

from game.scenario.format import MAX_AGENCIES, MAX_NATIONS
from game.scenario.loader import build, read_raw
from game.scenario.validate import check
from game.scenario.yamlread import MAX_BYTES

HEAD = "format: 1\nid: big\ntitle: Big\nstart: 2020-01\nrounds: 24\n"


def _scenario(agencies: int, regions: int, nations: int = 6) -> str:
    region_ids = [f"r{i}" for i in range(regions)]
    lines = [HEAD, "regions:"]
    lines += [f"  - {{id: {r}, name: Region {r}}}" for r in region_ids]
    lines.append("nations:")
    lines += [f"  - {{id: N{i}, name: Nation {i}}}" for i in range(nations)]
    lines.append("agencies:")
    access = ", ".join(f"{r}: 0.5" for r in region_ids)
    lines += [f"  - {{id: A{i}, nation: N{i % nations}, name: Agency {i}, budget: 80,\n"
              f"     capability: {{HUMINT: 0.5, SIGINT: 0.5, GEOINT: 0.5, CYBER: 0.5}},\n"
              f"     access: {{{access}}}}}" for i in range(agencies)]
    return "\n".join(lines) + "\n"


def _timed_check(path):
    started = time.process_time()
    result = check(path)
    return result, time.process_time() - started


def test_the_largest_designs_are_admitted(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(_scenario(48, 32))
    assert path.stat().st_size < MAX_BYTES / 2
    assert check(path)[1] == []
    world = build(read_raw(path)).world
    assert (len(world.agencies), len(world.regions)) == (48, 32)


def test_a_ten_thousand_agency_file_is_refused_at_once(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text(_scenario(10_000, 1))
    (data, problems), seconds = _timed_check(path)
    assert data is None and seconds < 1.0
    assert [str(p) for p in problems] == [f"{path}:1:1: the file is over the limit of "
                                          f"{MAX_BYTES:,} bytes"]


def test_too_many_agencies_are_refused_at_the_first_one_over(tmp_path):
    """Within the size limit, a list longer than its limit is refused as soon as the
    reader reaches the first item over, with that item's position."""
    path = tmp_path / "many.yaml"
    path.write_text(HEAD + "agencies:\n" + "".join(
        f"  - {{id: A{i}, nation: N, name: A, budget: 1, capability: {{}}, access: {{}}}}\n"
        for i in range(2_000)))
    (data, problems), seconds = _timed_check(path)
    assert data is None and seconds < 1.0
    first_over = 7 + MAX_AGENCIES  # the header's 5 lines, `agencies:`, then one a line
    assert [str(p) for p in problems] == [
        f"{path}:{first_over}:5: agencies[{MAX_AGENCIES}]: more than {MAX_AGENCIES} agencies: "
        f"the limit is {MAX_AGENCIES}"]


def test_limits_hold_inside_a_file_too(tmp_path):
    """A mapping inside the file is refused as a whole when over its limit, not checked
    entry by entry."""
    path = tmp_path / "wide.yaml"
    relations = ", ".join(f"X{i}: 1" for i in range(MAX_NATIONS + 1))
    path.write_text(_scenario(2, 2, nations=2).replace(
        "  - {id: N0, name: Nation 0}", f"  - {{id: N0, name: N, relations: {{{relations}}}}}"))
    assert [(p.path, p.message) for p in check(path)[1]] == [
        ("nations[0].relations", f"expected at most {MAX_NATIONS} entries, found "
                                 f"{MAX_NATIONS + 1}")]
