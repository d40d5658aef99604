"""Reads of the New Rural programme: where a commune stands in a year, criterion by criterion."""

from __future__ import annotations

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
    criteria = list(
        Criterion.objects.filter(criteria_set=programme.criteria_set).prefetch_related(
            "indicators__thresholds"
        )
    )
    latest: dict[int, Assessment] = {}
    for assessment in (
        Assessment.objects.filter(programme=programme, year__lte=year)
        .order_by("indicator_id", "year")
        .select_related("responsible")
    ):
        latest[assessment.indicator_id] = assessment  # later years overwrite earlier ones
    statuses = []
    for criterion in criteria:
        status = CriterionStatus(criterion=criterion)
        for indicator in criterion.indicators.all():
            status.indicators.append(
                IndicatorStatus(
                    indicator=indicator,
                    assessment=latest.get(indicator.pk),
                    threshold=threshold_for(indicator, programme.applies_to),
                )
            )
        statuses.append(status)
    return Summary(programme=programme, year=year, criteria=statuses)


def evidence_is_public(document_id: int) -> bool:
    """The media library's document is evidence the commune chose to publish."""
    return Assessment.objects.filter(evidence=document_id, evidence_public=True).exists()
