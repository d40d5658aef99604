"""What each searchable kind of item contributes to the index."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from wagtail.models import Page

from xaso.communes.models import Commune
from xaso.communes.selectors import commune_for_page
from xaso.core.text import html_text

from .models import DocumentKind


@dataclass
class DocumentFields:
    commune_id: int
    kind: str
    object_id: int
    title: str
    lead: str
    body: str
    url: str
    category_title: str
    category_path: str
    published_at: Any
    source_id: str


def stream_text(stream: Any) -> str:
    """Plain text of a StreamField: paragraphs, headings, quotes, captions, document titles."""
    parts: list[str] = []
    for block in stream or []:
        value = block.value
        if block.block_type == "paragraph":
            parts.append(html_text(value.source if hasattr(value, "source") else str(value)))
        elif block.block_type == "heading":
            parts.append(str(value))
        elif block.block_type == "quote":
            parts.extend([value.get("text", ""), value.get("attribution", "")])
        elif block.block_type == "image":
            parts.extend([value.get("caption", ""), value.get("credit", "")])
        elif block.block_type == "document":
            document = value.get("document")
            parts.append(value.get("title") or (document.title if document else ""))
    return "\n".join(part for part in parts if part)


# Other apps' information pages (the introduction pages, …): each has `intro` and a
# `search_text()` giving its plain text. Registered in those apps' `ready()`.
_PAGE_TYPES: list[type[Page]] = []


def register_page_type(model: type[Page]) -> None:
    if model not in _PAGE_TYPES:
        _PAGE_TYPES.append(model)


def indexed_page_types() -> tuple[type[Page], ...]:
    from xaso.portal.models import ArticlePage, StandardPage

    return (ArticlePage, StandardPage, *_PAGE_TYPES)


def page_document(page: Page, commune: Commune | None = None) -> DocumentFields | None:
    """Index fields for a live public article or information page; None for anything else."""
    from xaso.portal.models import ArticlePage, StandardPage

    specific = page.specific
    if isinstance(specific, tuple(_PAGE_TYPES)):
        text = specific.search_text()
        commune = commune or commune_for_page(specific) if text.strip() else None
        if commune is None:  # or an introduction page still empty: nothing worth finding
            return None
        return DocumentFields(
            commune_id=commune.pk,
            kind=DocumentKind.PAGE,
            object_id=specific.pk,
            title=specific.title,
            lead=getattr(specific, "intro", "") or "",
            body=text,
            url=specific.url or "",
            category_title="",
            category_path="",
            published_at=specific.first_published_at,
            source_id="",
        )
    if not isinstance(specific, ArticlePage | StandardPage):
        return None
    commune = commune or commune_for_page(specific)
    if commune is None:
        return None
    parent = specific.get_parent() if isinstance(specific, ArticlePage) else None
    return DocumentFields(
        commune_id=commune.pk,
        kind=DocumentKind.ARTICLE if isinstance(specific, ArticlePage) else DocumentKind.PAGE,
        object_id=specific.pk,
        title=specific.title,
        lead=specific.lead,
        body=stream_text(specific.body),
        url=specific.url or "",
        category_title=parent.title if parent else "",
        category_path=parent.path if parent else "",
        published_at=specific.first_published_at,
        source_id=getattr(specific, "source_id", "") or "",
    )


# Other apps' searchable records (legal documents, …): each source yields the index fields of
# all its public items, for a full rebuild; each app indexes its own changes as they happen.
_SOURCES: list[Callable[[], Iterable[DocumentFields]]] = []


def register_source(source: Callable[[], Iterable[DocumentFields]]) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def source_documents() -> Iterator[DocumentFields]:
    for source in _SOURCES:
        yield from source()
