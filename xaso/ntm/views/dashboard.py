"""The New Rural dashboard in the admin: where the commune's programme stands in a year, criterion
by criterion, how it got there, and what is left to do.

`?ct=<programme id>` picks another programme of the user's communes (the latest started is
shown by default), `?nam=YYYY` the year; a value that is not one of those is ignored.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Max, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.accounts.scoping import user_commune_ids
from xaso.core import charts

from .. import reports, selectors
from ..models import Assessment, Programme
from ..reports import CriterionLine, IndicatorLine
from ..selectors import CriterionStatus, IndicatorStatus, Summary

VIEW_PERMISSION = "ntm.view_programme"
PROGRAMME_PARAM = "ct"
YEAR_PARAM = "nam"
STALE_MONTHS = 6


def may_view_dashboard(user: Any) -> bool:
    return bool(user.is_active and user.has_perm(VIEW_PERMISSION))


def user_programmes(user: Any) -> QuerySet[Programme]:
    """The programmes of the communes the user works for, the latest started first."""
    programmes = Programme.objects.select_related("commune", "criteria_set").order_by(
        "-started_on", "-pk"
    )
    ids = user_commune_ids(user)
    return programmes if ids is None else programmes.filter(commune_id__in=ids)


def _number(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) <= 9 else None


def pick_programme(request: HttpRequest) -> tuple[Programme | None, list[Programme]]:
    programmes = list(user_programmes(request.user))
    wanted = _number(request.GET.get(PROGRAMME_PARAM))
    chosen = next((p for p in programmes if p.pk == wanted), None)
    return chosen or (programmes[0] if programmes else None), programmes


def pick_year(request: HttpRequest, years: range, today: datetime.date) -> int:
    wanted = _number(request.GET.get(YEAR_PARAM))
    if wanted is not None and wanted in years:
        return wanted
    return reports.default_year(years, today)


def stale_months() -> int:
    return max(int(getattr(settings, "XASO_NTM_STALE_MONTHS", STALE_MONTHS)), 0)


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day `months` earlier (the month's last day when it is shorter)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (following - datetime.timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def _reverse(name: str, *args: Any) -> str | None:
    """A URL of a screen that may not be installed yet: None rather than an error."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


# What the template shows -----------------------------------------------------------------------


@dataclass
class YearPoint:
    year: int
    criteria_met: int
    indicators_met: int


@dataclass
class StaleLine:
    line: IndicatorLine
    updated_at: datetime.datetime


@dataclass
class ReportLink:
    label: str
    url: str


def progress(programme: Programme, summary: Summary, years: list[int]) -> list[YearPoint]:
    """Criteria and indicators met at the end of each year, from the indicators' history, the
    criterion rule being `selectors.CriterionStatus.met`."""
    history: dict[int, list[tuple[int, bool | None]]] = defaultdict(list)
    for indicator_id, year, met in (
        Assessment.objects.filter(programme=programme, year__lte=years[-1])
        .order_by("year")
        .values_list("indicator_id", "year", "met")
    ):
        history[indicator_id].append((year, met))
    points = []
    for year in years:
        criteria_met = indicators_met = 0
        for criterion in summary.criteria:
            statuses = []
            for each in criterion.indicators:
                known = [met for assessed, met in history[each.indicator.pk] if assessed <= year]
                assessment = Assessment(met=known[-1]) if known else None
                statuses.append(IndicatorStatus(indicator=each.indicator, assessment=assessment))
            status = CriterionStatus(criterion=criterion.criterion, indicators=statuses)
            criteria_met += 1 if status.met is True else 0
            indicators_met += sum(1 for each in statuses if each.met is True)
        points.append(YearPoint(year, criteria_met, indicators_met))
    return points


def progress_charts(points: list[YearPoint], ident: str = "ntm-progress") -> list[charts.Chart]:
    labels = [str(point.year) for point in points]
    criteria = charts.line_chart(
        ident=f"{ident}-criteria",
        title=_("Criteria met per year"),
        description=_("For each year: how many criteria were met at its end."),
        labels=labels,
        series=[charts.Series(_("Criteria met"), [p.criteria_met for p in points])],
    )
    indicators = charts.bar_chart(
        ident=f"{ident}-indicators",
        title=_("Indicators met per year"),
        description=_("For each year: how many indicators were met at its end."),
        labels=labels,
        series=[charts.Series(_("Indicators met"), [p.indicators_met for p in points])],
    )
    return [criteria, indicators]


