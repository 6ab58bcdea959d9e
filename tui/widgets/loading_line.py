"""A line showing what is loading and how far it has got, hidden once Conduct is ready."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


class LoadingLine(Horizontal):
    """Stage in words and a progress bar, fed by the app's loading worker."""

    def compose(self) -> ComposeResult:
        yield Label("Starting…", id="loading-stage", markup=False)
        yield ProgressBar(total=None, show_eta=False, id="loading-bar")

    def update_progress(self, stage: str, done: int, total: int) -> None:
        self.query_one("#loading-stage", Label).update(f"{stage}…" if done < total else stage)
        bar = self.query_one("#loading-bar", ProgressBar)
        bar.update(total=max(total, 1), progress=done)
        self.display = not (stage == "Ready" and done >= total)
