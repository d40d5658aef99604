from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from typing import Any

from xaso.communes.models import Commune, Hamlet
from xaso.communes.services import hamlet_create
from xaso.communes.tests.factories import make_commune

from .. import public, services
from ..choices import PIPELINE, Status
from ..models import Campaign, Household, Segment
from ..services import campaign_save, household_save, segment_save

_numbers = itertools.count(1)
LINE = {"type": "LineString", "coordinates": [[106.6650, 20.9300], [106.6700, 20.9320]]}
OTHER_LINE = {"type": "LineString", "coordinates": [[106.6700, 20.9320], [106.6760, 20.9345]]}


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


def walk(household: Household, status: str) -> None:
    """Move a household along the pipeline (or to a side state) through the service."""
    targets: list[Status]
    if status in (Status.REFUSED, Status.DISPUTED):
        targets = [Status(status)]
    else:
        start = PIPELINE.index(Status(household.status)) + 1
        targets = PIPELINE[start : PIPELINE.index(Status(status)) + 1]
    for target in targets:
        services.household_move(household=household, to_status=target, note="Ghi chú")


def make_public_world(
    commune: Any | None = None,
    *,
    name: str = "Hiến đất mở rộng đường trục xã",
    with_page: bool = True,
) -> dict[str, Any]:
    """A campaign in one commune: three segments (two with a route), two hamlets, six households
    — recorded and named, cleared and not named, signed and named, agreed and named (too early
    for the board), refused, not yet canvassed."""
    commune = commune or make_commune(name="Liên Khê")
    east = make_hamlet(commune=commune, name="Thôn Đông")
    west = make_hamlet(commune=commune, name="Thôn Tây")
    campaign = make_campaign(
        commune=commune,
        name=name,
        description="Mở rộng đường trục xã từ 3,5 m lên 6,5 m.",
        target_on=datetime.date(2026, 12, 31),
        contribution_note="Nhân dân góp 120 ngày công và 15 triệu đồng làm rãnh thoát nước.",
    )
    first = make_segment(
        campaign=campaign, code="D1", name="Cổng làng – cầu Đá", geometry=LINE, hamlets=[east]
    )
    second = make_segment(
        campaign=campaign,
        code="D2",
        name="Cầu Đá – chợ",
        from_m=1000,
        to_m=1800,
        geometry=OTHER_LINE,
        hamlets=[west],
    )
    third = make_segment(
        campaign=campaign, code="D3", name="Chợ – trường", from_m=1800, to_m=2400, geometry=None
    )
    consent = {"honour_consent": True, "honour_consent_on": datetime.date(2026, 4, 1)}
    households = {
        "recorded": make_household(
            segment=first, hamlet=east, head_name="Trần Văn Vinh", **consent
        ),
        "cleared": make_household(segment=first, hamlet=east, head_name="Lê Thị Kín"),
        "signed": make_household(segment=first, hamlet=west, head_name="Đỗ Văn Hứa", **consent),
        "agreed": make_household(segment=second, hamlet=west, head_name="Vũ Thị Sớm", **consent),
        "refused": make_household(segment=second, hamlet=west, head_name="Hoàng Văn Từ"),
        "waiting": make_household(segment=third, hamlet=east, head_name="Phan Thị Chờ"),
    }
    for status, household in households.items():
        target = {"waiting": Status.NOT_CONTACTED}.get(status, status)
        if target != Status.NOT_CONTACTED:
            walk(household, target)
    page = public.campaign_page_ensure(campaign=campaign) if with_page else None
    return {
        "commune": commune,
        "campaign": campaign,
        "segments": [first, second, third],
        "hamlets": [east, west],
        "households": households,
        "page": page,
    }
