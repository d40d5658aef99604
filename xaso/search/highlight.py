"""Mark the words that matched, in the original accented text, and cut a snippet around them."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

from xaso.core.text import fold, fold_chars, nfc

_TOKEN = re.compile(r"[^\W_]+|[\W_]+", re.UNICODE)
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
        if token[0].isalnum():
            # Letters and digits need no escaping.
            out.append(f"<mark>{token}</mark>" if _matches(token, forms, prefix) else token)
        else:
            out.append(escape(token))
    return mark_safe("".join(out))  # noqa: S308 — every piece above is escaped


SNIPPET_CHARS = 280  # about 40 Vietnamese words


@lru_cache(maxsize=512)
def _hit_pattern(forms: frozenset[str], prefix: str | None) -> re.Pattern[str]:
    """Any of the folded forms as a whole word, or a word starting with the prefix."""
    alternatives = [re.escape(form) for form in sorted(forms, key=len, reverse=True) if form]
    if prefix:
        alternatives.append(re.escape(prefix) + r"[^\W_]*")
    body = "|".join(alternatives) or r"(?!x)x"
    return re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])")


def snippet(text: str, forms: set[str], prefix: str | None = None) -> SafeString:
    """About SNIPPET_CHARS of text where the most different query words meet, … where cut.

    The words are found in a folded copy of the text (one pass, character for character), so
    their places are the places of the accented words shown.
    """
    text = nfc(text[:SNIPPET_SCAN_CHARS])
    folded = fold_chars(text)
    if folded is None:  # a character that does not fold to one: fold word by word instead
        folded = "".join(
            _fold_word(token) if len(_fold_word(token)) == len(token) else "\0" * len(token)
            for token in _TOKEN.findall(text)
        )
    if not text.strip():
        return mark_safe("")
    pattern = _hit_pattern(frozenset(forms), prefix)
    hits = [
        (match.start(), prefix if prefix and match.group() not in forms else match.group())
        for match in pattern.finditer(folded)
    ]
    best_start, best_score = 0, 0
    window: Counter[str] = Counter()
    first = 0
    for position, form in hits:
        window[form] += 1
        while hits[first][0] < position - SNIPPET_CHARS * 3 // 4:
            window[hits[first][1]] -= 1
            if not window[hits[first][1]]:
                del window[hits[first][1]]
            first += 1
        if len(window) > best_score:
            best_score, best_start = len(window), hits[first][0]
    # Start a little before the first match of the chosen passage, for context, on a word.
    start = max(0, best_start - SNIPPET_CHARS // 4) if hits else 0
    if start:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 else 0
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    piece = text[start:end].strip()
    marked = highlight(piece, forms, prefix)
    before = "… " if start > 0 else ""
    after = " …" if end < len(text) else ""
    return mark_safe(f"{before}{marked}{after}")  # noqa: S308 — built from escaped parts
