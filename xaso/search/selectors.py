"""Run a search: plan the query, ask the backend, re-rank, highlight."""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.utils import timezone
from django.utils.safestring import SafeString

from xaso.core.text import accent_key, accent_key_pattern, fold, nfc

from . import query as query_module
from .backends import COLUMNS, COUNT_CAP, Filters, backend, similar_term
from .highlight import SNIPPET_SCAN_CHARS, highlight, snippet
from .models import PopularQuery, SearchDocument, SearchTerm

POOL = 60
# Words found in more than this share of all documents need not match when 3 others remain.
COMMON_SHARE = 0.2
TYPO_MAX_DOCUMENTS = 1000
# Fewer strict matches than this, and typo corrections are searched too.
FEW = 10
# "Did you mean" is offered only with fewer results than this (and only for unknown words).
SUGGEST_BELOW = 3


@dataclass
class Hit:
    document: SearchDocument
    score: float
    title_html: SafeString
    snippet_html: SafeString


@dataclass
class SearchResults:
    query: str
    plan: query_module.QueryPlan
    count: int
    count_capped: bool
    hits: list[Hit] = field(default_factory=list)
    suggestion: str | None = None


def _document_total() -> int:
    total = cache.get("xaso:search:documents")
    if total is None:
        total = SearchDocument.objects.count()
        cache.set("xaso:search:documents", total, 300)
    return int(total)


# How long a process keeps a word's document frequency. Frequencies only steer which words must
# match and which look like typos: a minute behind the index changes no result that matters.
TERM_SECONDS = 60


def _own_frequencies(plan: query_module.QueryPlan) -> dict[str, int]:
    words = list({word.folded for word in plan.words})
    if not words:
        return {}
    kept = caches["local"].get_many([f"xaso:search:term:{word}" for word in words])
    found = {key.rsplit(":", 1)[1]: int(value) for key, value in kept.items()}
    missing = [word for word in words if word not in found]
    if missing:
        # Asked on every search: plain SQL, the ORM's query building costs more than the query.
        table = SearchTerm._meta.db_table
        marks = ", ".join(["%s"] * len(missing))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT term, documents FROM {table} WHERE term IN ({marks})",  # noqa: S608
                missing,
            )
            fresh = {word: 0 for word in missing}
            fresh.update({term: int(documents) for term, documents in cursor.fetchall()})
        caches["local"].set_many(
            {f"xaso:search:term:{word}": count for word, count in fresh.items()}, TERM_SECONDS
        )
        found.update(fresh)
    return {word: count for word, count in found.items() if count}


def _frequencies(plan: query_module.QueryPlan, own: dict[str, int]) -> dict[str, int]:
    # A word found in many documents is not a typo: its neighbours are not looked up; nor are
    # those of more than MAX_TYPO_WORDS words (the rarest are).
    candidates = query_module.typo_candidates(
        word
        for word in query_module.typo_words(plan, own)
        if own.get(word.folded, 0) < TYPO_MAX_DOCUMENTS
    )
    if not candidates:
        return {}
    found: dict[str, int] = {}
    values = list(candidates)
    for start in range(0, len(values), 900):
        rows = SearchTerm.objects.filter(term__in=values[start : start + 900]).values_list(
            "term", "documents"
        )
        found.update(rows)
    return {**found, **own}


def _contains_run(haystack: tuple[str, ...], needle: list[set[str]]) -> bool:
    width = len(needle)
    return any(
        all(haystack[i + j] in needle[j] for j in range(width))
        for i in range(len(haystack) - width + 1)
    )


@dataclass
class _Ranking:
    """What scoring needs of the query, worked out once per search rather than per document."""

    folded: list[str]
    alternatives: list[set[str]]
    forms: list[set[str]]
    accented_keys: set[str]
    accented_pattern: re.Pattern[str] | None

    @classmethod
    def of(cls, plan: query_module.QueryPlan) -> _Ranking:
        words = plan.all_words()
        keys = [w.key for w in words if w.accented]
        return cls(
            folded=[w.folded for w in words],
            alternatives=[set(w.alternatives) for w in words],
            forms=[set(w.forms) for w in words],
            accented_keys=set(keys),
            accented_pattern=accent_key_pattern(keys),
        )


_TITLE, _LEAD, _PUBLISHED = (COLUMNS.index(name) for name in ("title", "lead", "published_at"))


