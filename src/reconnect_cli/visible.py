"""Someone's own words, made safe to show in a terminal or a printed card.

Notes, highlights, names and own questions may hold anything a keyboard or a paste
can produce, escape sequences included, which a terminal would obey (retitle the
window, clear the screen, hide text). They are shown with such characters made
visible instead; the words themselves are stored exactly as typed.
"""

from __future__ import annotations

import unicodedata


def visible_controls(text: str) -> str:
    """Replace terminal control characters (escape sequences, bells, bidi overrides...)
    with visible escapes, keeping line breaks and tabs."""
    if text.isprintable():  # the usual case, decided at C speed
        return text
    return "".join(
        char
        if char in "\n\t"
        or unicodedata.category(char) not in ("Cc", "Cf")
        or char in "\u200d\u200c"  # joiners shape emoji and some scripts
        else f"\\x{ord(char):02x}"
        if ord(char) < 0x100
        else f"\\u{ord(char):04x}"
        for char in text
    )
