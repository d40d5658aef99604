"""Reads of campaign records: who sees which households, the progress of a campaign by segment
and by hamlet, the households stuck, each official's workload, the honour board and the
contributions to disclose.

Progress is counted in one grouped query per breakdown, whatever the number of households.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from xaso.accounts.scoping import user_commune_ids

from .choices import CLEARED, DONATED, PIPELINE, SIDE, TAKING_PART, Status, SupportKind
from .models import Campaign, Household, Segment
from .services import ALL_HOUSEHOLDS, official_for_user

STUCK_DAYS = 14
# On the honour board: households that signed their commitment or went further, and consented.
HONOURED = [Status.SIGNED, Status.HANDED_OVER, Status.CLEARED, Status.RECORDED]
ZERO = Decimal(0)


def stuck_days() -> int:
    return max(int(getattr(settings, "XASO_CAMPAIGN_STUCK_DAYS", STUCK_DAYS)), 1)


def campaigns_for(user: Any) -> QuerySet[Campaign]:
    campaigns = Campaign.objects.select_related("commune")
    ids = user_commune_ids(user)
    return campaigns if ids is None else campaigns.filter(commune__in=ids)


def households_for(user: Any) -> QuerySet[Household]:
    """Every household of the user's communes for the campaign lead; for an official, the
    households assigned to them."""
    households = Household.objects.select_related(
        "campaign", "segment", "hamlet", "official", "cell"
    )
    ids = user_commune_ids(user)
    if ids is not None:
        households = households.filter(commune__in=ids)
    if user.has_perm(ALL_HOUSEHOLDS):
        return households
    official = official_for_user(user)
    if official is None:
        return households.none()
    return households.filter(official=official)


@dataclass
class Progress:
    """Counts and sums over a set of households."""

    households: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    area_needed: Decimal = ZERO
    area_donated: Decimal = ZERO
    frontage: Decimal = ZERO
    cleared: Decimal = ZERO

    def add(self, status: str, count: int, needed: Any, donated: Any, length: Any) -> None:
        self.households += count
        self.by_status[status] = self.by_status.get(status, 0) + count
        self.area_needed += needed or ZERO
        self.frontage += length or ZERO
        if status in DONATED:
            self.area_donated += donated or ZERO
        if status in CLEARED:
            self.cleared += length or ZERO

    @property
    def taking_part(self) -> int:
        return sum(self.by_status.get(status, 0) for status in TAKING_PART)

    @property
    def donated_households(self) -> int:
        return sum(self.by_status.get(status, 0) for status in DONATED)

    @property
    def area_percent(self) -> int:
        """The share of the area needed that has been handed over, in whole per cent."""
        if not self.area_needed:
            return 0
        return min(int(self.area_donated * 100 / self.area_needed), 100)

    @property
    def cleared_percent(self) -> int:
        if not self.frontage:
            return 0
        return min(int(self.cleared * 100 / self.frontage), 100)

    def statuses(self) -> list[tuple[Status, int]]:
        """Every status in pipeline order, side states last, with its count."""
        return [(status, self.by_status.get(status, 0)) for status in [*PIPELINE, *SIDE]]


def _grouped(campaign: Campaign, key: str) -> dict[Any, Progress]:
    return _grouped_households(Household.objects.filter(campaign=campaign), key)


def _grouped_households(households: QuerySet[Household], key: str) -> dict[Any, Progress]:
    rows = (
        households.order_by()
        .values(key, "status")
        .annotate(
            count=Count("pk"),
            needed=Sum("area_needed"),
            donated=Sum("area_donated"),
            length=Sum("strip_length"),
        )
    )
    result: dict[Any, Progress] = defaultdict(Progress)
    for row in rows:
        result[row[key]].add(
            row["status"], row["count"], row["needed"], row["donated"], row["length"]
        )
    return result


def campaign_progress(campaign: Campaign) -> Progress:
    total = Progress()
    for progress in _grouped(campaign, "campaign_id").values():
        for status, count in progress.by_status.items():
            total.by_status[status] = total.by_status.get(status, 0) + count
        total.households += progress.households
        total.area_needed += progress.area_needed
        total.area_donated += progress.area_donated
        total.frontage += progress.frontage
        total.cleared += progress.cleared
    return total


def progress_by_campaign(campaign_ids: list[int]) -> dict[int, Progress]:
    """`campaign_progress` of many campaigns in one query, by campaign id."""
    households = Household.objects.filter(campaign_id__in=campaign_ids)
    found = _grouped_households(households, "campaign_id")
    return {pk: found.get(pk, Progress()) for pk in campaign_ids}


@dataclass
class SegmentProgress:
    segment: Segment
    progress: Progress


def segment_progress(campaign: Campaign) -> list[SegmentProgress]:
    grouped = _grouped(campaign, "segment_id")
    segments = campaign.segments.prefetch_related("hamlets").order_by("sort_order", "code")
    return [SegmentProgress(segment, grouped.get(segment.pk, Progress())) for segment in segments]


@dataclass
class HamletProgress:
    hamlet: Any
    progress: Progress


def hamlet_progress(campaign: Campaign) -> list[HamletProgress]:
    from xaso.communes.models import Hamlet

    grouped = _grouped(campaign, "hamlet_id")
    hamlets = Hamlet.objects.filter(pk__in=list(grouped)).order_by("sort_order", "name")
    return [HamletProgress(hamlet, grouped[hamlet.pk]) for hamlet in hamlets]


def stuck(
    households: QuerySet[Household], days: int | None = None, now: datetime.datetime | None = None
) -> QuerySet[Household]:
    """Households not finished whose status has not moved for `days` days, the longest first:
    for the committee to send someone."""
    since = (now or timezone.now()) - datetime.timedelta(days=days or stuck_days())
    return (
        households.exclude(status=Status.RECORDED)
        .filter(status_changed_at__lt=since)
        .annotate(last_visit=Max("visits__visited_on"))
        .order_by("status_changed_at", "code")
    )


@dataclass
class Workload:
    official: Any
    households: int
    open: int
    stuck: int


def workload(campaign: Campaign, days: int | None = None) -> list[Workload]:
    """Each assigned official's households: all, not finished, stuck."""
    since = timezone.now() - datetime.timedelta(days=days or stuck_days())
    not_done = ~Q(status=Status.RECORDED)
    rows = (
        Household.objects.filter(campaign=campaign, official__isnull=False)
        .order_by()
        .values("official_id")
        .annotate(
            total=Count("pk"),
            open=Count("pk", filter=not_done),
            stuck=Count("pk", filter=not_done & Q(status_changed_at__lt=since)),
        )
    )
    from xaso.communes.models import Official

    officials = Official.objects.in_bulk([row["official_id"] for row in rows])
    loads = [
        Workload(officials[row["official_id"]], row["total"], row["open"], row["stuck"])
        for row in rows
    ]
    return sorted(loads, key=lambda load: (-load.open, load.official.full_name))