@dataclass(slots=True)
class _Candidate:
    """A matched document as the backend returned it (a row of COLUMNS), for ranking."""

    pk: int
    title: str
    lead: str
    published_at: datetime.datetime | None
    row: tuple[Any, ...]

    @classmethod
    def of(cls, row: tuple[Any, ...]) -> _Candidate:
        published = row[_PUBLISHED]
        if isinstance(published, str):  # SQLite without the column's declared type
            published = datetime.datetime.fromisoformat(published)
        if published is not None and timezone.is_naive(published):  # SQLite keeps UTC
            published = published.replace(tzinfo=datetime.UTC)
        return cls(row[0], row[_TITLE], row[_LEAD], published, row)

    def document(self) -> SearchDocument:
        values = dict(zip(COLUMNS, self.row, strict=True))
        values["published_at"] = self.published_at
        return SearchDocument(**values)


@lru_cache(maxsize=8192)
def _title_words(title: str) -> tuple[str, ...]:
    # The same documents come back for many searches (a popular story, the words typed again
    # with accents, in another order): their folded titles are kept.
    return tuple(fold(title).split())


def _score(document: _Candidate, position: int, pool: int, ranking: _Ranking, now: Any) -> float:
    """Backend order, then: all words in the title, as a run, exact accents, recency."""
    score = 1.0 - position / max(pool, 1)
    title_words = _title_words(document.title)
    title_set = set(title_words)
    words = ranking.folded
    if words:
        exact = sum(1.0 for w in words if w in title_set)
        corrected = sum(
            0.8
            for w, alternatives in zip(words, ranking.alternatives, strict=True)
            if w not in title_set and alternatives & title_set
        )
        coverage = (exact + corrected) / len(words)
        score += coverage
        if coverage >= 0.99 and len(words) > 1 and _contains_run(title_words, ranking.forms):
            score += 0.5
        if ranking.accented_pattern is not None:
            text = nfc(f"{document.title} {document.lead}").lower()
            found = {accent_key(m.group()) for m in ranking.accented_pattern.finditer(text)}
            score += 0.6 * len(found & ranking.accented_keys) / len(ranking.accented_keys)
    if document.published_at:
        age_days = max((now - document.published_at).total_seconds() / 86400, 0)
        score += 0.05 / (1 + math.log1p(age_days / 30))
    return score


# A date filter is held within these days: no record is older or newer, and a day beyond them
# would overflow the date types once a day or the time zone's offset is added.
_FIRST_DAY = datetime.date(1000, 1, 1)
_LAST_DAY = datetime.date(9000, 12, 31)


def _day_start(day: datetime.date | None, days_after: int = 0) -> datetime.datetime | None:
    """The local midnight starting `day` (plus `days_after` days); None: no bound."""
    if day is None:
        return None
    day = min(max(day, _FIRST_DAY), _LAST_DAY) + datetime.timedelta(days=days_after)
    return datetime.datetime.combine(day, datetime.time.min, timezone.get_current_timezone())


