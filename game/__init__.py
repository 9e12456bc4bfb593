"""No Free Lunches: a turn-based strategy game about intelligence liaison."""
