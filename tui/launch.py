"""Entry points for the command line: the chat in this terminal, or the same app in a browser."""

from __future__ import annotations

import shlex
import sys


def run_chat(council: str | None) -> int:
    """Run the chat in this terminal until the user quits."""
    from tui.app import make_app

    app = make_app(council=council)
    app.run()
    return app.return_code or 0


def serve_command(council: str | None) -> str:
    """The command textual-serve runs for each browser session."""
    args = [sys.executable, "-m", "tui"] + (["--council", council] if council else [])
    return shlex.join(args)


def run_serve(host: str, port: int, council: str | None) -> int:
    """Serve the chat at http://HOST:PORT (localhost by default) until interrupted."""
    try:
        from textual_serve.server import Server
    except ImportError:
        sys.stderr.write("conduct: serving needs textual-serve (pip install textual-serve)\n")
        return 1
    print(f"Conduct is at http://{host}:{port} (ctrl+c to stop)")
    Server(serve_command(council), host=host, port=port, title="Conduct").serve()
    return 0
