"""Writes for the portal: articles, view counts, slogans, banners, settings."""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from xaso.communes.access import require_own
from xaso.communes.models import Commune
from xaso.core import ratelimit
from xaso.core.bots import is_bot
from xaso.core.clientip import client_address
from xaso.core.permissions import require_perm
from xaso.core.tasks import coalesced
from xaso.core.text import nfc, nfc_fields

from .models import ArticlePage, HomePage, LinkBanner, NewsCategoryPage, PageViewCount, Slogan

VIEW_COOKIE = "xaso_xem"
_VIEW_COOKIE_MAX_ITEMS = 60


@dataclass
class CountedView:
    count: int
    cookie_value: str | None

    def apply_cookie(self, response: HttpResponse) -> None:
        if self.cookie_value is not None:
            response.set_cookie(
                VIEW_COOKIE,
                self.cookie_value,
                max_age=settings.XASO_VIEW_WINDOW_SECONDS,
                httponly=True,
                samesite="Lax",
            )


def _seen_pages(raw: str, now: int, window: int) -> dict[int, int]:
    """Parse the cookie `id:timestamp|…`, dropping entries outside the window or malformed."""
    seen: dict[int, int] = {}
    for item in raw.split("|"):
        page_id, _, stamp = item.partition(":")
        if page_id.isdigit() and stamp.isdigit() and now - int(stamp) < window:
            seen[int(page_id)] = int(stamp)
    return seen


def _address_allows_visit(request: HttpRequest, page_id: int, window: int) -> bool:
    """True for the first XASO_VIEW_LIMIT_PER_ADDRESS visits of an article from one client
    address in the window: a client that drops the cookie cannot count without end. Many
    readers may share an address (a mobile carrier's), hence a limit above one. The counter
    keeps a keyed hash of the address, never the address itself (`core.ratelimit`)."""
    limit = settings.XASO_VIEW_LIMIT_PER_ADDRESS
    if limit <= 0:
        return True
    return ratelimit.allow(
        "views", f"{client_address(request)}|{page_id}", limit=limit, seconds=window
    )


def article_visit_record(*, page_id: int, request: HttpRequest, count: bool = True) -> CountedView:
    """Count a visit once per browser and article within the window, and at most
    XASO_VIEW_LIMIT_PER_ADDRESS times per client address and article; bots never count, nor a
    visit the caller says not to count (`count=False`: sent by another site).

    Called by the light counting request of a (cacheable) article page. Returns the count to
    show, including this visit, and the cookie to set (None: leave it alone).
    """
    from .counter import buffer, current_count

    window = settings.XASO_VIEW_WINDOW_SECONDS
    now = int(time.time())
    if not count or is_bot(request.headers.get("User-Agent")):
        return CountedView(count=current_count(page_id), cookie_value=None)
    seen = _seen_pages(request.COOKIES.get(VIEW_COOKIE, ""), now, window)
    if page_id in seen or not _address_allows_visit(request, page_id, window):
        return CountedView(count=current_count(page_id), cookie_value=None)
    buffer().add(page_id)
    seen[page_id] = now
    newest = sorted(seen.items(), key=lambda kv: kv[1])[-_VIEW_COOKIE_MAX_ITEMS:]
    return CountedView(
        count=current_count(page_id),
        cookie_value="|".join(f"{pk}:{stamp}" for pk, stamp in newest),
    )


def page_view_count_set(*, page: Page, count: int) -> None:
    """Set a page's count outright (imports, and the demo's reference article)."""
    PageViewCount.objects.update_or_create(page_id=page.pk, defaults={"count": count})


@transaction.atomic
def category_create(
    *, user: Any | None = None, parent: Page, title: str, slug: str, intro: str = ""
) -> NewsCategoryPage:
    category = NewsCategoryPage(
        title=nfc(title), slug=slug, intro=nfc(intro), show_in_menus=parent.depth == 2
    )
    _add_and_publish(user=user, parent=parent, page=category)
    return category


@transaction.atomic
def article_create(
    *,
    user: Any | None = None,
    category: NewsCategoryPage,
    title: str,
    slug: str,
    lead: str = "",
    body: list[tuple[str, Any]] | None = None,
    author: str = "",
    source_name: str = "",
    source_url: str = "",
    tags: list[str] | None = None,
    featured: bool = False,
    image: Any = None,
    image_caption: str = "",
    published_at: datetime.datetime | None = None,
    source_id: str = "",
) -> ArticlePage:
    """Create and publish an article; `published_at` back-dates it (imports, demo)."""
    article = ArticlePage(
        title=title,
        slug=slug,
        lead=lead,
        author=author,
        source_name=source_name,
        source_url=source_url,
        featured=featured,
        image=image,
        image_caption=image_caption,
        body=body or [],
        source_id=source_id,
    )
    nfc_fields(article, "title", "lead", "author", "source_name", "image_caption")
    if published_at is not None:
        article.first_published_at = published_at
    for tag in tags or []:
        article.tags.add(nfc(tag))
    _add_and_publish(user=user, parent=category, page=article)
    return article


