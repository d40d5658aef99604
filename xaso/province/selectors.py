"""Reads of the province's portal, over every commune of the province: the directory, their
latest news, search across them and their New Rural standing. Each list costs the same few
queries however many communes the province has (New Rural standing aside: see
`new_rural_standings`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import partial, reduce
from operator import or_
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.utils import timezone

from xaso.communes.models import Commune
from xaso.core.text import fold
from xaso.portal.models import ArticlePage, PortalSettings
from xaso.portal.selectors import public

from .models import ProvinceHomePage


def province_communes(*, province: str, on: datetime.date | None = None) -> QuerySet[Commune]:
    """The province's communes in force (with a portal of their own), by name."""
    today = on or timezone.localdate()
    return (
        Commune.objects.filter(province=province, site__isnull=False)
        .exclude(valid_to__lt=today)
        .select_related("site", "site__root_page")
        .order_by("name", "pk")
    )


def site_base_url(*, hostname: str, request: HttpRequest) -> str:
    """A commune's portal as reached from the request: the same scheme, and the same port when
    the visitor named one (every site is served by the same server), e.g. the local demo's
    `http://anlu.localhost:8000`; behind the deployment's proxy, `https://anlu.haiphong.gov.vn`."""
    _host, port = split_domain_port(request.get_host())
    suffix = f":{port}" if port and port not in ("80", "443") else ""
    return f"{request.scheme}://{hostname}{suffix}"


def _page_url(base: str, home_url_path: str, url_path: str) -> str:
    """A page of a commune's tree as a full address on that commune's portal."""
    return base + "/" + url_path[len(home_url_path) :]


@dataclass
class DirectoryEntry:
    commune: Commune
    url: str
    hostname: str
    former: list[Commune] = field(default_factory=list)
    address: str = ""
    phone: str = ""
    email: str = ""

    @property
    def phone_link(self) -> str:
        return self.phone.replace(" ", "").replace(".", "")


def directory_entries(
    *, province: str, request: HttpRequest, kind: str = "", name: str = ""
) -> list[DirectoryEntry]:
    """The directory of the province's communes: name, kind, former units, portal and contacts
    (from each portal's settings, the footer every commune fills in). `name` is matched without
    regard to accents or case ("lien khe" finds Liên Khê). Three queries in all."""
    communes = province_communes(province=province).prefetch_related(
        Prefetch("predecessors", queryset=Commune.objects.order_by("name"))
    )
    if kind:
        communes = communes.filter(kind=kind)
    wanted = fold(name).strip()
    found = [c for c in communes if not wanted or wanted in fold(f"{c.full_name} {c.name}")]
    contacts = {
        chrome.site_id: chrome
        for chrome in PortalSettings.objects.filter(site_id__in=[c.site_id for c in found])
    }
    entries = []
    for commune in found:
        assert commune.site is not None
        chrome = contacts.get(commune.site_id)
        entries.append(
            DirectoryEntry(
                commune=commune,
                url=site_base_url(hostname=commune.site.hostname, request=request) + "/",
                hostname=commune.site.hostname,
                former=list(commune.predecessors.all()),
                address=chrome.address if chrome else "",
                phone=chrome.phone if chrome else "",
                email=chrome.email if chrome else "",
            )
        )
    return entries


@dataclass
class NewsItem:
    article: ArticlePage
    commune: Commune
    url: str


class LatestNews:
    """The province's communes' live articles, newest first, each naming its commune: a
    sequence a Paginator can page through (a count, then one query per page shown)."""

    def __init__(self, *, province: str, request: HttpRequest) -> None:
        self.request = request
        self.communes = {
            commune.site.root_page.path: commune  # type: ignore[union-attr]
            for commune in province_communes(province=province)
        }
        if self.communes:
            under = reduce(or_, (Q(path__startswith=path) for path in self.communes))
            articles = ArticlePage.objects.live().filter(under)
        else:
            articles = ArticlePage.objects.none()
        self.articles = public(articles).order_by("-first_published_at", "-pk")
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.articles.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[NewsItem]:
        shown = self.articles.only(
            "title", "slug", "path", "depth", "url_path", "lead", "first_published_at",
            "latest_revision_created_at", "content_type",
        )[index]  # fmt: skip
        items = []
        step = ArticlePage.steplen
        for article in shown:
            commune = self.communes[article.path[: 2 * step]]
            site = commune.site
            assert site is not None
            base = site_base_url(hostname=site.hostname, request=self.request)
            url = _page_url(base, site.root_page.url_path, article.url_path)
            items.append(NewsItem(article=article, commune=commune, url=url))
        return items


