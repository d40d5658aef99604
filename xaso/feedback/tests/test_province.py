"""The province's roles on the feedback screens: the province viewer reads every commune's
figures (the dashboard, the roll-ups) and no resident's personal data (no submission's file, no
attachment, not the register); the province picks the commune the dashboard shows, a commune's
staff never get another commune's figures."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_province_viewer, make_staff
from xaso.testing.clients import commune_choices, log_in_province

from ..models import Attachment
from .factories import make_submission

pytestmark = pytest.mark.django_db

SENDER = {
    "sender_name": "Phạm Thị Nguyệt",
    "sender_phone": "0987 654 321",
    "sender_email": "nguyet@example.vn",
    "sender_address": "Xóm Chùa, thôn 4",
}


def _attach(submission):
    attachment = Attachment(submission=submission, name="anh.pdf", size=13)
    attachment.file.save("anh.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return attachment


def _counts(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return {dd["data-count"]: dd.get_text(strip=True) for dd in soup.select("[data-count]")}


def _page_text(response):
    return response.content.decode()


def test_the_province_viewer_reads_no_senders_data(client, commune, other_commune):
    mine = make_submission(commune, **SENDER)
    make_submission(other_commune)
    attachment = _attach(mine)
    viewer = make_province_viewer()
    assert not viewer.has_perm("feedback.view_submission")
    client.force_login(viewer)
    refused = [
        reverse("feedback_submissions:index"),
        reverse("feedback_submissions:inspect", args=[mine.pk]),
        reverse("feedback_attachment", args=[attachment.pk]),
    ]
    for url in refused:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert not any(value in _page_text(response) for value in SENDER.values()), url
    # Nothing was opened, so nothing is audited as read or exported.
    assert not ModelLogEntry.objects.filter(
        action__in=["feedback.view", "xaso.personal_data_export"]
    ).exists()


def test_the_province_viewer_still_has_the_figures(client, commune, other_commune):
    make_submission(commune, **SENDER)
    make_submission(commune)
    make_submission(other_commune)
    client.force_login(make_province_viewer())
    # The feedback dashboard: every commune's counts, linking to no register.
    dashboard = client.get(reverse("feedback_dashboard"))
    assert dashboard.status_code == 200
    assert _counts(dashboard)["open"] == "3"
    text = _page_text(dashboard)
    assert reverse("feedback_submissions:index") not in text
    assert not any(value in text for value in SENDER.values())
    # The menu opens on the dashboard.
    assert reverse("feedback_dashboard") in _page_text(client.get(reverse("wagtailadmin_home")))
    # The province's roll-ups: each commune's feedback figures.
    rollups = client.get("/admin/province/communes/")
    assert rollups.status_code == 200
    soup = BeautifulSoup(rollups.content.decode(), "html.parser")
    for place, count in ((commune, "2"), (other_commune, "1")):
        row = soup.select_one(f'tr[data-commune="{place.slug}"]')
        assert row.select_one('[data-figure="open"]').get_text(strip=True) == count


# The commune the dashboard shows --------------------------------------------------------------


@pytest.fixture
def two_communes(commune, other_commune):
    """Two open submissions in `commune`, one in `other_commune`."""
    make_submission(commune, **SENDER)
    make_submission(commune)
    make_submission(other_commune)
    return commune, other_commune


@pytest.mark.parametrize("who", ["viewer", "administrator"])
def test_the_province_picks_one_commune(client, two_communes, who):
    commune, other = two_communes
    log_in_province(client, who)
    url = reverse("feedback_dashboard")
    every = client.get(url)
    assert _counts(every)["open"] == "3"  # all the communes by default
    assert set(commune_choices(every)) >= {"", str(commune.pk), str(other.pk)}
    assert _counts(client.get(url, {"xa": commune.pk}))["open"] == "2"
    one = client.get(url, {"xa": other.pk})
    assert _counts(one)["open"] == "1"
    assert f'<option value="{other.pk}" selected>' in one.content.decode()
    if who == "administrator":
        # Who may open the register follows the figures to that commune's submissions.
        soup = BeautifulSoup(one.content.decode(), "html.parser")
        anchor = soup.select_one('[data-count="open"] a')
        assert anchor is not None
        link = str(anchor["href"])
        assert f"commune={other.pk}" in link
        listing = BeautifulSoup(client.get(link).content.decode(), "html.parser")
        assert len(listing.select("table.listing tbody tr")) == 1


def test_a_commune_officer_never_gets_another_communes_figures(client, two_communes):
    commune, other = two_communes
    client.force_login(make_staff(commune=commune, role=Role.FEEDBACK_OFFICER))
    url = reverse("feedback_dashboard")
    own = client.get(url)
    assert _counts(own)["open"] == "2" and commune_choices(own) == []  # one commune: no choice
    for wanted in (other.pk, "x"):
        response = client.get(url, {"xa": wanted})
        assert response.status_code == 200
        assert _counts(response)["open"] == "2"  # their own, not the other commune's one
        shown = [str(m).strip() for m in response.context["messages"]]
        assert shown == [
            _("That commune is not one you may see; your communes' figures are shown.")
        ]
        assert other.name not in response.content.decode()
    # The register's filter offers their commune alone: another's is not a choice (their own
    # submissions are listed).
    listing = client.get(reverse("feedback_submissions:index"), {"commune": other.pk})
    rows = BeautifulSoup(listing.content.decode(), "html.parser").select("table.listing tbody tr")
    assert len(rows) == 2
    assert other.name not in listing.content.decode()
