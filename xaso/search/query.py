"""Turn what a resident typed into a safe, folded query plan.

Nothing typed reaches SQL as syntax: words are folded to letters and digits, then the backends
build their own MATCH / tsquery expressions from them. Quoted parts become phrases; every other
word must appear, in any order. A word that looks like a typo of a much more frequent indexed word
(one edit away) also matches that word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from xaso.core.text import accent_key, fold, nfc

MAX_QUERY_CHARS = 200
MAX_WORDS = 12
MIN_TYPO_LENGTH = 3
# A neighbour replaces nothing; it joins the word when it is this many times more frequent.
TYPO_FREQUENCY_RATIO = 5
MAX_ALTERNATIVES = 4
_QUOTED = re.compile(r'"([^"]*)"')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


@dataclass
class Word:
    typed: str  # as typed (NFC), for exact-accent ranking
    folded: str
    alternatives: list[str] = field(default_factory=list)  # typo corrections, most frequent first

    @property
    def forms(self) -> list[str]:
        return [self.folded, *self.alternatives]

    @property
    def key(self) -> str:
        """The word with its accents, evened out (see core.text.accent_key)."""
        return accent_key(self.typed)

    @property
    def accented(self) -> bool:
        return self.key != self.folded


@dataclass
class QueryPlan:
    words: list[Word]
    phrases: list[list[Word]]
    prefix: bool = False  # the last word is still being typed

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases

    def all_words(self) -> list[Word]:
        return [*self.words, *(word for phrase in self.phrases for word in phrase)]

    def matched_forms(self) -> set[str]:
        return {form for word in self.all_words() for form in word.forms}

    def corrected(self) -> str | None:
        """The query with each typo replaced by its most frequent correction, if any."""
        if not any(word.alternatives for word in self.all_words()):
            return None
        parts = [" ".join(w.alternatives[0] if w.alternatives else w.folded for w in self.words)]
        for phrase in self.phrases:
            inner = " ".join(w.alternatives[0] if w.alternatives else w.folded for w in phrase)
            parts.append(f'"{inner}"')
        return " ".join(part for part in parts if part)


def clean(raw: str) -> str:
    """NFC (marks typed apart would split words), no control characters, bounded length."""
    return nfc(_CONTROL.sub(" ", raw[: MAX_QUERY_CHARS * 5]))[:MAX_QUERY_CHARS]


def _words(text: str) -> list[Word]:
    result = []
    for typed in re.findall(r"[^\W_]+", text):
        folded = fold(typed)
        for piece in folded.split():
            result.append(Word(typed=typed, folded=piece[:100]))
    return result


def parse(raw: str, *, prefix: bool = False) -> QueryPlan:
    text = clean(raw)
    phrases = []
    for quoted in _QUOTED.findall(text):
        words = _words(quoted)
        if len(words) > 1:
            phrases.append(words)
        elif words:
            text += " " + quoted
    loose = _words(_QUOTED.sub(" ", text).replace('"', " "))
    budget = MAX_WORDS
    phrases = [phrase[:budget] for phrase in phrases][:3]
    budget -= sum(len(phrase) for phrase in phrases)
    unique: list[Word] = []
    seen = set()
    for word in loose:
        if word.folded not in seen:
            seen.add(word.folded)
            unique.append(word)
    return QueryPlan(words=unique[: max(budget, 0)], phrases=phrases, prefix=prefix and bool(loose))


def edits1(word: str) -> set[str]:
    """Every string one deletion, substitution, insertion or transposition away (ASCII letters)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return (deletes | transposes | replaces | inserts) - {word}


def typo_candidates(words: Iterable[Word]) -> set[str]:
    return {
        candidate
        for word in words
        if len(word.folded) >= MIN_TYPO_LENGTH and word.folded.isascii()
        for candidate in edits1(word.folded) | {word.folded}
    }


def add_alternatives(plan: QueryPlan, frequencies: dict[str, int]) -> None:
    """Attach typo corrections, given document frequencies of the words and their neighbours.

    Phrases are taken as typed: quotes mean "exactly these words".
    """
    for word in plan.words[: len(plan.words) - 1] if plan.prefix else plan.words:
        if len(word.folded) < MIN_TYPO_LENGTH or not word.folded.isascii():
            continue
        own = frequencies.get(word.folded, 0)
        neighbours = [
            (frequencies[candidate], candidate)
            for candidate in edits1(word.folded)
            if frequencies.get(candidate, 0) >= max(1, own * TYPO_FREQUENCY_RATIO)
        ]
        neighbours.sort(reverse=True)
        word.alternatives = [candidate for _, candidate in neighbours[:MAX_ALTERNATIVES]]
