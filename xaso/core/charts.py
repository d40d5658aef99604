"""Charts drawn on the server as SVG: no JavaScript, no library.

Each chart is an `<svg role="img">` with a `<title>` and a `<desc>`, scaled by its viewBox to
the width of its container (a phone's 360 px included), followed by a visually hidden table of
the same numbers for screen readers. Series are told apart by colour (each at least 3:1 against
the white background), and in line charts also by marker and dash. Every piece of text is
escaped. The functions take plain lists so any app can use them.
"""

from __future__ import annotations

import datetime
import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

# Contrast against white: 8.6, 6.5, 5.6, 7.0 and 6.3 to 1.
COLOURS = ("#1d4f91", "#b3261e", "#1e7a3c", "#6b3fa0", "#8a5300")
DASHES = ("", "8 4", "3 3", "10 3 3 3", "1 3")
MARKERS = ("circle", "square", "triangle", "diamond", "circle")
TEXT = "#1a1a1a"
GRID = "#c8c8c8"
HIDDEN_CLASS = "visually-hidden w-sr-only"

WIDTH = 480
PLOT_HEIGHT = 180
BOTTOM = 80  # room for the slanted month labels
RIGHT = 16
FONT = 16
LEGEND_LINE = 24

Value = float | int | None


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Value]


@dataclass(frozen=True)
class Chart:
    """The SVG and its table; in a template `{{ chart }}` prints both inside a figure."""

    svg: SafeString
    table: SafeString

    def __html__(self) -> SafeString:
        return format_html('<figure class="chart">{}{}</figure>', self.svg, self.table)

    def __str__(self) -> str:
        return self.__html__()


def month_label(month: datetime.date) -> str:
    """A month as written under a chart's axis: "T1/2026" in Vietnamese."""
    return pgettext("month on a chart axis", "%(month)s/%(year)s") % {
        "month": month.month,
        "year": month.year,
    }


def format_number(value: Value) -> str:
    if value is None:
        return "–"
    if float(value).is_integer():
        return number_format(int(value))
    return number_format(value, decimal_pos=1)


def nice_scale(highest: float, steps: int = 4) -> tuple[float, float]:
    """The top of the axis and its step: round numbers (1, 2 or 5 times a power of ten) with
    the highest value at or below the top."""
    if highest <= 0:
        return 1.0, 1.0
    raw = highest / steps
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    if highest >= 1 and step < 1:
        step = 1.0
    return float(step * math.ceil(highest / step - 1e-9)), float(step)


def _num(value: float) -> str:
    """A coordinate, short and locale-free."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _check(labels: Sequence[str], series: Sequence[Series]) -> None:
    if not series:
        raise ValueError("a chart needs at least one series")
    for one in series:
        if len(one.values) != len(labels):
            raise ValueError(f"series {one.name!r} has {len(one.values)} values, not {len(labels)}")


@dataclass
class _Frame:
    labels: Sequence[str]
    series: Sequence[Series]
    top: float
    left: float
    height: float
    maximum: float

    @property
    def plot_width(self) -> float:
        return WIDTH - self.left - RIGHT

    @property
    def bottom(self) -> float:
        return self.top + PLOT_HEIGHT

    def slot(self) -> float:
        return self.plot_width / max(len(self.labels), 1)

    def x_centre(self, index: int) -> float:
        return self.left + self.slot() * (index + 0.5)

    def y(self, value: float) -> float:
        return self.bottom - PLOT_HEIGHT * (value / self.maximum)


def _swatch(kind: str, number: int, x: float, y: float) -> str:
    """The legend's key for a series: a square for bars, the line with its marker for lines."""
    colour = COLOURS[number % len(COLOURS)]
    if kind == "bar":
        return f'<rect x="{_num(x)}" y="{_num(y + 3)}" width="14" height="14" fill="{colour}"/>'
    dash = DASHES[number % len(DASHES)]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{_num(x)}" x2="{_num(x + 22)}" y1="{_num(y + 10)}" y2="{_num(y + 10)}" '
        f'stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
        + _marker(MARKERS[number % len(MARKERS)], x + 11, y + 10, colour)
    )


def _frame(kind: str, labels: Sequence[str], series: Sequence[Series]) -> tuple[_Frame, list[str]]:
    """The scale, background, grid, axes, labels and legend shared by every chart."""
    values = [float(v) for one in series for v in one.values if v is not None]
    maximum, step = nice_scale(max(values, default=0.0))
    ticks = [step * i for i in range(round(maximum / step) + 1)]
    longest = max(len(format_number(t)) for t in ticks)
    top = 12 + LEGEND_LINE * len(series) + 12
    frame = _Frame(labels, series, top, max(36.0, 16 + 9 * longest), 0, maximum)
    frame.height = top + PLOT_HEIGHT + BOTTOM
    parts = [f'<rect width="{WIDTH}" height="{_num(frame.height)}" fill="#ffffff"/>']
    for index, one in enumerate(series):
        y = 12 + LEGEND_LINE * index
        parts.append(
            _swatch(kind, index, frame.left, y)
            + f'<text x="{_num(frame.left + 30)}" y="{y + 16}">{escape(one.name)}</text>'
        )
    for tick in ticks:
        level = _num(frame.y(tick))
        parts.append(
            f'<line x1="{_num(frame.left)}" x2="{WIDTH - RIGHT}" y1="{level}" y2="{level}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{_num(frame.left - 6)}" y="{level}" dy="0.35em" text-anchor="end">'
            f"{escape(format_number(tick))}</text>"
        )
    parts.append(
        f'<line x1="{_num(frame.left)}" x2="{WIDTH - RIGHT}" y1="{_num(frame.bottom)}" '
        f'y2="{_num(frame.bottom)}" stroke="{TEXT}" stroke-width="1"/>'
    )
    for index, label in enumerate(labels):
        x, below = _num(frame.x_centre(index)), _num(frame.bottom + 16)
        parts.append(
            f'<text x="{x}" y="{below}" text-anchor="end" transform="rotate(-40 {x} {below})">'
            f"{escape(label)}</text>"
        )
    return frame, parts


