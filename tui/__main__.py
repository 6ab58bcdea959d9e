"""`python -m tui [--council NAME]`: the chat (textual-serve runs this command for `conduct serve`)."""

from __future__ import annotations

import argparse

from tui.launch import run_chat


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tui", description="Conduct's chat app.")
    parser.add_argument("--council", metavar="NAME", help="your council, e.g. thurrock (typos forgiven)")
    parser.add_argument("--verbose", action="store_true", help="also show internal notes (index cache rebuilt, ...)")
    args = parser.parse_args()
    return run_chat(args.council, verbose=args.verbose)


if __name__ == "__main__":
    raise SystemExit(main())
