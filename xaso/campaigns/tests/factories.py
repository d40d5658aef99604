from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from typing import Any

from xaso.communes.models import Commune, Hamlet
from xaso.communes.services import hamlet_create

from ..models import Campaign, Household, Segment
from ..services import campaign_save, household_save, segment_save

_numbers = itertools.count(1)
LINE = {"type": "LineString", "coordinates": [[106.6650, 20.9300], [106.6700, 20.9320]]}


def make_campaign(*, commune: Commune, **fields: Any) -> Campaign:
    defaults: dict[str, Any] = {
        "name": f"Mở rộng đường trục xã đợt {next(_numbers)}",
        "started_on": datetime.date(2026, 3, 1),
    }
    return campaign_save(campaign=Campaign(commune=commune, **{**defaults, **fields}))


def make_segment(*, campaign: Campaign, **fields: Any) -> Segment:
    number = next(_numbers)
    hamlets = fields.pop("hamlets", [])
    defaults: dict[str, Any] = {
        "code": f"D{number}",
        "name": f"Đoạn {number}",
        "from_m": 0,
        "to_m": 1000,
        "current_width": Decimal("3.5"),
        "target_width": Decimal("6.5"),
        "road_class": "B",
        "geometry": LINE,
        "sort_order": number,
    }
    segment = segment_save(segment=Segment(campaign=campaign, **{**defaults, **fields}))
    segment.hamlets.set(hamlets)
    return segment


def make_hamlet(*, commune: Commune, name: str | None = None) -> Hamlet:
    number = next(_numbers)
    return hamlet_create(commune=commune, name=name or f"Thôn {number}", sort_order=number)


def make_household(*, segment: Segment, hamlet: Hamlet, **fields: Any) -> Household:
    number = next(_numbers)
    defaults: dict[str, Any] = {
        "code": f"H{number:04d}",
        "head_name": f"Nguyễn Văn {number}",
        "address": f"Số {number}, đường trục xã",
        "phone": f"0912{number:06d}",
        "parcel_ref": f"Tờ 12, thửa {number}",
        "area_needed": Decimal("20"),
        "strip_length": Decimal("10"),
        "strip_width": Decimal("2"),
        "wall_m": Decimal("10"),
        "gates": 1,
        "trees": 0,
    }
    return household_save(
        household=Household(
            campaign=segment.campaign, segment=segment, hamlet=hamlet, **{**defaults, **fields}
        )
    )