def _svg(ident: str, title: str, description: str, frame: _Frame, parts: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308 — every piece of text above went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" '
        f'viewBox="0 0 {WIDTH} {_num(frame.height)}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet" class="chart__svg" '
        f'font-family="sans-serif" font-size="{FONT}" fill="{TEXT}">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>' + "".join(parts) + "</svg>"
    )


def data_table(
    *, title: str, labels: Sequence[str], series: Sequence[Series], css_class: str = HIDDEN_CLASS
) -> SafeString:
    """The chart's numbers: a row per series, a column per label."""
    head = "".join(f'<th scope="col">{escape(label)}</th>' for label in labels)
    rows = "".join(
        f'<tr><th scope="row">{escape(one.name)}</th>'
        + "".join(f"<td>{escape(format_number(value))}</td>" for value in one.values)
        + "</tr>"
        for one in series
    )
    return mark_safe(  # noqa: S308 — built from escaped pieces
        f'<table class="{escape(css_class)}"><caption>{escape(title)}</caption>'
        f"<thead><tr><td></td>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def _tooltip(label: str, series: Series, value: Value) -> str:
    return f"<title>{escape(label)} – {escape(series.name)}: {escape(format_number(value))}</title>"


def bar_chart(
    *,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    ident: str | None = None,
    table_class: str = HIDDEN_CLASS,
) -> Chart:
    """Grouped bars: for each label, one bar per series side by side."""
    _check(labels, series)
    ident = ident or f"chart-{uuid.uuid4().hex[:8]}"
    frame, parts = _frame("bar", labels, series)
    group = frame.slot() * 0.8
    width = group / len(series)
    for index, label in enumerate(labels):
        start = frame.x_centre(index) - group / 2
        for number, one in enumerate(series):
            value = one.values[index]
            if value is None:
                continue
            y = frame.y(float(value))
            parts.append(
                f'<rect x="{_num(start + number * width)}" y="{_num(y)}" '
                f'width="{_num(max(width - 1, 1))}" height="{_num(frame.bottom - y)}" '
                f'fill="{COLOURS[number % len(COLOURS)]}">'
                f"{_tooltip(label, one, value)}</rect>"
            )
    return Chart(
        svg=_svg(ident, title, description, frame, parts),
        table=data_table(title=title, labels=labels, series=series, css_class=table_class),
    )


def _marker(kind: str, x: float, y: float, colour: str, inner: str = "") -> str:
    """A point of a line: circle, square, triangle or diamond, with `inner` (a tooltip)."""
    if kind == "square":
        tag = "rect"
        attrs = f'x="{_num(x - 4)}" y="{_num(y - 4)}" width="8" height="8"'
    elif kind in ("triangle", "diamond"):
        tag = "polygon"
        corners = (
            [(x, y - 5), (x + 5, y + 4), (x - 5, y + 4)]
            if kind == "triangle"
            else [(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)]
        )
        attrs = 'points="{}"'.format(" ".join(f"{_num(a)},{_num(b)}" for a, b in corners))
    else:
        tag = "circle"
        attrs = f'cx="{_num(x)}" cy="{_num(y)}" r="4"'
    return f'<{tag} {attrs} fill="{colour}">{inner}</{tag}>'


def line_chart(
    *,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    ident: str | None = None,
    table_class: str = HIDDEN_CLASS,
) -> Chart:
    """A line per series; a missing value (None) breaks the line."""
    _check(labels, series)
    ident = ident or f"chart-{uuid.uuid4().hex[:8]}"
    frame, parts = _frame("line", labels, series)
    for number, one in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        dash = DASHES[number % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        segment: list[str] = []
        segments = [segment]
        for index, value in enumerate(one.values):
            if value is None:
                segment = []
                segments.append(segment)
                continue
            segment.append(f"{_num(frame.x_centre(index))},{_num(frame.y(float(value)))}")
        for points in segments:
            if len(points) > 1:
                parts.append(
                    f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                    f'stroke-width="2.5"{dash_attr}/>'
                )
        kind = MARKERS[number % len(MARKERS)]
        for index, value in enumerate(one.values):
            if value is None:
                continue
            tooltip = _tooltip(labels[index], one, value)
            parts.append(
                _marker(kind, frame.x_centre(index), frame.y(float(value)), colour, tooltip)
            )
    return Chart(
        svg=_svg(ident, title, description, frame, parts),
        table=data_table(title=title, labels=labels, series=series, css_class=table_class),
    )
