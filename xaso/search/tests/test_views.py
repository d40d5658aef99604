"""The search page and API: results, filters, messages, and hostile input never breaking them."""

from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xaso.portal.tests.factories import make_article, make_category
from xaso.search import selectors
from xaso.search.models import PopularQuery

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"',
    "'",
    '"nong thon',
    "nong (thon",
    "(((",
    ")",
    "AND",
    "OR",
    "NOT",
    "a AND b",
    "NEAR(a b)",
    "NEAR",
    "*",
    "^",
    ":",
    "title:x",
    "x:*",
    "a & b | !c",
    "<->",
    "\\",
    "%",
    "_",
    "--",
    ";",
    "' OR 1=1 --",
    "'; DROP TABLE search_searchdocument; --",
    "x" * 10_000,
    "\x00\x01\x1f",
    "\u200b",
    "   ",
    "",
    "đ" * 300,
    "🙂",
    "𝕏",
    "\ufeff",
    "a\u0301",
    "ạ" * 5000,
]


def _build_published(commune):
    category = make_category(parent=commune.site.root_page, title="Đảng bộ xã", slug="dang-bo-xa")
    other = make_category(parent=commune.site.root_page, title="Nông thôn mới", slug="ntm")
    return {
        "category": category,
        "road": make_article(category=other, title="Người dân hiến đất làm đường", days_ago=2),
        "party": make_article(category=category, title="Đảng bộ xã họp định kỳ", days_ago=1),
    }


# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _build_published
SHARED_WORLD_FIXTURE = "published"


@pytest.fixture
def published(shared_world):
    return shared_world


@pytest.fixture
def category(published):
    return published["category"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_never_break_the_page_or_the_api(client, published, text):
    page = client.get("/tim-kiem/", {"q": text})
    assert page.status_code == 200
    api = client.get("/api/v1/search/", {"q": text})
    assert api.status_code == 200
    assert isinstance(api.json()["results"], list)
    assert client.get("/api/v1/search/suggest/", {"q": text}).status_code == 200


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_any_text_is_a_safe_query(commune, published, text):
    results = selectors.search(commune_id=commune.pk, text=text)
    assert results.count >= 0
    assert all(hit.document.commune_id == commune.pk for hit in results.hits)
    selectors.search(commune_id=commune.pk, text=text, prefix=True)


def test_search_page_shows_highlighted_results_count_and_filters(client, published):
    html = client.get("/tim-kiem/", {"q": "hien dat"}).content.decode()
    assert "<mark>hiến</mark> <mark>đất</mark>" in html
    assert "1 kết quả" in html
    assert 'name="category"' in html and 'name="kind"' in html and 'name="date_from"' in html


def test_filters_in_the_query_string(client, published):
    road = published["road"]
    html = client.get(
        "/tim-kiem/", {"q": "dang dat", "category": road.get_parent().pk}
    ).content.decode()
    assert "Không tìm thấy" in html or road.title not in html
    html = client.get(
        "/tim-kiem/", {"q": "hien dat", "category": road.get_parent().pk}
    ).content.decode()
    assert "hiến</mark>" in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "dat", "date_from": "khong-phai-ngay"},
        {"q": "dat", "date_from": "2026-13-45"},
        {"q": "dat", "date_from": "2026-05-01", "date_to": "2026-04-01"},
        {"q": "dat", "category": "abc"},
        {"q": "dat", "category": "999999"},
        {"q": "dat", "kind": "khong-co"},
        {"q": "dat", "trang": "-5"},
        {"q": "dat", "trang": "999999999999999999999"},
    ],
)
def test_bad_filters_give_a_message_not_an_error(client, published, params):
    response = client.get("/tim-kiem/", params)
    assert response.status_code == 200
    html = response.content.decode()
    if "date" in str(params) or "category" in params or "kind" in params:
        assert "field__error" in html or "Chọn" in html or "ngày" in html


def test_date_errors_are_in_vietnamese(client, published):
    html = client.get("/tim-kiem/", {"q": "dat", "date_from": "xyz"}).content.decode()
    assert "Nhập một ngày hợp lệ" in html or "ngày hợp lệ" in html
    html = client.get(
        "/tim-kiem/", {"q": "dat", "date_from": "2026-05-01", "date_to": "2026-04-01"}
    ).content.decode()
    assert "Ngày kết thúc không được trước ngày bắt đầu" in html


