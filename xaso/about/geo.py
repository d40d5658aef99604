"""A commune boundary given as GeoJSON, drawn as an inline SVG outline map.

Drawn on the server: no map library, no tiles fetched from a third party, nothing to download
on a slow link, and the map has a text alternative. Coordinates are projected with an
equirectangular projection scaled by the cosine of the middle latitude, which is exact enough
for an area the size of a commune.
"""

from __future__ import annotations

import json
import math
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

MAX_POINTS = 20_000
WIDTH = 600

Ring = list[tuple[float, float]]


class GeoJSONError(ValueError):
    pass


def _ring(raw: Any) -> Ring:
    if not isinstance(raw, list) or len(raw) < 4:
        raise GeoJSONError(_("Each ring of the boundary needs at least four points."))
    points: Ring = []
    for point in raw:
        if (
            not isinstance(point, list | tuple)
            or len(point) < 2
            or not all(isinstance(value, int | float) for value in point[:2])
        ):
            raise GeoJSONError(_("A point of the boundary is not a pair of numbers."))
        lon, lat = float(point[0]), float(point[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90) or math.isnan(lon) or math.isnan(lat):
            raise GeoJSONError(_("A point lies outside longitude −180…180 and latitude −90…90."))
        points.append((lon, lat))
    return points


MAX_DEPTH = 8  # a FeatureCollection of MultiPolygons nests 7 deep


def _depth(text: str) -> int:
    """How deeply arrays and objects nest, found before parsing: the JSON decoder would
    otherwise recurse as deep as the input asks."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                break
        elif char in "]}":
            depth -= 1
    return deepest


def parse_boundary(text: str) -> list[list[Ring]]:
    """Polygons (each a list of rings: the outline, then any holes)."""
    if _depth(text) > MAX_DEPTH:
        raise GeoJSONError(_("The boundary is not valid JSON."))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise GeoJSONError(_("The boundary is not valid JSON.")) from error
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features") or []
        geometries = [item.get("geometry") for item in features if isinstance(item, dict)]
    elif isinstance(data, dict) and data.get("type") == "Feature":
        geometries = [data.get("geometry")]
    else:
        geometries = [data]
    polygons: list[list[Ring]] = []
    for geometry in geometries:
        if not isinstance(geometry, dict):
            raise GeoJSONError(_("The boundary must be a Polygon or a MultiPolygon."))
        kind, coordinates = geometry.get("type"), geometry.get("coordinates")
        if kind == "Polygon" and isinstance(coordinates, list):
            polygons.append([_ring(ring) for ring in coordinates])
        elif kind == "MultiPolygon" and isinstance(coordinates, list):
            polygons.extend(
                [_ring(ring) for ring in polygon]
                for polygon in coordinates
                if isinstance(polygon, list)
            )
        else:
            raise GeoJSONError(_("The boundary must be a Polygon or a MultiPolygon."))
    if not polygons:
        raise GeoJSONError(_("The boundary must be a Polygon or a MultiPolygon."))
    if sum(len(ring) for polygon in polygons for ring in polygon) > MAX_POINTS:
        raise GeoJSONError(
            _("The boundary has more than %(count)s points; please simplify it.")
            % {"count": f"{MAX_POINTS:,}".replace(",", ".")}
        )
    return polygons


def boundary_svg(text: str, *, title: str) -> SafeString | None:
    """The outline as an accessible SVG, or None when there is no (valid) boundary."""
    if not text.strip():
        return None
    try:
        polygons = parse_boundary(text)
    except GeoJSONError:
        return None
    points = [point for polygon in polygons for ring in polygon for point in ring]
    lons = [lon for lon, _lat in points]
    lats = [lat for _lon, lat in points]
    scale_x = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * scale_x, 1e-9)
    span_y = max(max(lats) - min(lats), 1e-9)
    height = max(1, round(WIDTH * span_y / span_x))
    factor = WIDTH / span_x

    def project(lon: float, lat: float) -> str:
        x = (lon - min(lons)) * scale_x * factor
        y = (max(lats) - lat) * factor
        return f"{x:.1f},{y:.1f}"

    paths = "".join(
        '<path d="'
        + " ".join("M" + " L".join(project(*point) for point in ring) + " Z" for ring in polygon)
        + '"/>'
        for polygon in polygons
    )
    description = _("Outline of the commune's boundary, %(width)s km from west to east.") % {
        "width": f"{span_x * 111.32:.1f}".replace(".", ",")
    }
    return mark_safe(  # noqa: S308 — numbers and escaped text only
        f'<svg class="boundary-map" viewBox="-4 -4 {WIDTH + 8} {height + 8}" role="img" '
        f'aria-labelledby="boundary-title boundary-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="boundary-title">{escape(title)}</title>'
        f'<desc id="boundary-desc">{escape(description)}</desc>'
        f'<g fill="#f6e3c4" stroke="#8b1a1a" stroke-width="2" fill-rule="evenodd">{paths}</g>'
        "</svg>"
    )
