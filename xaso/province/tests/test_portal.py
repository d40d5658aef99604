"""The province's portal: directory, latest news, search across communes, New Rural standing."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from xaso.communes.models import CommuneSuccession
from xaso.communes.tests.factories import make_commune
from xaso.portal.tests.factories import make_article, make_category
from xaso.province.models import ProvinceHomePage
from xaso.province.services import province_site_create

pytestmark = pytest.mark.django_db

HOST = "tinh.haiphong.gov.vn"


@pytest.fixture
def province(db):
    return province_site_create(
        user=None, name="Cổng thông tin Hải Phòng", province="Hải Phòng", hostname=HOST
    )


def get(client, path):
    response = client.get(path, HTTP_HOST=HOST)
    assert response.status_code == 200, response.status_code
    return response


def main(response) -> str:
    html = response.content.decode()
    return re.search(r"<main.*?</main>", html, re.S).group(0)


def test_province_site_create_is_idempotent_and_province_only(province, django_user_model):
    again = province_site_create(
        user=None, name="Cổng thông tin Hải Phòng", province="Hải Phòng", hostname=HOST
    )
    assert again.pk == province.pk
    assert ProvinceHomePage.objects.count() == 1
    site = Site.objects.get(hostname=HOST)
    assert site.root_page_id == province.pk
    with pytest.raises(ValidationError):  # one province portal per instance
        province_site_create(user=None, name="Khác", province="Hải Phòng", hostname="x.vn")
    nobody = django_user_model.objects.create_user(username="khach", password="x")
    with pytest.raises(PermissionDenied):
        province_site_create(user=nobody, name="A", province="Hải Phòng", hostname="y.vn")


def test_directory_lists_exactly_the_province_communes_with_hosts(
    province, commune, other_commune, client
):
    elsewhere = make_commune(name="Hạ Long Thử", province="Quảng Ninh", slug="ha-long-thu",
                             hostname="halong.quangninh.gov.vn")  # fmt: skip
    CommuneSuccession.objects.create(
        predecessor=elsewhere, successor=other_commune, effective_on="2025-07-01"
    )
    html = main(get(client, "/"))
    entries = re.findall(r'data-testid="commune">\s*<h3[^>]*><a href="([^"]+)">([^<]+)</a>', html)
    assert entries == [
        (f"http://{commune.site.hostname}/", commune.full_name),
        (f"http://{other_commune.site.hostname}/", other_commune.full_name),
    ]
    assert elsewhere.site.hostname not in html  # another province's commune is not listed
    assert "Hình thành từ" in html and elsewhere.full_name in html  # the former unit, named
    # The port the visitor used is kept (the local demo at :8000).
    local = client.get("/", HTTP_HOST=f"{HOST}:8000").content.decode()
    assert f"http://{commune.site.hostname}:8000/" in local


def test_directory_filters_by_kind_and_folded_name(province, commune, other_commune, client):
    html = main(get(client, "/?q=luu+kiem"))
    assert other_commune.full_name in html and commune.full_name not in html
    html = main(get(client, "/?q=LIÊN%20khe"))
    assert commune.full_name in html and other_commune.full_name not in html
    html = main(get(client, "/?loai=phuong"))
    assert "Không có xã nào" in html
    html = main(get(client, "/?loai=khong-co"))  # a bad kind: every commune, with a message
    assert commune.full_name in html and "field__error" in html


def _news_world(commune, other_commune):
    for target in (commune, other_commune):
        category = make_category(parent=target.site.root_page)
        make_article(category=category, title=f"Tin của {target.name}")
    draft_category = make_category(parent=commune.site.root_page)
    draft = make_article(category=draft_category, title="Bản nháp chưa đăng")
    draft.unpublish()
    return draft


def test_latest_news_names_each_commune_and_hides_drafts_and_other_provinces(
    province, commune, other_commune, client
):
    _news_world(commune, other_commune)
    elsewhere = make_commune(name="Cẩm Phả Thử", province="Quảng Ninh", slug="cam-pha-thu",
                             hostname="campha.quangninh.gov.vn")  # fmt: skip
    make_article(category=make_category(parent=elsewhere.site.root_page), title="Tin Quảng Ninh")
    html = main(get(client, "/tin-moi/"))
    items = re.findall(r'data-testid="news-item">.*?<a href="([^"]+)">([^<]+)</a>.*?'
                       r'province-news__commune">([^<]+)<', html, re.S)  # fmt: skip
    titles = {title: (url, name) for url, title, name in items}
    assert titles[f"Tin của {commune.name}"][1] == commune.full_name
    assert titles[f"Tin của {other_commune.name}"][1] == other_commune.full_name
    assert titles[f"Tin của {commune.name}"][0].startswith(f"http://{commune.site.hostname}/")
    assert "Bản nháp chưa đăng" not in html and "Tin Quảng Ninh" not in html
    # The article's link opens it on its commune's site.
    url = titles[f"Tin của {other_commune.name}"][0]
    path = url.split(other_commune.site.hostname, 1)[1]
    opened = client.get(path, HTTP_HOST=other_commune.site.hostname)
    assert opened.status_code == 200 and f"Tin của {other_commune.name}" in opened.content.decode()


def test_latest_news_queries_do_not_grow_with_the_communes(
    province, commune, other_commune, client
):
    _news_world(commune, other_commune)
    get(client, "/tin-moi/")  # what is remembered until the next change (site, chrome)
    with CaptureQueriesContext(connection) as two:
        get(client, "/tin-moi/")
    third = make_commune(name="Thứ Ba", slug="thu-ba", hostname="thuba.haiphong.gov.vn")
    for number in range(3):
        make_article(category=make_category(parent=third.site.root_page), title=f"Ba {number}")
    get(client, "/tin-moi/")
    with CaptureQueriesContext(connection) as three:
        html = main(get(client, "/tin-moi/"))
    assert "Ba 2" in html
    assert len(three) == len(two), [q["sql"] for q in three.captured_queries]


def test_the_feed_names_each_commune(province, commune, client):
    make_article(category=make_category(parent=commune.site.root_page), title="Tin có RSS")
    feed = get(client, "/rss/").content.decode()
    assert f"<title>Tin có RSS ({commune.full_name})</title>" in feed
    assert f"<link>http://{commune.site.hostname}/" in feed


def test_news_is_paginated_with_trang(province, commune, client, settings):
    settings.XASO_ARTICLES_PER_PAGE = 2
    category = make_category(parent=commune.site.root_page)
    for number in range(3):
        make_article(category=category, title=f"Tin thứ {number}", days_ago=number)
    first = main(get(client, "/tin-moi/"))
    second = main(get(client, "/tin-moi/?trang=2"))
    assert "Tin thứ 0" in first and "Tin thứ 2" not in first
    assert "Tin thứ 2" in second and "trang=1" in second
    assert "Tin thứ 0" in main(get(client, "/tin-moi/?trang=abc"))  # a bad page: the first


def test_search_across_communes_with_and_without_the_commune_filter(
    province, commune, other_commune, client, settings
):
    settings.XASO_PAGE_CACHE_SECONDS = 60  # the page cache lets the commune filter through
    make_article(category=make_category(parent=commune.site.root_page), title="Đường làng mới")
    make_article(category=make_category(parent=other_commune.site.root_page),
                 title="Đường liên thôn được mở rộng")  # fmt: skip
    html = main(get(client, "/tra-cuu/?q=duong"))  # folded: "duong" finds "Đường"
    assert "Đường làng mới" in re.sub(r"</?mark>", "", html)
    assert "liên thôn được mở rộng" in re.sub(r"</?mark>", "", html)
    assert commune.full_name in html and other_commune.full_name in html
    html = re.sub(r"</?mark>", "", main(get(client, f"/tra-cuu/?q=dduong&xa={other_commune.pk}")))
    assert "liên thôn được mở rộng" in html  # a typo still finds it
    assert "Đường làng mới" not in html
    empty = main(get(client, "/tra-cuu/?q="))
    assert "Vui lòng nhập" in empty


def test_new_rural_standing_equals_the_commune_results_page(province, commune, client):
    from xaso.ntm.models import NtmResultsPage
    from xaso.ntm.tests.factories import assess, make_programme, make_set

    programme = make_programme(commune, make_set())
    assess(programme, "1.1", 2026, number=95)
    assess(programme, "2.1", 2026, passed=True)
    results = NtmResultsPage.objects.descendant_of(commune.site.root_page).get()
    own = client.get(results.url_path[len(commune.site.root_page.url_path) - 1 :],
                     HTTP_HOST=commune.site.hostname).content.decode()  # fmt: skip
    tally = re.search(r'class="ntm-tally"[^>]*>\s*(\d+) trên (\d+)', own) or re.search(
        r'class="ntm-tally"[^>]*>\s*(\d+)\D+(\d+)', own
    )
    assert tally, own
    html = main(get(client, "/nong-thon-moi/"))
    row = re.search(rf'data-commune="{commune.slug}".*?data-testid="met">([^<]+)<', html, re.S)
    assert row is not None
    numbers = re.findall(r"\d+", row.group(1))
    assert numbers == [tally.group(1), tally.group(2)]


def test_a_commune_change_refreshes_the_cached_directory(province, commune, client, settings):
    from xaso.portal import services

    settings.XASO_PAGE_CACHE_SECONDS = 60
    get(client, "/")
    assert get(client, "/")["X-Cache"] == "HIT"
    services.portal_settings_update(site=commune.site, phone="0225 999 888")
    assert "0225 999 888" in main(get(client, "/"))


def test_the_home_page_title_names_the_portal_once_and_a_page_with_it(province, client):
    site = Site.objects.get(hostname=HOST)
    home = get(client, "/").content.decode()
    assert f"<title>{site.site_name}</title>" in home
    search = get(client, "/tra-cuu/?q=nong+thon").content.decode()
    assert re.search(rf"<title>[^<]+ – {re.escape(site.site_name)}</title>", search)
    # The banner does not say "Cổng thông tin điện tử" above a name that already says it.
    site.site_name = "Cổng thông tin điện tử thành phố Hải Phòng"
    site.save()
    banner = get(client, "/").content.decode()
    assert "site-header__kicker" not in banner