@pytest.mark.parametrize(
    "params",
    [
        {"date_to": "9999-12-31"},
        {"date_to": "31/12/9999"},
        {"date_from": "0001-01-01"},
        {"date_from": "0001-01-01", "date_to": "9999-12-31"},
        {"date_from": "9999-12-31"},
    ],
)
def test_dates_out_of_range_are_a_message_not_a_server_error(client, published, params):
    response = client.get("/tim-kiem/", {"q": "hien dat", **params})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ngày phải nằm trong khoảng từ 01/01/1900 đến 31/12/2100" in html
    assert "Người dân hiến đất làm đường" in html  # the filter is left out, the search runs


def test_the_selector_holds_extreme_days_within_range(commune, published):
    far = {"date_from": datetime.date.min, "date_to": datetime.date.max}
    hits = selectors.search(commune_id=commune.pk, text="hien dat", **far).hits
    assert [hit.document.title for hit in hits] == ["Người dân hiến đất làm đường"]
    late = {"date_from": datetime.date.max}
    assert selectors.search(commune_id=commune.pk, text="hien dat", **late).hits == []


def test_api_returns_the_documented_shape(client, published):
    data = client.get("/api/v1/search/", {"q": "hien dat lam duong", "limit": 5}).json()
    assert data["count"] == 1
    (result,) = data["results"]
    assert set(result) == {"title", "url", "lead", "published_at", "category", "source_id", "score"}
    assert result["title"] == "Người dân hiến đất làm đường"
    assert result["category"] == "Nông thôn mới"
    assert result["url"].startswith("http://testserver/")


def test_api_limit_offset_and_category(client, commune, category):
    for n in range(12):
        make_article(category=category, title=f"Thông báo lịch họp {n}", slug=f"tb{n}", days_ago=n)
    page1 = client.get("/api/v1/search/", {"q": "lich hop", "limit": 5}).json()
    page3 = client.get("/api/v1/search/", {"q": "lich hop", "limit": 5, "offset": 10}).json()
    assert page1["count"] == 12 and len(page1["results"]) == 5 and len(page3["results"]) == 2
    scoped = client.get("/api/v1/search/", {"q": "lich hop", "category": category.pk}).json()
    assert scoped["count"] == 12


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "0"},
        {"limit": "51"},
        {"limit": "x"},
        {"offset": "-1"},
        {"offset": "1e9"},
        {"category": "abc"},
        {"category": "424242"},
    ],
)
def test_api_rejects_bad_parameters_in_vietnamese(client, published, params):
    response = client.get("/api/v1/search/", {"q": "dat", **params})
    assert response.status_code == 400
    message = json.loads(response.content)["error"]
    assert message and any(ch in message for ch in "ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữự")


def test_suggestions_complete_the_last_word(client, published):
    data = client.get("/api/v1/search/suggest/", {"q": "hien d"}).json()
    assert [item["title"] for item in data["suggestions"]] == ["Người dân hiến đất làm đường"]


def _popular(client) -> str:
    html = client.get("/tim-kiem/").content.decode()
    start = html.find('id="popular-heading"')
    return html[start : html.find("</section>", start)] if start >= 0 else ""


def test_popular_searches_are_listed_once_several_clients_made_them(client, published, settings):
    settings.XASO_POPULAR_QUERY_MIN_CLIENTS = 3
    for number in range(3):
        address = f"198.51.100.{number + 1}"
        for _ in range(2):  # the same client again the same day counts once
            client.get("/tim-kiem/", {"q": "hiến đất"}, REMOTE_ADDR=address)
        client.get("/tim-kiem/", {"q": "không có gì cả xyz"}, REMOTE_ADDR=address)
    listed = _popular(client)
    assert "hiến đất" in listed and "xyz" not in listed  # only queries that found something
    assert PopularQuery.objects.get(folded="hien dat").count == 3


