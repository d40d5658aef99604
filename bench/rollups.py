"""The province's roll-ups over a province's worth of communes.

    .venv/bin/python bench/rollups.py [--database sqlite|postgres] [--communes 100]

On a fresh database, builds the communes through `commune_create` (each with its site and the
pages it must publish) and gives each a little of everything the roll-ups count: two articles,
three residents' submissions, five ratings, a New Rural programme with two assessments and a
campaign with four households. Then prints, best and median of five: the time to compute every
row (`province.rollups.rollup_rows`) with its number of queries, and the whole page and the Excel
workbook as the province's administrator gets them (Django test client, in-process). Building
the communes takes most of the run (about a second each on SQLite). Prints figures, asserts
nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import setup

ROUNDS = 5


def build(count: int) -> None:
    from django.utils import timezone

    from xaso.campaigns.choices import Status
    from xaso.campaigns.tests.factories import (
        make_campaign,
        make_hamlet,
        make_household,
        make_segment,
        walk,
    )
    from xaso.communes.choices import CommuneKind
    from xaso.communes.services import commune_create
    from xaso.feedback.tests.factories import make_submission
    from xaso.ntm.tests.factories import assess, make_programme, make_set
    from xaso.portal.tests.factories import make_article, make_category
    from xaso.ratings.tests.factories import make_rating

    criteria_set = make_set()
    today = timezone.localdate()
    kinds = [CommuneKind.COMMUNE, CommuneKind.WARD, CommuneKind.SPECIAL_ZONE]
    started = time.perf_counter()
    for n in range(count):
        commune = commune_create(
            name=f"Xã thử {n:03d}",
            kind=kinds[n % 3] if n % 10 == 0 else CommuneKind.COMMUNE,
            province="Hải Phòng",
            slug=f"xa-thu-{n:03d}",
            hostname=f"xa-thu-{n:03d}.localhost",
            is_default_site=n == 0,
        )
        news = make_category(parent=commune.site.root_page)
        make_article(category=news, days_ago=n % 40)
        make_article(category=news, days_ago=n % 7)
        for _ in range(3):
            make_submission(commune)
        for score in range(1, 6):
            make_rating(commune, score=score, token=f"trinh-duyet-{score}", day=today)
        programme = make_programme(commune, criteria_set)
        assess(programme, "1.1", 2026, number=Decimal(80 + n % 20))
        assess(programme, "3.1", 2026, passed=n % 2 == 0)
        campaign = make_campaign(commune=commune)
        segment = make_segment(campaign=campaign)
        hamlet = make_hamlet(commune=commune)
        for status in (Status.MOBILISING, Status.AGREED, Status.HANDED_OVER, Status.REFUSED):
            walk(make_household(segment=segment, hamlet=hamlet, area_donated=Decimal(15)), status)
        if (n + 1) % 10 == 0:
            print(f"  {n + 1} communes built, {time.perf_counter() - started:.0f} s", flush=True)


def timed(function) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(ROUNDS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            function()
            times.append(time.perf_counter() - started)
        queries = len(captured)
    return min(times), statistics.median(times), queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--communes", type=int, default=100)
    arguments = parser.parse_args()
    setup(arguments.database)
    print(f"Building {arguments.communes} communes on {arguments.database}…", flush=True)
    build(arguments.communes)

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    from xaso.province import rollups

    setup_test_environment()
    admin = get_user_model().objects.create_superuser("tinh", "tinh@example.vn", "bench-123456789")
    client = Client()
    client.force_login(admin)

    def page() -> None:
        assert client.get("/admin/province/communes/").status_code == 200

    def workbook() -> None:
        assert client.get("/admin/province/communes/export.xlsx").status_code == 200

    rows = rollups.rollup_rows()  # the first, filling the caches
    print(f"{len(rows)} rows")
    for label, function in (
        ("rows (rollup_rows)", rollups.rollup_rows),
        ("page", page),
        ("Excel workbook", workbook),
    ):
        best, median, queries = timed(function)
        print(
            f"{label:20} best {best * 1000:7.0f} ms  median {median * 1000:7.0f} ms  "
            f"{queries} queries"
        )


if __name__ == "__main__":
    main()
