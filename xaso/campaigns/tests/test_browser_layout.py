"""On a 360 px phone the campaign's figure boxes, public and on the staff dashboard, sit side by
side or one under another, never over each other, and their figures stay inside them (the demo's
campaign, whose figures are the longest: "2.466,8 / 5.720,7 m²")."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from xaso.campaigns.models import CampaignPage
from xaso.demo.loader import DEMO_PASSWORD
from xaso.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each box, and the boxes of the lines inside it (a figure's text, its bar), as the browser
# laid them out: the text's own box (a Range) where a line is taller than its element.
BOXES = """(selector) => Array.from(document.querySelectorAll(selector)).map((box) => {
  const rect = (r) => ({x: r.left, y: r.top, right: r.right, bottom: r.bottom});
  const parts = Array.from(box.querySelectorAll("dt, dd")).map((part) => {
    const range = document.createRange();
    range.selectNodeContents(part);
    const text = range.getBoundingClientRect();
    const own = part.getBoundingClientRect();
    return rect({
      left: Math.min(text.left, own.left), top: Math.min(text.top, own.top),
      right: Math.max(text.right, own.right), bottom: Math.max(text.bottom, own.bottom),
    });
  });
  return {box: rect(box.getBoundingClientRect()), parts: parts};
})"""


def _intersect(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        min(a["right"], b["right"]) - max(a["x"], b["x"]) > 0.5
        and min(a["bottom"], b["bottom"]) - max(a["y"], b["y"]) > 0.5
    )


def _inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (
        inner["x"] >= outer["x"] - 0.5
        and inner["right"] <= outer["right"] + 0.5
        and inner["y"] >= outer["y"] - 0.5
        and inner["bottom"] <= outer["bottom"] + 0.5
    )


def _assert_laid_out(page: Any, selector: str) -> None:
    found = page.evaluate(BOXES, selector)
    assert len(found) >= 3, selector
    for one, other in itertools.combinations(found, 2):
        assert not _intersect(one["box"], other["box"]), (selector, one["box"], other["box"])
    for item in found:
        assert item["box"]["x"] >= 0 and item["box"]["right"] <= 360, item["box"]
        for part in item["parts"]:
            assert _inside(part, item["box"]), (selector, part, item["box"])
        for part, next_part in itertools.combinations(item["parts"], 2):
            assert not _intersect(part, next_part), (selector, part, next_part)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_campaign_boxes_do_not_overlap_on_a_phone(demo_site, phone):
    page = phone.new_page()
    page.goto(demo_site + CampaignPage.objects.live().first().url)
    _assert_laid_out(page, ".campaign-figures > div")
    labels = page.locator("[data-segment-label]")
    assert labels.count() >= 1
    assert all(" · " in text for text in labels.all_inner_texts())

    log_in(page, demo_site, "chiendich", DEMO_PASSWORD)
    page.goto(demo_site + "/admin/campaigns/")
    _assert_laid_out(page, ".campaigns-totals > div")
