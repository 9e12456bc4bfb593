# `make play` and `make test` do all set-up on a fresh machine.
PY      ?= python3
# CI has two cores; the suite spreads over them to stay well under three minutes.
WORKERS ?= 2
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed

.PHONY: play test lint bench simulate clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/python main.py play

test: $(STAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest -n $(WORKERS)

lint: $(STAMP)
	$(BIN)/ruff check game tests main.py

bench: $(STAMP)
	$(BIN)/python main.py bench

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
