"""Public portal pages (home, news categories, articles, static pages) and site-wide pieces."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.url_routing import RouteResult

from .blocks import ArticleBodyBlock
from .choices import BannerSlot


def paginate(request: HttpRequest, items: Any, per_page: int) -> PaginatorPage:
    """A page of `items`; any bad `?trang=` (negative, text, too large) gives a valid page."""
    return Paginator(items, per_page).get_page(request.GET.get("trang"))


class PortalPage(Page):
    """What every public page type shares: view restrictions checked without a query when the
    site has none (the usual case), and the breadcrumb trail remembered per change."""

    class Meta:
        abstract = True

    def get_view_restrictions(self) -> Any:
        from .cache import restricted_paths

        restricted, aliases = restricted_paths()
        if not aliases and not any(self.path.startswith(path) for path in restricted):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["trail"] = selectors.trail(page=self, request=request)
        return context


class HomePage(RoutablePageMixin, PortalPage):
    """The root of one commune's portal."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "about.AboutIndexPage",
        "portal.NewsCategoryPage",
        "portal.StandardPage",
        "legal.LegalDocumentIndexPage",
        "disclosures.DisclosureIndexPage",
        "legal.ProcedureIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        """An article in one query (by its URL path) instead of two per level of the tree;
        anything else (categories, feeds, an article's sub-pages) the usual way."""
        if len(path_components) >= 2 and not getattr(request, "is_preview", False):
            from .selectors import article_for_route

            article = article_for_route(url_path=self.url_path + "/".join(path_components) + "/")
            if article is not None:
                return RouteResult(article)
        return super().route(request, path_components)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["featured"] = selectors.featured_articles(home=self)
        context["latest"] = selectors.latest_articles(home=self, limit=8)
        context["sections"] = selectors.home_sections(home=self)
        context["home_banners"] = selectors.link_banners(home=self, slot=BannerSlot.HOME)
        return context

    @path("rss/", name="feed")
    def feed(self, request: HttpRequest) -> HttpResponse:
        from .feeds import ArticleFeed

        return ArticleFeed()(request, home=self, category=None)


class NewsCategoryPage(RoutablePageMixin, PortalPage):
    """A news category (chuyên mục); categories nest."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage", "portal.NewsCategoryPage"]
    subpage_types = ["portal.NewsCategoryPage", "portal.ArticlePage"]

    class Meta:
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from django.conf import settings

        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["subcategories"] = selectors.subcategories(category=self)
        context["articles"] = paginate(
            request, selectors.category_articles(category=self), settings.XASO_ARTICLES_PER_PAGE
        )
        return context

    @path("rss/", name="feed")
    def feed(self, request: HttpRequest) -> HttpResponse:
        from .feeds import ArticleFeed

        return ArticleFeed()(request, home=None, category=self)


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "portal.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(RoutablePageMixin, PortalPage):
    """A news article: title, lead (sapo), body, source, tags; its category is its parent."""

    lead = models.TextField(
        _("lead"), blank=True, help_text=_("The bold opening shown in lists and atop the article.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("illustration"),
        help_text=_("Shown in lists and at the top of the article."),
    )
    image_caption = models.CharField(_("illustration caption"), max_length=300, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    author = models.CharField(_("author"), max_length=120, blank=True)
    source_name = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("For reprinted articles.")
    )
    source_url = models.URLField(_("source link"), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown in the featured block of the home page.")
    )
    source_id = models.CharField(
        _("source identifier"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("Identifier in the system the article was imported from."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_caption")], _("Illustration")),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("source_name"), FieldPanel("source_url")],
            _("Author and source"),
        ),
        FieldPanel("tags"),
        FieldPanel("featured"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("featured"),
    ]
    parent_page_types = ["portal.NewsCategoryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    @property
    def published_at(self) -> Any:
        return self.first_published_at or self.latest_revision_created_at

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["category"] = context["trail"][-1] if context["trail"] else None
        # Called by the template only when the article's cached fragment is being rebuilt.
        context["related"] = partial(selectors.related_articles, article=self)
        context["view_count"] = selectors.article_view_count(article=self)
        return context

    @path("luu/", name="save")
    def save_copy(self, request: HttpRequest) -> HttpResponse:
        from .views import article_save

        return article_save(request, self)


class StandardPage(PortalPage):
    """A plain information page (introduction, contacts, …)."""

    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]
    parent_page_types = ["portal.HomePage", "portal.StandardPage"]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")


class PageViewCount(models.Model):
    """Views of a page, kept apart from the page so revisions never overwrite the count."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="view_count"
    )
    count = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("view count")
        verbose_name_plural = _("view counts")

    def __str__(self) -> str:
        return f"{self.page_id}: {self.count}"


class ViewFlush(models.Model):
    """A batch of buffered visits already added to the counts (see xaso/portal/counter.py)."""

    batch = models.CharField(max_length=100, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.batch


class Slogan(models.Model):
    """The year's slogan shown as a line under the banner, between two dates."""

    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.CASCADE,
        related_name="slogans",
        verbose_name=_("commune"),
    )
    text = models.CharField(_("text"), max_length=300)
    starts_on = models.DateField(_("shown from"))
    ends_on = models.DateField(_("shown until"), null=True, blank=True)
    scrolling = models.BooleanField(
        _("scrolling"),
        default=False,
        help_text=_(
            "Still by default, as the portal rules ask. When scrolling, readers get a pause "
            "button and it never moves for those who prefer reduced motion."
        ),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("commune"),
        FieldPanel("text"),
        FieldPanel("starts_on"),
        FieldPanel("ends_on"),
        FieldPanel("scrolling"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("slogan")
        verbose_name_plural = _("slogans")
        ordering = ["commune", "sort_order", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="slogan_valid_period",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class LinkBanner(models.Model):
    """A link banner (to higher-level portals, public services, campaigns) in a banner slot."""

    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.CASCADE,
        related_name="link_banners",
        verbose_name=_("commune"),
    )
    title = models.CharField(
        _("title"), max_length=150, help_text=_("Also the text read by screen readers.")
    )
    url = models.URLField(_("link"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
    )
    slot = models.CharField(
        _("slot"), max_length=20, choices=BannerSlot.choices, default=BannerSlot.SIDEBAR
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("shown"), default=True)

    panels = [
        FieldPanel("commune"),
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("image"),
        FieldPanel("slot"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("link banner")
        verbose_name_plural = _("link banners")
        ordering = ["commune", "slot", "sort_order", "title"]

    def __str__(self) -> str:
        return self.title


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Header and footer of one commune's portal (the footer TT32 requires)."""

    portal_title = models.CharField(
        _("portal title"),
        max_length=200,
        default="Cổng thông tin điện tử",
    )
    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("header banner"),
    )
    emblem = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("emblem or logo"),
    )
    responsible_person = models.CharField(_("person responsible"), max_length=200, blank=True)
    owner_name = models.CharField(_("owner"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    panels = [
        FieldPanel("portal_title"),
        FieldPanel("banner_image"),
        FieldPanel("emblem"),
        MultiFieldPanel(
            [
                FieldPanel("owner_name"),
                FieldPanel("responsible_person"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            _("Footer"),
        ),
    ]

    class Meta:
        verbose_name = _("portal settings")
