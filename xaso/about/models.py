"""The commune's introduction pages (Giới thiệu) that Decree 224/2026, Art. 9(1)(c) requires:
apparatus, leaders, boundary map, natural conditions, history and culture, contacts.

The apparatus, leaders and contacts pages hold no copy of who is who: they render the units and
officials of the `communes` records, so a change there shows everywhere at once.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock

from xaso.portal.blocks import ArticleBodyBlock
from xaso.portal.models import PortalPage

from .geo import GeoJSONError, parse_boundary


class SiteKind(models.TextChoices):
    RELIC = "relic", _("Historical relic")
    SCENIC = "scenic", _("Scenic site")
    FESTIVAL = "festival", _("Festival")
    CRAFT = "craft", _("Traditional craft village")
    OTHER = "other", _("Other")


class HeritageBlock(blocks.StructBlock):
    """A relic, scenic site, festival or craft village, with its pictures."""

    name = blocks.CharBlock(label=_("Name"), max_length=200)
    kind = blocks.ChoiceBlock(
        label=_("Type of site"), choices=SiteKind.choices, default=SiteKind.RELIC
    )
    recognition = blocks.CharBlock(
        label=_("Recognition"),
        required=False,
        max_length=200,
        help_text=_("e.g. Di tích lịch sử cấp thành phố (2012)"),
    )
    description = blocks.TextBlock(label=_("Description"))
    images = blocks.ListBlock(ImageChooserBlock(label=_("Image")), label=_("Gallery"), min_num=0)

    class Meta:
        icon = "site"
        label = _("Relic or site")
        template = "about/blocks/heritage.html"


class AboutIndexPage(PortalPage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*PortalPage.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = [
        "about.ApparatusPage",
        "about.LeadersPage",
        "about.BoundaryMapPage",
        "about.NaturalConditionsPage",
        "about.HistoryPage",
        "about.ContactsPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("introduction")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific()
        return context


class _AboutChild(PortalPage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*PortalPage.content_panels, FieldPanel("intro")]
    parent_page_types = ["about.AboutIndexPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        abstract = True


class ApparatusPage(_AboutChild):
    """Tổ chức bộ máy: the organisation chart, as nested lists, from the commune's units."""

    class Meta:
        verbose_name = _("administrative apparatus")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.apparatus(page=self))
        return context


class LeadersPage(_AboutChild):
    """Lãnh đạo: photo, short biography, duties and official contacts of the leaders."""

    class Meta:
        verbose_name = _("leaders")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.leaders(page=self))
        return context


def _stream(value: Any) -> str:
    from xaso.search.adapters import stream_text

    return stream_text(value)


class BoundaryMapPage(_AboutChild):
    """Bản đồ địa giới hành chính: a map image and, where given, the boundary as GeoJSON."""

    map_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("map image"),
    )
    boundary_geojson = models.TextField(
        _("boundary (GeoJSON)"),
        blank=True,
        help_text=_(
            "A Polygon or MultiPolygon (or a Feature holding one), longitude before latitude."
        ),
    )
    borders = models.TextField(
        _("neighbours"),
        blank=True,
        help_text=_("What lies to the north, south, east and west."),
    )
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("description"))

    content_panels = [
        *_AboutChild.content_panels,
        FieldPanel("map_image"),
        FieldPanel("boundary_geojson"),
        FieldPanel("borders"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("boundary map")

    def search_text(self) -> str:
        return "\n".join(part for part in (self.borders, _stream(self.body)) if part)

    def clean(self) -> None:
        super().clean()
        if self.boundary_geojson.strip():
            try:
                parse_boundary(self.boundary_geojson)
            except GeoJSONError as error:
                raise ValidationError({"boundary_geojson": str(error)}) from error

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .geo import boundary_svg

        context = super().get_context(request, *args, **kwargs)
        context["boundary_svg"] = boundary_svg(self.boundary_geojson, title=self.title)
        return context


class NaturalConditionsPage(_AboutChild):
    """Điều kiện tự nhiên: the figures people look for, then the description."""

    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("population counted in"), null=True, blank=True
    )
    location = models.TextField(_("geographical position"), blank=True)
    terrain = models.TextField(_("terrain and soil"), blank=True)
    climate = models.TextField(_("climate and hydrology"), blank=True)
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("more"))

    content_panels = [
        *_AboutChild.content_panels,
        FieldRowPanel(
            [FieldPanel("area_km2"), FieldPanel("population"), FieldPanel("population_year")]
        ),
        MultiFieldPanel(
            [FieldPanel("location"), FieldPanel("terrain"), FieldPanel("climate")],
            heading=_("Conditions"),
        ),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("natural conditions")

    def search_text(self) -> str:
        parts = (self.location, self.terrain, self.climate, _stream(self.body))
        return "\n".join(part for part in parts if part)


class HistoryPage(_AboutChild):
    """Lịch sử, truyền thống văn hóa, di tích, danh thắng."""

    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("history and traditions"))
    sites = StreamField(
        [("site", HeritageBlock())], blank=True, verbose_name=_("relics and scenic sites")
    )

    content_panels = [*_AboutChild.content_panels, FieldPanel("body"), FieldPanel("sites")]

    class Meta:
        verbose_name = _("history and culture")

    def search_text(self) -> str:
        sites = [
            f"{block.value['name']}\n{block.value['recognition']}\n{block.value['description']}"
            for block in self.sites
        ]
        return "\n".join([_stream(self.body), *sites]).strip()


class ContactsPage(_AboutChild):
    """Danh bạ: every unit's address, phone and e-mail, and its focal officials."""

    class Meta:
        verbose_name = _("contacts directory")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.contacts(page=self))
        return context
