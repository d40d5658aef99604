"""Writes of the New Rural programme: loading a criteria set, the commune's programme, and each
assessment — whose "met" is computed here, from the indicator's kind and direction and the
threshold for the commune's group or region, never typed in."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from xaso.core.permissions import require_perm
from xaso.core.text import nfc

from .choices import GROUPS, REGIONS, Basis, Direction, IndicatorKind
from .models import Assessment, CriteriaSet, Criterion, Indicator, Programme, Threshold

DATA_DIR = Path(__file__).parent / "data"
ALL = "*"


def targets(criteria_set: CriteriaSet) -> dict[str, Any]:
    """The groups or regions a set's thresholds may name."""
    return dict(GROUPS) if criteria_set.basis == Basis.GROUP else dict(REGIONS)


def threshold_for(indicator: Indicator, applies_to: str) -> Threshold | None:
    found = {t.applies_to: t for t in indicator.thresholds.all()}
    return found.get(applies_to) or found.get(ALL)


def evaluate(
    indicator: Indicator,
    threshold: Threshold | None,
    *,
    number: Decimal | None = None,
    passed: bool | None = None,
    level: str = "",
) -> bool | None:
    """Whether the value meets the threshold: None when it cannot be told (no value, or no
    threshold for a measured indicator)."""
    if indicator.kind == IndicatorKind.PASS_FAIL:
        return passed
    if indicator.kind == IndicatorKind.LEVEL:
        levels = indicator.level_list
        if not level or threshold is None or not threshold.level:
            return None
        if level not in levels or threshold.level not in levels:
            return None
        return levels.index(level) >= levels.index(threshold.level)
    if number is None or threshold is None or threshold.value is None:
        return None
    if indicator.direction == Direction.AT_MOST:
        return number <= threshold.value
    return number >= threshold.value


def _check_value(indicator: Indicator, assessment: Assessment) -> None:
    kind = indicator.kind
    if kind == IndicatorKind.PASS_FAIL:
        if assessment.passed is None:
            raise ValidationError({"passed": _("Say whether the indicator is met.")})
    elif kind == IndicatorKind.LEVEL:
        if assessment.level not in indicator.level_list:
            raise ValidationError(
                {
                    "level": _("Choose one of the levels: %(levels)s.")
                    % {"levels": ", ".join(indicator.level_list)}
                }
            )
    else:
        if assessment.number is None:
            raise ValidationError({"number": _("Enter the value.")})
        if kind == IndicatorKind.PERCENT and not (0 <= assessment.number <= 100):
            raise ValidationError({"number": _("A percentage lies between 0 and 100.")})


