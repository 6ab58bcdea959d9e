"""The verdict as a badge: a sign and the verdict in words, coloured by kind but never by colour alone."""

from __future__ import annotations

from textual.widgets import Static

from tui.render import badge_text


class VerdictBadge(Static):
    """`✘ No`, `✔ Yes, with conditions`, `? Need more information`…"""

    def __init__(self, verdict: str, label: str, id: str | None = None) -> None:
        super().__init__(badge_text(verdict, label), classes=f"badge -{verdict}", id=id, markup=False)
        self.verdict = verdict
        self.label = label
