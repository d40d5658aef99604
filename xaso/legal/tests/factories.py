"""Register test data, created through the legal services."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from xaso.legal import services
from xaso.legal.models import DocumentType, Issuer, LegalDocument, LegalDocumentFile

_numbers = itertools.count(1)

# The smallest well-formed PDF: one empty page.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def make_pdf(title: str = "Toàn văn", name: str = "van-ban.pdf") -> Document:
    document = Document(title=title)
    document.file.save(name, ContentFile(PDF_BYTES), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def make_document(
    *,
    commune: Any,
    summary: str | None = None,
    type_name: str = "Quyết định",
    issued_on: datetime.date | None = None,
    files: int = 0,
    **fields: Any,
) -> LegalDocument:
    number = next(_numbers)
    document = LegalDocument(
        commune=commune,
        number=fields.pop("number", f"{number}/QĐ-UBND"),
        # get_or_create: a transactional test may start after a flush of the seeded types.
        document_type=DocumentType.objects.get_or_create(name=type_name)[0],
        issuer=fields.pop("issuer", None) or Issuer.objects.filter(commune=commune).first(),
        summary=summary or f"Về việc thử nghiệm số {number}",
        issued_on=issued_on or datetime.date(2026, 3, 1),
        **fields,
    )
    for index in range(files):
        document.files.add(LegalDocumentFile(document=make_pdf(), sort_order=index))
    return services.legal_document_save(user=None, document=document)
