"""Grassroots Democracy disclosures (công khai, Law 10/2022): what the commune must make public,
when it decided and when it published, for how long it stays posted, and the quarterly list.

The 14 kinds of Art. 11 are data (migration 0002, editable); public holidays are data too, so
the 5-working-day deadline (Art. 12(3)) follows each year's official calendar.
"""

from __future__ import annotations

import datetime
from typing import Any

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

from .choices import Channel


class DisclosureKind(models.Model):
    """One of the items of Art. 11 (1–14), with how long it stays posted."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=300)
    section = models.CharField(_("portal section"), max_length=120, blank=True)
    permanent = models.BooleanField(
        _("posted permanently"),
        default=False,
        help_text=_("Regulations and procedures stay posted; other items for a period."),
    )
    posting_days = models.PositiveSmallIntegerField(_("minimum days posted"), default=30)
    loudspeaker_days = models.PositiveSmallIntegerField(_("days on the loudspeakers"), default=0)

    class Meta:
        verbose_name = _("kind of disclosure")
        verbose_name_plural = _("kinds of disclosure")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Holiday(models.Model):
    """A day off for public offices (Tết, national days, and the days the Government moves)."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.name}"


class Disclosure(ClusterableModel):
    commune = models.ForeignKey(
        "communes.Commune", on_delete=models.CASCADE, related_name="+", verbose_name=_("commune")
    )
    kind = models.ForeignKey(
        DisclosureKind,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kind of disclosure"),
    )
    title = models.CharField(_("content disclosed"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    decision_date = models.DateField(
        _("decided on"), help_text=_("The date of the decision or document being disclosed.")
    )
    published_on = models.DateField(_("published on"))
    posted_until = models.DateField(
        _("posted until"),
        null=True,
        blank=True,
        help_text=_("Empty for a kind posted permanently; otherwise at least the minimum period."),
    )
    channels = models.JSONField(_("forms of disclosure"), default=list, blank=True)
    is_public = models.BooleanField(_("shown on the portal"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(published_on__gte=F("decision_date")),
                name="disclosure_published_after_decision",
            ),
            models.CheckConstraint(
                condition=Q(posted_until__isnull=True) | Q(posted_until__gte=F("published_on")),
                name="disclosure_posted_after_published",
            ),
        ]
        indexes = [models.Index(fields=["commune", "is_public", "published_on"])]

    def __str__(self) -> str:
        return self.title

    def channel_labels(self) -> list[str]:
        labels = dict(Channel.choices)
        return [str(labels.get(code, code)) for code in self.channels]

    def posting(self, today: datetime.date) -> bool:
        """Still within its posting period on `today`."""
        return self.published_on <= today and (
            self.posted_until is None or today <= self.posted_until
        )


class DisclosureFile(Orderable):
    disclosure = ParentalKey(Disclosure, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("file")
    )
    title = models.CharField(_("label"), max_length=200, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self) -> str:
        return self.title or self.document.title


class DisclosureIndexPage(RoutablePageMixin, PortalPage):
    """Công khai: the disclosures by kind and year, one page each, and the quarterly lists."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*PortalPage.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("disclosures page")

    def page_context(self, request: HttpRequest) -> dict[str, Any]:
        return super().get_context(request)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from . import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.index_context(request, self))
        return context

    @path("<int:pk>/", name="disclosure")
    def disclosure(self, request: HttpRequest, pk: int) -> HttpResponse:
        from . import views

        return views.disclosure_detail(request, self, pk)

    @path("danh-sach/<int:year>/quy-<int:quarter>/", name="quarter")
    def quarter(self, request: HttpRequest, year: int, quarter: int) -> HttpResponse:
        from . import views

        return views.quarterly_list(request, self, year, quarter)

    def quarter_url(self, year: int, quarter: int) -> str:
        return self.url + self.reverse_subpage("quarter", kwargs={"year": year, "quarter": quarter})