def search(
    *,
    commune_id: int | None = None,
    commune_ids: Sequence[int] = (),
    text: str,
    kind: str | None = None,
    category_path: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    offset: int = 0,
    limit: int = 10,
    prefix: bool = False,
) -> SearchResults:
    """The best matches of `text` in one commune (`commune_id`) or in several (`commune_ids`)."""
    plan = query_module.parse(text, prefix=prefix)
    results = SearchResults(
        query=query_module.clean(text).strip(), plan=plan, count=0, count_capped=False
    )
    if plan.empty:
        return results
    filters = Filters(
        commune_id=commune_id,
        commune_ids=tuple(commune_ids),
        kind=kind,
        category_path=category_path,
        date_from=_day_start(date_from),
        date_to=_day_start(date_to, days_after=1),
    )
    engine = backend()
    pool = max(POOL, offset + limit)
    own = _own_frequencies(plan)
    # Words as typed first; typo corrections only add what comes after them. Which words must
    # all match depends on what costs the engine most (see Backend.STRICT_WORDS); every word of
    # the query counts in the ranking below either way.
    chosen = list(range(len(plan.words)))
    if not plan.prefix and engine.STRICT_WORDS and len(chosen) > engine.STRICT_WORDS:
        rarest = sorted(chosen, key=lambda i: own.get(plan.words[i].folded, 0))
        chosen = sorted(rarest[: engine.STRICT_WORDS])
    elif not plan.prefix:
        common_above = COMMON_SHARE * _document_total()
        selective = [i for i in chosen if own.get(plan.words[i].folded, 0) <= common_above]
        chosen = selective if len(selective) >= 3 else chosen
    strict = query_module.QueryPlan(
        words=[query_module.Word(plan.words[i].typed, plan.words[i].folded) for i in chosen],
        phrases=plan.phrases,
        prefix=plan.prefix,
    )
    first, count = engine.match_counted(strict, filters, pool)
    groups = [[_Candidate.of(row) for row in first]]
    if len(groups[0]) < FEW:
        # Few matches for the words as typed: now look for typos (costly, so only now).
        query_module.add_alternatives(plan, _frequencies(plan, own))
    narrowed = query_module.QueryPlan(
        words=[plan.words[i] for i in chosen], phrases=plan.phrases, prefix=plan.prefix
    )
    if len(groups[0]) < FEW and any(word.alternatives for word in narrowed.words):
        seen = {candidate.pk for candidate in groups[0]}
        expanded, count = engine.match_counted(narrowed, filters, pool)
        groups.append([_Candidate.of(row) for row in expanded if row[0] not in seen])
    results.count = min(count, COUNT_CAP)
    results.count_capped = count > COUNT_CAP
    now = timezone.now()
    ranking = _Ranking.of(plan)
    ranked: list[tuple[float, _Candidate]] = []
    for group in groups:
        ranked.extend(
            sorted(
                (
                    (_score(candidate, position, max(len(group), POOL), ranking, now), candidate)
                    for position, candidate in enumerate(group)
                ),
                key=lambda pair: (pair[0], pair[1].published_at or now),
                reverse=True,
            )
        )
    forms = plan.matched_forms()
    prefix_form = plan.words[-1].folded if plan.prefix and plan.words else None
    shown = ranked[offset : offset + limit]
    # Bodies are long: only the opening of the shown hits' bodies is read, for snippets.
    heads = _body_heads([candidate.pk for _score_, candidate in shown])
    for score, candidate in shown:
        document = candidate.document()
        source = f"{document.lead}\n{heads.get(document.pk, '')}".strip()
        results.hits.append(
            Hit(
                document=document,
                score=round(score, 4),
                title_html=highlight(document.title, forms, prefix_form),
                snippet_html=snippet(source, forms, prefix_form),
            )
        )
    if results.count < SUGGEST_BELOW:
        results.suggestion = _suggestion(plan, own)
    return results


def _body_heads(ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    table = SearchDocument._meta.db_table
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, substr(body, 1, %s) FROM {table} WHERE id IN ({marks})",  # noqa: S608
            [SNIPPET_SCAN_CHARS, *ids],
        )
        return {pk: head or "" for pk, head in cursor.fetchall()}


def _suggestion(plan: query_module.QueryPlan, known: dict[str, int]) -> str | None:
    """ "Did you mean": the query with each word the index holds nowhere replaced by a close one
    that it holds; the other words as typed. None when every word is known (the few results
    are then what was asked for, and a neighbour of a right word is nonsense), when nothing
    close is found, or when the correction folds to the query itself."""
    finished = len(plan.words) - 1 if plan.prefix else len(plan.words)  # the last still typed
    parts = []
    changed = False
    for index, word in enumerate(plan.words):
        replacement = None
        if index < finished and not known.get(word.folded):
            replacement = word.alternatives[0] if word.alternatives else similar_term(word)
        if replacement and replacement != word.folded:
            changed = True
            parts.append(replacement)
        else:
            parts.append(word.typed)
    if not changed:
        return None
    phrases = ['"' + " ".join(word.typed for word in phrase) + '"' for phrase in plan.phrases]
    return " ".join([*phrases, *parts])


def popular_queries(*, commune_id: int, days: int = 90, limit: int = 8) -> list[PopularQuery]:
    """The public list: queries searched by at least XASO_POPULAR_QUERY_MIN_CLIENTS clients
    (client-days, see services.popular_query_record), shown cleaned."""
    since = timezone.now() - datetime.timedelta(days=days)
    found = list(
        PopularQuery.objects.filter(
            commune_id=commune_id,
            last_searched_at__gte=since,
            count__gte=max(settings.XASO_POPULAR_QUERY_MIN_CLIENTS, 1),
        ).order_by("-count", "text")[:limit]
    )
    for item in found:
        item.text = query_module.clean(item.text).strip()  # stored before queries were cleaned
    return [item for item in found if item.text]
