"""Anonymous readers get cached pages; any publish refreshes them; editors never see the cache."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from xaso.portal import services
from xaso.portal.tests.factories import make_article

pytestmark = pytest.mark.django_db
PHONE = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 13) Chrome/126.0 Mobile Safari/537.36"}


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.XASO_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def _get(client, url):
    response = client.get(url, **PHONE)
    assert response.status_code == 200
    return response


def test_second_anonymous_request_is_served_from_the_cache(
    client, article, django_assert_num_queries
):
    first = _get(client, article.url)
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = _get(client, article.url)
    assert second["X-Cache"] == "HIT" and second.content == first.content
    assert second["Cache-Control"] == "public, max-age=0, must-revalidate"


@pytest.mark.parametrize("change", ["publish", "edit", "unpublish", "delete"])
def test_changes_refresh_article_category_home_and_feeds(client, home, category, article, change):
    urls = [home.url, category.url, f"{home.url}rss/", f"{category.url}rss/"]
    for url in [*urls, article.url]:
        _get(client, url)
    if change == "publish":
        make_article(category=category, title="Tin vừa đăng")
        for url in urls:
            assert "Tin vừa đăng" in _get(client, url).content.decode(), url
    elif change == "edit":
        article.title = "Tiêu đề đã sửa"
        article.save_revision().publish()
        for url in [*urls, article.url]:
            assert "Tiêu đề đã sửa" in _get(client, url).content.decode(), url
    else:
        title = article.title
        url = article.url
        if change == "unpublish":
            article.unpublish()
        else:
            article.delete()
        for page_url in urls:
            assert title not in _get(client, page_url).content.decode(), page_url
        assert client.get(url, **PHONE).status_code == 404


def test_slogans_and_banners_refresh_pages(client, commune, home):
    import datetime

    _get(client, home.url)
    services.slogan_create(
        commune=commune, text="Khẩu hiệu mới", starts_on=datetime.date(2020, 1, 1)
    )
    assert "Khẩu hiệu mới" in _get(client, home.url).content.decode()


def test_logged_in_editors_and_previews_bypass_the_cache(client, admin_client, article):
    _get(client, article.url)
    article.title = "Bản nháp chưa đăng"
    article.save_revision()  # a draft: readers keep seeing the published page
    assert "Bản nháp chưa đăng" not in _get(client, article.url).content.decode()
    edited = admin_client.get(article.url, **PHONE)
    assert "X-Cache" not in edited
    preview = admin_client.get(f"/admin/pages/{article.pk}/view_draft/", **PHONE)
    assert "X-Cache" not in preview
    assert "Bản nháp chưa đăng" in preview.content.decode()


def test_search_api_and_counters_are_never_cached(client, article):
    for url in ["/tim-kiem/?q=can+bo", "/api/v1/search/?q=can+bo", "/sitemap.xml"]:
        client.get(url, **PHONE)
    assert "X-Cache" not in client.get("/tim-kiem/?q=can+bo", **PHONE)
    assert "X-Cache" not in client.get("/api/v1/search/?q=can+bo", **PHONE)


def test_tracking_parameters_share_the_cached_page(client, article):
    assert _get(client, article.url)["X-Cache"] == "MISS"
    shared = _get(client, f"{article.url}?fbclid=IwAR0abc&utm_source=zalo&zarsrc=30")
    assert shared["X-Cache"] == "HIT"
    assert _get(client, f"{article.url}?trang=2")["X-Cache"] == "MISS"  # a real parameter


def test_editors_see_new_site_chrome_at_once(admin_client, commune, home):
    import datetime

    assert "Khẩu hiệu của tuần" not in admin_client.get(home.url).content.decode()
    services.slogan_create(
        commune=commune, text="Khẩu hiệu của tuần", starts_on=datetime.date(2020, 1, 1)
    )
    assert "Khẩu hiệu của tuần" in admin_client.get(home.url).content.decode()


def test_a_new_view_restriction_applies_at_once(client, category, article):
    from wagtail.models import PageViewRestriction

    _get(client, article.url)
    PageViewRestriction.objects.create(page=category, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(article.url, **PHONE)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert article.title not in client.get(category.url, **PHONE).content.decode()


def test_the_view_count_stays_live_beside_the_cached_article(admin_client, article):
    """Editors bypass the page cache; the article's own fragments are cached, its count is not."""
    assert 'data-testid="view-count"' in admin_client.get(article.url).content.decode()
    services.page_view_count_set(page=article, count=1234)
    assert ">1.234</span>" in admin_client.get(article.url).content.decode()


def test_an_unknown_host_is_refused_and_not_remembered(client, article, settings):
    from django.core.cache import caches

    settings.ALLOWED_HOSTS = ["testserver"]
    caches["local"].clear()
    client.cookies["sessionid"] = "not-a-session"  # past the page cache, as an editor
    response = client.get(article.url, HTTP_HOST="attacker.example", **PHONE)
    assert response.status_code == 400
    assert not [key for key in caches["local"]._cache if "attacker" in key]


def test_unknown_parameters_share_one_cached_page_and_never_show_in_it(client, category, article):
    first = _get(client, f"{category.url}?x7f3a=1")
    assert first["X-Cache"] == "MISS"
    for junk in [
        "?a8c1=zz",
        "?cachebuster=991&other=2",
        "?x7f3a=1&trang=1",
        "?trang=%C2%B2",
        "?trang=abc",
    ]:
        response = _get(client, f"{category.url}{junk}")
        assert response["X-Cache"] == "HIT", junk
        assert response.content == first.content
    assert "x7f3a" not in first.content.decode()


def test_parameters_the_pages_read_still_make_their_own_page(client, commune, category):
    for number in range(25):  # three pages of articles
        make_article(category=category, title=f"Tin thứ {number}")
    first = _get(client, category.url)
    second = _get(client, f"{category.url}?trang=2&junk=1")
    assert second["X-Cache"] == "MISS" and second.content != first.content
    assert _get(client, f"{category.url}?junk=2&trang=2")["X-Cache"] == "HIT"
    assert _get(client, f"{category.url}?trang=02")["X-Cache"] == "HIT"  # the same number
    # A filter of the register gets its own entry; a page number beyond any list is not a key.
    assert _get(client, "/cong-khai/?nam=2026")["X-Cache"] == "MISS"
    assert _get(client, "/cong-khai/?nam=2026&fbclid=1")["X-Cache"] == "HIT"
    assert _get(client, "/cong-khai/?nam=2025")["X-Cache"] == "MISS"
    big = _get(client, f"{category.url}?trang=99999999999999999999")
    assert big["X-Cache"] == "HIT" and big.content == first.content  # as page 1


def test_free_text_is_rendered_but_never_stored(client, article):
    for _ in range(2):
        response = _get(client, "/van-ban/?q=ngh%E1%BB%8B+quy%E1%BA%BFt")
        assert "X-Cache" not in response
    odd = _get(client, "/cong-khai/?nam=%00%22<x>")
    assert "X-Cache" not in odd  # a value no filter lists: shown with its message, not kept
