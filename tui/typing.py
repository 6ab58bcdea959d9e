"""Keys typed, or text pasted, while focus is off a text box go into one, so nothing typed is lost.

A screen calls `redirect_key` from its `on_key` and `redirect_paste` from its `on_paste`: a key
reaches the screen only when the focused widget did not use it, and bindings are checked after
the screen has seen it, so a key bound anywhere in the focus chain (`w` on an answer, `n` in
training) is left alone.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widgets import Input, TextArea

from tui.literal import literal, one_line


def _typing_somewhere(screen: Screen[object]) -> bool:
    return isinstance(screen.focused, (Input, TextArea))


def redirect_key(screen: Screen[object], event: events.Key, box: Input) -> bool:
    """Put a printable key that nothing used into `box`, focusing it; True if it was taken."""
    if _typing_somewhere(screen) or not event.is_printable or not event.character:
        return False
    if event.key in screen.app.active_bindings:
        return False
    box.focus()
    box.insert_text_at_cursor(event.character)
    event.stop()
    event.prevent_default()
    return True


def redirect_paste(screen: Screen[object], event: events.Paste, box: Input) -> bool:
    """Put pasted text that landed outside a text box into `box`, on one line, made literal."""
    if _typing_somewhere(screen):
        return False
    pasted = literal(one_line(event.text))
    box.focus()
    if pasted:
        box.insert_text_at_cursor(pasted)
    event.stop()
    event.prevent_default()
    return True
