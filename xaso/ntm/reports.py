"""The commune's self-assessment against its New Rural criteria for a year, as the commune files
it (Excel or PDF through `xaso.core.reports`), and the wording every screen shares: how a value,
a threshold and a status read.

The table is the usual one: No., criterion, indicator, target (the threshold for the commune's
group or region), result and assessment (met / not met). A criterion's row carries its own
assessment; its indicators follow it. A threshold not yet confirmed against the decision's text
says so wherever it is shown.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from xaso.core import reports as files
from xaso.core.reports import INTEGER, Column, Line, Section, Table

from .choices import Direction, IndicatorKind
from .models import Assessment, Indicator, Programme, Threshold
from .selectors import CriterionStatus, IndicatorStatus, Summary, programme_summary
from .services import targets

MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"
# Download names stay in the commune's own words whatever the interface language.
FILENAME_STEM = "tu-danh-gia-nong-thon-moi"


# Wording ---------------------------------------------------------------------------------------


def state(met: bool | None) -> str:
    if met is None:
        return UNKNOWN
    return MET if met else NOT_MET


def state_label(value: str) -> str:
    labels = {
        MET: pgettext("new rural assessment", "Met"),
        NOT_MET: pgettext("new rural assessment", "Not met"),
        UNKNOWN: pgettext("new rural assessment", "Not yet assessed"),
    }
    return labels[value]


def quantity(value: Decimal | float | int) -> str:
    """A value as few decimals as it needs, in the active language's style: 95, 89,5, 2,25."""
    number = Decimal(str(value))
    for decimals in (0, 1):
        if number == number.quantize(Decimal(1).scaleb(-decimals)):
            return files.number(number, decimals)
    return files.number(number, 2)


def with_unit(indicator: Indicator, value: Decimal) -> str:
    if indicator.kind == IndicatorKind.PERCENT:
        return f"{quantity(value)}%"
    return f"{quantity(value)} {indicator.unit}".strip()


def value_text(indicator: Indicator, assessment: Assessment | None) -> str:
    """The value as assessed: "95%", "80 triệu đồng", a level's name, met or not met."""
    if assessment is None:
        return "–"
    if indicator.kind == IndicatorKind.PASS_FAIL:
        return "–" if assessment.passed is None else state_label(state(assessment.passed))
    if indicator.kind == IndicatorKind.LEVEL:
        return assessment.level or "–"
    if assessment.number is None:
        return "–"
    return with_unit(indicator, assessment.number)


def threshold_text(indicator: Indicator, threshold: Threshold | None) -> str:
    """What the commune must reach: "≥ 90%", "≤ 3%", a level, or met for a pass/fail one."""
    if indicator.kind == IndicatorKind.PASS_FAIL:
        return state_label(MET)
    if indicator.kind == IndicatorKind.LEVEL:
        if threshold is None or not threshold.level:
            return _("not set")
        return _("at least %(level)s") % {"level": threshold.level}
    if threshold is None or threshold.value is None:
        return _("not set")
    sign = "≤" if indicator.direction == Direction.AT_MOST else "≥"
    return f"{sign} {with_unit(indicator, threshold.value)}"


def threshold_unconfirmed(indicator: Indicator, threshold: Threshold | None) -> bool:
    """A measured indicator's threshold not yet checked against the decision (or not set)."""
    if indicator.kind == IndicatorKind.PASS_FAIL:
        return False
    return threshold is None or not threshold.confirmed


def applies_to_label(programme: Programme) -> str:
    """The commune's group (2026–2030) or region (2021–2025) in words."""
    return str(targets(programme.criteria_set).get(programme.applies_to, programme.applies_to))


def programme_years(programme: Programme) -> range:
    """The years a programme can be looked at: its set's years, stretched to any assessed year
    outside them."""
    return years_by_programme([programme])[programme.pk]


