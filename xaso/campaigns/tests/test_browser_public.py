"""The campaign's public page in Debian's Chromium, on a desktop and a small phone, with the map
tiles unreachable: the map draws one line per segment with a route (the rendered SVG paths, not
pixels), each with its label; the page passes an accessibility audit (WCAG 2.1 AA); without
JavaScript the tables say everything."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from xaso.testing.browser import assert_accessible

from .. import public
from .factories import make_public_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


@pytest.fixture
def site(live_server: Any, settings: Any) -> dict[str, Any]:
    # The real tile source, which the browser cannot reach (see _offline).
    settings.XASO_MAP_TILES_URL = OSM
    world = make_public_world()
    world["url"] = live_server.url + world["page"].get_url(None)
    return world


def _offline(context: Any, base: str) -> list[str]:
    """Every request to another host fails, as tiles do without a network; returns their
    addresses."""
    local = urlsplit(base).netloc
    refused: list[str] = []

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if urlsplit(url).netloc == local:
            request_route.continue_()
        else:
            refused.append(url)
            request_route.abort("internetdisconnected")

    context.route("**/*", route)
    return refused


def _check_map(page: Any, world: dict[str, Any]) -> None:
    segments = page.locator("[data-campaign-map] path[data-segment]")
    expect(segments).to_have_count(2)  # D3 has no route
    codes = sorted(segments.nth(i).get_attribute("data-segment") for i in range(2))
    assert codes == ["D1", "D2"]
    first = page.locator("[data-campaign-map] path[data-segment='D1']")
    assert first.get_attribute("stroke") == public.segment_colour(66)
    assert first.get_attribute("stroke-dasharray") in (None, "")
    second = page.locator("[data-campaign-map] path[data-segment='D2']")
    assert second.get_attribute("stroke-dasharray")  # 0 % cleared: the dashed band
    # Drawn, with a size on the screen, inside the map's box.
    box = first.bounding_box()
    assert box is not None and (box["width"] > 10 or box["height"] > 10)
    # Each segment's name is written on the map, not only in a tooltip.
    labels = page.locator("[data-campaign-map] [data-segment-label]")
    expect(labels).to_have_count(2)
    assert sorted(labels.all_inner_texts()) == ["D1 · Cổng làng – cầu Đá", "D2 · Cầu Đá – chợ"]
    # No household is ever a point on the public map.
    expect(page.locator("[data-campaign-map] [data-household-status]")).to_have_count(0)
    element = page.locator("[data-campaign-map]")
    expect(element).to_have_attribute("role", "region")
    expect(element).to_have_attribute("tabindex", "0")
    assert (
        element.get_attribute("aria-label")
        == public.progress_context(world["campaign"])["map_label"]
    )
    expect(page.locator("[data-map-fallback]")).to_have_count(0)
    expect(page.locator("[data-map-legend]")).to_be_visible()


def test_the_map_draws_the_segments_with_tiles_unreachable_and_passes_the_audit(site, desktop):
    refused = _offline(desktop, site["url"])
    page = desktop.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site["url"])
    _check_map(page, site)
    # The tiles were asked for, failed, and the segments stayed.
    expect(page.locator("[data-campaign-map]")).to_have_attribute("data-tiles-failed", "true")
    assert refused and all("tile.openstreetmap.org" in url for url in refused)
    assert errors == []
    # A segment's label on hover, as the table says it.
    page.locator("path[data-segment='D1']").hover(force=True)
    expect(page.locator(".leaflet-tooltip")).to_contain_text("D1")
    expect(page.locator(".leaflet-tooltip")).to_contain_text("66%")
    # The keyboard reaches the map, whose controls are in Vietnamese.
    page.locator("[data-campaign-map]").focus()
    expect(page.locator("[data-campaign-map]")).to_be_focused()
    assert_accessible(page)


def test_on_a_phone_the_map_and_tables_pass_the_audit(site, phone):
    _offline(phone, site["url"])
    page = phone.new_page()
    page.goto(site["url"])
    _check_map(page, site)
    rows = page.locator(".campaign-segments tbody tr")
    expect(rows).to_have_count(3)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360  # nothing wider than the phone
    assert_accessible(page)


def test_without_javascript_the_tables_say_everything(site, browser):
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    try:
        _offline(context, site["url"])
        page = context.new_page()
        page.goto(site["url"])
        expect(page.locator(".campaign-segments tbody tr")).to_have_count(3)
        expect(page.locator(".campaign-hamlets tbody tr")).to_have_count(2)
        expect(page.locator(".campaign-honour__line")).to_have_count(2)
        expect(page.locator("[data-map-fallback]")).to_be_visible()
        expect(page.locator("path[data-segment]")).to_have_count(0)
        expect(page.locator("[data-map-legend]")).to_be_hidden()
    finally:
        context.close()


def test_the_map_script_draws_household_points_by_status(live_server, desktop):
    """The staff dashboard's use of the same script: households as points, each marked with its
    status; a line without a route or an unreadable collection draws nothing and breaks
    nothing."""
    features = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [106.6651, 20.9301]},
                "properties": {"status": "signed", "label": "H0001"},
            },
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [106.6661, 20.9305]},
                "properties": {"status": "refused", "label": "H0002"},
            },
        ],
    }
    static = live_server.url + "/static/"
    page = desktop.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/robots.txt")  # any page of the site, for its origin
    page.set_content(
        f"""<!DOCTYPE html><html lang="vi"><head><title>Bản đồ</title>
        <link rel="stylesheet" href="{static}vendor/leaflet/leaflet.css"></head><body>
        <div id="ho" data-campaign-map data-features="ho-data" data-label="Các hộ"></div>
        <div id="hong" data-campaign-map data-features="hong-data" data-label="Hỏng"></div>
        <script type="application/json" id="ho-data">{json.dumps(features)}</script>
        <script type="application/json" id="hong-data">{{không phải JSON</script>
        <script src="{static}vendor/leaflet/leaflet.js"></script>
        <script src="{static}js/campaigns/map.js"></script></body></html>"""
    )
    points = page.locator("#ho [data-household-status]")
    expect(points).to_have_count(2)
    statuses = sorted(points.nth(i).get_attribute("data-household-status") for i in range(2))
    assert statuses == ["refused", "signed"]
    expect(page.locator("#ho")).to_have_attribute("data-map-ready", "true")
    expect(page.locator("#ho")).to_have_attribute("aria-label", "Các hộ")
    assert page.locator("#hong").get_attribute("data-map-ready") is None
    assert errors == []
