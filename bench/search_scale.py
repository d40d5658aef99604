"""Search at province scale: 100,000 documents from the shared corpus, perturbed and multiplied.

    .venv/bin/python bench/search_scale.py --database sqlite|postgres [--documents 100000]

Writes search documents straight into the index tables (creating 100,000 Wagtail pages would
measure page creation, not search), then times a full re-index (`fulltext_rebuild`, what
`rebuild_search_index` runs after collecting the pages) and the latency of a few hundred
mixed queries, and reports the process's peak memory.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import corpus_lines, demo_commune, setup


def perturb(record: dict, copy: int, rng: random.Random) -> dict:
    if copy == 0:
        return record
    paragraphs = record["body"].split("\n")
    rng.shuffle(paragraphs)
    words = record["title"].split()
    if len(words) > 4:
        i = rng.randrange(len(words))
        words[i], words[-1] = words[-1], words[i]
    return {
        **record,
        "id": f"{record['id']}-{copy}",
        "title": " ".join(words),
        "body": "\n".join(paragraphs[: max(1, len(paragraphs) - rng.randrange(3))]),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument(
        "--keep", type=Path, help="keep the database between runs (a file name; tuning only)"
    )
    args = parser.parse_args()
    records = [json.loads(line) for line in corpus_lines()]
    reused = setup(args.database, args.keep)

    from django.db import transaction
    from django.utils import timezone

    from xaso.search.models import SearchDocument
    from xaso.search.services import fulltext_rebuild

    commune = demo_commune()
    if reused and SearchDocument.objects.count() == args.documents:
        print(f"search scale, {args.database}: reusing the kept {args.documents:,} documents")
        return measure(args, records, commune, rows=0.0, reindex=0.0)
    SearchDocument.objects.all().delete()
    rng = random.Random(11)
    start = time.perf_counter()
    batch = []
    base = timezone.now()
    for n in range(args.documents):
        record = perturb(records[n % len(records)], n // len(records), rng)
        batch.append(
            SearchDocument(
                commune=commune,
                kind="article",
                object_id=n + 1,
                title=record["title"][:500],
                lead=record["lead"],
                body=record["body"],
                url=f"/bai-viet/{n + 1}/",
                category_title=record["category"],
                published_at=base - datetime.timedelta(hours=n),
                source_id=record["id"],
            )
        )
        if len(batch) == 2000:
            with transaction.atomic():
                SearchDocument.objects.bulk_create(batch)
            batch = []
    with transaction.atomic():
        SearchDocument.objects.bulk_create(batch)
    rows = time.perf_counter() - start
    print(
        f"search scale, {args.database}: {args.documents:,} rows written in {rows:.1f} s",
        flush=True,
    )

    start = time.perf_counter()
    indexed = fulltext_rebuild()
    reindex = time.perf_counter() - start
    print(f"full re-index of {indexed:,} documents in {reindex:.1f} s", flush=True)
    measure(args, records, commune, rows=rows, reindex=reindex)


def measure(args: argparse.Namespace, records: list[dict], commune, *, rows: float, reindex: float):
    from search_queries import build

    from xaso.search import selectors
    from xaso.search.models import SearchDocument

    indexed = SearchDocument.objects.count()
    queries = build(records, max(1, args.queries // 5), seed=3)
    latencies = []
    for _kind, text, _expected in queries:
        begin = time.perf_counter()
        selectors.search(commune_id=commune.pk, text=text, limit=10)
        latencies.append((time.perf_counter() - begin) * 1000)
    latencies.sort()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"search scale, {args.database}: {indexed:,} documents")
    print(f"  rows written        {rows:8.1f} s")
    print(f"  full re-index       {reindex:8.1f} s")
    print(f"  queries             {len(latencies):8d}")
    print(f"  latency p50         {statistics.median(latencies):8.1f} ms")
    print(f"  latency p95         {latencies[int(len(latencies) * 0.95) - 1]:8.1f} ms")
    print(f"  latency max         {latencies[-1]:8.1f} ms")
    print(f"  peak memory (RSS)   {peak_mb:8.0f} MB")


if __name__ == "__main__":
    main()
