"""The demo commune's land-donation campaign: the commune's main road (5 km) and the roads to
Thiểm Khê, Thụ Khê, Quỳ Khê, thôn 9 and thôn 10, with routes drawn near the commune and a few
hundred synthetic households in every state, their visits and moves dated over the campaign.

Every name, address, phone and parcel here is made up. Created through the services, in a fixed
order from a fixed seed; a second run changes nothing.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from xaso.campaigns import services
from xaso.campaigns.choices import PIPELINE, LandType, Side, Status, SupportKind, VisitKind
from xaso.campaigns.models import Campaign, Household, Segment, Visit
from xaso.communes.models import Commune, Hamlet, Official
from xaso.party.models import Cell

CAMPAIGN = "Mở rộng đường trục xã và đường các thôn"
# (code, name, length in metres, current and target width, road class, hamlets, route, households)
SEGMENTS: list[tuple[str, str, int, str, str, str, list[str], list[list[float]], int]] = [
    ("TX", "Đường trục xã", 5000, "4.5", "7.5", "A",
     ["Thôn 4", "Thôn 5", "Thôn 6", "Thôn 7", "Thôn 8"],
     [[106.5975, 20.9585], [106.6050, 20.9610], [106.6130, 20.9622], [106.6210, 20.9615],
      [106.6290, 20.9598], [106.6345, 20.9580]], 110),
    ("TK", "Đường đi Thiểm Khê", 1200, "3", "5.5", "B", ["Thiểm Khê"],
     [[106.6050, 20.9610], [106.6035, 20.9660], [106.6010, 20.9705]], 40),
    ("THK", "Đường đi Thụ Khê", 1000, "3", "5.5", "B", ["Thụ Khê"],
     [[106.6130, 20.9622], [106.6140, 20.9675], [106.6120, 20.9730]], 35),
    ("QK", "Đường đi Quỳ Khê", 900, "3", "5.5", "B", ["Quỳ Khê"],
     [[106.6210, 20.9615], [106.6235, 20.9665], [106.6260, 20.9710]], 30),
    ("T9", "Đường đi thôn 9", 800, "3", "5", "C", ["Thôn 9"],
     [[106.6210, 20.9615], [106.6200, 20.9560], [106.6185, 20.9505]], 30),
    ("T10", "Đường đi thôn 10", 700, "3", "5", "C", ["Thôn 10"],
     [[106.6290, 20.9598], [106.6300, 20.9545], [106.6285, 20.9500]], 25),
]  # fmt: skip
# Where households end up: mostly along the pipeline, a few refusing or with a problem.
SHARES = [
    (Status.NOT_CONTACTED, 8),
    (Status.MOBILISING, 14),
    (Status.AGREED, 12),
    (Status.SIGNED, 14),
    (Status.HANDED_OVER, 14),
    (Status.CLEARED, 16),
    (Status.RECORDED, 12),
    (Status.REFUSED, 4),
    (Status.DISPUTED, 6),
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Phan"]
MIDDLE_MEN = ["Văn", "Đức", "Minh", "Hữu", "Quang", "Xuân"]
MIDDLE_WOMEN = ["Thị", "Thị Thu", "Thị Hồng", "Thị Minh"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Khánh",
         "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quế", "Sơn", "Tâm", "Thắng",
         "Thảo", "Thủy", "Tiến", "Trung", "Tuấn", "Vân", "Yến"]  # fmt: skip
CANVASSERS = ["Nguyễn Văn Thành", "Vũ Đức Long", "Trần Văn Dũng", "Ngô Văn Bình",
              "Trịnh Thị Nga", "Đỗ Minh Quang"]  # fmt: skip
LOGIN = ("vandong", "Vũ Đức Long")  # the demo's canvassing official
NOTES = {
    Status.MOBILISING: "Tổ công tác đến nhà tuyên truyền chủ trương mở rộng đường.",
    Status.AGREED: "Gia đình đồng ý hiến đất, chờ ký cam kết.",
    Status.SIGNED: "Đã ký cam kết tự nguyện hiến đất, có trưởng thôn và Mặt trận chứng kiến.",
    Status.HANDED_OVER: "Đã bàn giao mặt bằng tại thực địa.",
    Status.CLEARED: "Đã tháo dỡ tường rào, cổng; xã hỗ trợ xây lại.",
    Status.RECORDED: "Đã chỉnh lý biến động trên hồ sơ địa chính.",
    Status.REFUSED: "Gia đình chưa đồng ý, đề nghị xem xét hỗ trợ thêm.",
    Status.DISPUTED: "Vướng mắc ranh giới với hộ liền kề, đề nghị thôn hòa giải.",
}
STARTED = datetime.date(2026, 2, 2)


def _name(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_MEN)} {rng.choice(GIVEN)}"
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_WOMEN)} {rng.choice(GIVEN)}"


def _statuses(count: int, rng: random.Random) -> list[Status]:
    total = sum(weight for _status, weight in SHARES)
    result: list[Status] = []
    for status, weight in SHARES:
        result += [status] * round(count * weight / total)
    result = (result + [Status.MOBILISING] * count)[:count]
    rng.shuffle(result)
    return result


def _path(final: Status) -> list[Status]:
    """The moves from not yet canvassed to `final`."""
    if final in (Status.REFUSED, Status.DISPUTED):
        return [Status.MOBILISING, final]
    return list(PIPELINE[1 : PIPELINE.index(final) + 1])


def _point(route: list[list[float]], fraction: float, side: int) -> tuple[Decimal, Decimal]:
    """A point along the route, a few metres to one side."""
    position = fraction * (len(route) - 1)
    index = min(int(position), len(route) - 2)
    part = position - index
    (x1, y1), (x2, y2) = route[index], route[index + 1]
    offset = 0.00012 * side
    lon = x1 + (x2 - x1) * part - (y2 - y1) / 10 * offset * 100
    lat = y1 + (y2 - y1) * part + (x2 - x1) / 10 * offset * 100
    return Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")


def _segments(campaign: Campaign, hamlets: dict[str, Hamlet]) -> list[tuple[Segment, Any]]:
    made = []
    for order, (code, name, length, now, target, road_class, names, route, count) in enumerate(
        SEGMENTS, start=1
    ):
        segment = services.segment_save(
            segment=Segment(
                campaign=campaign,
                code=code,
                name=name,
                from_m=0,
                to_m=length,
                current_width=Decimal(now),
                target_width=Decimal(target),
                road_class=road_class,
                geometry={"type": "LineString", "coordinates": route},
                sort_order=order,
            )
        )
        segment.hamlets.set([hamlets[n] for n in names if n in hamlets])
        made.append((segment, (names, route, count)))
    return made


def _login(commune: Commune) -> None:
    from django.contrib.auth import get_user_model

    username, name = LOGIN
    user = get_user_model().objects.filter(username=username).first()
    official = Official.objects.filter(commune=commune, full_name=name).first()
    if user is not None and official is not None and official.user_id is None:
        official.user = user
        official.save(update_fields=["user"])


@transaction.atomic
def load_campaigns_demo(commune: Commune, today: datetime.date | None = None) -> None:
    from xaso.campaigns.public import campaign_page_ensure

    _login(commune)
    existing = Campaign.objects.filter(commune=commune, name=CAMPAIGN).first()
    if existing is not None:
        campaign_page_ensure(campaign=existing)
        return
    today = today or timezone.localdate()
    rng = random.Random(2026)
    campaign = services.campaign_save(
        campaign=Campaign(
            commune=commune,
            name=CAMPAIGN,
            description=(
                "Vận động các hộ dân hiến đất, tháo dỡ tường rào, cổng để mở rộng đường trục xã "
                "dài 5 km và các tuyến đường đi Thiểm Khê, Thụ Khê, Quỳ Khê, thôn 9, thôn 10."
            ),
            started_on=STARTED,
            target_on=datetime.date(2027, 6, 30),
            contribution_note=(
                "Ngoài đất, nhiều hộ tự tháo dỡ tường rào, cổng và góp ngày công; xã hỗ trợ xây "
                "lại tường rào theo mẫu chung và vật liệu cho các hộ khó khăn."
            ),
        )
    )
    hamlets = {h.name: h for h in Hamlet.objects.filter(commune=commune)}
    cells = {c.hamlet_id: c for c in Cell.objects.filter(commune=commune, hamlet__isnull=False)}
    canvassers = list(Official.objects.filter(commune=commune, full_name__in=CANVASSERS))
    canvassers.sort(key=lambda official: CANVASSERS.index(official.full_name))
    span = max((today - STARTED).days, 30)
    rows: list[tuple[Household, list[str]]] = []
    plans: dict[str, tuple[list[services.Step], list[Visit]]] = {}
    for segment, (names, route, count) in _segments(campaign, hamlets):
        width = (segment.target_width - segment.current_width) / 2
        for number, final in enumerate(_statuses(count, rng), start=1):
            hamlet = hamlets[names[(number - 1) * len(names) // count]]
            side = 1 if number % 2 else -1
            length = Decimal(rng.randint(8, 25))
            strip = (width + Decimal(rng.choice(["-0.25", "0", "0.25"]))).quantize(Decimal("0.01"))
            latitude, longitude = _point(route, (number - 0.5) / count, side)
            support = rng.choices(
                [SupportKind.NONE, SupportKind.IN_KIND, SupportKind.REBUILT, SupportKind.CASH],
                weights=[60, 20, 15, 5],
            )[0]
            official = canvassers[(number + len(names)) % len(canvassers)] if canvassers else None
            household = Household(
                campaign=campaign,
                segment=segment,
                code=f"{segment.code}-{number:03d}",
                hamlet=hamlet,
                head_name=_name(rng),
                address=f"Số {number * 2 + (side > 0)}, {segment.name}, {hamlet.name}",
                phone=f"09{rng.randint(10_000_000, 99_999_999)}",
                parcel_ref=f"Tờ {rng.randint(5, 30)}, thửa {rng.randint(10, 400)}",
                latitude=latitude,
                longitude=longitude,
                side=Side.LEFT if side > 0 else Side.RIGHT,
                land_type=rng.choice([LandType.RESIDENTIAL, LandType.GARDEN]),
                area_needed=(length * strip).quantize(Decimal("0.1")),
                strip_length=length,
                strip_width=strip,
                wall_m=length if rng.random() < 0.7 else Decimal(0),
                gates=1 if rng.random() < 0.4 else 0,
                trees=rng.choice([0, 0, 1, 2]),
                support_kind=support,
                support_amount=2_000_000 if support == SupportKind.CASH else 0,
                official=official,
                cell=cells.get(hamlet.pk),
                honour_consent=final in (Status.SIGNED, *PIPELINE[4:]) and rng.random() < 0.7,
            )
            rows.append((household, []))
            moves = _path(final)
            # Moves spread over the campaign; some households stuck for weeks.
            days = sorted(rng.sample(range(span), len(moves))) if moves else []
            if final in (Status.MOBILISING, Status.DISPUTED, Status.REFUSED) and moves:
                days = [min(day, span - 25) for day in days]
            who = official.full_name if official else "Tổ công tác"
            steps, visits = [], []
            for move, day in zip(moves, days, strict=True):
                on_date = min(STARTED + datetime.timedelta(days=day), today)
                steps.append(services.Step(to_status=move, on_date=on_date, note=NOTES[move]))
                if move in (Status.MOBILISING, Status.REFUSED, Status.DISPUTED):
                    visits.append(
                        Visit(
                            visited_on=on_date,
                            kind=VisitKind.VISIT,
                            people=f"{who}, trưởng thôn",
                            outcome=NOTES[move],
                        )
                    )
            plans[household.code] = (steps, visits)
    services.households_import(campaign=campaign, rows=rows)
    recorded = {h.code: h for h in Household.objects.filter(campaign=campaign)}
    services.households_history_load(
        campaign=campaign,
        history=[(recorded[code], *plan) for code, plan in plans.items()],
    )
    campaign_page_ensure(campaign=campaign)
