"""A province's platform at its real size: 114 communes of 2,500 articles each on PostgreSQL.

    .venv/bin/python bench/province.py [--communes 114] [--articles 2500] [--keep] [--check]

Builds two databases on PostgreSQL (127.0.0.1:5432) with the project's migrations: the province
(`xaso_prov_bench`, `--communes` communes of `--articles` articles, about 285,000 pages) and one
commune of as many articles (`xaso_prov_single`), the reference the province's figures are
compared with in the same run. Communes come from `commune_create`, their articles are written
in bulk (bench/_province_build.py); article text is recycled from the shared news corpus
(`../shared/corpus/`) when present, generated otherwise. `--keep` reuses databases built by an
earlier run and only measures. `--check` compares, on the province, bulk-built articles with one
made by `article_create` (run it small: `--communes 3 --articles 50 --check`).

Then, in a fresh process per database (its memory is the worker's), prints next to the issue's
targets: the build time and the time to add one more commune through `commune_create`; article
requests per second with the page cache and bypassing it (a session cookie, as an editor's
browser sends); search p50/p95 on one commune's site and across the province (its portal's
search) with short queries as residents type them (two or three words, without diacritics,
some with a typo); the page explorer's p95 as a commune's editor; one commune's sitemap; the
worker's resident memory. In-process (Django test client), one request at a time: compare the
figures of one run, not absolutes. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432/"
PROVINCE_HOST = "tinh.localhost"
UA = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"
ARTICLE_URLS = 120  # below the in-process page cache's 300 entries
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))


def database_prepare(name: str, keep: bool) -> bool:
    """Make the database (fresh, or kept from an earlier run); True when reused."""
    import psycopg

    with psycopg.connect(PG + "postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if keep and exists.fetchone():
            return True
        connection.execute(f"DROP DATABASE IF EXISTS {name}")
        connection.execute(f"CREATE DATABASE {name}")
    return False


def django_start(name: str) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "xaso.settings.test"
    os.environ["DATABASE_URL"] = PG + name
    import django

    django.setup()


def build(args: argparse.Namespace) -> dict[str, Any]:
    from _province_build import province_build
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("translations", "compile", stdout=open(os.devnull, "w"))  # noqa: SIM115
    migrate = time.perf_counter() - started
    times = province_build(args.communes, args.articles, log=lambda line: print(line, flush=True))
    from xaso.province.services import province_site_create

    province_site_create(user=None, name="Cổng tỉnh", province="Hải Phòng", hostname=PROVINCE_HOST)
    return {"migrate": migrate, **times}


def _timed(client: Any, url: str, host: str, **extra: Any) -> float:
    started = time.perf_counter()
    response = client.get(url, HTTP_HOST=host, **extra)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (host, url, response.status_code)
    return elapsed


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(len(ordered) * q) - 1)]


def _rate(client: Any, urls: list[tuple[str, str]], rounds: int, **extra: Any) -> float:
    """Requests per second over `urls`: the median of `rounds` rounds (the machine is shared)."""
    for host, url in urls:
        _timed(client, url, host, **extra)  # warm (and, with the page cache, fill it)
    rates = []
    for _ in range(rounds):
        started = time.perf_counter()
        for host, url in urls:
            _timed(client, url, host, **extra)
        rates.append(len(urls) / (time.perf_counter() - started))
    return statistics.median(rates)


def _search_times(function: Any, queries: list[str]) -> tuple[float, float]:
    function(queries[0])  # warm
    times = []
    for query in queries:
        started = time.perf_counter()
        function(query)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), _p(times, 0.95)


def measure(args: argparse.Namespace) -> dict[str, Any]:
    from django.conf import settings
    from django.db import transaction
    from django.test import Client
    from django.test.utils import setup_test_environment

    from xaso.accounts.choices import Role
    from xaso.accounts.services import staff_user_create
    from xaso.communes.models import Commune
    from xaso.communes.services import commune_create
    from xaso.portal import cache
    from xaso.portal.models import ArticlePage, NewsCategoryPage
    from xaso.search import selectors

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    queries = json.loads(Path(args.queries).read_text(encoding="utf-8"))
    communes = list(Commune.objects.select_related("site__root_page").order_by("pk"))
    first = communes[0]
    rng = random.Random(3)
    urls = []
    for commune in rng.sample(communes, min(len(communes), 12)):
        home = commune.site.root_page
        articles = list(
            ArticlePage.objects.live().descendant_of(home).values_list("url_path", flat=True)
        )
        prefix = len(home.url_path) - 1
        per_commune = ARTICLE_URLS // min(len(communes), 12)
        urls += [
            (commune.site.hostname, path[prefix:])
            for path in rng.sample(articles, min(per_commune, len(articles)))
        ]
    client = Client(HTTP_USER_AGENT=UA)
    result: dict[str, Any] = {"communes": len(communes), "pages": ArticlePage.objects.count()}

    settings.XASO_PAGE_CACHE_SECONDS = 0
    result["uncached"] = _rate(client, urls, ROUNDS)
    settings.XASO_PAGE_CACHE_SECONDS = 600
    cache.invalidate()
    result["cached"] = _rate(client, urls, ROUNDS * 4)
    hits = client.get(urls[0][1], HTTP_HOST=urls[0][0]).get("X-Cache")
    result["cached_header"] = hits
    settings.XASO_PAGE_CACHE_SECONDS = 0

    host = first.site.hostname
    ids = [commune.pk for commune in communes]
    result["search_commune"] = _search_times(
        lambda q: selectors.search(commune_id=first.pk, text=q, limit=10), queries
    )
    result["search_province"] = _search_times(
        lambda q: selectors.search(commune_ids=ids, text=q, limit=10), queries
    )
    result["search_commune_page"] = _search_times(
        lambda q: _timed(client, "/tim-kiem/", host, data={"q": q}), queries
    )
    result["search_province_page"] = _search_times(
        lambda q: _timed(client, "/tra-cuu/", PROVINCE_HOST, data={"q": q}), queries
    )

    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.filter(username="bientap-bench").first()
    if editor is None:
        editor = staff_user_create(
            commune=first, role=Role.EDITOR, username="bientap-bench",
            password=secrets.token_urlsafe(),
            first_name="Biên", last_name="Tập",
        )  # fmt: skip
    staff = Client(HTTP_USER_AGENT=UA)
    staff.force_login(editor)
    home = first.site.root_page
    category = NewsCategoryPage.objects.child_of(home).order_by("path").first()
    admin_urls = [
        ("explorer, home", f"/admin/pages/{home.pk}/"),
        ("explorer, a category", f"/admin/pages/{category.pk}/"),
        ("explorer, page 10", f"/admin/pages/{category.pk}/?p=10"),
        ("explorer, by date", f"/admin/pages/{category.pk}/?ordering=-latest_revision_created_at"),
    ]
    for label, url in admin_urls:
        _timed(staff, url, host)
        times = [_timed(staff, url, host) for _ in range(20)]
        result[f"admin {label}"] = (statistics.median(times), _p(times, 0.95))

    _timed(client, "/sitemap.xml", host, HTTP_COOKIE="sessionid=bench")
    times = [_timed(client, "/sitemap.xml", host, HTTP_COOKIE="sessionid=bench") for _ in range(5)]
    result["sitemap"] = statistics.median(times)
    status = Path("/proc/self/status").read_text()
    result["rss_mb"] = int(status.split("VmRSS:")[1].split()[0]) / 1024

    times = []
    for attempt in range(3):  # each undone: a kept database stays as it was
        with transaction.atomic():
            started = time.perf_counter()
            commune_create(
                name=f"Xã mới {attempt}", province="Hải Phòng", slug=f"xa-moi-{attempt}",
                hostname=f"xa-moi-{attempt}.localhost",
            )  # fmt: skip
            times.append(time.perf_counter() - started)
            transaction.set_rollback(True)
    result["commune_create"] = statistics.median(times)
    result["load"] = os.getloadavg()[1]
    return result


def resident_queries(count: int) -> list[str]:
    """Short queries as residents type them, from the articles commune 0 holds: two or three
    title words without diacritics, some with a typo, a few with their accents."""
    from _province_build import records
    from search_queries import _typo

    from xaso.core.text import fold

    rng = random.Random(17)
    queries = []
    corpus = records()
    for n, record in enumerate(rng.sample(corpus[:2500], count)):
        words = fold(record["title"]).split()
        size = 2 + n % 2
        starts = [
            i for i in range(len(words) - size + 1)
            if all(len(word) >= 3 for word in words[i : i + size])
        ]  # fmt: skip
        if not starts:
            continue
        start = rng.choice(starts)
        chosen = words[start : start + size]
        if n % 3 == 1:
            long = [i for i, word in enumerate(chosen) if len(word) >= 4]
            if long:
                i = rng.choice(long)
                chosen[i] = _typo(chosen[i], rng)
        elif n % 5 == 4:  # as written
            chosen = record["title"].split()[start : start + size]
        queries.append(" ".join(chosen))
    return queries


def _comment(name: str, value: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """What a finished build left on its database (its size and times), or write it."""
    import psycopg

    with psycopg.connect(PG + "postgres", autocommit=True) as connection:
        if value is not None:
            literal = json.dumps(value).replace("'", "''")
            connection.execute(f"COMMENT ON DATABASE {name} IS '{literal}'")
            return value
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
    return json.loads(row[0]) if row and row[0] else None


def _phase(args: argparse.Namespace, phase: str, database: str, *extra: str) -> dict[str, Any]:
    command = [
        sys.executable, __file__, "--phase", phase, "--database", database,
        "--communes", str(args.communes), "--articles", str(args.articles), *extra,
    ]  # fmt: skip
    process = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    *lines, last = process.stdout.rstrip().split("\n")
    for line in lines:
        print(line, flush=True)
    return json.loads(last)


def _row(label: str, single: Any, province: Any, target: str, unit: str = "") -> None:
    def shown(value: Any) -> str:
        if value is None:
            return "—"
        if isinstance(value, list | tuple):
            return " / ".join(f"{v:.0f}" if v >= 100 else f"{v:.1f}" for v in value)
        return f"{value:.0f}" if value >= 100 else f"{value:.1f}"

    print(f"{label:<38}{shown(single) + unit:>18}{shown(province) + unit:>20}   {target}")


def report(args: argparse.Namespace, figures: dict[str, dict[str, Any]]) -> None:
    single, province = figures["single"], figures["province"]
    build_s, build_p = single["build"], province["build"]
    print()
    print(
        f"Province benchmark: {province['communes']} communes, {province['pages']:,} articles "
        f"(one commune: {single['pages']:,}); PostgreSQL, in-process, one request at a time"
    )
    print(f"{'':<38}{'one commune':>18}{'province':>20}   target")
    _row("build, total (s)", build_s["total"], build_p["total"], "")
    for part in ("communes (services)", "articles (bulk)", "full-text index", "vacuum analyze"):
        _row(f"  {part} (s)", build_s[part], build_p[part], "")
    _row("one more commune, commune_create (s)", single["commune_create"],
         province["commune_create"], "≤ 5 s")  # fmt: skip
    for key, label in (("cached", "with the page cache"), ("uncached", "page cache bypassed")):
        ratio = province[key] / single[key] - 1
        _row(f"article req/s, {label}", single[key], province[key],
             f"within 10 % of one commune: {ratio:+.0%}")  # fmt: skip
    _row("search p50 / p95 (ms), commune site", single["search_commune"],
         province["search_commune"], "p50 ≤ 10, p95 ≤ 50")  # fmt: skip
    _row("search p50 / p95 (ms), province", single["search_province"],
         province["search_province"], "p50 ≤ 25, p95 ≤ 50")  # fmt: skip
    _row("  the whole page, commune (/tim-kiem/)", single["search_commune_page"],
         province["search_commune_page"], "")  # fmt: skip
    _row("  the whole page, province (/tra-cuu/)", single["search_province_page"],
         province["search_province_page"], "")  # fmt: skip
    for key in [key for key in province if key.startswith("admin ")]:
        _row(f"{key[6:]} p50 / p95 (ms)", single[key], province[key], "p95 ≤ 300")
    _row("one commune's sitemap.xml (ms)", single["sitemap"], province["sitemap"], "")
    _row("worker memory, RSS (MB)", single["rss_mb"], province["rss_mb"], "≤ 200 MB")
    searched = len(json.loads(Path(args.queries).read_text()))
    print(f"(search: {searched} queries; article requests: {ARTICLE_URLS} articles, median of "
          f"{ROUNDS} rounds uncached, {ROUNDS * 4} cached; cached answers say X-Cache: "
          f"{province['cached_header']}; load average while measuring "
          f"{single.get('load', 0):.1f} and {province.get('load', 0):.1f} on "
          f"{os.cpu_count()} cores)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--communes", type=int, default=114)
    parser.add_argument("--articles", type=int, default=2500)
    parser.add_argument("--keep", action="store_true", help="reuse databases built earlier")
    parser.add_argument("--check", action="store_true", help="compare bulk and service articles")
    parser.add_argument("--prefix", default="xaso_prov", help="the databases' names start so")
    parser.add_argument("--phase", choices=["build", "measure", "check"], help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--queries", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        django_start(args.database)
        if args.phase == "check":
            from _province_check import check

            print(json.dumps(check(PROVINCE_HOST)))
            return
        result = build(args) if args.phase == "build" else measure(args)
        if args.phase == "measure":  # kept to print the table again (see report)
            (ROOT / "var" / f"province-{args.database}.json").write_text(json.dumps(result))
        print(json.dumps(result))
        return
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    queries = ROOT / "var" / "province-queries.json"
    queries.parent.mkdir(exist_ok=True)
    queries.write_text(json.dumps(resident_queries(60), ensure_ascii=False), encoding="utf-8")
    args.queries = str(queries)
    figures = {}
    for key, database, communes in (
        ("single", f"{args.prefix}_single", 1),
        ("province", f"{args.prefix}_bench", args.communes),
    ):
        size = {"communes": communes, "articles": args.articles}
        kept = _comment(database) if database_prepare(database, args.keep) else None
        run = argparse.Namespace(**{**vars(args), "communes": communes})
        if kept is None or kept["size"] != size:
            print(f"Building {communes} commune(s) of {args.articles:,} articles ({database})…")
            kept = _comment(database, {"size": size, "build": _phase(run, "build", database)})
        else:
            print(f"Reusing {database} ({communes} commune(s) of {args.articles:,} articles)")
        figures[key] = {**_phase(run, "measure", database, "--queries", args.queries),
                        "build": kept["build"]}  # fmt: skip
        if key == "province" and args.check:
            for line in _phase(run, "check", database):
                print(line)
    report(args, figures)


if __name__ == "__main__":
    main()
