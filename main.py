"""Entry point: python main.py [play|simulate|bench] (see game/cli.py)."""

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
