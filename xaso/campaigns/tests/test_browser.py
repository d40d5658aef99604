"""A canvassing official's day, in Debian's Chromium: the official finds a household assigned to
them that is being canvassed, records the visit in which the family agreed and moves it to
"đồng ý"; the dashboard and the public page count one more household taking part; the maps draw
every segment (the rendered layers, with no tile server reachable)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from xaso.demo.loader import DEMO_PASSWORD
from xaso.testing.browser import assert_accessible, log_in

from ..choices import Status
from ..models import Campaign, Household
from ..pages import CampaignPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SEGMENTS = ["TX", "TK", "THK", "QK", "T9", "T10"]


@pytest.fixture
def demo(demo_site: str) -> str:
    return demo_site


def _taking_part_public(page: Any) -> int:
    return int(page.locator("[data-figure=taking-part]").get_attribute("data-value"))


def _segments_drawn(page: Any) -> list[str]:
    layers = page.locator(".leaflet-overlay-pane path[data-segment]")
    expect(layers).to_have_count(len(SEGMENTS))
    return sorted(layers.evaluate_all("paths => paths.map(p => p.dataset.segment)"))


def test_an_official_records_a_visit_and_the_household_agrees(demo, desktop):
    household = (
        Household.objects.filter(official__user__username="vandong", status=Status.MOBILISING)
        .order_by("code")
        .first()
    )
    assert household is not None
    campaign = Campaign.objects.get()
    url = CampaignPage.objects.get(campaign=campaign).url

    # The public page before, with its map drawn though no tile can load.
    public = desktop.new_page()
    public.goto(demo + url)
    before = _taking_part_public(public)
    assert _segments_drawn(public) == sorted(SEGMENTS)

    official = desktop.new_page()
    log_in(official, demo, "vandong", DEMO_PASSWORD)
    official.goto(demo + "/admin/campaigns/")
    dashboard_before = int(official.locator("[data-total=taking_part]").inner_text())

    # Their households: only those assigned to them; the one being canvassed, by its code.
    official.goto(demo + "/admin/campaigns/households/")
    official.fill("#id_q", household.code)
    official.keyboard.press("Enter")
    official.locator("table.listing a", has_text=household.code).first.click()
    expect(official.locator("[data-status]").first).to_have_attribute("data-status", "mobilising")
    official.get_by_role("link", name="Ghi nhật ký gặp gỡ").first.click()
    official.fill("#id_people", "Vũ Đức Long, trưởng thôn")
    official.fill("#id_outcome", "Gia đình đồng ý hiến phần đất mặt đường, hẹn ký cam kết.")
    official.select_option("#id_move_to", "agreed")
    official.locator("form button[type=submit]").last.click()
    expect(official.locator(".messages")).to_contain_text(household.code)
    expect(official.locator("strong[data-status]")).to_have_attribute("data-status", "agreed")
    expect(official.locator(".campaigns-visits")).to_contain_text("hẹn ký cam kết")

    household.refresh_from_db()
    assert household.status == Status.AGREED
    assert household.visits.filter(outcome__contains="hẹn ký cam kết").exists()

    # The dashboard counts one more household taking part, and draws the segments.
    official.goto(demo + "/admin/campaigns/")
    assert int(official.locator("[data-total=taking_part]").inner_text()) == dashboard_before + 1
    assert _segments_drawn(official) == sorted(SEGMENTS)
    expect(
        official.locator(".leaflet-overlay-pane path[data-household-status]").first
    ).to_be_attached()
    assert_accessible(official)

    # So does the public page; and nothing of the household is on it.
    public.goto(demo + url)
    assert _taking_part_public(public) == before + 1
    text = public.locator("main").inner_text()
    assert household.phone not in text and household.address not in text
    assert_accessible(public)
