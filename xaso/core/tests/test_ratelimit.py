"""The client's address behind a trusted proxy and without one, and the rate-limit counters: kept
apart from the page cache, keyed by a hash, counted atomically across threads."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.cache import cache, caches
from django.test import RequestFactory

from xaso.core import ratelimit
from xaso.core.clientip import client_address

factory = RequestFactory()


def _request(remote: str, forwarded: str | None = None) -> Any:
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return factory.get("/", **headers)


def test_without_trusted_proxies_the_connection_is_the_client(settings):
    settings.XASO_TRUSTED_PROXIES = []
    # Served directly, a client's own X-Forwarded-For is ignored.
    assert client_address(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"
    assert client_address(_request("127.0.0.1", "198.51.100.1")) == "127.0.0.1"


def test_behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client(settings):
    settings.XASO_TRUSTED_PROXIES = ["127.0.0.1", "::1", "10.0.0.0/8"]
    assert client_address(_request("127.0.0.1", "198.51.100.1")) == "198.51.100.1"
    # A client that writes its own header: nginx appends what it saw, which is what counts.
    assert client_address(_request("127.0.0.1", "192.0.2.99, 198.51.100.1")) == "198.51.100.1"
    assert client_address(_request("127.0.0.1", "garbage, 198.51.100.1")) == "198.51.100.1"
    # Two proxies (a load balancer in 10/8, then nginx): both are skipped.
    assert client_address(_request("::1", "198.51.100.1, 10.1.2.3")) == "198.51.100.1"
    assert client_address(_request("127.0.0.1", "2001:db8::5")) == "2001:db8::5"
    assert client_address(_request("127.0.0.1", "::ffff:198.51.100.1")) == "198.51.100.1"


@pytest.mark.parametrize("forwarded", [None, "", "not-an-address", "10.0.0.1", "300.1.1.1"])
def test_a_proxy_without_a_usable_header_is_its_own_address(settings, forwarded):
    settings.XASO_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert client_address(_request("127.0.0.1", forwarded)) == "127.0.0.1"


def test_a_forged_header_from_an_untrusted_address_is_ignored(settings):
    settings.XASO_TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"
    assert client_address(_request("203.0.113.7", "127.0.0.1")) == "203.0.113.7"


def test_an_ipv6_address_is_not_taken_for_a_trusted_ipv4_network(settings):
    settings.XASO_TRUSTED_PROXIES = ["127.0.0.1"]
    # ::7f00:1 is the integer of 127.0.0.1: it must not be trusted as if it were.
    assert client_address(_request("::7f00:1", "198.51.100.1")) == "::7f00:1"


def test_the_limit_allows_exactly_the_limit_and_keys_hold_no_address():
    for _ in range(3):
        assert ratelimit.allow("test", "203.0.113.7", limit=3, seconds=60)
    assert not ratelimit.allow("test", "203.0.113.7", limit=3, seconds=60)
    assert ratelimit.exceeded("test", "203.0.113.7", limit=3)
    assert not ratelimit.exceeded("test", "203.0.113.8", limit=3)
    assert not ratelimit.exceeded("other", "203.0.113.7", limit=3)
    key = ratelimit.cache_key("test", "203.0.113.7")
    assert "203.0.113.7" not in key and "203" not in key
    keys = list(caches["ratelimit"]._cache)
    assert keys and not [k for k in keys if "203.0.113" in k]


def test_page_traffic_does_not_evict_a_counter():
    for _ in range(2):
        ratelimit.allow("test", "203.0.113.7", limit=2, seconds=3600)
    for number in range(1000):  # 1000 pages with random query strings
        cache.set(f"xaso:page:/?x={number}", b"<html>" * 10, 60)
    assert ratelimit.exceeded("test", "203.0.113.7", limit=2)


def test_counting_is_atomic_across_threads():
    allowed: list[bool] = []
    lock = threading.Lock()

    def post() -> None:
        for _ in range(25):
            result = ratelimit.allow("test", "203.0.113.7", limit=50, seconds=60)
            with lock:
                allowed.append(result)

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == 50 and len(allowed) == 200


def test_first_use_is_true_once():
    assert ratelimit.first_use("token", "abc", seconds=60)
    assert not ratelimit.first_use("token", "abc", seconds=60)
    assert ratelimit.was_used("token", "abc") and not ratelimit.was_used("token", "abd")


def test_a_mistyped_trusted_proxy_is_reported_by_the_checks(settings):
    from xaso.core.clientip import check_trusted_proxies

    settings.XASO_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert check_trusted_proxies() == []
    settings.XASO_TRUSTED_PROXIES = ["127.0.0.1", "nginx"]
    assert [error.id for error in check_trusted_proxies()] == ["xaso.E001"]


def test_with_redis_counting_and_single_use_work_the_same(monkeypatch, redis_url):
    import redis
    from django.core.cache.backends.redis import RedisCache

    store = RedisCache(redis_url, {"KEY_PREFIX": "xaso-ratelimit-test"})
    store.clear()
    monkeypatch.setattr(ratelimit, "store", lambda: store)
    assert [ratelimit.allow("test", "203.0.113.7", limit=2, seconds=60) for _ in range(3)] == [
        True,
        True,
        False,
    ]
    assert ratelimit.exceeded("test", "203.0.113.7", limit=2)
    assert ratelimit.first_use("token", "abc", seconds=60)
    assert not ratelimit.first_use("token", "abc", seconds=60)
    keys = [key.decode() for key in redis.Redis.from_url(redis_url).keys("xaso-ratelimit-test*")]
    assert keys and not [key for key in keys if "203.0.113" in key]
    store.clear()
