"""Save names in any script: the display name is kept, the file name is safe and
never shared by two different names."""

import re

from hypothesis import given
from hypothesis import strategies as st

from game.filenames import file_stem


def test_names_that_slug_alike_get_different_files():
    assert file_stem("9B week1 Chloé") != file_stem("9B week1 Chlo")
    assert file_stem("9B week1 Chloé").startswith("9b-week1-chloe-")
    assert file_stem("Lesson") != file_stem("lesson")  # case-blind disks keep both too


def test_a_name_without_latin_letters_gets_a_file_of_its_own():
    names = ["第三課", "第四課", "Урок", "درس", "!!!"]
    stems = [file_stem(n) for n in names]
    assert len(set(stems)) == len(names)
    assert all(s.startswith("save-") and s != "save" for s in stems[:2])
    assert file_stem("Урок").startswith("save-")  # Cyrillic is not folded to Latin


def test_the_same_name_always_gives_the_same_file():
    assert file_stem("Tuesday, period 3") == file_stem("  Tuesday,  period 3 ")
    assert file_stem("Chloe\u0301") == file_stem("Chlo\u00e9")  # decomposed or composed é


@given(st.text(max_size=300))
def test_every_stem_is_a_safe_portable_file_name(name):
    stem = file_stem(name)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", stem) and len(stem) <= 49


def test_saving_on_leaving_never_takes_another_games_save(tmp_path, monkeypatch):
    """Two games of the same scenario, left in the same month: the second gets a save
    of its own ("... (2)"); saving a game again on leaving writes over its own save."""
    from game.controller import GameController
    from game.persistence import read_header
    from tests.test_persistence import halfway

    monkeypatch.setattr("game.persistence.SAVE_DIR", tmp_path)
    first, second = (GameController(halfway(), None) for _ in range(2))
    a, b = first.save_before_leaving(), second.save_before_leaving()
    assert a != b
    assert read_header(b).name == read_header(a).name + " (2)"
    assert first.save_before_leaving() == a and read_header(a).game_id == first.session.game_id
    assert len(list(tmp_path.iterdir())) == 2
