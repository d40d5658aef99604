"""Exact view counts: one count per browser and window, no bots, buffered, flushed exactly once."""

from __future__ import annotations

import threading

import pytest
from django.test import Client

from xaso.portal import counter
from xaso.portal.models import PageViewCount, ViewFlush
from xaso.portal.selectors import article_view_count
from xaso.portal.tests.factories import make_article

PHONE_UA = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"


def _visit(client: Client, article) -> int:
    response = client.post(f"/api/v1/views/{article.pk}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return response.json()["count"]


def _stored(article) -> int:
    return PageViewCount.objects.filter(page=article).values_list("count", flat=True).first() or 0


@pytest.fixture(autouse=True)
def fresh_buffer(settings):
    settings.REDIS_URL = ""
    counter._buffer = None
    yield
    counter._buffer = None


@pytest.mark.django_db
def test_a_browser_counts_once_per_article_and_the_count_reaches_the_database(article):
    reader = Client(HTTP_USER_AGENT=PHONE_UA)
    assert _visit(reader, article) == 1
    assert _visit(reader, article) == 1  # same browser, same window
    assert _visit(Client(HTTP_USER_AGENT=PHONE_UA), article) == 2
    assert _stored(article) == 0  # still buffered …
    assert article_view_count(article=article) == 2  # … but already shown
    assert counter.flush() == 2
    assert _stored(article) == 2 and article_view_count(article=article) == 2


@pytest.mark.django_db
def test_each_article_counts_separately(category):
    first = make_article(category=category, title="Một")
    second = make_article(category=category, title="Hai")
    reader = Client(HTTP_USER_AGENT=PHONE_UA)
    _visit(reader, first)
    _visit(reader, second)
    _visit(reader, first)
    counter.flush()
    assert (_stored(first), _stored(second)) == (1, 1)


@pytest.mark.django_db
def test_bots_and_missing_user_agents_do_not_count(article):
    _visit(Client(HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)"), article)
    _visit(Client(), article)
    counter.flush()
    assert _stored(article) == 0


@pytest.mark.django_db
def test_the_pixel_counts_readers_without_javascript(article):
    reader = Client(HTTP_USER_AGENT=PHONE_UA)
    response = reader.get(f"/api/v1/views/{article.pk}/")
    assert response["Content-Type"] == "image/gif" and response.content.startswith(b"GIF89a")
    reader.post(f"/api/v1/views/{article.pk}/")
    counter.flush()
    assert _stored(article) == 1


@pytest.mark.django_db
def test_a_tampered_cookie_and_unknown_pages(article):
    reader = Client(HTTP_USER_AGENT=PHONE_UA)
    reader.cookies["xaso_xem"] = "abc|::|9:x|-1:5"
    assert _visit(reader, article) == 1
    assert reader.post("/api/v1/views/999999/").status_code == 404
    assert reader.put(f"/api/v1/views/{article.pk}/").status_code == 405
    assert reader.get("/api/v1/views/abc/").status_code == 404


@pytest.mark.django_db
def test_the_window_expires(article, settings):
    settings.XASO_VIEW_WINDOW_SECONDS = 0
    reader = Client(HTTP_USER_AGENT=PHONE_UA)
    _visit(reader, article)
    _visit(reader, article)
    counter.flush()
    assert _stored(article) == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_visits_add_exactly_n(category):
    """Threads share the buffer, as the requests of one app process do."""
    article = make_article(category=category, title="Nhiều người xem")
    threads, per_thread = 8, 50
    store = counter.buffer()

    def visit() -> None:
        for _ in range(per_thread):
            store.add(article.pk)

    workers = [threading.Thread(target=visit) for _ in range(threads)]
    for worker in workers:
        worker.start()
    flushed = 0
    for worker in workers:
        worker.join()
        flushed += counter.flush()  # flushing while others still add
    flushed += counter.flush()
    assert flushed == threads * per_thread
    assert _stored(article) == threads * per_thread


@pytest.mark.django_db
def test_a_failed_flush_keeps_the_visits(article, monkeypatch):
    counter.buffer().add(article.pk)
    monkeypatch.setattr(counter, "_apply", lambda counts: (_ for _ in ()).throw(RuntimeError))
    with pytest.raises(RuntimeError):
        counter.flush()
    monkeypatch.undo()
    assert counter.flush() == 1 and _stored(article) == 1


@pytest.mark.django_db
def test_redis_buffer_survives_a_restart_and_flushes_exactly_once(article, settings, redis_url):
    import redis

    url = redis_url
    redis.Redis.from_url(url).flushdb()
    settings.REDIS_URL = url
    counter._buffer = None
    for _ in range(5):
        counter.buffer().add(article.pk)
    counter._buffer = None  # the app process restarts: the visits wait in Redis
    assert counter.current_count(article.pk) == 5
    # A flusher died after adding a batch but before deleting it: the batch must not count twice.
    store = counter.buffer()
    batch = next(iter(store.batches()))
    counter._apply(batch[1])
    ViewFlush.objects.create(batch=batch[0])
    assert counter.flush() == 0
    assert _stored(article) == 5
    for _ in range(3):
        counter.buffer().add(article.pk)
    assert counter.flush() == 3 and _stored(article) == 8
    assert counter.current_count(article.pk) == 8


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_ids_beyond_the_database_integers_are_not_found(method):
    reader = Client(HTTP_USER_AGENT=PHONE_UA)
    for page_id in (2**31, 2**63, 2**64, 10**30):
        response = getattr(reader, method)(f"/api/v1/views/{page_id}/")
        assert response.status_code == 404, page_id
    assert reader.post("/api/v1/views/0/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://testserver"},
    ],
)
def test_visits_sent_from_another_site_are_not_counted(article, headers):
    for _ in range(5):
        reader = Client(HTTP_USER_AGENT=PHONE_UA, **headers)
        response = reader.post(f"/api/v1/views/{article.pk}/")
        assert response.status_code == 403
        assert "trang web khác" in response.json()["error"]
        pixel = reader.get(f"/api/v1/views/{article.pk}/")  # answered, not counted
        assert pixel.status_code == 200 and pixel["Content-Type"] == "image/gif"
    counter.flush()
    assert _stored(article) == 0


