"""The register's views: its public pages (`public`, called from the page types' routes) and
its admin, one module per entity, saved through `services`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from .document_types import DocumentTypeViewSet
from .documents import LegalDocumentViewSet
from .draft_comments import DraftCommentViewSet
from .issuers import IssuerViewSet
from .legal_fields import LegalFieldViewSet
from .procedures import ProcedureViewSet
from .public import document_detail, document_download, procedures_context, register_context

__all__ = [
    "LegalViewSetGroup",
    "document_detail",
    "document_download",
    "procedures_context",
    "register_context",
]


class LegalViewSetGroup(ViewSetGroup):
    items = (
        LegalDocumentViewSet,
        DraftCommentViewSet,
        ProcedureViewSet,
        DocumentTypeViewSet,
        LegalFieldViewSet,
        IssuerViewSet,
    )
    menu_icon = "doc-full"
    menu_label = _("Legal documents")
    menu_name = "legal"
