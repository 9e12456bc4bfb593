"""No Free Lunches: a turn-based strategy game about intelligence liaison."""

# The one place the version is written: pyproject.toml reads it, and mods declare
# the game versions they work with against it.
__version__ = "0.1.0"