def years_by_programme(programmes: list[Programme]) -> dict[int, range]:
    """`programme_years` of many programmes, in one query."""
    assessed: dict[int, list[int]] = {programme.pk: [] for programme in programmes}
    for programme_id, year in (
        Assessment.objects.filter(programme__in=assessed)
        .order_by()
        .values_list("programme_id", "year")
        .distinct()
    ):
        assessed[programme_id].append(year)
    found = {}
    for programme in programmes:
        criteria_set, years = programme.criteria_set, assessed[programme.pk]
        first = min([criteria_set.first_year, *years])
        last = max([criteria_set.last_year, *years])
        found[programme.pk] = range(first, last + 1)
    return found


def default_year(years: range, today: datetime.date) -> int:
    """This year, or the nearest year of the programme."""
    return min(max(today.year, years[0]), years[-1])


# Lines, as every screen shows them -------------------------------------------------------------


@dataclass
class IndicatorLine:
    status: IndicatorStatus
    # Where the user enters or corrects the value of the year shown (the dashboard sets it).
    update_url: str = ""

    @property
    def indicator(self) -> Indicator:
        return self.status.indicator

    @property
    def assessment(self) -> Assessment | None:
        return self.status.assessment

    @property
    def threshold(self) -> Threshold | None:
        return self.status.threshold

    @property
    def state(self) -> str:
        return state(self.status.met)

    @property
    def state_label(self) -> str:
        return state_label(self.state)

    @property
    def value(self) -> str:
        return value_text(self.indicator, self.assessment)

    @property
    def target(self) -> str:
        return threshold_text(self.indicator, self.threshold)

    @property
    def unconfirmed(self) -> bool:
        return threshold_unconfirmed(self.indicator, self.threshold)


@dataclass
class CriterionLine:
    status: CriterionStatus
    indicators: list[IndicatorLine]

    @property
    def state(self) -> str:
        return state(self.status.met)

    @property
    def state_label(self) -> str:
        return state_label(self.state)

    def _count(self, value: str) -> int:
        return sum(1 for line in self.indicators if line.state == value)

    @property
    def met_count(self) -> int:
        return self._count(MET)

    @property
    def not_met_count(self) -> int:
        return self._count(NOT_MET)

    @property
    def unknown_count(self) -> int:
        return self._count(UNKNOWN)

    @property
    def unconfirmed(self) -> list[IndicatorLine]:
        return [line for line in self.indicators if line.unconfirmed]

    @property
    def open_indicators(self) -> list[IndicatorLine]:
        """What stands between the criterion and "met": its indicators not met or not known."""
        return [line for line in self.indicators if line.state != MET]


def lines(summary: Summary) -> list[CriterionLine]:
    return [
        CriterionLine(status, [IndicatorLine(each) for each in status.indicators])
        for status in summary.criteria
    ]


# The report ------------------------------------------------------------------------------------


@dataclass
class Report:
    programme: Programme
    year: int
    today: datetime.date
    criteria: list[CriterionLine]

    @property
    def met_count(self) -> int:
        return sum(1 for line in self.criteria if line.state == MET)

    @property
    def remaining(self) -> list[CriterionLine]:
        return [line for line in self.criteria if line.state != MET]


def report_build(*, programme: Programme, year: int, today: datetime.date) -> Report:
    """Where the commune stands in `year`: each indicator's latest value up to that year."""
    return Report(
        programme=programme,
        year=year,
        today=today,
        criteria=lines(programme_summary(programme, year)),
    )


def _result(line: IndicatorLine, year: int) -> str:
    text = line.value
    if line.assessment is not None and line.assessment.year != year:
        text = f"{text} ({line.assessment.year})"  # carried over from an earlier year
    return text


def _target(line: IndicatorLine) -> str:
    if line.unconfirmed:
        return _("%(threshold)s (unconfirmed)") % {"threshold": line.target}
    return line.target


