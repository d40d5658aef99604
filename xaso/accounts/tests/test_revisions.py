"""Revisions in a commune: the approver compares two versions, restores the older one and
publishes it, then unpublishes the page; each step is in the audit log with who and when."""

from __future__ import annotations

import pytest
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff

pytestmark = pytest.mark.django_db

FIRST = "Bà con thôn 9 hiến 1.200 m² đất làm đường."
SECOND = "Bà con thôn 9 hiến đất (số liệu đang rà soát)."


def test_compare_restore_publish_unpublish(client, commune, article):
    approver = make_staff(commune=commune, role=Role.APPROVER)
    article.lead = FIRST
    first = article.save_revision(user=approver)
    first.publish(user=approver)
    article.lead = SECOND
    second = article.save_revision(user=approver)
    client.force_login(approver)

    compare = client.get(
        f"/admin/pages/{article.pk}/revisions/compare/{first.pk}...{second.pk}/"
    ).content.decode()
    assert "1.200 m²" in compare and "đang rà soát" in compare
    assert "So sánh" in compare  # the admin speaks Vietnamese here too

    restore = client.get(f"/admin/pages/{article.pk}/revisions/{first.pk}/revert/")
    assert restore.status_code == 200 and "1.200 m²" in restore.content.decode()
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "lead": FIRST,
            "image": "",
            "image_caption": "",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung chi tiết.</p>"))]),
            "author": "Ban biên tập",
            "comments": inline_formset([]),
        }
    )
    data["action-publish"] = "1"
    response = client.post(f"/admin/pages/{article.pk}/revisions/{first.pk}/revert/", data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live and article.lead == FIRST

    response = client.post(f"/admin/pages/{article.pk}/unpublish/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live

    entries = PageLogEntry.objects.filter(page=article, user=approver)
    actions = list(entries.order_by("timestamp").values_list("action", flat=True))
    for action in ("wagtail.publish", "wagtail.revert", "wagtail.unpublish"):
        assert action in actions, actions
    assert all(e.data.get("commune") == commune.pk for e in entries)
    history = client.get(f"/admin/pages/{article.pk}/history/").content.decode()
    assert "Khôi phục" in history or "khôi phục" in history
    assert "Ngừng xuất bản" in history or "ngừng xuất bản" in history
