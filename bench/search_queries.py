"""Known-item queries built mechanically from corpus articles."""

from __future__ import annotations

import math
import random
from collections import Counter
from typing import Any

from xaso.core.text import fold

KINDS = ["title_accented", "title_folded", "body_words", "title_typo", "title_shuffled"]
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["substitute", "delete", "insert", "transpose"])
    if kind == "substitute":
        return word[:i] + rng.choice([c for c in LETTERS if c != word[i]]) + word[i + 1 :]
    if kind == "delete":
        return word[:i] + word[i + 1 :]
    if kind == "insert":
        return word[:i] + rng.choice(LETTERS) + word[i:]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def build(records: list[dict[str, Any]], sample: int, seed: int = 7) -> list[tuple[str, str, str]]:
    """(kind, query, expected id) for `sample` articles, every kind."""
    rng = random.Random(seed)
    document_frequency: Counter[str] = Counter()
    for record in records:
        document_frequency.update(set(fold(record["body"]).split()))
    total = len(records)
    chosen = rng.sample(records, min(sample, total))
    queries = []
    for record in chosen:
        words = record["title"].split()[:10]
        folded = fold(" ".join(words)).split()
        queries.append(("title_accented", " ".join(words), record["id"]))
        queries.append(("title_folded", " ".join(folded), record["id"]))
        title_words = set(fold(record["title"]).split())
        body = [
            w for w in set(fold(record["body"]).split()) if len(w) >= 4 and w not in title_words
        ]
        body.sort(key=lambda w: (math.log(total / (1 + document_frequency[w])), w), reverse=True)
        if len(body) >= 3:
            queries.append(("body_words", " ".join(body[:3]), record["id"]))
        long_words = [i for i, w in enumerate(folded) if len(w) >= 4]
        if long_words:
            typo = list(folded)
            i = rng.choice(long_words)
            typo[i] = _typo(typo[i], rng)
            queries.append(("title_typo", " ".join(typo), record["id"]))
        shuffled = list(folded)
        rng.shuffle(shuffled)
        queries.append(("title_shuffled", " ".join(shuffled), record["id"]))
    return queries
