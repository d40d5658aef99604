"""What the law asks a commune portal to publish besides news: the register of legal documents
(with drafts open for comment), the Grassroots Democracy disclosures, administrative procedures.

The records are plain models administered in Wagtail; each public list is a routable page that a
commune places once in its tree (created with every commune, see `services.required_pages_ensure`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable

from xaso.portal.models import PortalPage

from .choices import CommentStatus, ProcedureLevel, Validity


class DocumentType(models.Model):
    """Loại văn bản: Nghị quyết, Quyết định, Kế hoạch, … (shared by every commune)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class LegalField(models.Model):
    """Lĩnh vực: a field of state management, nested (e.g. Đất đai › Giải phóng mặt bằng)."""

    name = models.CharField(_("name"), max_length=150)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("belongs to"),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="legalfield_unique_name"),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="legalfield_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.parent} › {self.name}" if self.parent_id else self.name


class Issuer(models.Model):
    """Cơ quan ban hành. Without a commune: a body every commune cites (Chính phủ, UBND tỉnh)."""

    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
    )
    name = models.CharField(_("name"), max_length=200)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="issuer_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class LegalDocument(ClusterableModel):
    """One entry of the register: a legal or administrative document, or a draft for comment."""

    commune = models.ForeignKey(
        "communes.Commune", on_delete=models.CASCADE, related_name="+", verbose_name=_("commune")
    )
    number = models.CharField(
        _("number and symbol"),
        max_length=60,
        blank=True,
        help_text=_("As printed on the document, e.g. 15/2026/QĐ-UBND. Empty for a draft."),
    )
    document_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("type")
    )
    issuer = models.ForeignKey(
        Issuer, on_delete=models.PROTECT, related_name="+", verbose_name=_("issuing body")
    )
    signer = models.CharField(_("signed by"), max_length=120, blank=True)
    field = models.ForeignKey(
        LegalField,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("field"),
    )
    summary = models.TextField(_("summary"), help_text=_("Trích yếu: what the document is about."))
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    expires_on = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_("The last day it applies, if the document sets one."),
    )
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name=_("related documents")
    )
    is_draft = models.BooleanField(
        _("draft for public comment"),
        default=False,
        help_text=_("Residents may comment between the two dates below."),
    )
    comment_opens = models.DateField(_("comments open on"), null=True, blank=True)
    comment_closes = models.DateField(_("comments close on"), null=True, blank=True)
    uptake_summary = models.TextField(
        _("how comments were taken up"),
        blank=True,
        help_text=_("Published with the draft once the comment period is over."),
    )
    is_public = models.BooleanField(_("shown on the portal"), default=True)
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "number"],
                condition=~Q(number=""),
                name="legaldocument_unique_number",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(effective_from__isnull=True)
                | Q(expires_on__gte=F("effective_from")),
                name="legaldocument_valid_period",
            ),
            models.CheckConstraint(
                condition=Q(comment_closes__isnull=True)
                | Q(comment_opens__isnull=True)
                | Q(comment_closes__gte=F("comment_opens")),
                name="legaldocument_comment_period",
            ),
            models.CheckConstraint(
                condition=~Q(replaced_by=F("id")), name="legaldocument_not_replacing_itself"
            ),
        ]
        indexes = [models.Index(fields=["commune", "is_public", "issued_on"])]

    def __str__(self) -> str:
        return f"{self.number} – {self.summary[:80]}" if self.number else self.summary[:100]

    def validity(self, today: datetime.date | None = None) -> Validity:
        today = today or datetime.date.today()
        if self.is_draft:
            return Validity.DRAFT
        replacement = self.replaced_by
        if replacement is not None and (
            replacement.effective_from is None or replacement.effective_from <= today
        ):
            return Validity.REPLACED
        if self.expires_on is not None and self.expires_on < today:
            return Validity.EXPIRED
        if self.effective_from is not None and self.effective_from > today:
            return Validity.NOT_YET
        return Validity.IN_FORCE

    def comments_open(self, today: datetime.date | None = None) -> bool:
        today = today or datetime.date.today()
        return bool(
            self.is_draft
            and self.comment_opens
            and self.comment_closes
            and self.comment_opens <= today <= self.comment_closes
        )


