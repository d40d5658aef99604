"""Importing a campaign's households from a workbook, at the size of a large commune's road.

    .venv/bin/python bench/campaign_import.py [--database sqlite|postgres] [--rows 5000]

Builds a workbook of 5,000 households spread over 6 road segments from the campaign's own
template, then, on a fresh database and as the campaign's lead, times the first import (every
household created), a second import of the same file (nothing changes, nothing is written), an
export of every household and the import of that export. Prints seconds, rows per second, the
file's size and the peak memory: Python's allocations during an import (tracemalloc, measured on
a separate run, which it slows down) and the process's resident set. Prints figures, asserts
nothing beyond the counts it reports.
"""

from __future__ import annotations

import argparse
import datetime
import io
import resource
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import demo_commune, setup

SEGMENTS = 6
HAMLETS = 4
OFFICIALS = 5


def build_workbook(campaign, rows: int) -> bytes:
    from openpyxl import load_workbook

    from xaso.campaigns import spreadsheet

    segments = list(campaign.segments.order_by("sort_order"))
    hamlets = [f"Thôn {n}" for n in range(1, HAMLETS + 1)]
    officials = [f"Cán bộ {n}" for n in range(1, OFFICIALS + 1)]
    workbook = load_workbook(io.BytesIO(spreadsheet.template_workbook(campaign)))
    sheet = workbook.worksheets[0]
    for n in range(rows):
        cash = n % 10 == 0
        sheet.append(
            [
                f"H{n:05d}",
                segments[n % len(segments)].code,
                hamlets[n % len(hamlets)],
                f"Nguyễn Văn Hộ {n}",
                f"Số {n}, đường trục xã",
                f"09{n:08d}",
                f"Tờ {n // 200 + 1}, thửa {n}",
                "Trái" if n % 2 else "Phải",
                ("Đất ở", "Đất vườn", "Đất nông nghiệp")[n % 3],
                f"{15 + n % 30},5",
                0,
                10 + n % 8,
                1.5,
                n % 12,
                n % 2,
                n % 5,
                "Mái che" if n % 7 == 0 else "",
                "Tiền mặt" if cash else "Không có",
                2_000_000 if cash else 0,
                officials[n % len(officials)],
                "",
                "Có" if n % 4 == 0 else "Không",
                20.93 + n / 1e6,
                106.665 + n / 1e6,
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_campaign():
    from xaso.accounts.choices import Role
    from xaso.accounts.services import staff_user_create
    from xaso.campaigns.models import Campaign, Segment
    from xaso.campaigns.services import campaign_save, segment_save
    from xaso.communes.services import hamlet_create, official_create

    commune = demo_commune()
    campaign = campaign_save(
        campaign=Campaign(
            commune=commune, name="Mở rộng đường trục xã", started_on=datetime.date(2026, 3, 1)
        )
    )
    hamlets = [
        hamlet_create(commune=commune, name=f"Thôn {n}", sort_order=n)
        for n in range(1, HAMLETS + 1)
    ]
    for n in range(1, OFFICIALS + 1):
        official_create(commune=commune, full_name=f"Cán bộ {n}", position="Công chức")
    for n in range(1, SEGMENTS + 1):
        segment = segment_save(
            segment=Segment(
                campaign=campaign,
                code=f"D{n}",
                name=f"Đoạn {n}",
                from_m=(n - 1) * 1000,
                to_m=n * 1000,
                current_width=Decimal("3.5"),
                target_width=Decimal("6.5"),
                sort_order=n,
            )
        )
        segment.hamlets.set(hamlets)
    lead = staff_user_create(
        commune=commune,
        role=Role.CAMPAIGN_LEAD,
        username="chi-dao",
        password="bench",  # noqa: S106 — a throwaway database
        first_name="Người",
        last_name="Chỉ đạo",
    )
    return campaign, lead


def timed(label: str, action, rows: int):
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    print(f"  {label:<28}{seconds:8.2f} s{rows / seconds:10,.0f} rows/s", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    setup(args.database)

    from xaso.campaigns import spreadsheet
    from xaso.campaigns.models import Household

    campaign, lead = make_campaign()
    content = build_workbook(campaign, args.rows)
    print(
        f"campaign import, {args.database}: {args.rows:,} households over {SEGMENTS} segments, "
        f"workbook {len(content) / 1024:,.0f} KB"
    )

    def run(file: bytes):
        return lambda: spreadsheet.import_households(user=lead, campaign=campaign, file=file)

    first = timed("first import", run(content), args.rows)
    second = timed("same file again", run(content), args.rows)
    households = Household.objects.filter(campaign=campaign)
    exported = timed(
        "export",
        lambda: spreadsheet.export_households(campaign, households=households),
        args.rows,
    )
    again = timed("export imported back", run(exported), args.rows)
    for label, result in (("first", first), ("again", second), ("export back", again)):
        print(
            f"  {label:<12} created {result.created:,}, updated {result.updated:,}, "
            f"unchanged {result.unchanged:,}, errors {len(result.errors):,}"
        )

    households.delete()
    tracemalloc.start()
    spreadsheet.import_households(user=lead, campaign=campaign, file=content)
    _current, heap_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak Python memory, import   {heap_peak / 1024 / 1024:8.0f} MB")
    print(f"  peak memory (RSS), process   {rss_peak:8.0f} MB")


if __name__ == "__main__":
    main()