def _main_table(report: Report) -> Table:
    columns = [
        Column(_("No."), 6, INTEGER, align="center"),
        Column(_("Criterion"), 24),
        Column(_("Indicator"), 44),
        Column(_("Target"), 20),
        Column(_("Result"), 18),
        Column(_("Assessment"), 14, align="center"),
    ]
    rows: list[list[object]] = []
    for criterion in report.criteria:
        rows.append(
            [
                criterion.status.criterion.number,
                criterion.status.criterion.name,
                "",
                "",
                "",
                criterion.state_label,
            ]
        )
        for line in criterion.indicators:
            rows.append(
                [
                    None,
                    "",
                    f"{line.indicator.code}. {line.indicator.name}",
                    _target(line),
                    _result(line, report.year),
                    line.state_label,
                ]
            )
    return Table(columns=columns, rows=rows)


def _summary(report: Report) -> list[Section]:
    programme = report.programme
    total = len(report.criteria)
    counts = {
        value: sum(1 for line in report.criteria if line.state == value)
        for value in (MET, NOT_MET, UNKNOWN)
    }
    overview = [
        _(
            "%(met)s of %(total)s criteria met; %(not_met)s not met; %(unknown)s not yet "
            "assessed in full."
        )
        % {
            "met": files.number(counts[MET]),
            "total": files.number(total),
            "not_met": files.number(counts[NOT_MET]),
            "unknown": files.number(counts[UNKNOWN]),
        },
        _("Target: %(level)s by %(year)s.")
        % {"level": programme.get_target_level_display(), "year": programme.target_year},
    ]
    unconfirmed = [
        line.indicator.code for criterion in report.criteria for line in criterion.unconfirmed
    ]
    if unconfirmed:
        overview.append(
            _("Thresholds not yet confirmed against the decision: %(codes)s.")
            % {"codes": ", ".join(unconfirmed)}
        )
    remaining = []
    for criterion in report.remaining:
        codes = ", ".join(
            f"{line.indicator.code} ({line.state_label.lower()})"
            for line in criterion.open_indicators
        )
        remaining.append(f"- {criterion.status.criterion}: {codes}")
    return [
        Section(_("Overall result"), overview),
        Section(
            _("What remains to reach the target"),
            remaining or [_("Every criterion is met.")],
        ),
    ]


def title(year: int) -> str:
    return (
        _("Report on the self-assessment against the New Rural criteria in %(year)s")
        % {"year": year}
    ).upper()


def report_document(report: Report) -> files.Document:
    programme = report.programme
    commune = programme.commune
    return files.Document(
        title=title(report.year),
        issuer=[
            Line(_("People's Committee").upper()),
            Line(commune.full_name.upper(), bold=True),
            Line("*"),
        ],
        national=[
            Line(_("Socialist Republic of Vietnam").upper(), bold=True),
            Line(_("Independence – Freedom – Happiness"), bold=True, underline=True),
            Line(files.dated(commune.name, report.today), italic=True),
        ],
        subtitle=[
            programme.criteria_set.name,
            _("%(applies_to)s; target: %(level)s by %(year)s")
            % {
                "applies_to": applies_to_label(programme),
                "level": programme.get_target_level_display(),
                "year": programme.target_year,
            },
        ],
        blocks=[_main_table(report), *_summary(report)],
        recipients=[
            _("Recipients:"),
            "- " + _("The province's New Rural coordination office;"),
            "- " + _("The commune's Party committee and People's Council;"),
            "- " + _("Filed."),
        ],
        signature=[
            Line(_("On behalf of the People's Committee").upper(), bold=True),
            Line(_("Chairman").upper(), bold=True),
        ],
        landscape=False,
        sheet_title=str(report.year),
        author=commune.full_name,
    )


def filename(report: Report, fmt: str) -> str:
    """tu-danh-gia-nong-thon-moi-lien-khe-2026.xlsx"""
    commune = report.programme.commune
    return f"{FILENAME_STEM}-{slugify(commune.slug) or commune.pk}-{report.year}.{fmt}"
