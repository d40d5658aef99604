"""What a resident gets from the public pages, through Django's test client."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from xaso.portal import services
from xaso.portal.choices import BannerSlot
from xaso.portal.tests.factories import make_article, make_category, make_image

pytestmark = pytest.mark.django_db

PHONE = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 13) Chrome/126.0 Mobile Safari/537.36"}


def test_home_page_shows_latest_news_sections_and_chrome(client, commune, category, article):
    services.slogan_create(
        commune=commune,
        text="Năm 2023 đẩy mạnh chuyển đổi số",
        starts_on=__import__("datetime").date(2023, 1, 1),
    )
    services.link_banner_create(
        commune=commune,
        title="Cổng Dịch vụ công quốc gia",
        url="https://dichvucong.gov.vn/",
        slot=BannerSlot.SIDEBAR,
    )
    services.portal_settings_update(
        site=commune.site,
        responsible_person="Ông Đỗ Văn Khánh",
        address="Liên Khê, Thủy Nguyên",
        phone="0225 3871 555",
        email="ubnd@lienkhe.gov.vn",
    )
    html = client.get("/", **PHONE).content.decode()
    assert "Tin mới" in html
    assert article.title in html
    assert category.title in html
    assert "Năm 2023 đẩy mạnh chuyển đổi số" in html
    assert "Ông Đỗ Văn Khánh" in html and "0225 3871 555" in html
    assert "Cổng Dịch vụ công quốc gia" in html
    assert 'lang="vi"' in html


def test_article_page_shows_the_whole_anatomy(client, commune, category):
    image = make_image(collection=commune.collection)
    article = make_article(
        category=category,
        title="Đảng bộ xã Liên Khê: Cán bộ gần dân",
        lead="Đưa cán bộ về cơ sở, gần dân, sát dân.",
        body=[
            ("paragraph", RichText("<p>Giữa năm 2012, Đảng ủy xã đưa cán bộ về chi bộ thôn.</p>")),
            ("quote", {"text": "Gần dân, sát dân.", "attribution": "Ông Nguyễn Tiến Tập"}),
            (
                "image",
                {
                    "image": image,
                    "caption": "Đường trục xã",
                    "credit": "Ban biên tập",
                    "alt_text": "",
                },
            ),
        ],
        source_name="Hải Phòng Online",
        tags=["nông thôn mới"],
        image=image,
        image_caption="Con đường mới",
    )
    services.page_view_count_set(page=article, count=47)
    other = make_article(category=category, title="Tin cùng chuyên mục")
    html = client.get(article.url, **PHONE).content.decode()
    assert "Lượt xem" in html and ">47<" in html  # the page shows the count; a call adds visits
    for text in [
        article.title,
        "Đưa cán bộ về cơ sở, gần dân, sát dân.",
        "Giữa năm 2012",
        "Gần dân, sát dân.",
        "Ông Nguyễn Tiến Tập",
        "Đường trục xã",
        "Hải Phòng Online",
        "nông thôn mới",
        category.title,
        other.title,
        "Tin liên quan",
        "Tin mới",
    ]:
        assert text in html, text
    assert re.search(r"\d{2}/\d{2}/\d{4}", html), "dates are shown as dd/mm/yyyy"


def test_bare_article_renders_cleanly(client, category):
    bare = make_article(category=category, title="Thông báo ngắn", lead="", body=[], author="")
    response = client.get(bare.url, **PHONE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thông báo ngắn" in html
    assert "article__lead" not in html and "article__source" not in html
    assert "<figure" not in html


@pytest.mark.parametrize("value", ["-1", "0", "abc", "99999", "1.5", "%00", "2"])
def test_any_page_number_gives_a_page(client, category, value):
    for n in range(12):
        make_article(category=category, title=f"Tin {n}", slug=f"tin-{n}", days_ago=n)
    response = client.get(category.url, {"trang": value}, **PHONE)
    assert response.status_code == 200
    assert "Tin " in response.content.decode()


def test_category_lists_articles_of_subcategories_newest_first(client, home, category):
    child = make_category(parent=category, title="Chi bộ thôn", slug="chi-bo-thon")
    old = make_article(category=category, title="Tin cũ", days_ago=30)
    new = make_article(category=child, title="Tin mới của chi bộ", days_ago=1)
    html = client.get(category.url, **PHONE).content.decode()
    assert html.index(new.title) < html.index(old.title)
    assert "Chi bộ thôn" in html


def test_unknown_url_gives_the_vietnamese_404_page(client, home):
    response = client.get("/khong-co-trang-nay/", **PHONE)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def _queries(client, url):
    client.get(url, **PHONE)  # warm: image renditions are made on first view
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, **PHONE).status_code == 200
    return len(captured)


def test_query_counts_do_not_grow_with_the_number_of_articles(client, commune, category):
    image = make_image(collection=commune.collection)
    first = make_article(category=category, title="Bài đầu", image=image)
    for n in range(3):
        make_article(category=category, title=f"Bài {n}", image=image)
    small = {url: _queries(client, url) for url in ["/", category.url, first.url]}
    for n in range(20):
        make_article(category=category, title=f"Bài thêm {n}", image=image)
    large = {url: _queries(client, url) for url in ["/", category.url, first.url]}
    assert large == small
    assert max(large.values()) <= 40, large


def test_an_uncached_article_takes_few_queries(client, commune, category):
    """The page cache is off in tests: this is an editor's or a cache miss's cost. The site
    chrome and the breadcrumb are remembered per change; the article is found in one query."""
    image = make_image(collection=commune.collection)
    first = make_article(category=category, title="Bài đầu", image=image)
    for n in range(5):
        make_article(category=category, title=f"Bài {n}", image=image)
    # The article by its path, its image renditions, related articles, tags.
    assert _queries(client, first.url) <= 4


def test_feeds_list_the_newest_articles(client, home, category, article):
    for url in ["/rss/", f"{category.url}rss/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")
        assert article.title in response.content.decode()


def test_sitemaps_and_robots(client, home, category, article):
    xml = client.get("/sitemap.xml").content.decode()
    assert article.url in xml and category.url in xml
    html = client.get("/so-do-trang/", **PHONE).content.decode()
    assert category.title in html and "Sơ đồ" in html
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_search_finds_articles_and_survives_odd_queries(client, category, article):
    html = client.get("/tim-kiem/", {"q": "thực tế"}, **PHONE).content.decode()
    assert article.title in html
    for odd in ['"', "'", "a OR", "*", "(", "NEAR(", "-", "x" * 500, "%", "\x00"]:
        response = client.get("/tim-kiem/", {"q": odd}, **PHONE)
        assert response.status_code == 200, odd
    assert client.get("/tim-kiem/", {"q": "thực tế", "trang": "-3"}, **PHONE).status_code == 200


def test_save_gives_a_self_contained_html_file(client, commune, category):
    image = make_image(collection=commune.collection)
    article = make_article(category=category, title="Bài để lưu", image=image)
    response = client.get(f"{article.url}luu/", **PHONE)
    assert response.status_code == 200
    assert 'attachment; filename="' in response["Content-Disposition"]
    html = response.content.decode()
    assert "Bài để lưu" in html and "data:image/jpeg;base64," in html
    assert "<link" not in html and "<script" not in html


def test_slogans_show_between_their_dates_and_stay_still_by_default(client, commune, home):
    import datetime

    today = datetime.date.today()
    services.slogan_create(commune=commune, text="Khẩu hiệu hôm nay", starts_on=today)
    services.slogan_create(
        commune=commune,
        text="Khẩu hiệu đã hết hạn",
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today - datetime.timedelta(days=1),
    )
    services.slogan_create(
        commune=commune, text="Khẩu hiệu sắp tới", starts_on=today + datetime.timedelta(days=1)
    )
    html = client.get("/", **PHONE).content.decode()
    assert "Khẩu hiệu hôm nay" in html
    assert "Khẩu hiệu đã hết hạn" not in html and "Khẩu hiệu sắp tới" not in html
    assert "slogan--may-scroll" not in html and "slogan__pause" not in html


def test_a_slogan_ending_before_it_starts_is_refused(commune):
    import datetime

    from django.core.exceptions import ValidationError

    from xaso.portal.models import Slogan

    with pytest.raises(ValidationError):
        services.slogan_create(
            commune=commune,
            text="Sai ngày",
            starts_on=datetime.date(2026, 5, 1),
            ends_on=datetime.date(2026, 4, 1),
        )
    assert not Slogan.objects.exists()


def test_server_error_page_is_vietnamese(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Lỗi máy chủ" in response.content.decode()


def test_admin_is_offered_in_vietnamese(client, home):
    # Wagtail's own Vietnamese catalogue is partial; completing it is a separate change.
    html = client.get("/admin/login/").content.decode()
    assert '<html lang="vi"' in html
    assert "Tên đăng nhập" in html


def test_a_browser_preferring_english_still_gets_vietnamese(client, article):
    html = client.get(article.url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9", **PHONE).content.decode()
    assert "Lượt xem" in html and "Tin mới" in html and "Xã Liên Khê" in html
