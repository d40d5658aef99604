"""Known-item search quality on the real news corpus: MRR@10 and recall@10 per kind of query.

    .venv/bin/python bench/search_quality.py --database sqlite|postgres [--sample 300]

Imports the shared corpus (`../shared/corpus/corpus.jsonl`) with `import_articles` into a fresh
database, builds queries mechanically (title with and without diacritics, three distinctive
body words without diacritics, title with one typo, title words shuffled) and reports, per kind,
the mean reciprocal rank of the article within the first 10 results and how often it is there.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import corpus_lines, demo_commune, setup


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="SQLite file kept between runs (tuning)")
    args = parser.parse_args()
    lines = corpus_lines()
    reused = setup(args.database, args.keep)

    from search_queries import KINDS, build

    from xaso.communes.models import Commune
    from xaso.portal.importing import import_lines
    from xaso.search import selectors

    commune = Commune.objects.first() if reused else demo_commune()
    start = time.perf_counter()
    outcomes: dict[str, int] = defaultdict(int)
    if not reused:
        for _n, outcome, message in import_lines(lines, user=None, home=commune.site.root_page):
            outcomes[outcome] += 1
            if message:
                print(f"line {_n}: {message}")
    imported = time.perf_counter() - start
    records = [json.loads(line) for line in lines]
    queries = build(records, args.sample)
    reciprocal: dict[str, list[float]] = defaultdict(list)
    for kind, text, expected in queries:
        hits = selectors.search(commune_id=commune.pk, text=text, limit=10).hits
        ids = [hit.document.source_id for hit in hits]
        reciprocal[kind].append(1 / (ids.index(expected) + 1) if expected in ids else 0.0)
    print(
        f"search quality, {args.database}: {outcomes['created']} articles imported in "
        f"{imported:.0f} s ({dict(outcomes)}), {len(queries)} queries"
    )
    print(f"{'kind':<16}{'queries':>8}{'MRR@10':>9}{'recall@10':>11}")
    every: list[float] = []
    for kind in KINDS:
        values = reciprocal[kind]
        every.extend(values)
        recall = sum(v > 0 for v in values) / len(values)
        print(f"{kind:<16}{len(values):>8}{sum(values) / len(values):>9.3f}{recall:>11.3f}")
    print(
        f"{'overall':<16}{len(every):>8}{sum(every) / len(every):>9.3f}"
        f"{sum(v > 0 for v in every) / len(every):>11.3f}"
    )


if __name__ == "__main__":
    main()
