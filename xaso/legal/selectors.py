"""Reads of the register, scoped by commune here and nowhere else."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Q, QuerySet

from xaso.communes.models import Commune
from xaso.communes.selectors import commune_for_page
from xaso.search.adapters import DocumentFields
from xaso.search.models import DocumentKind

from .choices import Validity
from .models import (
    DocumentType,
    Issuer,
    LegalDocument,
    LegalDocumentFile,
    LegalDocumentIndexPage,
    LegalField,
    Procedure,
)


def validity_q(validity: str, today: datetime.date) -> Q:
    """The documents whose `LegalDocument.validity(today)` is `validity`, as a query."""
    replaced = Q(replaced_by__isnull=False) & (
        Q(replaced_by__effective_from__isnull=True) | Q(replaced_by__effective_from__lte=today)
    )
    expired = Q(expires_on__lt=today)
    not_yet = Q(effective_from__gt=today)
    draft = Q(is_draft=True)
    if validity == Validity.DRAFT:
        return draft
    if validity == Validity.REPLACED:
        return ~draft & replaced
    if validity == Validity.EXPIRED:
        return ~draft & ~replaced & expired
    if validity == Validity.NOT_YET:
        return ~draft & ~replaced & ~expired & not_yet
    return ~draft & ~replaced & ~expired & ~not_yet


def public_documents(*, commune: Commune) -> QuerySet[LegalDocument]:
    return (
        LegalDocument.objects.filter(commune=commune, is_public=True)
        .select_related("document_type", "issuer", "field", "field__parent", "replaced_by")
        .order_by("-issued_on", "-id")
    )


def field_and_descendants(field: LegalField) -> list[int]:
    ids, frontier = [field.pk], [field.pk]
    while frontier:
        frontier = list(
            LegalField.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        )
        ids.extend(frontier)
    return ids


def register_documents(
    *,
    commune: Commune,
    document_type: DocumentType | None = None,
    issuer: Issuer | None = None,
    field: LegalField | None = None,
    year: int | None = None,
    validity: str | None = None,
    ids: list[int] | None = None,
    today: datetime.date | None = None,
) -> QuerySet[LegalDocument]:
    documents = public_documents(commune=commune)
    if document_type is not None:
        documents = documents.filter(document_type=document_type)
    if issuer is not None:
        documents = documents.filter(issuer=issuer)
    if field is not None:
        documents = documents.filter(field_id__in=field_and_descendants(field))
    if year is not None:
        documents = documents.filter(issued_on__year=year)
    if validity:
        documents = documents.filter(validity_q(validity, today or datetime.date.today()))
    if ids is not None:
        documents = documents.filter(pk__in=ids)
    return documents


def issuers_for(*, commune: Commune) -> QuerySet[Issuer]:
    return Issuer.objects.filter(Q(commune=commune) | Q(commune__isnull=True))


def fields_in_order() -> list[tuple[int, str]]:
    """Every field as (id, label), children under their parent and indented."""
    fields = list(LegalField.objects.order_by("sort_order", "name"))
    children: dict[int | None, list[LegalField]] = {}
    for field in fields:
        children.setdefault(field.parent_id, []).append(field)
    ordered: list[tuple[int, str]] = []

    def walk(parent: int | None, depth: int) -> None:
        for field in children.get(parent, []):
            ordered.append((field.pk, "— " * depth + field.name))
            walk(field.pk, depth + 1)

    walk(None, 0)
    return ordered


def register_years(*, commune: Commune) -> list[int]:
    dates = (
        public_documents(commune=commune)
        .filter(issued_on__isnull=False)
        .dates("issued_on", "year", order="DESC")
    )
    return [value.year for value in dates]


def register_page(*, commune: Commune) -> LegalDocumentIndexPage | None:
    if commune.site is None:
        return None
    return (
        LegalDocumentIndexPage.objects.live()
        .descendant_of(commune.site.root_page)
        .order_by("path")
        .first()
    )


def document_for_page(*, page: LegalDocumentIndexPage, pk: int) -> LegalDocument | None:
    commune = commune_for_page(page)
    if commune is None:
        return None
    return (
        public_documents(commune=commune)
        .prefetch_related("files__document", "related", "replaces")
        .filter(pk=pk)
        .first()
    )


def document_search_fields(
    document: LegalDocument, page: LegalDocumentIndexPage | None
) -> DocumentFields | None:
    """What a public document contributes to the search index; None when it is not public."""
    if not document.is_public or page is None:
        return None
    parts = [document.number, document.document_type.name, document.issuer.name, document.signer]
    return DocumentFields(
        commune_id=document.commune_id,
        kind=DocumentKind.LEGAL,
        object_id=document.pk,
        title=f"{document.document_type.name} {document.number}".strip(),
        lead=document.summary,
        body="\n".join(part for part in [*parts, document.uptake_summary] if part),
        url=page.route_document(document.pk),
        category_title=page.title,
        category_path="",
        published_at=_as_datetime(document.issued_on or document.created_at),
        source_id=document.number,
    )


def _as_datetime(value: Any) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        from django.utils import timezone

        return datetime.datetime.combine(value, datetime.time(8), timezone.get_current_timezone())
    return None


def legal_search_fields() -> Iterator[DocumentFields]:
    """Every public document of every commune, for a full rebuild of the search index."""
    pages: dict[int, LegalDocumentIndexPage | None] = {}
    documents = LegalDocument.objects.filter(is_public=True).select_related(
        "commune__site__root_page", "document_type", "issuer"
    )
    for document in documents.iterator(chunk_size=500):
        if document.commune_id not in pages:
            pages[document.commune_id] = register_page(commune=document.commune)
        fields = document_search_fields(document, pages[document.commune_id])
        if fields is not None:
            yield fields


def public_procedures(*, commune: Commune) -> QuerySet[Procedure]:
    return (
        Procedure.objects.filter(commune=commune, is_public=True)
        .select_related("field", "field__parent")
        .order_by("field__parent__sort_order", "field__sort_order", "sort_order", "name")
    )


def document_file_is_public(document_id: int) -> bool:
    """The media library's document is a file of a public document of the register."""
    return LegalDocumentFile.objects.filter(
        document_id=document_id, legal_document__is_public=True
    ).exists()