class LegalDocumentFile(Orderable):
    legal_document = ParentalKey(LegalDocument, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("file")
    )
    title = models.CharField(
        _("label"), max_length=200, blank=True, help_text=_("e.g. Toàn văn, Phụ lục")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self) -> str:
        return self.title or self.document.title


class DraftComment(models.Model):
    """A resident's comment on a draft. No contact data is asked for: the name is optional."""

    commune_lookup = "legal_document__commune"  # how admin scoping reaches its commune

    legal_document = models.ForeignKey(
        LegalDocument,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("draft document"),
    )
    author_name = models.CharField(_("name"), max_length=120, blank=True)
    content = models.TextField(_("comment"))
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )

    class Meta:
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on drafts")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.content[:80]


class LegalDocumentIndexPage(RoutablePageMixin, PortalPage):
    """The public register: list with filters and search, a page per document, downloads."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*PortalPage.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("legal documents register")

    def page_context(self, request: HttpRequest) -> dict[str, Any]:
        """What every page of the register shows (breadcrumb, chrome), without the list."""
        return super().get_context(request)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from . import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.register_context(request, self))
        return context

    @path("<int:pk>/", name="document")
    def document(self, request: HttpRequest, pk: int) -> HttpResponse:
        from . import views

        return views.document_detail(request, self, pk)

    @path("<int:pk>/tai-ve/<int:file_id>/", name="download")
    def download(self, request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
        from . import views

        return views.document_download(request, self, pk, file_id)

    def route_document(self, pk: int) -> str:
        return self.url + self.reverse_subpage("document", kwargs={"pk": pk})


class Procedure(models.Model):
    """An administrative procedure the commune handles (thủ tục hành chính), linked to the
    public service portal where it is carried out: xaso lists, it never re-implements."""

    commune = models.ForeignKey(
        "communes.Commune", on_delete=models.CASCADE, related_name="+", verbose_name=_("commune")
    )
    field = models.ForeignKey(
        LegalField, on_delete=models.PROTECT, related_name="+", verbose_name=_("field")
    )
    name = models.CharField(_("name"), max_length=300)
    code = models.CharField(
        _("procedure code"),
        max_length=30,
        blank=True,
        help_text=_("Its code on the national portal."),
    )
    level = models.CharField(
        _("how it is done"),
        max_length=10,
        choices=ProcedureLevel.choices,
        default=ProcedureLevel.PARTIAL,
    )
    url = models.URLField(_("address on the public service portal"), max_length=500)
    processing_time = models.CharField(_("time to handle"), max_length=120, blank=True)
    fee = models.CharField(_("fee"), max_length=120, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_public = models.BooleanField(_("shown on the portal"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("administrative procedure")
        verbose_name_plural = _("administrative procedures")
        ordering = ["field__sort_order", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="procedure_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ProcedureIndexPage(PortalPage):
    """Thủ tục hành chính: the commune's procedures by field, each linked to where it is done."""

    intro = models.TextField(_("introduction"), blank=True)
    portal_url = models.URLField(
        _("public service portal"),
        max_length=300,
        default="https://dichvucong.gov.vn/",
        help_text=_("Where residents find every procedure and submit applications online."),
    )

    content_panels = [*PortalPage.content_panels, FieldPanel("intro"), FieldPanel("portal_url")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("administrative procedures page")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from . import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.procedures_context(request))
        return context


__all__ = [
    "CommentStatus",
    "DocumentType",
    "DraftComment",
    "Issuer",
    "LegalDocument",
    "LegalDocumentFile",
    "LegalDocumentIndexPage",
    "LegalField",
    "Procedure",
    "ProcedureIndexPage",
    "ProcedureLevel",
    "Validity",
]
