"""One instance, many communes: a change in one commune refreshes its own pages only; a change
to shared national data (or anything whose commune cannot be told) refreshes every page."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from xaso.communes.tests.factories import make_commune
from xaso.portal.tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db
PHONE = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 13) Chrome/126.0 Mobile Safari/537.36"}


@pytest.fixture(params=["local", "redis"])
def page_cache(request, settings):
    """The generations kept in the process's cache, or in Redis (shared by every process)."""
    settings.XASO_PAGE_CACHE_SECONDS = 60
    if request.param == "redis":
        import redis

        url = request.getfixturevalue("redis_url")
        redis.Redis.from_url(url).flushdb()
        settings.REDIS_URL = url
    else:
        settings.REDIS_URL = ""
    cache.clear()
    yield
    cache.clear()


class Portal:
    """A commune's site with one news category and one article, read by anonymous readers."""

    def __init__(self, commune, name):
        self.commune = commune
        self.host = commune.site.hostname
        self.home = commune.site.root_page.specific
        self.category = make_category(parent=self.home, title=f"Tin tức {name}", slug="tin-tuc")
        self.article = make_article(category=self.category, title=f"Tin của xã {name}")

    @property
    def urls(self):
        return [self.home.url, self.category.url, self.article.url]

    def get(self, client, url):
        response = client.get(url, HTTP_HOST=self.host, **PHONE)
        assert response.status_code == 200, (self.host, url)
        return response


def _three_portals(commune):
    second = make_commune(name="Lưu Kiếm", slug="luu-kiem", hostname="luu-kiem.haiphong.gov.vn")
    third = make_commune(
        name="Kênh Giang", slug="kenh-giang", hostname="kenh-giang.haiphong.gov.vn"
    )
    return [Portal(commune, "Một"), Portal(second, "Hai"), Portal(third, "Ba")]


# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _three_portals
SHARED_WORLD_FIXTURE = "portals"


@pytest.fixture
def portals(shared_world):
    return shared_world


def _warm(client, portals):
    for portal in portals:
        for url in portal.urls:
            assert portal.get(client, url)["X-Cache"] == "MISS"
            assert portal.get(client, url)["X-Cache"] == "HIT"


def _all_hits(client, portal, django_assert_num_queries):
    with django_assert_num_queries(0):
        for url in portal.urls:
            assert portal.get(client, url)["X-Cache"] == "HIT", (portal.host, url)


def test_a_publish_in_one_commune_leaves_the_others_cached(
    client, portals, page_cache, django_assert_num_queries
):
    a, b, c = portals
    _warm(client, portals)
    make_article(category=a.category, title="Tin mới của xã Một")
    for url in a.urls[:2]:
        response = a.get(client, url)
        assert response["X-Cache"] == "MISS" and "Tin mới của xã Một" in response.content.decode()
    for other in (b, c):
        _all_hits(client, other, django_assert_num_queries)
        assert "Tin mới của xã Một" not in other.get(client, other.home.url).content.decode()


@pytest.mark.parametrize("change", ["edit", "unpublish", "delete", "slogan", "settings"])
def test_each_kind_of_change_stays_in_its_commune(
    client, portals, page_cache, change, django_assert_num_queries
):
    import datetime

    from xaso.portal import services

    a, b, c = portals
    _warm(client, portals)
    if change == "edit":
        a.article.title = "Tiêu đề đã sửa"
        a.article.save_revision().publish()
    elif change == "unpublish":
        a.article.unpublish()
    elif change == "delete":
        a.article.delete()
    elif change == "slogan":
        services.slogan_create(
            commune=a.commune, text="Khẩu hiệu mới", starts_on=datetime.date(2020, 1, 1)
        )
    else:
        services.portal_settings_update(site=a.commune.site, owner_name="Ủy ban xã Một mới")
    assert a.get(client, a.home.url)["X-Cache"] == "MISS"
    for other in (b, c):
        _all_hits(client, other, django_assert_num_queries)


def test_a_page_moved_between_communes_refreshes_both(
    client, portals, page_cache, django_assert_num_queries
):
    a, b, c = portals
    _warm(client, portals)
    title = a.article.title
    a.article.move(b.category, pos="last-child")
    assert title not in a.get(client, a.category.url).content.decode()
    assert title in b.get(client, b.category.url).content.decode()
    _all_hits(client, c, django_assert_num_queries)


def _national_change(kind, portals):
    import datetime

    from xaso.communes.models import CommuneSuccession
    from xaso.disclosures.models import DisclosureKind, Holiday
    from xaso.legal.models import DocumentType, Issuer, LegalField
    from xaso.ntm.tests.factories import make_set

    if kind == "criteria":
        make_set()  # a national criteria set and its thresholds, shared by every commune
    elif kind == "issuer":
        issuer = Issuer.objects.filter(commune=None).first() or Issuer(name="Chính phủ")
        issuer.name = "Chính phủ (đã sửa)"
        issuer.save()
    elif kind == "document type":
        DocumentType.objects.create(name="Chỉ thị liên tịch")
    elif kind == "legal field":
        LegalField.objects.create(name="Chuyển đổi số cấp xã")
    elif kind == "disclosure kind":
        DisclosureKind.objects.create(number=99, name="Nội dung công khai khác")
    elif kind == "holiday":
        Holiday.objects.create(date=datetime.date(2031, 9, 3), name="Nghỉ bù")
    else:
        CommuneSuccession.objects.create(
            predecessor=portals[2].commune,
            successor=portals[0].commune,
            effective_on=datetime.date(2025, 7, 1),
        )


# Every national model registered with the page cache (the demo's recipes cover the others).
@pytest.mark.parametrize(
    "kind",
    [
        "criteria",  # a criteria set with its criteria, indicators and thresholds
        "document type",
        "legal field",
        "issuer",
        "disclosure kind",
        "holiday",
        "succession",
    ],
)
def test_national_data_refreshes_every_commune(client, portals, page_cache, kind):
    _warm(client, portals)
    _national_change(kind, portals)
    for portal in portals:
        for url in portal.urls:
            assert portal.get(client, url)["X-Cache"] == "MISS", (portal.host, url)


def test_a_new_commune_refreshes_every_page(client, portals, page_cache):
    _warm(client, portals)
    make_commune(name="Hoa Động", slug="hoa-dong", hostname="hoa-dong.haiphong.gov.vn")
    for portal in portals:
        assert portal.get(client, portal.home.url)["X-Cache"] == "MISS"


def test_a_site_renamed_refreshes_its_commune_only(
    client, portals, page_cache, django_assert_num_queries
):
    a, b, _c = portals
    _warm(client, portals)
    site = a.commune.site
    site.site_name = "Cổng thông tin xã Một mới"
    site.save()
    assert "Cổng thông tin xã Một mới" in a.get(client, a.home.url).content.decode()
    _all_hits(client, b, django_assert_num_queries)


def test_a_new_host_for_a_site_is_routed_at_once(client, portals, page_cache):
    _a, b, _c = portals
    _warm(client, portals)
    site = b.commune.site
    site.hostname = "xa-hai-moi.haiphong.gov.vn"
    site.save()
    response = client.get(b.home.url, HTTP_HOST="xa-hai-moi.haiphong.gov.vn", **PHONE)
    assert response.status_code == 200 and "Tin của xã Hai" in response.content.decode()
    old = client.get(b.home.url, HTTP_HOST=b.host, **PHONE)  # now the default site's
    assert "Tin của xã Hai" not in old.content.decode()
