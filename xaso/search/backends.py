"""The two full-text backends behind one interface: SQLite FTS5 and PostgreSQL tsvector.

Both receive folded words only (letters and digits), and build their query syntax themselves,
so no user input is ever interpreted as FTS or tsquery syntax. The SQL strings below are put
together from constants and from `Filters.sql()`, whose values all travel as parameters
(hence the S608 exemptions).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from xaso.core.text import fold

from .query import QueryPlan, Word

COUNT_CAP = 1000
# What a match returns of each document: all a result shows but the body (read only for the
# hits shown), so the ranking query is also the fetching query.
COLUMNS = (
    "id",
    "commune_id",
    "kind",
    "object_id",
    "title",
    "lead",
    "url",
    "category_title",
    "category_path",
    "published_at",
    "source_id",
)
_SELECT = ", ".join(f"d.{column}" for column in COLUMNS)


@dataclass
class Filters:
    """What a search is limited to: one commune (`commune_id`), or several (`commune_ids`, the
    province's portal searching across its communes)."""

    commune_id: int | None = None
    commune_ids: tuple[int, ...] = ()
    kind: str | None = None
    category_path: str | None = None
    date_from: datetime.datetime | None = None
    date_to: datetime.datetime | None = None

    def sql(self, alias: str) -> tuple[str, list[Any]]:
        if self.commune_id is not None:
            clauses = [f"{alias}.commune_id = %s"]
            params: list[Any] = [self.commune_id]
        else:  # no commune at all finds nothing ("IN ()" is no SQL)
            marks = ", ".join(["%s"] * len(self.commune_ids)) or "NULL"
            clauses = [f"{alias}.commune_id IN ({marks})"]
            params = list(self.commune_ids)
        if self.kind:
            clauses.append(f"{alias}.kind = %s")
            params.append(self.kind)
        if self.category_path:
            clauses.append(f"{alias}.category_path LIKE %s")
            params.append(self.category_path + "%")
        if self.date_from:
            clauses.append(f"{alias}.published_at >= %s")
            params.append(self.date_from)
        if self.date_to:
            clauses.append(f"{alias}.published_at < %s")
            params.append(self.date_to)
        return " AND ".join(clauses), params


class Backend:
    AND: str
    OR: str
    PREFIX: str
    # How many of a query's words (the rarest) must all match; None: every word but the very
    # common. SQLite's bm25 first counts the documents of each matched word (a pass over its
    # whole posting list), so fewer, rarer words cost less; PostgreSQL ranks each matching row
    # (reading its vector), so more words, fewer rows, cost less.
    STRICT_WORDS: int | None = None

    def term(self, word: str) -> str:
        """One folded word, quoted for the engine's query syntax."""
        raise NotImplementedError

    def phrase(self, words: list[str]) -> str:
        raise NotImplementedError

    def _expression(self, plan: QueryPlan) -> str:
        """Every word (or one of its corrections), every phrase; the last word as a prefix."""
        parts = []
        last = len(plan.words) - 1
        for index, word in enumerate(plan.words):
            if plan.prefix and index == last:
                parts.append(self.term(word.folded) + self.PREFIX)
            elif word.alternatives:
                parts.append("(" + self.OR.join(self.term(form) for form in word.forms) + ")")
            else:
                parts.append(self.term(word.folded))
        parts.extend(self.phrase([word.folded for word in phrase]) for phrase in plan.phrases)
        return self.AND.join(parts)

    def write(self, rows: Sequence[tuple[int, str, str, str]]) -> None:
        """(document id, title, lead, body) in original text; the backend folds it."""
        raise NotImplementedError

    def delete(self, ids: Iterable[int]) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def match(self, plan: QueryPlan, filters: Filters, limit: int) -> list[tuple[Any, ...]]:
        """Matching documents as rows of COLUMNS, best first."""
        raise NotImplementedError

    def count(self, plan: QueryPlan, filters: Filters) -> int:
        raise NotImplementedError

    def match_counted(
        self, plan: QueryPlan, filters: Filters, limit: int
    ) -> tuple[list[tuple[Any, ...]], int]:
        """`match` and how many documents match in all (counted only when `limit` is reached)."""
        rows = self.match(plan, filters, limit)
        return rows, (self.count(plan, filters) if len(rows) >= limit else len(rows))


class SqliteBackend(Backend):
    AND, OR, PREFIX = " AND ", " OR ", "*"
    STRICT_WORDS = 3

    def term(self, word: str) -> str:
        return '"' + word.replace('"', '""') + '"'

    def phrase(self, words: list[str]) -> str:
        return self.term(" ".join(words))

    def write(self, rows: Sequence[tuple[int, str, str, str]]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM search_fts WHERE rowid = %s", [(row[0],) for row in rows]
            )
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, lead, body) VALUES (%s, %s, %s, %s)",
                [(pk, fold(title), fold(lead), fold(body)) for pk, title, lead, body in rows],
            )

    def delete(self, ids: Iterable[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(pk,) for pk in ids])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")

    def match(self, plan: QueryPlan, filters: Filters, limit: int) -> list[tuple[Any, ...]]:
        where, params = filters.sql("d")
        sql = (
            # CROSS JOIN keeps the full-text index as the outer loop (SQLite's planner would
            # otherwise walk every document of the commune and probe the index for each).
            f"SELECT {_SELECT} FROM search_fts CROSS JOIN search_searchdocument d "
            "ON d.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND {where} "
            "ORDER BY bm25(search_fts, 10.0, 3.0, 1.0), d.published_at DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self._expression(plan), *params, limit])
            return cursor.fetchall()

    def count(self, plan: QueryPlan, filters: Filters) -> int:
        where, params = filters.sql("d")
        sql = (
            "SELECT count(*) FROM (SELECT 1 FROM search_fts "
            "CROSS JOIN search_searchdocument d ON d.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND {where} LIMIT {COUNT_CAP + 1})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self._expression(plan), *params])
            return int(cursor.fetchone()[0])


class PostgresBackend(Backend):
    CONFIG = "xaso_vn"

    AND, OR, PREFIX = " & ", " | ", ":*"

    def term(self, word: str) -> str:
        # Folded words are letters and digits; quoting keeps tsquery syntax out regardless.
        return "'" + word.replace("'", "''").replace("\\", "") + "'"

    def phrase(self, words: list[str]) -> str:
        return "(" + " <-> ".join(self.term(word) for word in words) + ")"

    def write(self, rows: Sequence[tuple[int, str, str, str]]) -> None:
        title_lead = (
            f"setweight(to_tsvector('{self.CONFIG}', %(title)s), 'A') || "
            f"setweight(to_tsvector('{self.CONFIG}', %(lead)s), 'B')"
        )
        sql = (
            f"UPDATE search_searchdocument SET rank_vector = {title_lead}, "
            f"search_vector = {title_lead} || "
            f"setweight(to_tsvector('{self.CONFIG}', %(body)s), 'C') WHERE id = %(id)s"
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                sql,
                [
                    {"title": fold(title), "lead": fold(lead), "body": fold(body), "id": pk}
                    for pk, title, lead, body in rows
                ],
            )

    def delete(self, ids: Iterable[int]) -> None:
        """The vector goes with its row."""

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE search_searchdocument SET search_vector = NULL, rank_vector = NULL"
            )

    def match(self, plan: QueryPlan, filters: Filters, limit: int) -> list[tuple[Any, ...]]:
        return self.match_counted(plan, filters, limit)[0]

    def match_counted(
        self, plan: QueryPlan, filters: Filters, limit: int
    ) -> tuple[list[tuple[Any, ...]], int]:
        # Every match is ranked anyway before the LIMIT: counting them in the same pass is free.
        # Ranked on the small title-and-lead vector (migration 0003): the full one, bodies
        # included, is only for matching, through its index.
        where, params = filters.sql("d")
        sql = (
            f"SELECT {_SELECT}, count(*) OVER () FROM search_searchdocument d, "
            f"to_tsquery('{self.CONFIG}', %s) q WHERE d.search_vector @@ q AND {where} "
            "ORDER BY ts_rank(d.rank_vector, q, 1) DESC, d.published_at DESC NULLS LAST "
            "LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self._expression(plan), *params, limit])
            rows = cursor.fetchall()
        return [row[:-1] for row in rows], (int(rows[0][-1]) if rows else 0)

    def count(self, plan: QueryPlan, filters: Filters) -> int:
        where, params = filters.sql("d")
        sql = (
            "SELECT count(*) FROM (SELECT 1 FROM search_searchdocument d, "
            f"to_tsquery('{self.CONFIG}', %s) q WHERE d.search_vector @@ q AND {where} "
            f"LIMIT {COUNT_CAP + 1}) counted"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self._expression(plan), *params])
            return int(cursor.fetchone()[0])


def backend() -> Backend:
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()


def similar_term(word: Word) -> str | None:
    """A frequent indexed word close to `word` by trigrams (PostgreSQL), for "did you mean"."""
    if connection.vendor != "postgresql" or len(word.folded) < 4:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT term FROM search_searchterm WHERE (term || '') %% %s AND term <> %s "
            "ORDER BY similarity(term, %s) DESC, documents DESC LIMIT 1",
            [word.folded, word.folded, word.folded],
        )
        row = cursor.fetchone()
    return row[0] if row else None
