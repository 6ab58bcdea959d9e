"""`python -m tui [--council NAME]`: the chat (textual-serve runs this command for `conduct serve`)."""

from __future__ import annotations

import argparse

from tui.launch import run_chat


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tui", description="Conduct's chat app.")
    parser.add_argument("--council", metavar="NAME", help="your council, e.g. thurrock (typos forgiven)")
    return run_chat(parser.parse_args().council)


if __name__ == "__main__":
    raise SystemExit(main())