@transaction.atomic
def assessment_save(*, user: Any | None = None, assessment: Assessment) -> Assessment:
    creating = assessment.pk is None
    require_perm(user, "ntm.add_assessment" if creating else "ntm.change_assessment")
    indicator = assessment.indicator
    programme = assessment.programme
    if indicator.criterion.criteria_set_id != programme.criteria_set_id:
        raise ValidationError(
            {"indicator": _("The indicator belongs to another criteria set than the programme.")}
        )
    if assessment.responsible is not None and (
        assessment.responsible.commune_id != programme.commune_id
    ):
        raise ValidationError({"responsible": _("The official works for another commune.")})
    _check_value(indicator, assessment)
    assessment.note = nfc(assessment.note)
    threshold = threshold_for(indicator, programme.applies_to)
    assessment.met = evaluate(
        indicator,
        threshold,
        number=assessment.number,
        passed=assessment.passed,
        level=assessment.level,
    )
    assessment.threshold_confirmed = bool(
        indicator.kind == IndicatorKind.PASS_FAIL or (threshold and threshold.confirmed)
    )
    if user is not None and user.is_authenticated:
        assessment.updated_by = user
    assessment.full_clean()
    assessment.save()
    log(instance=assessment, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return assessment


@transaction.atomic
def programme_save(*, user: Any | None = None, programme: Programme) -> Programme:
    creating = programme.pk is None
    require_perm(user, "ntm.add_programme" if creating else "ntm.change_programme")
    if programme.applies_to not in targets(programme.criteria_set):
        raise ValidationError(
            {
                "applies_to": _("Choose one of: %(targets)s.")
                % {"targets": ", ".join(targets(programme.criteria_set))}
            }
        )
    programme.full_clean()
    programme.save()
    log(instance=programme, action="wagtail.create" if creating else "wagtail.edit", user=user)
    return programme


@transaction.atomic
def threshold_save(*, user: Any | None = None, threshold: Threshold) -> Threshold:
    """An administrator enters or confirms a threshold; assessments under it are re-evaluated."""
    require_perm(user, "ntm.change_threshold")
    criteria_set = threshold.indicator.criterion.criteria_set
    if threshold.applies_to != ALL and threshold.applies_to not in targets(criteria_set):
        raise ValidationError({"applies_to": _("Unknown group or region.")})
    threshold.full_clean()
    threshold.save()
    log(instance=threshold, action="wagtail.edit", user=user)
    for assessment in Assessment.objects.filter(indicator=threshold.indicator).select_related(
        "programme", "indicator__criterion"
    ):
        current = threshold_for(assessment.indicator, assessment.programme.applies_to)
        assessment.met = evaluate(
            assessment.indicator,
            current,
            number=assessment.number,
            passed=assessment.passed,
            level=assessment.level,
        )
        assessment.threshold_confirmed = bool(current and current.confirmed)
        assessment.save(update_fields=["met", "threshold_confirmed"])
    return threshold


# Criteria sets as data -----------------------------------------------------------------------


def _decimal(value: Any, where: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise ValidationError(
            _("%(where)s: “%(value)s” is not a number.") % {"where": where, "value": value}
        ) from None


@transaction.atomic
def criteria_set_load(*, user: Any | None = None, data: dict[str, Any]) -> CriteriaSet:
    """Create a set from its data (the shipped JSON files, or a province's spreadsheet read by
    `spreadsheet.read_set`). A set that exists already is refused: sets are versioned, never
    overwritten."""
    require_perm(user, "ntm.add_criteriaset")
    if CriteriaSet.objects.filter(code=data.get("code")).exists():
        raise ValidationError(
            _(
                "A criteria set with the code “%(code)s” exists already; give the new version "
                "its own code."
            )
            % {"code": data.get("code")}
        )
    criteria_set = CriteriaSet(
        code=data.get("code", ""),
        name=nfc(data.get("name", "")),
        decision=nfc(data.get("decision", "")),
        level=data.get("level", ""),
        basis=data.get("basis", ""),
        first_year=data.get("first_year") or 0,
        last_year=data.get("last_year") or 0,
        notes=nfc(data.get("notes", "")),
    )
    criteria_set.full_clean()
    criteria_set.save()
    allowed = set(targets(criteria_set)) | {ALL}
    for c_index, item in enumerate(data.get("criteria", []), start=1):
        criterion = Criterion(
            criteria_set=criteria_set, number=item.get("number") or c_index, name=nfc(item["name"])
        )
        criterion.full_clean()
        criterion.save()
        for i_index, raw in enumerate(item.get("indicators", []), start=1):
            indicator = Indicator(
                criterion=criterion,
                code=raw.get("code") or f"{criterion.number}.{i_index}",
                name=nfc(raw["name"]),
                kind=raw.get("kind", IndicatorKind.PASS_FAIL),
                unit=nfc(raw.get("unit", "")),
                direction=raw.get("direction", Direction.AT_LEAST),
                levels=nfc(raw.get("levels", "")),
                source=raw.get("source", ""),
                sort_order=i_index,
            )
            indicator.full_clean()
            indicator.save()
            for target, spec in (raw.get("thresholds") or {}).items():
                if target not in allowed:
                    raise ValidationError(
                        _("Indicator %(code)s: unknown group or region “%(target)s”.")
                        % {"code": indicator.code, "target": target}
                    )
                spec = spec if isinstance(spec, dict) else {"value": spec}
                threshold = Threshold(
                    indicator=indicator,
                    applies_to=target,
                    value=_decimal(spec.get("value"), indicator.code),
                    level=nfc(spec.get("level", "")),
                    confirmed=bool(spec.get("confirmed", False)),
                    source=nfc(spec.get("source", "")),
                )
                threshold.full_clean()
                threshold.save()
    log(instance=criteria_set, action="wagtail.create", user=user)
    return criteria_set


def shipped_sets() -> list[dict[str, Any]]:
    return [
        json.loads(path.read_text(encoding="utf-8")) for path in sorted(DATA_DIR.glob("*.json"))
    ]


def shipped_sets_ensure() -> list[CriteriaSet]:
    """Load the sets shipped with xaso that are not in the database yet."""
    loaded = []
    for data in shipped_sets():
        existing = CriteriaSet.objects.filter(code=data["code"]).first()
        loaded.append(existing or criteria_set_load(data=data))
    return loaded
