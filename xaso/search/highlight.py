"""Mark the words that matched, in the original accented text, and cut a snippet around them."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

from xaso.core.text import fold

_TOKEN = re.compile(r"[^\W_]+|[\W_]+", re.UNICODE)
SNIPPET_WORDS = 40
# The best passage is looked for in the opening of the text only: bodies can be very long.
SNIPPET_SCAN_CHARS = 2500


@lru_cache(maxsize=65536)
def _fold_word(token: str) -> str:
    # Words repeat a great deal across articles; folding each once keeps snippets cheap.
    return fold(token)


def _matches(token: str, forms: set[str], prefix: str | None) -> bool:
    folded = _fold_word(token)
    return bool(folded) and (folded in forms or (prefix is not None and folded.startswith(prefix)))


def highlight(text: str, forms: set[str], prefix: str | None = None) -> SafeString:
    out = []
    for token in _TOKEN.findall(text):
        if token[0].isalnum() and _matches(token, forms, prefix):
            out.append(f"<mark>{escape(token)}</mark>")
        else:
            out.append(escape(token))
    return mark_safe("".join(out))  # noqa: S308 — every piece above is escaped


def snippet(text: str, forms: set[str], prefix: str | None = None) -> SafeString:
    """About SNIPPET_WORDS words where the most different query words meet, … where cut."""
    tokens = _TOKEN.findall(text[:SNIPPET_SCAN_CHARS])
    positions = [i for i, token in enumerate(tokens) if token[0].isalnum()]
    if not positions:
        return mark_safe("")
    folded = [_fold_word(tokens[i]) for i in positions]
    hits = [
        f if f in forms or (prefix is not None and f.startswith(prefix)) else "" for f in folded
    ]
    best_start, best_score = 0, -1
    window: Counter[str] = Counter()
    for end in range(len(positions)):
        if hits[end]:
            window[hits[end]] += 1
        begin = end - SNIPPET_WORDS + 1
        if begin > 0 and hits[begin - 1]:
            window[hits[begin - 1]] -= 1
            if not window[hits[begin - 1]]:
                del window[hits[begin - 1]]
        if len(window) > best_score:
            best_score, best_start = len(window), max(0, begin)
    # Start a little before the first match in the chosen window, for context.
    first = next((n for n in range(best_start, len(hits)) if hits[n]), best_start)
    start_word = max(0, min(best_start, first - SNIPPET_WORDS // 4))
    end_word = min(len(positions), start_word + SNIPPET_WORDS)
    piece = "".join(tokens[positions[start_word] : positions[end_word - 1] + 1])
    marked = highlight(piece, forms, prefix)
    before = "… " if start_word > 0 else ""
    after = " …" if end_word < len(positions) else ""
    return mark_safe(f"{before}{marked}{after}")  # noqa: S308 — built from escaped parts
