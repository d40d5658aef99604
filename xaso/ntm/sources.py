"""Indicators whose value another module supplies (e.g. the share of hamlet roads hardened, from
the road-widening campaigns): that module registers a source in its `ready()`; an indicator
names it in `Indicator.source`; `assessment_from_source` records the value like any other, so
history, evidence and "met" work the same. An indicator whose source is not installed is
entered by hand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .models import Assessment, Indicator, Programme

Value = Decimal | bool | str | None


@dataclass(frozen=True)
class Source:
    name: str
    label: str
    value: Callable[[Programme, int], Value]


_sources: dict[str, Source] = {}


def register(name: str, label: str, value: Callable[[Programme, int], Value]) -> None:
    _sources[name] = Source(name=name, label=label, value=value)


def get(name: str) -> Source | None:
    return _sources.get(name)


def assessment_from_source(
    *, user: Any | None = None, programme: Programme, indicator: Indicator, year: int
) -> Assessment | None:
    """Record this year's value from the indicator's source; None when it has none (or the
    source has no value yet)."""
    from .choices import IndicatorKind
    from .services import assessment_save

    source = get(indicator.source) if indicator.source else None
    if source is None:
        return None
    value = source.value(programme, year)
    if value is None:
        return None
    assessment = Assessment.objects.filter(
        programme=programme, indicator=indicator, year=year
    ).first() or Assessment(programme=programme, indicator=indicator, year=year)
    if indicator.kind == IndicatorKind.PASS_FAIL:
        assessment.passed = bool(value)
    elif indicator.kind == IndicatorKind.LEVEL:
        assessment.level = str(value)
    else:
        assessment.number = Decimal(str(value))
    assessment.note = assessment.note or source.label
    return assessment_save(user=user, assessment=assessment)
