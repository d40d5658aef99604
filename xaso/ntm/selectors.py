"""Reads of the New Rural programme: where a commune stands in a year, criterion by criterion."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .models import Assessment, Criterion, Indicator, Programme, Threshold
from .services import threshold_for


@dataclass
class IndicatorStatus:
    indicator: Indicator
    assessment: Assessment | None  # the latest up to the year, if any
    threshold: Threshold | None = None  # for the programme's group or region

    @property
    def met(self) -> bool | None:
        return self.assessment.met if self.assessment else None


@dataclass
class CriterionStatus:
    criterion: Criterion
    indicators: list[IndicatorStatus] = field(default_factory=list)

    @property
    def met(self) -> bool | None:
        """Met when every indicator is; not met as soon as one is not; else not yet known."""
        states = [status.met for status in self.indicators]
        if not states:
            return None
        if any(state is False for state in states):
            return False
        if all(state is True for state in states):
            return True
        return None


@dataclass
class Summary:
    programme: Programme
    year: int
    criteria: list[CriterionStatus]

    @property
    def met_count(self) -> int:
        return sum(1 for status in self.criteria if status.met is True)

    @property
    def remaining(self) -> list[CriterionStatus]:
        return [status for status in self.criteria if status.met is not True]


def programme_summary(programme: Programme, year: int) -> Summary:
    return programme_summaries([(programme, year)])[0]


def programme_summaries(wanted: list[tuple[Programme, int]]) -> list[Summary]:
    """`programme_summary` of many (programme, year) pairs, in three queries whatever their
    number (the province's roll-ups ask for every commune's at once)."""
    if not wanted:
        return []
    sets = {programme.criteria_set_id for programme, _year in wanted}
    criteria_by_set: dict[int, list[Criterion]] = defaultdict(list)
    for criterion in Criterion.objects.filter(criteria_set__in=sets).prefetch_related(
        "indicators__thresholds"
    ):
        criteria_by_set[criterion.criteria_set_id].append(criterion)
    years = {programme.pk: year for programme, year in wanted}
    latest: dict[int, dict[int, Assessment]] = defaultdict(dict)
    for assessment in (
        Assessment.objects.filter(programme__in=years, year__lte=max(years.values()))
        .order_by("programme_id", "indicator_id", "year")
        .select_related("responsible")
    ):
        if assessment.year <= years[assessment.programme_id]:
            # later years overwrite earlier ones
            latest[assessment.programme_id][assessment.indicator_id] = assessment
    summaries = []
    for programme, year in wanted:
        statuses = []
        for criterion in criteria_by_set[programme.criteria_set_id]:
            status = CriterionStatus(criterion=criterion)
            for indicator in criterion.indicators.all():
                status.indicators.append(
                    IndicatorStatus(
                        indicator=indicator,
                        assessment=latest[programme.pk].get(indicator.pk),
                        threshold=threshold_for(indicator, programme.applies_to),
                    )
                )
            statuses.append(status)
        summaries.append(Summary(programme=programme, year=year, criteria=statuses))
    return summaries


def evidence_is_public(document_id: int) -> bool:
    """The media library's document is evidence the commune chose to publish."""
    return Assessment.objects.filter(evidence=document_id, evidence_public=True).exists()
