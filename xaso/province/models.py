"""The province's own portal: one home page at the root of the province's site, whose routes
show the directory of its communes, their latest news, search across them and their New Rural
standing. Which communes: those whose `Commune.province` is the page's `province`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from xaso.portal.models import PortalPage, paginate

# The province's own search: `/tim-kiem/` is the communes' search (xaso/urls.py answers it first).
SEARCH_ROUTE = "tra-cuu/"


class ProvinceHomePage(RoutablePageMixin, PortalPage):
    """The root of the province's portal (its own site, e.g. haiphong.gov.vn)."""

    province: models.CharField[str, str] = models.CharField(
        _("province"),
        max_length=120,
        help_text=_("The communes shown are those of this province, as written on each commune."),
    )
    intro: models.TextField[str, str] = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("province"), FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("province home page")

    @property
    def site_search_path(self) -> str:
        """Where the header's search box sends a question on the province's site."""
        return "/" + SEARCH_ROUTE

    def _render(self, request: HttpRequest, template: str, context: dict[str, Any]) -> Any:
        base = self.get_context(request)
        base.update(context)
        return TemplateResponse(request, f"province/{template}", base)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["rating_hidden"] = True  # ratings are a commune's; the province has none
        context["province_links"] = selectors.province_links(home=self)
        context["province_latest"] = selectors.latest_news(province=self.province, request=request)[
            :5
        ]
        return context

    @path("", name="directory")
    def directory(self, request: HttpRequest) -> HttpResponse:
        from . import selectors
        from .forms import DirectoryFilterForm

        form = DirectoryFilterForm(request.GET or None)
        kind, name = form.filters()
        entries = selectors.directory_entries(
            province=self.province, request=request, kind=kind, name=name
        )
        return self._render(
            request,
            "province_home_page.html",
            {"form": form, "entries": entries, "filtered": bool(kind or name.strip())},
        )

    @path("tin-moi/", name="news")
    def news(self, request: HttpRequest) -> HttpResponse:
        from . import selectors

        items = paginate(
            request,
            selectors.latest_news(province=self.province, request=request),
            settings.XASO_ARTICLES_PER_PAGE,
        )
        return self._render(request, "province_news.html", {"items": items})

    @path(SEARCH_ROUTE, name="search")
    def search(self, request: HttpRequest) -> HttpResponse:
        from . import selectors
        from .forms import ProvinceSearchForm

        communes = selectors.province_communes(province=self.province)
        form = ProvinceSearchForm(request.GET or None, communes=communes)
        text, commune_id = form.filters()
        found = selectors.search_communes(
            province=self.province,
            request=request,
            text=text,
            commune_id=commune_id,
            page_number=request.GET.get("trang"),
        )
        return self._render(
            request,
            "province_search.html",
            {"form": form, "found": found, "raw_query": text, "base_query": found.base_query},
        )

    @path("rss/", name="feed")
    def feed(self, request: HttpRequest) -> HttpResponse:
        from .feeds import ProvinceNewsFeed

        return ProvinceNewsFeed()(request, home=self)

    @path("nong-thon-moi/", name="new_rural")
    def new_rural(self, request: HttpRequest) -> HttpResponse:
        from . import selectors

        return self._render(
            request,
            "province_new_rural.html",
            {"standings": selectors.new_rural_standings(province=self.province, request=request)},
        )
