"""Portal page benchmark: server time, SQL queries and page weight of the main public pages.

Runs in-process against the demo commune (`make bench` loads it first). It prints figures; it
asserts nothing. Pages are measured side by side in one run, so compare ratios, not absolutes.
"""

from __future__ import annotations

import gzip
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings.dev")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from xaso.portal.models import ArticlePage  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "50"))
UA = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"


def measure(client: Client, url: str) -> dict[str, float]:
    client.get(url)  # warm: renditions, caches
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return {
        "median_ms": statistics.median(times),
        "p95_ms": sorted(times)[int(len(times) * 0.95) - 1],
        "queries": len(queries),
        "html_kb": len(response.content) / 1024,
        "gzip_kb": len(gzip.compress(response.content)) / 1024,
    }


def main() -> None:
    article = ArticlePage.objects.live().get(source_name="Hải Phòng Online")
    pages = {
        "home": "/",
        "category": article.get_parent().url,
        "article": article.url,
        "search": "/tim-kiem/?q=n%C3%B4ng+th%C3%B4n",
        "feed": "/rss/",
    }
    client = Client(HTTP_USER_AGENT=UA, HTTP_HOST="127.0.0.1")
    print(f"xaso portal pages, {ROUNDS} requests each, in-process (Django test client)")
    print(f"{'page':<10}{'median ms':>10}{'p95 ms':>9}{'queries':>9}{'HTML KB':>9}{'gzip KB':>9}")
    for name, url in pages.items():
        row = measure(client, url)
        print(
            f"{name:<10}{row['median_ms']:>10.1f}{row['p95_ms']:>9.1f}{row['queries']:>9d}"
            f"{row['html_kb']:>9.1f}{row['gzip_kb']:>9.1f}"
        )


if __name__ == "__main__":
    main()