@pytest.mark.django_db
def test_visits_from_this_site_count(article):
    own = {
        "HTTP_ORIGIN": "http://testserver",
        "HTTP_SEC_FETCH_SITE": "same-origin",
        "HTTP_REFERER": f"http://testserver{article.url}",
    }
    assert _visit(Client(HTTP_USER_AGENT=PHONE_UA, **own), article) == 1
    pixel = Client(HTTP_USER_AGENT=PHONE_UA, HTTP_REFERER=f"http://testserver{article.url}")
    pixel.get(f"/api/v1/views/{article.pk}/")
    counter.flush()
    assert _stored(article) == 2


@pytest.mark.django_db
def test_a_client_dropping_its_cookie_counts_at_most_the_limit_per_address(
    category, article, settings
):
    settings.XASO_VIEW_LIMIT_PER_ADDRESS = 5
    for _ in range(40):  # a new browser each time: no cookie is ever sent back
        Client(HTTP_USER_AGENT=PHONE_UA).post(f"/api/v1/views/{article.pk}/")
    other = make_article(category=category, title="Bài khác")
    Client(HTTP_USER_AGENT=PHONE_UA).post(f"/api/v1/views/{other.pk}/")
    elsewhere = Client(HTTP_USER_AGENT=PHONE_UA, REMOTE_ADDR="203.0.113.9")
    elsewhere.post(f"/api/v1/views/{article.pk}/")
    counter.flush()
    assert _stored(article) == 5 + 1  # the limit, and one reader from another address
    assert _stored(other) == 1  # the limit is per article
