"""Turn what a resident typed into a safe, folded query plan.

Nothing typed reaches SQL as syntax: words are folded to letters and digits, then the backends
build their own MATCH / tsquery expressions from them. Quoted parts become phrases; every other
word must appear, in any order. A word that looks like a typo of a much more frequent indexed word
(one edit away) also matches that word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from xaso.core.text import accent_key, fold, nfc

# A query is cut to this many characters and words (the rest is dropped, and the reader told):
# every word is matched, ranked and highlighted, and a longer query costs many times a normal one
# without finding better.
MAX_QUERY_CHARS = 200
MAX_WORDS = 10
# At most this many words of a query are looked up as possible typos, the rarest first: each
# costs a few hundred neighbour lookups and widens the match.
MAX_TYPO_WORDS = 3
MIN_TYPO_LENGTH = 3
# A neighbour replaces nothing; it joins the word when it is this many times more frequent.
TYPO_FREQUENCY_RATIO = 5
MAX_ALTERNATIVES = 4
_QUOTED = re.compile(r'"([^"]*)"')
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
    shortened: bool = False  # the query was longer than MAX_QUERY_CHARS or MAX_WORDS

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases

    def all_words(self) -> list[Word]:
        return [*self.words, *(word for phrase in self.phrases for word in phrase)]

    def searched_text(self) -> str:
        """The words actually searched, phrases quoted (a long query is cut to them)."""
        parts = ['"' + " ".join(word.typed for word in phrase) + '"' for phrase in self.phrases]
        return " ".join([*parts, *(word.typed for word in self.words)])

    def matched_forms(self) -> set[str]:
        return {form for word in self.all_words() for form in word.forms}


def _strip_controls(text: str) -> str:
    """Control characters become spaces; format characters (bidi overrides and isolates, marks,
    zero-width spaces and joiners, the byte-order mark…) are removed: they would let a query shown
    to others reorder or hide its text."""
    return "".join(
        " " if category == "Cc" or category in ("Zl", "Zp") else char
        for char in text
        if (category := unicodedata.category(char)) != "Cf"
    )


def clean(raw: str) -> str:
    """NFC (marks typed apart would split words), no control or format characters, bounded
    length. What is shown or stored of a query is this."""
    return nfc(_strip_controls(raw[: MAX_QUERY_CHARS * 5]))[:MAX_QUERY_CHARS]


def _words(text: str) -> list[Word]:
    result = []
    for typed in re.findall(r"[^\W_]+", text):
        folded = fold(typed)
        for piece in folded.split():
            result.append(Word(typed=typed, folded=piece[:100]))
    return result


def parse(raw: str, *, prefix: bool = False) -> QueryPlan:
    """The plan of a query; `shortened` when characters or words beyond the limits were dropped."""
    text = clean(raw)
    shortened = len(nfc(_strip_controls(raw[: MAX_QUERY_CHARS * 5]))) > MAX_QUERY_CHARS
    phrases = []
    for quoted in _QUOTED.findall(text):
        words = _words(quoted)
        if len(words) > 1:
            phrases.append(words)
        elif words:
            text += " " + quoted
    loose = _words(_QUOTED.sub(" ", text).replace('"', " "))
    budget = MAX_WORDS  # for phrases and words together
    kept: list[list[Word]] = []
    for phrase in phrases[:3]:
        if budget >= 2:
            kept.append(phrase[:budget])
            budget -= len(kept[-1])
    shortened = shortened or kept != phrases
    unique: list[Word] = []
    seen = set()
    for word in loose:
        if word.folded not in seen:
            seen.add(word.folded)
            unique.append(word)
    budget = max(budget, 0)
    return QueryPlan(
        words=unique[:budget],
        phrases=kept,
        prefix=prefix and bool(loose),
        shortened=shortened or len(unique) > budget,
    )


def edits1(word: str) -> set[str]:
    """Every string one deletion, substitution, insertion or transposition away (ASCII letters)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return (deletes | transposes | replaces | inserts) - {word}


def _may_be_typo(word: Word) -> bool:
    return len(word.folded) >= MIN_TYPO_LENGTH and word.folded.isascii()


def typo_words(plan: QueryPlan, frequencies: dict[str, int]) -> list[Word]:
    """The words whose typo corrections are looked for: at most MAX_TYPO_WORDS, the rarest in
    the index first (a typo is rare; a common word is not one). Phrases are taken as typed:
    quotes mean "exactly these words"; a word still being typed is not a typo yet."""
    words = plan.words[: len(plan.words) - 1] if plan.prefix else plan.words
    eligible = [word for word in words if _may_be_typo(word)]
    eligible.sort(key=lambda word: frequencies.get(word.folded, 0))
    return eligible[:MAX_TYPO_WORDS]


def typo_candidates(words: Iterable[Word]) -> set[str]:
    return {
        candidate
        for word in words
        if _may_be_typo(word)
        for candidate in edits1(word.folded) | {word.folded}
    }


def add_alternatives(plan: QueryPlan, frequencies: dict[str, int]) -> None:
    """Attach typo corrections to the typo words (see typo_words), given document frequencies
    of the words and their neighbours."""
    for word in typo_words(plan, frequencies):
        own = frequencies.get(word.folded, 0)
        neighbours = [
            (frequencies[candidate], candidate)
            for candidate in edits1(word.folded)
            if frequencies.get(candidate, 0) >= max(1, own * TYPO_FREQUENCY_RATIO)
        ]
        neighbours.sort(reverse=True)
        word.alternatives = [candidate for _, candidate in neighbours[:MAX_ALTERNATIVES]]
