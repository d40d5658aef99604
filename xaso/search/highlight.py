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


def _highlight_by_token(text: str, forms: set[str], prefix: str | None) -> str:
    """Word by word: for text with a character that does not fold to exactly one."""
    out = []
    for token in _TOKEN.findall(text):
        if token[0].isalnum():
            # Letters and digits need no escaping.
            out.append(f"<mark>{token}</mark>" if _matches(token, forms, prefix) else token)
        else:
            out.append(escape(token))
    return "".join(out)


def _folded(text: str) -> str | None:
    """`text` folded character for character (so positions agree), or None."""
    folded = fold_chars(text)
    if folded is None:
        folded = "".join(
            _fold_word(token) if len(_fold_word(token)) == len(token) else "\0" * len(token)
            for token in _TOKEN.findall(text)
        )
        if len(folded) != len(text):
            return None
    return folded


def _hits(text: str, forms: set[str], prefix: str | None) -> list[tuple[int, int, str]] | None:
    """(start, end, folded word) of every matching word of NFC `text`, in order; None when
    a character folds to several (the positions would not agree).

    Found in a folded copy of the text, character for character (one `str.translate`), with a
    pattern of plain folded words. Patterns with accent-blind letter classes ("d" → [dđð…])
    avoid the copy but cost milliseconds to compile, for every query not seen before."""
    folded = _folded(text)
    if folded is None:
        return None
    return [
        (match.start(), match.end(), match.group())
        for match in _hit_pattern(frozenset(forms), prefix).finditer(folded)
    ]


def _marked(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    """text[start:end] escaped, with the spans (sorted, inside it) in <mark>."""
    out = []
    at = start
    for left, right in spans:
        out.append(escape(text[at:left]))
        out.append(f"<mark>{escape(text[left:right])}</mark>")
        at = right
    out.append(escape(text[at:end]))
    return "".join(out)


def highlight(text: str, forms: set[str], prefix: str | None = None) -> SafeString:
    """`text` escaped, the words whose folded form is one of `forms` (or starts with
    `prefix`) in <mark>."""
    text = nfc(text)
    found = _hits(text, forms, prefix)
    if found is None:
        return mark_safe(_highlight_by_token(text, forms, prefix))  # noqa: S308 — escaped
    spans = [(start, end) for start, end, _form in found]
    return mark_safe(_marked(text, spans, 0, len(text)))  # noqa: S308 — every piece escaped


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
    # One space between the lead and the body, and between a body's blocks (kept as lines).
    text = " ".join(nfc(text[:SNIPPET_SCAN_CHARS]).split())
    if not text.strip():
        return mark_safe("")
    found = _hits(text, forms, prefix) or []
    matches = [(left, right) for left, right, _form in found]
    hits = [
        (left, prefix if prefix and form not in forms else form) for left, _right, form in found
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
    cut_before, cut = start > 0, end < len(text)
    if cut:
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    inside = [(left, right) for left, right in matches if left >= start and right <= end]
    marked = _marked(text, inside, start, end)
    before = "… " if cut_before else ""
    after = " …" if cut else ""
    return mark_safe(f"{before}{marked}{after}")  # noqa: S308 — built from escaped parts