def without_evidence(criteria: list[CriterionLine]) -> list[IndicatorLine]:
    """Assessed indicators whose latest value is backed by no document and no photo."""
    assessed = [line for c in criteria for line in c.indicators if line.assessment is not None]
    ids = [line.assessment.pk for line in assessed if line.assessment is not None]
    backed = set(
        Assessment.evidence.through.objects.filter(assessment_id__in=ids).values_list(
            "assessment_id", flat=True
        )
    ) | set(
        Assessment.photos.through.objects.filter(assessment_id__in=ids).values_list(
            "assessment_id", flat=True
        )
    )
    return [line for line in assessed if line.assessment and line.assessment.pk not in backed]


def stale(
    programme: Programme, criteria: list[CriterionLine], since: datetime.datetime
) -> list[StaleLine]:
    """Assessed indicators whose values (of any year) were last updated before `since`."""
    last = dict(
        Assessment.objects.filter(programme=programme)
        .order_by()
        .values("indicator_id")
        .annotate(last=Max("updated_at"))
        .values_list("indicator_id", "last")
    )
    return [
        StaleLine(line, last[line.indicator.pk])
        for criterion in criteria
        for line in criterion.indicators
        if line.indicator.pk in last and last[line.indicator.pk] < since
    ]


def report_links(programme: Programme, year: int) -> list[ReportLink]:
    links = []
    for fmt, name in (("xlsx", "Excel"), ("pdf", "PDF")):
        url = _reverse("ntm_report", programme.pk, year, fmt)
        if url is not None:
            links.append(
                ReportLink(
                    label=_("Self-assessment %(year)s, %(format)s")
                    % {"year": year, "format": name},
                    url=url,
                )
            )
    return links


def link_updates(user: Any, programme: Programme, year: int, lines: list[IndicatorLine]) -> None:
    """Give each line the screen where the user enters the year's value (a new one, the
    programme, indicator and year chosen) or corrects it, if they may."""
    may_add = user.has_perm("ntm.add_assessment")
    may_change = user.has_perm("ntm.change_assessment")
    add_url = _reverse("ntm_assessments:add")
    for line in lines:
        assessment = line.assessment
        if assessment is not None and assessment.year == year:
            url = _reverse("ntm_assessments:edit", assessment.pk) if may_change else None
        elif may_add and add_url is not None:
            query = urlencode(
                {"programme": programme.pk, "indicator": line.indicator.pk, "year": year}
            )
            url = f"{add_url}?{query}"
        else:
            url = None
        line.update_url = url or ""


def _counts(criteria: list[CriterionLine]) -> dict[str, dict[str, int]]:
    every = [line for criterion in criteria for line in criterion.indicators]
    return {
        "criteria": {
            value: sum(1 for c in criteria if c.state == value)
            for value in (reports.MET, reports.NOT_MET, reports.UNKNOWN)
        },
        "indicators": {
            value: sum(1 for line in every if line.state == value)
            for value in (reports.MET, reports.NOT_MET, reports.UNKNOWN)
        },
    }


def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not may_view_dashboard(user):
        raise PermissionDenied
    today = timezone.localdate()
    programme, programmes = pick_programme(request)
    context: dict[str, Any] = {
        "page_title": _("New Rural programme"),
        "header_title": _("New Rural programme"),
        "header_icon": "tasks",
        "programme": programme,
        "programmes": programmes if len(programmes) > 1 else [],
        "programme_param": PROGRAMME_PARAM,
        "year_param": YEAR_PARAM,
    }
    if programme is None:
        return render(request, "ntm/dashboard.html", context)
    years = reports.programme_years(programme)
    year = pick_year(request, years, today)
    summary = selectors.programme_summary(programme, year)
    criteria = reports.lines(summary)
    link_updates(user, programme, year, [line for c in criteria for line in c.indicators])
    months = stale_months()
    points = progress(programme, summary, list(range(years[0], year + 1)))
    context.update(
        {
            "page_subtitle": f"{programme.commune.name} – {year}",
            "year": year,
            "years": list(years),
            "applies_to": reports.applies_to_label(programme),
            "criteria": criteria,
            "counts": _counts(criteria),
            "charts": progress_charts(points),
            "without_evidence": without_evidence(criteria),
            "stale": stale(programme, criteria, months_before(timezone.now(), months)),
            "stale_months": months,
            "remaining": [c for c in criteria if c.state != reports.MET],
            "reports": report_links(programme, year),
            "may_change": user.has_perm("ntm.change_assessment"),
            "states": {
                "met": reports.state_label(reports.MET),
                "not_met": reports.state_label(reports.NOT_MET),
                "unknown": reports.state_label(reports.UNKNOWN),
            },
        }
    )
    return render(request, "ntm/dashboard.html", context)
