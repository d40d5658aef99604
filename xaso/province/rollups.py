"""The province's roll-ups: one row per commune with the figures each commune's own screens show
(the compliance panel, the feedback dashboard, the ratings report, the New Rural and campaign
dashboards, the latest news), read for every commune at once.

Each figure is asked of the app that owns it, through the function its own screen uses, in one
query (or a fixed few) for all the communes: the number of queries does not grow with the
number of communes.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Max, Q, QuerySet
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from xaso.about.compliance import GAPS, findings_by_commune, is_complete
from xaso.accounts.views import COMMUNE_PARAM
from xaso.campaigns import selectors as campaign_selectors
from xaso.campaigns.models import Campaign
from xaso.campaigns.views.dashboard import CAMPAIGN_PARAM
from xaso.communes.choices import CommuneKind
from xaso.communes.models import Commune
from xaso.feedback import selectors as feedback_selectors
from xaso.feedback.choices import OPEN
from xaso.feedback.models import Submission
from xaso.ntm import reports as ntm_reports
from xaso.ntm import selectors as ntm_selectors
from xaso.ntm.models import Programme
from xaso.ntm.views.dashboard import PROGRAMME_PARAM
from xaso.portal import selectors as portal_selectors
from xaso.portal.models import ArticlePage
from xaso.ratings import selectors as rating_selectors
from xaso.ratings.models import Rating
from xaso.ratings.views.report import DEFAULT_DAYS as RATING_DAYS

RECENT_DAYS = 30


@dataclass
class Row:
    commune: Commune
    complete: bool = False
    gaps: int = 0  # findings of the compliance panel that are gaps
    last_article: datetime.datetime | None = None
    recent_articles: int = 0
    open: int = 0
    overdue: int = 0
    late_to_forward: int = 0
    rating_average: float | None = None
    rating_count: int = 0
    programme: Programme | None = None
    criteria_met: int | None = None
    criteria_total: int | None = None
    campaign: Campaign | None = None
    progress: campaign_selectors.Progress | None = None
    links: list[tuple[str, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.commune.name

    @property
    def kind(self) -> str:
        return self.commune.kind

    @property
    def area_percent(self) -> int | None:
        return self.progress.area_percent if self.progress is not None else None


def communes() -> QuerySet[Commune]:
    """Every commune of the instance (the province's), with its site and home page."""
    return Commune.objects.select_related("site__root_page").order_by("name", "pk")


def _per_commune(records: QuerySet[Any]) -> dict[int, int]:
    """How many records each commune has, in one grouped query."""
    return dict(
        records.order_by()
        .values_list("commune_id")
        .annotate(count=Count("pk"))
        .values_list("commune_id", "count")
    )


def _articles(rows: dict[int, Row], now: datetime.datetime) -> None:
    """The latest live article of each commune's portal and those first published in the last
    30 days, as the portal lists them (`portal.selectors.live_articles`): one query per depth of
    the communes' home pages (one in practice)."""
    homes: dict[int, dict[str, int]] = {}
    for row in rows.values():
        site = row.commune.site
        if site is not None:
            homes.setdefault(len(site.root_page.path), {})[site.root_page.path] = row.commune.pk
    since = now - datetime.timedelta(days=RECENT_DAYS)
    for length, by_path in homes.items():
        articles = portal_selectors.public(ArticlePage.objects.live())
        grouped = (
            articles.annotate(home=Substr("path", 1, length))
            .filter(home__in=list(by_path))
            .order_by()
            .values("home")
            .annotate(
                last=Max("first_published_at"),
                recent=Count("pk", filter=Q(first_published_at__gte=since)),
            )
        )
        for found in grouped:
            row = rows[by_path[found["home"]]]
            row.last_article, row.recent_articles = found["last"], found["recent"]


def _feedback(rows: dict[int, Row], today: datetime.date) -> None:
    """The feedback dashboard's counts (`feedback.views.dashboard`), by commune."""
    submissions = Submission.objects.filter(commune__in=rows)
    figures: list[tuple[str, QuerySet[Submission]]] = [
        ("open", submissions.filter(status__in=OPEN)),
        ("overdue", feedback_selectors.overdue(submissions, today)),
        ("late_to_forward", feedback_selectors.late_to_forward(submissions, today)),
    ]
    for name, records in figures:
        for pk, count in _per_commune(records).items():
            setattr(rows[pk], name, count)


def rating_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The ratings report's default period: the last 90 days, today included."""
    return today - datetime.timedelta(days=RATING_DAYS - 1), today


def _ratings(rows: dict[int, Row], today: datetime.date) -> None:
    """The ratings report's totals (`ratings.selectors.totals`) over its default period."""
    start, end = rating_period(today)
    ratings = rating_selectors.in_period(Rating.objects.filter(commune__in=rows), start, end)
    for found in (
        ratings.order_by().values("commune_id").annotate(count=Count("pk"), average=Avg("score"))
    ):
        row = rows[found["commune_id"]]
        row.rating_count, row.rating_average = found["count"], found["average"]


def _latest_per_commune(records: QuerySet[Any]) -> dict[int, Any]:
    """The first record of each commune in the queryset's order."""
    latest: dict[int, Any] = {}
    for record in records:
        latest.setdefault(record.commune_id, record)
    return latest


def _new_rural(rows: dict[int, Row], today: datetime.date) -> None:
    """The New Rural dashboard's criteria met, for the programme and year it opens on (the
    latest started programme; this year, or the nearest year of the programme)."""
    programmes = _latest_per_commune(
        Programme.objects.filter(commune__in=rows)
        .select_related("criteria_set")
        .order_by("-started_on", "-pk")
    )
    years = ntm_reports.years_by_programme(list(programmes.values()))
    wanted = [(p, ntm_reports.default_year(years[p.pk], today)) for p in programmes.values()]
    for summary in ntm_selectors.programme_summaries(wanted):
        row = rows[summary.programme.commune_id]
        row.programme = summary.programme
        row.criteria_met = summary.met_count
        row.criteria_total = len(summary.criteria)


def _campaigns(rows: dict[int, Row]) -> None:
    """The campaign dashboard's totals (`campaigns.selectors.campaign_progress`) for the
    campaign it opens on (the latest started)."""
    campaigns = _latest_per_commune(
        Campaign.objects.filter(commune__in=rows).order_by("-started_on", "-pk")
    )
    progress = campaign_selectors.progress_by_campaign([c.pk for c in campaigns.values()])
    for commune_id, campaign in campaigns.items():
        rows[commune_id].campaign = campaign
        rows[commune_id].progress = progress[campaign.pk]


def _compliance(rows: dict[int, Row]) -> None:
    """The compliance panel's verdict (`about.compliance`)."""
    found = findings_by_commune([row.commune for row in rows.values()])
    for pk, findings in found.items():
        rows[pk].complete = is_complete(findings)
        rows[pk].gaps = sum(1 for finding in findings if finding.level in GAPS)


def _links(row: Row) -> None:
    site = row.commune.site
    if site is not None:
        row.links.append(("site", site.root_url))
    if row.programme is not None:
        query = urlencode({PROGRAMME_PARAM: row.programme.pk})
        row.links.append(("ntm", f"{reverse('ntm_dashboard')}?{query}"))
    if row.campaign is not None:
        query = urlencode({CAMPAIGN_PARAM: row.campaign.pk})
        row.links.append(("campaign", f"{reverse('campaigns_dashboard')}?{query}"))
    query = urlencode({COMMUNE_PARAM: row.commune.pk})
    row.links.append(("feedback", f"{reverse('feedback_dashboard')}?{query}"))
    row.links.append(("ratings", f"{reverse('ratings_report')}?{query}"))


def rollup_rows(
    communes_queryset: QuerySet[Commune] | None = None,
    *,
    now: datetime.datetime | None = None,
) -> list[Row]:
    """One row per commune, in name order."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    rows = {c.pk: Row(commune=c) for c in (communes_queryset or communes())}
    if rows:
        _compliance(rows)
        _articles(rows, now)
        _feedback(rows, today)
        _ratings(rows, today)
        _new_rural(rows, today)
        _campaigns(rows)
    for row in rows.values():
        _links(row)
    return list(rows.values())


# Filters and order ---------------------------------------------------------------------------


SORT_KEYS: dict[str, Callable[[Row], Any]] = {
    "name": lambda row: row.name.casefold(),
    "kind": lambda row: row.kind,
    "complete": lambda row: (row.complete, -row.gaps),
    "last_article": lambda row: row.last_article,
    "recent_articles": lambda row: row.recent_articles,
    "open": lambda row: row.open,
    "overdue": lambda row: row.overdue,
    "late_to_forward": lambda row: row.late_to_forward,
    "rating": lambda row: row.rating_average,
    "rating_count": lambda row: row.rating_count,
    "new_rural": lambda row: row.criteria_met,
    "campaign": lambda row: row.area_percent,
}


def filtered(
    rows: Sequence[Row], *, kind: str = "", incomplete: bool = False, overdue: bool = False
) -> list[Row]:
    if kind in CommuneKind.values:
        rows = [row for row in rows if row.kind == kind]
    if incomplete:
        rows = [row for row in rows if not row.complete]
    if overdue:
        rows = [row for row in rows if row.overdue > 0]
    return list(rows)


def ordered(rows: Sequence[Row], sort: str) -> list[Row]:
    """Sorted by the column `sort` names ("-name" descending); by name when it names none. Rows
    without a figure come last either way, then by name."""
    descending = sort.startswith("-")
    key = SORT_KEYS.get(sort.lstrip("-"))
    by_name = sorted(rows, key=SORT_KEYS["name"])
    if key is None:
        return by_name
    present = [row for row in by_name if key(row) is not None]
    missing = [row for row in by_name if key(row) is None]
    return sorted(present, key=key, reverse=descending) + missing
