"""Mark the words that matched, in the original accented text, and cut a snippet around them."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from xaso.core.text import fold

_TOKEN = re.compile(r"[^\W_]+|[\W_]+", re.UNICODE)
SNIPPET_WORDS = 40


def _matches(token: str, forms: set[str], prefix: str | None) -> bool:
    folded = fold(token)
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
    """About SNIPPET_WORDS words around the first match, with … where text was cut."""
    tokens = _TOKEN.findall(text)
    word_positions = [i for i, token in enumerate(tokens) if token[0].isalnum()]
    if not word_positions:
        return mark_safe("")
    first = next((n for n, i in enumerate(word_positions) if _matches(tokens[i], forms, prefix)), 0)
    start_word = max(0, first - SNIPPET_WORDS // 4)
    end_word = min(len(word_positions), start_word + SNIPPET_WORDS)
    start = word_positions[start_word]
    end = word_positions[end_word - 1] + 1
    piece = "".join(tokens[start:end])
    marked = highlight(piece, forms, prefix)
    before = "… " if start_word > 0 else ""
    after = " …" if end_word < len(word_positions) else ""
    return mark_safe(f"{before}{marked}{after}")  # noqa: S308 — built from escaped parts