def latest_news(*, province: str, request: HttpRequest) -> LatestNews:
    return LatestNews(province=province, request=request)


@dataclass
class SearchHit:
    hit: Any  # xaso.search.selectors.Hit
    commune: Commune
    url: str


@dataclass
class ProvinceSearch:
    text: str
    results: Any = None  # xaso.search.selectors.SearchResults, once a question is asked
    hits: list[SearchHit] = field(default_factory=list)
    pages: PaginatorPage | None = None
    base_query: str = ""


def search_communes(
    *,
    province: str,
    request: HttpRequest,
    text: str,
    commune_id: int | None = None,
    page_number: str | None = None,
) -> ProvinceSearch:
    """The search of xaso.search across the province's communes (or one of them)."""
    from xaso.search import selectors as search_selectors

    found = ProvinceSearch(text=text)
    if not text.strip():
        return found
    communes = {commune.pk: commune for commune in province_communes(province=province)}
    ids = [commune_id] if commune_id in communes else list(communes)
    per_page = settings.XASO_ARTICLES_PER_PAGE
    try:
        number = max(1, min(int(page_number or 1), 10_000))
    except ValueError:
        number = 1

    def run(number: int) -> Any:
        return search_selectors.search(
            commune_ids=ids, text=text, offset=(number - 1) * per_page, limit=per_page
        )

    results = run(number)
    if results.count and not results.hits and number > 1:
        number = max(1, -(-results.count // per_page))  # past the end: the last page
        results = run(number)
    found.results = results
    found.pages = Paginator(range(results.count), per_page).get_page(number)
    for hit in results.hits:
        commune = communes[hit.document.commune_id]
        site = commune.site
        assert site is not None
        base = site_base_url(hostname=site.hostname, request=request)
        parts = urlsplit(hit.document.url)
        url = base + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        found.hits.append(SearchHit(hit=hit, commune=commune, url=url))
    query = [("q", text)] + ([("xa", str(commune_id))] if commune_id in communes else [])
    found.base_query = urlencode(query)
    return found


@dataclass
class StandingRow:
    commune: Commune
    url: str
    standing: Any  # xaso.ntm.pages.Standing, or None without a programme


def _standing(commune: Commune) -> Any:
    from xaso.ntm.pages import commune_standing

    return commune_standing(commune) or False  # False: remembered as "no programme"


def new_rural_standings(*, province: str, request: HttpRequest) -> list[StandingRow]:
    """Each commune's New Rural standing, as its own results page says it
    (`ntm.pages.commune_standing`): a few queries per commune, remembered until the next change
    (the page is cached whole besides)."""
    from xaso.ntm.models import NtmResultsPage
    from xaso.portal.cache import remember

    communes = list(province_communes(province=province))
    homes = [commune.site.root_page.path for commune in communes if commune.site]
    pages = NtmResultsPage.objects.live().filter(
        reduce(or_, (Q(path__startswith=path) for path in homes), Q(pk__in=[]))
    )
    results_pages = {page.path[: 2 * NtmResultsPage.steplen]: page for page in pages}
    rows = []
    for commune in communes:
        site = commune.site
        assert site is not None
        standing = remember(f"province:ntm:{commune.pk}", partial(_standing, commune))
        page = results_pages.get(site.root_page.path)
        base = site_base_url(hostname=site.hostname, request=request)
        url = _page_url(base, site.root_page.url_path, page.url_path) if page else base + "/"
        rows.append(StandingRow(commune=commune, url=url, standing=standing or None))
    return rows


def province_links(*, home: ProvinceHomePage) -> list[dict[str, str]]:
    """The province portal's own menu (its routes), for its templates."""
    from django.utils.translation import gettext as _

    # The home page is its site's root: its routes are the site's paths.
    return [
        {"name": "directory", "url": "/", "title": _("Communes directory")},
        {"name": "news", "url": "/tin-moi/", "title": _("Latest news of the communes")},
        {"name": "search", "url": home.site_search_path, "title": _("Search every commune")},
        {"name": "new_rural", "url": "/nong-thon-moi/", "title": _("New Rural standing")},
    ]
