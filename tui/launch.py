"""Entry points for the command line: the chat in this terminal, or the same app in a browser."""

from __future__ import annotations

import shlex
import sys


def run_chat(council: str | None, verbose: bool = False) -> int:
    """Run the chat in this terminal until the user quits."""
    from tui.app import make_app

    app = make_app(council=council, verbose=verbose)
    app.run()
    return app.return_code or 0


def serve_command(council: str | None) -> str:
    """The command textual-serve runs for each browser session."""
    args = [sys.executable, "-m", "tui"] + (["--council", council] if council else [])
    return shlex.join(args)


def run_serve(host: str, port: int, council: str | None, *, allow_remote: bool = False,
              max_sessions: int | None = None, token: str | None = None) -> int:
    """Serve the chat at http://HOST:PORT/?token=… (this machine only unless forced) until interrupted."""
    import errno
    import os

    try:
        from tui.serve import DEFAULT_MAX_SESSIONS, gated_server_class, is_loopback, new_token
    except ImportError:
        sys.stderr.write("conduct: serving needs textual-serve (pip install textual-serve)\n")
        return 1
    if not is_loopback(host):
        if not allow_remote:
            sys.stderr.write(f"conduct: refusing to serve on {host}: other machines could reach it. "
                             "Use 127.0.0.1, or add --allow-remote if you mean it.\n")
            return 2
        sys.stderr.write(f"conduct: warning: serving on {host}; anyone who can reach this machine and has "
                         "the token can use Conduct, over plain HTTP.\n")
    token = token or os.environ.get("CONDUCT_SERVE_TOKEN") or new_token()
    server = gated_server_class()(serve_command(council), host=host, port=port, token=token,
                         max_sessions=max_sessions or DEFAULT_MAX_SESSIONS,
                         announce=lambda line: print(line, flush=True))
    try:
        server.serve()
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE or "address already in use" in str(exc).lower():
            sys.stderr.write(f"conduct: port {port} on {host} is already in use; choose another with --port.\n")
        else:
            sys.stderr.write(f"conduct: cannot serve on {host}:{port}: {exc.strerror or exc}\n")
        return 1
    return 0
