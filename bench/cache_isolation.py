"""Page cache isolation: the hit ratio of commune B's pages while commune A publishes.

Builds three communes in a fresh SQLite database (a temporary file; `REDIS_URL` set: the
generations are kept in that Redis, else in the process), warms the cache with B's pages, then
`BENCH_ROUNDS` times: A publishes an edited article, and an anonymous reader asks for B's home,
category and article. Prints B's hit ratio and median time, once with A's changes bumping A's
generation only (as xaso does), once with each change bumping the global generation (as before
issue 21: one generation for the whole instance). It prints figures; it asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = (
    f"sqlite:///{Path(tempfile.mkdtemp(prefix='xaso-bench-cache-')) / 'bench.sqlite3'}"
)
os.environ["DJANGO_SETTINGS_MODULE"] = "xaso.settings.test"  # plain static files, any host

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "50"))
UA = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"


def main() -> None:
    from xaso.communes.tests.factories import make_commune
    from xaso.portal import cache
    from xaso.portal.tests.factories import make_article, make_category

    call_command("migrate", verbosity=0)
    settings.XASO_PAGE_CACHE_SECONDS = 600
    communes = [
        make_commune(name=name, slug=slug, hostname=f"{slug}.example.vn")
        for name, slug in (("Một", "xa-mot"), ("Hai", "xa-hai"), ("Ba", "xa-ba"))
    ]
    pages = []
    for commune in communes:
        category = make_category(parent=commune.site.root_page, title="Tin tức", slug="tin-tuc")
        article = make_article(category=category, title=f"Tin của xã {commune.name}")
        pages.append((commune.site.hostname, ["/", category.url, article.url], article))
    (_a_host, _a_urls, a_article), (b_host, b_urls, _b_article) = pages[0], pages[1]
    client = Client(HTTP_USER_AGENT=UA)
    where = "Redis" if getattr(settings, "REDIS_URL", "") else "the process's cache"
    print(f"Commune B read while commune A publishes, {ROUNDS} rounds, generations in {where}")
    print(f"{'generations':<24}{'B hit ratio':>12}{'B median ms':>13}")
    for name, global_bump in (("per commune (now)", False), ("one global (before)", True)):
        for url in b_urls:  # warm
            client.get(url, HTTP_HOST=b_host)
        hits = 0
        times = []
        for number in range(ROUNDS):
            a_article.title = f"Tin của xã Một, lần sửa {name} {number}"
            a_article.save_revision().publish()
            if global_bump:
                cache.invalidate()
            for url in b_urls:
                start = time.perf_counter()
                response = client.get(url, HTTP_HOST=b_host)
                times.append((time.perf_counter() - start) * 1000)
                hits += response.get("X-Cache") == "HIT"
        ratio = hits / (ROUNDS * len(b_urls))
        print(f"{name:<24}{ratio:>12.0%}{statistics.median(times):>13.1f}")


if __name__ == "__main__":
    main()
