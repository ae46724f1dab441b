"""Split long texts where no entity can straddle the cut.

spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters) and its memory grows
with document length, so long documents are cut into pieces of at most ``limit``
characters: at a paragraph break if there is one in the second half of the window, else
at a sentence end, else at a space, and only as a last resort (one huge unbroken word)
anywhere. Each piece keeps its offset so entity offsets stay exact in the original text.
"""

from __future__ import annotations

import re

DEFAULT_LIMIT = 20_000
_BREAKS = (
    re.compile(r"\n[ \t\r\f\v]*\n\s*"),
    re.compile(r"(?<=[.!?…»])\s+(?=[«\"A-ZÀ-ÖØ-Þ0-9])|\n\s*"),
    re.compile(r"\s+"),
)


def split_text(text: str, limit: int = DEFAULT_LIMIT) -> list[tuple[int, str]]:
    """``(offset, piece)`` pairs that concatenate back to ``text``."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        cut = _cut(text, start, start + limit)
        pieces.append((start, text[start:cut]))
        start = cut
    pieces.append((start, text[start:]))
    return pieces


def _cut(text: str, start: int, end: int) -> int:
    floor = start + (end - start) // 2
    for pattern in _BREAKS:
        best = None
        for match in pattern.finditer(text, floor, end):
            best = match.end()
        if best is not None and best < end:
            return best
    return end