def page_add_and_publish(*, user: Any | None, parent: Page, page: Page) -> None:
    """Add `page` under `parent` and publish it, if the user may publish there."""
    require_perm_on_page(user, parent)
    with coalesced():  # one reference and search update for the three saves
        parent.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        revision.publish(user=user)


# The name the apps not yet moved to `page_add_and_publish` still call.
_add_and_publish = page_add_and_publish


@transaction.atomic
def home_page_create(*, commune: Commune, user: Any | None = None) -> HomePage:
    """A new commune's home page, at the top of the page tree, its site pointed at it (run on
    `communes.signals.commune_created`, whose sender checked the permission)."""
    site = commune.site
    assert site is not None  # commune_create made it before sending the signal
    home = HomePage(title=commune.full_name, slug=commune.slug, seo_title=commune.full_name)
    with coalesced():
        site.root_page.add_child(instance=home)
        home.save_revision(user=user, log_action=False).publish(user=user)
    site.root_page = home
    site.save(update_fields=["root_page"])
    return home


def require_perm_on_page(user: Any | None, parent: Page) -> None:
    if user is None:
        return
    if not parent.permissions_for_user(user).can_publish_subpage():
        raise PermissionDenied(_("You do not have permission to do this."))


@transaction.atomic
def slogan_save(*, user: Any | None = None, slogan: Slogan) -> Slogan:
    """Create or change a slogan of a commune the user works for."""
    creating = slogan.pk is None
    require_perm(user, "portal.add_slogan" if creating else "portal.change_slogan")
    require_own(user, slogan)
    nfc_fields(slogan, "text")
    slogan.full_clean()
    slogan.save()
    log(instance=slogan, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return slogan


def slogan_create(
    *,
    user: Any | None = None,
    commune: Commune,
    text: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    scrolling: bool = False,
) -> Slogan:
    slogan = Slogan(
        commune=commune, text=text, starts_on=starts_on, ends_on=ends_on, scrolling=scrolling
    )
    return slogan_save(user=user, slogan=slogan)


@transaction.atomic
def link_banner_save(*, user: Any | None = None, banner: LinkBanner) -> LinkBanner:
    """Create or change a link banner of a commune the user works for."""
    creating = banner.pk is None
    require_perm(user, "portal.add_linkbanner" if creating else "portal.change_linkbanner")
    require_own(user, banner)
    nfc_fields(banner, "title")
    banner.full_clean()
    banner.save()
    log(instance=banner, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return banner


def link_banner_create(
    *,
    user: Any | None = None,
    commune: Commune,
    title: str,
    url: str,
    slot: str,
    image: Any = None,
    sort_order: int = 0,
) -> LinkBanner:
    banner = LinkBanner(
        commune=commune, title=title, url=url, slot=slot, image=image, sort_order=sort_order
    )
    return link_banner_save(user=user, banner=banner)


def commune_images(site: Any) -> Any:
    """The images of the commune whose site this is (its collection and those under it)."""
    from wagtail.images import get_image_model

    commune = getattr(site, "commune", None) if site is not None else None
    model = get_image_model()
    if commune is None or commune.collection is None:
        return model.objects.none()
    return model.objects.filter(collection__path__startswith=commune.collection.path)


@transaction.atomic
def portal_settings_update(*, user: Any | None = None, site: Any, **fields: Any) -> Any:
    """Update a commune portal's header and footer settings."""
    from .models import PortalSettings

    policy = PortalSettings.get_permission_policy()
    if user is not None and not policy.user_has_permission_for_instance(user, "change", site):
        raise PermissionDenied(_("You do not have permission to do this."))
    images = commune_images(site)
    for name in ("banner_image", "emblem"):
        image = fields.get(name)
        if image is not None and not images.filter(pk=image.pk).exists():
            raise ValidationError({name: _("Choose an image of this commune's own collection.")})
    chrome = PortalSettings.for_site(site)
    for name, value in fields.items():
        setattr(chrome, name, nfc(value) if isinstance(value, str) else value)
    chrome.full_clean()
    chrome.save()
    log(instance=chrome, action="wagtail.edit", user=user)
    return chrome