def test_one_client_cannot_put_a_phrase_among_the_popular_searches(client, published):
    for _ in range(25):
        client.get("/tim-kiem/", {"q": "hiến đất"}, REMOTE_ADDR="203.0.113.7")
    assert PopularQuery.objects.get(folded="hien dat").count == 1
    assert "hiến đất" not in _popular(client)


def test_control_and_bidi_characters_are_never_stored_or_shown(client, published, settings):
    settings.XASO_POPULAR_QUERY_MIN_CLIENTS = 1
    hostile = "\u202ehi\u200bến\u2066 \u200fđất\u2069\x07\u202a\ufeff"
    response = client.get("/tim-kiem/", {"q": hostile})
    html = response.content.decode()
    assert "Người dân hiến đất làm đường" in html
    (stored,) = PopularQuery.objects.values_list("text", flat=True)
    assert stored == "hiến đất"
    bidi = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u200b\x07"
    assert not any(char in html for char in bidi)
    assert not any(char in _popular(client) for char in bidi)
    # Rows stored before queries were cleaned are shown cleaned.
    PopularQuery.objects.update(text="\u202eđất hiến")
    assert "\u202e" not in _popular(client) and "đất hiến" in _popular(client)


def test_a_long_query_is_cut_and_still_answers(client, published):
    words = "hiến đất làm đường " + " ".join(f"từ{number}" for number in range(46))
    response = client.get("/tim-kiem/", {"q": words})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Từ khóa tìm kiếm quá dài: chỉ 10 từ và 200 ký tự đầu tiên" in html
    # What the page says it searched for is the ten words searched, not the fifty typed.
    assert "“hiến đất làm đường từ0 từ1 từ2 từ3 từ4 từ5”" in html and "từ45”" not in html
    data = client.get("/api/v1/search/", {"q": words}).json()
    assert "quá dài" in data["notice"]
    assert "notice" not in client.get("/api/v1/search/", {"q": "hiến đất"}).json()
    assert "quá dài" not in client.get("/tim-kiem/", {"q": "hiến đất"}).content.decode()


def test_nothing_found_offers_a_correction(client, published):
    html = client.get("/tim-kiem/", {"q": "hien datt"}).content.decode()
    assert "hiến</mark>" in html  # the typo still finds it
    html = client.get("/tim-kiem/", {"q": "dang boo hopp"}).content.decode()
    assert "Có phải bạn muốn tìm" in html


def test_a_communes_search_never_returns_another_communes_pages(client, published, other_commune):
    """Three communes on one instance: the page, the API and the suggestions each answer from
    the commune whose host was asked, and the category of another commune is no filter here."""
    from xaso.communes.tests.factories import make_commune

    third = make_commune(
        name="Kênh Giang", slug="kenh-giang", hostname="kenh-giang.haiphong.gov.vn"
    )
    others = {}
    for commune in (other_commune, third):
        category = make_category(parent=commune.site.root_page, title="Nông thôn mới", slug="ntm")
        title = f"Người dân {commune.name} hiến đất làm đường"
        make_article(category=category, title=title)
        others[commune.site.hostname] = (category, title)
    hosts = {"testserver": (published["category"], "Người dân hiến đất làm đường"), **others}
    for host, (_category, title) in hosts.items():
        page = client.get("/tim-kiem/", {"q": "hien dat lam duong"}, HTTP_HOST=host)
        shown = page.content.decode()
        api = client.get("/api/v1/search/", {"q": "hien dat lam duong"}, HTTP_HOST=host).json()
        suggested = client.get("/api/v1/search/suggest/", {"q": "hien d"}, HTTP_HOST=host).json()
        assert [result["title"] for result in api["results"]] == [title], host
        assert [item["title"] for item in suggested["suggestions"]] == [title], host
        assert all(result["url"].startswith(f"http://{host}/") for result in api["results"])
        assert title in shown, host
        for other_host, (other_category, other_title) in hosts.items():
            if other_host != host:
                assert other_title not in shown, (host, other_host)
                foreign = {"q": "hien dat", "category": other_category.pk}
                response = client.get("/api/v1/search/", foreign, HTTP_HOST=host)
                assert response.status_code == 400, (host, other_host)
