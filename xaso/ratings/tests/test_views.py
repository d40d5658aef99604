"""The rating endpoint as browsers post it (with and without JavaScript), every abuse refused
with a message and no row, and the widget on every public page, the same for everyone."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from ..models import Rating
from ..views.public import COOKIE

pytestmark = pytest.mark.django_db
URL = "/danh-gia/"
JSON = {"HTTP_ACCEPT": "application/json"}
SCRIPT = '<script>alert("x")</script><b onmouseover="x()">đậm</b>'


def _post(client: Any, path: str = "/gioi-thieu/", ip: str = "203.0.113.7", **fields: Any) -> Any:
    headers = {key: fields.pop(key) for key in list(fields) if key.startswith("HTTP_")}
    data = {"page": "", "path": path, "score": "5", "comment": "", "website": "", **fields}
    return client.post(URL, data, REMOTE_ADDR=ip, **headers)


def test_url_name():
    assert reverse("ratings:rate") == URL


def test_a_rating_without_javascript_gets_a_thank_you_page(client, commune, article):
    response = _post(client, path=article.url, page=str(article.pk), score="4",
                     comment="Bài viết rất hữu ích", HTTP_ORIGIN="http://testserver")  # fmt: skip
    assert response.status_code == 200
    assert "text/html" in response["Content-Type"]
    assert 'data-testid="rating-result"' in response.content.decode()
    assert 'data-testid="rating"' not in response.content.decode()  # no widget on it
    assert f'href="{article.url}"' in response.content.decode()
    assert "no-store" in response.get("Cache-Control", "") or "max-age=0" in response.get(
        "Cache-Control", ""
    )
    rating = Rating.objects.get()
    assert (rating.commune, rating.page_id, rating.path, rating.score) == (
        commune, article.pk, article.url, 4
    )  # fmt: skip
    assert rating.comment == "Bài viết rất hữu ích"
    cookie = response.cookies[COOKIE]
    assert (
        cookie["httponly"] and cookie["samesite"] == "Lax" and int(cookie["max-age"]) > 300 * 86400
    )
    assert cookie.value not in rating.voter


def test_a_rating_with_javascript_gets_json(client, commune):
    response = _post(client, **JSON)
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True and body["message"]
    assert Rating.objects.count() == 1


def test_rating_twice_the_same_day_is_refused(client, commune):
    assert _post(client, **JSON).status_code == 200
    again = _post(client, score="1", **JSON)
    assert again.status_code == 409
    assert again.json()["ok"] is False and again.json()["message"]
    assert _post(client, score="1").status_code == 409  # without JavaScript too
    assert Rating.objects.count() == 1
    assert Rating.objects.get().score == 5
    assert _post(client, path="/tin-tuc/", **JSON).status_code == 200  # another page


def test_a_foreign_page_id_is_treated_as_no_page(client, commune, other_commune):
    other = other_commune
    assert _post(client, page=str(other.site.root_page.pk), **JSON).status_code == 200
    assert _post(client, path="/a/", page="abc", **JSON).status_code == 200
    assert set(Rating.objects.values_list("page_id", flat=True)) == {None}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"score": ""}, "score"),
        ({"score": "0"}, "score"),
        ({"score": "6"}, "score"),
        ({"score": "abc"}, "score"),
        ({"path": "http://evil.example/"}, "path"),
        ({"path": "//evil"}, "path"),
        ({"path": "/" + "a" * 10_001}, "path"),
        ({"comment": "x" * 100_000}, "comment"),
        ({"comment": "y" * 1001}, "comment"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_no_row(client, commune, fields, field):
    response = _post(client, **fields, **JSON)
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False and body["message"] and field in body["errors"]
    assert not Rating.objects.exists()
    page = _post(client, ip="203.0.113.8", **fields)  # without JavaScript
    assert page.status_code == 400
    assert 'data-ok="false"' in page.content.decode()
    assert not Rating.objects.exists()


def test_a_post_without_score_field_is_refused(client, commune):
    response = client.post(URL, {"path": "/"}, REMOTE_ADDR="203.0.113.7", **JSON)
    assert response.status_code == 400
    assert not Rating.objects.exists()


def test_html_in_the_comment_is_stored_as_text(client, commune):
    assert _post(client, comment=SCRIPT, **JSON).status_code == 200
    assert Rating.objects.get().comment == SCRIPT


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/trang"},
    ],
)
def test_a_post_from_another_site_is_refused(client, commune, headers):
    response = _post(client, **headers, **JSON)
    assert response.status_code == 403
    assert response.json()["message"]
    assert _post(client, **headers).status_code == 403
    assert not Rating.objects.exists()


def test_a_post_from_the_same_site_is_accepted(client, commune):
    response = _post(client, HTTP_REFERER="http://testserver/gioi-thieu/", **JSON)
    assert response.status_code == 200


def test_each_address_may_rate_only_so_often(client, commune, settings):
    settings.XASO_RATING_LIMIT_PER_ADDRESS = 3
    for number in range(3):
        assert _post(client, path=f"/trang-{number}/", **JSON).status_code == 200
    refused = _post(client, path="/trang-9/", **JSON)
    assert refused.status_code == 429 and refused.json()["message"]
    assert _post(client, path="/trang-9/").status_code == 429
    assert _post(client, path="/trang-9/", ip="198.51.100.4", **JSON).status_code == 200
    assert Rating.objects.count() == 4


def test_behind_the_proxy_each_resident_has_their_own_limit(client, commune, settings):
    settings.XASO_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.XASO_RATING_LIMIT_PER_ADDRESS = 2

    def rate(forwarded: str, number: int) -> int:
        client.cookies.clear()
        proxied = {"HTTP_X_FORWARDED_FOR": forwarded, **JSON}
        return int(_post(client, path=f"/trang-{number}/", ip="127.0.0.1", **proxied).status_code)

    assert [rate("198.51.100.1", number) for number in range(3)] == [200, 200, 429]
    assert [rate("198.51.100.2", number) for number in range(2)] == [200, 200]
    assert Rating.objects.count() == 4


def test_the_honeypot_saves_nothing(client, commune):
    response = _post(client, website="http://spam.example", **JSON)
    assert response.status_code == 200
    assert not Rating.objects.exists()


def test_only_post_is_answered(client, commune):
    assert client.get(URL).status_code == 405


def _widget(html: str) -> str:
    found = re.search(r'<section id="danh-gia".*?</section>', html, re.S)
    assert found, "no rating widget"
    return found.group(0)


def test_the_widget_is_on_every_public_page(client, commune, home, article):
    for url in ("/", article.url, "/phan-anh/", "/tim-kiem/?q=dan", "/so-do-trang/"):
        response = client.get(url)
        assert response.status_code == 200, url
        widget = _widget(response.content.decode())
        assert f'name="path" value="{url.split("?")[0]}"' in widget
        assert 'name="score"' in widget and 'maxlength="1000"' in widget
    assert f'name="page" value="{article.pk}"' in _widget(client.get(article.url).content.decode())


def test_the_widget_is_not_on_error_pages(client, commune):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert 'id="danh-gia"' not in response.content.decode()


def test_the_widget_is_the_same_for_everyone_and_holds_no_token(client, commune, article):
    from django.test import Client

    first = client.get(article.url, REMOTE_ADDR="203.0.113.7").content.decode()
    other = Client()
    other.cookies[COOKIE] = "a-returning-browser"
    second = other.get(article.url, REMOTE_ADDR="198.51.100.4").content.decode()
    assert _widget(first) == _widget(second)
    assert "csrfmiddlewaretoken" not in first
    assert "a-returning-browser" not in second
