"""`python -m assistant` is the `conduct` command."""

from assistant.cli import main

raise SystemExit(main())
