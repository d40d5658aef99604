"""Writes to the search index: one document at a time on publish, or everything at once."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from xaso.core.text import fold

from .adapters import DocumentFields, indexed_page_types, page_document, source_documents
from .backends import backend
from .models import PopularQuery, SearchDocument, SearchTerm
from .query import clean


def _terms(title: str, lead: str, body: str) -> set[str]:
    return {term for term in fold(f"{title} {lead} {body}").split() if len(term) <= 100}


def _adjust_terms(added: Iterable[str], removed: Iterable[str]) -> None:
    added, removed = set(added), set(removed)
    if removed:
        SearchTerm.objects.filter(term__in=removed).update(documents=F("documents") - 1)
        SearchTerm.objects.filter(term__in=removed, documents__lte=0).delete()
    if added:
        existing = set(SearchTerm.objects.filter(term__in=added).values_list("term", flat=True))
        SearchTerm.objects.filter(term__in=existing).update(documents=F("documents") + 1)
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=term, documents=1) for term in added - existing],
            ignore_conflicts=True,
        )


@transaction.atomic
def document_upsert(fields: DocumentFields) -> SearchDocument:
    document = SearchDocument.objects.filter(kind=fields.kind, object_id=fields.object_id).first()
    old_terms = _terms(document.title, document.lead, document.body) if document else set()
    if document is None:
        document = SearchDocument(**asdict(fields))
    else:
        for name, value in asdict(fields).items():
            setattr(document, name, value)
    document.save()
    backend().write([(document.pk, document.title, document.lead, document.body)])
    new_terms = _terms(document.title, document.lead, document.body)
    _adjust_terms(new_terms - old_terms, old_terms - new_terms)
    return document


@transaction.atomic
def document_remove(*, kind: str | None = None, object_ids: Iterable[int]) -> int:
    documents = SearchDocument.objects.filter(object_id__in=list(object_ids))
    if kind:
        documents = documents.filter(kind=kind)
    removed = list(documents)
    for document in removed:
        _adjust_terms([], _terms(document.title, document.lead, document.body))
    backend().delete([document.pk for document in removed])
    documents.delete()
    return len(removed)


def page_index(page: Page) -> SearchDocument | None:
    """Index a page if it is live and public, otherwise make sure it is not in the index."""
    live = page.live and not page.get_view_restrictions().exists()
    fields = page_document(page) if live else None
    if fields is None:
        document_remove(object_ids=[page.pk])
        return None
    return document_upsert(fields)


def index_rebuild(progress: Callable[[int, int], None] | None = None, batch: int = 500) -> int:
    """Rebuild the index of every live public article and page, and of the other apps' public
    records (see adapters.register_source); returns the number indexed."""
    pages = list(
        Page.objects.live().public().type(*indexed_page_types()).values_list("pk", flat=True)
    )
    with transaction.atomic():
        SearchDocument.objects.all().delete()
    for start in range(0, len(pages), batch):
        chunk = Page.objects.filter(pk__in=pages[start : start + batch]).specific()
        with transaction.atomic():
            SearchDocument.objects.bulk_create(
                SearchDocument(**asdict(fields))
                for fields in (page_document(page) for page in chunk)
                if fields is not None
            )
        if progress:
            progress(min(start + batch, len(pages)), len(pages) * 2)
    with transaction.atomic():
        SearchDocument.objects.bulk_create(
            (SearchDocument(**asdict(fields)) for fields in source_documents()), batch_size=batch
        )
    return fulltext_rebuild(
        progress=(lambda done, total: progress(len(pages) + done, len(pages) * 2))
        if progress
        else None,
        batch=batch,
    )


def fulltext_rebuild(progress: Callable[[int, int], None] | None = None, batch: int = 500) -> int:
    """Refold every search document into the backend and recount the term frequencies."""
    engine = backend()
    total = SearchDocument.objects.count()
    with transaction.atomic():
        engine.clear()
        SearchTerm.objects.all().delete()
    frequencies: Counter[str] = Counter()
    done = 0
    last_pk = 0
    while True:
        rows = list(
            SearchDocument.objects.filter(pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", "title", "lead", "body")[:batch]
        )
        if not rows:
            break
        with transaction.atomic():
            engine.write(rows)
        for _pk, title, lead, body in rows:
            frequencies.update(_terms(title, lead, body))
        last_pk = rows[-1][0]
        done += len(rows)
        if progress:
            progress(done, total)
    with transaction.atomic():
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=term, documents=n) for term, n in frequencies.items()],
            batch_size=5000,
        )
    return done


def _first_time_today(*, commune_id: int, folded: str, client: str) -> bool:
    """True the first time today that this client searched this (folded) query on this portal.

    The cache keeps a keyed hash of the client's address, the day and the query until the day
    is over, never the address itself.
    """
    today = timezone.localdate()
    raw = f"{settings.SECRET_KEY}|popular|{client}|{today.isoformat()}|{commune_id}|{folded}"
    key = f"xaso:search:popular:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"
    return bool(cache.add(key, 1, DAY_SECONDS + 3600))


DAY_SECONDS = 24 * 3600


def popular_query_record(*, commune_id: int, text: str, client: str) -> None:
    """Count a query that found results, at most once per client (address) and day.

    `count` is thus how many client-days searched it; only queries of several of them are
    listed (selectors.popular_queries). What is stored is the cleaned query (no control or
    format characters: nothing shown to others can reorder or hide its text).
    """
    text = clean(text).strip()[:100]
    folded = fold(text)[:100]
    if not folded or not _first_time_today(commune_id=commune_id, folded=folded, client=client):
        return
    updated = PopularQuery.objects.filter(commune_id=commune_id, folded=folded).update(
        count=F("count") + 1, text=text, last_searched_at=timezone.now()
    )
    if not updated:
        PopularQuery.objects.get_or_create(
            commune_id=commune_id,
            folded=folded,
            defaults={"text": text, "count": 1, "last_searched_at": timezone.now()},
        )
