"""The demo's campaign: the main road and the five roads to the hamlets, a few hundred
households in every state, the demo logins of the lead and of a canvassing official."""

from __future__ import annotations

import pytest
from django.db.models import Count

from xaso.communes.models import Official

from .. import selectors
from ..choices import Status
from ..models import Campaign, Household

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def test_the_demo_campaign(demo_commune):
    campaign = Campaign.objects.get()
    segments = list(campaign.segments.values_list("code", "to_m"))
    assert segments == [("TX", 5000), ("TK", 1200), ("THK", 1000), ("QK", 900), ("T9", 800),
                        ("T10", 700)]  # fmt: skip
    assert all(segment.geometry for segment in campaign.segments.all())
    counts = dict(Household.objects.values_list("status").annotate(n=Count("pk")))
    assert sum(counts.values()) >= 200 and set(counts) == set(Status)
    # Every household's history leads where it stands.
    for household in Household.objects.exclude(status=Status.NOT_CONTACTED)[:40]:
        assert (
            household.status_changes.order_by("-changed_on", "-pk")[0].to_status == household.status
        )
    assert selectors.honour_board(campaign) and selectors.stuck(Household.objects.all()).exists()
    official = Official.objects.get(user__username="vandong")
    assert Household.objects.filter(official=official).exists()