@dataclass
class Contributions:
    households: int
    area: Decimal
    walls: Decimal
    gates: int
    trees: int
    cash_support: int
    in_kind_support: int
    rebuilt: int


def contributions(campaign: Campaign) -> Contributions:
    """What the households that handed over their sites gave, and the support they received:
    the disclosure of contributions (Law on Grassroots Democracy, Art. 11 item 5)."""
    given = Household.objects.filter(campaign=campaign, status__in=DONATED)
    totals = given.aggregate(
        households=Count("pk"),
        area=Sum("area_donated"),
        walls=Sum("wall_m"),
        gates=Sum("gates"),
        trees=Sum("trees"),
        cash=Sum("support_amount"),
        in_kind=Count("pk", filter=Q(support_kind=SupportKind.IN_KIND)),
        rebuilt=Count("pk", filter=Q(support_kind=SupportKind.REBUILT)),
    )
    return Contributions(
        households=totals["households"] or 0,
        area=totals["area"] or ZERO,
        walls=totals["walls"] or ZERO,
        gates=totals["gates"] or 0,
        trees=totals["trees"] or 0,
        cash_support=totals["cash"] or 0,
        in_kind_support=totals["in_kind"] or 0,
        rebuilt=totals["rebuilt"] or 0,
    )


@dataclass
class HonourLine:
    name: str
    hamlet: str
    area: Decimal


def honour_board(campaign: Campaign) -> list[HonourLine]:
    """Households that consented to be named and signed or gave: the name, the hamlet and the
    area only."""
    rows = (
        Household.objects.filter(campaign=campaign, honour_consent=True, status__in=HONOURED)
        .order_by("hamlet__sort_order", "hamlet__name", "head_name")
        .values_list("head_name", "hamlet__name", "area_donated", "area_needed", "status")
    )
    return [
        HonourLine(name, hamlet, donated if status in DONATED else needed)
        for name, hamlet, donated, needed, status in rows
    ]
