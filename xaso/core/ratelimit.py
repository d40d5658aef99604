"""Counting what one client (an address, a phone number, a form's token) may do in a while.

The counters live in a cache of their own, `CACHES["ratelimit"]` (see xaso/settings/base.py):
Redis shared by every app process when REDIS_URL is set; otherwise a process-local cache that
nothing else writes to, so no amount of page traffic evicts a counter. Keys never hold what is
counted, only a keyed hash of it (HMAC-SHA256 with SECRET_KEY): the cache holds no address and
no phone number.

A counter starts at the first use and lasts its window (a fixed window, not a sliding one);
adding to it does not extend it.
"""

from __future__ import annotations

from django.core.cache import BaseCache, caches
from django.utils.crypto import salted_hmac

CACHE_ALIAS = "ratelimit"
_SALT = "xaso.core.ratelimit"


def store() -> BaseCache:
    return caches[CACHE_ALIAS]


def cache_key(scope: str, value: str) -> str:
    """`scope` in the clear (for whoever reads the cache), `value` only as a keyed hash."""
    digest = salted_hmac(_SALT, f"{scope}\x00{value}", algorithm="sha256").hexdigest()
    return f"rl:{scope}:{digest[:40]}"


def used(scope: str, value: str) -> int:
    """How many times `value` was counted in `scope` in its current window."""
    return int(store().get(cache_key(scope, value)) or 0)


def exceeded(scope: str, value: str, *, limit: int) -> bool:
    """Whether `value` has used up its `limit` in `scope` (without counting this look)."""
    return used(scope, value) >= limit


def allow(scope: str, value: str, *, limit: int, seconds: int) -> bool:
    """Count one use of `scope` by `value`; True while it is within `limit` uses per window of
    `seconds`, False when this use goes beyond it (the caller refuses it).

    Counting and checking are one step (an atomic add or increment in the cache), so two
    requests at once cannot both take the last free use."""
    key = cache_key(scope, value)
    cache = store()
    if cache.add(key, 1, seconds):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired in between: this use starts a new window
            cache.set(key, 1, seconds)
            count = 1
    return count <= limit


def first_use(scope: str, value: str, *, seconds: int) -> bool:
    """True the first time `value` is used in `scope` within `seconds`, False every later time
    (a token that may be used only once)."""
    return bool(store().add(cache_key(scope, value), 1, seconds))


def was_used(scope: str, value: str) -> bool:
    return store().get(cache_key(scope, value)) is not None
